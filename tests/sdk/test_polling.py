"""Waiting for a generation: every poll shape, failures, deadlines, hints and the schedule."""

from __future__ import annotations

import math
import random
from typing import Any

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import GenerationFailedError, GenerationTimeoutError, InvalidVideoIdError, Video
from videodb_gen._polling import PollSchedule, PollSettings
from videodb_gen._results import public_fields

from .conftest import (
    JOB,
    VIDEO,
    FakeClock,
    accepted,
    collection_of,
    complete,
    done,
    job_of,
    running,
)

GEN = "/collection/default/generate/video/"
POLL = f"/async-response/{JOB}"
PROMPT = "A drone flying over a futuristic city"


def _coll(conn: videodb_gen.Connection) -> videodb_gen.Collection:
    return collection_of(conn)


def _answers(*bodies: dict[str, Any]) -> list[httpx.Response]:
    return [httpx.Response(200, json=body) for body in bodies]


@pytest.mark.parametrize(
    "finished",
    [done(), complete(), complete({**VIDEO, "length": "6.0"}), done({**VIDEO, "length": 6})],
    ids=["flat", "wrapped", "wrapped-string-length", "flat-int-length"],
)
def test_waits_through_both_running_words_to_either_finished_shape(
    api: respx.MockRouter, conn: videodb_gen.Connection, finished: dict[str, Any]
) -> None:
    api.post(GEN).respond(json=accepted())
    route = api.get(POLL).mock(
        side_effect=_answers(running(10), running(status="in progress"), finished)
    )
    video = _coll(conn).generate_video(prompt=PROMPT, duration=6)
    assert isinstance(video, videodb_gen.Video)
    assert video.id == VIDEO["id"]
    assert video.stream_url.endswith(".m3u8")
    assert video.length == 6.0
    assert isinstance(video.length, float)
    assert route.call_count == 3


@pytest.mark.parametrize(
    "failure",
    [
        {"success": False, "status": "failed", "message": "rejected", "error_code": "policy"},
        {
            "status": "complete",
            "response": {"success": False, "message": "rejected", "error_code": "policy"},
        },
    ],
    ids=["outside-response", "inside-response"],
)
def test_failed_job_raises_with_message_and_job_id(
    api: respx.MockRouter, conn: videodb_gen.Connection, failure: dict[str, Any]
) -> None:
    api.post(GEN).respond(json=accepted())
    api.get(POLL).mock(side_effect=_answers(running(), failure))
    with pytest.raises(GenerationFailedError) as info:
        _coll(conn).generate_video(PROMPT)
    assert info.value.job_id == JOB
    assert info.value.message == "rejected"
    assert info.value.error_code == "policy"
    assert JOB in str(info.value)
    assert "rejected" in str(info.value)


