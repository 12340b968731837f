"""The main job, offline: generate a video from a prompt and print its id and stream URL.

Starts Prism (a mock of openapi/videodb.yaml) on a free port, drives the whole workflow through
the generated client (generate, poll until finished, read the video), prints the `m-` id and the
stream URL, and stops Prism.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from videodb_api import AuthenticatedClient
from videodb_api.api.collection import get_collection
from videodb_api.api.generation import generate_video, get_async_response
from videodb_api.api.video import get_video
from videodb_api.models import (
    CollectionResponse,
    GenerateVideoRequest,
    GenerateVideoResponse,
    JobDone,
    VideoResponse,
)

ROOT = Path(__file__).resolve().parent.parent
PROMPT = "A drone flying over a futuristic city"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_prism(port: int) -> subprocess.Popen[bytes]:
    prism = ROOT / "mock" / "node_modules" / ".bin" / "prism"
    spec = ROOT / "openapi" / "videodb.yaml"
    cmd = [str(prism), "mock", "--host", "127.0.0.1", "--port", str(port), "--errors", str(spec)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(
                f"http://127.0.0.1:{port}/collection/default", headers={"x-access-token": "demo"}
            )
        except httpx.TransportError:
            time.sleep(0.2)
        else:
            return proc
    proc.kill()
    raise SystemExit("Prism did not start within 60 s")


def main() -> int:
    port = free_port()
    prism = start_prism(port)
    base_url = f"http://127.0.0.1:{port}"
    try:
        client = AuthenticatedClient(
            base_url=base_url, token="sk-demo", prefix="", auth_header_name="x-access-token"
        )
        with client:
            collection = get_collection.sync(collection_id="default", client=client)
            assert isinstance(collection, CollectionResponse)
            job = generate_video.sync(
                collection_id="default",
                client=client,
                body=GenerateVideoRequest(prompt=PROMPT, duration=6),
            )
            assert isinstance(job, GenerateVideoResponse)
            print(f"collection {collection.data.id}: generating {PROMPT!r}, job {job.data.id}")
            # Prism keeps no state: ask for its finished example instead of waiting forever.
            # (A separate client: `with_headers` on an open client changes its shared headers.)
            finished_client = AuthenticatedClient(
                base_url=base_url,
                token="sk-demo",
                prefix="",
                auth_header_name="x-access-token",
                headers={"Prefer": "example=done"},
            )
            with finished_client:
                finished = get_async_response.sync(job_id=job.data.id, client=finished_client)
            assert isinstance(finished, JobDone)
            video = get_video.sync(
                video_id=finished.data.id, client=client, collection_id="default"
            )
            assert isinstance(video, VideoResponse)
        if not video.data.id.startswith("m-"):
            raise SystemExit(f"unexpected video id {video.data.id!r}")
        print(f"video id:   {video.data.id}")
        print(f"stream_url: {video.data.stream_url}")
        return 0
    finally:
        prism.terminate()
        prism.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
