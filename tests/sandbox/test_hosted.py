"""Hosted models (`sandbox_id`): the generation hands over to a second job, polled at
`GET /job/{job_id}`, that makes the image or the voice as the sandbox makes any other."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from videodb_mock._state.faults import parse_faults

from tests.sandbox._receiver import Receiver
from tests.sandbox.conftest import MakeInProcess
from tests.sandbox.test_callbacks import assert_generation_result
from tests.sandbox.test_images import GENERATE_IMAGE, ImageBox, image_sandbox
from tests.sandbox.test_state_dir import Restarts

GENERATE_AUDIO = "/collection/default/generate/audio/"
BASE = "http://sandbox.test"
LIGHTHOUSE = {"prompt": "A lighthouse at dawn", "aspect_ratio": "16:9"}
VOICE = {"text": "Every morning the keeper climbs the stairs.", "audio_type": "voice"}


async def _finished(box: Any, answer: Any) -> dict[str, Any]:
    """The `data` of the finished generation job `answer` started."""
    assert answer.status_code == 200, answer.text
    state = (await box.client.get(answer.json()["data"]["output_url"])).json()
    assert state["status"] == "done", state
    data: dict[str, Any] = state["data"]
    return data


async def _download(box: ImageBox, kind: str, item: dict[str, Any]) -> bytes:
    """The file of `item` (an image or an audio), through its signed URL, without the key."""
    signed = await box.client.post(
        f"/{kind}/{item['id']}/generate_url", params={"collection_id": "default"}
    )
    assert signed.status_code == 200, signed.text
    download = await box.anonymous.get(signed.json()["data"]["signed_url"])
    assert download.status_code == 200, download.text
    return download.content


async def test_a_hosted_image_is_a_second_job_then_the_same_image() -> None:
    async with image_sandbox(job_seconds=4) as box:
        started = await box.client.post(GENERATE_IMAGE, json={**LIGHTHOUSE, "sandbox_id": "sb-1"})
        job_url = started.json()["data"]["output_url"]
        assert (await box.client.get(job_url)).json()["status"] == "processing"
        box.advance(4)
        hosted = await _finished(box, started)
        hosted_id = hosted["job_id"]
        assert hosted_id.startswith("hj-")
        assert hosted == {
            "job_id": hosted_id,
            "job_type": "image",
            "output_url": f"{BASE}/job/{hosted_id}",
            "status": "processing",
        }
        for waited, retry_after in ((0, "4"), (1, "3"), (2.5, "1")):
            box.advance(waited)
            running = await box.client.get(f"/job/{hosted_id}")
            assert running.status_code == 200, running.text
            assert running.json() == {
                "success": True,
                "status": "processing",
                "data": {"job_id": hosted_id, "job_type": "image", "status": "processing"},
            }
            assert running.headers["retry-after"] == retry_after
        box.advance(0.5)  # the hosted job took job_seconds too
        done = (await box.client.get(hosted["output_url"])).json()
        assert (done["success"], done["status"]) == (True, "done")
        image = done["data"]
        assert image["id"].startswith("img-")
        assert (image["name"], image["width"], image["height"]) == (LIGHTHOUSE["prompt"], 1024, 576)
        read = await box.client.get(f"/image/{image['id']}", params={"collection_id": "default"})
        assert read.json() == {"success": True, "data": image}
        # The generation job still answers the hosted job, as the official client reads it.
        assert (await box.client.get(job_url)).json()["data"] == hosted
        # Made as without sandbox_id: the same picture for the same prompt.
        plain = await box.client.post(GENERATE_IMAGE, json=LIGHTHOUSE)
        box.advance(4)
        plain_image = await _finished(box, plain)
        assert await _download(box, "image", image) == await _download(box, "image", plain_image)
        stats = (await box.client.get("/_sandbox/stats")).json()
        assert (stats["hosted_jobs"], stats["images"], stats["jobs"]) == (1, 2, 2)


async def test_the_image_of_a_hosted_job_is_not_there_before_it_is_done() -> None:
    async with image_sandbox(job_seconds=2) as box:
        started = await box.client.post(GENERATE_IMAGE, json={**LIGHTHOUSE, "sandbox_id": "sb"})
        box.advance(2)
        hosted_id = (await _finished(box, started))["job_id"]
        # The image's id is the one the finished hosted job will answer: not readable yet.
        job = box.sandbox.store.hosted(hosted_id)
        assert job is not None
        for path in (f"/image/{job.result_id}", f"/image/{job.result_id}/generate_url"):
            method = box.client.get if "generate_url" not in path else box.client.post
            assert (await method(path)).status_code == 404
        box.advance(2)
        assert (await box.client.get(f"/image/{job.result_id}")).status_code == 200


@pytest.mark.parametrize("audio_type", ["voice", "speech"])
async def test_a_hosted_voice_is_a_tts_job_then_the_same_audio(audio_type: str) -> None:
    async with image_sandbox(job_seconds=1) as box:
        body = {**VOICE, "audio_type": audio_type, "voice_name": "Keeper"}
        hosted_body = {**body, "sandbox_id": "sb-7", "model_name": "k2-fsa/OmniVoice"}
        started = await box.client.post(GENERATE_AUDIO, json=hosted_body)
        box.advance(1)
        hosted = await _finished(box, started)
        assert hosted["job_type"] == "tts"
        assert (await box.client.get(f"/job/{hosted['job_id']}")).json()["status"] == "processing"
        box.advance(1)
        done = (await box.client.get(f"/job/{hosted['job_id']}")).json()
        assert done["status"] == "done"
        audio = done["data"]
        assert audio["id"].startswith("a-")
        assert (audio["name"], audio["length"]) == (VOICE["text"], 2.8)  # 7 words, 150 a minute
        read = await box.client.get(f"/audio/{audio['id']}")
        assert read.json() == {"success": True, "data": audio}
        plain = await box.client.post(GENERATE_AUDIO, json=body)
        box.advance(1)
        plain_audio = await _finished(box, plain)
        assert await _download(box, "audio", audio) == await _download(box, "audio", plain_audio)


async def test_only_images_and_voices_go_to_a_hosted_model(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0)
    for body in (
        {"prompt": "Strings", "audio_type": "music", "sandbox_id": "sb-1"},
        {**VOICE, "sandbox_id": None},
        {**VOICE, "sandbox_id": ""},
    ):
        made = await _finished(box, await box.client.post(GENERATE_AUDIO, json=body))
        assert made["id"].startswith("a-"), made
    image = await _finished(box, await box.client.post(GENERATE_IMAGE, json={"prompt": "x"}))
    assert image["id"].startswith("img-")
    assert box.sandbox.stats()["hosted_jobs"] == 0


async def test_unknown_and_not_yet_started_hosted_jobs_are_404(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=5)
    unknown = await box.client.get("/job/hj-0123456789abcdef")
    assert unknown.status_code == 404
    assert unknown.json() == {
        "success": False,
        "message": "Job not found: hj-0123456789abcdef",
        "error_code": "not_found",
    }
    await box.client.post(GENERATE_IMAGE, json={"prompt": "x", "sandbox_id": "sb"})
    (job,) = box.sandbox.store._jobs.values()
    assert job.hosted_id is not None
    # Its id is drawn, but the hosted job starts only when the generation ends.
    assert (await box.client.get(f"/job/{job.hosted_id}")).status_code == 404
    box.clock.advance(5)
    assert (await box.client.get(f"/job/{job.hosted_id}")).status_code == 200
    # A generation job's id is not a hosted job's.
    assert (await box.client.get(f"/job/{job.id}")).status_code == 404


async def test_the_fail_hosted_fault_fails_the_hosted_job(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=1)
    fault = {"x-mock-fault": "fail-hosted"}
    for path, body, kind in (
        (GENERATE_IMAGE, {"prompt": "x", "sandbox_id": "sb"}, "image"),
        (GENERATE_AUDIO, {**VOICE, "sandbox_id": "sb"}, "audio"),
    ):
        started = await box.client.post(path, json=body, headers=fault)
        box.clock.advance(1)
        hosted = await _finished(box, started)  # the generation itself ends well
        assert (await box.client.get(f"/job/{hosted['job_id']}")).json()["status"] == "processing"
        box.clock.advance(1)
        failed = await box.client.get(f"/job/{hosted['job_id']}")
        assert failed.status_code == 200
        assert failed.json() == {
            "success": False,
            "status": "failed",
            "data": {},
            "message": f"The inference sandbox could not make the {kind}: the sandbox was "
            "asked to fail this hosted job.",
        }
        assert "retry-after" not in failed.headers
        job = box.sandbox.store.hosted(hosted["job_id"])
        assert job is not None
        assert (await box.client.get(f"/{kind}/{job.result_id}")).status_code == 404
    assert (box.sandbox.stats()["images"], box.sandbox.stats()["audio"]) == (0, 0)
    # Without sandbox_id the fault changes nothing.
    plain = await box.client.post(GENERATE_IMAGE, json={"prompt": "x"}, headers=fault)
    box.clock.advance(1)
    assert (await _finished(box, plain))["id"].startswith("img-")
    assert parse_faults("fail-hosted, 503").fail_hosted


async def test_a_failed_generation_has_no_hosted_job(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0)
    started = await box.client.post(
        GENERATE_IMAGE, json={"prompt": "x", "sandbox_id": "sb"}, headers={"x-mock-fault": "fail"}
    )
    state = (await box.client.get(started.json()["data"]["output_url"])).json()
    assert (state["success"], state["status"]) == (False, "failed")
    (job,) = box.sandbox.store._jobs.values()
    assert job.hosted_id is not None
    assert (await box.client.get(f"/job/{job.hosted_id}")).status_code == 404
    assert box.sandbox.stats()["hosted_jobs"] == 0


async def test_hosted_jobs_fail_at_a_server_wide_rate(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0, fault_rates={"fail-hosted": 1.0})
    started = await box.client.post(GENERATE_IMAGE, json={"prompt": "x", "sandbox_id": "sb"})
    hosted = await _finished(box, started)
    assert (await box.client.get(f"/job/{hosted['job_id']}")).json()["status"] == "failed"


async def test_the_wrapped_shape_and_the_callback_carry_the_hosted_job(
    inprocess: MakeInProcess, spec: dict[str, Any]
) -> None:
    box = await inprocess(job_seconds=0, finished_shape="wrapped", callback_backoff=0.01)
    with Receiver() as receiver:
        body = {"prompt": "x", "sandbox_id": "sb", "callback_url": f"{receiver.url}/hook"}
        started = await box.client.post(GENERATE_IMAGE, json=body)
        state = (await box.client.get(started.json()["data"]["output_url"])).json()
        assert state["status"] == "complete"
        hosted = state["response"]["data"]
        assert state["response"] == {"success": True, "data": hosted}
        assert hosted["job_type"] == "image"
        (delivery,) = await asyncio.to_thread(receiver.wait_for, 1)
    assert delivery.body == {"success": True, "data": hosted}
    assert_generation_result(spec, delivery.body)
    # getJob has one shape whatever the finished shape of generation jobs.
    assert (await box.client.get(f"/job/{hosted['job_id']}")).json()["status"] == "done"


async def test_hosted_jobs_expire_with_their_image(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=2, ttl_seconds=10)
    started = await box.client.post(GENERATE_IMAGE, json={"prompt": "x", "sandbox_id": "sb"})
    box.clock.advance(2)
    hosted_id = (await _finished(box, started))["job_id"]
    box.clock.advance(2 + 9.5)  # kept ttl seconds from the hosted job's end
    image = (await box.client.get(f"/job/{hosted_id}")).json()["data"]
    assert (await box.client.get(f"/image/{image['id']}")).status_code == 200
    box.clock.advance(0.5)
    assert (await box.client.get(f"/job/{hosted_id}")).status_code == 404
    assert (await box.client.get(f"/image/{image['id']}")).status_code == 404
    assert box.sandbox.stats()["hosted_jobs"] == 0


async def test_the_most_jobs_bound_drops_the_oldest_hosted_job(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0, max_jobs=2)
    ids = []
    for prompt in ("one", "two", "three"):
        started = await box.client.post(GENERATE_IMAGE, json={"prompt": prompt, "sandbox_id": "s"})
        ids.append((await _finished(box, started))["job_id"])
    statuses = [(await box.client.get(f"/job/{hosted_id}")).status_code for hosted_id in ids]
    assert statuses == [404, 200, 200]
    assert box.sandbox.stats()["hosted_jobs"] == 2


async def test_hosted_jobs_survive_a_restart(tmp_path: Path) -> None:
    runs = Restarts(tmp_path, job_seconds=10, ttl_seconds=100)
    async with runs.start() as client:
        started = await client.post(GENERATE_IMAGE, json={"prompt": "kept", "sandbox_id": "sb"})
        failing = await client.post(
            GENERATE_AUDIO,
            json={**VOICE, "sandbox_id": "sb"},
            headers={"x-mock-fault": "fail-hosted"},
        )
        runs.advance(10)
        hosted_id = (await client.get(started.json()["data"]["output_url"])).json()["data"][
            "job_id"
        ]
        failing_id = (await client.get(failing.json()["data"]["output_url"])).json()["data"][
            "job_id"
        ]
        runs.advance(5)
    async with runs.start() as client:
        assert (await client.get(f"/job/{hosted_id}")).json()["status"] == "processing"
        runs.advance(5)
        done = (await client.get(f"/job/{hosted_id}")).json()
        assert (done["status"], done["data"]["name"]) == ("done", "kept")
        assert (await client.get(f"/image/{done['data']['id']}")).status_code == 200
        assert (await client.get(f"/job/{failing_id}")).json()["status"] == "failed"
    runs.advance(101)
    async with runs.start() as client:
        assert (await client.get(f"/job/{hosted_id}")).status_code == 404


#: The jobs table as a state folder kept it before hosted jobs.
BEFORE_HOSTED_JOBS = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta VALUES ('started', 1);
CREATE TABLE jobs (
    number INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, video_id TEXT NOT NULL,
    collection_id TEXT NOT NULL, prompt TEXT NOT NULL, duration INTEGER NOT NULL,
    started_at REAL NOT NULL, ends_at REAL NOT NULL, failure TEXT, callback_url TEXT,
    callback_pending INTEGER NOT NULL, kind TEXT NOT NULL DEFAULT 'video',
    detail TEXT NOT NULL DEFAULT ''
);
"""


async def test_a_state_folder_from_before_hosted_jobs_is_brought_up_to_date(
    tmp_path: Path,
) -> None:
    runs = Restarts(tmp_path, job_seconds=1, ttl_seconds=100)
    with sqlite3.connect(tmp_path / "sandbox.sqlite3") as db:
        db.executescript(BEFORE_HOSTED_JOBS)
        ended = runs.wall.now - 10
        db.execute(
            "INSERT INTO jobs VALUES (0, 'job-old', 'img-0123456789abcdef', 'default', 'old', 0, "
            "?, ?, NULL, NULL, 0, 'image', '1:1')",
            (ended - 1, ended),
        )
    db.close()
    async with runs.start() as client:
        image = (await client.get("/image/img-0123456789abcdef")).json()["data"]
        assert (image["name"], image["width"]) == ("old", 1024)
        started = await client.post(GENERATE_IMAGE, json={"prompt": "new", "sandbox_id": "sb"})
        runs.advance(2)
        hosted = (await client.get(started.json()["data"]["output_url"])).json()["data"]
        assert (await client.get(f"/job/{hosted['job_id']}")).json()["status"] == "done"
