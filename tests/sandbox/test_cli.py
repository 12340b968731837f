"""Starting and stopping the sandbox from the command line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests._servers import ROOT, free_port
from tests.conftest import sandbox_command

VIDEODB_GEN = str(Path(sys.executable).with_name("videodb-gen"))


def _start(cmd: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603 - the test suite's own commands
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
        start_new_session=True,
        env={**os.environ, **(env or {})},
    )


def _first_line(proc: subprocess.Popen[str], prefix: str, timeout: float = 30) -> str:
    """The first line of output that starts with `prefix` (the process must print it)."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            pytest.fail(f"the process exited with {proc.wait()} before printing {prefix!r}")
        if line.startswith(prefix):
            return line.strip()
    pytest.fail(f"nothing starting with {prefix!r} within {timeout} s")


def _stop(proc: subprocess.Popen[str], sig: signal.Signals) -> tuple[int, str]:
    proc.send_signal(sig)
    try:
        output, _ = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"the sandbox did not stop on {sig.name}")
    return proc.returncode, output


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("entry", ["videodb-gen", "python -m"])
def test_starts_prints_where_it_listens_and_stops_cleanly(entry: str, sig: signal.Signals) -> None:
    port = free_port()
    if entry == "videodb-gen":
        cmd = sandbox_command(port, "--job-seconds", "0")
    else:
        cmd = [sys.executable, "-m", "videodb_mock", "--port", str(port), "--job-seconds", "0"]
    proc = _start(cmd)
    try:
        line = _first_line(proc, "videodb sandbox listening on")
        assert line == f"videodb sandbox listening on http://127.0.0.1:{port}"
        response = httpx.get(
            f"http://127.0.0.1:{port}/collection/default", headers={"x-access-token": "k"}
        )
        assert response.status_code == 200
    finally:
        code, output = _stop(proc, sig)
    assert code == 0, output
    assert "Traceback" not in output
    assert "videodb sandbox stopped" in output


def test_options_from_the_environment() -> None:
    port = free_port()
    proc = _start(
        [VIDEODB_GEN, "mock"],
        env={
            "VIDEODB_MOCK_PORT": str(port),
            "VIDEODB_MOCK_JOB_SECONDS": "0",
            "VIDEODB_MOCK_FINISHED_SHAPE": "wrapped",
            "VIDEODB_MOCK_API_KEYS": "sk-a,sk-b",
            "VIDEODB_MOCK_PUBLIC_BASE_URL": "http://public.example:1234",
        },
    )
    try:
        _first_line(proc, "videodb sandbox listening on")
        url = f"http://127.0.0.1:{port}"
        assert (
            httpx.get(f"{url}/collection/default", headers={"x-access-token": "sk-c"}).status_code
            == 401
        )
        with httpx.Client(base_url=url, headers={"x-access-token": "sk-b"}) as client:
            job = client.post("/collection/default/generate/video", json={"prompt": "x"}).json()
            assert job["data"]["output_url"].startswith("http://public.example:1234/")
            state = client.get(f"/async-response/{job['data']['id']}").json()
            assert state["status"] == "complete"
    finally:
        code, output = _stop(proc, signal.SIGTERM)
    assert code == 0, output


@pytest.mark.parametrize(
    "args",
    [
        ["--job-seconds", "-1"],
        ["--fault-rate", "500=2"],
        ["--fault-rate", "teapot=0.1"],
        ["--finished-shape", "round"],
        ["--collection", "nope"],
        ["--port", "99999"],
    ],
)
def test_invalid_options_exit_with_status_2(args: list[str]) -> None:
    done = subprocess.run(  # noqa: S603 - the test suite's own commands
        [VIDEODB_GEN, "mock", *args], capture_output=True, text=True, timeout=30, check=False
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "error" in done.stderr


def test_port_in_use_exits_with_status_1() -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(  # noqa: S603 - the test suite's own commands
            [VIDEODB_GEN, "mock", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    assert done.returncode == 1
    assert "cannot listen" in done.stderr


def test_help() -> None:
    from videodb_gen.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["mock", "--help"])
    assert exited.value.code == 0
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    with pytest.raises(SystemExit) as exited:
        main(["nothing"])
    assert exited.value.code == 2


def test_importing_the_cli_does_not_load_the_sandbox() -> None:
    code = (
        "import sys, videodb_gen, videodb_gen.cli; "
        "heavy = [m for m in ('videodb_mock', 'starlette', 'uvicorn', 'openapi_core') "
        "if m in sys.modules]; print(heavy)"
    )
    done = subprocess.run(  # noqa: S603 - the test suite's own commands
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
