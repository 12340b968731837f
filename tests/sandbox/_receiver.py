"""A callback receiver for tests: an HTTP server in a thread that records what it is sent."""

from __future__ import annotations

import json
import threading
import time
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
    """Records POSTs; answers the first `failures` of them with `fail_status`, then 200."""

    def __init__(self, failures: int = 0, fail_status: int = 500) -> None:
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
                self.send_header("content-length", "0")
                self.end_headers()

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
