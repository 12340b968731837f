"""VideoDB's official Node client (0.2.0) works against the sandbox unchanged: every generation
call, and a video's own calls (a stream of parts, thumbnails, a download), whose media are
then checked as they are served."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import av
import httpx
import PIL.Image

from tests._servers import ROOT, TEST_API_KEY
from tests.conftest import SandboxFactory

SCRIPT = Path(__file__).parent / "node" / "official_client.cjs"
NODE_MODULES = ROOT / "mock" / "node_modules"


def _run_node(base_url: str, script: str = SCRIPT.name) -> dict[str, Any]:
    """What the script `script` (of `node/`) printed, run with the official client against
    `base_url`."""
    node = shutil.which("node")
    assert node is not None, "Node (20 or later) is required: node is not on PATH"
    assert (NODE_MODULES / "videodb").is_dir(), "run make setup: mock/node_modules has no videodb"
    done = subprocess.run(  # noqa: S603 - our own script, with the official client
        [node, str(SCRIPT.with_name(script)), base_url, TEST_API_KEY],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _seconds(url: str) -> float:
    """How long the stream at `url` plays: its last decoded frame's end."""
    end = 0.0
    with av.open(url, "r", timeout=30) as container:
        for frame in container.decode(video=0):
            if frame.time is not None and frame.duration is not None and frame.time_base:
                end = max(end, frame.time + float(frame.duration * frame.time_base))
    return end


def test_the_official_node_client_runs_every_call(start_sandbox: SandboxFactory) -> None:
    # Jobs end at once: the Node client polls every few seconds, and no test waits for that.
    url = start_sandbox("--media", "render", "--job-seconds", "0")
    out = _run_node(url)
    video = out["video"]
    assert video["id"].startswith("m-")
    assert video["length"] == 6.0
    assert out["image"]["id"].startswith("img-")
    assert isinstance(out["text"]["output"], str)
    assert out["text"]["output"]
    assert [audio_id[:2] for audio_id in out["audio"]] == ["a-", "a-", "a-"]
    assert out["dubbed"]["id"].startswith("m-")
    assert out["dubbed"]["id"] != video["id"]
    assert out["whole"] == video["streamUrl"]
    assert out["parts"].startswith(url)
    assert out["parts"] != video["streamUrl"]
    assert abs(_seconds(out["parts"]) - 4.0) < 0.1
    assert httpx.get(out["thumbnailUrl"]).status_code == 200
    assert out["still"]["id"].startswith("img-")
    download = out["download"]
    assert download["status"] == "done"
    mp4 = httpx.get(download["downloadUrl"], timeout=60)
    assert mp4.status_code == 200
    with av.open(io.BytesIO(mp4.content)) as container:
        assert container.streams.video[0].codec_context.name == "h264"
    with httpx.Client(base_url=url, headers={"x-access-token": TEST_API_KEY}) as api:
        signed = api.post(f"/image/{out['still']['id']}/generate_url").json()["data"]["signed_url"]
    picture = PIL.Image.open(io.BytesIO(httpx.get(signed).content))
    assert picture.size[0] > 0
