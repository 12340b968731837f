"""What bounds a call whatever the server does: a maximum size of an answer (memory stays
bounded: huge bodies, gzip bombs), a deadline for each request and for a whole wait (a server
that drips a byte at a time), an answer nested too deeply to parse, and where a connection
failed."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpcore
import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    GenerationTimeoutError,
    InvalidInputError,
    NotFoundError,
    ResponseTooLargeError,
)
from videodb_gen._http import CURRENT_CALL, CallContext, time_left
from videodb_gen._network import (
    AsyncDeadlineBackend,
    AsyncDeadlineStream,
    DeadlineBackend,
    DeadlineStream,
    keep_deadlines,
)
from videodb_gen._options import DEFAULT_MAX_RESPONSE_BYTES, Options

from ._raw_server import RawServer, Sent, Writer, gzip_bomb, head, json_answer
from .conftest import COLLECTION, JOB, KEY, VIDEO, FakeClock, accepted, collection_of, done

GEN = "/collection/default/generate/video/"
POLL = f"/async-response/{JOB}"
MIB = 1 << 20
COLLECTION_BODY = json.dumps(COLLECTION).encode()


@pytest.fixture
def serve() -> Iterator[Callable[[Callable[[Sent, Writer], None]], RawServer]]:
    """Start raw servers for a test; each stops when the test ends."""
    servers: list[RawServer] = []

    def start(reply: Callable[[Sent, Writer], None]) -> RawServer:
        servers.append(RawServer(reply))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


# ---- the size of an answer ------------------------------------------------------------------


def test_the_default_limit_is_32_mib() -> None:
    assert DEFAULT_MAX_RESPONSE_BYTES == 32 * MIB
    assert Options().max_response_bytes == 32 * MIB


@pytest.mark.parametrize("bad", [0, -1, True, 1.5, "1000"])
def test_the_limit_is_checked(bad: object) -> None:
    with pytest.raises(InvalidInputError, match="max_response_bytes"):
        videodb_gen.connect(api_key=KEY, max_response_bytes=bad)  # type: ignore[arg-type]
    with videodb_gen.connect(api_key=KEY) as conn, pytest.raises(InvalidInputError):
        conn.with_options(max_response_bytes=bad)  # type: ignore[arg-type]


def test_an_answer_over_the_limit_is_an_error_naming_it_and_is_not_retried(
    api: respx.MockRouter, clock: FakeClock
) -> None:
    body = json.dumps({**COLLECTION, "padding": "x" * 2000}).encode()
    route = api.get("/collection/default").respond(200, content=body)
    with videodb_gen.connect(api_key=KEY, max_response_bytes=1000) as conn:
        with pytest.raises(ResponseTooLargeError) as info:
            conn.get_collection()
        assert conn.with_options(max_response_bytes=len(body)).get_collection().id == "default"
    error = info.value
    assert isinstance(error, APIResponseValidationError)
    assert error.limit == 1000
    assert "max_response_bytes (1,000 bytes)" in str(error)
    assert (error.status_code, error.method, error.path) == (200, "GET", "/collection/default")
    assert route.call_count == 2  # one refused, not retried; one read under a larger limit
    assert clock.sleeps == []


def test_the_limit_counts_decoded_bytes(api: respx.MockRouter, clock: FakeClock) -> None:
    body = json.dumps({**COLLECTION, "padding": "0" * 50_000}).encode()
    packed = gzip.compress(body)
    assert len(packed) < 1000 < len(body)
    api.get("/collection/default").respond(
        200, content=packed, headers={"content-encoding": "gzip"}
    )
    with videodb_gen.connect(api_key=KEY) as conn:
        assert conn.get_collection().id == "default"  # decoded as before
        with pytest.raises(ResponseTooLargeError):
            conn.with_options(max_response_bytes=len(body) - 1).get_collection()


async def test_an_error_answer_over_the_limit_keeps_its_status(
    api: respx.MockRouter, clock: FakeClock
) -> None:
    route = api.get("/video/m-1").respond(500, text="x" * 5000)
    async with videodb_gen.connect_async(api_key=KEY, max_response_bytes=4096) as conn:
        with pytest.raises(ResponseTooLargeError) as info:
            await conn.get_video("m-1")
    assert info.value.status_code == 500
    assert route.call_count == 1


class _Pieces(httpx.SyncByteStream):
    """A body that arrives in pieces of 7 bytes, as from the network (never read ahead)."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def __iter__(self) -> Iterator[bytes]:
        for i in range(0, len(self._body), 7):
            yield self._body[i : i + 7]


