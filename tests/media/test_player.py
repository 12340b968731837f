"""The player page plays the stream in a real browser: headless Chromium, hls.js, H.264."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.media._browser import INSTALL, chromium_page, find_chromium
from tests.media.conftest import finished_video

POSITION = "Number(document.getElementById('video').dataset.currentTime)"
STATUS = "document.getElementById('status').textContent"


def test_the_player_page_plays_the_stream(rendering: Callable[..., str]) -> None:
    chromium = find_chromium()
    if chromium is None:
        pytest.skip(f"Chromium is not installed; to run this test: {INSTALL}")
    url = rendering()
    video = finished_video(url, "Played in a browser", 6)
    with chromium_page(chromium) as page:
        page.goto(video["player_url"])
        # The assertions below say what the page showed if playback never got that far.
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function(f"{POSITION} >= 1.5", polling=100, timeout=30_000)
        position = float(page.evaluate(POSITION) or 0)
        status = page.evaluate(STATUS)
        assert position >= 1.5, f"playback did not advance: at {position} s, status {status!r}"
        assert status.startswith(("playing", "ended")), status
        assert page.evaluate("window.Hls !== undefined && Hls.isSupported()") is True
        duration = float(page.evaluate("document.getElementById('video').duration"))
        assert abs(duration - 6) < 0.1
