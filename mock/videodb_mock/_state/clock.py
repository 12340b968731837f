"""The sandbox's time: the machine's (`SystemClock`), or one that moves only when told to
(`ManualClock`, `--clock manual`).

Everything that depends on time reads one of these: jobs' progress and end, `Retry-After`,
expiry, signed URLs, uploads (through `monotonic()` and `wall()`), and callbacks, which wait
with `call_at` and `sleep`. So nothing else needs to know which clock runs.

A manual clock's monotonic time is its wall time (seconds since the epoch): it starts at the
machine's time (or where a restarted sandbox left it) and stands still. `advance_to` moves it
forward, stepping through the moments timers fall due on the way, in order (those due at one
moment together), so that a callback retried within the move is retried within it too; after
each step it waits for the work the timers started (callback deliveries, `track`) to finish or
to sleep on the clock again, for at most `settle` seconds of real time in all, so that a
receiver that hangs cannot hold the move longer than that (what is due after that is started,
not waited for).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Callable
from typing import Protocol

import attrs

from videodb_mock._settings import ClockMode

#: The latest time a manual clock may show: the last second of year 9999, the last that
#: dates can be written for.
LATEST = 253402300799.0


class Timer(Protocol):
    """What `call_at` returns: a call that may be cancelled before it runs."""

    def cancel(self) -> None:
        """Do not make the call."""


class SandboxClock(Protocol):
    """A clock the sandbox runs on (see the module's doc)."""

    mode: ClockMode

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back."""

    def wall(self) -> float:
        """Seconds since the epoch."""

    def call_at(self, when: float, callback: Callable[[], None]) -> Timer:
        """Call `callback()` once `monotonic()` reaches `when` (inside the event loop)."""

    async def sleep(self, seconds: float) -> None:
        """Wait `seconds` on this clock."""

    def track(self, task: asyncio.Task[None]) -> None:
        """`task` is work a timer started: a move of the clock waits for it (`ManualClock`)."""


class SystemClock:
    """The machine's clocks (or the ones given, for tests): timers are the event loop's."""

    mode: ClockMode = "wall"

    def __init__(
        self,
        monotonic: Callable[[], float] | None = None,
        wall: Callable[[], float] | None = None,
    ) -> None:
        self._monotonic = monotonic or time.monotonic
        self._wall = wall or time.time

    def monotonic(self) -> float:
        """The monotonic clock's time."""
        return self._monotonic()

    def wall(self) -> float:
        """The wall clock's time."""
        return self._wall()

    def call_at(self, when: float, callback: Callable[[], None]) -> Timer:
        """Call `callback()` in `when - monotonic()` seconds of the event loop's time."""
        delay = max(0.0, when - self.monotonic())
        return asyncio.get_running_loop().call_later(delay, callback)

    async def sleep(self, seconds: float) -> None:
        """`asyncio.sleep`."""
        await asyncio.sleep(seconds)

    def track(self, task: asyncio.Task[None]) -> None:
        """Nothing waits for the work of timers on the wall clock."""


@attrs.define(eq=False)
class _ManualTimer:
    """A call due at a manual clock's time `when`."""

    when: float
    callback: Callable[[], None]
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


class ManualClock:
    """A clock that stands still at `start` (default: the machine's time) until moved."""

    mode: ClockMode = "manual"

    def __init__(self, start: float | None = None) -> None:
        self._now = time.time() if start is None else start
        self._due: list[tuple[float, int, _ManualTimer]] = []
        self._order = itertools.count()
        #: Work timers started, and those of it sleeping on this clock.
        self._tracked: set[asyncio.Task[None]] = set()
        self._sleeping: set[asyncio.Task[None]] = set()
        self._changed = asyncio.Event()
        self._moving = asyncio.Lock()

    def monotonic(self) -> float:
        """The clock's time, in seconds since the epoch."""
        return self._now

    def wall(self) -> float:
        """The clock's time, in seconds since the epoch."""
        return self._now

    def call_at(self, when: float, callback: Callable[[], None]) -> Timer:
        """Call `callback()` when the clock is moved to `when` or past it (soon, inside the
        event loop, if it is there already)."""
        if when <= self._now:
            return asyncio.get_running_loop().call_soon(callback)
        timer = _ManualTimer(when, callback)
        heapq.heappush(self._due, (when, next(self._order), timer))
        return timer

    async def sleep(self, seconds: float) -> None:
        """Wait until the clock is moved `seconds` on from now."""
        loop = asyncio.get_running_loop()
        woken: asyncio.Future[None] = loop.create_future()
        task = asyncio.current_task()
        tracked = task in self._tracked

        def wake() -> None:
            # Busy again from now: a move waits for it though it has not run yet.
            if tracked and task is not None:
                self._sleeping.discard(task)
            if not woken.done():
                woken.set_result(None)

        timer = self.call_at(self._now + seconds, wake)
        if tracked and task is not None:
            self._sleeping.add(task)
            self._changed.set()
        try:
            await woken
        finally:
            timer.cancel()
            if task is not None:
                self._sleeping.discard(task)

    def track(self, task: asyncio.Task[None]) -> None:
        """A move waits for `task` until it ends or sleeps on this clock."""
        self._tracked.add(task)
        task.add_done_callback(self._untrack)

    def _untrack(self, task: asyncio.Task[None]) -> None:
        self._tracked.discard(task)
        self._sleeping.discard(task)
        self._changed.set()

    @property
    def busy(self) -> int:
        """Tracked work neither ended nor sleeping on the clock."""
        return sum(not task.done() for task in self._tracked - self._sleeping)

    async def advance_to(self, when: float | Callable[[float], float], *, settle: float) -> None:
        """Move the clock forward to `when` (never back), running every timer due on the way
        at its own time, and waiting for the work they start, for `settle` seconds of real
        time at most (see the module's doc). Moves made at once run one after the other: a
        callable `when` is given the clock's time once the move's turn has come (and may
        raise to refuse it)."""
        async with self._moving:
            if callable(when):
                when = when(self._now)
            deadline = time.monotonic() + settle
            while self._due and self._due[0][0] <= when:
                due = self._due[0][0]
                self._now = max(self._now, due)
                # Every timer due at this moment at once: jobs started together end together.
                while self._due and self._due[0][0] == due:
                    timer = heapq.heappop(self._due)[2]
                    if not timer.cancelled:
                        timer.callback()
                await self._settle(deadline)
            self._now = max(self._now, when)
            await self._settle(deadline)

    async def _settle(self, deadline: float) -> None:
        """Wait until no tracked work is busy, or until `deadline` (real time)."""
        # Let what the timers started take its first steps.
        await asyncio.sleep(0)
        while self.busy:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), left)
            except TimeoutError:
                return
