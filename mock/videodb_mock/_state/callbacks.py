"""Delivery of generation results to `callback_url`, off the request path.

When a job with a `callback_url` is created, a timer is set for the moment it ends; then the
result (`{"success": true, "data": <video>}` or `{"success": false, "message": ...}`) is
POSTed to the URL. A receiver that fails (a non-2xx answer, a timeout, a connection error)
gets the result again after a back-off that doubles each time, until it takes it or the
attempts run out: delivery is at least once, as the spec allows. Every delivery and every
failure is logged. With `--state-dir`, a callback not delivered nor given up when the sandbox
stops is delivered after it starts again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import attrs
import httpx

logger = logging.getLogger("videodb_mock.callbacks")

Payload = dict[str, Any]


@attrs.define
class CallbackStats:
    """Counts of callback outcomes, for `/_sandbox/stats` and tests."""

    scheduled: int = 0
    delivered: int = 0
    failed_attempts: int = 0
    abandoned: int = 0


class CallbackDispatcher:
    """Schedules and delivers callbacks with retries; `aclose()` stops them all."""

    def __init__(
        self,
        *,
        attempts: int,
        backoff: float,
        timeout: float,
        max_concurrent: int = 64,
    ) -> None:
        self._attempts = attempts
        self._backoff = backoff
        self._timeout = timeout
        self._max_concurrent = max_concurrent
        self._client: httpx.AsyncClient | None = None
        self._semaphore: asyncio.Semaphore | None = None
        self._timers: set[asyncio.TimerHandle] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.stats = CallbackStats()

    @property
    def pending(self) -> int:
        """Callbacks not yet delivered nor abandoned (a delivery that has just ended is not
        pending, though its task is forgotten only at the event loop's next turn)."""
        return len(self._timers) + sum(not task.done() for task in self._tasks)

    def schedule(
        self,
        url: str,
        delay: float,
        payload: Callable[[], Payload],
        job_id: str,
        settled: Callable[[], None] | None = None,
    ) -> None:
        """Deliver `payload()` to `url` in `delay` seconds, then call `settled()` once it is
        delivered or given up. Must run inside the event loop."""
        loop = asyncio.get_running_loop()
        self.stats.scheduled += 1
        handle: asyncio.TimerHandle | None = None

        def fire() -> None:
            if handle is not None:
                self._timers.discard(handle)
            task = loop.create_task(self._deliver(url, payload(), job_id, settled))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

        handle = loop.call_later(max(0.0, delay), fire)
        self._timers.add(handle)

    async def _deliver(
        self, url: str, payload: Payload, job_id: str, settled: Callable[[], None] | None
    ) -> None:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self._timeout, trust_env=False)
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self._max_concurrent)
        for attempt in range(1, self._attempts + 1):
            try:
                async with self._semaphore:
                    response = await self._client.post(url, json=payload)
            except httpx.HTTPError as exc:
                reason = f"{type(exc).__name__}: {exc}"
            else:
                if 200 <= response.status_code < 300:
                    self.stats.delivered += 1
                    logger.info(
                        "callback for %s delivered to %s (attempt %d, HTTP %d)",
                        job_id,
                        url,
                        attempt,
                        response.status_code,
                    )
                    if settled is not None:
                        settled()
                    return
                reason = f"HTTP {response.status_code}"
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
            await asyncio.sleep(delay)
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
