"""Serving the sandbox's clock at `/_sandbox/clock`, outside the API's paths.

`GET` reads it: `{"clock": "wall" | "manual", "time": ISO 8601 in UTC, "timestamp": seconds
since the epoch}`. With `--clock manual`, `POST` moves it forward, with a JSON object holding
one of `{"advance": seconds}` (a number, 0 or more) or `{"to": "2030-01-01T00:00:00Z"}` (an ISO
8601 time with its UTC offset, not before the clock's time), and answers as `GET` does once
the jobs due by then have ended and their callbacks have been sent. A body that breaks a rule
is a 400 naming the field and the rule; on the wall clock, `POST` is a 409 saying so. No API
key is asked for, as for the sandbox's other paths.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from videodb_mock._body import BodyError, parse_json, read_body
from videodb_mock._echo import echoed
from videodb_mock._settings import SandboxConfig
from videodb_mock._state.bodies import error
from videodb_mock._state.clock import LATEST, SandboxClock

PATH = "/_sandbox/clock"
ALLOWED = "GET, HEAD, POST"
FIELDS = ("advance", "to")
NOT_MANUAL = (
    "The sandbox runs on the wall clock, which cannot be moved: start it with --clock manual "
    "to move its time with POST /_sandbox/clock"
)


class MoveError(ValueError):
    """A move's body breaks a rule; the message names the field and the rule."""


def iso(when: float) -> str:
    """`when` (seconds since the epoch) as an ISO 8601 time in UTC, to the microsecond."""
    moment = datetime.datetime.fromtimestamp(when, datetime.UTC)
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


def target(body: Any, now: float) -> float:
    """Where the move `body` (a parsed JSON value) takes a clock that shows `now`.

    Raises:
        MoveError: the body is not an object with exactly one of `advance` or `to`, or its
            value breaks that field's rule.
    """
    if not isinstance(body, dict):
        raise MoveError('body: must be a JSON object, {"advance": seconds} or {"to": time}')
    unknown = [name for name in body if name not in FIELDS]
    if unknown:
        names = ", ".join(echoed(repr(name)) for name in unknown)
        raise MoveError(f"body: unknown field {names}; a move has advance or to")
    if len(body) > 1:
        raise MoveError("body: holds both advance and to; a move has one of them")
    if not body:
        raise MoveError('body: must hold advance or to ({"advance": seconds})')
    if "advance" in body:
        return now + _seconds(body["advance"], now)
    return _time(body["to"], now)


def _seconds(value: Any, now: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MoveError(f"advance: must be a number of seconds, got {echoed(repr(value))}")
    if isinstance(value, float) and not math.isfinite(value):
        raise MoveError(f"advance: must be a finite number of seconds, got {value}")
    if value < 0:
        raise MoveError(
            f"advance: must be 0 or more seconds (the clock never goes back), got {value}"
        )
    if value > LATEST - now:
        raise MoveError(f"advance: must not take the clock past {iso(LATEST)}, got {value}")
    return float(value)


def _time(value: Any, now: float) -> float:
    if not isinstance(value, str):
        raise MoveError(f"to: must be an ISO 8601 time as a string, got {echoed(repr(value))}")
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise MoveError(
            "to: must be an ISO 8601 time with its UTC offset (2030-01-01T00:00:00Z), got "
            f"{echoed(repr(value))}"
        )
    try:
        when = moment.timestamp()
    except (OverflowError, ValueError):  # a time near year 1 or 9999, past the epoch's range
        when = -math.inf
    if when > LATEST:
        raise MoveError(f"to: must not take the clock past {iso(LATEST)}, got {echoed(value)}")
    if when < now:
        raise MoveError(
            f"to: {echoed(value)} is before the clock's time {iso(now)}; the clock never goes back"
        )
    return when


class ClockOwner(Protocol):
    """What runs on the clock served: the sandbox, or a replaying server."""

    clock: SandboxClock
    config: SandboxConfig

    async def move_clock(self, when: float | Callable[[float], float]) -> None:
        """Move the manual clock forward to `when` (or where the callable takes it)."""


class ClockRoutes:
    """Answers requests to `/_sandbox/clock` for `sandbox` (see the module's doc)."""

    def __init__(self, sandbox: ClockOwner) -> None:
        self._sandbox = sandbox

    def reading(self) -> dict[str, Any]:
        """The clock's mode and time, as `GET` answers them."""
        clock = self._sandbox.clock
        now = clock.wall()
        return {"clock": clock.mode, "time": iso(now), "timestamp": now}

    async def respond(self, request: Request) -> Response:
        """The answer to `request`, to the clock's path."""
        if request.method in ("GET", "HEAD"):
            return JSONResponse(self.reading())
        if request.method != "POST":
            message = f"Method {request.method} is not allowed on {PATH}; allowed: {ALLOWED}"
            return JSONResponse(
                error(message, "method_not_allowed"), 405, headers={"Allow": ALLOWED}
            )
        if self._sandbox.clock.mode != "manual":
            return JSONResponse(error(NOT_MANUAL, "clock_not_manual"), 409)
        limit = self._sandbox.config.max_body_bytes
        raw = await read_body(request, limit)
        try:
            if raw is None:
                raise MoveError(f"body: larger than {limit} bytes")
            body = parse_json(raw)
            # Read where the clock is once the moves asked for before are done.
            await self._sandbox.move_clock(lambda now: target(body, now))
        except (BodyError, MoveError) as exc:
            return JSONResponse(error(str(exc), "invalid_request"), 400)
        return JSONResponse(self.reading())
