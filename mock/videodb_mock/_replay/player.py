"""The replaying server (`--replay DIR`): each request is answered with the recorded answer to
the same request, offline.

A request matches a recorded one by method, path, query (the key removed) and its JSON body in
canonical form (sorted keys); `recording.request_key` says how. Identical requests (a job's
polls) are answered as the clock says:
- on the wall clock (the default), in the recorded order: a job polled three times while
  recording answers processing, processing, done, and once they are used up the last repeats;
- on a manual clock (`--clock manual`), as recorded at the same time since the session began:
  the session's first request is the recording's first exchange, and a request at `t` seconds
  after it on the player's clock gets the last identical answer recorded by `t` seconds after
  the recording's first (the first, if none was). So a test that moves the clock as the
  recording's clock moved sees the job's progress at the same moments. The clock is read and
  moved at `/_sandbox/clock`, as the sandbox's is; with `--replay-fallback sandbox` it is the
  sandbox's own clock. Recordings without times (`Exchange.at`) replay in the recorded order.

The upstream's base URL in recorded answers (stored as `BASE_MARK`) is written as the player's
own base URL, so media URLs lead back to the player, which serves the recorded bytes.

A request not recorded is a 404 whose JSON body names it, or, with `--replay-fallback sandbox`,
is answered by the sandbox behind the player.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable
from typing import cast

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from videodb_mock._clock import PATH as CLOCK_PATH
from videodb_mock._clock import ClockOwner, ClockRoutes
from videodb_mock._echo import echoed
from videodb_mock._replay.recording import (
    BASE_MARK,
    KEY_HEADER,
    Exchange,
    Recording,
    request_key,
)
from videodb_mock._settings import SandboxConfig
from videodb_mock._state.clock import ManualClock, SandboxClock, SystemClock


class PlayerClock:
    """The clock of a player without a sandbox behind it, served at `/_sandbox/clock`."""

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        # A whole second to start from, as the sandbox's: moves of exact seconds stay exact.
        start = math.floor(time.time())
        self.clock: SandboxClock = ManualClock(start) if config.clock == "manual" else SystemClock()

    async def move_clock(self, when: float | Callable[[float], float]) -> None:
        """Move the manual clock to `when`; nothing waits on a player's clock to settle."""
        assert isinstance(self.clock, ManualClock)  # noqa: S101 - ClockRoutes checks the mode
        await self.clock.advance_to(when, settle=0.0)


class Player:
    """The ASGI app that replays `recording` (see the module's doc) on the clock of `owner`
    (the fallback sandbox, or a `PlayerClock`); `fallback` answers what it does not hold."""

    def __init__(
        self, recording: Recording, base_url: str, fallback: ASGIApp | None, owner: ClockOwner
    ) -> None:
        self.recording = recording
        self.base_url = base_url.rstrip("/")
        self.fallback = fallback
        self._answers: dict[str, list[Exchange]] = defaultdict(list)
        for exchange in recording.exchanges:
            self._answers[exchange.key].append(exchange)
        self._served: dict[str, int] = defaultdict(int)
        self.clock = owner.clock
        self._clock_routes = ClockRoutes(owner)
        times = [exchange.at for exchange in recording.exchanges]
        #: Where the recording's clock began, when every exchange has its time.
        self._recorded_start = times[0] if times and None not in times else None
        #: Where the player's clock stood at the session's first request.
        self._session_start: float | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            if self.fallback is not None:
                await self.fallback(scope, receive, send)
                return
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        path = request.url.path
        body = await request.body()
        key = request_key(
            request.method,
            path,
            request.url.query,
            body,
            api_key=request.headers.get(KEY_HEADER),
            base_url=self.base_url,
        )
        recorded = self._answers.get(key)
        response: Response
        if path == CLOCK_PATH:
            response = await self._clock_routes.respond(Request(scope, _replayed(body)))
        elif recorded:
            if self._session_start is None:  # the session begins with its first answer
                self._session_start = self.clock.monotonic()
            exchange = self._pick(key, recorded)
            answer = self.recording.body(exchange).replace(
                BASE_MARK.encode(), self.base_url.encode()
            )
            headers = {"content-type": exchange.content_type} if exchange.content_type else None
            response = Response(answer, exchange.status, headers=headers)
        elif path == "/_sandbox/health" and self.fallback is None:
            response = JSONResponse({"status": "ok", "replaying": str(self.recording.folder)})
        elif self.fallback is not None:
            await self.fallback(scope, _replayed(body), send)
            return
        else:
            refusal = (
                f"Not in the recording: {request.method} {echoed(path)}; record it with "
                "--record, or answer it with --replay-fallback sandbox"
            )
            response = JSONResponse(
                {"success": False, "message": refusal, "error_code": "not_recorded"}, 404
            )
        await response(scope, receive, send)

    def _pick(self, key: str, recorded: list[Exchange]) -> Exchange:
        """Which of the answers `recorded` to the request `key` to give now (see the module's
        doc): by the clock on a manual clock, else the next in the recorded order."""
        served = self._served[key]
        self._served[key] += 1
        if (
            self.clock.mode == "manual"
            and self._recorded_start is not None
            and self._session_start is not None
        ):
            # Every exchange has its time (`_recorded_start` says so): the last one due.
            due_by = self._recorded_start + self.clock.monotonic() - self._session_start
            return next(
                (exchange for exchange in reversed(recorded) if cast(float, exchange.at) <= due_by),
                recorded[0],
            )
        return recorded[min(served, len(recorded) - 1)]


def _replayed(body: bytes) -> Receive:
    """A `receive` that hands the already read `body` to the fallback app."""
    sent = False

    async def receive() -> dict[str, object]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive
