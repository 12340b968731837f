"""Network streams that keep the current call's deadline, under httpx's own transports.

httpx's timeouts bound each step of a request (connecting, each read, each write), not the
request: a server that sends a byte a second never lets a read time out. httpcore, under
httpx's transports, does every step through a network backend and its streams. `keep_deadlines`
wraps a client's backends so that each connect, TLS handshake, read and write is cut to the
time left before the current call's deadline (`_http.time_left`), and fails with httpcore's own
timeout once it has passed. Outside an SDK call (no current call) they pass everything through
as it is, so an `http_client` shared with other code behaves as before there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from ._http import time_left

# A write of more is split, so that a slow reader cannot hold one write past the deadline.
_WRITE_CHUNK = 64 * 1024


def _pieces(buffer: bytes) -> Iterable[bytes]:
    return (buffer[i : i + _WRITE_CHUNK] for i in range(0, len(buffer), _WRITE_CHUNK))


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every step ends by the current call's deadline."""

    #: Read by `_http`: an answer over this stream needs no deadline checks of its own.
    keeps_deadline = True

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if len(buffer) <= _WRITE_CHUNK:  # most writes: a request's headers, a small body
            self._stream.write(buffer, time_left(timeout, httpcore.WriteTimeout))
            return
        for piece in _pieces(buffer):
            self._stream.write(piece, time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        left = time_left(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, left))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """A network backend whose connections end each step by the current call's deadline."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        left = time_left(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, left, local_address, socket_options)
        return DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        left = time_left(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._backend.connect_unix_socket(path, left, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class AsyncDeadlineStream(httpcore.AsyncNetworkStream):
    """`DeadlineStream` for an `httpx.AsyncClient`."""

    keeps_deadline = True

    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self._stream = stream

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109
        return await self._stream.read(max_bytes, time_left(timeout, httpcore.ReadTimeout))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109
        if len(buffer) <= _WRITE_CHUNK:
            await self._stream.write(buffer, time_left(timeout, httpcore.WriteTimeout))
            return
        for piece in _pieces(buffer):
            await self._stream.write(piece, time_left(timeout, httpcore.WriteTimeout))

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
    ) -> httpcore.AsyncNetworkStream:
        left = time_left(timeout, httpcore.ConnectTimeout)
        return AsyncDeadlineStream(await self._stream.start_tls(ssl_context, server_hostname, left))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class AsyncDeadlineBackend(httpcore.AsyncNetworkBackend):
    """`DeadlineBackend` for an `httpx.AsyncClient`."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend) -> None:
        self._backend = backend

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        left = time_left(timeout, httpcore.ConnectTimeout)
        stream = await self._backend.connect_tcp(host, port, left, local_address, socket_options)
        return AsyncDeadlineStream(stream)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        left = time_left(timeout, httpcore.ConnectTimeout)
        stream = await self._backend.connect_unix_socket(path, left, socket_options)
        return AsyncDeadlineStream(stream)

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


def keep_deadlines(client: httpx.Client | httpx.AsyncClient) -> int:
    """Wrap the network backend of each of `client`'s httpx transports (its own, and those
    mounted for proxies) once; how many now keep deadlines. A transport that is not httpx's
    (a test's mock, a custom one) is left as it is: there the deadline is still checked
    between the reads of an answer's body, and each step's timeout is cut to it.
    """
    wrapper: type[Any] = (
        AsyncDeadlineBackend if isinstance(client, httpx.AsyncClient) else DeadlineBackend
    )
    kept = 0
    for transport in [client._transport, *client._mounts.values()]:
        pool: Any = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is None:
            continue
        if not isinstance(backend, wrapper):
            pool._network_backend = wrapper(backend)
        kept += 1
    return kept
