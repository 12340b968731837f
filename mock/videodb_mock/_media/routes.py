"""Serving media over HTTP: the HLS playlist and segments, the thumbnail, the player.

Media URLs are public, as a CDN's are (a `<video>` element sends no API key), and answer
any origin (CORS), so a front end on another port can play them. A video's media exist
from the moment its job is done until it expires; before and after, its URLs answer 404.
The playlist and the player page need no rendering; a segment or the thumbnail is rendered
when first asked for (`library`), and a sandbox with too many renders waiting answers 503
with `Retry-After`. Only the file names the renderer writes are served, so no path can
reach other files.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response

from videodb_mock._media.library import MediaError, MediaLibrary, RenderBusy, RenderGone
from videodb_mock._media.player import HLS_JS, player_page
from videodb_mock._media.render import PLAYLIST, THUMBNAIL, Picture, playlist, segment_index
from videodb_mock._state.bodies import error
from videodb_mock._state.store import Job, Store

PREFIX = "/media/"
PLAYER = "player"
HLS_JS_PATH = "/media/hls.min.js"
_PATH = re.compile(r"/media/(m-[0-9a-f]{1,64})/(stream\.m3u8|thumbnail\.jpg|player|seg\d{3,6}\.ts)")

PLAYLIST_TYPE = "application/vnd.apple.mpegurl"
CONTENT_TYPES = {THUMBNAIL: "image/jpeg", ".ts": "video/mp2t"}
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
#: Seconds a client refused for a busy renderer is told to wait.
BUSY_RETRY_AFTER = 1


def _error(status: int, message: str, code: str, **headers: str) -> Response:
    return JSONResponse(error(message, code), status, headers={**CORS, **headers})


class MediaRoutes:
    """Answers requests to `/media/...` from a sandbox's store and media library;
    `picture(job)` is what the job's video shows."""

    def __init__(
        self, store: Store, media: MediaLibrary, picture: Callable[[Job], Picture]
    ) -> None:
        self._store = store
        self._media = media
        self._picture = picture

    async def respond(self, method: str, path: str) -> Response:
        """The answer to `method path`, where `path` starts with `/media/`."""
        if method == "OPTIONS":
            return Response(status_code=204, headers=CORS)
        if method not in ("GET", "HEAD"):
            return _error(
                405,
                f"Method {method} is not allowed on media; allowed: {ALLOWED}",
                "method_not_allowed",
                Allow=ALLOWED,
            )
        if path == HLS_JS_PATH:
            return self._hls_js()
        match = _PATH.fullmatch(path)
        if match is None:
            return _error(404, f"Not found: no media at {path}", "not_found")
        return await self._video_file(*match.groups())

    async def _video_file(self, video_id: str, name: str) -> Response:
        job = self._store.video(video_id)
        if job is None:
            return _error(404, f"Video not found: {video_id}", "not_found")
        picture = self._picture(job)
        if name == PLAYER:
            # The page asks for the playlist, then segments: have a renderer ready by then.
            self._media.warm()
            return HTMLResponse(player_page(video_id, job.prompt), headers={**CORS, **NO_CACHE})
        if name == PLAYLIST:
            self._media.warm()
            text = playlist(picture)
            return Response(text, media_type=PLAYLIST_TYPE, headers={**CORS, **NO_CACHE})
        if name != THUMBNAIL and segment_index(picture, name) is None:
            return _error(404, f"Not found: video {video_id} has no {name}", "not_found")
        return await self._part(video_id, picture, name)

    async def _part(self, video_id: str, picture: Picture, name: str) -> Response:
        """A segment or the thumbnail, rendered now if it is not on disk yet."""
        try:
            file = await self._media.file(video_id, picture, name)
        except RenderBusy as exc:
            return _error(503, str(exc), "busy", **{"Retry-After": str(BUSY_RETRY_AFTER)})
        except RenderGone:
            return _error(404, f"Video not found: {video_id}", "not_found")
        except MediaError as exc:
            return _error(500, str(exc), "render_failed")
        media_type = CONTENT_TYPES.get(name) or CONTENT_TYPES[".ts"]
        return FileResponse(file, media_type=media_type, headers={**CORS, **NO_CACHE})

    @staticmethod
    def _hls_js() -> Response:
        if not HLS_JS.is_file():
            missing = "hls.js is not installed beside the sandbox: run `npm ci` in mock/"
            return _error(404, missing, "not_found")
        return FileResponse(
            HLS_JS, media_type="text/javascript; charset=utf-8", headers={**CORS, **NO_CACHE}
        )
