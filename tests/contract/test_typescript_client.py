"""A second client from the same spec: the TypeScript client in clients/typescript (types from
openapi-typescript, calls through openapi-fetch) runs VideoDB's flow against the sandbox.

It is compiled once per session with tsc in strict mode (a type error fails every test here),
then run with Node: get the collection, generate a video, poll the job, read the video.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests._servers import ROOT
from tests.conftest import SandboxFactory

pytestmark = pytest.mark.sandbox

CLIENT = ROOT / "clients" / "typescript"
TSC = ROOT / "mock" / "node_modules" / ".bin" / "tsc"
PROMPT = "A drone flying over a futuristic city"


@pytest.fixture(scope="session")
def flow_js() -> Iterator[Path]:
    """clients/typescript compiled by tsc (strict, no emit on error) into a fresh folder in dist/.

    The folder is inside clients/typescript so that Node finds its package.json (ES modules) and
    its node_modules (openapi-fetch) as it would for `dist/flow.js`.
    """
    (CLIENT / "dist").mkdir(exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="test-", dir=CLIENT / "dist"))
    try:
        compiled = subprocess.run(  # noqa: S603
            [str(TSC), "--project", str(CLIENT), "--outDir", str(out)],
            capture_output=True, text=True, timeout=120, check=False, cwd=ROOT,
        )  # fmt: skip
        assert compiled.returncode == 0, f"tsc failed:\n{compiled.stdout}{compiled.stderr}"
        yield out / "flow.js"
    finally:
        shutil.rmtree(out, ignore_errors=True)


def run_flow(
    flow: Path, base_url: str, api_key: str, *args: str
) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    assert node is not None, "Node (20 or later) is required: node is not on PATH"
    env = {**os.environ, "VIDEO_DB_API_KEY": api_key}
    env.pop("VIDEO_DB_BASE_URL", None)
    return subprocess.run(  # noqa: S603
        [node, str(flow), "--base-url", base_url, *args],
        capture_output=True, text=True, timeout=60, check=False, env=env,
    )  # fmt: skip


def printed(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert result.returncode == 0, f"the flow failed ({result.returncode}):\n{result.stderr}"
    lines = result.stdout.splitlines()
    assert len(lines) == 1, f"expected one JSON line, got:\n{result.stdout}"
    found: dict[str, Any] = json.loads(lines[0])
    return found


def made_by_the_job(base_url: str, api_key: str, job_id: str) -> str:
    """The id of the video the sandbox says the job made, in either finished shape."""
    answer = httpx.get(
        f"{base_url}/async-response/{job_id}", headers={"x-access-token": api_key}, timeout=10
    ).json()
    if answer["status"] == "done":
        return str(answer["data"]["id"])
    assert answer["status"] == "complete", answer
    return str(answer["response"]["data"]["id"])


def assert_the_video_of_the_job(found: dict[str, Any], base_url: str, api_key: str) -> None:
    assert found["id"].startswith("m-"), found
    assert found["stream_url"].endswith(".m3u8"), found
    assert found["collection_id"] == "default"
    assert found["job_id"].startswith("job-"), found
    assert found["id"] == made_by_the_job(base_url, api_key, found["job_id"])
    video = httpx.get(
        f"{base_url}/video/{found['id']}",
        params={"collection_id": "default"},
        headers={"x-access-token": api_key},
        timeout=10,
    ).json()["data"]
    assert found["stream_url"] == video["stream_url"]


def test_flow_against_the_sandbox_flat_shape(flow_js: Path, sandbox_url: str, api_key: str) -> None:
    found = printed(run_flow(flow_js, sandbox_url, api_key, "--prompt", PROMPT, "--duration", "6"))
    assert found["finished_shape"] == "flat"
    assert_the_video_of_the_job(found, sandbox_url, api_key)


def test_flow_polls_a_running_job_to_the_wrapped_shape(
    flow_js: Path, start_sandbox: SandboxFactory, api_key: str
) -> None:
    url = start_sandbox(
        "--finished-shape", "wrapped", "--running-status", "in progress", "--job-seconds", "0.6"
    )
    found = printed(run_flow(flow_js, url, api_key, "--prompt", PROMPT))
    assert found["finished_shape"] == "wrapped"
    assert found["polls"] >= 2, "the job was never seen running"
    assert_the_video_of_the_job(found, url, api_key)


@pytest.mark.parametrize("shape", ["flat", "wrapped"])
def test_a_failed_job_fails_the_flow(
    flow_js: Path, start_sandbox: SandboxFactory, api_key: str, shape: str
) -> None:
    url = start_sandbox("--finished-shape", shape, "--fault-rate", "fail=1")
    result = run_flow(flow_js, url, api_key)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "failed: The video could not be generated" in result.stderr


def test_an_unknown_key_is_an_http_error(
    flow_js: Path, start_sandbox: SandboxFactory, api_key: str
) -> None:
    url = start_sandbox("--api-key", api_key)
    result = run_flow(flow_js, url, "sk-not-the-key")
    assert result.returncode == 1
    assert "getCollection: HTTP 401" in result.stderr
    assert "sk-not-the-key" not in result.stderr
