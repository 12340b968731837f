"""Headless Chromium for tests, driven over the DevTools protocol: open a page, evaluate
JavaScript in it. Started with flags for a closed network (no updates, sync or telemetry)."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
from websockets.sync.client import ClientConnection, connect

INSTALL = "apt-get install -y chromium"
_LISTENING = re.compile(r"DevTools listening on ws://[^:]+:(\d+)/")


def find_chromium() -> str | None:
    """The Chromium executable on PATH, if any."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found is not None:
            return found
    return None


class Browser:
    """A headless Chromium showing `url`, with a DevTools connection to that page."""

    def __init__(self, executable: str, url: str, startup_timeout: float = 30.0) -> None:
        self._profile = tempfile.mkdtemp(prefix="videodb-chromium-")
        self._process = subprocess.Popen(  # noqa: S603 - the test's own browser
            [
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--autoplay-policy=no-user-gesture-required",
                f"--user-data-dir={self._profile}",
                "--remote-debugging-port=0",
                url,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._stack = contextlib.ExitStack()
        self._socket: ClientConnection | None = None
        self._next_id = 0
        try:
            port = self._devtools_port(startup_timeout)
            # Keep reading Chromium's log, or it blocks once the pipe is full.
            threading.Thread(target=self._drain, daemon=True).start()
            page = self._page_socket(port, startup_timeout)
            self._socket = self._stack.enter_context(connect(page, max_size=None))
        except BaseException:
            self.close()
            raise

    def _drain(self) -> None:
        assert self._process.stderr is not None
        with contextlib.suppress(ValueError, OSError):
            for _ in self._process.stderr:
                pass

    def _devtools_port(self, timeout: float) -> int:
        assert self._process.stderr is not None
        deadline = time.monotonic() + timeout
        for line in self._process.stderr:
            found = _LISTENING.search(line)
            if found is not None:
                return int(found.group(1))
            if time.monotonic() > deadline:
                break
        raise RuntimeError("Chromium did not open its DevTools port")

    @staticmethod
    def _page_socket(port: int, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            targets = httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=5).json()
            pages = [t for t in targets if t.get("type") == "page"]
            if pages:
                return str(pages[0]["webSocketDebuggerUrl"])
            time.sleep(0.1)
        raise RuntimeError("Chromium opened no page")

    def evaluate(self, expression: str) -> Any:
        """The value of the JavaScript `expression` in the page."""
        assert self._socket is not None
        self._next_id += 1
        request = {
            "id": self._next_id,
            "method": "Runtime.evaluate",
            "params": {"expression": expression, "returnByValue": True},
        }
        self._socket.send(json.dumps(request))
        while True:
            message = json.loads(self._socket.recv(timeout=30))
            if message.get("id") == self._next_id:
                return message["result"]["result"].get("value")

    def close(self) -> None:
        """Stop the browser and remove its profile."""
        self._stack.close()
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=10)
        shutil.rmtree(Path(self._profile), ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
