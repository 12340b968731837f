"""Strict mode: an answer that breaks the spec cannot go unnoticed."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.sandbox.conftest import MakeInProcess


async def test_a_response_that_breaks_the_spec_becomes_a_500_and_is_recorded(
    inprocess: MakeInProcess, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = await inprocess(job_seconds=0)
    job_id = (await box.generate()).json()["data"]["id"]
    real_video = box.sandbox.bodies.video

    def broken_video(job: Any) -> dict[str, Any]:
        return {**real_video(job), "id": "v-not-a-video", "length": "six"}

    monkeypatch.setattr(box.sandbox.bodies, "video", broken_video)
    with caplog.at_level(logging.ERROR, logger="videodb_mock"):
        response = await box.client.get(f"/async-response/{job_id}")
    assert response.status_code == 500
    body = response.json()
    assert body["success"] is False
    assert body["error_code"] == "spec_violation"
    assert "breaks the spec" in body["message"]
    assert "breaks the spec" in caplog.text
    recorded = (await box.client.get("/_sandbox/violations")).json()["violations"]
    assert recorded == [body["message"]]
    assert (await box.client.get("/_sandbox/stats")).json()["violations"] == 1
    box.sandbox.violations.clear()


async def test_without_strict_mode_nothing_is_checked(
    inprocess: MakeInProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = await inprocess(job_seconds=0, strict=False)
    monkeypatch.setattr(box.sandbox.bodies, "video", lambda job: {"id": "v-1"})
    job_id = (await box.generate()).json()["data"]["id"]
    assert (await box.client.get(f"/async-response/{job_id}")).status_code == 200
    assert box.sandbox.violations == []


async def test_every_normal_answer_passes_strict_mode(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=1)
    client = box.client
    answers = [
        await client.get("/collection/default"),
        await client.get("/collection/c-none"),
        await client.get("/collection/default", headers={"x-access-token": ""}),
        await box.generate(prompt="x", duration=8, callback_url=None),
        await client.post("/collection/default/generate/video", json={"prompt": 1}),
        await client.get("/async-response/job-none"),
        await client.get("/video/m-none"),
        await client.get("/video/m-none?collection_id="),
    ]
    job_id = answers[3].json()["data"]["id"]
    answers.append(await client.get(f"/async-response/{job_id}"))
    box.clock.advance(1)
    answers.append(await client.get(f"/async-response/{job_id}"))
    video_id = answers[-1].json()["data"]["id"]
    answers.append(await client.get(f"/video/{video_id}"))
    assert [a.status_code for a in answers] == [
        200,
        404,
        401,
        200,
        400,
        404,
        404,
        400,
        200,
        200,
        200,
    ]
    assert box.sandbox.violations == []


async def test_drop_in_process_raises(inprocess: MakeInProcess) -> None:
    from videodb_mock import ConnectionDropped

    box = await inprocess(job_seconds=0)
    with pytest.raises(ConnectionDropped):
        await box.client.get("/collection/default", headers={"x-mock-fault": "drop"})


async def test_an_unexpected_error_is_a_json_500_within_the_spec(
    inprocess: MakeInProcess, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    box = await inprocess(job_seconds=0)

    async def broken(call: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setitem(box.sandbox.operations, "getCollection", broken)
    with caplog.at_level(logging.ERROR, logger="videodb_mock"):
        response = await box.client.get("/collection/default")
    assert response.status_code == 500
    assert response.json() == {
        "success": False,
        "message": "Internal sandbox error: RuntimeError",
        "error_code": "internal_error",
    }
    assert "boom" in caplog.text
    assert box.sandbox.violations == []
