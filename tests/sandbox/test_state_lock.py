"""One sandbox at a time on a `--state-dir`: a second is refused at once, exit 2, naming the
first, before it binds its port; the lock goes with the first, however it ends."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import httpx

from tests._servers import ROOT, free_port, running_server
from tests.conftest import SANDBOX_TEST_OPTIONS, sandbox_command
from tests.sandbox.conftest import AUTH, GENERATE


def _second(port: int, state: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - the suite's own command
        sandbox_command(port, *SANDBOX_TEST_OPTIONS, "--state-dir", str(state)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )


def test_a_second_sandbox_on_one_state_dir_is_refused_naming_the_first(tmp_path: Path) -> None:
    state = tmp_path / "state"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = sandbox_command(port, *SANDBOX_TEST_OPTIONS, "--state-dir", str(state))
    with running_server(command, f"{url}/_sandbox/health", log_path=tmp_path / "a.log") as first:
        for second_port in (free_port(), port):  # its own port, or the first's: refused first
            second = _second(second_port, state)
            assert second.returncode == 2, second.stderr
            assert f"{state} is in use by process {first.pid}" in second.stderr
            assert str(state / ".lock") in second.stderr
            assert "cannot listen" not in second.stderr
        made = httpx.post(f"{url}{GENERATE}", json={"prompt": "x"}, headers=AUTH, timeout=30)
        assert made.status_code == 200, made.text  # the first one serves on
    assert not (state / ".lock").exists(), "stopped cleanly, it removed its lock file"


def test_the_lock_of_a_killed_sandbox_is_free_at_once(tmp_path: Path) -> None:
    state = tmp_path / "state"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = sandbox_command(port, *SANDBOX_TEST_OPTIONS, "--state-dir", str(state))
    with running_server(command, f"{url}/_sandbox/health", log_path=tmp_path / "a.log") as first:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
    assert (state / ".lock").exists()
    with running_server(command, f"{url}/_sandbox/health", log_path=tmp_path / "b.log"):
        made = httpx.post(f"{url}{GENERATE}", json={"prompt": "x"}, headers=AUTH, timeout=30)
        assert made.status_code == 200, made.text
