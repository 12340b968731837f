"""Every answer of the sandbox names itself in `x-request-id`: a usable id of the caller's, or
its own."""

from __future__ import annotations

import re

import pytest

from tests.sandbox.conftest import GENERATE, MakeInProcess

OWN_ID = re.compile(r"req-[0-9a-f]{16}")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/collection/default"),  # a success
        ("GET", "/collection/c-none"),  # an error of the API
        ("GET", "/no/such/path"),  # a path the spec does not have
        ("DELETE", "/collection/default"),  # a method it does not declare
        ("POST", GENERATE),  # a refused body
        ("GET", "/_sandbox/health"),  # the sandbox's own paths
        ("HEAD", "/collection/default"),
    ],
)
async def test_every_answer_has_its_own_request_id(
    inprocess: MakeInProcess, method: str, path: str
) -> None:
    sandbox = await inprocess()
    first = await sandbox.client.request(method, path)
    second = await sandbox.client.request(method, path)
    ids = [first.headers["x-request-id"], second.headers["x-request-id"]]
    assert all(OWN_ID.fullmatch(one) for one in ids), ids
    assert ids[0] != ids[1]


async def test_a_callers_request_id_is_echoed(inprocess: MakeInProcess) -> None:
    sandbox = await inprocess()
    answer = await sandbox.client.get(
        "/collection/default", headers={"x-request-id": "trace-7.a:b_c-9"}
    )
    assert answer.status_code == 200
    assert answer.headers["x-request-id"] == "trace-7.a:b_c-9"


@pytest.mark.parametrize(
    "sent",
    ["has space", "x" * 129, "semi;colon", "", 'quote"d'],
)
async def test_an_unusable_request_id_is_replaced(inprocess: MakeInProcess, sent: str) -> None:
    sandbox = await inprocess()
    answer = await sandbox.client.get("/collection/default", headers={"x-request-id": sent})
    assert answer.status_code == 200
    assert OWN_ID.fullmatch(answer.headers["x-request-id"])
