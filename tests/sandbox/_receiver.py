"""Callback receivers for tests: an HTTP server in a thread that records what it is sent, and
receivers on the test's event loop that take callbacks and never answer, or drip their answer."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import AsyncIterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import attrs


@attrs.define
class Delivery:
    """One POST the receiver got."""

    path: str
    body: Any
    content_type: str
    at: float


class Receiver:
    """Records POSTs; answers the first `failures` of them with `fail_status`, then 200, with
    `answer` as the body (and `headers`)."""

    def __init__(
        self,
        failures: int = 0,
        fail_status: int = 500,
        answer: bytes = b"",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.deliveries: list[Delivery] = []
        self.failures = failures
        self.fail_status = fail_status
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                raw = self.rfile.read(length)
                with receiver._arrived:
                    receiver.deliveries.append(
                        Delivery(
                            self.path,
                            json.loads(raw),
                            self.headers.get("content-type", ""),
                            time.monotonic(),
                        )
                    )
                    failing = len(receiver.deliveries) <= receiver.failures
                    receiver._arrived.notify_all()
                self.send_response(receiver.fail_status if failing else 200)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(answer)))
                self.end_headers()
                with contextlib.suppress(OSError):  # the sandbox may stop reading early
                    self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def wait_for(self, count: int, timeout: float = 15.0) -> list[Delivery]:
        """Wait until `count` deliveries arrived; return them all.

        Raises:
            AssertionError: they did not arrive in time.
        """
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self.deliveries) < count:
                left = deadline - time.monotonic()
                assert left > 0, f"{len(self.deliveries)} of {count} callbacks arrived"
                self._arrived.wait(left)
            return list(self.deliveries)

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class Stalled:
    """Receivers on the running event loop that accept a callback's connection, read its
    request, and never answer (`drip=None`), or answer a byte every `drip` seconds without
    ever finishing the answer's headers."""

    def __init__(self, drip: float | None = None) -> None:
        self.drip = drip
        self.urls: list[str] = []
        #: Connections accepted, and bytes dripped, so far.
        self.connections = 0
        self.dripped = 0
        self._servers: list[asyncio.Server] = []
        self._handlers: set[asyncio.Task[None]] = set()
        self._stopping = asyncio.Event()

    async def start(self, count: int) -> None:
        """Start `count` more receivers on 127.0.0.1."""
        for _ in range(count):
            server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
            self._servers.append(server)
            port = server.sockets[0].getsockname()[1]
            self.urls.append(f"http://127.0.0.1:{port}/hook")

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
        self.connections += 1
        try:
            await reader.readuntil(b"\r\n\r\n")
            if self.drip is None:
                await self._stopping.wait()
                return
            writer.write(b"HTTP/1.1 200 OK\r\n")
            line = b"x-drip: 0123456789\r\n"
            while True:  # until stopped, or the sandbox hangs up
                for byte in line:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._stopping.wait(), self.drip)
                        return
                    writer.write(bytes([byte]))
                    await writer.drain()
                    self.dripped += 1
        except (OSError, asyncio.IncompleteReadError):
            pass  # the sandbox hung up
        finally:
            writer.close()
            if task is not None:
                self._handlers.discard(task)

    async def stop(self) -> None:
        for server in self._servers:
            server.close()
        self._stopping.set()
        await asyncio.gather(*self._handlers, return_exceptions=True)
        for server in self._servers:
            await server.wait_closed()


@contextlib.asynccontextmanager
async def stalled(count: int, drip: float | None = None) -> AsyncIterator[Stalled]:
    """`count` receivers that never answer (or drip), stopped when the block ends."""
    receivers = Stalled(drip)
    try:
        await receivers.start(count)
        yield receivers
    finally:
        await receivers.stop()
