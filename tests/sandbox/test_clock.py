"""A clock the test moves (`--clock manual`): the sandbox's time stands still until
`POST /_sandbox/clock` moves it, and everything that depends on time follows it."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import math
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import videodb_mock
from videodb_mock import SandboxConfig
from videodb_mock._clock import iso
from videodb_mock._state.clock import LATEST, ManualClock, SystemClock

from tests.conftest import SandboxFactory
from tests.sandbox._receiver import Receiver, Stalled
from tests.sandbox.conftest import AUTH, FakeClock, InProcess, MakeInProcess

CLOCK = "/_sandbox/clock"


async def _move(box: InProcess, **body: Any) -> dict[str, Any]:
    answer = await box.client.post(CLOCK, json=body)
    assert answer.status_code == 200, answer.text
    reading: dict[str, Any] = answer.json()
    return reading


async def _state(box: InProcess, job: dict[str, Any]) -> httpx.Response:
    return await box.client.get(job["output_url"])


async def test_a_job_s_life_follows_the_clock(inprocess: MakeInProcess) -> None:
    box = await inprocess(clock="manual", job_seconds=8, ttl_seconds=60)
    start = (await box.client.get(CLOCK)).json()
    assert start["clock"] == "manual"
    with Receiver() as receiver:
        job = (await box.generate(prompt="a drone", callback_url=f"{receiver.url}/hook")).json()
        job = job["data"]
        await asyncio.sleep(0.05)  # real time passes; the sandbox's does not
        assert (await box.client.get(CLOCK)).json() == start
        assert (await _state(box, job)).json()["data"] == {"percentage": 0}

        moved = await _move(box, advance=4)
        assert moved["timestamp"] == start["timestamp"] + 4
        assert (await _state(box, job)).json()["data"] == {"percentage": 50}
        assert receiver.deliveries == []

        await _move(box, advance=4)
        # The callback was delivered before the move answered: no waiting for it.
        (delivery,) = receiver.deliveries
        done = (await _state(box, job)).json()
        assert done["status"] == "done"
        assert delivery.body == {"success": True, "data": done["data"]}
        assert box.sandbox.stats()["callbacks"]["delivered"] == 1

        await _move(box, advance=59.5)
        assert (await _state(box, job)).status_code == 200
        await _move(box, advance=0.5)
        assert (await _state(box, job)).status_code == 404, "expired ttl_seconds after its end"
        assert box.sandbox.stats()["jobs"] == 0, "swept when the clock moved"


async def test_jobs_started_together_have_their_callbacks_sent_by_one_move(
    inprocess: MakeInProcess,
) -> None:
    box = await inprocess(clock="manual", job_seconds=5)
    with Receiver() as receiver:
        for n in range(20):
            await box.generate(prompt=f"drone {n}", callback_url=f"{receiver.url}/hook")
        await _move(box, advance=5)
        names = sorted(delivery.body["data"]["name"] for delivery in receiver.deliveries)
        assert names == sorted(f"drone {n}" for n in range(20))


async def test_retry_after_follows_the_clock(inprocess: MakeInProcess) -> None:
    box = await inprocess(clock="manual", job_seconds=30)
    job = (await box.generate()).json()["data"]
    assert (await _state(box, job)).headers["Retry-After"] == "5"
    await _move(box, advance=27.5)
    assert (await _state(box, job)).headers["Retry-After"] == "3"
    await _move(box, to=iso((await box.client.get(CLOCK)).json()["timestamp"] + 2.5))
    answer = await _state(box, job)
    assert answer.json()["status"] == "done"
    assert "Retry-After" not in answer.headers


async def test_a_callback_s_back_off_follows_the_clock(inprocess: MakeInProcess) -> None:
    box = await inprocess(clock="manual", job_seconds=5, callback_backoff=10, callback_attempts=3)
    with Receiver(failures=2) as receiver:
        await box.generate(prompt="a drone", callback_url=f"{receiver.url}/hook")
        await _move(box, advance=5)
        assert len(receiver.deliveries) == 1, "the first attempt, refused"
        await _move(box, advance=9.9)
        assert len(receiver.deliveries) == 1, "the retry waits 10 s on the clock"
        # One move past both retries (10 s, then 20 s) makes both, each at its own time.
        await _move(box, advance=30.1)
        assert len(receiver.deliveries) == 3
        assert receiver.deliveries[1].body == receiver.deliveries[2].body
        stats = box.sandbox.stats()["callbacks"]
        assert stats["delivered"] == 1
        assert stats["failed_attempts"] == 2
        assert stats["pending"] == 0


async def test_a_receiver_that_hangs_holds_a_move_no_longer_than_an_attempt(
    inprocess: MakeInProcess,
) -> None:
    box = await inprocess(clock="manual", job_seconds=1, callback_timeout=0.2, callback_attempts=2)
    stalled = Stalled()
    await stalled.start(1)
    try:
        await box.generate(prompt="a drone", callback_url=stalled.urls[0])
        await _move(box, advance=1)
        stats = box.sandbox.stats()["callbacks"]
        assert stats["failed_attempts"] == 1, "the attempt timed out before the move answered"
        assert stats["pending"] == 1, "its retry waits on the clock"
    finally:
        await stalled.stop()


async def test_a_signed_url_expires_when_the_clock_passes_its_lifetime(
    inprocess: MakeInProcess,
) -> None:
    box = await inprocess(clock="manual", signed_url_seconds=50, ttl_seconds=1000)
    answer = await box.client.get("/collection/default/upload_url", params={"name": "prompt.txt"})
    url = answer.json()["data"]["upload_url"]
    await _move(box, advance=50)
    refused = await box.client.post(url, files={"file": ("prompt.txt", b"late", "text/plain")})
    assert refused.status_code == 403
    assert "expired" in refused.json()["message"]


async def test_an_upload_expires_with_the_ttl_on_the_clock(inprocess: MakeInProcess) -> None:
    box = await inprocess(clock="manual", ttl_seconds=10, text_answer="at-once")
    answer = await box.client.get("/collection/default/upload_url", params={"name": "prompt.txt"})
    url = answer.json()["data"]["upload_url"]
    taken = await box.client.post(url, files={"file": ("p.txt", b"a prompt", "text/plain")})
    assert taken.status_code == 200, taken.text
    text = "/collection/default/generate/text/"
    await _move(box, advance=9.5)
    assert (await box.client.post(text, json={"prompt_url": url})).status_code == 200
    await _move(box, advance=0.5)
    assert (await box.client.post(text, json={"prompt_url": url})).status_code == 404


async def test_a_download_follows_the_clock(inprocess: MakeInProcess) -> None:
    box = await inprocess(clock="manual", job_seconds=6)
    job = (await box.generate()).json()["data"]
    await _move(box, advance=6)
    video = (await _state(box, job)).json()["data"]
    started = await box.client.post("/download", json={"stream_link": video["stream_url"]})
    assert started.status_code == 200, started.text
    download = f"/download/{started.json()['data']['id']}"
    await _move(box, advance=3)
    assert (await box.client.get(download)).json()["data"]["status"] == "processing"
    await _move(box, advance=3)
    assert (await box.client.get(download)).json()["data"]["status"] == "done"


async def test_max_jobs_drops_the_oldest_and_the_ttl_the_ended(inprocess: MakeInProcess) -> None:
    box = await inprocess(clock="manual", job_seconds=1, ttl_seconds=5, max_jobs=2)
    jobs = [(await box.generate()).json()["data"] for _ in range(3)]
    assert (await _state(box, jobs[0])).status_code == 404, "dropped by --max-jobs"
    await _move(box, advance=5.5)
    assert (await _state(box, jobs[2])).status_code == 200
    await _move(box, advance=0.5)
    assert (await _state(box, jobs[2])).status_code == 404


async def test_moves_made_at_once_are_made_one_after_the_other(
    inprocess: MakeInProcess,
) -> None:
    box = await inprocess(clock="manual", job_seconds=10)
    start = (await box.client.get(CLOCK)).json()["timestamp"]
    job = (await box.generate()).json()["data"]
    moves = [box.client.post(CLOCK, json={"advance": 3}) for _ in range(3)]
    answers = await asyncio.gather(*moves)
    assert sorted(answer.json()["timestamp"] - start for answer in answers) == [3, 6, 9]
    assert (await _state(box, job)).json()["data"] == {"percentage": 90}


async def test_moving_to_a_time_sets_the_clock_there(inprocess: MakeInProcess) -> None:
    box = await inprocess(clock="manual")
    reading = await _move(box, to="2099-01-02T03:04:05+01:00")
    assert reading["time"] == "2099-01-02T02:04:05.000000Z"
    stamp = datetime.datetime(2099, 1, 2, 2, 4, 5, tzinfo=datetime.UTC).timestamp()
    assert reading["timestamp"] == stamp
    assert (await _move(box, to=reading["time"])) == reading, "the same time is no move"
    video = (await box.generate()).json()
    assert video["status"] == "processing"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"advance": -1}, "advance: must be 0 or more seconds (the clock never goes back), got -1"),
        ({"advance": "5"}, "advance: must be a number of seconds, got '5'"),
        ({"advance": True}, "advance: must be a number of seconds, got True"),
        ({"advance": None}, "advance: must be a number of seconds, got None"),
        ({"advance": 10**400}, "advance: must not take the clock past 9999-12-31T23:59:59"),
        ({"advance": 1, "to": "2099-01-01T00:00:00Z"}, "body: holds both advance and to"),
        ({}, "body: must hold advance or to"),
        ({"advance": 1, "speed": 2}, "body: unknown field 'speed'; a move has advance or to"),
        ([1], "body: must be a JSON object"),
        ({"to": "2000-01-01T00:00:00Z"}, "to: 2000-01-01T00:00:00Z is before the clock's time"),
        ({"to": "0001-01-01T00:00:00+01:00"}, "to: 0001-01-01T00:00:00+01:00 is before"),
        ({"to": "9999-12-31T23:59:59-01:00"}, "to: must not take the clock past 9999-12-31"),
        ({"to": "2099-01-01T00:00:00"}, "to: must be an ISO 8601 time with its UTC offset"),
        ({"to": "soon"}, "to: must be an ISO 8601 time with its UTC offset"),
        ({"to": 5}, "to: must be an ISO 8601 time as a string, got 5"),
    ],
)
async def test_a_bad_move_is_a_400_naming_the_field_and_the_rule(
    inprocess: MakeInProcess, body: Any, message: str
) -> None:
    box = await inprocess(clock="manual")
    before = (await box.client.get(CLOCK)).json()
    answer = await box.client.post(CLOCK, json=body)
    assert answer.status_code == 400
    assert answer.json()["success"] is False
    assert answer.json()["error_code"] == "invalid_request"
    assert answer.json()["message"].startswith(message), answer.json()["message"]
    assert (await box.client.get(CLOCK)).json() == before, "a refused move moves nothing"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"advance": NaN}', "body: not valid JSON (NaN is not a JSON number)"),
        (b'{"advance": Infinity}', "body: not valid JSON (Infinity is not a JSON number)"),
        (b'{"advance": 1e999}', "advance: must be a finite number of seconds, got inf"),
        (b"", "body: not valid JSON"),
    ],
)
async def test_a_move_that_is_not_a_number_is_a_400(
    inprocess: MakeInProcess, raw: bytes, message: str
) -> None:
    box = await inprocess(clock="manual")
    answer = await box.client.post(CLOCK, content=raw)
    assert answer.status_code == 400
    assert answer.json()["message"].startswith(message), answer.json()["message"]


async def test_the_clock_s_path_allows_get_and_post(inprocess: MakeInProcess) -> None:
    box = await inprocess(clock="manual")
    answer = await box.client.put(CLOCK, json={"advance": 1})
    assert answer.status_code == 405
    assert answer.headers["Allow"] == "GET, HEAD, POST"
    head = await box.client.head(CLOCK)
    assert head.status_code == 200
    assert head.content == b""


async def test_the_wall_clock_is_the_default_and_cannot_be_moved(
    inprocess: MakeInProcess,
) -> None:
    box = await inprocess(job_seconds=8)
    reading = (await box.client.get(CLOCK)).json()
    assert reading["clock"] == "wall"
    # The in-process sandbox's wall clock is the machine's (only its monotonic one is faked).
    assert abs(reading["timestamp"] - datetime.datetime.now(datetime.UTC).timestamp()) < 600
    assert reading["time"] == iso(reading["timestamp"])
    answer = await box.client.post(CLOCK, json={"advance": 8})
    assert answer.status_code == 409
    body = answer.json()
    assert body["success"] is False
    assert body["error_code"] == "clock_not_manual"
    assert "wall clock" in body["message"]
    assert "--clock manual" in body["message"]
    job = (await box.generate()).json()["data"]
    assert (await _state(box, job)).json()["data"] == {"percentage": 0}, "nothing moved"
    box.clock.advance(4)  # the faked monotonic clock still drives the jobs
    assert (await _state(box, job)).json()["data"] == {"percentage": 50}


@contextlib.asynccontextmanager
async def _on_folder(folder: Path, **options: Any) -> AsyncIterator[InProcess]:
    options = {"clock": "manual", **options}
    config = SandboxConfig(state_dir=str(folder), strict=True, **options)
    app = videodb_mock.create_app(config, base_url="http://sandbox.test")
    box = InProcess(app, FakeClock())  # unused: the manual clock is moved by POST
    try:
        yield box
    finally:
        await box.aclose()
    assert not app.sandbox.violations, app.sandbox.violations


async def test_a_restarted_manual_clock_resumes_where_it_stood(tmp_path: Path) -> None:
    """The journal keeps times on the sandbox's clock: a restart on the same folder resumes
    at the time the clock stood when the sandbox stopped, so jobs are where they were."""
    with Receiver() as receiver:
        async with _on_folder(tmp_path, job_seconds=10, ttl_seconds=100) as box:
            body = {"prompt": "kept", "duration": 6, "callback_url": f"{receiver.url}/hook"}
            job = (await box.generate(**body)).json()["data"]
            stood = await _move(box, advance=4)

        await asyncio.sleep(0.05)  # real time passes while the sandbox is stopped
        async with _on_folder(tmp_path, job_seconds=10, ttl_seconds=100) as box:
            assert (await box.client.get(CLOCK)).json() == stood
            assert (await _state(box, job)).json()["data"] == {"percentage": 40}
            await _move(box, advance=6)
            (delivery,) = receiver.deliveries
            assert delivery.body["data"] == (await _state(box, job)).json()["data"]
            later = await _move(box, advance=50)

        async with _on_folder(tmp_path, job_seconds=10, ttl_seconds=100) as box:
            assert (await box.client.get(CLOCK)).json()["timestamp"] == later["timestamp"]
            assert receiver.deliveries == [delivery], "a delivered callback is not sent again"
            await _move(box, advance=50)
            assert (await _state(box, job)).status_code == 404

    async with _on_folder(tmp_path, clock="wall") as box:
        assert (await box.client.get(CLOCK)).json()["clock"] == "wall"
    earliest = math.floor(time.time())
    async with _on_folder(tmp_path) as box:
        reading = (await box.client.get(CLOCK)).json()
        assert reading["clock"] == "manual"
        assert earliest <= reading["timestamp"] <= time.time(), "the wall time, once a wall"
        assert reading["timestamp"] == int(reading["timestamp"]), "to the second"


def test_the_command_s_manual_clock_and_its_flag(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--clock", "manual", "--job-seconds", "8")
    with httpx.Client(base_url=url, headers=AUTH, timeout=30) as client:
        job = client.post("/collection/default/generate/video/", json={"prompt": "a drone"})
        output = url + "/async-response/" + job.json()["data"]["id"]
        assert client.get(output).json()["data"] == {"percentage": 0}
        moved = client.post(CLOCK, json={"advance": 8})
        assert moved.status_code == 200
        assert moved.json()["clock"] == "manual"
        assert client.get(output).json()["status"] == "done"


def test_a_manual_clock_s_timers_run_in_order_and_can_be_cancelled() -> None:
    async def run() -> list[str]:
        clock = ManualClock(1000.0)
        calls: list[str] = []
        clock.call_at(1003.0, lambda: calls.append(f"3 at {clock.monotonic():g}"))
        clock.call_at(1001.0, lambda: calls.append(f"1 at {clock.monotonic():g}"))
        clock.call_at(1002.0, lambda: calls.append("cancelled")).cancel()
        clock.call_at(999.0, lambda: calls.append("due already"))
        await asyncio.sleep(0)
        await clock.advance_to(1005.0, settle=1.0)
        await clock.advance_to(1004.0, settle=1.0)  # never back
        calls.append(f"now {clock.wall():g}")
        return calls

    assert asyncio.run(run()) == ["due already", "1 at 1001", "3 at 1003", "now 1005"]


def test_the_system_clock_reads_the_clocks_it_is_given() -> None:
    async def run() -> tuple[float, float, bool]:
        clock = SystemClock(lambda: 5.0, lambda: 7.0)
        woken = asyncio.Event()
        clock.call_at(4.0, woken.set)  # due already: at the loop's next turn
        await clock.sleep(0.01)
        task = asyncio.create_task(asyncio.sleep(0))
        clock.track(task)  # nothing waits for it
        await task
        return clock.monotonic(), clock.wall(), woken.is_set()

    assert asyncio.run(run()) == (5.0, 7.0, True)
    last = datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=datetime.UTC)
    assert math.isclose(LATEST, last.timestamp())
