"""What the SDK logs on the `videodb_gen` logger, and `VIDEODB_LOG`."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import _logging

from .conftest import COLLECTION, JOB, KEY, FakeClock, accepted, collection_of, done, running

GEN = "/collection/default/generate/video/"
POLL = f"/async-response/{JOB}"


@pytest.fixture
def sdk_logger() -> Iterator[logging.Logger]:
    """The SDK's logger, its handlers and level put back after the test."""
    logger = logging.getLogger("videodb_gen")
    handlers, level = list(logger.handlers), logger.level
    yield logger
    logger.handlers[:] = handlers
    logger.setLevel(level)


def _lines(caplog: pytest.LogCaptureFixture, level: int) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "videodb_gen" and r.levelno == level]


def test_info_logs_each_request_with_status_time_retries_and_request_id(
    api: respx.MockRouter,
    conn: videodb_gen.Connection,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="videodb_gen")

    answers: list[httpx.Response | Exception] = [
        httpx.Response(503),
        httpx.ConnectError("refused"),
        httpx.Response(200, json=COLLECTION, headers={"x-request-id": "req-3"}),
    ]

    def answer(request: httpx.Request) -> httpx.Response:
        found = answers.pop(0)
        if isinstance(found, Exception):
            raise found
        if not answers:
            clock.now += 0.0125  # the last answer takes 12.5 ms
        return found

    api.get("/collection/default").mock(side_effect=answer)
    conn.get_collection()
    lines = _lines(caplog, logging.INFO)
    assert [r.getMessage() for r in lines] == [
        "GET /collection/default -> 503 in 0.0 ms, retries 0",
        "GET /collection/default -> ConnectError in 0.0 ms, retries 1",
        "GET /collection/default -> 200 in 12.5 ms, retries 2, request id req-3",
    ]
    last = lines[-1]
    assert (last.method, last.path, last.status) == ("GET", "/collection/default", 200)  # type: ignore[attr-defined]
    assert (last.elapsed_ms, last.retries, last.request_id) == (12.5, 2, "req-3")  # type: ignore[attr-defined]
    assert not _lines(caplog, logging.DEBUG)  # retry waits are DEBUG's


def test_debug_adds_retry_waits_and_polls(
    api: respx.MockRouter,
    conn: videodb_gen.Connection,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="videodb_gen")
    api.post(GEN).respond(json=accepted())
    api.get(POLL).mock(
        side_effect=[
            httpx.Response(503, headers={"retry-after": "1"}),
            httpx.Response(200, json=running(40)),
            httpx.Response(200, json=done()),
        ]
    )
    collection_of(conn).generate_video("p", poll_interval=2)
    debug = [r.getMessage() for r in _lines(caplog, logging.DEBUG)]
    assert debug == [
        f"job {JOB} processing; next poll in 2.00 s",
        f"retrying GET {POLL} in 1.00 s (retry 1 of 2)",
        f"job {JOB} processing 40%; next poll in 2.00 s",
    ]
    info = [r.getMessage() for r in _lines(caplog, logging.INFO)]
    assert [line.split(" in ")[0] for line in info] == [
        f"POST {GEN} -> 200",
        f"GET {POLL} -> 503",
        f"GET {POLL} -> 200",
        f"GET {POLL} -> 200",
    ]


