"""The main job, offline: start the sandbox, generate a video through the command line (and so
the SDK), print its `m-` id and stream URL, stop the sandbox.

Run it with `make demo`, which does the set-up first.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

PROMPT = "A drone flying over a futuristic city"
BIN = Path(sys.executable).parent


def free_port() -> int:
    """A TCP port nothing listens on right now (4011 when it is free)."""
    for port in (4011, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise RuntimeError("no free port")


def wait_until_healthy(url: str, sandbox: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if sandbox.poll() is not None:
            raise SystemExit(f"the sandbox exited with {sandbox.returncode}")
        try:
            if httpx.get(f"{url}/_sandbox/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the sandbox did not answer within 30 s")


def main() -> int:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    sandbox = subprocess.Popen(  # noqa: S603 - our own command
        [
            str(BIN / "videodb-gen"),
            "mock",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--seed",
            "7",
        ],
        stderr=subprocess.DEVNULL,  # the server's own log; its "listening on" line is on stdout
    )
    try:
        wait_until_healthy(url, sandbox)
        env = {**os.environ, "VIDEO_DB_API_KEY": "sk-sandbox-demo", "VIDEO_DB_BASE_URL": url}
        command = [str(BIN / "videodb-gen"), "generate", PROMPT, "--duration", "6"]
        return subprocess.run(command, env=env, check=False).returncode  # noqa: S603
    finally:
        sandbox.send_signal(signal.SIGTERM)
        sandbox.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
