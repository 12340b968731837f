"""The sandbox's memory while it renders: rendering (Pillow, PyAV, x264) never runs in the server
process, whose memory then stays flat however many videos are rendered.

Rendering in the server's own threads left the server's native heap holding every large buffer
a render had freed (RSS grew by gigabytes under load, all of it given back by `malloc_trim`):
renders now run in worker processes, and this test watches the server. The benchmark
`make bench BENCH=memory` measures the whole sandbox, workers included, over 10,000 jobs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests._servers import free_port, running_server
from tests.conftest import SANDBOX_TEST_OPTIONS, sandbox_command
from tests.media.conftest import finished_video

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/maps").exists(), reason="reads a process's memory from /proc (Linux)"
)

#: Libraries only rendering loads: FFmpeg's (bundled in PyAV), x264's, and Pillow's core.
RENDERING_LIBRARIES = ("libavcodec", "libx264", "_imaging.")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for process {pid}")


def _fetch_all_media(video: dict[str, str]) -> None:
    """Everything a player and a page fetch: the playlist, every segment, the thumbnail."""
    with httpx.Client(timeout=30) as client:
        playlist = client.get(video["stream_url"])
        assert playlist.status_code == 200, playlist.text
        base = video["stream_url"].rsplit("/", 1)[0]
        for name in [line for line in playlist.text.splitlines() if line.endswith(".ts")]:
            segment = client.get(f"{base}/{name}")
            assert segment.status_code == 200, (name, segment.text[:200])
            assert segment.content[:1] == b"G", "an MPEG-TS segment starts with its sync byte"
        assert client.get(video["thumbnail_url"]).status_code == 200


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    """A rendering sandbox run as users run it; its URL and its process id."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = sandbox_command(
        port, *SANDBOX_TEST_OPTIONS, "--media", "render", "--job-seconds", "0",
        "--media-dir", str(tmp_path / "media"),
    )  # fmt: skip
    with running_server(
        command, f"{url}/_sandbox/health", log_path=tmp_path / "sandbox.log"
    ) as process:
        yield url, process.pid


def test_renders_run_outside_the_server_and_its_memory_stays_flat(
    server: tuple[str, int],
) -> None:
    url, pid = server
    for n in range(2):
        _fetch_all_media(finished_video(url, f"warming up {n}", 5))
    before = _rss_mb(pid)
    for n in range(8):
        _fetch_all_media(finished_video(url, f"a video rendered while watched {n}", 5))
    after = _rss_mb(pid)
    maps = Path(f"/proc/{pid}/maps").read_text()
    loaded = [name for name in RENDERING_LIBRARIES if name in maps]
    assert loaded == [], f"the server process itself loaded {loaded}"
    print(f"server RSS {before:.0f} MB, then {after:.0f} MB", file=sys.stderr)
    assert after - before < 10, f"the server grew from {before:.0f} MB to {after:.0f} MB"
    assert after < 150, f"the server uses {after:.0f} MB"
