"""A raw HTTP/1.1 server on 127.0.0.1, in threads, for answers no framework would send: one
byte at a time, endless bodies, gzip bombs. Each connection takes one request, then `reply`
writes whatever it likes on the socket; everything stops when the server is closed."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator

import attrs

#: How long any one reply may go on, whatever it does: a test never hangs on its server.
MAX_REPLY_SECONDS = 30.0


@attrs.frozen
class Sent:
    """The request a client sent."""

    method: str
    path: str
    body: bytes


Reply = Callable[[Sent, "Writer"], None]


class Writer:
    """Writes a reply on a connection until it is done, the client goes, or the server stops."""

    def __init__(self, conn: socket.socket, stop: threading.Event) -> None:
        self._conn = conn
        self._stop = stop
        self._ends = time.monotonic() + MAX_REPLY_SECONDS

    @property
    def open(self) -> bool:
        return not self._stop.is_set() and time.monotonic() < self._ends

    def send(self, data: bytes) -> None:
        """Send `data` (an OSError when the client has gone)."""
        self._conn.sendall(data)

    def drip(self, data: bytes, every: float) -> None:
        """Send `data` one byte at a time, one every `every` seconds, while the server runs."""
        for byte in data:
            if not self.open:
                return
            self._conn.sendall(bytes([byte]))
            self._stop.wait(every)

    def stream(self, pieces: Iterator[bytes]) -> None:
        """Send each piece as it is (a body that ends when the connection closes)."""
        for piece in pieces:
            if not self.open:
                return
            self._conn.sendall(piece)

    def chunks(self, pieces: Iterator[bytes]) -> None:
        """Send each piece as a chunk of a chunked body, then the last chunk."""
        for piece in pieces:
            if not self.open:
                return
            self._conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
        self._conn.sendall(b"0\r\n\r\n")


def head(status: str = "200 OK", **headers: str | int) -> bytes:
    """A response's status line and headers (`content_type` is written Content-Type)."""
    lines = [f"HTTP/1.1 {status}", "Connection: close"]
    lines += [f"{name.replace('_', '-').title()}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def json_answer(body: bytes, status: str = "200 OK") -> bytes:
    """A whole JSON answer."""
    return head(status, content_type="application/json", content_length=len(body)) + body


def gzip_bomb(decoded_bytes: int) -> Iterator[bytes]:
    """A gzip stream of `decoded_bytes` zeros (rounded up to MiB), made without compressing
    them all: after a full flush the compressor starts afresh, so each further MiB of zeros
    compresses to the same bytes, about a KiB. It has no trailer: no reader gets that far."""
    mib = b"\0" * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    yield first
    for _ in range(1, -(-decoded_bytes // len(mib))):
        yield again


class RawServer:
    """Serves `reply` on 127.0.0.1 at a free port until `close`; `requests` lists what came."""

    def __init__(self, reply: Reply) -> None:
        self._reply = reply
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._threads: list[threading.Thread] = []
        self.requests: list[Sent] = []
        self.port = self._listener.getsockname()[1]
        self._start(self._accept)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _start(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:  # closed
                return
            self._start(self._serve, conn)

    def _serve(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                got = conn.recv(65536)
                if not got:
                    return
                data += got
            header, _, body = data.partition(b"\r\n\r\n")
            method, path, *_ = header.split(b"\r\n")[0].decode().split(" ")
            length = 0
            for line in header.split(b"\r\n")[1:]:
                name, _, value = line.decode().partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            while len(body) < length:
                body += conn.recv(65536)
            sent = Sent(method, path, body)
            self.requests.append(sent)
            self._reply(sent, Writer(conn, self._stop))

    def close(self) -> None:
        self._stop.set()
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=5)
