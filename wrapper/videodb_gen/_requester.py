"""Run one operation of the generated client: retries, one log line per attempt, and every
failure turned into an error of the SDK's hierarchy (never a bare httpx, json or KeyError).

The attempt loop exists twice (sync and async); what an attempt means is decided once, here.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Generic, TypeVar

import attrs
import httpx
from videodb_api.models import ErrorResponse
from videodb_api.types import Response, Unset

from . import _clock
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    status_error_class,
)
from ._http import CURRENT_CALL, CallContext
from ._retries import Attempt, retry_delay

logger = logging.getLogger("videodb_gen")

T = TypeVar("T")

_BODY_LIMIT = 2000
# What the generated client raises while decoding an answer it did not expect.
_DECODE_ERRORS = (ValueError, TypeError, KeyError, AttributeError)


@attrs.frozen
class Operation:
    """One request: its method and path (for errors and logs), and whether it is billable."""

    method: str
    path: str
    billable: bool = False


@attrs.frozen
class Settings:
    """The per-call settings of a connection that requests need; no retry waits past
    `deadline` (a `_clock.monotonic` time) when there is one."""

    timeout: httpx.Timeout
    max_retries: int
    home: tuple[str, str, int | None]
    secret: str = attrs.field(repr=False)
    deadline: float | None = None


class DeadlineReached(Exception):
    """A retry would end after the call's deadline; `error` is the last attempt's failure."""

    def __init__(self, error: APIError) -> None:
        super().__init__(str(error))
        self.error = error


@attrs.frozen
class Answer(Generic[T]):
    """A successful answer: the generated client's model and the answer's headers."""

    parsed: T
    headers: Mapping[str, str]


@attrs.frozen
class _Result(Generic[T]):
    outcome: Answer[T] | APIError
    attempt: Attempt
    cause: BaseException | None = None


@attrs.frozen
class _Raw:
    status: int
    headers: Mapping[str, str]
    content: bytes
    parsed: object = None


def _redact(text: str, secret: str) -> str:
    return text.replace(secret, "[redacted]") if secret else text


def _message(status: int, parsed: object, content: bytes) -> tuple[str, str | None]:
    if isinstance(parsed, ErrorResponse):
        code = None if isinstance(parsed.error_code, Unset) else parsed.error_code
        return str(parsed.message), code
    try:
        body = json.loads(content)
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        code = body.get("error_code")
        return body["message"], code if isinstance(code, str) else None
    text = content.decode("utf-8", errors="replace").strip()
    reason = httpx.codes.get_reason_phrase(status) or "unexpected status"
    return (f"{reason}: {text[:200]}" if text else reason), None


def _from_status(
    op: Operation,
    raw: _Raw,
    accept: Callable[[object], T | None],
    secret: str,
    decode_error: BaseException | None,
) -> _Result[T]:
    attempt = Attempt(status_code=raw.status, headers=raw.headers)
    if 200 <= raw.status < 300:
        parsed = accept(raw.parsed) if decode_error is None else None
        if parsed is not None:
            return _Result(Answer(parsed, raw.headers), attempt)
        reason = type(decode_error).__name__ if decode_error is not None else "unexpected shape"
        invalid = APIResponseValidationError(
            f"the answer could not be read ({reason})",
            method=op.method,
            path=op.path,
            status_code=raw.status,
        )
        return _Result(invalid, attempt, decode_error)
    message, code = _message(raw.status, raw.parsed, raw.content)
    error = status_error_class(raw.status)(
        _redact(message, secret),
        method=op.method,
        path=op.path,
        status_code=raw.status,
        error_code=code,
        headers=raw.headers,
        body=_redact(raw.content.decode("utf-8", errors="replace")[:_BODY_LIMIT], secret),
    )
    return _Result(error, attempt, decode_error)


def _interpret(
    op: Operation,
    *,
    response: Response[Any] | None,
    exc: BaseException | None,
    call: CallContext,
    accept: Callable[[object], T | None],
    secret: str,
) -> _Result[T]:
    if response is not None:
        raw = _Raw(int(response.status_code), response.headers, response.content, response.parsed)
        return _from_status(op, raw, accept, secret, None)
    if isinstance(exc, httpx.RequestError):
        kind = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
        detail = _redact(f"{type(exc).__name__}: {exc}".rstrip(": "), secret)
        return _Result(kind(detail, method=op.method, path=op.path), Attempt(error=exc), exc)
    if call.response is None:
        unread = APIResponseValidationError(
            f"the answer could not be read ({type(exc).__name__})", method=op.method, path=op.path
        )
        return _Result(unread, Attempt(), exc)
    got = call.response
    raw = _Raw(got.status_code, got.headers, got.content)
    return _from_status(op, raw, accept, secret, exc)


def _log(op: Operation, result: _Result[Any], elapsed: float, attempt: int) -> None:
    status: object = result.attempt.status_code
    if status is None and result.cause is not None:
        status = type(result.cause).__name__
    logger.debug(
        "%s %s -> %s in %.1f ms (attempt %d)", op.method, op.path, status, elapsed * 1000, attempt
    )


def _next(
    op: Operation, settings: Settings, error: APIError, result: _Result[Any], retries: int
) -> float:
    """Seconds to wait before retrying; raises `error` when it must not be retried."""
    delay = retry_delay(
        result.attempt, retry_number=retries, max_retries=settings.max_retries, billable=op.billable
    )
    if delay is None:
        raise error from result.cause
    if settings.deadline is not None and _clock.monotonic() + delay >= settings.deadline:
        raise DeadlineReached(error) from result.cause
    return delay


def call_sync(
    op: Operation,
    settings: Settings,
    send: Callable[[], Response[Any]],
    accept: Callable[[object], T | None],
) -> Answer[T]:
    """Send `op` with `send` (a generated ``sync_detailed`` call), retrying as allowed.

    `accept` returns the model when a 2xx answer has the expected shape, None otherwise.

    Raises:
        APIError: The last attempt's failure, as the SDK's error.
        DeadlineReached: Only with `settings.deadline`: a retry would end after it.
    """
    retries = 0
    while True:
        call = CallContext(settings.timeout, settings.home, settings.secret)
        token = CURRENT_CALL.set(call)
        started = _clock.monotonic()
        response: Response[Any] | None = None
        exc: BaseException | None = None
        try:
            response = send()
        except (httpx.RequestError, *_DECODE_ERRORS) as error:
            exc = error
        finally:
            CURRENT_CALL.reset(token)
        result = _interpret(
            op, response=response, exc=exc, call=call, accept=accept, secret=settings.secret
        )
        _log(op, result, _clock.monotonic() - started, retries + 1)
        if isinstance(result.outcome, Answer):
            return result.outcome
        _clock.sleep(_next(op, settings, result.outcome, result, retries))
        retries += 1


async def call_async(
    op: Operation,
    settings: Settings,
    send: Callable[[], Awaitable[Response[Any]]],
    accept: Callable[[object], T | None],
) -> Answer[T]:
    """The async twin of `call_sync` (`send` is a generated ``asyncio_detailed`` call).

    Raises:
        APIError: The last attempt's failure, as the SDK's error.
        DeadlineReached: Only with `settings.deadline`: a retry would end after it.
    """
    retries = 0
    while True:
        call = CallContext(settings.timeout, settings.home, settings.secret)
        token = CURRENT_CALL.set(call)
        started = _clock.monotonic()
        response: Response[Any] | None = None
        exc: BaseException | None = None
        try:
            response = await send()
        except (httpx.RequestError, *_DECODE_ERRORS) as error:
            exc = error
        finally:
            CURRENT_CALL.reset(token)
        result = _interpret(
            op, response=response, exc=exc, call=call, accept=accept, secret=settings.secret
        )
        _log(op, result, _clock.monotonic() - started, retries + 1)
        if isinstance(result.outcome, Answer):
            return result.outcome
        await _clock.async_sleep(_next(op, settings, result.outcome, result, retries))
        retries += 1
