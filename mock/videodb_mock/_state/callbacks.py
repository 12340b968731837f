"""Delivery of generation results to `callback_url`, off the request path.

When a job with a `callback_url` is created, a timer is set for the moment it ends; then the
result (`{"success": true, "data": <video>}` or `{"success": false, "message": ...}`) is
POSTed to the URL. A receiver that fails (a non-2xx answer, no answer in time, a connection
error) gets the result again after a back-off that doubles each time, until it takes it or
the attempts run out: delivery is at least once, as the spec allows. Every delivery and every
failure is logged. With `--state-dir`, a callback not delivered nor given up when the sandbox
stops is delivered after it starts again. The timer and the back-off run on the sandbox's clock
(`clock`): with `--clock manual`, moving the clock past them fires them.

No receiver can hold back another's callbacks (`Slots`):

- an attempt has `timeout` seconds in all, from connecting to the answer's status: a receiver
  that never answers, or drips its answer a byte at a time, is cut off when they are up;
- only the answer's status is read, and at most `ANSWER_BYTES` of its body, as sent (never
  decompressed): what a receiver answers costs the sandbox nothing more;
- at most `PER_ORIGIN` attempts go to one origin (scheme, host and port) at a time; its other
  callbacks wait their turn without holding anything;
- at most `max_concurrent` attempts are young (started less than `SLOW_AFTER` seconds ago) at
  once, and one that is still going after that gives its place to the next waiting, going on
  among the slow (at most `max_slow`). Waiting callbacks are taken origin by origin in turn,
  those of origins that have not failed first. So a receiver that answers at once waits about
  `SLOW_AFTER` at most for a place, however many others hang.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import json
import logging
import urllib.parse
from collections.abc import AsyncIterator, Callable
from typing import Any

import attrs
import httpx

from videodb_mock._state.clock import SandboxClock, SystemClock, Timer

logger = logging.getLogger("videodb_mock.callbacks")

Payload = dict[str, Any]

#: The most attempts to one origin at a time.
PER_ORIGIN = 4
#: Seconds after which an attempt still going leaves its place to the next one waiting.
SLOW_AFTER = 0.25
#: The most slow attempts at a time (each holds a connection); past that, they stay young.
MAX_SLOW = 512
#: The most of an answer's body read (so that its connection closes cleanly), as sent.
ANSWER_BYTES = 16 * 1024
#: How many origins that failed are remembered (their callbacks wait behind the others').
REMEMBERED_FAILURES = 4096
#: Out of this many places given while callbacks of origins that failed wait, one goes to them.
FAILED_TURN = 4
HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "identity"}


@attrs.define
class CallbackStats:
    """Counts of callback outcomes, for `/_sandbox/stats` and tests."""

    scheduled: int = 0
    delivered: int = 0
    failed_attempts: int = 0
    abandoned: int = 0


def origin_of(url: str) -> str:
    """The origin of `url` (`http://host:port`): what a receiver's attempts are counted by."""
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return f"{parts.scheme}://{parts.netloc}".lower()
    if port is None:
        port = 443 if parts.scheme.lower() == "https" else 80
    return f"{parts.scheme}://{parts.hostname}:{port}".lower()


@attrs.define
class _Held:
    """One attempt's place: young or slow, and the timer that makes it slow."""

    origin: str
    young: bool = True
    timer: asyncio.TimerHandle | None = None


