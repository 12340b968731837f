"""``with_raw_response``: any call of a handle, with the HTTP answer it was read from.

``conn.with_raw_response.get_collection()`` makes the same call as ``conn.get_collection()``
but returns an `APIResponse`: the answer's status, headers and body, the request (method and
URL), the time it took and the retries before it, and `APIResponse.parse` for the usual
result. It is one mechanism for every handle (a connection, a collection, a video, an image,
an audio, a job): the proxy sets a context variable for the call, and the engine, which every
request goes through, records each successful answer in it. A call that sends several
requests (a long prompt is uploaded first) gives the last: the one its result was read from.

Waiting for a job is many requests, so a call that would wait is refused before anything is
sent (`InvalidInputError`): pass ``wait=False`` and call ``job.wait()`` (or
``job.with_raw_response.refresh()`` for one poll's answer).
"""

import datetime
import inspect
import json
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any, Generic, TypeVar

import attrs
import httpx

from ._exceptions import InvalidInputError, request_id_of
from ._http import AUTH_HEADER, CallContext

T = TypeVar("T")

#: What the refusal of a wait says.
NO_WAITING = (
    "cannot wait for a job (that is many requests): call with wait=False, "
    "then job.wait(), or job.with_raw_response.refresh() for one poll"
)


@attrs.define
class _Recorded:
    """The last successful answer of a call made through ``with_raw_response``."""

    request: httpx.Request | None = None
    response: httpx.Response | None = None
    seconds: float = 0.0
    retries: int = 0


_CAPTURE: ContextVar[_Recorded | None] = ContextVar("videodb_gen_raw", default=None)


def record(call: CallContext, seconds: float, retries: int) -> None:
    """Keep `call`'s answer for the ``with_raw_response`` call under way, if there is one."""
    slot = _CAPTURE.get()
    if slot is not None:
        slot.request, slot.response = call.request, call.response
        slot.seconds, slot.retries = seconds, retries


def refuse_waiting() -> None:
    """Refuse to wait for a job inside a ``with_raw_response`` call.

    Raises:
        InvalidInputError: A ``with_raw_response`` call is under way.
    """
    if _CAPTURE.get() is not None:
        raise InvalidInputError("with_raw_response", NO_WAITING)


def _without_key(request: httpx.Request) -> httpx.Request:
    """A copy of `request` whose API key header is redacted: the response can be printed."""
    headers = request.headers.copy()
    if AUTH_HEADER in headers:
        headers[AUTH_HEADER] = "<redacted>"
    try:
        content = request.content
    except httpx.RequestNotRead:  # a streamed body (an upload): not kept
        content = b""
    return httpx.Request(request.method, request.url, headers=headers, content=content)


@attrs.frozen(repr=False)
class APIResponse(Generic[T]):
    """The HTTP answer a call's result was read from, and the result.

    Attributes:
        http_response: The answer, as httpx received it (its body already read).
        http_request: The request that got it, with the API key header redacted.
        elapsed: How long that request took, sending to last byte of the answer.
        retries_taken: How many times the request was retried before this answer.
    """

    http_response: httpx.Response
    http_request: httpx.Request
    elapsed: datetime.timedelta
    retries_taken: int
    _parsed: T = attrs.field(alias="parsed")

    @property
    def status_code(self) -> int:
        """The answer's HTTP status."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The answer's headers (case-insensitive)."""
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The id the server gave the answer (``x-request-id``), or None."""
        return request_id_of(self.headers)

    @property
    def url(self) -> httpx.URL:
        """The URL requested."""
        return self.http_request.url

    @property
    def method(self) -> str:
        """The request's HTTP method."""
        return self.http_request.method

    @property
    def content(self) -> bytes:
        """The answer's body, decoded from its content encoding."""
        return self.http_response.content

    @property
    def text(self) -> str:
        """The answer's body as text."""
        return self.http_response.text

    def json(self) -> Any:
        """The answer's body parsed as JSON.

        Raises:
            json.JSONDecodeError: It is not JSON.
        """
        return json.loads(self.content)

    def parse(self) -> T:
        """What the call returns without ``with_raw_response`` (a `Collection`, a job...)."""
        return self._parsed

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.method} {self.url}>"


def _response(name: str, slot: _Recorded, parsed: T) -> APIResponse[T]:
    if slot.response is None or slot.request is None:
        raise InvalidInputError("with_raw_response", f"{name} sent no request: it has no answer")
    return APIResponse(
        http_response=slot.response,
        http_request=_without_key(slot.request),
        elapsed=datetime.timedelta(seconds=slot.seconds),
        retries_taken=slot.retries,
        parsed=parsed,
    )


def _method(handle: object, name: str, *, coroutine: bool) -> Callable[..., Any]:
    """`handle`'s public method `name`, which must be a (coroutine) function.

    Raises:
        AttributeError: `handle` has no such method.
    """
    method = None if name.startswith("_") else getattr(handle, name, None)
    if method is None or not callable(method) or inspect.iscoroutinefunction(method) != coroutine:
        kind = type(handle).__name__
        raise AttributeError(f"{kind}.with_raw_response has no request method {name!r}")
    return method  # type: ignore[no-any-return]


class RawCalls:
    """``handle.with_raw_response``: each of the handle's methods, returning an `APIResponse`
    whose `APIResponse.parse` is what the method returns."""

    def __init__(self, handle: object) -> None:
        self._handle = handle

    def __getattr__(self, name: str) -> Callable[..., APIResponse[Any]]:
        method = _method(self._handle, name, coroutine=False)

        def raw(*args: Any, **kwargs: Any) -> APIResponse[Any]:
            slot = _Recorded()
            token = _CAPTURE.set(slot)
            try:
                parsed = method(*args, **kwargs)
            finally:
                _CAPTURE.reset(token)
            return _response(name, slot, parsed)

        return raw


class AsyncRawCalls:
    """`RawCalls` for an async handle: each method is a coroutine function."""

    def __init__(self, handle: object) -> None:
        self._handle = handle

    def __getattr__(self, name: str) -> Callable[..., Awaitable[APIResponse[Any]]]:
        method = _method(self._handle, name, coroutine=True)

        async def raw(*args: Any, **kwargs: Any) -> APIResponse[Any]:
            slot = _Recorded()
            token = _CAPTURE.set(slot)
            try:
                parsed = await method(*args, **kwargs)
            finally:
                _CAPTURE.reset(token)
            return _response(name, slot, parsed)

        return raw
