"""Serving media over HTTP: the HLS playlist and segments, the thumbnail, the player, and
generated images and audio.

Media URLs are public, as a CDN's are (a `<video>` element sends no API key), and answer
any origin (CORS), so a front end on another port can play them. A video's media exist
from the moment its job is done until it expires; before and after, its URLs answer 404.
An image (`/media/images/img-....png`) is served only with a valid signature (`getImageUrl`,
`signing`): a URL without one, tampered with or expired is answered 403; it is rendered as a
PNG when first fetched, as a video's parts are. An audio (`/media/audio/a-....m4a`, from
`getAudioUrl`) likewise, as AAC in an MPEG-4 audio file. A dubbed video is served as a video
is, its segments carrying its voice too. A stream of parts of a video (`/media/s-.../`) is
served as a video's stream is, without a thumbnail. A download's MP4
(`/media/downloads/dl-....mp4`, from `getDownload`) is served with a signature, as an image
is, named after the download (`Content-Disposition`), and rendered when first fetched.
The playlist and the player page need no rendering; a segment or the thumbnail is rendered
when first asked for (`library`), and a sandbox with too many renders waiting answers 503
with `Retry-After`. Only the file names the renderer writes are served, so no path can
reach other files. Every file answers Range requests as RFC 9110 says (`MediaFile`): a Range
it cannot read is ignored (200, the whole file), one with no range within the file is a 416.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from starlette.datastructures import Headers
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send

from videodb_mock._echo import echoed
from videodb_mock._media.audio import AUDIO
from videodb_mock._media.audio import CONTENT_TYPE as AUDIO_TYPE
from videodb_mock._media.compose import Composition
from videodb_mock._media.cuts import Cut
from videodb_mock._media.dubbing import Dub
from videodb_mock._media.items import Media
from videodb_mock._media.library import MediaError, MediaLibrary, RenderBusy, RenderGone
from videodb_mock._media.mp4 import CONTENT_TYPE as MP4_TYPE
from videodb_mock._media.mp4 import MP4
from videodb_mock._media.player import HLS_JS, player_page
from videodb_mock._media.render import (
    IMAGE,
    PLAYLIST,
    THUMBNAIL,
    Picture,
    playlist,
    segment_index,
)
from videodb_mock._state.bodies import error
from videodb_mock._state.signing import UrlSigner
from videodb_mock._state.store import IMAGE_KINDS, VIDEO_KINDS, Job, JobKind, Store

PREFIX = "/media/"
PLAYER = "player"
HLS_JS_PATH = "/media/hls.min.js"
_PATH = re.compile(
    r"/media/((?:m|s|c)-[0-9a-f]{1,64})/(stream\.m3u8|thumbnail\.jpg|player|seg\d{3,6}\.ts)"
)
_IMAGE_PATH = re.compile(r"/media/images/(img-[0-9a-f]{1,64})\.png")
_AUDIO_PATH = re.compile(r"/media/audio/(a-[0-9a-f]{1,64})\.m4a")
_DOWNLOAD_PATH = re.compile(r"/media/downloads/(dl-[0-9a-f]{1,64})\.mp4")

PLAYLIST_TYPE = "application/vnd.apple.mpegurl"
CONTENT_TYPES = {
    THUMBNAIL: "image/jpeg",
    IMAGE: "image/png",
    AUDIO: AUDIO_TYPE,
    MP4: MP4_TYPE,
    ".ts": "video/mp2t",
}
#: The media downloaded with a signed URL: their paths, what makes them, and their file.
_SIGNED: tuple[tuple[re.Pattern[str], Literal["image", "audio", "download"], str], ...] = (
    (_IMAGE_PATH, "image", IMAGE),
    (_AUDIO_PATH, "audio", AUDIO),
    (_DOWNLOAD_PATH, "download", MP4),
)
#: The kinds of job whose results each signed path serves.
_KINDS: dict[str, tuple[JobKind, ...]] = {
    "image": IMAGE_KINDS,
    "audio": ("audio",),
    "download": ("download",),
}
#: What a part that has gone is called in the answer.
_GONE = {IMAGE: "Image", AUDIO: "Audio", MP4: "Download"}
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
    `media_item(job)` is what the job made, as rendered (`Sandbox.media_item`), and `signer`
    checks the signatures of images' and audio's URLs."""

    def __init__(
        self,
        store: Store,
        media: MediaLibrary,
        media_item: Callable[[Job], Media],
        signer: UrlSigner,
        file_name: Callable[[Job], str | None] = lambda job: None,
    ) -> None:
        self._store = store
        self._media = media
        self._media_item = media_item
        self._signer = signer
        self._file_name = file_name

    async def respond(self, method: str, path: str, query: str = "") -> Response:
        """The answer to `method path?query`, where `path` starts with `/media/`."""
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
        for pattern, kind, name in _SIGNED:
            signed = pattern.fullmatch(path)
            if signed is not None:
                return await self._signed(path, signed[1], query, kind, name)
        match = _PATH.fullmatch(path)
        if match is None:
            return _error(404, f"Not found: no media at {echoed(path)}", "not_found")
        return await self._video_file(*match.groups())

    async def _signed(
        self,
        path: str,
        result_id: str,
        query: str,
        kind: Literal["image", "audio", "download"],
        name: str,
    ) -> Response:
        """An image's PNG, an audio's file or a download's MP4 (`name`), for a URL signed by
        `getImageUrl`, `getAudioUrl` or `getDownload`."""
        params = urllib.parse.parse_qs(query, keep_blank_values=True)
        expires, signature = (params.get(name, [None])[-1] for name in ("expires", "signature"))
        refusal = self._signer.refusal(path, expires, signature)
        if refusal is not None:
            return _error(403, f"Forbidden: {refusal}", "forbidden")
        job = self._store.result(result_id, *_KINDS[kind])
        if job is None:
            return _error(404, f"{_GONE[name]} not found: {echoed(result_id)}", "not_found")
        return await self._part(result_id, self._media_item(job), name, self._file_name(job))

    async def _video_file(self, video_id: str, name: str) -> Response:
        job = self._store.result(video_id, *VIDEO_KINDS, "stream", "composition")
        item = None if job is None else self._media_item(job)
        if job is None or not isinstance(item, Picture | Dub | Cut | Composition):
            return _error(404, f"Video not found: {echoed(video_id)}", "not_found")
        # A dub plays its source's pictures: the same playlist and segments, with a voice.
        picture = item.source if isinstance(item, Dub) else item
        if isinstance(picture, Cut | Composition) and name == THUMBNAIL:
            return _error(404, f"Not found: stream {echoed(video_id)} has no {name}", "not_found")
        if name == PLAYER:
            # The page asks for the playlist, then segments: have a renderer ready by then.
            self._media.warm()
            return HTMLResponse(player_page(video_id, job.prompt), headers={**CORS, **NO_CACHE})
        if name == PLAYLIST:
            self._media.warm()
            text = playlist(picture)
            return Response(text, media_type=PLAYLIST_TYPE, headers={**CORS, **NO_CACHE})
        if name != THUMBNAIL and segment_index(picture, name) is None:
            return _error(404, f"Not found: video {echoed(video_id)} has no {name}", "not_found")
        return await self._part(video_id, item, name)

    async def _part(
        self, result_id: str, item: Media, name: str, file_name: str | None = None
    ) -> Response:
        """A segment, the thumbnail, an image, an audio or an MP4, rendered now if it is not on
        disk yet; with a `file_name`, as an attachment of that name."""
        try:
            file = await self._media.file(result_id, item, name)
        except RenderBusy as exc:
            return _error(503, str(exc), "busy", **{"Retry-After": str(BUSY_RETRY_AFTER)})
        except RenderGone:
            gone = _GONE.get(name, "Video")
            return _error(404, f"{gone} not found: {echoed(result_id)}", "not_found")
        except MediaError as exc:
            return _error(500, str(exc), "render_failed")
        media_type = CONTENT_TYPES.get(name) or CONTENT_TYPES[".ts"]
        try:
            return MediaFile(
                file, media_type=media_type, headers={**CORS, **NO_CACHE}, filename=file_name
            )
        except FileNotFoundError:  # it expired as it was asked for
            gone = _GONE.get(name, "Video")
            return _error(404, f"{gone} not found: {echoed(result_id)}", "not_found")

    @staticmethod
    def _hls_js() -> Response:
        if not HLS_JS.is_file():
            missing = "hls.js is missing from this installation of the sandbox (_media/hls/)"
            return _error(404, missing, "not_found")
        return MediaFile(
            HLS_JS, media_type="text/javascript; charset=utf-8", headers={**CORS, **NO_CACHE}
        )


