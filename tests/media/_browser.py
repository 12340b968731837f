"""Headless Chromium for tests, driven by Playwright: the system's Chromium (Debian's package,
not a browser Playwright downloads), started with flags for a closed network."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator

from playwright.sync_api import Page, sync_playwright

INSTALL = "apt-get install -y chromium"

# Beyond Playwright's own switches (no background networking, component updates or first run).
_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


def find_chromium() -> str | None:
    """The Chromium executable on PATH, if any."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found is not None:
            return found
    return None


@contextlib.contextmanager
def chromium_page(executable: str) -> Iterator[Page]:
    """A page in a headless Chromium started from `executable`; the browser stops after."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()
