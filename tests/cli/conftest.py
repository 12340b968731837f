"""Fixtures for the command's tests: a clean environment, special sandboxes, and runners that
call `main` in-process (measured by coverage) or run `videodb-gen` as a subprocess."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest
from videodb_gen.cli import main

from tests._servers import ROOT, free_port, running_server
from tests.conftest import SANDBOX_TEST_OPTIONS, assert_no_spec_violations, sandbox_command

VIDEODB_GEN = str(Path(sys.executable).with_name("videodb-gen"))
# The key the special sandboxes accept; any other key is refused with 401.
SANDBOX_KEY = "sk-cli-accepted-0123"


@attrs.frozen
class Result:
    """How a run of the command ended."""

    code: int
    out: str
    err: str


Cli = Callable[..., Result]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own key or base URL."""
    monkeypatch.delenv("VIDEO_DB_API_KEY", raising=False)
    monkeypatch.delenv("VIDEO_DB_BASE_URL", raising=False)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run `main(argv)` in-process; a SystemExit (argparse) counts as its exit code."""

    def run(*argv: str) -> Result:
        try:
            code = main(list(argv))
        except SystemExit as exited:
            code = int(exited.code or 0)
        out, err = capsys.readouterr()
        return Result(int(code), out, err)

    return run


def clean_environ(**extra: str) -> dict[str, str]:
    """This process's environment without VIDEO_DB_* variables, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIDEO_DB_")}
    return {**env, **extra}


def run_videodb_gen(*args: str, env: dict[str, str] | None = None, timeout: float = 30) -> Result:
    """Run the installed `videodb-gen` command as a user would, and wait for it."""
    done = subprocess.run(  # noqa: S603 - the test suite's own command
        [VIDEODB_GEN, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=ROOT,
        env=clean_environ() if env is None else env,
    )
    return Result(done.returncode, done.stdout, done.stderr)


@contextlib.contextmanager
def keyed_sandbox(log_dir: Path, *options: str) -> Iterator[str]:
    """A sandbox started with `options`, accepting only `SANDBOX_KEY`; it logs to `log_dir`."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = sandbox_command(port, *SANDBOX_TEST_OPTIONS, "--api-key", SANDBOX_KEY, *options)
    with running_server(cmd, f"{url}/_sandbox/health", log_path=log_dir / "sandbox.log"):
        yield url
        assert_no_spec_violations(url)


@pytest.fixture(scope="session")
def failing_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A sandbox where every generation fails; it accepts only `SANDBOX_KEY`."""
    log_dir = tmp_path_factory.mktemp("failing-sandbox")
    with keyed_sandbox(log_dir, "--job-seconds", "0", "--fault-rate", "fail=1") as url:
        yield url


@pytest.fixture(scope="session")
def slow_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A sandbox whose jobs take 30 s, and that answers `request_type: async` to a callback;
    it accepts only `SANDBOX_KEY`."""
    log_dir = tmp_path_factory.mktemp("slow-sandbox")
    options = ("--job-seconds", "30", "--callback-request-type", "async")
    with keyed_sandbox(log_dir, *options) as url:
        yield url


#: The size of the rendering sandbox's videos: small, so that rendering and decoding are quick.
RENDER_WIDTH, RENDER_HEIGHT, RENDER_FPS = 320, 180, 12


@pytest.fixture(scope="session")
def rendering_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A sandbox that renders media (small videos of `RENDER_FPS`), whose jobs, downloads
    included, take 2 s; it accepts only `SANDBOX_KEY`."""
    log_dir = tmp_path_factory.mktemp("rendering-sandbox")
    size = ("--media-width", str(RENDER_WIDTH), "--media-height", str(RENDER_HEIGHT))
    options = ("--job-seconds", "2", "--media", "render", *size, "--media-fps", str(RENDER_FPS))
    with keyed_sandbox(log_dir, *options) as url:
        yield url