def _answering(body: bytes, headers: dict[str, str], status: int = 200) -> httpx.Client:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=headers, stream=_Pieces(body))

    return httpx.Client(transport=httpx.MockTransport(answer))


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("coding", "encode"),
    [
        ("", lambda b: b),
        ("identity", lambda b: b),
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", _raw_deflate),
        ("gzip, deflate", lambda b: zlib.compress(gzip.compress(b))),
        ("x-unknown", lambda b: b),  # as httpx: an encoding it does not know is left as it is
        ("br", lambda b: b),  # httpx's to decode, when the brotli package is there
    ],
    ids=["none", "identity", "gzip", "deflate", "raw-deflate", "chain", "unknown", "br"],
)
def test_every_encoding_is_decoded_a_piece_at_a_time(
    clock: FakeClock, coding: str, encode: Callable[[bytes], bytes]
) -> None:
    body = json.dumps({**COLLECTION, "padding": "0" * 5000}).encode()
    if coding == "br":
        try:
            import brotli  # type: ignore[import-not-found, unused-ignore]

            encode = brotli.compress
        except ImportError:
            pass
    headers = {"content-encoding": coding} if coding else {}
    with _answering(encode(body), headers) as client:
        conn = videodb_gen.connect(api_key=KEY, http_client=client)
        assert conn.get_collection().id == "default"
        with pytest.raises(ResponseTooLargeError):
            conn.with_options(max_response_bytes=len(body) - 1).get_collection()
        assert conn.with_options(max_response_bytes=len(body)).get_collection().id == "default"


def test_a_bomb_inside_a_bomb_is_stopped_a_piece_at_a_time(clock: FakeClock) -> None:
    twice = gzip.compress(gzip.compress(b"\0" * (64 * MIB)))  # 64 MiB from about 200 bytes
    assert len(twice) < 1000
    with _answering(twice, {"content-encoding": "gzip, gzip"}) as client:
        conn = videodb_gen.connect(api_key=KEY, http_client=client, max_response_bytes=MIB)
        with pytest.raises(ResponseTooLargeError):
            conn.get_collection()


def test_a_body_that_is_not_its_encoding_is_unreadable(clock: FakeClock) -> None:
    with _answering(b"not gzip at all", {"content-encoding": "gzip"}) as client:
        conn = videodb_gen.connect(api_key=KEY, http_client=client, max_retries=0)
        with pytest.raises(APIResponseValidationError, match="DecodingError") as info:
            conn.get_collection()
    assert info.value.status_code == 200
    with _answering(b"not gzip", {"content-encoding": "gzip"}, 500) as client:
        conn = videodb_gen.connect(api_key=KEY, http_client=client, max_retries=0)
        with pytest.raises(videodb_gen.InternalServerError) as error:
            conn.get_collection()
    assert error.value.body == ""


