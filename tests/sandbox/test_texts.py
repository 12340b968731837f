"""Generated texts: made up, the same for the same request, as a job or at once."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

from tests.sandbox._receiver import Receiver
from tests.sandbox.conftest import AUTH, InProcess, MakeInProcess
from tests.sandbox.test_callbacks import assert_generation_result

GENERATE_TEXT = "/collection/default/generate/text/"


async def _output(box: InProcess, **body: Any) -> Any:
    """The output of a text generation with `body`, polled to the end if it is a job."""
    answer = await box.client.post(GENERATE_TEXT, json=body)
    assert answer.status_code == 200, answer.text
    if "output" in answer.json()["data"]:
        return answer.json()["data"]["output"]
    state = (await box.client.get(answer.json()["data"]["output_url"])).json()
    assert state["status"] == "done", state
    return state["data"]["output"]


async def test_a_text_job_ends_with_its_output(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=3)
    started = await box.client.post(GENERATE_TEXT, json={"prompt": "A tagline for coffee"})
    assert started.json()["status"] == "processing"
    assert started.json()["data"]["id"].startswith("job-")
    running = (await box.client.get(started.json()["data"]["output_url"])).json()
    assert running["status"] == "processing"
    box.clock.advance(3)
    done = (await box.client.get(started.json()["data"]["output_url"])).json()
    assert done["status"] == "done"
    assert set(done["data"]) == {"output"}
    output = done["data"]["output"]
    assert isinstance(output, str)
    assert output.endswith(".")
    assert len(output.split()) == 24, "24 words without max_tokens"
    stats = (await box.client.get("/_sandbox/stats")).json()
    assert stats["texts"] == {"jobs": 1, "at_once": 0}


async def test_the_answer_has_at_most_max_tokens_words(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0)
    for max_tokens in (1, 5, 57):
        output = await _output(box, prompt="count my words", max_tokens=max_tokens)
        assert len(output.split()) == max_tokens
    # 3.0 is an integer in JSON Schema: it is accepted, as 3.
    assert len((await _output(box, prompt="count my words", max_tokens=3.0)).split()) == 3
    long = await _output(box, prompt="count my words", max_tokens=10**9)
    assert 24 < len(long.split()) <= 1000


async def test_json_answers_are_an_object(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0)
    body = {"prompt": "Three names for a coffee brand", "response_type": "json", "max_tokens": 7}
    output = await _output(box, model_name="pro", **body)
    assert set(output) == {"text", "words", "model"}
    assert (output["words"], output["model"]) == (7, "pro")
    assert len(output["text"].split()) == 7
    assert json.loads(json.dumps(output)) == output


async def test_the_same_request_gets_the_same_answer(inprocess: MakeInProcess) -> None:
    first, second = await inprocess(job_seconds=0, seed=1), await inprocess(job_seconds=0, seed=2)
    body = {"prompt": "A tagline for a lighthouse café", "temperature": 1.5}
    assert await _output(first, **body) == await _output(second, **body)
    assert await _output(first, **body) != await _output(first, prompt="Another prompt entirely")
    assert await _output(first, **body) != await _output(first, model_name="ultra", **body)


async def test_a_hosted_models_id_is_a_model_name_like_any(inprocess: MakeInProcess) -> None:
    first, second = await inprocess(job_seconds=0, seed=1), await inprocess(job_seconds=0, seed=2)
    body = {"prompt": "A tagline for a lighthouse café", "model_name": "Qwen/Qwen3.5-9B"}
    text = await _output(first, **body)
    assert text == await _output(second, **body), "the same request, the same text"
    assert len(text.split()) == 24
    assert text != await _output(first, **{**body, "model_name": "basic"})
    hosted = {**body, "sandbox_id": "sb-1", "model_config": {"top_p": 0.9}}
    assert await _output(first, **hosted) == text, "sandbox_id and model_config change nothing"
    output = await _output(first, **body, response_type="json", max_tokens=4)
    assert (output["model"], output["words"]) == ("Qwen/Qwen3.5-9B", 4)


async def test_the_answer_at_once(inprocess: MakeInProcess) -> None:
    box = await inprocess(text_answer="at-once")
    answer = await box.client.post(
        GENERATE_TEXT.rstrip("/"), json={"prompt": "now", "max_tokens": 3}
    )
    body = answer.json()
    assert set(body) == {"success", "data"}
    assert body["success"] is True
    assert len(body["data"]["output"].split()) == 3
    assert len(box.sandbox.store) == 0, "no job was started"
    failed = await box.client.post(
        GENERATE_TEXT, json={"prompt": "now"}, headers={"x-mock-fault": "fail"}
    )
    assert failed.status_code == 422
    assert failed.json()["error_code"] == "generation_failed"
    stats = (await box.client.get("/_sandbox/stats")).json()
    assert stats["texts"] == {"jobs": 0, "at_once": 1}


async def test_the_official_clients_fields_are_accepted(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0)
    body = {
        "prompt": "all fields",
        "model_name": "basic",
        "response_type": "text",
        "callback_url": None,
        "sandbox_id": None,
        "max_tokens": None,
        "temperature": None,
        "model_config": None,
    }
    assert len((await _output(box, **body)).split()) == 24
    assert await _output(box, **{**body, "sandbox_id": "sb-1", "model_config": {"a": 1}})


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"prompt": "x", "response_type": "xml"}, "response_type"),
        ({"prompt": "x", "model_name": ""}, "model_name"),
        ({"prompt": "x", "model_name": "m" * 257}, "model_name"),
        ({"prompt": "x", "max_tokens": 0}, "max_tokens"),
        ({"prompt": "x", "max_tokens": 2.5}, "max_tokens"),
        ({"prompt": "x", "temperature": 3}, "temperature"),
        ({"prompt": ""}, "prompt"),
        ({"prompt": "x" * 262145}, "prompt"),
    ],
)
async def test_bad_input_is_a_400_naming_the_field(
    inprocess: MakeInProcess, body: dict[str, Any], field: str
) -> None:
    box = await inprocess(job_seconds=0)
    answer = await box.client.post(GENERATE_TEXT, json=body)
    assert answer.status_code == 400, answer.text
    assert field in answer.json()["message"]
    assert len(box.sandbox.store) == 0


async def test_the_longest_prompt_fits_even_escaped(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0)
    prompt = "é" * 262144
    content = json.dumps({"prompt": prompt, "max_tokens": 4})  # \u00e9: 6 bytes a character
    assert len(content) > 1_500_000
    headers = {"content-type": "application/json"}
    answer = await box.client.post(GENERATE_TEXT, content=content, headers=headers)
    assert answer.status_code == 200, answer.text[:300]
    too_big = json.dumps({"prompt": "x", "pad": " " * (2 * 1024 * 1024)})
    refused = await box.client.post(GENERATE_TEXT, content=too_big, headers=headers)
    assert refused.status_code == 400
    assert "larger than 2097152 bytes" in refused.json()["message"]


async def test_a_callback_delivers_the_text(inprocess: MakeInProcess, spec: dict[str, Any]) -> None:
    box = await inprocess(job_seconds=0, callback_backoff=0.01)
    with Receiver() as receiver:
        body = {"prompt": "called back", "response_type": "json", "callback_url": receiver.url}
        started = await box.client.post(GENERATE_TEXT, json=body)
        (delivery,) = await asyncio.to_thread(receiver.wait_for, 1)
    assert_generation_result(spec, delivery.body)
    state = (await box.client.get(started.json()["data"]["output_url"])).json()
    assert delivery.body == {"success": True, "data": state["data"]}
    assert delivery.body["data"]["output"]["model"] == "basic"


async def test_a_failed_text_job(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0, finished_shape="wrapped")
    started = await box.client.post(
        GENERATE_TEXT, json={"prompt": "x"}, headers={"x-mock-fault": "fail"}
    )
    state = (await box.client.get(started.json()["data"]["output_url"])).json()
    assert state["status"] == "complete"
    assert state["response"]["success"] is False
    assert "text could not be generated" in state["response"]["message"]


def test_a_text_through_a_real_server(sandbox_url: str) -> None:
    with httpx.Client(base_url=sandbox_url, headers=AUTH) as client:
        answer = client.post(GENERATE_TEXT.rstrip("/"), json={"prompt": "served", "max_tokens": 2})
        state = client.get(answer.json()["data"]["output_url"]).json()
        assert len(state["data"]["output"].split()) == 2