class Slots:
    """Places for delivery attempts, shared fairly between receivers (see the module's doc).

    Must be used inside the event loop.
    """

    def __init__(
        self,
        *,
        young: int,
        slow: int = MAX_SLOW,
        per_origin: int = PER_ORIGIN,
        slow_after: float = SLOW_AFTER,
    ) -> None:
        self._young_limit = young
        self._slow_limit = slow
        self._per_origin = per_origin
        self._slow_after = slow_after
        self.young = 0
        self.slow = 0
        #: Attempts going, by origin.
        self._busy: collections.Counter[str] = collections.Counter()
        #: Attempts waiting, by origin, in the order they came.
        self._waiting: dict[str, collections.deque[asyncio.Future[None]]] = {}
        #: Origins with attempts waiting and room for one more: those in good standing, then
        #: those that failed.
        self._turns: tuple[collections.deque[str], collections.deque[str]] = (
            collections.deque(),
            collections.deque(),
        )
        self._in_turn: set[str] = set()
        self._failed: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._given_in_a_row = 0

    @property
    def waiting(self) -> int:
        """Attempts waiting for a place."""
        return sum(len(queue) for queue in self._waiting.values())

    @contextlib.asynccontextmanager
    async def place(self, origin: str) -> AsyncIterator[None]:
        """Hold a place for one attempt to `origin` while the block runs; wait for it first."""
        held = await self._take(origin)
        held.timer = asyncio.get_running_loop().call_later(self._slow_after, self._age, held)
        try:
            yield
        finally:
            self._give_back(held)

    def answered(self, origin: str) -> None:
        """`origin` took a callback: it is in good standing again."""
        self._failed.pop(origin, None)

    def failed(self, origin: str) -> None:
        """An attempt to `origin` failed: its callbacks wait behind the others' from now on."""
        self._failed[origin] = None
        self._failed.move_to_end(origin)
        if len(self._failed) > REMEMBERED_FAILURES:
            self._failed.popitem(last=False)

    async def _take(self, origin: str) -> _Held:
        if (
            self.young < self._young_limit
            and self._busy[origin] < self._per_origin
            and origin not in self._waiting
        ):
            self._hold(origin)
            return _Held(origin)
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(origin, collections.deque()).append(waiter)
        self._offer(origin)
        self._dispatch()
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                # Given a place just as it was cancelled: give it back.
                self._give_back(_Held(origin))
            else:
                self._forget(origin, waiter)
            raise
        return _Held(origin)

    def _forget(self, origin: str, waiter: asyncio.Future[None]) -> None:
        queue = self._waiting.get(origin)
        if queue is not None:
            with contextlib.suppress(ValueError):
                queue.remove(waiter)
            if not queue:
                del self._waiting[origin]

    def _hold(self, origin: str) -> None:
        self.young += 1
        self._busy[origin] += 1

    def _offer(self, origin: str) -> None:
        """Give `origin` a turn if it has attempts waiting and room for one more."""
        if (
            origin in self._in_turn
            or not self._waiting.get(origin)
            or self._busy[origin] >= self._per_origin
        ):
            return
        self._turns[1 if origin in self._failed else 0].append(origin)
        self._in_turn.add(origin)

    def _next_origin(self) -> str | None:
        good, failed = self._turns
        if failed and (not good or self._given_in_a_row >= FAILED_TURN - 1):
            self._given_in_a_row = 0
            origin = failed.popleft()
        elif good:
            self._given_in_a_row += 1
            origin = good.popleft()
        else:
            return None
        self._in_turn.discard(origin)
        return origin

    def _dispatch(self) -> None:
        """Give the free young places to attempts waiting, origin by origin in turn."""
        while self.young < self._young_limit:
            origin = self._next_origin()
            if origin is None:
                return
            queue = self._waiting.get(origin)
            while queue and queue[0].done():  # cancelled while waiting
                queue.popleft()
            if queue:
                self._hold(origin)
                queue.popleft().set_result(None)
            if not queue:
                self._waiting.pop(origin, None)
            else:
                self._offer(origin)

    def _age(self, held: _Held) -> None:
        """`held`'s attempt is still going: it leaves its young place to the next waiting."""
        if self.slow >= self._slow_limit:
            held.timer = asyncio.get_running_loop().call_later(self._slow_after, self._age, held)
            return
        held.young, held.timer = False, None
        self.young -= 1
        self.slow += 1
        self.failed(held.origin)
        self._dispatch()

    def _give_back(self, held: _Held) -> None:
        if held.timer is not None:
            held.timer.cancel()
        if held.young:
            self.young -= 1
        else:
            self.slow -= 1
        self._busy[held.origin] -= 1
        if self._busy[held.origin] <= 0:
            del self._busy[held.origin]
        self._offer(held.origin)
        self._dispatch()


