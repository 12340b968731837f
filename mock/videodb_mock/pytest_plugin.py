"""A pytest plugin: the `videodb_sandbox` fixture, a running sandbox for your tests.

Installed with the package (the ``pytest11`` entry point ``videodb_sandbox``); it needs the
sandbox extra (``pip install 'videodb-gen[sandbox]'``) only when a test uses the fixture::

    import videodb_gen


    def test_my_app_makes_a_video(videodb_sandbox):
        conn = videodb_sandbox.connect()
        video = conn.get_collection().generate_video("A lighthouse at dawn")
        assert video.id.startswith("m-")


    @pytest.mark.videodb_sandbox(job_seconds=2, fault_rate="429=0.2")
    def test_my_app_copes_with_rate_limits(videodb_sandbox):
        ...  # this test has a sandbox of its own, started with those options

One sandbox serves the whole session (started when a test first asks for it, stopped at the
end), with the options of the ``videodb_sandbox_options`` ini setting (default
``--job-seconds 0``: jobs finish at once). A test marked ``videodb_sandbox(...)`` gets a sandbox
of its own with those options instead, stopped after the test. ``connect(fault="fail")``
returns a connection whose every request asks the sandbox for that fault (the ``x-mock-fault``
header).

A sandbox marked ``clock="manual"`` keeps its time still until the test moves it::

    @pytest.mark.videodb_sandbox(clock="manual", job_seconds=8)
    def test_a_job_ends_when_its_time_is_up(videodb_sandbox):
        ...  # start a job: it stays at 0% until
        videodb_sandbox.advance(8)  # jobs due by then end, their callbacks are sent

``now()`` reads its time, ``move_to(...)`` sets it forward; on the wall clock (the default)
moving it is an error.

The sandbox runs as a child process (``python -m videodb_mock``) on a free port;
``VIDEODB_MOCK_*`` variables apply to it as to ``videodb-gen mock``.
"""

from __future__ import annotations

import contextlib
import datetime
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import videodb_gen

    from ._inbox import CallbackInbox

__all__ = ["SandboxServer", "sandbox_options"]

API_KEY = "sk-videodb-sandbox-tests"
DEFAULT_OPTIONS = ("--job-seconds", "0")
STARTUP_SECONDS = 60.0
_NEEDED = ("starlette", "uvicorn", "openapi_core", "av", "PIL")


class SandboxServer:
    """A sandbox running for tests: where it is, and connections to it.

    Attributes:
        base_url: The sandbox's URL, for ``base_url=`` or ``VIDEO_DB_BASE_URL``.
        api_key: A key it accepts.
        options: The command-line options it was started with.
        log: The file its output goes to.
    """

    def __init__(self, base_url: str, options: Sequence[str], log: Path) -> None:
        self.base_url = base_url
        self.api_key = API_KEY
        self.options = tuple(options)
        self.log = log

    def __repr__(self) -> str:
        return f"SandboxServer(base_url={self.base_url!r}, options={self.options!r})"

    # The callback inbox: one per sandbox, started when first used, stopped with the sandbox.
    _callbacks: CallbackInbox | None = None

    @property
    def callbacks(self) -> CallbackInbox:
        """A receiver for ``callback_url`` (``callbacks.url``, ``callbacks.url_for(key)``) that
        keeps what this sandbox delivers; see `videodb_mock._inbox.CallbackInbox`. The
        session's sandbox shares it between tests, emptied (deliveries and ``respond``
        answers) after each; a marked test's own sandbox has its own."""
        if self._callbacks is None:
            from ._inbox import CallbackInbox  # noqa: PLC0415 - only for tests that use it

            self._callbacks = CallbackInbox()
        return self._callbacks

    def _close_callbacks(self, *, stop: bool) -> None:
        """Stop the inbox (`stop`, with the sandbox), or empty it for the next test."""
        if self._callbacks is None:
            return
        if stop:
            self._callbacks.close()
        else:
            self._callbacks.clear()

    def connect(self, *, fault: str | None = None, **settings: Any) -> videodb_gen.Connection:
        """A `videodb_gen.Connection` to the sandbox; close it (or use ``with``) when done.

        Args:
            fault: Faults every request of this connection asks for, comma-separated as the
                ``x-mock-fault`` header takes them (``"503"``, ``"fail"``, ``"slow=1"``).
            settings: Other `videodb_gen.connect` settings (``timeout``, ``max_retries``).
        """
        import httpx  # noqa: PLC0415 - the plugin loads with pytest; the SDK when used
        import videodb_gen  # noqa: PLC0415

        if fault is not None:
            settings["http_client"] = httpx.Client(headers={"x-mock-fault": fault})
        return videodb_gen.connect(api_key=self.api_key, base_url=self.base_url, **settings)

    def connect_async(
        self, *, fault: str | None = None, **settings: Any
    ) -> videodb_gen.AsyncConnection:
        """The async twin of `connect`."""
        import httpx  # noqa: PLC0415
        import videodb_gen  # noqa: PLC0415

        if fault is not None:
            settings["http_client"] = httpx.AsyncClient(headers={"x-mock-fault": fault})
        return videodb_gen.connect_async(api_key=self.api_key, base_url=self.base_url, **settings)

    def stats(self) -> dict[str, Any]:
        """The sandbox's ``/_sandbox/stats``: jobs started, answers by status, and more."""
        with urllib.request.urlopen(f"{self.base_url}/_sandbox/stats", timeout=10) as answer:  # noqa: S310 - our own http URL
            stats: dict[str, Any] = json.load(answer)
        return stats

    # The sandbox's clock (``/_sandbox/clock``), moved by hand with ``--clock manual``.

    def now(self) -> datetime.datetime:
        """The sandbox's time (UTC): the machine's, or its manual clock's."""
        return self._clock()

    def advance(self, seconds: float) -> datetime.datetime:
        """Move the sandbox's manual clock `seconds` forward; return its new time. Jobs due by
        then have ended, and their callbacks have been sent, when this returns.

        Raises:
            ValueError: `seconds` is refused (negative, not finite); the message says why.
            RuntimeError: the sandbox runs on the wall clock (start it with ``clock="manual"``).
        """
        return self._clock({"advance": seconds})

    def move_to(self, when: datetime.datetime | str) -> datetime.datetime:
        """Move the sandbox's manual clock forward to `when` (an aware datetime, or an ISO
        8601 time with its UTC offset); return its new time. Raises as `advance` does."""
        text = when.isoformat() if isinstance(when, datetime.datetime) else when
        return self._clock({"to": text})

    def _clock(self, move: dict[str, Any] | None = None) -> datetime.datetime:
        """Read the clock, or move it with `move` first."""
        data = None if move is None else json.dumps(move).encode()
        request = urllib.request.Request(  # noqa: S310 - our own http URL
            f"{self.base_url}/_sandbox/clock",
            data=data,
            headers={"Content-Type": "application/json"},
            method="GET" if move is None else "POST",
        )
        try:
            # A move waits for the callbacks it makes due, each bounded by its timeout.
            with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310
                reading: dict[str, Any] = json.load(answer)
        except urllib.error.HTTPError as exc:
            message = json.loads(exc.read() or b"{}").get("message", exc.reason)
            raise (ValueError if exc.code == 400 else RuntimeError)(message) from None
        return datetime.datetime.fromtimestamp(reading["timestamp"], datetime.UTC)


