"""Helpers for the media tests: sandboxes that render, in-process ones with a test clock and
a renderer the test controls, and a way to wait for a video."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from videodb_mock._media.pool import RenderFailed
from videodb_mock._media.render import Picture, render_part

from tests.conftest import SandboxFactory
from tests.sandbox.conftest import AUTH, GENERATE, InProcess, in_process_sandboxes

RENDER = ("--media", "render")


def finished_video(url: str, prompt: str, duration: int, timeout: float = 60.0) -> dict[str, Any]:
    """Generate a video on the sandbox at `url` and poll until it is done; its data."""
    with httpx.Client(base_url=url, headers=AUTH, timeout=10) as client:
        job = client.post(GENERATE, json={"prompt": prompt, "duration": duration}).json()["data"]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = client.get(job["output_url"]).json()
            if state["status"] == "done":
                return state["data"]  # type: ignore[no-any-return]
            assert state["status"] == "processing", state
            time.sleep(0.05)
    raise AssertionError(f"video {prompt!r} not done after {timeout} s")


@pytest.fixture
def rendering(start_sandbox: SandboxFactory, tmp_path: Path) -> Callable[..., str]:
    """Start a strict sandbox that renders media into `tmp_path/media`, with more options."""

    def start(*options: str) -> str:
        return start_sandbox(*RENDER, "--media-dir", str(tmp_path / "media"), *options)

    return start


class GatedRenderer:
    """The real renderer in a thread, each render held half way until the test opens the
    gate; counts its calls. A `Renderer`, as the sandbox's worker processes are."""

    def __init__(self, fail: bool = False) -> None:
        self.calls = 0
        self.warmed = 0
        self.halfway = threading.Event()
        self.gate = threading.Event()
        self.fail = fail

    def _render(self, picture: Picture, name: str, path: Path) -> None:
        self.halfway.set()
        if not self.gate.wait(30):
            raise TimeoutError("the test never opened the gate")
        if self.fail:
            raise RenderFailed("the encoder ran out of pixels")
        render_part(picture, name, path)

    async def render(self, picture: Picture, name: str, path: Path) -> None:
        self.calls += 1
        await asyncio.to_thread(self._render, picture, name, path)

    def warm(self) -> None:
        self.warmed += 1

    async def aclose(self) -> None:
        self.gate.set()


class Box(InProcess):
    """An in-process sandbox with a test clock, and what the media tests do with it."""

    async def start(self, prompt: str = "a drone", duration: int = 5) -> str:
        """Start a job; its output URL."""
        answer = await self.client.post(GENERATE, json={"prompt": prompt, "duration": duration})
        assert answer.status_code == 200, answer.text
        return str(answer.json()["data"]["output_url"])

    async def poll(self, output_url: str) -> dict[str, Any]:
        """The job's state, as polled."""
        answer = await self.client.get(output_url)
        assert answer.status_code == 200, answer.text
        return answer.json()  # type: ignore[no-any-return]

    async def until_done(self, output_url: str) -> dict[str, Any]:
        """Poll until the job is no longer processing (30 s at most); its last state."""
        async with asyncio.timeout(30):
            # Polling is what a client of the API does.
            while (state := await self.poll(output_url))["status"] == "processing":  # noqa: ASYNC110
                await asyncio.sleep(0.02)
        return state

    def media_url(self, state: dict[str, Any], name: str) -> str:
        """The URL of the file `name` of a finished job's video."""
        return str(state["data"]["stream_url"]).replace("stream.m3u8", name)


MakeBox = Callable[..., Awaitable[Box]]


@pytest.fixture
async def box(tmp_path: Path) -> AsyncIterator[MakeBox]:
    """Make in-process rendering sandboxes: `await box(job_seconds=5, renderer=GatedRenderer())`.

    They are strict and keep media in `tmp_path/media` unless told otherwise; after the
    test, none may have answered against the spec.
    """
    async with in_process_sandboxes(
        Box, media="render", media_dir=str(tmp_path / "media"), job_seconds=0
    ) as make:
        yield make
