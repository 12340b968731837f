"""What one attempt at an operation came to: an answer, or an error of the SDK's hierarchy
(never a bare httpx, json or KeyError), and whether and when to try again. No I/O.

The engine (`_async/_engine.py`) sends; everything it decides about an attempt is decided here.
"""

import contextlib
import json
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs
import httpx
from videodb_api.types import Response

from . import _clock
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    InvalidIdError,
    ResponseTooLargeError,
    request_id_of,
    status_error_class,
)
from ._http import AnswerTooLarge, CallContext, address
from ._operations import Operation
from ._retries import retry_delay

T = TypeVar("T")

_BODY_LIMIT = 2000
# A timeout this close to the request's deadline is the deadline's (clocks round).
_DEADLINE_SLACK = 0.01
#: What the generated client raises while decoding an answer it did not expect (JSON nested
#: too deeply for Python's parser is a RecursionError).
DECODE_ERRORS = (ValueError, TypeError, KeyError, AttributeError, RecursionError)
#: What an attempt may raise that its outcome turns into the SDK's error.
ATTEMPT_ERRORS = (httpx.RequestError, AnswerTooLarge, *DECODE_ERRORS)


@attrs.frozen
class Answer:
    """A successful answer: the operation's result, and the answer's headers."""

    result: Any
    headers: Mapping[str, str]


class DeadlineReached(Exception):
    """A retry would end after the call's deadline; `error` is the last attempt's failure."""

    def __init__(self, error: APIError) -> None:
        super().__init__(str(error))
        self.error = error


def _where(op: Operation[Any], call: CallContext) -> dict[str, Any]:
    """The method and path of the request the generated client made (for errors and logs)."""
    if call.request is None:
        return {"method": "", "path": op.endpoint_name}  # no request was made
    return {
        "method": call.request.method,
        "path": call.request.url.raw_path.split(b"?")[0].decode(),
    }


def _request_id(answer: httpx.Response | None) -> str | None:
    """The id the server gave `answer` (for errors), or None."""
    return None if answer is None else request_id_of(answer.headers)


def sent_error(call: CallContext) -> httpx.RequestError | None:
    """The transport error of the attempt, if the request or its answer did not get through
    (an answer that came but could not be decoded, `httpx.DecodingError`, is no such error)."""
    error = call.error
    if isinstance(error, httpx.RequestError) and not isinstance(error, httpx.DecodingError):
        return error
    return None


def _message(status: int, content: bytes) -> tuple[str, str | None]:
    """The API's message and error code from an error answer, or what can be said without."""
    body: object = None
    with contextlib.suppress(ValueError, RecursionError):
        body = json.loads(content)
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        code = body.get("error_code")
        return body["message"], code if isinstance(code, str) else None
    text = content.decode("utf-8", errors="replace").strip()
    reason = httpx.codes.get_reason_phrase(status) or "unexpected status"
    return (f"{reason}: {text[:200]}" if text else reason), None


def _unsent(error: httpx.RequestError, call: CallContext) -> str:
    """What went wrong with a request that got no complete answer, naming where it went (and
    the request's time limit, when that is what ended it)."""
    why = str(error)
    if (
        isinstance(error, httpx.TimeoutException)
        and call.deadline is not None
        and _clock.monotonic() >= call.deadline - _DEADLINE_SLACK
    ):
        why = call.overdue()
    detail = f"{type(error).__name__}: {why}".rstrip(": ")
    request = call.request
    if request is None:
        with contextlib.suppress(RuntimeError):  # httpx raises when it has no request
            request = error.request
    if request is None:
        return detail
    to = address(request.url)
    if isinstance(error, httpx.ConnectError | httpx.ConnectTimeout):
        return f"could not connect to {to}: {detail}"
    return f"no complete answer from {to}: {detail}"


def _content(answer: httpx.Response) -> bytes:
    """The answer's body; empty when it could not be read (it failed to decode)."""
    try:
        return answer.content
    except httpx.ResponseNotRead:
        return b""


def _reason(error: BaseException | None) -> str:
    if error is None:
        return "unexpected shape"
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return type(error).__name__


def _failure(op: Operation[Any], call: CallContext) -> APIError:
    where, exc, answer = _where(op, call), call.error, call.response
    error = sent_error(call)
    if error is not None:
        timed_out = isinstance(error, httpx.TimeoutException)
        return (APITimeoutError if timed_out else APIConnectionError)(_unsent(error, call), **where)
    status = None if answer is None else answer.status_code
    where["request_id"] = _request_id(answer)
    if isinstance(exc, AnswerTooLarge):
        return ResponseTooLargeError(str(exc), limit=exc.limit, **where, status_code=status)
    if answer is None or answer.status_code < 300:
        reason = _reason(exc)
        problem = f"the answer could not be read ({reason})"
        return APIResponseValidationError(problem, **where, status_code=status)
    content = _content(answer)
    message, code = _message(answer.status_code, content)
    body = content.decode("utf-8", errors="replace")[:_BODY_LIMIT]
    return status_error_class(answer.status_code)(
        message,
        **where,
        status_code=answer.status_code,
        error_code=code,
        headers=answer.headers,
        body=body,
    )


def outcome(
    op: Operation[Any], call: CallContext, response: Response[Any] | None, arguments: Any
) -> Answer | APIError:
    """What an attempt came to: the operation's result, or the SDK's error for anything else.

    Raises:
        InvalidIdError: The answer holds an id without its kind's prefix (``m-``, ``img-``).
    """
    if response is None or not 200 <= response.status_code < 300 or not op.accepts(response.parsed):
        return _failure(op, call)
    try:
        return Answer(op.read(response.parsed, arguments), response.headers)
    except InvalidIdError:
        raise
    except (ValueError, RecursionError) as exc:  # a value the SDK's result types refuse
        call.error = exc
        problem = f"the answer could not be read ({str(exc) or _reason(exc)})"
        where = _where(op, call) | {"request_id": _request_id(call.response)}
        return APIResponseValidationError(problem, **where, status_code=200)


def retry_wait(
    op: Operation[Any], call: CallContext, *, retry_number: int, max_retries: int
) -> float | None:
    """Seconds to wait before retrying an attempt that failed, or None when it must not be
    (see `_retries.retry_delay`). An answer too large to read is not retried: it would most
    likely be as large again."""
    if isinstance(call.error, AnswerTooLarge):
        return None
    return retry_delay(
        call.response,
        sent_error(call),
        retry_number=retry_number,
        max_retries=max_retries,
        billable=op.billable,
    )
