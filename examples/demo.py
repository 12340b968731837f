"""The main job, offline: start the sandbox, generate a video through the command line (and so
the SDK), print its `m-` id and stream URL, play the stream to its end to show it is real,
stop the sandbox.

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

import av
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


def play(stream_url: str) -> str:
    """Decode the HLS stream over HTTP, as a player would; describe what was played."""
    with av.open(stream_url, timeout=30) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        rate = float(stream.average_rate or 24)
        context = stream.codec_context
        return f"{frames / rate:.2f} s of {stream.codec.name} at {context.width}x{context.height}"


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
            "--media",
            "render",
        ],
        stderr=subprocess.DEVNULL,  # the server's own log; its "listening on" line is on stdout
    )
    try:
        wait_until_healthy(url, sandbox)
        env = {**os.environ, "VIDEO_DB_API_KEY": "sk-sandbox-demo", "VIDEO_DB_BASE_URL": url}
        command = [str(BIN / "videodb-gen"), "generate", PROMPT, "--duration", "6"]
        # The progress bar is on stderr, left to the terminal; the video is on stdout.
        result = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=False)  # noqa: S603
        print(result.stdout, end="", flush=True)
        if result.returncode != 0:
            return result.returncode
        stream_url = next(
            line.split()[1] for line in result.stdout.splitlines() if line.startswith("stream_url")
        )
        print(f"played      {play(stream_url)}")
        return 0
    finally:
        sandbox.send_signal(signal.SIGTERM)
        sandbox.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