def sandbox_options(*args: str, **kwargs: object) -> list[str]:
    """Command-line options from a marker's arguments: ``job_seconds=2`` is
    ``--job-seconds 2``; ``strict=True`` is ``--strict``; strings pass as they are."""
    options = list(args)
    for name, value in kwargs.items():
        flag = "--" + name.replace("_", "-")
        if value is True:
            options.append(flag)
        elif value is not False and value is not None:
            options += [flag, str(value)]
    return options


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _check_installed() -> None:
    missing = [name for name in _NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        pytest.fail(
            "videodb_sandbox needs the sandbox extra (missing: "
            f"{', '.join(missing)}): pip install 'videodb-gen[sandbox]'",
            pytrace=False,
        )


def _wait_until_ready(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the sandbox exited ({process.returncode}):\n{log.read_text()}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_sandbox/health", timeout=1),  # noqa: S310
        ):
            return
        time.sleep(0.05)
    raise RuntimeError(
        f"the sandbox did not start within {STARTUP_SECONDS:g} s:\n{log.read_text()}"
    )


@contextlib.contextmanager
def running_sandbox(options: Sequence[str]) -> Iterator[SandboxServer]:
    """Run a sandbox with `options` on a free port until the block ends."""
    _check_installed()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    folder = Path(tempfile.mkdtemp(prefix="videodb-sandbox-"))
    log = folder / "sandbox.log"
    command = [
        sys.executable, "-m", "videodb_mock", "--host", "127.0.0.1", "--port", str(port),
        *options,
    ]  # fmt: skip
    with log.open("wb") as out:  # VIDEODB_MOCK_* variables apply, as to `videodb-gen mock`
        process = subprocess.Popen(  # noqa: S603 - the sandbox of this package
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        sandbox = None
        try:
            _wait_until_ready(process, url, log)
            sandbox = SandboxServer(url, options, log)
            yield sandbox
        finally:
            if sandbox is not None:
                sandbox._close_callbacks(stop=True)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "videodb_sandbox_options",
        type="args",
        default=list(DEFAULT_OPTIONS),
        help="options of the session's videodb sandbox (default: --job-seconds 0)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "videodb_sandbox(*options, **options): give this test a videodb sandbox of its own, "
        "started with these options (job_seconds=2 is --job-seconds 2)",
    )


@pytest.fixture(scope="session")
def videodb_sandbox_session(pytestconfig: pytest.Config) -> Iterator[SandboxServer]:
    """The session's sandbox, with the ``videodb_sandbox_options`` ini setting."""
    with running_sandbox(pytestconfig.getini("videodb_sandbox_options")) as sandbox:
        yield sandbox


@pytest.fixture
def videodb_sandbox(request: pytest.FixtureRequest) -> Iterator[SandboxServer]:
    """A running videodb sandbox: the session's, or the test's own when it is marked
    ``@pytest.mark.videodb_sandbox(...)`` with options."""
    marker = request.node.get_closest_marker("videodb_sandbox")
    if marker is None:
        shared: SandboxServer = request.getfixturevalue("videodb_sandbox_session")
        yield shared
        shared._close_callbacks(stop=False)  # the next test finds the inbox empty
        return
    with running_sandbox(sandbox_options(*marker.args, **marker.kwargs)) as sandbox:
        yield sandbox
