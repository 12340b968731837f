# Async source of the sync twin in _sync/, which `make generate` writes (scripts/unasync.py).
"""The Editor timeline that composes (``POST /editor``): `AsyncTimeline`, whose sync twin is
`videodb_gen.editor.Timeline`. What it holds and its checks are `_editing.TimelineBase`'s,
shared by both; this module adds the calls to the API.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from .. import _composition_operations as compose
from .. import _operations as op
from .. import _player
from .._arguments import check_positive_int
from .._editing import TimelineBase
from .._exceptions import InvalidInputError
from .._options import Waiting
from .._results import DownloadResult, StreamInfo

if TYPE_CHECKING:
    from ._client import AsyncConnection
    from ._resources import AsyncGenerationJob

#: Above this size a timeline's JSON is uploaded first, as the official client does (100 KiB).
INLINE_TIMELINE_BYTES = 100 * 1024
#: The collection the upload URL is asked of, as the official client's connection's own.
UPLOAD_COLLECTION = "default"


class AsyncTimeline(TimelineBase):
    """An Editor timeline: tracks of clips (`add_track`), layered by `z_index`, composed into
    one stream (`generate_stream`) that can be downloaded as an MP4 (`download_stream`)."""

    def __init__(self, connection: AsyncConnection) -> None:
        """An empty timeline on `connection` (``#000000``, ``1280x720``, no tracks)."""
        super().__init__()
        self.connection = connection

    async def generate_stream(self) -> str:
        """Compose the timeline into one HLS stream (``POST /editor``). A timeline whose JSON
        is over 100 KiB is uploaded first and sent as ``timeline_url``, as the official
        client does; it is checked before the upload.

        Returns:
            The stream's URL; `stream_url` and `player_url` are set too.

        Raises:
            InvalidInputError: The timeline breaks a rule (named as ``tracks[i].clips...``);
                nothing was sent.
            NotFoundError: An asset does not exist.
            APIError: A request failed otherwise, after its retries.
        """
        body = self.to_json()
        engine = self.connection._engine
        text = json.dumps(body)
        made: Any
        if len(text.encode("utf-8")) <= INLINE_TIMELINE_BYTES:
            made = await engine.call(compose.COMPOSE_EDITOR_TIMELINE, timeline=body["timeline"])
        else:
            compose.COMPOSE_EDITOR_TIMELINE.arguments({"timeline": body["timeline"]})
            name = f"timeline_data_{os.urandom(16).hex()}.json"
            url = await engine.call(op.GET_UPLOAD_URL, collection_id=UPLOAD_COLLECTION, name=name)
            await engine.call(
                op.UPLOAD, upload_url=url, name=name, content=text, content_type="application/json"
            )
            made = await engine.call(compose.COMPOSE_EDITOR_TIMELINE_UPLOADED, timeline_url=url)
        stream = cast(StreamInfo, made)
        self.stream_url, self.player_url = stream.stream_url, stream.player_url
        return stream.stream_url

    async def download_stream(
        self,
        stream_url: str,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - the engine bounds the wait by it
        poll_interval: float | None = None,
        on_progress: Callable[[AsyncGenerationJob[DownloadResult]], None] | None = None,
    ) -> DownloadResult:
        """An MP4 of `stream_url` (``POST /editor/download``): a composition's stream, or a
        video's. The API answers it done; one still running is waited for.

        Returns:
            A `DownloadResult`: ``download_url`` (also ``result["download_url"]``, as the
            official client's dict) serves the MP4 without the API key.

        Raises:
            InvalidInputError: `stream_url` is not an http(s) URL, or a waiting setting breaks
                its rule; nothing was sent.
            NotFoundError: The API handed out no such stream.
            APIError: A request failed otherwise, after its retries.
            GenerationFailedError: The download failed.
            GenerationTimeoutError: It did not end within `timeout`.
        """
        waiting = Waiting(True, timeout, poll_interval, on_progress)
        given = {"stream_url": stream_url}
        engine = self.connection._engine
        download = compose.DOWNLOAD_EDITOR_STREAM
        made = await engine.generate(download, given, waiting, op.GET_DOWNLOAD)
        return cast(DownloadResult, made)

    async def get_embed_code(
        self,
        width: str = "100%",
        height: int = 405,
        title: str = "VideoDB Player",
        allow_fullscreen: bool = True,
        auto_generate: bool = True,
    ) -> str:
        """An HTML ``<iframe>`` of the composition's player, as the official client makes;
        composed first when it has no `player_url` and `auto_generate` is True.

        Raises:
            InvalidInputError: `height` is not a positive int, or there is no `player_url`
                and `auto_generate` is False (a ``ValueError``, as the official raises).
            APIError: Composing failed (see `generate_stream`).
        """
        check_positive_int("height", height)
        if self.player_url is None and auto_generate:
            await self.generate_stream()
        if self.player_url is None:
            rule = "is not available: call generate_stream() first or set auto_generate=True"
            raise InvalidInputError("player_url", rule)
        return _player.embed_code(self.player_url, width, height, title, allow_fullscreen)
