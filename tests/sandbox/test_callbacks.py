"""Callbacks: the result is POSTed to callback_url when the job ends, with retries."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import httpx
import pytest
from openapi_schema_validator import OAS31Validator

from tests._servers import free_port
from tests.conftest import SandboxFactory
from tests.sandbox._receiver import Receiver
from tests.sandbox.conftest import AUTH, GENERATE, MakeInProcess


def assert_generation_result(spec: dict[str, Any], payload: Any) -> None:
    """Check `payload` against the spec's callback body schema, `GenerationResult`."""
    schema = {**spec, "$ref": "#/components/schemas/GenerationResult"}
    assert "uri" in OAS31Validator.FORMAT_CHECKER.checkers
    OAS31Validator(schema, format_checker=OAS31Validator.FORMAT_CHECKER).validate(payload)


def _stats(url: str) -> dict[str, Any]:
    stats: dict[str, Any] = httpx.get(f"{url}/_sandbox/stats", timeout=10).json()["callbacks"]
    return stats


def test_callback_delivers_the_video(sandbox_url: str, spec: dict[str, Any]) -> None:
    with Receiver() as receiver, httpx.Client(base_url=sandbox_url, headers=AUTH) as client:
        started = client.post(
            GENERATE, json={"prompt": "a drone", "callback_url": f"{receiver.url}/hook?x=1"}
        )
        assert started.json()["request_type"] == "sync"
        (delivery,) = receiver.wait_for(1)
        assert delivery.path == "/hook?x=1"
        assert delivery.content_type.startswith("application/json")
        assert_generation_result(spec, delivery.body)
        assert delivery.body["success"] is True
        state = client.get(started.json()["data"]["output_url"]).json()
        assert delivery.body["data"] == state["data"]


def test_callback_delivers_a_failure(sandbox_url: str, spec: dict[str, Any]) -> None:
    with Receiver() as receiver, httpx.Client(base_url=sandbox_url, headers=AUTH) as client:
        client.post(
            GENERATE,
            json={"prompt": "x", "callback_url": f"{receiver.url}/hook"},
            headers={"x-mock-fault": "fail"},
        )
        (delivery,) = receiver.wait_for(1)
        assert_generation_result(spec, delivery.body)
        assert delivery.body["success"] is False
        assert delivery.body["message"]


def test_callback_waits_for_the_end_of_the_job(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--job-seconds", "0.6")
    with Receiver() as receiver, httpx.Client(base_url=url, headers=AUTH) as client:
        started_at = time.monotonic()
        client.post(GENERATE, json={"prompt": "x", "callback_url": f"{receiver.url}/"})
        (delivery,) = receiver.wait_for(1)
        assert delivery.at - started_at >= 0.5


def test_failing_receiver_gets_retries(start_sandbox: SandboxFactory, spec: dict[str, Any]) -> None:
    url = start_sandbox("--callback-attempts", "5", "--callback-backoff", "0.05")
    with (
        Receiver(failures=2, fail_status=503) as receiver,
        httpx.Client(base_url=url, headers=AUTH) as client,
    ):
        client.post(GENERATE, json={"prompt": "x", "callback_url": f"{receiver.url}/hook"})
        deliveries = receiver.wait_for(3)
        assert [d.body for d in deliveries[1:]] == [deliveries[0].body] * 2
        # The back-off doubles: at least 0.05 s, then at least 0.1 s between attempts.
        assert deliveries[1].at - deliveries[0].at >= 0.045
        assert deliveries[2].at - deliveries[1].at >= 0.095
        assert_generation_result(spec, deliveries[2].body)
        time.sleep(0.3)
        assert len(receiver.deliveries) == 3
        stats = _stats(url)
        assert (stats["delivered"], stats["failed_attempts"], stats["abandoned"]) == (1, 2, 0)


def test_unreachable_receiver_is_retried_then_abandoned(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--callback-attempts", "3", "--callback-backoff", "0.02")
    dead = f"http://127.0.0.1:{free_port()}/hook"
    with httpx.Client(base_url=url, headers=AUTH) as client:
        assert client.post(GENERATE, json={"prompt": "x", "callback_url": dead}).status_code == 200
        deadline = time.monotonic() + 10
        while _stats(url)["abandoned"] < 1:
            assert time.monotonic() < deadline, _stats(url)
            time.sleep(0.05)
        stats = _stats(url)
        assert (stats["failed_attempts"], stats["delivered"], stats["pending"]) == (3, 0, 0)


@pytest.mark.parametrize(("option", "expected"), [("sync", "sync"), ("async", "async")])
def test_request_type_with_a_callback_is_configurable(
    start_sandbox: SandboxFactory, option: str, expected: str
) -> None:
    url = start_sandbox("--callback-request-type", option)
    with Receiver() as receiver, httpx.Client(base_url=url, headers=AUTH) as client:
        with_callback = client.post(
            GENERATE, json={"prompt": "x", "callback_url": f"{receiver.url}/"}
        ).json()
        without = client.post(GENERATE, json={"prompt": "x"}).json()
        assert with_callback["request_type"] == expected
        assert without["request_type"] == "sync"
        receiver.wait_for(1)


async def test_deliveries_and_failures_are_logged(
    inprocess: MakeInProcess, caplog: pytest.LogCaptureFixture
) -> None:
    box = await inprocess(job_seconds=0, callback_backoff=0.01, callback_attempts=3)
    with Receiver(failures=1) as receiver, caplog.at_level(logging.INFO, "videodb_mock"):
        response = await box.generate(prompt="x", callback_url=f"{receiver.url}/hook")
        job_id = response.json()["data"]["id"]
        deadline = time.monotonic() + 10
        while box.sandbox.callbacks.stats.delivered < 1:
            assert time.monotonic() < deadline, box.sandbox.callbacks.stats
            await asyncio.sleep(0.02)
    failed, delivered = (r for r in caplog.records if job_id in r.getMessage())
    assert failed.levelno == logging.WARNING
    assert "HTTP 500" in failed.getMessage()
    assert delivered.levelno == logging.INFO
    assert "delivered" in delivered.getMessage()
    assert box.sandbox.callbacks.pending == 0
