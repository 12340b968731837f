"""The SDK against the stateful sandbox: real job lifecycles, faults injected by header."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import videodb_gen as videodb

pytestmark = pytest.mark.sandbox

SandboxFactory = Callable[..., str]


def _faults(rules: dict[tuple[str, str], list[str]]) -> Callable[[httpx.Request], None]:
    """A request hook that sends `x-mock-fault` values, in turn, on (method, path kind);
    an empty value sends none."""

    def hook(request: httpx.Request) -> None:
        kind = request.url.path.strip("/").split("/")[0]
        queue = rules.get((request.method, kind))
        fault = queue.pop(0) if queue else ""
        if fault:
            request.headers["x-mock-fault"] = fault

    return hook


def _stats(url: str) -> dict[str, Any]:
    stats: dict[str, Any] = httpx.get(f"{url}/_sandbox/stats").json()
    return stats


def test_a_job_is_noticed_soon_after_it_ends(start_sandbox: SandboxFactory, api_key: str) -> None:
    url = start_sandbox("--job-seconds", "2")
    polls: list[httpx.Request] = []

    def count(request: httpx.Request) -> None:
        if request.url.path.startswith("/async-response/"):
            polls.append(request)

    with httpx.Client(event_hooks={"request": [count]}) as client:
        coll = videodb.connect(api_key, url, http_client=client).get_collection()
        started = time.monotonic()
        video = coll.generate_video("A drone flying over a futuristic city", duration=6)
        lag = time.monotonic() - started - 2.0
    assert isinstance(video, videodb.Video)
    assert video.id.startswith("m-")
    assert video.stream_url.endswith(".m3u8")
    assert lag < 0.5
    assert len(polls) <= 6


def test_faults_meet_the_retry_rules(start_sandbox: SandboxFactory, api_key: str) -> None:
    url = start_sandbox()
    rules = {
        ("POST", "collection"): ["503,retry-after=0", "", "drop", "500"],
        ("GET", "async-response"): ["500", "", "malformed"],
    }
    with httpx.Client(event_hooks={"request": [_faults(rules)]}) as client:
        coll = videodb.connect(api_key, url, http_client=client).get_collection()
        job = coll.generate_video("p", wait=False)  # 503 with Retry-After, then accepted
        assert isinstance(job, videodb.GenerationJob)
        assert _stats(url)["jobs"] == 1
        with pytest.raises(videodb.APIConnectionError):
            coll.generate_video("p", wait=False)  # dropped: it may have started, no retry
        with pytest.raises(videodb.InternalServerError):
            coll.generate_video("p", wait=False)  # 500 on a start: not retried
        assert not rules[("POST", "collection")]
        assert _stats(url)["jobs"] == 1
        assert job.refresh().status == "done"  # 500 on a poll: retried
        assert job.refresh().status == "done"  # a truncated body on a poll: a read, retried
        assert not rules[("GET", "async-response")]


def test_a_failing_job_raises_with_its_id(start_sandbox: SandboxFactory, api_key: str) -> None:
    url = start_sandbox("--job-seconds", "0.3")
    rules = {("POST", "collection"): ["fail"]}
    with httpx.Client(event_hooks={"request": [_faults(rules)]}) as client:
        coll = videodb.connect(api_key, url, http_client=client).get_collection()
        with pytest.raises(videodb.GenerationFailedError) as info:
            coll.generate_video("p")
    assert info.value.job_id.startswith("job-")
    assert info.value.message


async def test_many_async_generations_overlap(start_sandbox: SandboxFactory, api_key: str) -> None:
    import asyncio

    url = start_sandbox("--job-seconds", "1")
    async with videodb.connect_async(api_key, url) as conn:
        coll = await conn.get_collection()
        started = time.monotonic()
        videos = await asyncio.gather(*(coll.generate_video("p") for _ in range(20)))
        elapsed = time.monotonic() - started
    assert all(isinstance(v, videodb.AsyncVideo) for v in videos)
    assert len({v.id for v in videos if isinstance(v, videodb.AsyncVideo)}) == 20
    assert elapsed < 2.5, elapsed  # one after another they would take 20 s
