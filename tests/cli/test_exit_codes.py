"""Every exit code, in-process: one clear line on stderr, no traceback, never the API key."""

from __future__ import annotations

import os
import subprocess

import pytest
import videodb_gen
from videodb_gen import _clock
from videodb_gen.cli import _commands
from videodb_gen.cli._commands import _resumable_job
from videodb_gen.cli._exit_codes import ExitCode, MissingKeyError, describe, exit_code_for

from tests._servers import free_port
from tests.cli.conftest import SANDBOX_KEY, VIDEODB_GEN, Cli, clean_environ

SECRET = "sk-never-print-me-4711"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the command connects at all."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the command connected")

    monkeypatch.setattr(_commands, "connect", refuse)


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("videodb-gen: error: ")
    return lines[0]


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["generate", "", "--duration", "6"], "PROMPT must be a non-empty string"),
        (["generate", "x", "--duration", "9"], "--duration must be from 5 to 8 seconds, got 9"),
        (["generate", "x", "--duration", "4"], "--duration must be from 5 to 8"),
        (["generate", "x", "--callback-url", "ftp://x/hook"], "--callback-url must be"),
        (["generate", "x", "--callback-url", "not a url"], "--callback-url must be"),
        (["generate", "x", "--collection", "a/b"], "--collection must not contain '/'"),
        (["generate", "x", "--timeout", "0"], "--timeout must be a finite, positive"),
        (["generate", "x", "--timeout", "nan"], "--timeout must be a finite, positive"),
        (["generate", "x", "--base-url", "api.videodb.io"], "--base-url must be an absolute"),
        (["job", "job-1/../x"], "JOB_ID must not contain '/'"),
        (["job", "", "--wait"], "JOB_ID must be a non-empty string"),
        (["job", "job-1", "--timeout", "-5"], "--timeout must be a finite, positive"),
        (["video", "x-123"], "VIDEO_ID must start with 'm-'"),
        (["video", "m-1?a=b"], "VIDEO_ID must not contain '?'"),
        (["video", "m-1", "--collection", "c#1"], "--collection must not contain '#'"),
        (["stream", "x-123"], "VIDEO_ID must start with 'm-'"),
        (["stream", "m-1", "--part", "3:1"], "--part 3:1 must end after it starts"),
        (["thumbnail", "m-1", "--time", "-2"], "--time must be 0 or more seconds"),
        (["download", "img-1"], "VIDEO_ID must start with 'm-'"),
        (["download", "m-1", "--name", " "], "--name must be a non-empty string"),
        (["download", "m-1", "--timeout", "inf"], "--timeout must be a finite, positive"),
    ],
)
def test_bad_input_is_exit_2_before_the_key_and_the_network(
    cli: Cli, argv: list[str], names: str
) -> None:
    result = cli(*argv)  # no API key anywhere: bad input still wins
    assert result.code == ExitCode.BAD_INPUT
    assert names in _one_error_line(result.err)
    assert result.out == ""


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    "argv",
    [
        ["generate", "x", "--duration", "six"],
        ["generate"],
        ["generate", "x", "--colour", "red"],
        ["video"],
        ["stream", "m-1", "--part", "1-2"],
        ["stream", "m-1", "--part"],
        ["thumbnail", "m-1", "--time", "later"],
        ["download"],
        ["download", "m-1", "--timeout", "soon"],
        ["nothing"],
        [],
    ],
)
def test_usage_errors_are_exit_2(cli: Cli, argv: list[str]) -> None:
    result = cli(*argv)
    assert result.code == ExitCode.BAD_INPUT
    assert "error:" in result.err
    assert "Traceback" not in result.err


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("key", [None, "", "   "])
@pytest.mark.parametrize(
    "command",
    [
        ["video", "m-1"],
        ["stream", "m-1", "--part", "0:1"],
        ["thumbnail", "m-1"],
        ["download", "m-1"],
    ],
)
def test_a_missing_key_is_exit_4(cli: Cli, key: str | None, command: list[str]) -> None:
    argv = command if key is None else [*command, "--api-key", key]
    result = cli(*argv)
    assert result.code == ExitCode.AUTHENTICATION
    assert "VIDEO_DB_API_KEY" in _one_error_line(result.err)


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("key", ["sk-never-print-me\r", "sk-never print-me", "\tsk-never-print-me"])
def test_a_key_that_cannot_be_sent_is_exit_2_and_not_printed(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    monkeypatch.setenv("VIDEO_DB_API_KEY", key)  # say, from a .env file with CRLF line ends
    result = cli("video", "m-1")
    assert result.code == ExitCode.BAD_INPUT
    assert "--api-key must be printable ASCII" in _one_error_line(result.err)
    assert "never" not in result.out + result.err


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["job", "job-\udced\udca0\udc80"], "JOB_ID must be valid Unicode text"),
        (["job", "j" * 100_000], "JOB_ID must be at most 256 characters"),
        (["job", ".."], "JOB_ID must be a non-empty string other than"),
        (["video", "m-1", "--collection", "."], "--collection must be a non-empty string"),
        (["generate", "x \udcff"], "PROMPT must be valid Unicode text"),
        (
            ["video", "m-1", "--base-url", "http://u:pw-4711@h"],
            "--base-url must not hold credentials",
        ),
        (["video", "m-1", "--base-url", "http://h:1/?a=1"], "--base-url must not hold a query"),
    ],
)
def test_values_that_cannot_be_sent_are_exit_2_without_a_traceback(
    cli: Cli, argv: list[str], names: str
) -> None:
    result = cli(*argv, "--api-key", "sk-x")
    assert result.code == ExitCode.BAD_INPUT
    assert names in _one_error_line(result.err)
    assert "pw-4711" not in result.err


