"""The HTTP layer under the generated client: the httpx clients, their event hooks, and the
per-call settings the hooks apply.

The API key is not a default header of the httpx client. For each request the SDK makes, a
request hook adds it when the request's origin (scheme, host and port) is the origin of
``base_url`` and removes it otherwise, redirects included; so the key never reaches another
origin, whatever URL is asked for. The hook reads the key, the origin and the limits from the
current call (a context variable), so one httpx client can serve several connections.

Every request of a call has two limits, enforced here and nowhere else:

- a deadline for the whole request, connect to last byte: each step's httpx timeout is cut
  to the time left, and the network streams under httpx's own transports (`_network`) cut
  each read, write and connect to it, so a server that sends one byte a second cannot hold a
  request past it;
- a maximum size of the answer's body, decoded: the response hook reads the body (before the
  generated client does), counting decoded bytes as they arrive, and stops as soon as the
  limit is passed, so memory stays bounded whatever the server sends (a huge body, a gzip
  bomb).

The response hook also records the answer, so that an answer the generated client cannot
decode still yields its status.

The httpx clients the SDK makes itself keep no cookies (`NoCookies`): the API uses none, and a
jar would carry what one answer set into the next request, wherever it goes. A client given
as ``http_client`` keeps its own jar.
"""

import math
import zlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from http.cookiejar import Cookie, CookieJar
from typing import Any, TypeVar

import attrs
import httpx

from . import _clock
from ._exceptions import InvalidInputError
from ._version import __version__

AUTH_HEADER = "x-access-token"
CLIENT_HEADER = "x-videodb-client"
CLIENT_NAME = f"videodb-gen/{__version__}"
_DEFAULT_PORTS = {"http": 80, "https": 443}
# A Content-Length this long is beyond any limit (and beyond what `int` should parse).
_MAX_LENGTH_DIGITS = 15
# The most a decoder makes of its input at a time: a gzip bomb inflates a piece at a time.
_DECODED_PIECE = 256 * 1024
# The window bits of each encoding the SDK decodes itself (`_Inflater`).
_ZLIB_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
# Encodings only httpx can decode (with optional packages); it decodes them itself.
_HTTPX_DECODES = frozenset({"br", "zstd"})


class NoCookies(CookieJar):
    """A cookie jar that keeps nothing, as httpx's author suggests for a client that must not
    carry state from one answer to the next request (answers never reach it: `_UnreadCookies`
    reads none)."""

    def set_cookie(self, cookie: Cookie) -> None:
        """Keep not even a cookie set by hand."""


class _UnreadCookies(httpx.Cookies):
    """The cookies of a client that keeps none (`NoCookies`): httpx wraps every answer and its
    request as urllib's objects for the jar, before the jar can refuse them; this reads no
    answer at all."""

    def __init__(self) -> None:
        super().__init__(NoCookies())

    def extract_cookies(self, response: httpx.Response) -> None:
        """Read none of the cookies `response` sets: none would be kept."""


ClientT = TypeVar("ClientT", httpx.Client, httpx.AsyncClient)


def new_client(kind: type[ClientT], **settings: Any) -> ClientT:
    """A client of `kind` (``httpx.Client`` or ``httpx.AsyncClient``) made by the SDK, with
    `settings`, that keeps no cookies (`NoCookies`)."""
    client = kind(**settings)
    # httpx takes only a jar to wrap in its own `Cookies`; the client's `cookies` setter would
    # wrap this one again, so it is put where the constructor puts its own.
    client._cookies = _UnreadCookies()
    return client


def origin(url: httpx.URL) -> tuple[str, str, int | None]:
    """The (scheme, host, port) of `url`, with the scheme's default port filled in."""
    scheme = url.scheme.lower()
    return scheme, url.host.lower(), url.port or _DEFAULT_PORTS.get(scheme)


def address(url: httpx.URL) -> str:
    """Where a request to `url` connects, as ``scheme://host:port`` (no path, no query)."""
    scheme, host, port = origin(url)
    host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{host}" if port is None else f"{scheme}://{host}:{port}"


