"""The player page plays the stream in a real browser: headless Chromium, hls.js, H.264."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.media._browser import INSTALL, Browser, find_chromium
from tests.media.conftest import finished_video

POSITION = "Number(document.getElementById('video').dataset.currentTime)"
STATUS = "document.getElementById('status').textContent"


def test_the_player_page_plays_the_stream(rendering: Callable[..., str]) -> None:
    chromium = find_chromium()
    if chromium is None:
        pytest.skip(f"Chromium is not installed; to run this test: {INSTALL}")
    url = rendering()
    video = finished_video(url, "Played in a browser", 6)
    with Browser(chromium, video["player_url"]) as browser:
        seen: list[float] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            seen.append(float(browser.evaluate(POSITION) or 0))
            if seen[-1] >= 1.5:
                break
            time.sleep(0.25)
        status = browser.evaluate(STATUS)
        assert seen[-1] >= 1.5, f"playback did not advance: positions {seen}, status {status!r}"
        assert status.startswith(("playing", "ended")), status
        assert browser.evaluate("window.Hls !== undefined && Hls.isSupported()") is True
        duration = float(browser.evaluate("document.getElementById('video').duration"))
        assert abs(duration - 6) < 0.1
