"""The rendered media of the sandbox's videos, images, audio and dubbed videos: a disk cache,
filled part by part when asked for.

Nothing is rendered when a job starts or ends: a video's media cost nothing until a media URL
is fetched. Then only the part asked for is rendered (one segment of the stream, or the
thumbnail; the playlist needs no rendering), by a `Renderer` (the worker processes of
`pool`), and kept on disk. At most `workers` parts render at once, at most `queue` more wait
for their turn, and anything beyond is refused (`RenderBusy`: the routes answer 503 with
`Retry-After`), so a burst of players cannot pile up unbounded work.

Parts are kept in a folder named after what the video shows (`Picture.key`; a sound's or a
dub's `key` likewise), so videos with the same prompt, duration and format share one folder
and each part is rendered once; a part
already on disk (from an earlier run with the same folder) is served without rendering. A part
is written beside its name and renamed into place, so a half-written file is never served.
The folder is deleted when the last video showing it expires.

Everything here runs on the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import attrs

from videodb_mock._media.items import Media, label
from videodb_mock._media.pool import Renderer, RenderFailed
from videodb_mock._media.render import PARTIAL

logger = logging.getLogger("videodb_mock.media")

#: A cache folder's name: a picture's or a dub's key (`r3-...`), or a sound's (`a1-...`).
_ENTRY = re.compile(r"[ra]\d+-[0-9a-f]{24}")


class MediaError(Exception):
    """A video's media cannot be served now; the message says why."""


class RenderBusy(MediaError):
    """Too many parts are waiting to be rendered: ask again later."""


class RenderGone(MediaError):
    """The video expired while its part was being rendered."""


@attrs.define(eq=False)
class _Entry:
    """The media of one item (a picture, a sound, a dub), shared by every result showing it."""

    item: Media
    folder: Path
    videos: set[str] = attrs.field(factory=set)
    #: Parts known to be on disk.
    ready: set[str] = attrs.field(factory=set)
    #: Parts being rendered, with the task rendering each.
    rendering: dict[str, asyncio.Task[None]] = attrs.field(factory=dict)
    gone: bool = False


@attrs.define
class MediaStats:
    """Counts of rendered parts (segments and thumbnails), for `/_sandbox/stats` and tests."""

    #: Parts rendered by this sandbox.
    rendered: int = 0
    #: Parts found on disk, rendered by an earlier run.
    reused: int = 0
    #: Parts that failed to render.
    failed: int = 0
    #: Parts refused because too many were waiting (answered 503).
    refused: int = 0
    #: Seconds spent rendering the parts rendered.
    seconds: float = 0.0


