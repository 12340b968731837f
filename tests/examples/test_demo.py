"""The README's main job (`make demo`): a video generated offline, its id and stream URL shown."""

from __future__ import annotations

import re
import subprocess
import sys

from tests._servers import ROOT


def test_the_main_job_prints_an_m_id_and_a_stream_url() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "examples.demo"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^id\s+m-[0-9a-f]+$", result.stdout, re.MULTILINE), result.stdout
    assert re.search(
        r"^stream_url\s+http://127\.0\.0\.1:\d+/\S+\.m3u8$", result.stdout, re.MULTILINE
    )
    # The stream it printed is real: played to the end, it lasts the requested 6 s.
    assert re.search(r"^played\s+6\.00 s of h264 at 640x360$", result.stdout, re.MULTILINE)
    assert "videodb sandbox stopped" in result.stdout