def test_the_key_is_in_no_record_at_any_level(
    api: respx.MockRouter,
    conn: videodb_gen.Connection,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: the SDK's, httpx's, httpcore's
    api.get("/collection/default").mock(
        side_effect=[httpx.Response(500, text=KEY[:4]), httpx.Response(200, json=COLLECTION)]
    )
    api.post(GEN).respond(json=accepted())
    api.get(POLL).mock(side_effect=[httpx.Response(200, json=b) for b in (running(5), done())])
    api.get("/collection/c-refused").respond(401, json={"success": False, "message": "no"})
    coll = conn.get_collection()
    coll.generate_video("p")
    with pytest.raises(videodb_gen.AuthenticationError):
        conn.get_collection("c-refused")
    sdk = [r for r in caplog.records if r.name == "videodb_gen"]
    assert len(sdk) >= 6
    for record in caplog.records:
        assert KEY not in record.getMessage()
        assert KEY not in repr(vars(record))


def test_the_key_is_in_no_record_against_the_sandbox(
    sandbox_url: str, api_key: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # here httpx and httpcore log through a real connection
    with videodb_gen.connect(api_key=api_key, base_url=sandbox_url) as conn:
        conn.get_collection().generate_video("a drone", poll_interval=0.05)
        with pytest.raises(videodb_gen.NotFoundError):
            conn.get_collection("c-none")
    assert any(r.name == "httpcore.http11" for r in caplog.records)
    assert any(getattr(r, "request_id", None) for r in caplog.records)
    for record in caplog.records:
        assert api_key not in record.getMessage()
        assert api_key not in repr(vars(record))


def test_nothing_is_made_for_a_line_when_logging_is_off(
    api: respx.MockRouter,
    conn: videodb_gen.Connection,
    monkeypatch: pytest.MonkeyPatch,
    sdk_logger: logging.Logger,
) -> None:
    sdk_logger.setLevel(logging.WARNING)

    def never(*args: object) -> None:
        raise AssertionError("a log line was made with logging off")

    monkeypatch.setattr(_logging, "where", never)
    api.get("/collection/default").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json=COLLECTION)]
    )
    assert conn.get_collection().id == "default"


@pytest.mark.parametrize(("value", "level"), [("debug", logging.DEBUG), (" INFO ", logging.INFO)])
def test_videodb_log_sets_a_stderr_handler_once(
    sdk_logger: logging.Logger,
    monkeypatch: pytest.MonkeyPatch,
    value: str,
    level: int,
) -> None:
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    before = len(sdk_logger.handlers)
    assert _logging.setup_from_env({"VIDEODB_LOG": value}) == level
    assert _logging.setup_from_env({"VIDEODB_LOG": value}) == level
    assert len(sdk_logger.handlers) == before + 1
    assert sdk_logger.level == level
    sdk_logger.info("hello %s", "there")
    assert "videodb_gen INFO] hello there" in stderr.getvalue()


@pytest.mark.parametrize("environ", [{}, {"VIDEODB_LOG": ""}, {"VIDEODB_LOG": "  "}])
def test_without_videodb_log_nothing_changes(
    sdk_logger: logging.Logger, environ: dict[str, str]
) -> None:
    handlers, level = list(sdk_logger.handlers), sdk_logger.level
    assert _logging.setup_from_env(environ) is None
    assert (sdk_logger.handlers, sdk_logger.level) == (handlers, level)


def test_another_value_is_ignored_with_a_warning(sdk_logger: logging.Logger) -> None:
    handlers = list(sdk_logger.handlers)
    with pytest.warns(RuntimeWarning, match=r"VIDEODB_LOG: must be one of debug, info, got 'loud'"):
        assert _logging.setup_from_env({"VIDEODB_LOG": "loud"}) is None
    assert sdk_logger.handlers == handlers


def test_videodb_log_in_a_program(sandbox_url: str, api_key: str) -> None:
    program = (
        "import videodb_gen\n"
        f"conn = videodb_gen.connect(base_url={sandbox_url!r})\n"
        "print(conn.get_collection().id)\n"
    )
    env = {**os.environ, "VIDEODB_LOG": "info", "VIDEO_DB_API_KEY": api_key}
    done_ = subprocess.run(  # noqa: S603 - this interpreter, this test's program
        [sys.executable, "-c", program],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done_.returncode == 0, done_.stderr
    assert done_.stdout == "default\n"
    assert "INFO] GET /collection/default -> 200 in " in done_.stderr
    assert ", request id req-" in done_.stderr
    assert api_key not in done_.stderr
