"""The processes that render the sandbox's media (`worker`), started when media are first asked
for, replaced after a number of renders, and stopped when idle.

Why processes: rendering frees large native buffers (frames, pictures, the encoder's) at a
high rate. Rendered in the server's threads, they were freed into the server's own heap, and
the server's small long-lived allocations, made in between, kept the C allocator from giving
that memory back: the server's RSS grew by about 0.4 GB for every thousand jobs under load,
all of it free memory that `malloc_trim` returned. A worker process holds that churn in a
heap of its own, given back whole when the worker is replaced or stops.

Everything here runs on the event loop; a worker is asked one thing at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import Protocol

from videodb_mock._media.items import Media, describe

logger = logging.getLogger("videodb_mock.media")

#: Parts a worker renders before it is replaced, giving its memory back.
RECYCLE_AFTER = 200
#: Seconds a worker may sit idle before it stops.
IDLE_SECONDS = 15.0
#: Seconds a stopping worker has to exit before it is killed.
STOP_SECONDS = 5.0
#: Where `videodb_mock` is imported from, for the workers to import it from too.
PACKAGE_ROOT = Path(__file__).resolve().parents[2]


class RenderFailed(Exception):
    """A part could not be rendered; the message says why."""


class Renderer(Protocol):
    """What renders media (the real one: `WorkerPool`)."""

    async def render(self, item: Media, name: str, path: Path) -> None:
        """Render the part `name` of `item` (a video's or dub's part, an image, an audio) into
        `path`, whose folder exists.

        Raises:
            RenderFailed: the part could not be rendered.
        """

    def warm(self) -> None:
        """Get ready to render soon (a player has asked for a playlist)."""

    async def aclose(self) -> None:
        """Stop rendering and release what renders."""


class _Worker:
    """One worker process and the line-by-line conversation with it."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.renders = 0
        self.idle_since = 0.0

    async def render(self, item: Media, name: str, path: Path) -> None:
        stdin, stdout = self.process.stdin, self.process.stdout
        if stdin is None or stdout is None:
            raise RenderFailed("the render worker has no pipes")
        request = {**describe(item), "name": name, "path": str(path)}
        self.renders += 1
        try:
            stdin.write(json.dumps(request).encode() + b"\n")
            await stdin.drain()
            line = await stdout.readline()
        except ConnectionError:  # the worker is gone: its pipes are closed
            line = b""
        if not line:
            code = await self.process.wait()
            raise RenderFailed(f"the render worker exited with status {code}")
        answer = json.loads(line)
        if not answer.get("ok"):
            raise RenderFailed(str(answer.get("error", "unknown error")))

    async def stop(self) -> None:
        """Ask the worker to exit (its input ends), and kill it if it does not."""
        process = self.process
        if process.stdin is not None and not process.stdin.is_closing():
            process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), STOP_SECONDS)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


class WorkerPool:
    """Worker processes rendering parts of videos: as many as are asked for at once (the
    caller bounds that), each replaced after `recycle_after` parts and stopped after
    `idle_seconds` without work. Nothing runs until something is rendered or `warm()`."""

    def __init__(
        self, *, recycle_after: int = RECYCLE_AFTER, idle_seconds: float = IDLE_SECONDS
    ) -> None:
        self._recycle_after = recycle_after
        self._idle_seconds = idle_seconds
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._warming: asyncio.Task[_Worker] | None = None
        self._stopping: set[asyncio.Task[None]] = set()
        self._reaper: asyncio.TimerHandle | None = None
        self._closed = False
        self.started = 0

    @property
    def running(self) -> int:
        """Worker processes alive now."""
        return len(self._idle) + len(self._busy) + (self._warming is not None)

    def warm(self) -> None:
        """Start a worker in the background if none is alive."""
        if self._closed or self.running:
            return
        self._warming = asyncio.get_running_loop().create_task(self._start())
        self._warming.add_done_callback(self._warmed)

    async def render(self, item: Media, name: str, path: Path) -> None:
        """Render the part `name` of `item` into `path` in a worker process.

        Raises:
            RenderFailed: the worker failed, died, or could not be started.
        """
        worker = await self._take()
        self._busy.add(worker)
        try:
            await worker.render(item, name, path)
        except BaseException:
            # After a failure or a cancellation the conversation is out of step: replace it.
            self._busy.discard(worker)
            self._retire(worker)
            raise
        self._busy.discard(worker)
        self._give_back(worker)

    async def _take(self) -> _Worker:
        if self._closed:
            raise RenderFailed("the sandbox is stopping")
        if self._idle:
            return self._idle.pop()
        warming = self._warming
        if warming is not None:
            self._warming = None
            with contextlib.suppress(Exception):
                return await warming
        return await self._start()

    async def _start(self) -> _Worker:
        environ = dict(os.environ)
        paths = [str(PACKAGE_ROOT), *filter(None, [environ.get("PYTHONPATH")])]
        environ["PYTHONPATH"] = os.pathsep.join(paths)
        try:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "videodb_mock._media.worker",
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                env=environ,
            )
        except OSError as exc:
            raise RenderFailed(f"a render worker could not be started: {exc}") from None
        self.started += 1
        return _Worker(process)

    def _warmed(self, task: asyncio.Task[_Worker]) -> None:
        if self._warming is not task:
            return  # taken by a render, or the pool is closing
        self._warming = None
        if task.cancelled() or task.exception() is not None:
            return
        self._give_back(task.result())

    def _give_back(self, worker: _Worker) -> None:
        if self._closed or worker.renders >= self._recycle_after:
            self._retire(worker)
            return
        loop = asyncio.get_running_loop()
        worker.idle_since = loop.time()
        self._idle.append(worker)
        if self._reaper is None:
            self._reaper = loop.call_later(self._idle_seconds, self._reap)

    def _reap(self) -> None:
        """Stop the workers idle for `idle_seconds`; look again later if some are left."""
        self._reaper = None
        loop = asyncio.get_running_loop()
        cutoff = loop.time() - self._idle_seconds
        for worker in [w for w in self._idle if w.idle_since <= cutoff]:
            self._idle.remove(worker)
            self._retire(worker)
        if self._idle:
            wait = min(w.idle_since for w in self._idle) + self._idle_seconds - loop.time()
            self._reaper = loop.call_later(max(0.0, wait), self._reap)

    def _retire(self, worker: _Worker) -> None:
        task = asyncio.get_running_loop().create_task(worker.stop())
        self._stopping.add(task)
        task.add_done_callback(self._stopping.discard)

    async def aclose(self) -> None:
        """Stop every worker (a busy one is killed)."""
        self._closed = True
        if self._reaper is not None:
            self._reaper.cancel()
        if self._warming is not None:
            self._warming.cancel()
            with contextlib.suppress(BaseException):
                self._retire(await self._warming)
            self._warming = None
        for worker in self._busy:
            with contextlib.suppress(ProcessLookupError):
                worker.process.kill()
        for worker in [*self._idle, *self._busy]:
            self._retire(worker)
        self._idle.clear()
        self._busy.clear()
        if self._stopping:
            await asyncio.gather(*self._stopping, return_exceptions=True)
        logger.debug("render workers stopped")
