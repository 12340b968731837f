"""Start and stop the servers the tests need: free ports, readiness checks, clean shutdown."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "videodb.yaml"
PRISM = ROOT / "mock" / "node_modules" / ".bin" / "prism"
TEST_API_KEY = "sk-test-0123456789abcdef"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_server(
    cmd: Sequence[str],
    ready_url: str,
    *,
    headers: dict[str, str] | None = None,
    log_path: Path,
    startup_timeout: float = 60.0,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `cmd` in its own process group until `ready_url` answers, yield it, then stop it all.

    The whole group is signalled so that children (Prism forks node workers) die with it.
    `env` replaces the environment (default: this process's).
    """
    with log_path.open("wb") as log:
        proc = subprocess.Popen(  # noqa: S603 - the commands are the test suite's own
            list(cmd),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=cwd,
            env=env,
        )
        try:
            _wait_until_ready(proc, ready_url, headers or {}, startup_timeout, log_path)
            yield proc
        finally:
            _stop(proc)


def _wait_until_ready(
    proc: subprocess.Popen[bytes],
    url: str,
    headers: dict[str, str],
    timeout: float,
    log_path: Path,
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log_path.read_text()}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(url, headers=headers, timeout=2.0).status_code < 500:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server not ready after {timeout} s:\n{log_path.read_text()}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def prism_command(port: int) -> list[str]:
    """Prism's stateless mock of the spec, answering with the spec's examples (`--errors`
    turns a response or example that breaks the spec into a 500, so tests notice)."""
    return [str(PRISM), "mock", "--host", "127.0.0.1", "--port", str(port), "--errors", str(SPEC)]
