"""Serving rendered media over HTTP: the HLS playlist and segments, the thumbnail, the player.

Media URLs are public, as a CDN's are (a `<video>` element sends no API key), and answer
any origin (CORS), so a front end on another port can play them. A video's media exist
from the moment its job is done until it expires; before and after, its URLs answer 404.
Only the file names the renderer writes are served, so no path can reach other files.
"""

from __future__ import annotations

import re

from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response

from videodb_mock._media.library import MediaLibrary
from videodb_mock._media.player import HLS_JS, player_page
from videodb_mock._media.render import PLAYLIST, THUMBNAIL
from videodb_mock._state.bodies import error
from videodb_mock._state.store import Store

PREFIX = "/media/"
PLAYER = "player"
HLS_JS_PATH = "/media/hls.min.js"
_PATH = re.compile(r"/media/(m-[0-9a-f]{1,64})/(stream\.m3u8|thumbnail\.jpg|player|seg\d{3,6}\.ts)")

CONTENT_TYPES = {
    PLAYLIST: "application/vnd.apple.mpegurl",
    THUMBNAIL: "image/jpeg",
    ".ts": "video/mp2t",
}
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Range",
    "Access-Control-Expose-Headers": "Content-Length, Content-Range",
    "Access-Control-Max-Age": "600",
}
# Media expire with their video: have clients check again rather than keep stale copies.
NO_CACHE = {"Cache-Control": "no-cache"}
ALLOWED = "GET, HEAD, OPTIONS"


def _not_found(message: str) -> Response:
    return JSONResponse(error(message, "not_found"), 404, headers=CORS)


class MediaRoutes:
    """Answers requests to `/media/...` from a sandbox's store and media library."""

    def __init__(self, store: Store, media: MediaLibrary) -> None:
        self._store = store
        self._media = media

    def respond(self, method: str, path: str) -> Response:
        """The answer to `method path`, where `path` starts with `/media/`."""
        if method == "OPTIONS":
            return Response(status_code=204, headers=CORS)
        if method not in ("GET", "HEAD"):
            return JSONResponse(
                error(
                    f"Method {method} is not allowed on media; allowed: {ALLOWED}",
                    "method_not_allowed",
                ),
                405,
                headers={**CORS, "Allow": ALLOWED},
            )
        if path == HLS_JS_PATH:
            return self._hls_js()
        match = _PATH.fullmatch(path)
        if match is None:
            return _not_found(f"Not found: no media at {path}")
        return self._video_file(*match.groups())

    def _video_file(self, video_id: str, name: str) -> Response:
        job = self._store.video(video_id)
        if job is None or not self._media.is_ready(video_id):
            return _not_found(f"Video not found: {video_id}")
        if name == PLAYER:
            return HTMLResponse(player_page(video_id, job.prompt), headers={**CORS, **NO_CACHE})
        file = self._media.file(video_id, name)
        if file is None or not file.is_file():
            return _not_found(f"Not found: video {video_id} has no {name}")
        media_type = CONTENT_TYPES.get(name) or CONTENT_TYPES[".ts"]
        return FileResponse(file, media_type=media_type, headers={**CORS, **NO_CACHE})

    @staticmethod
    def _hls_js() -> Response:
        if not HLS_JS.is_file():
            return _not_found("hls.js is not installed beside the sandbox: run `npm ci` in mock/")
        return FileResponse(
            HLS_JS, media_type="text/javascript; charset=utf-8", headers={**CORS, **NO_CACHE}
        )