def test_refresh_reports_a_failure_without_raising(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get(POLL).respond(json={"success": False, "message": "boom"})
    job = conn.get_job(JOB)
    assert job.status == "failed"
    assert job.finished
    assert job.message == "boom"
    assert job.error_code is None
    with pytest.raises(GenerationFailedError, match="boom"):
        job.wait()


def test_non_m_video_id_is_an_error_naming_the_id(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.post(GEN).respond(json=accepted())
    api.get(POLL).respond(json=done({**VIDEO, "id": "v-123"}))
    with pytest.raises(InvalidVideoIdError, match="'v-123'") as info:
        _coll(conn).generate_video(PROMPT)
    assert info.value.video_id == "v-123"


def test_get_video_checks_the_id_too(api: respx.MockRouter, conn: videodb_gen.Connection) -> None:
    api.get("/video/m-z3f8a6c1b2d4e5f6").respond(
        json={"success": True, "data": {**VIDEO, "id": "123"}}
    )
    with pytest.raises(InvalidVideoIdError, match="'123'"):
        conn.get_video("m-z3f8a6c1b2d4e5f6")


def test_get_video_passes_the_collection(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    route = api.get("/video/m-z3f8a6c1b2d4e5f6").respond(json={"success": True, "data": VIDEO})
    video = _coll(conn).get_video("m-z3f8a6c1b2d4e5f6")
    assert public_fields(video) == public_fields(videodb_gen.VideoInfo(**VIDEO))
    assert route.calls.last.request.url.params["collection_id"] == "default"


def test_wait_false_returns_the_job_and_it_can_be_resumed(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    post = api.post(GEN).respond(json=accepted())
    api.get(POLL).mock(side_effect=_answers(running(50), done()))
    job = _coll(conn).generate_video(PROMPT, 7, "https://example.com/hook", wait=False)
    assert isinstance(job, videodb_gen.GenerationJob)
    assert (job.id, job.status, job.percentage, job.finished) == (JOB, "processing", None, False)
    assert job.output_url == f"https://api.videodb.io{POLL}"
    assert post.calls.last.request.read() == (
        b'{"prompt":"A drone flying over a futuristic city","duration":7,'
        b'"callback_url":"https://example.com/hook"}'
    )
    later = job.refresh()
    assert (later.status, later.percentage) == ("processing", 50.0)
    assert later != job
    assert job.wait(poll_interval=0.01).id == VIDEO["id"]


def test_callback_url_none_is_not_sent(api: respx.MockRouter, conn: videodb_gen.Connection) -> None:
    post = api.post(GEN).respond(json=accepted())
    _coll(conn).generate_video(PROMPT, wait=False)
    assert post.calls.last.request.read() == (
        b'{"prompt":"A drone flying over a futuristic city","duration":5}'
    )


def test_async_request_type_returns_the_job_even_when_waiting(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.post(GEN).respond(json=accepted(request_type="async"))
    polls = api.get(POLL).respond(json=done())
    job = _coll(conn).generate_video(PROMPT, callback_url="https://example.com/hook")
    assert isinstance(job, videodb_gen.GenerationJob)
    assert job.request_type == "async"
    assert polls.call_count == 0


def test_async_request_type_without_a_callback_is_waited_for(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    # Nothing else would deliver the result: polling is the only way to it.
    api.post(GEN).respond(json=accepted(request_type="async"))
    polls = api.get(POLL).respond(json=done())
    video = _coll(conn).generate_video(PROMPT)
    assert isinstance(video, videodb_gen.Video)
    assert polls.call_count == 1


def test_deadline_raises_a_timeout_carrying_the_job_id(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.post(GEN).respond(json=accepted())
    api.get(POLL).respond(json=running())
    start = clock.now
    with pytest.raises(GenerationTimeoutError) as info:
        _coll(conn).generate_video(PROMPT, timeout=10)
    assert info.value.job_id == JOB
    assert info.value.timeout == 10
    assert JOB in str(info.value)
    assert isinstance(info.value, TimeoutError)
    assert clock.now - start == pytest.approx(10)
    assert max(clock.sleeps) <= 3.0


def test_connection_wait_timeout_is_the_default_deadline(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.get(POLL).respond(json=running())
    job = conn.get_job(JOB)
    start = clock.now
    with pytest.raises(GenerationTimeoutError):
        conn.with_options(wait_timeout=4).get_job(JOB).wait()
    assert clock.now - start == pytest.approx(4)
    with pytest.raises(GenerationTimeoutError):
        job.wait(timeout=1)


def test_retry_after_on_a_running_answer_sets_the_next_poll(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.post(GEN).respond(json=accepted())
    api.get(POLL).mock(
        side_effect=[
            httpx.Response(200, json=running(), headers={"Retry-After": "4"}),
            httpx.Response(200, json=done()),
        ]
    )
    _coll(conn).generate_video(PROMPT)
    assert clock.sleeps[1] == 4.0


def test_fixed_poll_interval(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.post(GEN).respond(json=accepted())
    api.get(POLL).mock(side_effect=_answers(running(), running(), done()))
    _coll(conn).generate_video(PROMPT, poll_interval=0.7)
    assert clock.sleeps == [0.7, 0.7, 0.7]


def test_on_progress_sees_each_new_state(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.post(GEN).respond(json=accepted())
    api.get(POLL).mock(side_effect=_answers(running(20), running(20), running(60), done()))
    seen: list[videodb_gen.GenerationJob[Video]] = []
    _coll(conn).generate_video(PROMPT, on_progress=seen.append)
    assert [(j.status, j.percentage) for j in seen] == [
        ("processing", None),
        ("processing", 20.0),
        ("processing", 60.0),
        ("done", 100.0),
    ]
    assert all(j.id == JOB for j in seen)
    assert seen[-1].video is not None


def test_poll_errors_surface_after_retries(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.post(GEN).respond(json=accepted())
    route = api.get(POLL).respond(404, json={"success": False, "message": "Unknown job"})
    with pytest.raises(videodb_gen.NotFoundError, match="Unknown job"):
        _coll(conn).generate_video(PROMPT)
    assert route.call_count == 1


def test_percentage_is_clamped(api: respx.MockRouter, conn: videodb_gen.Connection) -> None:
    api.get(POLL).mock(side_effect=_answers(running(140), running(-3)))
    assert conn.get_job(JOB).percentage == 100.0
    assert conn.get_job(JOB).percentage == 0.0


async def test_async_generation_end_to_end(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection, clock: FakeClock
) -> None:
    api.get("/collection/default").respond(json={"success": True, "data": {"id": "default"}})
    api.post(GEN).respond(json=accepted())
    api.get(POLL).mock(side_effect=_answers(running(30), running(status="in progress"), complete()))
    coll = await aconn.get_collection()
    assert isinstance(coll, videodb_gen.AsyncCollection)
    seen: list[videodb_gen.AsyncGenerationJob[videodb_gen.AsyncVideo]] = []
    video = await coll.generate_video(PROMPT, duration=6, on_progress=seen.append)
    assert isinstance(video, videodb_gen.AsyncVideo)
    assert video.length == 6.0
    assert [j.status for j in seen] == ["processing", "processing", "processing", "done"]


async def test_async_jobs_refresh_wait_fail_and_time_out(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection, clock: FakeClock
) -> None:
    coll = collection_of(aconn)
    api.post(GEN).respond(json=accepted(request_type="sync"))
    api.get(POLL).mock(
        side_effect=_answers(
            running(10),
            {"status": "complete", "response": {"success": False, "message": "no"}},
        )
    )
    job = await coll.generate_video(PROMPT, wait=False)
    assert isinstance(job, videodb_gen.AsyncGenerationJob)
    assert (await job.refresh()).percentage == 10.0
    with pytest.raises(GenerationFailedError) as info:
        await job.wait(poll_interval=0.5)
    assert info.value.job_id == JOB
    api.get("/async-response/job-2").respond(json=running(), headers={"Retry-After": "1"})
    slow = await aconn.get_job("job-2")
    with pytest.raises(GenerationTimeoutError) as timeout:
        await slow.wait(timeout=5)
    assert timeout.value.job_id == "job-2"
    api.post("/collection/c-9/generate/video/").respond(json=accepted(request_type="async"))
    returned = await collection_of(aconn, "c-9").generate_video(
        PROMPT, callback_url="https://example.com/hook"
    )
    assert isinstance(returned, videodb_gen.AsyncGenerationJob)
    api.get("/video/m-1").respond(json={"success": True, "data": {**VIDEO, "id": "m-1"}})
    assert (await coll.get_video("m-1")).id == "m-1"


# The schedule.


def _simulate(
    job_seconds: float, *, with_percentage: bool, seed: int, with_hint: bool = False
) -> tuple[float, int]:
    """Poll a job lasting `job_seconds` on the schedule; return (lag after its end, polls).

    The simulated server reports `percentage` as a truncated int (at most 99) and, with
    `with_hint`, a `Retry-After` of the remaining seconds rounded up (1 to 5), as the sandbox
    does.
    """
    settings = PollSettings()
    rng = random.Random(seed)
    latency = rng.uniform(0.002, 0.03)
    schedule = PollSchedule(settings, started_at=0.0, rng=rng)
    now = latency
    polls = 0
    hint: float | None = None
    while True:
        now += schedule.next_delay(now, hint)
        polls += 1
        elapsed = now - latency / 2
        if elapsed >= job_seconds:
            return elapsed - job_seconds, polls
        pct = min(99, int(100 * elapsed / job_seconds)) if with_percentage else None
        hint = max(1, math.ceil(min(job_seconds - elapsed, 5))) if with_hint else None
        schedule.observe(now, pct)


@pytest.mark.parametrize("with_hint", [False, True])
@pytest.mark.parametrize("job_seconds", [3.0, 8.0, 20.0])
def test_schedule_meets_the_latency_target(job_seconds: float, with_hint: bool) -> None:
    results = [
        _simulate(job_seconds, with_percentage=True, with_hint=with_hint, seed=s) for s in range(50)
    ]
    lags = sorted(lag for lag, _ in results)
    assert lags[len(lags) // 2] <= 0.25
    assert max(polls for _, polls in results) <= 12


def test_hint_alone_is_followed() -> None:
    lag, polls = _simulate(8.0, with_percentage=False, with_hint=True, seed=0)
    assert lag < 1.0
    assert polls <= 5


def test_schedule_without_percentage_backs_off_to_the_cap() -> None:
    schedule = PollSchedule(PollSettings(), rng=random.Random(3))
    delays = [schedule.next_delay(float(n)) for n in range(12)]
    assert 0.24 <= delays[0] <= 0.36
    assert delays[:4] == sorted(delays[:4])
    assert all(d <= 3.0 for d in delays)
    assert delays[-1] >= 2.4
    lag, polls = _simulate(8.0, with_percentage=False, seed=1)
    assert lag <= 3.0
    assert polls <= 12


def test_schedule_estimates_the_end_from_two_samples_when_start_is_unknown() -> None:
    schedule = PollSchedule(PollSettings(), rng=random.Random(0))
    assert schedule.estimated_end() is None
    schedule.observe(10.0, 20.25)
    assert schedule.estimated_end() is None
    schedule.observe(12.0, 40.25)
    assert schedule.estimated_end() == pytest.approx(17.975)
    assert schedule.next_delay(12.0) == 3.0
    assert schedule.next_delay(16.0) == pytest.approx(2.025)
    assert schedule.next_delay(17.975) == pytest.approx(0.1)
    assert schedule.next_delay(18.1) == pytest.approx(0.15)


def test_whole_percentages_count_as_half_a_point_more() -> None:
    schedule = PollSchedule(PollSettings(), started_at=0.0)
    schedule.observe(1.0, 9)  # truly 9.0 to 9.99: estimated 9.5 per second
    assert schedule.estimated_end() == pytest.approx(1.0 + 90.5 / 9.5)
    schedule.observe(2.0, 100)
    assert schedule.estimated_end() == pytest.approx(2.0)
    schedule.observe(18.2, 10)  # the job restarted: start the estimate again
    assert schedule.estimated_end() is None
    schedule.observe(18.3, None)
    assert schedule.estimated_end() is None


def test_schedule_ignores_no_progress_and_honours_hints() -> None:
    schedule = PollSchedule(PollSettings(poll_interval=1.0), started_at=0.0)
    schedule.observe(1.0, 0)
    assert schedule.estimated_end() is None
    assert schedule.next_delay(1.0) == 1.0
    assert schedule.next_delay(1.0, retry_after=5.0) == 5.0
    assert schedule.next_delay(1.0, retry_after=0.2) == 1.0  # a hint only lengthens it
    assert PollSchedule(PollSettings()).next_delay(0.0, retry_after=-2) == 0.1
    assert PollSchedule(PollSettings()).next_delay(0.0, retry_after=0.5) == 0.5


def test_the_earlier_of_hint_and_estimate_wins() -> None:
    schedule = PollSchedule(PollSettings(), started_at=0.0)
    schedule.observe(1.0, 50.5)  # ends at 1.0 + 49.5 / 50.5
    assert schedule.next_delay(1.0, retry_after=2.0) == pytest.approx(49.5 / 50.5 + 0.05)
    assert schedule.next_delay(1.0, retry_after=0.5) == 0.5


def test_an_unreachable_api_while_waiting_ends_at_the_deadline(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.post(GEN).respond(json=accepted())
    polls = api.get(POLL).mock(side_effect=httpx.ConnectError("down"))
    start = clock.now
    with pytest.raises(GenerationTimeoutError) as info:
        _coll(conn.with_options(max_retries=50)).generate_video(PROMPT, timeout=5)
    assert info.value.job_id == JOB
    assert isinstance(info.value.__cause__, videodb_gen.APIConnectionError)
    assert info.value.__cause__.job_id == JOB
    assert clock.now - start <= 5
    assert polls.call_count >= 2
    for call in polls.calls:
        assert call.request.extensions["timeout"]["read"] <= 5


def test_poll_errors_carry_the_job_id(api: respx.MockRouter, conn: videodb_gen.Connection) -> None:
    api.get("/async-response/job-gone").respond(404, json={"success": False, "message": "gone"})
    with pytest.raises(videodb_gen.NotFoundError) as info:
        conn.get_job("job-gone")
    assert info.value.job_id == "job-gone"
    api.get("/collection/default").respond(404, json={"success": False, "message": "gone"})
    with pytest.raises(videodb_gen.NotFoundError) as other:
        conn.get_collection()
    assert other.value.job_id is None


async def test_async_unreachable_api_and_poll_errors(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection, clock: FakeClock
) -> None:
    api.get(POLL).mock(side_effect=httpx.ReadTimeout("slow"))
    patient = aconn.with_options(max_retries=50)
    job = job_of(patient, JOB)
    with pytest.raises(GenerationTimeoutError) as info:
        await job.wait(timeout=3)
    assert isinstance(info.value.__cause__, videodb_gen.APITimeoutError)
    assert info.value.__cause__.job_id == JOB
    brief = job_of(aconn, JOB)
    with pytest.raises(videodb_gen.APITimeoutError) as exhausted:
        await brief.wait(timeout=60)  # the retries run out long before the deadline
    assert exhausted.value.job_id == JOB
    api.get("/async-response/job-gone").respond(404, json={"success": False, "message": "gone"})
    gone = job_of(aconn, "job-gone")
    with pytest.raises(videodb_gen.NotFoundError) as missing:
        await gone.wait()
    assert missing.value.job_id == "job-gone"


def _past_date() -> str:
    return "Wed, 21 Oct 2015 07:28:00 GMT"


@pytest.mark.parametrize("hint", ["0", "0.0", _past_date()], ids=["zero", "zero-float", "past"])
@pytest.mark.parametrize(
    ("poll_interval", "most"), [(None, 3 / 0.1 + 1), (1.0, 3 + 1)], ids=["adaptive", "fixed"]
)
def test_a_hint_of_now_never_polls_faster_than_the_schedule(
    api: respx.MockRouter,
    conn: videodb_gen.Connection,
    clock: FakeClock,
    *,
    hint: str,
    poll_interval: float | None,
    most: float,
) -> None:
    def answer(_request: httpx.Request) -> httpx.Response:
        clock.now += 0.001  # as a request takes a little time
        return httpx.Response(200, json=running(), headers={"Retry-After": hint})

    polls = api.get(POLL).mock(side_effect=answer)
    with pytest.raises(GenerationTimeoutError):
        job_of(conn, JOB).wait(timeout=3, poll_interval=poll_interval)
    assert polls.call_count <= most
    shortest = 0.1 if poll_interval is None else poll_interval
    assert min(clock.sleeps[:-1]) >= shortest  # the last sleep is cut to the deadline


def test_a_longer_hint_still_lengthens_a_fixed_interval(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    api.get(POLL).mock(
        side_effect=[
            httpx.Response(200, json=running(), headers={"Retry-After": "2"}),
            httpx.Response(200, json=done()),
        ]
    )
    job_of(conn, JOB).wait(poll_interval=0.5)
    assert clock.sleeps == [0.5, 2.0]
