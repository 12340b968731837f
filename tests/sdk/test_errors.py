"""Every failure becomes an error of the SDK's hierarchy, keyed on status, never a bare one."""

from __future__ import annotations

import json
import math

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InsufficientCreditsError,
    InternalServerError,
    NotFoundError,
    PaymentRequiredError,
    RateLimitError,
    UnprocessableEntityError,
    VideoDBError,
)
from videodb_gen._results import to_length

from .conftest import VIDEO, accepted, collection_of

GEN = "/collection/default/generate/video/"


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (402, PaymentRequiredError),
        (404, NotFoundError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
    ],
)
def test_documented_statuses_map_to_their_class(
    api: respx.MockRouter, conn: videodb_gen.Connection, status: int, cls: type[APIStatusError]
) -> None:
    api.post(GEN).respond(
        status, json={"success": False, "message": f"says {status}", "error_code": "code_x"}
    )
    coll = collection_of(conn)
    with pytest.raises(cls) as info:
        coll.generate_video("p", wait=False)
    err = info.value
    assert err.status_code == status
    assert err.message == f"says {status}"
    assert err.error_code == "code_x"
    assert err.method == "POST"
    assert err.path == GEN
    assert str(err) == f"{status} POST {GEN}: says {status} [code_x]"
    assert isinstance(err, APIError)
    assert isinstance(err, VideoDBError)


def test_insufficient_credits_is_the_402_class() -> None:
    assert InsufficientCreditsError is PaymentRequiredError


@pytest.mark.parametrize(
    ("status", "cls"),
    [(418, APIStatusError), (503, InternalServerError), (502, InternalServerError)],
)
def test_undocumented_statuses_and_non_json_bodies(
    api: respx.MockRouter, conn: videodb_gen.Connection, status: int, cls: type[APIStatusError]
) -> None:
    api.get("/video/m-1").respond(status, text="<html>bad gateway</html>")
    with pytest.raises(cls) as info:
        conn.with_options(max_retries=0).get_video("m-1")
    assert type(info.value) is cls
    assert info.value.status_code == status
    assert "bad gateway" in info.value.message
    assert info.value.body == "<html>bad gateway</html>"
    assert info.value.error_code is None