def test_undecodable_arguments_from_the_shell_are_exit_2() -> None:
    # The shell passes bytes; Python decodes invalid UTF-8 with surrogateescape.
    done = subprocess.run(  # noqa: S603 - the test suite's own command
        [os.fsencode(VIDEODB_GEN), b"job", b"job-\xed\xa0\x80", b"--api-key", b"sk-x"],
        capture_output=True,
        check=False,
        env=clean_environ(),
        timeout=30,
    )
    assert done.returncode == ExitCode.BAD_INPUT
    assert b"Traceback" not in done.stderr
    assert b"JOB_ID must be valid Unicode text" in done.stderr


def test_a_rejected_key_is_exit_4_and_the_key_is_not_printed(
    cli: Cli, failing_sandbox: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIDEO_DB_API_KEY", SECRET)
    result = cli("generate", "x", "--base-url", failing_sandbox)
    assert result.code == ExitCode.AUTHENTICATION
    assert "rejected" in _one_error_line(result.err)
    assert SECRET not in result.out + result.err


def test_a_failed_generation_is_exit_3(cli: Cli, failing_sandbox: str) -> None:
    result = cli("generate", "x", "--base-url", failing_sandbox, "--api-key", SANDBOX_KEY)
    assert result.code == ExitCode.API_ERROR
    assert "failed: " in result.err
    assert "generation_failed" in result.err
    assert "resume" not in result.err  # a failed job cannot be resumed


def test_a_missing_video_or_job_is_exit_3(cli: Cli, sandbox_url: str, api_key: str) -> None:
    common = ("--base-url", sandbox_url, "--api-key", api_key)
    video = cli("video", "m-doesnotexist", *common)
    assert video.code == ExitCode.API_ERROR
    assert "404" in _one_error_line(video.err)
    for call in (["stream", "--part", "0:1"], ["thumbnail", "--time", "1"], ["download"]):
        missing = cli(call[0], "m-doesnotexist", *call[1:], *common)
        assert missing.code == ExitCode.API_ERROR
        assert "404" in _one_error_line(missing.err)
    job = cli("job", "job-doesnotexist", "--wait", *common)
    assert job.code == ExitCode.API_ERROR
    assert "404" in _one_error_line(job.err)


def test_no_server_is_exit_3(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_clock, "sleep", lambda seconds: None)  # skip the retries' back-off
    result = cli("video", "m-1", "--base-url", f"http://127.0.0.1:{free_port()}", "--api-key", "k")
    assert result.code == ExitCode.API_ERROR
    assert "Connect" in _one_error_line(result.err)


def test_a_timeout_is_exit_5_and_names_the_job(cli: Cli, slow_sandbox: str) -> None:
    result = cli(
        "generate", "x", "--timeout", "1", "--base-url", slow_sandbox, "--api-key", SANDBOX_KEY
    )
    assert result.code == ExitCode.TIMEOUT
    assert "did not finish within 1 s" in result.err
    assert "resume with: videodb-gen job job-" in result.err
    assert f"--wait --base-url {slow_sandbox}" in result.err
    assert "%" in result.err  # the bar showed the job's percentage


def test_ctrl_c_while_waiting_is_exit_130_and_names_the_job(
    cli: Cli, slow_sandbox: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_clock, "sleep", interrupt)
    monkeypatch.setenv("VIDEO_DB_BASE_URL", slow_sandbox)
    result = cli("generate", "x", "--api-key", SANDBOX_KEY)
    assert result.code == ExitCode.INTERRUPTED
    last = result.err.strip().splitlines()[-1]
    assert last.startswith("interrupted; resume with: videodb-gen job job-")
    assert last.endswith(" --wait")  # the base URL came from the environment


def test_ctrl_c_before_the_job_started_is_exit_130(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(videodb_gen.Connection, "get_collection", interrupt)
    result = cli("generate", "x", "--api-key", "k")
    assert result.code == ExitCode.INTERRUPTED
    assert result.err.strip() == "interrupted"


def _status_error(cls: type[videodb_gen.APIStatusError], status: int) -> videodb_gen.APIError:
    error = cls("no", method="GET", path="/async-response/job-1", status_code=status)
    error.job_id = "job-1"
    return error


@pytest.mark.parametrize(
    ("error", "code", "resumable"),
    [
        (_status_error(videodb_gen.RateLimitError, 429), ExitCode.API_ERROR, True),
        (_status_error(videodb_gen.InternalServerError, 503), ExitCode.API_ERROR, True),
        (_status_error(videodb_gen.PaymentRequiredError, 402), ExitCode.API_ERROR, True),
        (_status_error(videodb_gen.NotFoundError, 404), ExitCode.API_ERROR, False),
        (_status_error(videodb_gen.AuthenticationError, 401), ExitCode.AUTHENTICATION, False),
        (videodb_gen.GenerationTimeoutError(job_id="job-1", timeout=2), ExitCode.TIMEOUT, True),
        (videodb_gen.GenerationFailedError("bad", job_id="job-1"), ExitCode.API_ERROR, False),
        (videodb_gen.InvalidVideoIdError("v-1"), ExitCode.API_ERROR, False),
        (videodb_gen.InvalidInputError("duration", "too long"), ExitCode.BAD_INPUT, False),
        (MissingKeyError("api_key", "is required"), ExitCode.AUTHENTICATION, False),
        (videodb_gen.InvalidInputError("api_key", "must be ASCII"), ExitCode.BAD_INPUT, False),
    ],
)
def test_each_error_maps_to_its_exit_code(
    error: videodb_gen.VideoDBError, code: ExitCode, resumable: bool
) -> None:
    assert exit_code_for(error) == code
    assert (_resumable_job(error) == "job-1") is resumable
    assert describe(error)
    assert "\n" not in describe(error)
