"""The rendered media of the sandbox's videos: a disk cache filled by a bounded worker pool.

A render is keyed on what the video shows (`Picture.key`), so videos with the same prompt,
duration and format share one folder and one rendering; a folder already on disk (from an
earlier run with the same `media_dir`) is reused without rendering. A render writes into a
`.partial` folder that is renamed into place when complete, so a half-written video is
never served.

Renders run in worker threads, off the event loop. Threads rather than processes: an
8-second 640x360 video renders in about 0.2 s, drawing each frame with Pillow in well under
a millisecond (the event loop gets the GIL back between frames) and encoding in x264's C
code, which does not hold the GIL. A process would add start-up time and a channel for
progress, and gain nothing: what a render takes from the server is CPU time, either way.

Everything here but the workers runs on the event loop. A worker writes only its render's
`state` (to rendering), `fraction`, `reused` and `seconds`, and its folder.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import enum
import logging
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import attrs

from videodb_mock._media.render import Picture, Progress, render_video

logger = logging.getLogger("videodb_mock.media")

#: Renders `Picture` into an empty folder, reporting the fraction done to `Progress`.
Renderer = Callable[[Picture, Path, Progress], None]

PARTIAL = ".partial"
_ENTRY = re.compile(r"r\d+-[0-9a-f]{24}")


class RenderCancelled(Exception):
    """Raised inside a worker when no video wants its render any more."""


class RenderState(enum.Enum):
    """Where a render is."""

    QUEUED = "queued"
    RENDERING = "rendering"
    READY = "ready"
    FAILED = "failed"


@attrs.define(eq=False)
class Render:
    """One rendering, shared by every video that shows the same picture."""

    picture: Picture
    folder: Path
    videos: set[str] = attrs.field(factory=set)
    state: RenderState = RenderState.QUEUED
    fraction: float = 0.0
    error: str | None = None
    cancelled: bool = False
    reused: bool = False
    seconds: float = 0.0
    waiters: list[Callable[[], None]] = attrs.field(factory=list)
    future: asyncio.Future[None] | None = None


@attrs.define
class MediaStats:
    """Counts of renders, for `/_sandbox/stats` and tests."""

    rendered: int = 0
    reused: int = 0
    failed: int = 0
    seconds: float = 0.0


def default_renderer(threads: int = 1) -> Renderer:
    """The real renderer: Pillow's drawing and PyAV's H.264 encoder with `threads` threads.

    Loads PyAV and Pillow now, at start-up: importing them inside the first render would
    hold the GIL, and so the event loop, for as long as the imports take.

    Raises:
        ImportError: PyAV or Pillow is not installed.
    """
    import av  # noqa: F401, PLC0415 - loaded only by a sandbox that renders

    from videodb_mock._media import drawing  # noqa: F401, PLC0415 - loads Pillow

    def render(picture: Picture, folder: Path, progress: Progress) -> None:
        render_video(picture, folder, progress, threads=threads)

    return render


class MediaLibrary:
    """Renders videos in the background, keeps them on disk, and forgets them when asked.

    `folder` is where renders are kept; `None` makes a temporary folder, removed by
    `aclose()`. At most `workers` renders run at once; the rest wait in order.
    `on_failed(video_id, message)` is called (on the event loop) for every video whose
    render failed.
    """

    def __init__(
        self,
        folder: Path | None,
        *,
        workers: int,
        renderer: Renderer,
        on_failed: Callable[[str, str], None],
        max_age: float,
    ) -> None:
        self._own_folder = folder is None
        self.folder = (
            Path(tempfile.mkdtemp(prefix="videodb-mock-media-")) if folder is None else folder
        )
        self.folder.mkdir(parents=True, exist_ok=True)
        _prune(self.folder, max_age)
        self._renderer = renderer
        self._on_failed = on_failed
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="videodb-render"
        )
        self._renders: dict[str, Render] = {}
        self._videos: dict[str, Render] = {}
        self.stats = MediaStats()

    def start(
        self, video_id: str, picture: Picture, when_settled: Callable[[], None] | None
    ) -> None:
        """Have `video_id`'s media rendered (or reuse a render of the same picture).

        `when_settled` is called on the event loop once the render is ready or has failed.
        Must run on the event loop; costs a dictionary look-up and, for a new picture, a
        queued task.
        """
        key = picture.key
        render = self._renders.get(key)
        if render is None:
            render = Render(picture, self.folder / key)
            self._renders[key] = render
            render.future = asyncio.get_running_loop().run_in_executor(
                self._pool, self._work, render
            )
            render.future.add_done_callback(lambda future: self._settle(render, future))
        render.videos.add(video_id)
        self._videos[video_id] = render
        if when_settled is not None:
            if render.state in (RenderState.READY, RenderState.FAILED):
                asyncio.get_running_loop().call_soon(when_settled)
            else:
                render.waiters.append(when_settled)

    def fraction(self, video_id: str) -> float:
        """How much of `video_id`'s render is done: 1.0 only once it is ready to serve."""
        render = self._videos.get(video_id)
        if render is None or render.state is RenderState.FAILED:
            return 0.0
        if render.state is RenderState.READY:
            return 1.0
        return min(render.fraction, 0.99)

    def is_ready(self, video_id: str) -> bool:
        """Whether `video_id`'s media can be served."""
        render = self._videos.get(video_id)
        return render is not None and render.state is RenderState.READY

    def file(self, video_id: str, name: str) -> Path | None:
        """The file `name` of `video_id`'s ready media, or `None`. `name` must be a plain
        file name (the caller checks it)."""
        render = self._videos.get(video_id)
        if render is None or render.state is not RenderState.READY:
            return None
        return render.folder / name

    def release(self, video_id: str) -> None:
        """`video_id` has expired: its render is cancelled or deleted once no video uses it."""
        render = self._videos.pop(video_id, None)
        if render is None:
            return
        render.videos.discard(video_id)
        if render.videos:
            return
        self._renders.pop(render.folder.name, None)
        render.cancelled = True
        render.waiters.clear()
        if render.future is not None and render.state is RenderState.QUEUED:
            render.future.cancel()
        if render.state is RenderState.READY:
            self._remove(render.folder)

    @property
    def pending(self) -> int:
        """Renders queued or running."""
        return sum(
            1
            for r in self._renders.values()
            if r.state in (RenderState.QUEUED, RenderState.RENDERING)
        )

    def _remove(self, folder: Path) -> None:
        """Take `folder` out of the cache at once (a rename), and delete it in a thread.

        The rename is what makes it safe: a new render of the same picture, queued right
        after, then finds no folder to reuse rather than one about to be deleted.
        """
        doomed = _partial(folder)
        try:
            folder.rename(doomed)
        except OSError:
            return
        try:
            asyncio.get_running_loop().run_in_executor(None, shutil.rmtree, doomed, True)
        except RuntimeError:  # no running loop (shutting down): delete here
            shutil.rmtree(doomed, ignore_errors=True)

    def _work(self, render: Render) -> None:
        """Render `render` in a worker thread, into a partial folder renamed when complete."""
        if render.cancelled:
            return
        if render.folder.is_dir():
            render.reused = True
            # Marks it as used, so pruning at a later start keeps it.
            with contextlib.suppress(OSError):
                os.utime(render.folder)
            return
        render.state = RenderState.RENDERING
        partial = _partial(render.folder)
        partial.mkdir()

        def progress(fraction: float) -> None:
            if render.cancelled:
                raise RenderCancelled
            render.fraction = fraction

        started = time.perf_counter()
        try:
            self._renderer(render.picture, partial, progress)
            try:
                os.replace(partial, render.folder)
            except OSError:
                # Another sandbox sharing the folder finished the same picture first.
                if not render.folder.is_dir():
                    raise
        finally:
            shutil.rmtree(partial, ignore_errors=True)
        render.seconds = time.perf_counter() - started

    def _settle(self, render: Render, future: asyncio.Future[None]) -> None:
        """On the event loop, when a render's task ends: record the outcome, tell waiters."""
        error = None if future.cancelled() else future.exception()
        if future.cancelled() or render.cancelled:
            # A render finished after its last video expired; keep it only if a newer
            # video of the same picture has claimed the folder meanwhile.
            if not future.cancelled() and render.folder.name not in self._renders:
                self._remove(render.folder)
            return
        if error is None:
            render.state = RenderState.READY
            render.fraction = 1.0
            if render.reused:
                self.stats.reused += 1
            else:
                self.stats.rendered += 1
                self.stats.seconds += render.seconds
        else:
            render.state = RenderState.FAILED
            render.error = f"{type(error).__name__}: {error}"
            self.stats.failed += 1
            logger.error("rendering %r failed: %s", render.picture.prompt[:60], render.error)
            # A failed render is not cached: the next video with this picture tries again.
            self._renders.pop(render.folder.name, None)
            for video_id in sorted(render.videos):
                self._on_failed(video_id, render.error)
        waiters, render.waiters = render.waiters, []
        for waiter in waiters:
            waiter()

    async def aclose(self) -> None:
        """Stop the workers (a running render stops at its next frame) and, if the folder
        is temporary, remove it."""
        for render in self._renders.values():
            render.cancelled = True
        self._pool.shutdown(wait=False, cancel_futures=True)
        await asyncio.get_running_loop().run_in_executor(None, self._pool.shutdown, True)
        if self._own_folder:
            await asyncio.get_running_loop().run_in_executor(None, shutil.rmtree, self.folder, True)


def _partial(folder: Path) -> Path:
    """A fresh name beside `folder` for a render being written or deleted."""
    return folder.with_name(f"{folder.name}.{uuid.uuid4().hex[:8]}{PARTIAL}")


def _prune(folder: Path, max_age: float) -> None:
    """Remove what an earlier run left behind in `folder`: partial renders, and renders not
    used for longer than a video lives. Only entries named as this module names them."""
    cutoff = time.time() - max_age
    for entry in folder.iterdir():
        partial = entry.name.endswith(PARTIAL) and _ENTRY.match(entry.name)
        stale = _ENTRY.fullmatch(entry.name) and entry.stat().st_mtime < cutoff
        if partial or stale:
            shutil.rmtree(entry, ignore_errors=True)