def test_documented_status_with_html_body_is_still_mapped(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get("/collection/default").respond(500, text="oops")
    with pytest.raises(InternalServerError) as info:
        conn.with_options(max_retries=0).get_collection()
    assert info.value.message.endswith("oops")
    assert isinstance(info.value.__cause__, ValueError)


def test_undocumented_status_with_json_message(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get("/collection/default").respond(409, json={"message": "conflict!", "error_code": 7})
    with pytest.raises(APIStatusError) as info:
        conn.get_collection()
    assert info.value.message == "conflict!"
    assert info.value.error_code is None
    assert info.value.headers["content-type"] == "application/json"


def test_empty_error_body_uses_the_reason_phrase(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get("/collection/default").respond(403)
    with pytest.raises(APIStatusError, match="403 GET /collection/default: Forbidden"):
        conn.get_collection()


def test_non_standard_status_code(api: respx.MockRouter, conn: videodb_gen.Connection) -> None:
    api.get("/collection/default").respond(299, json={"success": True})
    with pytest.raises(APIResponseValidationError) as info:
        conn.get_collection()
    assert info.value.status_code == 299


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b'{"success": true}',
        b'{"success": true, "data": null}',
        b"[1, 2]",
    ],
)
def test_undecodable_success_bodies(
    api: respx.MockRouter, conn: videodb_gen.Connection, body: bytes
) -> None:
    api.get("/collection/default").respond(200, content=body)
    with pytest.raises(APIResponseValidationError) as info:
        conn.get_collection()
    assert info.value.status_code == 200
    assert info.value.path == "/collection/default"


def test_unexpected_success_status_without_body(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get("/collection/default").respond(204)
    with pytest.raises(APIResponseValidationError, match="unexpected shape"):
        conn.get_collection()


def test_bad_length_in_a_video_is_a_validation_error(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get("/video/m-z3f8a6c1b2d4e5f6").respond(
        json={"success": True, "data": {**VIDEO, "length": "six"}}
    )
    with pytest.raises(APIResponseValidationError, match="length"):
        conn.get_video("m-z3f8a6c1b2d4e5f6")


def test_unknown_job_status_is_a_validation_error(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get("/async-response/job-1").respond(json={"success": True, "status": "queued"})
    with pytest.raises(APIResponseValidationError):
        conn.get_job("job-1")


@pytest.mark.parametrize("job_id", ["job-1/../x", "job-1?x", "", "..", "job 1"])
def test_a_job_id_the_api_sent_that_cannot_be_sent_back_is_its_fault(
    api: respx.MockRouter, conn: videodb_gen.Connection, job_id: str
) -> None:
    started = accepted()
    started["data"]["id"] = job_id
    route = api.post(GEN).respond(json=started)
    with pytest.raises(APIResponseValidationError) as info:
        collection_of(conn).generate_video("a cat", wait=False)
    assert not isinstance(info.value, videodb_gen.InvalidInputError)  # not the caller's input
    assert f"the API sent an unusable job id {job_id!r}: it must" in str(info.value)
    assert route.call_count == 1  # the start is billable: an unreadable answer is not retried


@pytest.mark.parametrize(
    ("exc", "cls"),
    [
        (httpx.ConnectError("refused"), APIConnectionError),
        (httpx.ReadTimeout("slow"), APITimeoutError),
        (httpx.RemoteProtocolError("eof"), APIConnectionError),
    ],
)
def test_transport_errors(
    api: respx.MockRouter,
    conn: videodb_gen.Connection,
    exc: Exception,
    cls: type[APIConnectionError],
) -> None:
    api.get("/collection/default").mock(side_effect=exc)
    with pytest.raises(cls) as info:
        conn.with_options(max_retries=0).get_collection()
    assert type(info.value) is cls
    assert info.value.__cause__ is exc
    assert info.value.status_code is None
    assert str(info.value).startswith("GET /collection/default: ")


def test_failure_answer_to_a_start_carries_the_method(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.post(GEN).respond(200, json={**accepted(), "data": {"id": "job-1"}})
    coll = collection_of(conn)
    with pytest.raises(APIResponseValidationError) as info:
        coll.generate_video("p")
    assert info.value.method == "POST"


async def test_async_errors_map_the_same_way(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection
) -> None:
    api.get("/collection/default").respond(404, json={"success": False, "message": "nope"})
    with pytest.raises(NotFoundError, match="nope"):
        await aconn.get_collection()
    api.get("/collection/c-2").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError):
        await aconn.with_options(max_retries=0).get_collection("c-2")


def test_undecodable_answer_without_the_sdk_hooks(api: respx.MockRouter) -> None:
    client = httpx.Client()
    conn = videodb_gen.connect(api_key="sk-x", http_client=client)
    client.event_hooks = {"request": [], "response": []}
    api.get("/collection/default").respond(200, content=b"garbage")
    with pytest.raises(APIResponseValidationError, match="JSONDecodeError") as info:
        conn.get_collection()
    assert info.value.status_code is None
    client.close()


@pytest.mark.parametrize(
    "length",
    [
        "1_000",
        "\u0665",  # ARABIC-INDIC DIGIT FIVE
        "\uff16",  # FULLWIDTH DIGIT SIX
        "-0",
        "+6",
        " 6",
        "6 ",
        "6\n",
        "6.",
        ".5",
        "1e3",
        "inf",
        "nan",
        "0x10",
        "",
        -1,
        -0.5,
        math.inf,
        math.nan,
        10**400,
        True,
        [6],
    ],
    ids=lambda value: repr(value)[:12],
)
def test_a_length_outside_the_spec_is_unreadable_naming_the_field(
    api: respx.MockRouter, conn: videodb_gen.Connection, length: object
) -> None:
    api.get("/video/m-z3f8a6c1b2d4e5f6").respond(
        content=json.dumps({"success": True, "data": {**VIDEO, "length": length}}).encode(),
        headers={"content-type": "application/json"},
    )
    with pytest.raises(APIResponseValidationError, match="length must be") as info:
        conn.with_options(max_retries=0).get_video("m-z3f8a6c1b2d4e5f6")
    assert info.value.status_code == 200


@pytest.mark.parametrize(
    ("length", "seconds"),
    [
        ("6", 6.0),
        ("6.25", 6.25),
        ("0", 0.0),
        ("007", 7.0),
        (0, 0.0),
        (6, 6.0),
        (6.5, 6.5),
        (-0.0, 0.0),
    ],
    ids=lambda value: repr(value)[:12],
)
def test_a_length_the_spec_allows_is_read(length: object, seconds: float) -> None:
    read = to_length(length)  # type: ignore[arg-type]
    assert read == seconds
    assert math.copysign(1.0, read or 0.0) == 1.0  # never -0.0
    assert type(read) is float
