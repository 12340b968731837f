"""In-process sandboxes for the sandbox's tests: the ASGI app behind httpx, with a clock the
test moves."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import httpx
import pytest
import videodb_mock
from videodb_mock import SandboxConfig

from tests._servers import TEST_API_KEY

AUTH = {"x-access-token": TEST_API_KEY}
GENERATE = "/collection/default/generate/video/"


class FakeClock:
    """A monotonic clock that only moves when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class InProcess:
    """A sandbox app, an httpx client talking to it, and its clock."""

    def __init__(self, app: videodb_mock.SandboxApp, clock: FakeClock) -> None:
        self.app = app
        self.sandbox = app.sandbox
        self.clock = clock
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://sandbox.test", headers=AUTH
        )

    async def generate(self, **body: Any) -> httpx.Response:
        """POST a generation with `body` (default: a prompt and a duration of 6)."""
        return await self.client.post(GENERATE, json=body or {"prompt": "a drone", "duration": 6})

    async def aclose(self) -> None:
        await self.client.aclose()
        await self.sandbox.aclose()


MakeInProcess = Callable[..., Awaitable[InProcess]]
Kind = TypeVar("Kind", bound=InProcess)


@contextlib.asynccontextmanager
async def in_process_sandboxes(
    kind: type[Kind], **defaults: Any
) -> AsyncIterator[Callable[..., Awaitable[Kind]]]:
    """A maker of strict, seeded in-process sandboxes (`defaults` for their configuration,
    overridden per call; `renderer=` replaces the media renderer). On exit they are closed,
    and none may have answered against the spec."""
    made: list[Kind] = []

    async def make(renderer: Any = None, **options: Any) -> Kind:
        config = SandboxConfig(**{"strict": True, "seed": 7, **defaults, **options})
        clock = FakeClock()
        app = videodb_mock.create_app(
            config, base_url="http://sandbox.test", clock=clock, renderer=renderer
        )
        made.append(kind(app, clock))
        return made[-1]

    yield make
    for one in made:
        await one.aclose()
    for one in made:
        assert not one.sandbox.violations, one.sandbox.violations


@pytest.fixture
async def inprocess() -> AsyncIterator[MakeInProcess]:
    """Make in-process sandboxes: `await inprocess(job_seconds=10, finished_shape="wrapped")`."""
    async with in_process_sandboxes(InProcess) as make:
        yield make
