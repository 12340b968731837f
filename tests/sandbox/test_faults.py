"""Faults on demand: the x-mock-fault header, and server-wide rates with a seed."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from openapi_core import OpenAPI
from videodb_mock import FaultError, parse_faults

from tests._servers import SPEC
from tests.conftest import SandboxFactory
from tests.sandbox.conftest import AUTH, GENERATE, MakeInProcess
from tests.sandbox.test_http import assert_error


@pytest.fixture
def client(sandbox_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox_url, headers=AUTH, timeout=10) as client:
        yield client


def _jobs(client: httpx.Client) -> int:
    return int(client.get("/_sandbox/stats").json()["jobs"])


@pytest.mark.parametrize("status", [500, 502, 503, 504, 429, 402, 422])
def test_status_fault_answers_at_once_and_starts_nothing(client: httpx.Client, status: int) -> None:
    before = _jobs(client)
    response = client.post(GENERATE, json={"prompt": "x"}, headers={"x-mock-fault": str(status)})
    message = assert_error(response, status)
    assert str(status) in message
    assert response.json()["error_code"] == "injected_fault"
    assert _jobs(client) == before


def test_429_carries_retry_after(client: httpx.Client) -> None:
    response = client.get("/collection/default", headers={"x-mock-fault": "429"})
    assert response.status_code == 429
    assert response.headers["retry-after"] == "1"
    response = client.get("/collection/default", headers={"x-mock-fault": "429, retry-after=7"})
    assert response.headers["retry-after"] == "7"


def test_slow(client: httpx.Client) -> None:
    started = time.monotonic()
    response = client.get("/collection/default", headers={"x-mock-fault": "slow=0.4"})
    assert response.status_code == 200
    assert time.monotonic() - started >= 0.4


def test_drop_closes_the_connection_without_an_answer(client: httpx.Client) -> None:
    before = _jobs(client)
    # A closed connection shows as an early end of the stream or as a reset, depending on
    # timing and the server's event loop; either way no answer arrives.
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.post(GENERATE, json={"prompt": "x"}, headers={"x-mock-fault": "drop"})
    assert _jobs(client) == before
    assert client.get("/collection/default").status_code == 200


def test_malformed_is_a_200_that_is_not_json(client: httpx.Client) -> None:
    response = client.get("/collection/default", headers={"x-mock-fault": "malformed"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)


def test_fail_makes_the_job_fail(client: httpx.Client) -> None:
    job = client.post(GENERATE, json={"prompt": "x"}, headers={"x-mock-fault": "fail"}).json()
    state = client.get(job["data"]["output_url"]).json()
    assert state["success"] is False
    assert state["status"] == "failed"
    assert "fail" in state["message"]


class _Call:
    """The request and response a client saw, in openapi-core's protocols."""

    def __init__(self, method: str, path: str, response: httpx.Response) -> None:
        from openapi_core.datatypes import RequestParameters

        self.host_url = "https://api.videodb.io"
        self.path = path
        self.method = method
        self.body: bytes | None = None
        self.content_type = "application/json"
        self.parameters = RequestParameters(header=dict(AUTH))
        self.status_code = response.status_code
        self.data = response.content
        self.headers = response.headers

    @property
    def full_url_pattern(self) -> str:
        return self.host_url + self.path


@pytest.mark.parametrize(
    ("method", "path", "spec_path", "body"),
    [
        ("GET", "/collection/default", "/collection/default", None),
        ("POST", GENERATE, GENERATE, {"prompt": "x"}),
        ("GET", "/async-response/job-x", "/async-response/job-x", None),
        ("GET", "/video/m-x", "/video/m-x", None),
    ],
)
def test_break_shape_answers_200_against_the_spec(
    client: httpx.Client, method: str, path: str, spec_path: str, body: Any
) -> None:
    response = client.request(method, path, json=body, headers={"x-mock-fault": "break-shape"})
    assert response.status_code == 200
    call = _Call(method.lower(), spec_path, response)
    errors = list(OpenAPI.from_file_path(str(SPEC)).response_validator.iter_errors(call, call))
    assert errors, "the break-shape answer should break the spec"


def test_unknown_fault_is_400(client: httpx.Client) -> None:
    message = assert_error(
        client.get("/collection/default", headers={"x-mock-fault": "explode"}), 400
    )
    assert "explode" in message
    assert_error(client.get("/collection/default", headers={"x-mock-fault": "200"}), 400)
    assert_error(client.get("/collection/default", headers={"x-mock-fault": "slow=abc"}), 400)


def test_the_header_can_be_switched_off(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--no-fault-header")
    with httpx.Client(base_url=url, headers=AUTH, timeout=10) as client:
        response = client.get("/collection/default", headers={"x-mock-fault": "500"})
        assert response.status_code == 200


def test_parse_faults() -> None:
    faults = parse_faults("503, retry-after=3, slow=0.5")
    assert (faults.status, faults.retry_after, faults.slow) == (503, 3, 0.5)
    assert parse_faults("fail").fail
    assert parse_faults("break-shape").break_shape
    assert not parse_faults("").alters_answer
    for bad in ("100", "slow=61", "drop=1", "nonsense", "0503", "\u0665\u0660\u0663"):
        with pytest.raises(FaultError):
            parse_faults(bad)


def test_a_huge_fault_header_is_a_short_400(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox()
    with httpx.Client(base_url=url, headers=AUTH, timeout=10) as client:
        for fault in ("5" * 5000, "x" * 5000, "slow=" + "9" * 5000):
            response = client.get("/collection/default", headers={"x-mock-fault": fault})
            assert response.status_code == 400, response.text
            assert len(response.json()["message"]) < 400


async def _statuses(box_maker: MakeInProcess, n: int, **options: Any) -> list[int]:
    box = await box_maker(job_seconds=0, strict=False, **options)
    return [(await box.client.get("/collection/default")).status_code for _ in range(n)]


async def test_rates_are_seeded_and_roughly_right(inprocess: MakeInProcess) -> None:
    rates = {"500": 0.2, "429": 0.1}
    first = await _statuses(inprocess, 400, seed=5, fault_rates=rates)
    assert first == await _statuses(inprocess, 400, seed=5, fault_rates=rates)
    assert first != await _statuses(inprocess, 400, seed=6, fault_rates=rates)
    assert 40 <= first.count(500) <= 120
    assert 15 <= first.count(429) <= 70
    assert first.count(200) == 400 - first.count(500) - first.count(429)


def test_rates_over_http(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--fault-rate", "503=0.3,fail=0.3", "--seed", "3")
    with httpx.Client(base_url=url, headers=AUTH, timeout=10) as client:
        outcomes = set()
        for _ in range(40):
            response = client.post(GENERATE, json={"prompt": "x"})
            if response.status_code == 503:
                outcomes.add("503")
                assert response.headers["retry-after"] == "1"
                continue
            state = client.get(response.json()["data"]["output_url"])
            while state.status_code == 503:
                state = client.get(response.json()["data"]["output_url"])
            outcomes.add("done" if state.json()["success"] else "failed")
        assert outcomes == {"503", "failed", "done"}
