"""Retries: reads on connection errors, 408, 429 and 5xx; the billable start only when safe."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import _retries
from videodb_gen._retries import backoff, parse_retry_after, retry_delay

from .conftest import COLLECTION, FakeClock, accepted, collection_of

GEN = "/collection/default/generate/video/"
ERR = {"success": False, "message": "busy"}


def _collection(conn: videodb_gen.Connection) -> videodb_gen.Collection:
    return collection_of(conn)


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_reads_retry_retryable_statuses(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock, status: int
) -> None:
    route = api.get("/collection/default").mock(
        side_effect=[httpx.Response(status, json=ERR), httpx.Response(200, json=COLLECTION)]
    )
    assert conn.get_collection().id == "default"
    assert route.call_count == 2
    assert len(clock.sleeps) == 1
    assert 0.375 <= clock.sleeps[0] <= 0.5


@pytest.mark.parametrize("status", [400, 401, 402, 404, 422])
def test_reads_do_not_retry_client_errors(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock, status: int
) -> None:
    route = api.get("/collection/default").respond(status, json=ERR)
    with pytest.raises(videodb_gen.APIStatusError):
        conn.get_collection()
    assert route.call_count == 1
    assert clock.sleeps == []


@pytest.mark.parametrize(
    "exc", [httpx.ConnectError("x"), httpx.ReadTimeout("x"), httpx.ReadError("x")]
)
def test_reads_retry_connection_errors(
    api: respx.MockRouter, conn: videodb_gen.Connection, exc: Exception
) -> None:
    route = api.get("/async-response/job-1").mock(
        side_effect=[exc, httpx.Response(200, json={"success": True, "status": "processing"})]
    )
    assert conn.get_job("job-1").status == "processing"
    assert route.call_count == 2


def test_reads_give_up_after_max_retries_with_growing_backoff(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    route = api.get("/collection/default").respond(503, json=ERR)
    with pytest.raises(videodb_gen.InternalServerError):
        conn.with_options(max_retries=4).get_collection()
    assert route.call_count == 5
    assert len(clock.sleeps) == 4
    for n, slept in enumerate(clock.sleeps):
        assert 0.75 * 0.5 * 2**n <= slept <= 0.5 * 2**n


def test_retry_after_seconds_is_honoured(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.get("/collection/default").mock(
        side_effect=[
            httpx.Response(429, json=ERR, headers={"Retry-After": "7"}),
            httpx.Response(200, json=COLLECTION),
        ]
    )
    conn.get_collection()
    assert clock.sleeps == [7.0]


def test_retry_after_http_date_is_honoured(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    when = datetime.now(UTC) + timedelta(seconds=30)
    api.get("/collection/default").mock(
        side_effect=[
            httpx.Response(503, json=ERR, headers={"Retry-After": format_datetime(when, True)}),
            httpx.Response(200, json=COLLECTION),
        ]
    )
    conn.get_collection()
    assert len(clock.sleeps) == 1
    assert 25 <= clock.sleeps[0] <= 30


def test_retry_after_beyond_the_cap_falls_back_to_backoff(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.get("/collection/default").mock(
        side_effect=[
            httpx.Response(429, json=ERR, headers={"Retry-After": "3600"}),
            httpx.Response(200, json=COLLECTION),
        ]
    )
    conn.get_collection()
    assert clock.sleeps[0] <= 0.5


# The billable start of a generation.


@pytest.mark.parametrize("exc", [httpx.ConnectError("refused"), httpx.ConnectTimeout("slow")])
def test_start_is_retried_when_it_never_reached_the_server(
    api: respx.MockRouter, conn: videodb_gen.Connection, exc: Exception
) -> None:
    route = api.post(GEN).mock(side_effect=[exc, httpx.Response(200, json=accepted())])
    job = _collection(conn).generate_video("p", wait=False)
    assert isinstance(job, videodb_gen.GenerationJob)
    assert route.call_count == 2


@pytest.mark.parametrize(
    "exc",
    [httpx.ReadTimeout("slow"), httpx.ReadError("reset"), httpx.RemoteProtocolError("eof")],
)
def test_start_is_never_retried_once_it_may_have_reached_the_server(
    api: respx.MockRouter, conn: videodb_gen.Connection, exc: Exception
) -> None:
    route = api.post(GEN).mock(side_effect=[exc, httpx.Response(200, json=accepted())])
    with pytest.raises(videodb_gen.APIConnectionError):
        _collection(conn).generate_video("p", wait=False)
    assert route.call_count == 1


@pytest.mark.parametrize("status", [429, 503])
def test_start_is_retried_on_429_and_503_with_retry_after(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock, status: int
) -> None:
    route = api.post(GEN).mock(
        side_effect=[
            httpx.Response(status, json=ERR, headers={"Retry-After": "2"}),
            httpx.Response(200, json=accepted()),
        ]
    )
    _collection(conn).generate_video("p", wait=False)
    assert route.call_count == 2
    assert clock.sleeps == [2.0]


@pytest.mark.parametrize(
    ("status", "headers"),
    [(429, {}), (503, {}), (500, {"Retry-After": "1"}), (502, {"Retry-After": "1"}), (408, {})],
)
def test_start_is_not_retried_otherwise(
    api: respx.MockRouter, conn: videodb_gen.Connection, status: int, headers: dict[str, str]
) -> None:
    route = api.post(GEN).respond(status, json=ERR, headers=headers)
    with pytest.raises(videodb_gen.APIStatusError):
        _collection(conn).generate_video("p", wait=False)
    assert route.call_count == 1


def test_start_retries_are_bounded_by_max_retries(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    route = api.post(GEN).mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(videodb_gen.APIConnectionError):
        _collection(conn.with_options(max_retries=3)).generate_video("p", wait=False)
    assert route.call_count == 4


async def test_async_retries_the_same_way(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection, clock: FakeClock
) -> None:
    route = api.get("/collection/default").mock(
        side_effect=[
            httpx.ConnectError("refused"),
            httpx.Response(429, json=ERR, headers={"Retry-After": "1.5"}),
            httpx.Response(200, json=COLLECTION),
        ]
    )
    coll = await aconn.get_collection()
    assert coll.id == "default"
    assert route.call_count == 3
    assert clock.sleeps[1] == 1.5
    post = api.post(GEN).mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(videodb_gen.APITimeoutError):
        await coll.generate_video("p", wait=False)
    assert post.call_count == 1


# The pure rules.


def test_parse_retry_after_forms() -> None:
    now = datetime(2026, 11, 25, 10, 0, 0, tzinfo=UTC)
    assert parse_retry_after({}) is None
    assert parse_retry_after({"retry-after": "0"}) == 0.0
    assert parse_retry_after({"retry-after": " 2.5 "}) == 2.5
    assert parse_retry_after({"retry-after": "-1"}) is None
    assert parse_retry_after({"retry-after": "61"}) is None
    assert parse_retry_after({"retry-after": "soon"}) is None
    assert parse_retry_after({"retry-after": "Wed, 25 Nov 2026 10:00:12 GMT"}, now) == 12.0
    assert parse_retry_after({"retry-after": "Wed, 25 Nov 2026 09:00:00 GMT"}, now) == 0.0
    assert parse_retry_after({"retry-after": "Wed, 25 Nov 2026 10:00:05"}, now) == 5.0


def test_backoff_grows_to_a_cap_with_jitter() -> None:
    rng = random.Random(1)
    values = [backoff(n, rng=rng) for n in range(10)]
    for n, value in enumerate(values):
        cap = min(_retries.MAX_BACKOFF, _retries.INITIAL_BACKOFF * 2**n)
        assert 0.75 * cap <= value <= cap


def test_retry_delay_needs_a_status_or_an_error() -> None:
    assert retry_delay(None, None, retry_number=0, max_retries=2, billable=False) is None
    failed = httpx.Response(500)
    assert retry_delay(failed, None, retry_number=1, max_retries=2, billable=False) is not None
    assert retry_delay(failed, None, retry_number=2, max_retries=2, billable=False) is None
