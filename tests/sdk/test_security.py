"""The API key goes only to the origin of base_url, and never into a repr, a message or a log."""

from __future__ import annotations

import logging

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import _exceptions

from .conftest import (
    BASE,
    COLLECTION,
    JOB,
    KEY,
    VIDEO,
    FakeClock,
    accepted,
    collection_of,
    done,
    running,
)

GEN = "/collection/default/generate/video/"
POLL = f"/async-response/{JOB}"


@pytest.mark.parametrize(
    "output_url",
    [
        f"https://evil.example{POLL}",
        f"http://api.videodb.io{POLL}",
        f"https://api.videodb.io:8443{POLL}",
    ],
    ids=["other-host", "other-scheme", "other-port"],
)
def test_foreign_output_url_is_never_fetched(
    api: respx.MockRouter, conn: videodb_gen.Connection, output_url: str
) -> None:
    foreign = respx.get(output_url).respond(json=done())
    api.post(GEN).respond(json=accepted(output_url=output_url))
    home = api.get(POLL).mock(
        side_effect=[httpx.Response(200, json=running()), httpx.Response(200, json=done())]
    )
    coll = collection_of(conn)
    video = coll.generate_video("p")
    assert isinstance(video, videodb_gen.Video)
    assert not foreign.called
    assert home.call_count == 2
    for call in home.calls:
        assert call.request.url.host == "api.videodb.io"
        assert call.request.headers["x-access-token"] == KEY


def test_the_key_is_stripped_when_a_request_is_redirected_to_another_origin() -> None:
    client = httpx.Client(
        headers={"x-access-token": "a default header of the caller's"}, follow_redirects=True
    )
    with respx.mock(assert_all_called=False) as router:
        hop = router.get(f"{BASE}/collection/default").respond(
            302, headers={"Location": "https://other.example/collection/default"}
        )
        away = router.get("https://other.example/collection/default").respond(json=COLLECTION)
        conn = videodb_gen.connect(api_key=KEY, http_client=client)
        conn.get_collection()
    assert hop.calls.last.request.headers["x-access-token"] == KEY
    assert away.call_count == 1
    assert "x-access-token" not in away.calls.last.request.headers
    client.close()


def test_one_http_client_serves_connections_with_different_keys(api: respx.MockRouter) -> None:
    route = api.get("/collection/default").respond(json=COLLECTION)
    client = httpx.Client()
    first = videodb_gen.connect(api_key="sk-first", http_client=client)
    second = videodb_gen.connect(api_key="sk-second", base_url=BASE + "/", http_client=client)
    first.get_collection()
    second.get_collection()
    first.get_collection()
    keys = [call.request.headers["x-access-token"] for call in route.calls]
    assert keys == ["sk-first", "sk-second", "sk-first"]
    assert len(client.event_hooks["request"]) == 1
    client.get(f"{BASE}/collection/default")
    assert "x-access-token" not in route.calls.last.request.headers
    client.close()


def test_http_client_with_another_base_url_is_refused() -> None:
    client = httpx.Client(base_url="https://elsewhere.example")
    with pytest.raises(videodb_gen.InvalidInputError, match="http_client"):
        videodb_gen.connect(api_key=KEY, http_client=client)
    client.close()


def test_the_key_never_appears_in_reprs_errors_or_logs(
    api: respx.MockRouter,
    conn: videodb_gen.Connection,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    api.get("/collection/default").respond(json=COLLECTION)
    api.post(GEN).respond(json=accepted())
    api.get(POLL).mock(
        side_effect=[httpx.Response(200, json=b) for b in (running(5), done(), done())]
    )
    # The SDK never formats a request header into a message, so it has no text to search for
    # the key: what the API itself says is shown as sent (see test_hardening).
    api.get("/collection/c-refused").respond(401, json={"success": False, "message": "no"})
    api.get("/collection/c-down").mock(side_effect=httpx.ConnectError("no route"))
    api.get("/async-response/job-bad").respond(200, content=KEY.encode())
    coll = conn.get_collection()
    job = coll.generate_video("p", wait=False)
    assert isinstance(job, videodb_gen.GenerationJob)
    video = job.wait()
    texts = [repr(conn), repr(coll), repr(job), repr(job.refresh()), repr(video), str(conn)]
    texts += [
        repr(conn._engine._api),
        repr(conn._engine.config),
        repr(conn.with_options(max_retries=1)),
    ]
    errors: list[BaseException] = []
    for action in (
        lambda: conn.get_collection("c-refused"),
        lambda: conn.with_options(max_retries=0).get_collection("c-down"),
        lambda: conn.get_job("job-bad"),
        lambda: videodb_gen.connect(api_key=None),
        lambda: videodb_gen.connect(api_key=KEY, base_url="nope"),
    ):
        with pytest.raises(videodb_gen.VideoDBError) as info:
            action()
        errors.append(info.value)
    assert isinstance(errors[0], videodb_gen.AuthenticationError)
    errors += [
        _exceptions.GenerationFailedError("m", job_id="j"),
        _exceptions.GenerationTimeoutError(job_id="j", timeout=1),
        _exceptions.InvalidVideoIdError("x"),
    ]
    texts += [str(e) for e in errors] + [repr(e) for e in errors]
    texts += [r.getMessage() for r in caplog.records] + [r.message for r in caplog.records]
    assert caplog.records
    for text in texts:
        assert KEY not in text


def test_one_info_line_per_request(
    api: respx.MockRouter, conn: videodb_gen.Connection, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="videodb_gen")
    api.get("/collection/default").mock(
        side_effect=[
            httpx.Response(503),
            httpx.ConnectError("x"),
            httpx.Response(200, json=COLLECTION),
        ]
    )
    conn.get_collection()
    lines = [r for r in caplog.records if r.name == "videodb_gen"]
    assert [r.levelno for r in lines] == [logging.INFO] * 3
    messages = [r.getMessage() for r in lines]
    assert messages[0].startswith("GET /collection/default -> 503 in ")
    assert messages[0].endswith("ms, retries 0")
    assert messages[1].startswith("GET /collection/default -> ConnectError in ")
    assert messages[1].endswith("retries 1")
    assert messages[2].startswith("GET /collection/default -> 200 in ")
    assert messages[2].endswith("retries 2")


async def test_async_foreign_output_url_is_never_fetched(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection
) -> None:
    foreign = respx.get(f"https://evil.example{POLL}").respond(json=done())
    api.post(GEN).respond(json=accepted(output_url=f"https://evil.example{POLL}"))
    home = api.get(POLL).respond(json=done(VIDEO))
    video = await collection_of(aconn).generate_video("p")
    assert isinstance(video, videodb_gen.AsyncVideo)
    assert not foreign.called
    assert home.calls.last.request.headers["x-access-token"] == KEY