class MediaLibrary:
    """Renders videos' parts when they are asked for, keeps them on disk, and forgets them
    when their videos expire.

    `folder` is where parts are kept; `None` makes a temporary folder, removed by `aclose()`.
    """

    def __init__(
        self,
        folder: Path | None,
        *,
        workers: int,
        queue: int,
        renderer: Renderer,
        max_age: float,
    ) -> None:
        self._own_folder = folder is None
        self.folder = (
            Path(tempfile.mkdtemp(prefix="videodb-mock-media-")) if folder is None else folder
        )
        self.folder.mkdir(parents=True, exist_ok=True)
        _prune(self.folder, max_age)
        self.renderer = renderer
        self._slots = asyncio.Semaphore(workers)
        self._queue = queue
        self._waiting = 0
        self._entries: dict[str, _Entry] = {}
        self._videos: dict[str, _Entry] = {}
        self.stats = MediaStats()

    @property
    def pending(self) -> int:
        """Parts being rendered or waiting to be."""
        return sum(len(entry.rendering) for entry in self._entries.values())

    def warm(self) -> None:
        """A player is about to ask for parts: have the renderer ready."""
        self.renderer.warm()

    async def file(self, video_id: str, item: Media, name: str) -> Path:
        """The file of the part `name` (a segment, the thumbnail, the image, the audio) of the
        result `video_id` (a video, an image, an audio), which shows `item`: rendered now if it
        is not on disk yet.

        Raises:
            RenderBusy: too many parts are waiting to be rendered.
            RenderGone: the video expired meanwhile.
            MediaError: the part could not be rendered (the message says why).
        """
        entry = self._claim(video_id, item)
        path = entry.folder / name
        task = entry.rendering.get(name)
        if task is None:
            # Checked every time: another sandbox sharing the folder may have deleted it.
            if path.is_file():
                if name not in entry.ready:
                    entry.ready.add(name)
                    self.stats.reused += 1
                return path
            entry.ready.discard(name)
            task = self._start(entry, name)
        # The render goes on for the next request even if this one's client goes away.
        await asyncio.shield(task)
        return path

    def release(self, video_id: str) -> None:
        """`video_id` has expired: its media are deleted once no video shows them."""
        entry = self._videos.pop(video_id, None)
        if entry is None:
            return
        entry.videos.discard(video_id)
        if entry.videos:
            return
        entry.gone = True
        if self._entries.get(entry.item.key) is entry:
            del self._entries[entry.item.key]
        self._remove(entry.folder)

    def _claim(self, video_id: str, item: Media) -> _Entry:
        """The entry of `item`, now known to be shown by `video_id`."""
        entry = self._videos.get(video_id)
        if entry is not None:
            return entry
        entry = self._entries.get(item.key)
        if entry is None:
            entry = _Entry(item, self.folder / item.key)
            self._entries[item.key] = entry
            # Marks a folder from an earlier run as used, so pruning at a later start keeps it.
            with contextlib.suppress(OSError):
                os.utime(entry.folder)
        entry.videos.add(video_id)
        self._videos[video_id] = entry
        return entry

    def _start(self, entry: _Entry, name: str) -> asyncio.Task[None]:
        """Start rendering `name` of `entry`, or refuse if too many parts wait already."""
        if self._slots.locked() and self._waiting >= self._queue:
            self.stats.refused += 1
            raise RenderBusy(
                f"{self._waiting} parts of videos are waiting to be rendered; ask again soon"
            )
        self._waiting += 1
        task = asyncio.get_running_loop().create_task(self._render(entry, name))
        entry.rendering[name] = task
        task.add_done_callback(lambda _: entry.rendering.pop(name, None))
        return task

    async def _render(self, entry: _Entry, name: str) -> None:
        try:
            await self._slots.acquire()
        finally:
            self._waiting -= 1
        started = time.perf_counter()
        try:
            if entry.gone:
                raise RenderGone(f"Video not found: its media expired ({name})")
            entry.folder.mkdir(parents=True, exist_ok=True)
            await self.renderer.render(entry.item, name, entry.folder / name)
        except RenderGone:
            raise
        except Exception as exc:
            if entry.gone:
                raise RenderGone(f"Video not found: its media expired ({name})") from None
            message = str(exc) if isinstance(exc, RenderFailed) else f"{type(exc).__name__}: {exc}"
            self.stats.failed += 1
            logger.error("rendering %s of %s failed: %s", name, label(entry.item), message)
            raise MediaError(f"The video could not be rendered: {message}") from None
        finally:
            self._slots.release()
        self.stats.rendered += 1
        self.stats.seconds += time.perf_counter() - started
        if not entry.gone:
            entry.ready.add(name)
        elif entry.item.key not in self._entries:
            # Its videos expired while it rendered, and no new one shows the same picture.
            self._remove(entry.folder)

    def _remove(self, folder: Path) -> None:
        """Take `folder` out of the cache at once (a rename), and delete it in a thread.

        The rename is what makes it safe: a new render of the same picture, started right
        after, then finds no file to reuse rather than one about to be deleted.
        """
        doomed = folder.with_name(f"{folder.name}.{uuid.uuid4().hex[:8]}{PARTIAL}")
        try:
            folder.rename(doomed)
        except OSError:
            return
        try:
            asyncio.get_running_loop().run_in_executor(None, shutil.rmtree, doomed, True)
        except RuntimeError:  # no running loop (shutting down): delete here
            shutil.rmtree(doomed, ignore_errors=True)

    async def aclose(self) -> None:
        """Stop rendering and, if the folder is temporary, remove it."""
        tasks = [task for entry in self._entries.values() for task in entry.rendering.values()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self.renderer.aclose()
        if self._own_folder:
            await asyncio.get_running_loop().run_in_executor(None, shutil.rmtree, self.folder, True)


def _prune(folder: Path, max_age: float) -> None:
    """Remove what an earlier run left behind in `folder`: anything half-written, and media not
    used for longer than a video lives. Only entries named as this module names them."""
    cutoff = time.time() - max_age
    for entry in folder.iterdir():
        if entry.name.endswith(PARTIAL) and _ENTRY.match(entry.name):
            shutil.rmtree(entry, ignore_errors=True)
        elif _ENTRY.fullmatch(entry.name) and entry.is_dir():
            if entry.stat().st_mtime < cutoff:
                shutil.rmtree(entry, ignore_errors=True)
                continue
            for part in entry.iterdir():
                if part.name.endswith(PARTIAL):
                    part.unlink(missing_ok=True)
