# Async source of the sync twin in _sync/, which `make generate` writes (scripts/unasync.py).
"""The classic timeline that compiles (``POST /timeline``): `AsyncTimeline`, whose sync twin
is `videodb_gen.timeline.Timeline`. What it holds and its checks are `_classic.TimelineBase`'s,
shared by both; this module adds the calls to the API.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from .. import _composition_operations as compose
from .. import _operations as op
from .. import _player
from .._arguments import check_positive_int
from .._classic import TimelineBase
from .._exceptions import InvalidInputError
from .._options import Waiting
from .._results import DownloadResult

if TYPE_CHECKING:
    from ._client import AsyncConnection
    from ._resources import AsyncGenerationJob

DEPRECATION = (
    "videodb_gen.timeline.Timeline is deprecated, as the official videodb.timeline.Timeline "
    "is. Use videodb_gen.editor.Timeline instead."
)


class AsyncTimeline(TimelineBase):
    """A classic timeline: videos played one after another (`add_inline`), with audio, images
    and texts laid over them (`add_overlay`), compiled into one stream (`generate_stream`).

    It warns `DeprecationWarning` when made, as the official one does: the Editor
    (`videodb_gen.editor.Timeline`) is its successor.
    """

    def __init__(self, connection: AsyncConnection) -> None:
        """An empty timeline on `connection`."""
        warnings.warn(DEPRECATION, DeprecationWarning, stacklevel=2)
        super().__init__()
        self._connection = connection

    async def generate_stream(self) -> str:
        """Compile the timeline into one HLS stream (``POST /timeline``).

        Returns:
            The stream's URL; `stream_url` and `player_url` are set too.

        Raises:
            InvalidInputError: The timeline has no video or over 1,000 items; nothing was sent.
            NotFoundError: An asset does not exist.
            APIError: The request failed otherwise, after its retries.
        """
        items = self._request_items()
        engine = self._connection._engine
        stream = await engine.call(compose.COMPILE_TIMELINE, timeline=items)
        self.stream_url, self.player_url = stream.stream_url, stream.player_url
        return stream.stream_url

    async def download(
        self,
        name: str | None = None,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - the engine bounds the wait by it
        poll_interval: float | None = None,
        on_progress: Callable[[AsyncGenerationJob[DownloadResult]], None] | None = None,
    ) -> DownloadResult:
        """Make an MP4 of the composition (compiled first if it has no `stream_url` yet) and
        wait until it can be downloaded (``POST /download``, as `Video.download`). The
        official classic timeline has no such call.

        Raises:
            InvalidInputError: `name` or a waiting setting breaks its rule; nothing was sent.
            APIError: A request failed, after its retries.
            GenerationFailedError: The download failed.
            GenerationTimeoutError: It did not end within `timeout`.
        """
        waiting = Waiting(True, timeout, poll_interval, on_progress)
        op.DOWNLOAD_STREAM.arguments({"stream_link": "https://check.invalid/", "name": name})
        stream_url = self.stream_url or await self.generate_stream()
        engine = self._connection._engine
        given = {"stream_link": stream_url, "name": name}
        made = await engine.generate(op.DOWNLOAD_STREAM, given, waiting, op.GET_DOWNLOAD)
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
        compiled first when it has no `player_url` and `auto_generate` is True.

        Raises:
            InvalidInputError: `height` is not a positive int, or there is no `player_url`
                and `auto_generate` is False (a ``ValueError``, as the official raises).
            APIError: Compiling failed (see `generate_stream`).
        """
        check_positive_int("height", height)
        if self.player_url is None and auto_generate:
            await self.generate_stream()
        if self.player_url is None:
            rule = "is not available: call generate_stream() first or set auto_generate=True"
            raise InvalidInputError("player_url", rule)
        return _player.embed_code(self.player_url, width, height, title, allow_fullscreen)
