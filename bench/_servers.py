"""Start the servers a benchmark measures: the sandbox and Prism, on free ports."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "videodb.yaml"
PRISM = ROOT / "mock" / "node_modules" / ".bin" / "prism"
API_KEY = "sk-bench"
HEADERS = {"x-access-token": API_KEY}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve(cmd: Sequence[str], base_url: str) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server until it answers `GET /collection/default`, yield its process, then stop
    it (and what it started: its process group)."""
    proc = subprocess.Popen(  # noqa: S603 - our own servers
        list(cmd),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {proc.returncode}")
            try:
                httpx.get(f"{base_url}/collection/default", headers=HEADERS, timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)


@contextlib.contextmanager
def sandbox(*options: str) -> Iterator[str]:
    """The sandbox (`python -m videodb_mock`) with `options`, e.g. `--job-seconds 3`.

    Media are off: these benchmarks measure the API (Prism has no media either); the media
    have benchmarks of their own (`sandbox_process`).
    """
    with sandbox_process("--media", "off", *options) as (url, _):
        yield url


@contextlib.contextmanager
def sandbox_process(*options: str) -> Iterator[tuple[str, int]]:
    """The sandbox with `options` only (its defaults otherwise); its URL and process id."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "videodb_mock", "--host", "127.0.0.1", "--port", str(port)]
    with serve([*cmd, *options], url) as proc:
        yield url, proc.pid


@contextlib.contextmanager
def prism() -> Iterator[str]:
    """Prism's mock of the spec; it validates requests, as the sandbox does."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [str(PRISM), "mock", "--host", "127.0.0.1", "--port", str(port), str(SPEC)]
    with serve(cmd, url):
        yield url


def rss_mb(pid: int) -> float:
    """Process `pid`'s resident set in MB, or 0 once it has exited."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:  # the process has just exited
        pass
    return 0.0


def first_byte(client: httpx.Client, url: str) -> float:
    """Seconds until the first byte of `url`'s body arrives (the body is read to its end)."""
    started = time.perf_counter()
    first = None
    with client.stream("GET", url) as answer:
        answer.raise_for_status()
        for chunk in answer.iter_raw():
            if first is None and chunk:
                first = time.perf_counter() - started
    if first is None:
        raise RuntimeError(f"GET {url}: empty body")
    return first
