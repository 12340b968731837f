"""What careless and hostile callers found: each value the SDK cannot send safely is refused
before any request, naming the field and never showing the key; copies do not close what they
share; a poll is retried like any read."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import APIResponseValidationError, InvalidInputError

from .conftest import COLLECTION, JOB, KEY, FakeClock, accepted, collection_of, done, running

GEN = "/collection/default/generate/video/"
POLL = f"/async-response/{JOB}"


REFUSED_SETTINGS = [
    ({"api_key": "sk-x\r\n"}, "sk-x", "crlf"),
    ({"api_key": "a\x00b"}, "a\x00b", "nul"),
    ({"api_key": " sk-x"}, "sk-x", "leading-space"),
    ({"api_key": "sk-x "}, "sk-x", "trailing-space"),
    ({"api_key": "sk\tx"}, "sk\tx", "tab"),
    ({"api_key": "sk x"}, "sk x", "inner-space"),
    ({"api_key": "sk-\u00e9"}, "sk-\u00e9", "non-ascii"),
    ({"api_key": "sk-\ud800"}, "sk-\ud800", "surrogate"),
    ({"base_url": "http://user:pw-secret@127.0.0.1:4011"}, "pw-secret", "credentials"),
    ({"base_url": "http://user@127.0.0.1:4011"}, "user@", "user"),
    ({"base_url": "http://127.0.0.1:4711/?x=1"}, None, "query"),
    ({"base_url": "http://127.0.0.1:4711/#part"}, None, "fragment"),
    ({"base_url": "http://127.0.0.1:4711?"}, None, "empty-query"),
]


@pytest.mark.parametrize(
    ("settings", "secret", "name"), REFUSED_SETTINGS, ids=[n for *_, n in REFUSED_SETTINGS]
)
def test_connection_settings_that_cannot_be_sent_are_refused_without_showing_them(
    settings: dict[str, str], secret: str | None, name: str
) -> None:
    with pytest.raises(InvalidInputError) as info:
        videodb_gen.connect(settings.get("api_key", KEY), settings.get("base_url"))
    assert info.value.field == next(iter(settings)), name
    if secret is not None:
        assert secret not in str(info.value)
        assert repr(secret) not in str(info.value)


def test_a_key_from_the_environment_is_checked_the_same_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VIDEO_DB_API_KEY", "sk-from-dotenv\r")
    with pytest.raises(InvalidInputError, match="api_key"):
        videodb_gen.connect()


def test_the_api_s_messages_are_shown_as_sent(api: respx.MockRouter, clock: FakeClock) -> None:
    # Searching the text for the key would rewrite "Video not found" when the key is "found".
    api.get("/video/m-1").respond(404, json={"success": False, "message": "Video not found"})
    with (
        videodb_gen.connect(api_key="found") as conn,
        pytest.raises(videodb_gen.NotFoundError) as info,
    ):
        conn.get_video("m-1")
    assert info.value.message == "Video not found"
    assert "Video not found" in info.value.body


BAD_IDS = [
    ("job-\ud800", "surrogate"),
    ("x" * 100_000, "too-long"),
    (".", "dot"),
    ("..", "dot-dot"),
    ("a\x00b", "nul"),
    ("a\nb", "newline"),
    (" job-1", "space"),
]


@pytest.mark.parametrize(("bad", "name"), BAD_IDS, ids=[n for _, n in BAD_IDS])
def test_ids_that_cannot_be_sent_as_they_are_are_refused_before_any_request(
    api: respx.MockRouter, conn: videodb_gen.Connection, bad: str, name: str
) -> None:
    route = api.route().respond(500)
    calls: list[tuple[str, Any]] = [
        ("job_id", lambda: conn.get_job(bad)),
        ("video_id", lambda: conn.get_video(bad)),
        ("collection_id", lambda: conn.get_video("m-1", collection_id=bad)),
        ("collection_id", lambda: conn.get_collection(bad)),
        ("video_id", lambda: collection_of(conn).get_video(bad)),
    ]
    for field, call in calls:
        with pytest.raises(InvalidInputError) as info:
            call()
        assert info.value.field == field, name
    assert not route.called


@pytest.mark.parametrize("prompt", ["x \ud800", "\udcff"])
def test_a_prompt_that_is_not_unicode_text_is_refused_before_any_request(
    api: respx.MockRouter, conn: videodb_gen.Connection, prompt: str
) -> None:
    route = api.route().respond(500)
    with pytest.raises(InvalidInputError) as info:
        collection_of(conn).generate_video(prompt)
    assert info.value.field == "prompt"
    assert not route.called


def test_closing_a_copy_leaves_the_original_open(api: respx.MockRouter, clock: FakeClock) -> None:
    api.get("/collection/default").respond(json=COLLECTION)
    with videodb_gen.connect(api_key=KEY) as conn:
        with conn.with_options(max_retries=0) as copy:
            copy.get_collection()
        assert conn.get_collection().id == "default"


async def test_closing_an_async_copy_leaves_the_original_open(
    api: respx.MockRouter, clock: FakeClock
) -> None:
    api.get("/collection/default").respond(json=COLLECTION)
    async with videodb_gen.connect_async(api_key=KEY) as conn:
        async with conn.with_options(max_retries=0) as copy:
            await copy.get_collection()
        assert (await conn.get_collection()).id == "default"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"on_progress": 5}, "on_progress"),
        ({"on_progress": "print"}, "on_progress"),
        ({"wait": "no"}, "wait"),
        ({"wait": 0}, "wait"),
        ({"wait": None}, "wait"),
        ({"timeout": "30"}, "timeout"),
    ],
)
def test_every_argument_is_checked_before_the_billable_request(
    api: respx.MockRouter, conn: videodb_gen.Connection, arguments: dict[str, Any], field: str
) -> None:
    started = api.post(GEN).respond(json=accepted())
    with pytest.raises(InvalidInputError) as info:
        collection_of(conn).generate_video("p", **arguments)
    assert info.value.field == field
    assert not started.called


def test_wait_arguments_of_a_job_are_checked_before_polling(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    polled = api.get(POLL).respond(json=running(5))
    job = conn.get_job(JOB)
    with pytest.raises(InvalidInputError, match="on_progress"):
        job.wait(on_progress=5)  # type: ignore[arg-type]
    assert polled.call_count == 1


def test_a_malformed_poll_answer_is_retried_like_any_read(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.post(GEN).respond(json=accepted())
    answers = [
        httpx.Response(200, content=b'{"success": tr'),
        httpx.Response(200, json={"success": True, "status": "done", "data": None}),
        httpx.Response(200, json=running(50)),
        httpx.Response(200, json=done()),
    ]
    api.get(POLL).mock(side_effect=answers)
    patient = conn.with_options(max_retries=3)
    video = collection_of(patient).generate_video("p", wait=True)
    assert video.id.startswith("m-")


def test_a_poll_answer_that_stays_malformed_fails_after_the_retries(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.post(GEN).respond(json=accepted())
    polled = api.get(POLL).respond(200, content=b"<html>maintenance</html>")
    with pytest.raises(APIResponseValidationError) as info:
        collection_of(conn).generate_video("p")
    assert info.value.job_id == JOB
    assert polled.call_count == 1 + 2  # the default max_retries


def test_a_malformed_answer_to_the_billable_request_is_not_retried(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    started = api.post(GEN).respond(200, content=b"not json")
    with pytest.raises(APIResponseValidationError):
        collection_of(conn).generate_video("p")
    assert started.call_count == 1
