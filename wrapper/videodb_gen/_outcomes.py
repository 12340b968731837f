"""What one attempt at an operation came to: an answer, or an error of the SDK's hierarchy
(never a bare httpx, json or KeyError), and whether and when to try again. No I/O.

The engine (`_async/_engine.py`) sends; everything it decides about an attempt is decided here.
"""

import contextlib
import json
import logging
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs
import httpx
from videodb_api.types import Response

from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    InvalidIdError,
    status_error_class,
)
from ._http import CallContext
from ._operations import Operation

logger = logging.getLogger("videodb_gen")

T = TypeVar("T")

_BODY_LIMIT = 2000
#: What the generated client raises while decoding an answer it did not expect.
DECODE_ERRORS = (ValueError, TypeError, KeyError, AttributeError)


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
        return {"method": "", "path": op.endpoint.__name__}  # no request was made
    return {
        "method": call.request.method,
        "path": call.request.url.raw_path.split(b"?")[0].decode(),
    }


def sent_error(call: CallContext) -> httpx.RequestError | None:
    """The transport error of the attempt, if the request or its answer did not get through."""
    return call.error if isinstance(call.error, httpx.RequestError) else None


def _message(status: int, content: bytes) -> tuple[str, str | None]:
    """The API's message and error code from an error answer, or what can be said without."""
    body: object = None
    with contextlib.suppress(ValueError):
        body = json.loads(content)
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        code = body.get("error_code")
        return body["message"], code if isinstance(code, str) else None
    text = content.decode("utf-8", errors="replace").strip()
    reason = httpx.codes.get_reason_phrase(status) or "unexpected status"
    return (f"{reason}: {text[:200]}" if text else reason), None


def _failure(op: Operation[Any], call: CallContext) -> APIError:
    where, exc, answer = _where(op, call), call.error, call.response
    if sent_error(call) is not None:
        timed_out = isinstance(exc, httpx.TimeoutException)
        detail = f"{type(exc).__name__}: {exc}".rstrip(": ")
        return (APITimeoutError if timed_out else APIConnectionError)(detail, **where)
    if answer is None or answer.status_code < 300:
        reason = "unexpected shape" if exc is None else type(exc).__name__
        status = None if answer is None else answer.status_code
        problem = f"the answer could not be read ({reason})"
        return APIResponseValidationError(problem, **where, status_code=status)
    message, code = _message(answer.status_code, answer.content)
    body = answer.content.decode("utf-8", errors="replace")[:_BODY_LIMIT]
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
    except ValueError as exc:  # a value the SDK's result types refuse, such as a length
        call.error = exc
        problem = f"the answer could not be read ({exc})"
        return APIResponseValidationError(problem, **_where(op, call), status_code=200)


def log(op: Operation[Any], call: CallContext, seconds: float, attempt: int) -> None:
    """One debug line per attempt: the request, its status (or error) and how long it took."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    where, answer = _where(op, call), call.response
    status = answer.status_code if answer and not sent_error(call) else type(call.error).__name__
    line = "%s %s -> %s in %.1f ms (attempt %d)"
    logger.debug(line, where["method"], where["path"], status, seconds * 1000, attempt)
