"""An error about an answer carries the id the server gave it, and shows it."""

from __future__ import annotations

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import APIResponseValidationError, APIStatusError, NotFoundError

from .conftest import COLLECTION


@pytest.mark.parametrize("header", ["x-request-id", "X-Request-ID", "request-id"])
def test_a_status_error_carries_the_request_id(
    api: respx.MockRouter, conn: videodb_gen.Connection, header: str
) -> None:
    api.get("/collection/c-gone").respond(
        404, json={"success": False, "message": "Collection not found"}, headers={header: "r-42"}
    )
    with pytest.raises(NotFoundError) as info:
        conn.get_collection("c-gone")
    assert info.value.request_id == "r-42"
    assert str(info.value) == "404 GET /collection/c-gone: Collection not found (request id r-42)"


def test_x_request_id_is_preferred(api: respx.MockRouter, conn: videodb_gen.Connection) -> None:
    api.get("/collection/default").respond(
        500,
        json={"success": False, "message": "down"},
        headers={"request-id": "b", "x-request-id": "a"},
    )
    with pytest.raises(videodb_gen.InternalServerError) as info:
        conn.with_options(max_retries=0).get_collection()
    assert info.value.request_id == "a"


def test_without_one_it_is_none(api: respx.MockRouter, conn: videodb_gen.Connection) -> None:
    api.get("/collection/default").respond(402, json={"success": False, "message": "No credits"})
    with pytest.raises(videodb_gen.PaymentRequiredError) as info:
        conn.get_collection()
    assert info.value.request_id is None
    assert str(info.value) == "402 GET /collection/default: No credits"


def test_an_unreadable_answer_carries_it_too(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get("/collection/default").respond(200, json={"odd": 1}, headers={"x-request-id": "r-7"})
    with pytest.raises(APIResponseValidationError) as info:
        conn.get_collection()
    assert info.value.request_id == "r-7"
    assert str(info.value).endswith("(request id r-7)")


def test_a_length_the_sdk_refuses_carries_it(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    bad = {"success": True, "data": {"id": "m-1", "stream_url": "https://s/x.m3u8", "length": -1}}
    api.get("/video/m-1").respond(json=bad, headers={"x-request-id": "r-8"})
    with pytest.raises(APIResponseValidationError) as info:
        conn.get_video("m-1")
    assert info.value.request_id == "r-8"


def test_no_answer_has_no_request_id(api: respx.MockRouter, conn: videodb_gen.Connection) -> None:
    api.get("/collection/default").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(videodb_gen.APIConnectionError) as info:
        conn.with_options(max_retries=0).get_collection()
    assert info.value.request_id is None


def test_an_error_made_by_hand_reads_it_from_its_headers() -> None:
    error = APIStatusError(
        "m", method="GET", path="/p", status_code=418, headers={"X-Request-Id": "h-1"}
    )
    assert error.request_id == "h-1"
    given = APIStatusError(
        "m", method="GET", path="/p", status_code=418, headers={"x-request-id": "h"}, request_id="g"
    )
    assert given.request_id == "g"


def test_a_success_is_unchanged(api: respx.MockRouter, conn: videodb_gen.Connection) -> None:
    api.get("/collection/default").respond(json=COLLECTION, headers={"x-request-id": "ok"})
    assert conn.get_collection().id == "default"


def test_the_sandboxs_request_id_reaches_the_error(sandbox_url: str, api_key: str) -> None:
    with (
        videodb_gen.connect(api_key=api_key, base_url=sandbox_url) as conn,
        pytest.raises(NotFoundError) as info,
    ):
        conn.get_collection("c-none")
    request_id = info.value.request_id
    assert request_id is not None
    assert request_id.startswith("req-")
    assert info.value.headers["x-request-id"] == request_id
    assert str(info.value).endswith(f"(request id {request_id})")
