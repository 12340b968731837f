"""`--state-dir`: jobs, videos and rendered media survive a restart, and ids are never reused."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import videodb_mock
from videodb_mock import SandboxConfig

from tests._servers import free_port, running_server
from tests.conftest import SANDBOX_TEST_OPTIONS, assert_no_spec_violations, sandbox_command
from tests.sandbox._receiver import Receiver
from tests.sandbox.conftest import AUTH, GENERATE, FakeClock, MakeInProcess


async def _ids(make: MakeInProcess, count: int = 3, **options: Any) -> list[str]:
    """The job and video ids of `count` jobs on a new sandbox, closed afterwards."""
    box = await make(job_seconds=0, **options)
    ids = []
    for _ in range(count):
        job_id = (await box.generate()).json()["data"]["id"]
        ids += [job_id, (await box.client.get(f"/async-response/{job_id}")).json()["data"]["id"]]
    await box.aclose()
    return ids


async def test_ids_are_never_reused_across_restarts(
    inprocess: MakeInProcess, tmp_path: Path
) -> None:
    kept = str(tmp_path / "kept")
    first = await _ids(inprocess, seed=99, state_dir=kept)
    restarted = await _ids(inprocess, seed=99, state_dir=kept)
    assert not set(first) & set(restarted), "a restart handed out an id again"
    in_memory = [await _ids(inprocess, seed=99) for _ in range(2)]
    assert not set(in_memory[0]) & set(in_memory[1]), "a restart handed out an id again"
    assert not set(first) & set(in_memory[0])
    # A new state folder with the same seed gives the same ids, as a fresh start should.
    assert await _ids(inprocess, seed=99, state_dir=str(tmp_path / "fresh")) == first
    assert await _ids(inprocess, seed=100, state_dir=str(tmp_path / "other")) != first
    assert all(len(set(ids)) == len(ids) for ids in (first, restarted, *in_memory))


class Restarts:
    """In-process sandboxes started one after another on one state folder, with a wall clock
    the test moves (and a monotonic clock of each start's own, moved with it)."""

    def __init__(self, state_dir: Path, **options: Any) -> None:
        self.config = SandboxConfig(state_dir=str(state_dir), strict=True, **options)
        self.wall = FakeClock(1_800_000_000.0)
        self.monotonic = FakeClock()
        self.app: videodb_mock.SandboxApp | None = None

    @contextlib.asynccontextmanager
    async def start(self) -> AsyncIterator[httpx.AsyncClient]:
        """A new sandbox, stopped when the block ends."""
        self.monotonic = FakeClock(self.monotonic.now + 12345.0)
        self.app = app = videodb_mock.create_app(
            self.config, base_url="http://sandbox.test", clock=self.monotonic, wall_clock=self.wall
        )
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://sandbox.test", headers=AUTH
        ) as client:
            try:
                yield client
            finally:
                await app.sandbox.aclose()
        assert not app.sandbox.violations, app.sandbox.violations

    def advance(self, seconds: float) -> None:
        self.wall.advance(seconds)
        self.monotonic.advance(seconds)


async def test_jobs_and_videos_survive_a_restart_at_their_own_age(tmp_path: Path) -> None:
    """A job keeps its end and its expiry on the wall clock, whatever happens in between."""
    runs = Restarts(tmp_path, job_seconds=10, ttl_seconds=100)
    body = {"prompt": "kept", "duration": 6, "callback_url": None}
    async with runs.start() as client:
        job = (await client.post(GENERATE, json=body)).json()["data"]
        fault = {"x-mock-fault": "fail"}
        failed = (await client.post(GENERATE, json=body, headers=fault)).json()["data"]
        runs.advance(4)
        assert (await client.get(job["output_url"])).json()["data"] == {"percentage": 40}

    runs.advance(3)  # the sandbox was stopped for 3 s
    async with runs.start() as client:
        state = (await client.get(job["output_url"])).json()
        assert state == {"success": True, "status": "processing", "data": {"percentage": 70}}
        runs.advance(3)
        video = (await client.get(job["output_url"])).json()["data"]
        assert video["name"] == "kept"
        assert video["length"] == 6.0
        assert (await client.get(f"/video/{video['id']}")).json()["data"] == video
        assert (await client.get(failed["output_url"])).json()["status"] == "failed"

    runs.advance(101)  # expired while the sandbox was stopped
    async with runs.start() as client:
        assert (await client.get(job["output_url"])).status_code == 404
        assert (await client.get(f"/video/{video['id']}")).status_code == 404
        assert runs.app is not None
        assert len(runs.app.sandbox.store) == 0


async def test_a_callback_not_delivered_before_a_restart_is_delivered_after(
    tmp_path: Path,
) -> None:
    runs = Restarts(tmp_path, job_seconds=60, callback_backoff=0.01)
    with Receiver() as receiver:
        hook = f"{receiver.url}/hook"
        async with runs.start() as client:
            body = {"prompt": "called back after a restart", "callback_url": hook}
            await client.post(GENERATE, json=body)
            runs.advance(30)
        assert receiver.deliveries == [], "stopped before the job ended"
        runs.advance(60)
        async with runs.start() as client:
            await client.get("/_sandbox/health")
            (delivery,) = await asyncio.to_thread(receiver.wait_for, 1)
            assert delivery.body["data"]["name"] == "called back after a restart"
            async with asyncio.timeout(10):
                while runs.app is not None and runs.app.sandbox.callbacks.pending:  # noqa: ASYNC110
                    await asyncio.sleep(0.02)
        async with runs.start() as client:
            await client.get("/_sandbox/health")
            await asyncio.sleep(0.2)
        assert len(receiver.deliveries) == 1, "a delivered callback is not delivered again"


def test_a_restarted_sandbox_serves_what_it_served(tmp_path: Path) -> None:
    state = tmp_path / "state"
    options = (*SANDBOX_TEST_OPTIONS, "--job-seconds", "0", "--media", "render")
    log = tmp_path / "sandbox.log"

    def run(port: int) -> Any:
        command = sandbox_command(port, *options, "--state-dir", str(state))
        return running_server(command, f"http://127.0.0.1:{port}/_sandbox/health", log_path=log)

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with run(port), httpx.Client(base_url=url, headers=AUTH, timeout=30) as client:
        job = client.post(GENERATE, json={"prompt": "after a restart", "duration": 5}).json()
        video = client.get(job["data"]["output_url"]).json()["data"]
        segment = client.get(video["stream_url"].replace("stream.m3u8", "seg000.ts"))
        assert segment.status_code == 200
        assert_no_spec_violations(url)
    assert (state / "media").is_dir()
    with run(port), httpx.Client(base_url=url, headers=AUTH, timeout=30) as client:
        assert client.get(job["data"]["output_url"]).json()["data"] == video
        assert client.get(f"/video/{video['id']}").json()["data"] == video
        again = client.get(video["stream_url"].replace("stream.m3u8", "seg000.ts"))
        assert again.content == segment.content
        assert client.get("/_sandbox/stats").json()["media"]["rendered"] == 0, "kept on disk"
        new = client.post(GENERATE, json={"prompt": "after a restart", "duration": 5}).json()
        assert new["data"]["id"] != job["data"]["id"]
        assert_no_spec_violations(url)
