"""Where a video is played: its player's URL, opening it without ever blocking, and the
``<iframe>`` that embeds it. No network I/O.

VideoDB's console plays any HLS stream given as ``?url=``; a server that serves its own player
page on the API's origin (the sandbox) is played there, so an offline stream plays offline.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import Any, TypeAlias
from urllib.parse import quote

import httpx

from ._http import origin

CONSOLE_PLAYER = "https://console.videodb.io/player"
#: What `Video.play` returns: the player's URL, or in a notebook an IPython ``IFrame``.
Played: TypeAlias = Any
#: The size of the frame a notebook shows, as the official client's.
_FRAME = (800, 400)


def console_player(stream_url: str) -> str:
    """VideoDB's console player of `stream_url`."""
    return f"{CONSOLE_PLAYER}?url={quote(stream_url, safe=':/')}"


def player_for(stream_url: str, player_url: str | None, base_url: str) -> str:
    """The player of a stream: the server's own page when it serves it on `base_url`'s origin
    (as the sandbox does), else VideoDB's console player."""
    if player_url is not None:
        try:
            if origin(httpx.URL(player_url)) == origin(httpx.URL(base_url)):
                return player_url
        except httpx.InvalidURL:
            pass
    return console_player(stream_url)


def _has_desktop() -> bool:
    """Whether a browser opened now would show a window, rather than start a text browser
    that takes over the terminal (or fail) on a machine without a screen."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _notebook_frame(url: str) -> Any | None:
    """An IPython ``IFrame`` of `url` when running in a notebook's kernel, else None."""
    ipython = sys.modules.get("IPython")
    get_ipython = getattr(ipython, "get_ipython", None)
    shell = get_ipython() if callable(get_ipython) else None
    if shell is None or not hasattr(shell, "kernel"):
        return None
    display = importlib.import_module("IPython.display")  # only in a notebook
    return display.IFrame(url, *_FRAME)


def show(url: str) -> Played:
    """Show the player at `url`: an ``IFrame`` in a notebook; else open it in a browser
    where there is a desktop (in the background: `webbrowser` starts it and returns). The
    URL is returned whatever happened, so a script can print it."""
    frame = _notebook_frame(url)
    if frame is not None:
        return frame
    if _has_desktop():
        import webbrowser  # noqa: PLC0415 - it loads subprocess and more: only when playing

        with contextlib.suppress(webbrowser.Error):  # no browser: the URL is still returned
            webbrowser.open(url, new=2)
    return url


def embed_code(player_url: str, width: str, height: int, title: str, fullscreen: bool) -> str:
    """An ``<iframe>`` of the player; VideoDB's ``/watch?`` pages embed as ``/embed?``."""
    import html  # noqa: PLC0415 - only when embedding

    src = player_url.replace("/watch?", "/embed?", 1)
    allow = " allowfullscreen" if fullscreen else ""
    return (
        f'<iframe src="{html.escape(src)}" width="{html.escape(str(width))}" '
        f'height="{height}" title="{html.escape(title)}" frameborder="0"{allow}></iframe>'
    )