class AnswerTooLarge(Exception):
    """The answer's body is larger than the call's limit; it was not read further."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the answer is larger than max_response_bytes ({limit:,} bytes)")
        self.limit = limit


def _now() -> float:
    return _clock.monotonic()  # looked up at each call: tests replace the clock


@attrs.define
class CallContext:
    """What one request attempt is made with, the request made, and what it got: an answer,
    or what the generated client raised.

    Attributes:
        timeout: The httpx timeout of each step of the request.
        home: The origin of ``base_url``, the only one that gets the API key.
        api_key: The API key.
        max_bytes: The largest answer body (decoded) that is read.
        deadline: When (a `_clock.monotonic` time) the whole request must have ended; None
            for no deadline.
        opened: When the attempt began.
    """

    timeout: httpx.Timeout
    home: tuple[str, str, int | None]
    api_key: str = attrs.field(repr=False)
    max_bytes: int
    deadline: float | None = None
    opened: float = attrs.field(factory=_now)
    request: httpx.Request | None = None
    response: httpx.Response | None = None
    error: BaseException | None = None

    def overdue(self) -> str:
        """Why a request stopped at the deadline."""
        seconds = 0.0 if self.deadline is None else self.deadline - self.opened
        return f"the request did not end within its {seconds:.3g} s"


CURRENT_CALL: ContextVar[CallContext | None] = ContextVar("videodb_gen_call", default=None)


def time_left(timeout: float | None, error: type[Exception]) -> float | None:
    """`timeout` (seconds, None for none) cut to the time left before the current call's
    deadline; outside a call, or without a deadline, `timeout` as it is.

    Raises:
        error: The deadline has passed (`error` is the timeout of the step in progress).
    """
    call = CURRENT_CALL.get()
    if call is None or call.deadline is None:
        return timeout
    left = call.deadline - _clock.monotonic()
    if left <= 0:
        raise error(call.overdue())
    return left if timeout is None else min(timeout, left)


class _Inflater:
    """Decodes one content encoding (gzip, or deflate with or without its zlib header, as
    httpx does) a bounded piece at a time."""

    def __init__(self, coding: str) -> None:
        self._wbits = _ZLIB_WBITS[coding]
        self._zlib = zlib.decompressobj(self._wbits)
        self._first = True

    def decode(self, data: bytes) -> Iterator[bytes]:
        """The decoded pieces of `data`, each at most `_DECODED_PIECE` bytes.

        Raises:
            httpx.DecodingError: `data` is not of the encoding.
        """
        while data:
            try:
                piece = self._zlib.decompress(data, _DECODED_PIECE)
            except zlib.error as exc:
                if self._first and self._wbits == zlib.MAX_WBITS:  # raw deflate, no header
                    self._wbits = -zlib.MAX_WBITS
                    self._zlib = zlib.decompressobj(self._wbits)
                    continue
                raise httpx.DecodingError(str(exc)) from exc
            self._first = False
            data = self._zlib.unconsumed_tail
            if piece:
                yield piece

    def flush(self) -> bytes:
        """What is left once all the input is in (a few bytes at most)."""
        try:
            return self._zlib.flush()
        except zlib.error as exc:  # pragma: no cover - zlib's flush keeps its errors for decode
            raise httpx.DecodingError(str(exc)) from exc


def _decoded(decoder: _Inflater, pieces: Iterable[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield from decoder.decode(piece)


class _Body:
    """An answer's body as it is read: decoded, counted against the call's limit, and checked
    against its deadline after each piece."""

    def __init__(self, response: httpx.Response, call: CallContext) -> None:
        self._call = call
        self.pieces: list[bytes] = []
        self._size = 0
        declared = _declared_length(response)
        if declared is not None and declared > call.max_bytes:
            raise AnswerTooLarge(call.max_bytes)
        #: Whether the body is read raw and decoded here; else httpx decodes it (br, zstd).
        self.raw = True
        self._decoders: list[_Inflater] = []
        if "content-encoding" in response.headers:
            codings = [
                coding.strip().lower()
                for coding in response.headers.get_list("content-encoding", split_commas=True)
            ]
            self.raw = not _HTTPX_DECODES.intersection(codings)
            # The last encoding applied is undone first; one httpx does not know it ignores.
            self._decoders = [_Inflater(c) for c in reversed(codings) if c in _ZLIB_WBITS]

    @staticmethod
    def _through(decoders: list[_Inflater], data: bytes) -> Iterable[bytes]:
        """`data` decoded by each of `decoders` in turn, lazily: a piece at a time."""
        pieces: Iterable[bytes] = (data,)
        for decoder in decoders:
            pieces = _decoded(decoder, pieces)
        return pieces

    def _keep(self, piece: bytes) -> None:
        self._size += len(piece)
        if self._size > self._call.max_bytes:
            raise AnswerTooLarge(self._call.max_bytes)
        self.pieces.append(piece)

    def add(self, data: bytes) -> None:
        """Add what was read, as it came (raw) or decoded by httpx.

        Raises:
            AnswerTooLarge: The body is now larger than the call's limit.
            httpx.ReadTimeout: The call's deadline has passed.
            httpx.DecodingError: The body is not of its encoding.
        """
        if self._decoders and self.raw:
            for piece in self._through(self._decoders, data):
                self._keep(piece)
        else:
            self._keep(data)
        time_left(None, httpx.ReadTimeout)

    def content(self) -> bytes:
        """The whole body, decoded, once all of it is in.

        Raises:
            AnswerTooLarge: The body is larger than the call's limit.
        """
        for n, decoder in enumerate(self._decoders):
            for piece in self._through(self._decoders[n + 1 :], decoder.flush()):
                self._keep(piece)
        return b"".join(self.pieces)


def _already_read(response: httpx.Response, call: CallContext) -> bool:
    """Whether the transport gave the answer whole (a mock's, a test's); if so it is checked.

    Raises:
        AnswerTooLarge: It is larger than the call's limit.
    """
    if not response.is_stream_consumed:
        return False
    if len(response.content) > call.max_bytes:
        raise AnswerTooLarge(call.max_bytes)
    return True


def on_request(request: httpx.Request) -> None:
    """Apply the current call's settings; the key goes only to the call's own origin."""
    call = CURRENT_CALL.get()
    if call is None:
        return
    call.request = request
    request.headers[CLIENT_HEADER] = CLIENT_NAME
    if origin(request.url) == call.home:
        request.headers[AUTH_HEADER] = call.api_key
    else:
        request.headers.pop(AUTH_HEADER, None)
    request.extensions["timeout"] = call.timeout.as_dict()


def _body_to_read(response: httpx.Response) -> _Body | None:
    """Record the answer for the current call; what is left to read of its body, if any."""
    call = CURRENT_CALL.get()
    if call is None:
        return None
    call.response = response
    if _already_read(response, call) or _bounded_as_sent(response, call):
        return None
    return _Body(response, call)


def _bounded_as_sent(response: httpx.Response, call: CallContext) -> bool:
    """Whether httpx can read the body itself within the call's limits, as most answers are
    read: sent plain with a Content-Length within the limit, over one of the SDK's deadline
    streams (`_network`), so h11 reads no more than that length and each read ends by the
    deadline. Reading it here, a piece at a time, would only cost time."""
    declared = _declared_length(response)
    return (
        getattr(response.extensions.get("network_stream"), "keeps_deadline", False)
        and "content-encoding" not in response.headers
        and "transfer-encoding" not in response.headers
        and declared is not None
        and declared <= call.max_bytes
    )


def _declared_length(response: httpx.Response) -> float | None:
    """The Content-Length `response` declares when it is one plain number, else None; one of
    more than `_MAX_LENGTH_DIGITS` digits is read as infinite, never converted."""
    declared = response.headers.get("content-length", "")
    if not (declared.isascii() and declared.isdigit()):
        return None
    return int(declared) if len(declared) <= _MAX_LENGTH_DIGITS else math.inf


def on_response(response: httpx.Response) -> None:
    """Record the answer for the current call and read its body within the call's limits.

    Raises:
        AnswerTooLarge: The body is larger than the call's limit.
        httpx.ReadTimeout: The call's deadline passed while reading it.
    """
    body = _body_to_read(response)
    if body is None:
        return
    for data in response.iter_raw() if body.raw else response.iter_bytes():
        body.add(data)
    # What `Response.read` stores; httpx's own read after the hooks then keeps it.
    response._content = body.content()


async def on_request_async(request: httpx.Request) -> None:
    """`on_request` for an `httpx.AsyncClient`."""
    on_request(request)


async def on_response_async(response: httpx.Response) -> None:
    """`on_response` for an `httpx.AsyncClient`."""
    body = _body_to_read(response)
    if body is None:
        return
    async for data in response.aiter_raw() if body.raw else response.aiter_bytes():
        body.add(data)
    response._content = body.content()


SYNC_HOOKS = (on_request, on_response)
ASYNC_HOOKS = (on_request_async, on_response_async)


def attach(client: httpx.Client | httpx.AsyncClient, base_url: str, hooks: tuple[Any, Any]) -> None:
    """Point `client` at `base_url`, add the SDK's hooks once, and keep each call's deadline
    in the network streams of its httpx transports (`_network.keep_deadlines`); its other
    settings are kept, and it may serve several connections to that URL.

    Raises:
        InvalidInputError: `client` already has another base URL.
    """
    wanted = httpx.URL(base_url)
    current_url = str(client.base_url).rstrip("/")
    if current_url and current_url != str(wanted).rstrip("/"):
        raise InvalidInputError("http_client", f"has base_url {current_url!r}, not {base_url!r}")
    client.base_url = wanted
    current = client.event_hooks
    for kind, hook in zip(("request", "response"), hooks, strict=True):
        if hook not in current.get(kind, []):
            current[kind] = [*current.get(kind, []), hook]
    client.event_hooks = current
    from ._network import keep_deadlines  # noqa: PLC0415 - httpx imports httpcore lazily too

    keep_deadlines(client)