# Range requests (RFC 9110, section 14).

#: The most ranges one request may ask for; a Range asking for more is ignored (RFC 9110
#: allows it), as Starlette's `FileResponse` does.
MAX_RANGES = 100
_UNIT_AND_SET = re.compile(r"\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=(.*)", re.DOTALL)
_RANGE_SPEC = re.compile(r"([0-9]*)-([0-9]*)")
#: A position longer than this many digits is past the end of any file (and is not converted:
#: Python refuses to convert more than 4300 digits).
_DIGITS = 18


def _position(digits: str) -> int:
    return int(digits) if len(digits) <= _DIGITS else 10**_DIGITS


def byte_ranges(header: str, size: int) -> list[tuple[int, int]] | None:
    """What a `Range` header asks of a file of `size` bytes, as RFC 9110 reads it: `None` when
    it is to be ignored (not `bytes`, a range-set that breaks the syntax, a range whose last
    byte comes before its first, more than `MAX_RANGES`), then the whole file is sent with 200;
    else the satisfiable ranges as (first byte, end) pairs, the end excluded: none (`[]`) is a
    416, and ranges that start past the end are left out."""
    found = _UNIT_AND_SET.fullmatch(header)
    if found is None or found[1].lower() != "bytes":
        return None
    # A list's empty elements (`0-1, ,2-3`) are allowed (RFC 9110, section 5.6.1).
    specs = [spec.strip() for spec in found[2].split(",") if spec.strip()]
    if not specs or len(specs) > MAX_RANGES:
        return None
    ranges = []
    for spec in specs:
        parts = _RANGE_SPEC.fullmatch(spec)
        if parts is None or not (parts[1] or parts[2]):
            return None
        if not parts[1]:  # a suffix: the last N bytes
            length = _position(parts[2])
            if length > 0 and size > 0:
                ranges.append((max(0, size - length), size))
            continue
        first = _position(parts[1])
        last = _position(parts[2]) if parts[2] else None
        if last is not None and last < first:
            return None
        if first < size:
            ranges.append((first, size if last is None else min(last + 1, size)))
    return ranges