async def test_async_answers_are_decoded_and_limited_the_same_way(clock: FakeClock) -> None:
    body = json.dumps({**COLLECTION, "padding": "0" * 5000}).encode()

    class Pieces(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            packed = gzip.compress(body)
            for i in range(0, len(packed), 7):
                yield packed[i : i + 7]

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-encoding": "gzip"}, stream=Pieces())

    async with (
        httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client,
        videodb_gen.connect_async(api_key=KEY, http_client=client) as conn,
    ):
        assert (await conn.get_collection()).id == "default"
        with pytest.raises(ResponseTooLargeError):
            await conn.with_options(max_response_bytes=1000).get_collection()


def _bodies(kind: str) -> Callable[[Sent, Writer], None]:
    """Replies of 1 GiB: declared up front, chunked without a length, or a gzip bomb."""

    def reply(_sent: Sent, out: Writer) -> None:
        if kind == "declared":
            out.send(head(content_type="application/json", content_length=1 << 30))
            out.stream(b"\0" * MIB for _ in range(1024))  # the length alone is refused
        elif kind == "chunked":
            out.send(head(content_type="application/json", transfer_encoding="chunked"))
            out.chunks(b"\0" * MIB for _ in range(1024))
        else:  # about 3 MB that inflate to 3 GiB, in whatever pieces the reads get
            out.send(head(content_type="application/json", content_encoding="gzip"))
            out.stream(gzip_bomb(3 << 30))

    return reply


# The peak is VmHWM, this process's own: ru_maxrss would count the parent's, across exec.
_MEASURE = """
import pathlib, sys, videodb_gen
conn = videodb_gen.connect(api_key="sk-x", base_url=sys.argv[1])
try:
    conn.get_collection()
except videodb_gen.VideoDBError as error:
    print(type(error).__name__, getattr(error, "limit", None))
status = pathlib.Path("/proc/self/status").read_text().splitlines()
print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) // 1024)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
@pytest.mark.parametrize("kind", ["declared", "chunked", "gzip-bomb"])
def test_memory_stays_bounded_whatever_the_answer(serve: Any, kind: str) -> None:
    server = serve(_bodies(kind))
    started = time.monotonic()
    run = subprocess.run(  # noqa: S603 - this interpreter, on our own code
        [sys.executable, "-c", _MEASURE, server.base_url],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    error, peak_mib = run.stdout.split("\n")[:2]
    assert error == f"ResponseTooLargeError {32 * MIB}", run.stderr
    assert int(peak_mib) < 200, f"peak RSS {peak_mib} MiB"
    assert len(server.requests) == 1  # not retried
    assert time.monotonic() - started < 30


# ---- deadlines ------------------------------------------------------------------------------


def _drip_head(_sent: Sent, out: Writer) -> None:
    """A status line and headers, one byte every 0.25 s: no read ever waits long."""
    out.drip(json_answer(COLLECTION_BODY), every=0.25)


def _drip_body(_sent: Sent, out: Writer) -> None:
    """Headers at once, then the body one byte every 0.25 s."""
    answer = json_answer(COLLECTION_BODY)
    split = answer.index(b"\r\n\r\n") + 4
    out.send(answer[:split])
    out.drip(answer[split:], every=0.25)


def _dripping_poll(sent: Sent, out: Writer) -> None:
    """A generation starts at once; each poll of it drips."""
    if sent.method == "POST":
        out.send(json_answer(json.dumps(accepted()).encode()))
    else:
        out.drip(json_answer(json.dumps({"success": True, "status": "processing"}).encode()), 0.25)


@pytest.mark.parametrize("reply", [_drip_head, _drip_body], ids=["head", "body"])
def test_the_timeout_bounds_the_whole_request(serve: Any, reply: Any) -> None:
    server = serve(reply)
    conn = videodb_gen.connect(api_key=KEY, base_url=server.base_url, timeout=2, max_retries=0)
    started = time.monotonic()
    with conn, pytest.raises(APITimeoutError) as info:
        conn.get_collection()
    assert time.monotonic() - started < 2.5
    assert f"no complete answer from {server.base_url}:" in str(info.value)
    assert "within its 2 s" in str(info.value)


@pytest.mark.parametrize("reply", [_drip_head, _drip_body], ids=["head", "body"])
async def test_the_async_timeout_bounds_the_whole_request(serve: Any, reply: Any) -> None:
    server = serve(reply)
    started = time.monotonic()
    async with videodb_gen.connect_async(
        api_key=KEY, base_url=server.base_url, timeout=2, max_retries=0
    ) as conn:
        with pytest.raises(APITimeoutError):
            await conn.get_collection()
    assert time.monotonic() - started < 2.5


def test_a_wait_ends_at_its_timeout_whatever_its_polls_do(serve: Any) -> None:
    server = serve(_dripping_poll)
    started = time.monotonic()
    with (
        videodb_gen.connect(api_key=KEY, base_url=server.base_url) as conn,  # 30 s timeout
        pytest.raises(GenerationTimeoutError) as info,
    ):
        collection_of(conn).generate_video("a drip", timeout=3)
    assert time.monotonic() - started < 4
    assert info.value.job_id == JOB
    assert isinstance(info.value.__cause__, APITimeoutError)


async def test_an_async_wait_ends_at_its_timeout_whatever_its_polls_do(serve: Any) -> None:
    server = serve(_dripping_poll)
    started = time.monotonic()
    async with videodb_gen.connect_async(api_key=KEY, base_url=server.base_url) as conn:
        with pytest.raises(GenerationTimeoutError):
            await collection_of(conn).generate_video("a drip", timeout=3)
    assert time.monotonic() - started < 4


def test_a_request_gets_its_whole_timeout_and_a_wait_s_remaining_time(clock: FakeClock) -> None:
    options = Options(timeout=httpx.Timeout(30, connect=5))
    timeout, ends = options.request_limits(None)
    assert (timeout, ends) == (httpx.Timeout(30, connect=5), clock.now + 30)
    timeout, ends = options.request_limits(clock.now + 3)
    assert (timeout, ends) == (httpx.Timeout(3, connect=3), clock.now + 3)
    _, ends = options.request_limits(clock.now + 0.2)  # a last poll still gets a second
    assert ends == clock.now + 1
    unbounded = Options(timeout=httpx.Timeout(5, read=None))
    assert unbounded.request_limits(None) == (httpx.Timeout(5, read=None), None)
    assert unbounded.request_limits(clock.now + 2)[0] == httpx.Timeout(2)


def test_the_deadline_is_kept_between_the_reads_of_any_transport(clock: FakeClock) -> None:
    class Slow(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            while True:
                clock.now += 1  # each piece of the answer takes a second
                yield b" "

    transport = httpx.MockTransport(lambda request: httpx.Response(200, stream=Slow()))
    client = httpx.Client(transport=transport)
    conn = videodb_gen.connect(api_key=KEY, http_client=client, timeout=5, max_retries=0)
    with pytest.raises(APITimeoutError, match="within its 5 s"):
        conn.get_collection()
    assert clock.now == 1000 + 5
    client.close()


def _backend(client: httpx.Client | httpx.AsyncClient) -> object:
    return getattr(getattr(client._transport, "_pool", None), "_network_backend", None)


def test_httpx_s_own_transports_keep_deadlines() -> None:
    with httpx.Client(mounts={"http://proxied.test": httpx.HTTPTransport()}) as client:
        assert keep_deadlines(client) == 2
        backend = _backend(client)
        assert isinstance(backend, DeadlineBackend)
        assert keep_deadlines(client) == 2
        assert _backend(client) is backend  # wrapped once
    mock = httpx.MockTransport(lambda request: httpx.Response(200))
    with httpx.Client(transport=mock) as mocked:
        assert keep_deadlines(mocked) == 0
    with videodb_gen.connect(api_key=KEY) as conn:
        assert isinstance(_backend(conn._engine._api.get_httpx_client()), DeadlineBackend)


async def test_httpx_s_own_async_transports_keep_deadlines() -> None:
    async with videodb_gen.connect_async(api_key=KEY) as conn:
        client = conn._engine._api.get_async_httpx_client()
        assert isinstance(_backend(client), AsyncDeadlineBackend)


class _Inner:
    """A network stream and backend that records what it is asked."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, Any]] = []

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        self.seen.append(("read", timeout))
        return b"x"

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.seen.append(("write", len(buffer)))

    def close(self) -> None:
        self.seen.append(("close", None))

    def start_tls(self, *args: Any) -> _Inner:
        self.seen.append(("tls", args[-1]))
        return self

    def get_extra_info(self, info: str) -> Any:
        return info

    def connect_tcp(self, *args: Any) -> _Inner:
        self.seen.append(("tcp", args[2]))
        return self

    def connect_unix_socket(self, *args: Any) -> _Inner:
        self.seen.append(("unix", args[1]))
        return self

    def sleep(self, seconds: float) -> None:
        self.seen.append(("sleep", seconds))


class _AsyncInner:
    """`_Inner` for the async stream and backend."""

    def __init__(self) -> None:
        self.inner = _Inner()
        self.seen = self.inner.seen

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109
        return self.inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109
        self.inner.write(buffer, timeout)

    async def aclose(self) -> None:
        self.inner.close()

    async def start_tls(self, *args: Any) -> _AsyncInner:
        self.inner.start_tls(*args)
        return self

    def get_extra_info(self, info: str) -> Any:
        return info

    async def connect_tcp(self, *args: Any) -> _AsyncInner:
        self.inner.connect_tcp(*args)
        return self

    async def connect_unix_socket(self, *args: Any) -> _AsyncInner:
        self.inner.connect_unix_socket(*args)
        return self

    async def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def _in_call(deadline: float | None) -> Any:
    call = CallContext(httpx.Timeout(9), ("http", "h", 80), KEY, 100, deadline)
    return CURRENT_CALL.set(call)


def test_each_step_of_the_network_is_cut_to_the_deadline(clock: FakeClock) -> None:
    inner = _Inner()
    backend = DeadlineBackend(inner)  # type: ignore[arg-type]
    assert time_left(7.0, TimeoutError) == 7.0  # outside a call: as it is
    token = _in_call(clock.now + 2)
    try:
        stream = backend.connect_tcp("h", 80, 5.0)
        assert isinstance(stream, DeadlineStream)
        backend.connect_unix_socket("/s", None)
        stream.start_tls(None, "h", 9.0)
        stream.read(10, None)
        stream.write(b"y" * (200 * 1024), 1.0)
        stream.close()
        backend.sleep(0.5)
        assert stream.get_extra_info("socket") == "socket"
        clock.now += 2
        with pytest.raises(httpcore.ReadTimeout, match="within its 2 s"):
            stream.read(10, 5.0)
        with pytest.raises(httpcore.ConnectTimeout):
            backend.connect_tcp("h", 80, 5.0)
    finally:
        CURRENT_CALL.reset(token)
    assert inner.seen == [
        ("tcp", 2.0),
        ("unix", 2.0),
        ("tls", 2.0),
        ("read", 2.0),
        *[("write", 64 * 1024)] * 3,
        ("write", 8 * 1024),
        ("close", None),
        ("sleep", 0.5),
    ]


async def test_each_async_step_of_the_network_is_cut_to_the_deadline(clock: FakeClock) -> None:
    inner = _AsyncInner()
    backend = AsyncDeadlineBackend(inner)  # type: ignore[arg-type]
    token = _in_call(clock.now + 3)
    try:
        stream = await backend.connect_tcp("h", 80, None)
        assert isinstance(stream, AsyncDeadlineStream)
        await backend.connect_unix_socket("/s", 1.0)
        await stream.start_tls(None, "h", 9.0)
        await stream.read(10, 9.0)
        await stream.write(b"y", None)
        await stream.aclose()
        await backend.sleep(0.5)
        assert stream.get_extra_info("x") == "x"
        clock.now += 5
        with pytest.raises(httpcore.WriteTimeout):
            await stream.write(b"y", None)
    finally:
        CURRENT_CALL.reset(token)
    assert inner.seen == [
        ("tcp", 3.0),
        ("unix", 1.0),
        ("tls", 3.0),
        ("read", 3.0),
        ("write", 1),
        ("close", None),
        ("sleep", 0.5),
    ]


# ---- where a connection failed --------------------------------------------------------------


def test_a_refused_connection_names_where_it_went() -> None:
    with (
        videodb_gen.connect(api_key=KEY, base_url="http://127.0.0.1:9", max_retries=0) as conn,
        pytest.raises(APIConnectionError) as info,
    ):
        conn.get_collection()
    assert type(info.value) is APIConnectionError
    assert "could not connect to http://127.0.0.1:9: ConnectError" in str(info.value)


def test_the_default_port_is_named_too(api: respx.MockRouter, conn: videodb_gen.Connection) -> None:
    api.get("/collection/default").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(
        APIConnectionError, match=r"could not connect to https://api\.videodb\.io:443"
    ):
        conn.with_options(max_retries=0).get_collection()


def test_without_the_sdk_s_hooks_the_error_s_request_names_it() -> None:
    client = httpx.Client()
    conn = videodb_gen.connect(api_key=KEY, base_url="http://[::1]:8080", http_client=client)
    client.event_hooks = {"request": [], "response": []}
    with respx.mock(base_url="http://[::1]:8080") as router:
        router.get("/collection/default").mock(side_effect=httpx.ReadError("reset"))
        with pytest.raises(
            APIConnectionError, match=r"no complete answer from http://\[::1\]:8080"
        ):
            conn.with_options(max_retries=0).get_collection()
    client.close()


# ---- answers nested too deeply --------------------------------------------------------------

DEEP = b"[" * 100_000 + b"]" * 100_000


def test_an_answer_nested_too_deeply_is_unreadable(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    route = api.get("/collection/default").respond(200, content=DEEP)
    with pytest.raises(APIResponseValidationError, match="nested too deeply"):
        conn.get_collection()
    assert route.call_count == 3  # an unreadable read is retried


def test_an_error_answer_nested_too_deeply_keeps_its_status(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get("/video/m-1").respond(404, content=DEEP)
    with pytest.raises(NotFoundError) as info:
        conn.get_video("m-1")
    assert info.value.message.startswith("Not Found: [[[")


async def test_a_poll_nested_too_deeply_is_unreadable(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection
) -> None:
    api.post(GEN).respond(json=accepted())
    api.get(POLL).respond(200, content=b'{"success": true, "data": ' + DEEP + b"}")
    with pytest.raises(APIResponseValidationError):
        await collection_of(aconn).generate_video("p")


def test_a_result_nested_too_deeply_is_unreadable(
    api: respx.MockRouter, conn: videodb_gen.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from videodb_gen import _operations

    def deep(_model: object) -> object:
        raise RecursionError

    monkeypatch.setitem(_operations.RESULTS, "Video", deep)
    api.get(POLL).respond(json=done(VIDEO))
    with pytest.raises(APIResponseValidationError, match="nested too deeply"):
        conn.get_job(JOB)


def test_an_answer_a_transport_gave_whole_is_limited_too(clock: FakeClock) -> None:
    body = {**COLLECTION, "padding": "x" * 2000}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    with httpx.Client(transport=transport) as client:
        conn = videodb_gen.connect(api_key=KEY, http_client=client, max_retries=0)
        assert conn.get_collection().id == "default"
        with pytest.raises(ResponseTooLargeError):
            conn.with_options(max_response_bytes=1000).get_collection()
        # The client still serves other code as it did: no limit outside the SDK's calls.
        assert len(client.get("/anything").content) > 2000


async def test_an_async_answer_a_transport_gave_whole_is_limited_too(clock: FakeClock) -> None:
    body = {**COLLECTION, "padding": "x" * 2000}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    async with httpx.AsyncClient(transport=transport) as client:
        conn = videodb_gen.connect_async(api_key=KEY, http_client=client, max_retries=0)
        assert (await conn.get_collection()).id == "default"
        with pytest.raises(ResponseTooLargeError):
            await conn.with_options(max_response_bytes=1000).get_collection()
        assert len((await client.get("/anything")).content) > 2000


def test_a_failure_without_any_request_says_what_it_can() -> None:
    from videodb_gen._outcomes import _unsent

    call = CallContext(httpx.Timeout(5), ("https", "api.videodb.io", 443), KEY, 100)
    assert _unsent(httpx.ConnectError("refused"), call) == "ConnectError: refused"


def test_the_default_caps_pass_a_2_mib_prompt_and_a_long_answer(
    sandbox_url: str, api_key: str
) -> None:
    """The defaults (32 MiB, the connection's timeout as the request's deadline) take the
    longest prompt the sandbox accepts (its 2 MiB body, less the upload's form), uploaded
    first, and its longest text answer: 1,000 words drawn from the prompt's own, here one
    of 4,096 letters."""
    prompt = "y" * 4096 + " and more" * ((2 * MIB - 1024 - 4096) // 9)
    assert len(prompt) > 2 * MIB - 1024 - 9
    with videodb_gen.connect(api_key=api_key, base_url=sandbox_url) as conn:
        text = conn.get_collection().generate_text(prompt, max_tokens=1000)
    assert isinstance(text.output, str)
    assert len(text.output.split()) == 1000
    assert "y" * 4096 in text.output
    assert len(text.output) > 50_000  # tens of the 4,096-letter word
