"""SIGTERM stops the command as Ctrl-C does: the job id and how to resume are printed, and the
exit status is 143 (128 + SIGTERM's 15) where Ctrl-C's is 130."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import time

import pytest
from videodb_gen.cli import _batch, _contract, main
from videodb_gen.cli._exit_codes import ExitCode

from tests.cli.conftest import SANDBOX_KEY, VIDEODB_GEN, clean_environ


def _sigterm_myself() -> None:
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(10)  # the handler raises before this ends
    raise AssertionError("SIGTERM did not stop the command")


def test_sigterm_while_waiting_prints_the_resume_hint_and_exits_143(slow_sandbox: str) -> None:
    proc = subprocess.Popen(  # noqa: S603 - the test suite's own command
        [VIDEODB_GEN, "generate", "a cat", "--base-url", slow_sandbox, "--api-key", SANDBOX_KEY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_environ(),
    )
    try:
        assert proc.stderr is not None
        first = proc.stderr.readline()  # printed once the job has started
        assert first.startswith("waiting for job-"), first
        job_id = first.split()[2].rstrip(";")
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 143, err  # 128 + 15, where Python's default is killed by it (-15)
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert (
        last
        == f"terminated; resume with: videodb-gen job {job_id} --wait --base-url {slow_sandbox}"
    )
    assert out == ""


def test_a_command_that_reports_the_stop_as_ctrl_c_still_exits_143(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def batch(args: argparse.Namespace, rest: list[str]) -> int:
        try:
            _sigterm_myself()
        except KeyboardInterrupt:
            return ExitCode.INTERRUPTED  # as `batch` does for Ctrl-C
        return ExitCode.OK  # pragma: no cover - the signal always arrives

    monkeypatch.setattr(_batch, "batch", batch)
    before = signal.getsignal(signal.SIGTERM)
    assert main(["batch", "prompts.jsonl"]) == ExitCode.TERMINATED
    assert signal.getsignal(signal.SIGTERM) == before  # put back once the command ends


def test_a_command_that_says_nothing_itself_is_stopped_with_one_word(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def spec(args: argparse.Namespace, rest: list[str]) -> int:
        _sigterm_myself()
        return ExitCode.OK  # pragma: no cover - the signal always arrives

    monkeypatch.setattr(_contract, "spec", spec)
    assert main(["spec"]) == ExitCode.TERMINATED
    assert capsys.readouterr().err == "terminated\n"


def test_ctrl_c_in_such_a_command_is_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def spec(args: argparse.Namespace, rest: list[str]) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(_contract, "spec", spec)
    assert main(["spec"]) == ExitCode.INTERRUPTED
    assert capsys.readouterr().err == "interrupted\n"