def _range_scope(scope: Scope, ranges: list[tuple[int, int]] | None) -> Scope:
    """`scope` with its `Range` header as read (`byte_ranges`): without one when it is
    ignored, else the satisfiable ranges alone; and without `If-Range`, already checked."""
    headers = [
        (name, value) for name, value in scope["headers"] if name not in (b"range", b"if-range")
    ]
    if ranges is not None:
        wanted = ",".join(f"{first}-{end - 1}" for first, end in ranges)
        headers.append((b"range", f"bytes={wanted}".encode("latin-1")))
    return {**scope, "headers": headers}


class MediaFile(FileResponse):
    """A media file, with Range requests answered as RFC 9110 says (`byte_ranges`): a 206 of
    the ranges asked for, the whole file with 200 for a Range to be ignored (or an `If-Range`
    that no longer holds), and a 416 with `Content-Range: bytes */<length>` when no range asked
    for is within the file. (Starlette's own reading answers 400 to `bytes=5-2`, which RFC 9110
    says to ignore, and 416 when any range, not every one, starts past the end.)

    Raises:
        FileNotFoundError: `path` is not there (any more).
    """

    def __init__(self, path: Path, **options: Any) -> None:
        stat = path.stat()
        super().__init__(path, stat_result=stat, **options)
        self._size = stat.st_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        asked = Headers(scope=scope)
        header = asked.get("range")
        if header is not None and scope["type"] == "http":
            ranges = byte_ranges(header, self._size) if self._holds(asked.get("if-range")) else None
            if ranges == []:
                refused = _error(
                    416,
                    f"Range not satisfiable: {echoed(header)} (the file has {self._size} bytes)",
                    "range_not_satisfiable",
                    **{**NO_CACHE, "Content-Range": f"bytes */{self._size}"},
                )
                await refused(scope, receive, send)
                return
            scope = _range_scope(scope, ranges)
        await super().__call__(scope, receive, send)

    def _holds(self, if_range: str | None) -> bool:
        """Whether a Range comes with no `If-Range`, or one that names this very file (its
        strong ETag or its Last-Modified date; RFC 9110, section 13.1.5)."""
        if if_range is None:
            return True
        if_range = if_range.strip()
        return not if_range.startswith("W/") and if_range in (
            self.headers.get("etag"),
            self.headers.get("last-modified"),
        )
