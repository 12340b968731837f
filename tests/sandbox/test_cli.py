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
    assert len(done.stderr.splitlines()) == 2, done.stderr  # no usage block of every option


HELP_HINT = "videodb-gen mock: run 'videodb-gen mock --help' for every option"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--job-seconds", "-1"], "--job-seconds: must be 0 or more seconds, got -1"),
        (["--ttl", "0"], "--ttl: must be more than 0 seconds, got 0"),
        (["--port", "99999"], "--port: must be from 0 to 65535, got 99999"),
        (["--port", "-1"], "--port: must be from 0 to 65535, got -1"),
        (["--port", "http"], "--port: must be an integer, got 'http'"),
        (["--callback-backoff", "soon"], "--callback-backoff: must be a number, got 'soon'"),
        (["--render-workers", "0"], "--render-workers: must be 1 or more, got 0"),
        (["--media-fps", "61"], "--media-fps: must be from 1 to 60, got 61"),
        (["--max-audio-seconds", "0"], "--max-audio-seconds: must be from 1 to 3600, got 0"),
        (
            ["--media-width", "65"],
            "--media-width: must be an even number of pixels from 64 to 3840, got 65",
        ),
        (["--fault-rate", "500=2"], "--fault-rate: gives 500=2: a rate is from 0 to 1"),
        (["--fault-rate", "500=0.6,429=0.6"], "--fault-rate: must add up to 1 or less"),
        (["--fault-rate", "500"], "--fault-rate: fault rate '500': expected name=rate"),
        (["--fault-rate", "teapot=0.1"], "--fault-rate: names 'teapot': a fault is an HTTP"),
        (
            ["--public-base-url", "ftp://x"],
            "--public-base-url: must start with http:// or https://, got 'ftp://x'",
        ),
        (["--finished-shape", "round"], "--finished-shape: invalid choice: 'round'"),
        (["--collection", "nope"], "--collection: names 'nope': an extra collection id is c-"),
        (
            ["--jobseconds", "2"],
            "unrecognized arguments: --jobseconds 2; did you mean --job-seconds?",
        ),
    ],
)
def test_a_bad_option_is_one_line_naming_its_flag_and_a_hint(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    from videodb_gen.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["mock", *args])
    assert exited.value.code == 2
    error, hint = capsys.readouterr().err.splitlines()
    assert error.startswith(f"videodb-gen mock: error: {message}"), error
    assert hint == HELP_HINT
    for internal in ("job_seconds", "'port'", "media_width", "parse_fault_rates", "ttl_seconds"):
        assert internal not in error


def test_a_bad_value_from_the_environment_names_the_variable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from videodb_gen.cli import main

    monkeypatch.setenv("VIDEODB_MOCK_PORT", "99999")
    with pytest.raises(SystemExit) as exited:
        main(["mock"])
    assert exited.value.code == 2
    error, _ = capsys.readouterr().err.splitlines()
    assert error == "videodb-gen mock: error: VIDEODB_MOCK_PORT: must be from 0 to 65535, got 99999"
    with pytest.raises(SystemExit):
        main(["mock", "--port=70000"])  # the flag, given, is named even with the variable set
    error, _ = capsys.readouterr().err.splitlines()
    assert error == "videodb-gen mock: error: --port: must be from 0 to 65535, got 70000"


def _without_uvicorn(code: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a Python where uvicorn cannot be imported, as without the sandbox extra."""
    blocked = "import sys; sys.modules['uvicorn'] = None; " + code
    return subprocess.run(  # noqa: S603 - the test suite's own commands
        [sys.executable, "-c", blocked], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize(
    ("code", "prog"),
    [
        (
            "from videodb_gen.cli import main; sys.exit(main(['mock', '--port', '0']))",
            "videodb-gen mock",
        ),
        (
            "from videodb_mock._command import main; "
            "sys.exit(main(['--port', '0'], prog='python -m videodb_mock'))",
            "python -m videodb_mock",
        ),
    ],
    ids=["videodb-gen mock", "python -m videodb_mock"],
)
def test_without_the_sandbox_extra_it_says_which_extra_to_install(code: str, prog: str) -> None:
    done = _without_uvicorn(code)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr == (
        f"{prog}: error: the sandbox needs the sandbox extra (uvicorn is not installed): "
        "pip install 'videodb-gen[sandbox]' (in a clone: pip install '.[sandbox]')\n"
    )


def test_without_the_sandbox_extra_its_help_still_works() -> None:
    done = _without_uvicorn("from videodb_gen.cli import main; sys.exit(main(['mock', '--help']))")
    assert done.returncode == 0, done.stderr
    assert "--job-seconds" in done.stdout


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
