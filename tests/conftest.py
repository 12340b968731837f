"""Fixtures shared by every test folder: the spec, and the servers tests run against."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from videodb_mock.pytest_plugin import SandboxServer

from tests._servers import SPEC, TEST_API_KEY, free_port, prism_command, running_server

# Sandboxes started by tests render no media unless a test asks (`--media render`, as
# tests/media does): rendering makes jobs wait for their video, which tests of the API with
# `--job-seconds 0` must not, and costs CPU the contract runs need.
os.environ.setdefault("VIDEODB_MOCK_MEDIA", "off")


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """The OpenAPI document, parsed."""
    with SPEC.open() as f:
        return yaml.safe_load(f)  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def api_key() -> str:
    return TEST_API_KEY


@pytest.fixture(scope="session")
def prism_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a Prism mock of the spec, started for this test session and stopped after."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = Path(tmp_path_factory.mktemp("prism")) / "prism.log"
    with running_server(
        prism_command(port),
        f"{url}/collection/default",
        headers={"x-access-token": TEST_API_KEY},
        log_path=log,
    ):
        yield url


# The sandbox (videodb_mock), run as a subprocess like a user runs it.

SANDBOX_TEST_OPTIONS = ("--strict", "--seed", "1234", "--callback-backoff", "0.05")


def sandbox_command(port: int, *options: str) -> list[str]:
    """`videodb-gen mock` on 127.0.0.1:`port` with `options`, from this environment."""
    script = Path(sys.executable).with_name("videodb-gen")
    return [str(script), "mock", "--host", "127.0.0.1", "--port", str(port), *options]


def assert_no_spec_violations(url: str) -> None:
    """Fail if the sandbox at `url` sent any answer that breaks the spec (strict mode)."""
    found = httpx.get(f"{url}/_sandbox/violations", timeout=10).json()["violations"]
    assert not found, "the sandbox answered against the spec:\n" + "\n".join(found)


@contextlib.contextmanager
def _sandbox(options: Sequence[str], log_dir: Path) -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running_server(
        sandbox_command(port, *options), f"{url}/_sandbox/health", log_path=log_dir / "sandbox.log"
    ):
        yield url
        assert_no_spec_violations(url)


@pytest.fixture(scope="session")
def sandbox_url(videodb_sandbox_session: SandboxServer) -> Iterator[str]:
    """Base URL of a sandbox for the whole session: the `videodb_sandbox` plugin's, which
    pyproject.toml starts strict, seeded, with jobs that finish at once.

    At teardown it fails if the sandbox sent any answer that breaks the spec.
    """
    yield videodb_sandbox_session.base_url
    assert_no_spec_violations(videodb_sandbox_session.base_url)


SandboxFactory = Callable[..., str]


@pytest.fixture
def start_sandbox(tmp_path: Path) -> Iterator[SandboxFactory]:
    """Start sandboxes with custom options for one test: `start_sandbox("--job-seconds", "1")`.

    Each is seeded, finishes jobs at once unless `--job-seconds` says otherwise, and is strict
    unless `strict=False`; all are stopped after the test, and the test fails if one of them
    answered against the spec.
    """
    with contextlib.ExitStack() as stack:

        def start(*options: str, strict: bool = True) -> str:
            base = SANDBOX_TEST_OPTIONS if strict else SANDBOX_TEST_OPTIONS[1:]
            log_dir = Path(tempfile.mkdtemp(dir=tmp_path))
            return stack.enter_context(_sandbox((*base, "--job-seconds", "0", *options), log_dir))

        yield start
