"""Request bodies are read strictly, and no request answered with an error leaves state behind."""

from __future__ import annotations

from typing import Any

import pytest

from tests.sandbox.conftest import GENERATE, MakeInProcess

JSON = {"content-type": "application/json"}


def _assert_400(answer: Any, *words: str) -> None:
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["success"] is False
    assert body["error_code"] == "invalid_request"
    for word in words:
        assert word in body["message"], body["message"]


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 1000 + b"]" * 1000,
        b'{"prompt": "a drone", "duration": 5, "extra": ' + b"[" * 1000 + b"]" * 1000 + b"}",
        b'{"prompt": "a drone", "extra": ' + b'{"a": ' * 200 + b"1" + b"}" * 200 + b"}",
    ],
    ids=["array", "in-a-property", "objects"],
)
async def test_deeply_nested_json_is_400(inprocess: MakeInProcess, body: bytes) -> None:
    box = await inprocess(job_seconds=0)
    answer = await box.client.post(GENERATE, content=body, headers=JSON)
    _assert_400(answer, "nested")
    assert len(box.sandbox.store) == 0


@pytest.mark.parametrize("media", ["off", "render"])
@pytest.mark.parametrize(
    "body",
    [
        b'{"prompt": "x \\ud800", "duration": 5}',
        b'{"prompt": "x \\udfff y", "duration": 5}',
        b'{"prompt": "x", "duration": 5, "\\ud800": 1}',
        b'{"prompt": "x \xed\xa0\x80", "duration": 5}',
    ],
    ids=["high", "low", "in-a-name", "utf-8-encoded"],
)
async def test_a_lone_surrogate_is_400_and_starts_no_job(
    inprocess: MakeInProcess, media: str, body: bytes
) -> None:
    box = await inprocess(job_seconds=0, media=media)
    answer = await box.client.post(GENERATE, content=body, headers=JSON)
    _assert_400(answer, "body")
    stats = (await box.client.get("/_sandbox/stats")).json()
    assert (stats["jobs"], stats["videos"]) == (0, 0)


async def test_a_surrogate_pair_is_one_character(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0, media="render")
    body = b'{"prompt": "a rocket \\ud83d\\ude80", "duration": 5}'
    answer = await box.client.post(GENERATE, content=body, headers=JSON)
    assert answer.status_code == 200, answer.text
    state = (await box.client.get(answer.json()["data"]["output_url"])).json()
    assert state["data"]["name"] == "a rocket \U0001f680"


async def test_an_answer_that_fails_after_the_work_leaves_nothing_behind(
    inprocess: MakeInProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever fails on the way to the answer, the job it would have started does not exist."""
    box = await inprocess(job_seconds=0)

    def broken(job: Any) -> dict[str, Any]:
        raise RuntimeError("the answer could not be made")

    monkeypatch.setattr(box.sandbox.bodies, "job_accepted", broken)
    answer = await box.generate(prompt="never started", callback_url="http://127.0.0.1:9/hook")
    assert answer.status_code == 500
    stats = (await box.client.get("/_sandbox/stats")).json()
    assert (stats["jobs"], stats["videos"], stats["callbacks"]["scheduled"]) == (0, 0, 0)
    monkeypatch.undo()
    assert (await box.generate()).status_code == 200
    assert len(box.sandbox.store) == 1


async def test_an_answer_that_breaks_the_spec_leaves_nothing_behind(
    inprocess: MakeInProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = await inprocess(job_seconds=0)
    real = box.sandbox.bodies.job_accepted

    def off_spec(job: Any) -> dict[str, Any]:
        return {**real(job), "success": "maybe"}

    monkeypatch.setattr(box.sandbox.bodies, "job_accepted", off_spec)
    answer = await box.generate()
    box.sandbox.violations.clear()
    assert answer.status_code == 500
    assert answer.json()["error_code"] == "spec_violation"
    assert len(box.sandbox.store) == 0
