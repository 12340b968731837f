"""The player page as served: its icon is inline, so a browser asks for no /favicon.ico (which
the sandbox answers 404, an error in the browser's console)."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

import httpx
from videodb_mock._media.player import player_page

from tests.media.conftest import finished_video


class _Links(HTMLParser):
    """The attributes of every <link> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "link":
            self.links.append(dict(attrs))


def _icons(page: str) -> list[str | None]:
    parser = _Links()
    parser.feed(page)
    return [link.get("href") for link in parser.links if link.get("rel") == "icon"]


def test_the_player_page_has_an_inline_icon() -> None:
    assert _icons(player_page("m-1", "A lighthouse")) == ["data:,"]


def test_the_served_player_page_asks_for_no_favicon(rendering: Callable[..., str]) -> None:
    url = rendering("--job-seconds", "0")
    video = finished_video(url, "An icon", 5)
    page = httpx.get(video["player_url"], timeout=10)
    assert page.status_code == 200
    assert _icons(page.text) == ["data:,"]  # no request for /favicon.ico, so no 404
    assert httpx.get(f"{url}/favicon.ico", timeout=10).status_code == 404
