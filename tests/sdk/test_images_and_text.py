"""`generate_image`, `get_image`, `Image.generate_url` and `generate_text` against mocked
answers: what each sends, what it returns in each shape the API answers with, and what it
refuses before any request."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import (
    GenerationFailedError,
    Image,
    InvalidIdError,
    InvalidImageIdError,
    InvalidInputError,
)

from .conftest import JOB, FakeClock, accepted, collection_of, complete, done, running

GEN_IMAGE = "/collection/default/generate/image/"
GEN_TEXT = "/collection/default/generate/text/"
POLL = f"/async-response/{JOB}"
SIGNED = "https://cdn.example.net/img-4c2e.png?expires=1795600000&signature=3f9a"

IMAGE: dict[str, Any] = {
    "id": "img-4c2e8a1f6b3d5e7a",
    "collection_id": "default",
    "name": "A lighthouse",
    "url": None,
    "width": 1024,
    "height": 576,
    "created_at": "2026-11-25T10:00:00Z",
}


def _sent(route: respx.Route) -> Any:
    return json.loads(route.calls.last.request.content)


def test_an_image_is_generated_waited_for_and_typed(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    started = api.post(GEN_IMAGE).respond(json=accepted())
    answers = [httpx.Response(200, json=body) for body in (running(50), done(IMAGE))]
    api.get(POLL).mock(side_effect=answers)
    image = collection_of(conn).generate_image("A lighthouse", aspect_ratio="16:9")
    assert _sent(started) == {"prompt": "A lighthouse", "aspect_ratio": "16:9"}
    assert isinstance(image, Image)
    assert (image.id, image.width, image.height, image.url) == (IMAGE["id"], 1024, 576, None)


def test_an_image_makes_its_signed_url_on_the_api(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get(f"/image/{IMAGE['id']}").respond(json={"success": True, "data": IMAGE})
    url = api.post(f"/image/{IMAGE['id']}/generate_url").respond(
        json={"success": True, "data": {"signed_url": SIGNED}}
    )
    image = collection_of(conn).get_image(IMAGE["id"])
    assert image.generate_url() == SIGNED
    assert url.calls.last.request.url.params["collection_id"] == "default"


def test_an_image_job_finished_in_the_wrapped_shape_gives_an_image_that_acts(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.post(GEN_IMAGE).respond(json=accepted())
    api.get(POLL).respond(json=complete(IMAGE))
    api.post(f"/image/{IMAGE['id']}/generate_url").respond(
        json={"success": True, "data": {"signed_url": SIGNED}}
    )
    job = collection_of(conn).generate_image("A lighthouse", wait=False)
    assert isinstance(job, videodb_gen.GenerationJob)
    seen: list[str] = []
    image = job.wait(on_progress=lambda state: seen.append(state.status))
    assert seen == ["processing", "done"]
    assert image.generate_url() == SIGNED


@pytest.mark.parametrize("bad", ["m-123", "image-1", "1", ""])
def test_an_image_id_without_img_is_refused_naming_the_kind(
    api: respx.MockRouter, conn: videodb_gen.Connection, bad: str
) -> None:
    api.post(GEN_IMAGE).respond(json=accepted())
    api.get(POLL).respond(json=done({**IMAGE, "id": bad}))
    with pytest.raises(InvalidImageIdError) as info:
        collection_of(conn).generate_image("A lighthouse")
    assert isinstance(info.value, InvalidIdError)
    assert (info.value.kind, info.value.id) == ("image", bad)
    assert "img-" in str(info.value)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"prompt": ""}, "prompt"),
        ({"aspect_ratio": "2:1"}, "aspect_ratio"),
        ({"aspect_ratio": None}, "aspect_ratio"),
        ({"callback_url": "ftp://x"}, "callback_url"),
        ({"wait": "yes"}, "wait"),
        ({"timeout": -1}, "timeout"),
    ],
)
def test_image_arguments_are_checked_before_the_billable_request(
    api: respx.MockRouter, conn: videodb_gen.Connection, arguments: dict[str, Any], field: str
) -> None:
    started = api.post(GEN_IMAGE).respond(json=accepted())
    with pytest.raises(InvalidInputError) as info:
        collection_of(conn).generate_image(**({"prompt": "p"} | arguments))
    assert info.value.field == field
    assert not started.called


def test_get_image_checks_its_id_before_any_request(conn: videodb_gen.Connection) -> None:
    with pytest.raises(InvalidInputError, match="image_id"):
        collection_of(conn).get_image("../video/m-1")


# --- text -------------------------------------------------------------------------------------


def test_text_answered_at_once_is_returned_as_it_is(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    started = api.post(GEN_TEXT).respond(json={"success": True, "data": {"output": "Hello."}})
    result = collection_of(conn).generate_text("Say hello")
    assert result["output"] == result.output == result.get("output") == "Hello."
    assert dict(result) == {"output": "Hello."}
    assert _sent(started) == {"prompt": "Say hello", "model_name": "basic", "response_type": "text"}


def test_text_answered_with_a_job_is_waited_for(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.post(GEN_TEXT).respond(json=accepted())
    api.get(POLL).mock(
        side_effect=[
            httpx.Response(200, json=running()),
            httpx.Response(200, json=done({"output": {"names": ["Dawn", "Crema"]}})),
        ]
    )
    output = collection_of(conn).generate_text(
        "Two names", model_name="ultra", response_type="json", max_tokens=50, temperature=0
    )
    assert output["output"] == {"names": ["Dawn", "Crema"]}
    assert clock.sleeps


def test_text_limits_are_sent_only_when_given(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    started = api.post(GEN_TEXT).respond(json={"success": True, "data": {"output": "x"}})
    collection_of(conn).generate_text("p", "pro", "json", True, None, None, 7, 1.5)
    assert _sent(started) == {
        "prompt": "p",
        "model_name": "pro",
        "response_type": "json",
        "max_tokens": 7,
        "temperature": 1.5,
    }


def test_text_without_waiting_is_the_job_or_the_text_the_api_gave_at_once(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    route = api.post(GEN_TEXT)
    route.respond(json=accepted())
    job = collection_of(conn).generate_text("p", wait=False)
    assert isinstance(job, videodb_gen.GenerationJob)
    assert job.id == JOB
    route.respond(json={"success": True, "data": {"output": "at once"}})
    assert collection_of(conn).generate_text("p", wait=False) == videodb_gen.TextResult("at once")


def test_a_failed_text_job_raises_with_the_api_s_message(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.post(GEN_TEXT).respond(json=accepted())
    api.get(POLL).respond(json={"success": False, "status": "failed", "message": "too long"})
    with pytest.raises(GenerationFailedError, match="too long"):
        collection_of(conn).generate_text("p")


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"prompt": "   "}, "prompt"),
        ({"model_name": ""}, "model_name"),
        ({"model_name": 3}, "model_name"),
        ({"model_name": "m" * 257}, "model_name"),
        ({"sandbox_id": "a/b"}, "sandbox_id"),
        ({"model_config": [1]}, "model_config"),
        ({"model_config": {"x": float("nan")}}, "model_config"),
        ({"response_type": "xml"}, "response_type"),
        ({"max_tokens": 0}, "max_tokens"),
        ({"max_tokens": True}, "max_tokens"),
        ({"temperature": 2.5}, "temperature"),
        ({"temperature": float("nan")}, "temperature"),
        ({"callback_url": "not a url"}, "callback_url"),
    ],
)
def test_text_arguments_are_checked_before_the_billable_request(
    api: respx.MockRouter, conn: videodb_gen.Connection, arguments: dict[str, Any], field: str
) -> None:
    started = api.post(GEN_TEXT).respond(json={"success": True, "data": {"output": "x"}})
    with pytest.raises(InvalidInputError) as info:
        collection_of(conn).generate_text(**({"prompt": "p"} | arguments))
    assert info.value.field == field
    assert not started.called


# --- the async twins --------------------------------------------------------------------------


async def test_the_async_twins_generate_an_image_and_text(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection
) -> None:
    api.post(GEN_IMAGE).respond(json=accepted())
    api.get(POLL).respond(json=done(IMAGE))
    api.post(f"/image/{IMAGE['id']}/generate_url").respond(
        json={"success": True, "data": {"signed_url": SIGNED}}
    )
    api.post(GEN_TEXT).respond(json={"success": True, "data": {"output": "Hi."}})
    coll = collection_of(aconn)
    image = await coll.generate_image("A lighthouse", "3:4")
    assert isinstance(image, videodb_gen.AsyncImage)
    assert await image.generate_url() == SIGNED
    assert (await coll.generate_text("Say hi"))["output"] == "Hi."
