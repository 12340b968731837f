"""The URLs handed out are built from the public base URL."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import SandboxFactory
from tests.sandbox.conftest import AUTH, GENERATE

API_PREFIXES = ("/collection/", "/async-response/", "/video/")


def _urls(url: str) -> tuple[str, dict[str, str]]:
    with httpx.Client(base_url=url, headers=AUTH, timeout=10) as client:
        job = client.post(GENERATE, json={"prompt": "x"}).json()["data"]
        video = client.get(f"/async-response/{job['id']}").json()["data"]
    return job["output_url"], video


def test_urls_default_to_the_listening_address(sandbox_url: str) -> None:
    output_url, video = _urls(sandbox_url)
    assert output_url.startswith(f"{sandbox_url}/async-response/job-")
    for key in ("stream_url", "player_url", "thumbnail_url"):
        assert video[key].startswith(f"{sandbox_url}/")
    assert video["stream_url"].endswith(".m3u8")


def test_urls_follow_the_public_base_url(start_sandbox: SandboxFactory) -> None:
    public = "https://videodb.example:8443/sandbox"
    url = start_sandbox("--public-base-url", public + "/")
    output_url, video = _urls(url)
    assert output_url.startswith(f"{public}/async-response/job-")
    for key in ("stream_url", "player_url", "thumbnail_url"):
        assert video[key].startswith(f"{public}/"), video[key]
    assert video["stream_url"].endswith(".m3u8")


def test_media_urls_are_outside_the_api_paths(sandbox_url: str) -> None:
    _, video = _urls(sandbox_url)
    for key in ("stream_url", "player_url", "thumbnail_url"):
        path = httpx.URL(video[key]).path
        assert not path.startswith(API_PREFIXES), path
        response = httpx.get(video[key], headers=AUTH, timeout=10)
        assert response.status_code == 404
        assert response.json()["success"] is False


def test_any_port_and_all_interfaces(tmp_path: Path) -> None:
    """`--host 0.0.0.0 --port 0`: it prints the bound address; handed-out URLs still work."""
    cmd = [sys.executable, "-m", "videodb_mock", "--host", "0.0.0.0", "--port", "0"]
    log = tmp_path / "sandbox.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        try:
            deadline = time.monotonic() + 30
            while "listening on" not in log.read_text():
                assert proc.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.05)
            line = next(x for x in log.read_text().splitlines() if "listening on" in x)
            port = int(line.rsplit(":", 1)[1])
            assert line == f"videodb sandbox listening on http://0.0.0.0:{port}"
            output_url, _ = _urls(f"http://127.0.0.1:{port}")
            assert output_url.startswith(f"http://127.0.0.1:{port}/async-response/")
        finally:
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=15) == 0
