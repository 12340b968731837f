"""Fixtures for the SDK's tests: a fake clock, a clean environment, answers to mock with."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any, overload

import pytest
import respx
import videodb_gen
from videodb_gen import _clock
from videodb_gen._results import JobState

KEY = "sk-unit-9f8e7d6c5b4a39281706"
BASE = "https://api.videodb.io"
JOB = "job-5b1c0a3e9d2f4e67"

VIDEO: dict[str, Any] = {
    "id": "m-z3f8a6c1b2d4e5f6",
    "collection_id": "default",
    "name": "A drone flying over a futuristic city",
    "description": None,
    "stream_url": "https://stream.videodb.io/v3/published/manifests/5f1a2b3c.m3u8",
    "player_url": "https://console.videodb.io/player?url=x",
    "thumbnail_url": "https://assets.videodb.io/thumbnails/m-z3f8a6c1b2d4e5f6.jpg",
    "length": 6.0,
    "created_at": "2026-11-25T10:00:00Z",
}
COLLECTION = {
    "success": True,
    "data": {"id": "default", "name": "Default Collection", "is_public": False, "owner": "u-1"},
}


def accepted(output_url: str = f"{BASE}/async-response/{JOB}", **extra: Any) -> dict[str, Any]:
    """The answer to starting a generation."""
    return {
        "success": True,
        "status": "processing",
        "data": {"id": JOB, "output_url": output_url},
        **extra,
    }


def running(percentage: float | None = None, status: str = "processing") -> dict[str, Any]:
    """A poll answer for a running job."""
    data = {} if percentage is None else {"percentage": percentage}
    return {"success": True, "status": status, "data": data}


def done(video: dict[str, Any] | None = None) -> dict[str, Any]:
    """A poll answer for a finished job, flat shape."""
    return {"success": True, "status": "done", "data": video or VIDEO}


def complete(video: dict[str, Any] | None = None) -> dict[str, Any]:
    """A poll answer for a finished job, wrapped shape."""
    return {"status": "complete", "response": {"success": True, "data": video or VIDEO}}


@overload
def collection_of(
    conn: videodb_gen.Connection, collection_id: str = ...
) -> videodb_gen.Collection: ...
@overload
def collection_of(
    conn: videodb_gen.AsyncConnection, collection_id: str = ...
) -> videodb_gen.AsyncCollection: ...
def collection_of(conn: Any, collection_id: str = "default") -> Any:
    """A handle on a collection of `conn` (sync or async) without asking the API for it."""
    if isinstance(conn, videodb_gen.Connection):
        return videodb_gen.Collection(id=collection_id, engine=conn._engine)
    return videodb_gen.AsyncCollection(id=collection_id, engine=conn._engine)


@overload
def job_of(
    conn: videodb_gen.Connection, job_id: str, started_at: float | None = ...
) -> videodb_gen.GenerationJob[Any]: ...
@overload
def job_of(
    conn: videodb_gen.AsyncConnection, job_id: str, started_at: float | None = ...
) -> videodb_gen.AsyncGenerationJob[Any]: ...
def job_of(conn: Any, job_id: str, started_at: float | None = None) -> Any:
    """A handle on a running job of `conn` (sync or async) without asking the API for it."""
    return conn._engine.job(JobState(id=job_id, status="processing"), started_at)


class FakeClock:
    """Stands in for `videodb_gen._clock`: time moves only when the SDK sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)
        await asyncio.sleep(0)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own key or base URL."""
    monkeypatch.delenv("VIDEO_DB_API_KEY", raising=False)
    monkeypatch.delenv("VIDEO_DB_BASE_URL", raising=False)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(_clock, "monotonic", fake.monotonic)
    monkeypatch.setattr(_clock, "sleep", fake.sleep)
    monkeypatch.setattr(_clock, "async_sleep", fake.async_sleep)
    return fake


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    """Every request is mocked; one that matches no route fails the test."""
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


@pytest.fixture
def conn(api: respx.MockRouter, clock: FakeClock) -> Iterator[videodb_gen.Connection]:
    with videodb_gen.connect(api_key=KEY) as connection:
        yield connection


@pytest.fixture
async def aconn(api: respx.MockRouter, clock: FakeClock) -> Any:
    async with videodb_gen.connect_async(api_key=KEY) as connection:
        yield connection
