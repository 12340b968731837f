"""Fixtures for the batch tests: an API faked in-process (jobs, in-flight counts, 429s and
failures on demand), and the command run in-process or as a subprocess."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
import videodb_gen
from videodb_gen.cli import main

from tests._servers import ROOT

BASE = "https://api.example.test"
KEY = "sk-batch-0123456789"
VIDEODB_GEN = str(Path(sys.executable).with_name("videodb-gen"))


@attrs.define
class FakeAPI:
    """The generation API, faked: each start makes a job that is done at its first poll.

    Attributes:
        started: The prompts (or texts) of the jobs started, in order.
        in_flight: Requests being answered now; `peaks` records it as each one arrives.
        throttle: Answer this many starts 429 (`Retry-After: retry_after`) first.
        refuse: Answer starts whose prompt holds this with a 402.
        hang_up: Starts whose prompt holds this get no answer (a read timeout): the job is
            started, the client never hears of it.
        fail: Jobs whose prompt holds this fail.
        unreadable: Jobs whose prompt holds this end with a video the SDK refuses (a length
            below zero).
        bad_id: Jobs whose prompt holds this end with a video id without its ``m-``.
        garbled: Polls of jobs whose prompt holds this answer 200 with a body that is not JSON.
        latency: Seconds each request takes.
        polled: The prompt (or text) of each job polled, in order.
    """

    started: list[str] = attrs.Factory(list)
    in_flight: int = 0
    peaks: list[tuple[str, int]] = attrs.Factory(list)
    throttle: int = 0
    retry_after: str = "0"
    refuse: str | None = None
    hang_up: str | None = None
    fail: str | None = None
    unreadable: str | None = None
    bad_id: str | None = None
    garbled: str | None = None
    latency: float = 0.0
    polled: list[str] = attrs.Factory(list)
    jobs: dict[str, str] = attrs.Factory(dict)

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.in_flight += 1
        self.peaks.append((request.method, self.in_flight))
        try:
            await asyncio.sleep(self.latency)
            return self._answer(request)
        finally:
            self.in_flight -= 1

    def _answer(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.startswith("/collection/") and request.method == "GET":
            return httpx.Response(200, json={"success": True, "data": {"id": "default"}})
        if request.method == "POST":
            return self._start(request, json.loads(request.content))
        job_id = path.rsplit("/", 1)[-1]
        what = self.jobs.get(job_id)
        self.polled.append(what or job_id)
        if what is None:
            return httpx.Response(404, json={"success": False, "message": "no such job"})
        if self.fail and self.fail in what:
            return httpx.Response(
                200, json={"success": False, "status": "failed", "message": "boom"}
            )
        if self.garbled and self.garbled in what:
            return httpx.Response(200, text="<html>a proxy's page</html>")
        n = list(self.jobs).index(job_id)
        video = {"id": f"m-{n:04d}", "stream_url": f"{BASE}/{n}.m3u8", "name": what, "length": 5}
        if self.unreadable and self.unreadable in what:
            video["length"] = -1
        if self.bad_id and self.bad_id in what:
            video["id"] = f"x-{n:04d}"
        return httpx.Response(200, json={"success": True, "status": "done", "data": video})

    def _start(self, request: httpx.Request, body: dict[str, Any]) -> httpx.Response:
        what = str(body.get("prompt") or body.get("text"))
        if self.throttle > 0:
            self.throttle -= 1
            headers = {"Retry-After": self.retry_after}
            refused = {"success": False, "message": "too many requests"}
            return httpx.Response(429, headers=headers, json=refused)
        if self.refuse and self.refuse in what:
            return httpx.Response(402, json={"success": False, "message": "no credits"})
        job_id = f"job-{len(self.jobs):016x}"
        self.jobs[job_id] = what
        self.started.append(what)
        if self.hang_up and self.hang_up in what:
            raise httpx.ReadTimeout("no answer", request=request)
        data = {"id": job_id, "output_url": f"{BASE}/async-response/{job_id}"}
        return httpx.Response(200, json={"success": True, "status": "processing", "data": data})


@pytest.fixture
def api() -> FakeAPI:
    return FakeAPI()


Connect = Callable[[], contextlib.AbstractAsyncContextManager[videodb_gen.AsyncConnection]]


@pytest.fixture
def connect(api: FakeAPI) -> Connect:
    """An async connection to the fake API."""

    @contextlib.asynccontextmanager
    async def connected() -> AsyncIterator[videodb_gen.AsyncConnection]:
        client = httpx.AsyncClient(transport=httpx.MockTransport(api))
        async with client, videodb_gen.connect_async(KEY, BASE, http_client=client) as conn:
            yield conn

    return connected


def rows(state: Path) -> dict[str, dict[str, Any]]:
    """The state database's rows by key."""
    with contextlib.closing(sqlite3.connect(state)) as db:
        db.row_factory = sqlite3.Row
        found = db.execute("SELECT * FROM jobs ORDER BY created").fetchall()
    return {row["key"]: dict(row) for row in found}


def results_file(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


@attrs.frozen
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own key or base URL."""
    monkeypatch.delenv("VIDEO_DB_API_KEY", raising=False)
    monkeypatch.delenv("VIDEO_DB_BASE_URL", raising=False)


Cli = Callable[..., Result]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run `videodb-gen` in-process; a SystemExit counts as its exit code."""

    def run(*argv: str) -> Result:
        try:
            code = main(list(argv))
        except SystemExit as exited:
            code = int(exited.code or 0)
        out, err = capsys.readouterr()
        return Result(int(code), out, err)

    return run


def batch_command(*args: str) -> list[str]:
    return [VIDEODB_GEN, "batch", *args]


def environ() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("VIDEO_DB_")}


def run_batch(*args: str, timeout: float = 120) -> Result:
    """Run `videodb-gen batch` as a subprocess and wait for it."""
    done = subprocess.run(  # noqa: S603 - the suite's own command
        batch_command(*args),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=ROOT,
        env=environ(),
    )
    return Result(done.returncode, done.stdout, done.stderr)


def stats(url: str) -> dict[str, Any]:
    answer: dict[str, Any] = httpx.get(f"{url}/_sandbox/stats", timeout=10).json()
    return answer
