"""A generation job's life: processing with a rising percentage, then done or failed."""

from __future__ import annotations

import httpx
import pytest

from tests._servers import TEST_API_KEY
from tests.sandbox.conftest import AUTH, GENERATE, MakeInProcess


async def test_job_runs_then_is_done_and_its_video_is_retrievable(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=10)
    started = await box.generate(prompt="A drone over a city", duration=6)
    assert started.status_code == 200
    accepted = started.json()
    assert accepted["success"] is True
    assert accepted["status"] == "processing"
    assert accepted["request_type"] == "sync"
    job_id = accepted["data"]["id"]
    assert job_id.startswith("job-")
    assert accepted["data"]["output_url"] == f"http://sandbox.test/async-response/{job_id}"

    seen = []
    for _ in range(4):
        polled = await box.client.get(f"/async-response/{job_id}")
        body = polled.json()
        assert polled.status_code == 200
        assert body["status"] == "processing"
        assert body["success"] is True
        assert body["data"] is not None
        seen.append(body["data"]["percentage"])
        assert int(polled.headers["retry-after"]) >= 1
        box.clock.advance(2.5)
    assert seen == sorted(seen)
    assert seen[0] < seen[-1] < 100

    box.clock.advance(10)
    done = await box.client.get(f"/async-response/{job_id}")
    body = done.json()
    assert done.status_code == 200
    assert "retry-after" not in done.headers
    assert body["success"] is True
    assert body["status"] == "done"
    video = body["data"]
    assert video["id"].startswith("m-")
    assert video["collection_id"] == "default"
    assert video["length"] == 6.0
    assert video["stream_url"].endswith(".m3u8")

    fetched = await box.client.get(f"/video/{video['id']}", params={"collection_id": "default"})
    assert fetched.status_code == 200
    assert fetched.json() == {"success": True, "data": video}


async def test_video_is_not_there_before_the_job_is_done(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=5)
    job_id = (await box.generate()).json()["data"]["id"]
    box.clock.advance(5)
    video_id = (await box.client.get(f"/async-response/{job_id}")).json()["data"]["id"]
    box.clock.now -= 1
    assert (await box.client.get(f"/video/{video_id}")).status_code == 404
    box.clock.advance(1)
    assert (await box.client.get(f"/video/{video_id}")).status_code == 200


async def test_retry_after_follows_the_remaining_time(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=30)
    job_id = (await box.generate()).json()["data"]["id"]
    polled = await box.client.get(f"/async-response/{job_id}")
    assert polled.headers["retry-after"] == "5"
    box.clock.advance(27.5)
    polled = await box.client.get(f"/async-response/{job_id}")
    assert polled.headers["retry-after"] == "3"
    box.clock.advance(2.4)
    polled = await box.client.get(f"/async-response/{job_id}")
    assert polled.headers["retry-after"] == "1"


async def test_failed_job_flat(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=2)
    started = await box.client.post(
        GENERATE, json={"prompt": "a drone"}, headers={"x-mock-fault": "fail"}
    )
    assert started.status_code == 200
    job_id = started.json()["data"]["id"]
    running = (await box.client.get(f"/async-response/{job_id}")).json()
    assert running["status"] == "processing"
    box.clock.advance(2)
    failed = await box.client.get(f"/async-response/{job_id}")
    assert failed.status_code == 200
    body = failed.json()
    assert body["success"] is False
    assert body["status"] == "failed"
    assert body["message"]


@pytest.mark.parametrize("shape", ["flat", "wrapped"])
@pytest.mark.parametrize("word", ["processing", "in progress"])
async def test_shapes_and_status_words(inprocess: MakeInProcess, shape: str, word: str) -> None:
    box = await inprocess(job_seconds=1, finished_shape=shape, running_status=word)
    job_id = (await box.generate()).json()["data"]["id"]
    failing_id = (
        await box.client.post(GENERATE, json={"prompt": "x"}, headers={"x-mock-fault": "fail"})
    ).json()["data"]["id"]

    running = (await box.client.get(f"/async-response/{job_id}")).json()
    assert running == {"success": True, "status": word, "data": {"percentage": 0}}

    box.clock.advance(1)
    done = (await box.client.get(f"/async-response/{job_id}")).json()
    failed = (await box.client.get(f"/async-response/{failing_id}")).json()
    if shape == "flat":
        assert done["status"] == "done"
        assert done["success"] is True
        video = done["data"]
        assert failed["success"] is False
        assert failed["message"]
    else:
        assert done["status"] == "complete"
        assert done["response"]["success"] is True
        video = done["response"]["data"]
        assert failed["status"] == "complete"
        assert failed["response"]["success"] is False
        assert failed["response"]["message"]
    assert video["id"].startswith("m-")


async def test_length_as_a_numeric_string(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0, length_format="string")
    job_id = (await box.generate(prompt="x", duration=8)).json()["data"]["id"]
    video = (await box.client.get(f"/async-response/{job_id}")).json()["data"]
    assert video["length"] == "8.0"


async def test_duration_defaults_to_the_specs_default(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0)
    job_id = (await box.generate(prompt="x")).json()["data"]["id"]
    video = (await box.client.get(f"/async-response/{job_id}")).json()["data"]
    assert video["length"] == 5.0


def test_lifecycle_over_http(sandbox_url: str) -> None:
    with httpx.Client(base_url=sandbox_url, headers=AUTH, timeout=10) as client:
        started = client.post(GENERATE, json={"prompt": "a drone", "duration": 7})
        assert started.status_code == 200
        output_url = started.json()["data"]["output_url"]
        assert output_url.startswith(sandbox_url)
        done = client.get(output_url, headers={"x-access-token": TEST_API_KEY}).json()
        assert done["status"] == "done"
        video = client.get(f"/video/{done['data']['id']}").json()["data"]
        assert video == done["data"]
        assert video["length"] == 7.0
