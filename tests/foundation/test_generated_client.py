"""The generated client: in step with the spec, and typed models back from every operation."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from videodb_api import AuthenticatedClient
from videodb_api.api.collection import get_collection
from videodb_api.api.generation import generate_video, get_async_response
from videodb_api.api.video import get_video
from videodb_api.models import (
    CollectionResponse,
    ErrorResponse,
    GenerateVideoRequest,
    GenerationStarted,
    JobComplete,
    JobDone,
    JobFailed,
    JobRunning,
    Video,
    VideoResponse,
)

from tests._servers import ROOT, SPEC

GENERATED = ROOT / "generated_client" / "videodb_api"


def _differences(left: Path, right: Path) -> list[str]:
    cmp = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found = [f"only in the committed client: {n}" for n in cmp.left_only]
    found += [f"only in a fresh generation: {n}" for n in cmp.right_only]
    found += [f"differs: {n}" for n in cmp.diff_files]
    for sub in cmp.common_dirs:
        found += [f"{sub}/{d}" for d in _differences(left / sub, right / sub)]
    return found


def test_generated_client_matches_the_spec(tmp_path: Path) -> None:
    """Drift check: generating from the committed spec gives the committed client, file for file."""
    out = tmp_path / "videodb_api"
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(  # noqa: S603
        [
            str(bin_dir / "openapi-python-client"), "generate",
            "--path", str(SPEC),
            "--config", str(ROOT / "openapi" / "generator.yaml"),
            "--custom-template-path", str(ROOT / "openapi" / "templates"),
            "--meta", "none",
            "--output-path", str(out),
        ],
        check=True, capture_output=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert _differences(GENERATED, out) == [], "run `make generate` and commit the result"


@pytest.fixture
def client(prism_url: str, api_key: str) -> Iterator[AuthenticatedClient]:
    with AuthenticatedClient(
        base_url=prism_url, token=api_key, prefix="", auth_header_name="x-access-token"
    ) as c:
        yield c


def test_get_collection(client: AuthenticatedClient) -> None:
    parsed = get_collection.sync(collection_id="default", client=client)
    assert isinstance(parsed, CollectionResponse)
    assert parsed.data.id == "default"


def test_generate_video(client: AuthenticatedClient) -> None:
    body = GenerateVideoRequest(prompt="A drone flying over a futuristic city", duration=6)
    parsed = generate_video.sync(collection_id="default", client=client, body=body)
    assert isinstance(parsed, GenerationStarted)
    assert parsed.data.id.startswith("job-")
    assert parsed.data.output_url.startswith("https://")


def test_generate_video_rejects_an_invalid_body(client: AuthenticatedClient) -> None:
    body = GenerateVideoRequest(prompt="p", duration=9)
    response = generate_video.sync_detailed(collection_id="default", client=client, body=body)
    assert 400 <= response.status_code < 500
    assert isinstance(response.parsed, ErrorResponse)
    assert response.parsed.success is False


@pytest.mark.parametrize(
    ("example", "model"),
    [
        ("processing", JobRunning),
        ("inProgress", JobRunning),
        ("done", JobDone),
        ("complete", JobComplete),
        ("failed", JobFailed),
        ("failedWrapped", JobComplete),
    ],
)
def test_poll_parses_every_shape(client: AuthenticatedClient, example: str, model: type) -> None:
    job_client = client.with_headers({"Prefer": f"example={example}"})
    parsed = get_async_response.sync(job_id="job-5b1c0a3e9d2f4e67", client=job_client)
    assert isinstance(parsed, model)


def test_finished_job_carries_a_video(client: AuthenticatedClient) -> None:
    done = get_async_response.sync(
        job_id="job-1", client=client.with_headers({"Prefer": "example=done"})
    )
    assert isinstance(done, JobDone)
    assert isinstance(done.data, Video)
    assert done.data.id.startswith("m-")
    assert done.data.stream_url.endswith(".m3u8")
    wrapped = get_async_response.sync(
        job_id="job-1", client=client.with_headers({"Prefer": "example=complete"})
    )
    assert isinstance(wrapped, JobComplete)
    assert isinstance(wrapped.response, VideoResponse)
    assert wrapped.response.data.length == "6.0"


def test_get_video(client: AuthenticatedClient) -> None:
    parsed = get_video.sync(video_id="m-z3f8a6c1b2d4e5f6", client=client, collection_id="default")
    assert isinstance(parsed, VideoResponse)
    assert parsed.data.id.startswith("m-")


def test_missing_key_is_401(prism_url: str) -> None:
    response = httpx.get(f"{prism_url}/collection/default")
    assert response.status_code == 401
    assert response.json()["success"] is False