class CallbackDispatcher:
    """Schedules and delivers callbacks with retries; `aclose()` stops them all.

    `timeout` bounds each attempt in all (connecting, sending, the answer's status);
    `max_concurrent` attempts may be young at once, `max_slow` slow (`Slots`). Delays and
    back-off are waited on `clock` (default: the machine's), an attempt's timeout in real time.
    """

    def __init__(
        self,
        *,
        attempts: int,
        backoff: float,
        timeout: float,
        max_concurrent: int = 64,
        max_slow: int = MAX_SLOW,
        per_origin: int = PER_ORIGIN,
        slow_after: float = SLOW_AFTER,
        clock: SandboxClock | None = None,
    ) -> None:
        self._clock: SandboxClock = clock or SystemClock()
        self._attempts = attempts
        self._backoff = backoff
        self._timeout = timeout
        self._new_slots = functools.partial(
            Slots, young=max_concurrent, slow=max_slow, per_origin=per_origin, slow_after=slow_after
        )
        self._client: httpx.AsyncClient | None = None
        self._slots: Slots | None = None
        self._timers: set[Timer] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.stats = CallbackStats()

    @property
    def pending(self) -> int:
        """Callbacks not yet delivered nor abandoned (a delivery that has just ended is not
        pending, though its task is forgotten only at the event loop's next turn)."""
        return len(self._timers) + sum(not task.done() for task in self._tasks)

    @property
    def slots(self) -> Slots:
        """The places attempts take (made on first use, inside the event loop)."""
        if self._slots is None:
            self._slots = self._new_slots()
        return self._slots

    def schedule(
        self,
        url: str,
        delay: float,
        payload: Callable[[], Payload],
        job_id: str,
        settled: Callable[[], None] | None = None,
    ) -> None:
        """Deliver `payload()` to `url` in `delay` seconds on the clock, then call `settled()`
        once it is delivered or given up. Must run inside the event loop."""
        loop = asyncio.get_running_loop()
        self.stats.scheduled += 1
        handle: Timer | None = None

        def fire() -> None:
            if handle is not None:
                self._timers.discard(handle)
            task = loop.create_task(self._deliver(url, payload(), job_id, settled))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            self._clock.track(task)

        handle = self._clock.call_at(self._clock.monotonic() + max(0.0, delay), fire)
        self._timers.add(handle)

    async def _deliver(
        self, url: str, payload: Payload, job_id: str, settled: Callable[[], None] | None
    ) -> None:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        origin = origin_of(url)
        reason = ""
        for attempt in range(1, self._attempts + 1):
            async with self.slots.place(origin):
                outcome = await self._post(url, body)
            if isinstance(outcome, int) and 200 <= outcome < 300:
                self.slots.answered(origin)
                self.stats.delivered += 1
                logger.info(
                    "callback for %s delivered to %s (attempt %d, HTTP %d)",
                    job_id,
                    url,
                    attempt,
                    outcome,
                )
                if settled is not None:
                    settled()
                return
            self.slots.failed(origin)
            reason = f"HTTP {outcome}" if isinstance(outcome, int) else outcome
            self.stats.failed_attempts += 1
            if attempt == self._attempts:
                break
            delay = self._backoff * 2 ** (attempt - 1)
            logger.warning(
                "callback for %s to %s failed (attempt %d of %d, %s); retrying in %.2f s",
                job_id,
                url,
                attempt,
                self._attempts,
                reason,
                delay,
            )
            await self._clock.sleep(delay)
        self.stats.abandoned += 1
        logger.error(
            "callback for %s to %s abandoned after %d attempts (%s)",
            job_id,
            url,
            self._attempts,
            reason,
        )
        if settled is not None:
            settled()

    async def _post(self, url: str, body: bytes) -> int | str:
        """One attempt: the answer's status, or why there is none. The status is all that
        counts: once it has come, the body is read only up to `ANSWER_BYTES` (as sent, never
        decompressed), and a receiver slow to send it loses nothing."""
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=self._timeout,
                trust_env=False,
                # The places (`Slots`) bound the connections; the pool is not to queue them.
                limits=httpx.Limits(max_connections=None, max_keepalive_connections=16),
            )
        status: int | None = None
        try:
            async with (
                asyncio.timeout(self._timeout),
                self._client.stream("POST", url, content=body, headers=HEADERS) as response,
            ):
                status = response.status_code
                read = 0
                async for chunk in response.aiter_raw():
                    read += len(chunk)
                    if read >= ANSWER_BYTES:
                        break
        except TimeoutError:
            if status is None:
                return f"no answer within {self._timeout:g} s"
        except httpx.HTTPError as exc:
            if status is None:
                return f"{type(exc).__name__}: {exc}"
        return "no answer" if status is None else status

    async def aclose(self) -> None:
        """Cancel every pending callback and close the HTTP client."""
        if self.pending:
            logger.warning("stopping with %d callbacks not delivered", self.pending)
        for handle in self._timers:
            handle.cancel()
        self._timers.clear()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        if self._client is not None:
            await self._client.aclose()
            self._client = None
