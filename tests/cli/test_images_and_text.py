"""`videodb-gen image` and `videodb-gen text` against mocked answers: the download of `-o`
goes to the signed URL's origin without the API key and never leaves a partial file; text
prints as it is, or as JSON with `--json`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from .conftest import Cli

KEY = "sk-cli-unit-5a4b3c2d1e"
BASE = "https://api.videodb.io"
CDN = "https://cdn.example.net"
JOB = "job-1a2b3c"
IMAGE = {"id": "img-1a2b", "collection_id": "default", "width": 576, "height": 1024, "url": None}
SIGNED = f"{CDN}/images/img-1a2b.png?expires=1795600000&signature=secret-signature"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[respx.MockRouter]:
    monkeypatch.setenv("VIDEO_DB_API_KEY", KEY)
    with respx.mock(assert_all_called=False) as router:
        router.get(f"{BASE}/collection/default").respond(
            json={"success": True, "data": {"id": "default"}}
        )
        accepted = {"id": JOB, "output_url": f"{BASE}/async-response/{JOB}"}
        for kind in ("image", "text"):
            router.post(f"{BASE}/collection/default/generate/{kind}/").respond(
                json={"success": True, "status": "processing", "data": accepted}
            )
        router.post(f"{BASE}/image/img-1a2b/generate_url").respond(
            json={"success": True, "data": {"signed_url": SIGNED}}
        )
        yield router


def _finishes_with(api: respx.MockRouter, data: Any) -> None:
    api.get(f"{BASE}/async-response/{JOB}").respond(
        json={"success": True, "status": "done", "data": data}
    )


def test_image_o_downloads_from_the_signed_url_without_the_key(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    _finishes_with(api, IMAGE)
    cdn = api.get(url__startswith=f"{CDN}/images/").respond(content=PNG)
    target = tmp_path / "portrait.png"
    result = cli("image", "A lighthouse", "--aspect-ratio", "9:16", "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_bytes() == PNG
    assert "x-access-token" not in cdn.calls.last.request.headers
    keys = {call.request.url.host: call.request.headers.get("x-access-token") for call in api.calls}
    assert keys == {"api.videodb.io": KEY, "cdn.example.net": None}  # the API's calls had it
    assert "576x1024" in result.out
    assert str(target) in result.out
    sent = json.loads(api.calls[1].request.content)
    assert sent == {"prompt": "A lighthouse", "aspect_ratio": "9:16"}


def test_an_expired_download_is_exit_3_and_leaves_no_file(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    _finishes_with(api, IMAGE)
    api.get(url__startswith=f"{CDN}/images/").respond(
        403, json={"success": False, "message": "signed URL expired"}
    )
    target = tmp_path / "late.png"
    result = cli("image", "A lighthouse", "-o", str(target))
    assert result.code == 3
    assert "403" in result.err
    assert "/images/img-1a2b.png" in result.err
    assert "secret-signature" not in result.err
    assert list(tmp_path.iterdir()) == []


def test_image_json_prints_the_image_and_the_file(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    _finishes_with(api, IMAGE)
    api.get(url__startswith=f"{CDN}/images/").respond(content=PNG)
    target = tmp_path / "square.png"
    result = cli("image", "A lighthouse", "-o", str(target), "--json")
    assert result.code == 0, result.err
    printed = json.loads(result.out)
    assert printed["id"] == "img-1a2b"
    assert printed["file"] == str(target)


def test_text_prints_the_text_as_it_is(cli: Cli, api: respx.MockRouter) -> None:
    _finishes_with(api, {"output": "Every cup, a fresh start.\nTwo lines."})
    result = cli("text", "A tagline", "--model", "pro")
    assert result.code == 0, result.err
    assert result.out == "Every cup, a fresh start.\nTwo lines.\n"
    sent = json.loads(api.calls[1].request.content)
    assert sent == {"prompt": "A tagline", "model_name": "pro", "response_type": "text"}


def test_text_json_asks_for_an_object_and_prints_it(cli: Cli, api: respx.MockRouter) -> None:
    _finishes_with(api, {"output": {"names": ["Dawn", "Crema"]}})
    result = cli("text", "Two names", "--json", "--max-tokens", "20", "--temperature", "0.5")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {"names": ["Dawn", "Crema"]}
    sent = json.loads(api.calls[1].request.content)
    assert sent["response_type"] == "json"
    assert (sent["max_tokens"], sent["temperature"]) == (20, 0.5)


def test_text_answered_at_once_needs_no_job(cli: Cli, api: respx.MockRouter) -> None:
    api.post(f"{BASE}/collection/default/generate/text/").respond(
        json={"success": True, "data": {"output": "at once"}}
    )
    result = cli("text", "Say it", "--no-wait")
    assert (result.code, result.out) == (0, "at once\n")


def test_job_wait_prints_an_image_job_s_image(cli: Cli, api: respx.MockRouter) -> None:
    _finishes_with(api, IMAGE)
    result = cli("job", JOB, "--wait", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["id"] == "img-1a2b"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["image", "p", "--aspect-ratio", "2:1"], "--aspect-ratio"),
        (["image", "p", "-o", "/no/such/dir/x.png"], "-o/--output"),
        (["image", "p", "-o", "x.png", "--no-wait"], "-o/--output"),
        (["text", "p", "--model", ""], "--model"),
        (["text", "p", "--temperature", "nan"], "--temperature"),
        (["text", "p", "--max-tokens", "0"], "--max-tokens"),
    ],
)
def test_bad_arguments_are_exit_2_before_any_request(
    cli: Cli, api: respx.MockRouter, argv: list[str], named: str
) -> None:
    result = cli(*argv)
    assert result.code == 2
    assert named in result.err
    assert not api.calls


def test_a_download_that_cannot_connect_is_exit_3(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    _finishes_with(api, IMAGE)
    api.get(url__startswith=f"{CDN}/images/").mock(side_effect=httpx.ConnectError("refused"))
    result = cli("image", "A lighthouse", "-o", str(tmp_path / "x.png"))
    assert result.code == 3
    assert list(tmp_path.iterdir()) == []


def test_job_shows_a_finished_image_job_and_a_text_job(cli: Cli, api: respx.MockRouter) -> None:
    _finishes_with(api, IMAGE)
    image_job = cli("job", JOB)
    assert image_job.code == 0, image_job.err
    assert "img-1a2b" in image_job.out
    _finishes_with(api, {"output": {"names": ["Dawn"]}})
    text_job = cli("job", JOB)
    assert text_job.code == 0, text_job.err
    assert text_job.out.splitlines()[:2] == [f"job     {JOB}", "status  done"]
    assert '"names"' in text_job.out  # the object, printed as JSON after the job's rows
