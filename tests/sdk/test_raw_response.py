"""`with_raw_response`: any call of any handle, with the HTTP answer its result was read from."""

from __future__ import annotations

import asyncio
import datetime
import json
from typing import Any

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import APIResponse, InvalidInputError, _raw

from .conftest import COLLECTION, JOB, KEY, VIDEO, FakeClock, accepted, collection_of, done, job_of

GEN = "/collection/default/generate/video/"
POLL = f"/async-response/{JOB}"
IMAGE = {"id": "img-1a2b", "collection_id": "default", "name": "x", "url": None}


def test_a_connections_call_gives_its_answer_and_its_result(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get("/collection/default").respond(json=COLLECTION, headers={"x-request-id": "req-77"})
    raw = conn.with_raw_response.get_collection()
    assert isinstance(raw, APIResponse)
    assert raw.status_code == 200
    assert raw.headers["X-Request-Id"] == "req-77"
    assert raw.request_id == "req-77"
    assert raw.json() == COLLECTION
    assert json.loads(raw.text) == COLLECTION
    assert json.loads(raw.content) == COLLECTION
    assert raw.method == "GET"
    assert raw.url == httpx.URL("https://api.videodb.io/collection/default")
    assert raw.http_request.method == "GET"
    assert raw.http_response.status_code == 200
    assert raw.retries_taken == 0
    assert raw.elapsed == datetime.timedelta(0)  # the fake clock stands still
    collection = raw.parse()
    assert isinstance(collection, videodb_gen.Collection)
    assert collection.id == "default"
    assert collection.name == COLLECTION["data"]["name"]  # type: ignore[index]
    assert repr(raw) == "<APIResponse [200] GET https://api.videodb.io/collection/default>"


def test_the_request_shown_has_no_key(api: respx.MockRouter, conn: videodb_gen.Connection) -> None:
    api.post(GEN).respond(json=accepted())
    raw = collection_of(conn).with_raw_response.generate_video("a drone", 6, wait=False)
    sent = api.calls.last.request
    assert sent.headers["x-access-token"] == KEY  # the key was sent...
    assert raw.http_request.headers["x-access-token"] == "<redacted>"  # ...and is not shown
    assert KEY not in repr(raw) + str(raw.http_request.headers)
    assert json.loads(raw.http_request.content) == {"prompt": "a drone", "duration": 6}
    job = raw.parse()
    assert isinstance(job, videodb_gen.GenerationJob)
    assert job.id == JOB


def test_retries_taken_counts_the_retries_before_the_answer(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.get("/collection/default").mock(
        side_effect=[
            httpx.Response(503),
            httpx.ConnectError("down"),
            httpx.Response(200, json=COLLECTION, headers={"x-request-id": "third"}),
        ]
    )
    raw = conn.with_raw_response.get_collection()
    assert raw.retries_taken == 2
    assert raw.request_id == "third"
    assert len(clock.sleeps) == 2


def test_elapsed_is_the_answers_time(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        clock.now += 0.25
        return httpx.Response(200, json=COLLECTION)

    api.get("/collection/default").mock(side_effect=slow)
    assert conn.with_raw_response.get_collection().elapsed == datetime.timedelta(seconds=0.25)


def test_every_handle_has_it(api: respx.MockRouter, conn: videodb_gen.Connection) -> None:
    api.get(POLL).respond(json=done(), headers={"x-request-id": "poll-1"})
    api.get("/video/m-z3f8a6c1b2d4e5f6").respond(json={"success": True, "data": VIDEO})
    api.post("/video/m-z3f8a6c1b2d4e5f6/thumbnail").respond(json={"success": True, "data": IMAGE})
    api.post("/image/img-1a2b/generate_url").respond(
        json={"success": True, "data": {"signed_url": "https://cdn.example/i.png"}}
    )
    polled = job_of(conn, JOB).with_raw_response.refresh()
    assert polled.request_id == "poll-1"
    assert polled.parse().status == "done"
    video = conn.with_raw_response.get_video("m-z3f8a6c1b2d4e5f6").parse()
    image = video.with_raw_response.generate_thumbnail(1.0).parse()
    assert isinstance(image, videodb_gen.Image)
    signed = image.with_raw_response.generate_url()
    assert signed.parse() == "https://cdn.example/i.png"
    assert signed.json()["data"]["signed_url"] == signed.parse()


def test_a_call_that_sends_several_requests_gives_the_last(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    upload = "https://api.videodb.io/uploads/u-1"
    api.get("/collection/default/upload_url").respond(
        json={"success": True, "data": {"upload_url": upload}}
    )
    api.post("/uploads/u-1").respond(json={"success": True})
    api.post("/collection/default/generate/text/").respond(
        json={"success": True, "data": {"output": "a tagline"}}
    )
    raw = collection_of(conn).with_raw_response.generate_text("w" * 300_000, wait=False)
    assert raw.url.path == "/collection/default/generate/text/"
    assert raw.parse()["output"] == "a tagline"
    assert len(api.calls) == 3


@pytest.mark.parametrize(
    "call",
    [
        lambda conn: collection_of(conn).with_raw_response.generate_video("p"),
        lambda conn: collection_of(conn).with_raw_response.generate_image("p", wait=True),
        lambda conn: job_of(conn, JOB).with_raw_response.wait(),
    ],
)
def test_a_call_that_would_wait_is_refused_before_any_request(
    api: respx.MockRouter, conn: videodb_gen.Connection, call: Any
) -> None:
    with pytest.raises(InvalidInputError) as info:
        call(conn)
    assert info.value.field == "with_raw_response"
    assert "wait=False" in info.value.rule
    assert not api.calls


def test_the_wait_refusal_ends_with_the_call(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.post(GEN).respond(json=accepted())
    api.get(POLL).respond(json=done())
    job = collection_of(conn).with_raw_response.generate_video("p", wait=False).parse()
    assert job.wait().id == VIDEO["id"]  # outside the raw call, waiting works


def test_a_call_without_a_request_has_no_answer(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    video = videodb_gen.Video(**VIDEO, engine=conn._engine)
    with pytest.raises(InvalidInputError, match="generate_stream sent no request"):
        video.with_raw_response.generate_stream()
    assert not api.calls


@pytest.mark.parametrize("name", ["id", "_engine", "no_such_call"])
def test_only_public_methods_are_offered(conn: videodb_gen.Connection, name: str) -> None:
    coll = collection_of(conn)
    with pytest.raises(AttributeError, match=f"has no request method '{name}'"):
        getattr(coll.with_raw_response, name)


def test_an_error_is_raised_as_without_it(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get("/collection/c-gone").respond(
        404, json={"success": False, "message": "gone"}, headers={"x-request-id": "req-404"}
    )
    with pytest.raises(videodb_gen.NotFoundError) as info:
        conn.with_raw_response.get_collection("c-gone")
    assert info.value.request_id == "req-404"


async def test_async_handles_have_it(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection
) -> None:
    api.get("/collection/default").respond(json=COLLECTION, headers={"x-request-id": "a-1"})
    api.post(GEN).respond(json=accepted(), headers={"x-request-id": "a-2"})
    raw = await aconn.with_raw_response.get_collection()
    assert raw.request_id == "a-1"
    coll = raw.parse()
    assert isinstance(coll, videodb_gen.AsyncCollection)
    started = await coll.with_raw_response.generate_video("p", wait=False)
    assert started.status_code == 200
    assert started.request_id == "a-2"
    assert isinstance(started.parse(), videodb_gen.AsyncGenerationJob)
    with pytest.raises(InvalidInputError, match="with_raw_response"):
        await coll.with_raw_response.generate_video("p")
    with pytest.raises(AttributeError, match="'play'"):  # not a coroutine: no request
        _ = videodb_gen.AsyncVideo(**VIDEO, engine=aconn._engine).with_raw_response.play


async def test_async_calls_at_once_keep_their_own_answers(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection
) -> None:
    for n in range(3):
        api.get(f"/collection/c-{n}").respond(
            json={"success": True, "data": {"id": f"c-{n}", "name": str(n)}},
            headers={"x-request-id": f"id-{n}"},
        )
    answers = await asyncio.gather(
        *(aconn.with_raw_response.get_collection(f"c-{n}") for n in range(3))
    )
    assert [a.request_id for a in answers] == ["id-0", "id-1", "id-2"]
    assert [a.parse().id for a in answers] == ["c-0", "c-1", "c-2"]


def test_against_the_sandbox(sandbox_url: str, api_key: str) -> None:
    with videodb_gen.connect(api_key=api_key, base_url=sandbox_url) as conn:
        raw = conn.with_raw_response.get_collection()
        assert raw.status_code == 200
        assert raw.request_id is not None
        assert raw.request_id.startswith("req-")
        assert raw.json()["data"]["id"] == "default"
        assert raw.parse().id == "default"


def test_a_streamed_request_is_shown_without_its_body() -> None:
    request = httpx.Request("POST", "https://uploads.example/u-1", content=iter([b"part"]))
    shown = _raw._without_key(request)
    assert (shown.method, shown.url) == ("POST", request.url)
    assert shown.content == b""
    assert "x-access-token" not in shown.headers  # none was sent to another origin
