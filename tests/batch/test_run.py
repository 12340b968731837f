"""generate_batch against an API faked in-process: results, the state database, resuming,
the requests that may have started, refusals, and the concurrency under 429s."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import BatchResult, generate_batch, generate_batch_async
from videodb_gen._batch import Limiter
from videodb_gen._batch_input import check_requests
from videodb_gen._batch_state import BatchState

from tests.batch.conftest import BASE, Connect, FakeAPI, rows


def prompts(n: int, **extra: object) -> list[dict[str, object]]:
    return [{"prompt": f"prompt {i}", **extra} for i in range(n)]


async def test_results_and_the_state_database(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "batch.sqlite"
    seen: list[BatchResult] = []
    requests: list[dict[str, object]] = [
        {"prompt": "a fox", "duration": 6},
        {"prompt": "a failing owl"},
        {"op": "voice", "text": "hello", "key": "greeting"},
    ]
    api.fail = "failing"
    keys = [item.key for item in check_requests(requests)]
    async with connect() as conn:
        report = await generate_batch_async(
            requests, state=state, connection=conn, on_result=seen.append
        )
    assert report.counts == {"done": 2, "failed": 1, "unknown": 0, "pending": 0}
    assert not report.ok
    fox, owl, voice = report.results
    assert (fox.key, fox.op, fox.status, fox.index) == (keys[0], "video", "done", 0)
    assert fox.result is not None
    assert fox.result["id"].startswith("m-")
    assert fox.result["name"] == "a fox"
    assert owl.status == "failed"
    assert owl.error == f"job {owl.job_id} failed: boom"
    assert voice.key == "greeting"
    assert sorted(r.key for r in seen) == sorted(keys)
    assert fox.to_json() == {
        "key": keys[0],
        "op": "video",
        "job_id": fox.job_id,
        "status": "done",
        "result": fox.result,
        "error": None,
        "resumed": False,
    }
    recorded = rows(state)
    assert {k: (r["status"], r["job_id"]) for k, r in recorded.items()} == {
        keys[0]: ("done", fox.job_id),
        keys[1]: ("failed", owl.job_id),
        "greeting": ("done", voice.job_id),
    }
    assert api.started == ["a fox", "a failing owl", "hello"]


async def test_a_rerun_redoes_nothing_and_an_edited_line_is_new(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "batch.sqlite"
    async with connect() as conn:
        first = await generate_batch_async(prompts(3), state=state, connection=conn)
        again = await generate_batch_async(prompts(3), state=state, connection=conn)
        edited = prompts(3)
        edited[1] = {"prompt": "prompt 1", "duration": 7}
        third = await generate_batch_async(edited, state=state, connection=conn)
    assert api.started == ["prompt 0", "prompt 1", "prompt 2", "prompt 1"]
    assert [r.resumed for r in again.results] == [True, True, True]
    assert [r.result for r in again.results] == [r.result for r in first.results]
    assert [r.resumed for r in third.results] == [True, False, True]
    assert third.ok


async def test_recorded_jobs_are_resumed_by_polling_not_started_again(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    """A run that stopped after recording the job's id (a crash while waiting)."""
    state = tmp_path / "batch.sqlite"
    (item,) = check_requests(prompts(1))
    api.jobs["job-00000000000000aa"] = "prompt 0"
    store = await BatchState.open(state, BASE)
    await store.intend(item.key, item.digest, "video", dict(item.arguments))
    await store.started(item.key, item.digest, "job-00000000000000aa")
    await store.close()
    async with connect() as conn:
        report = await generate_batch_async(prompts(1), state=state, connection=conn)
    (result,) = report.results
    assert (result.status, result.job_id, result.resumed) == ("done", "job-00000000000000aa", True)
    assert api.started == []
    assert rows(state)[item.key]["status"] == "done"


async def test_a_request_whose_answer_was_never_recorded_is_unknown_not_started_again(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "batch.sqlite"
    api.hang_up = "prompt 1"  # the job starts, its answer never comes
    async with connect() as conn:
        first = await generate_batch_async(prompts(3), state=state, connection=conn)
        assert [r.status for r in first.results] == ["done", "unknown", "done"]
        assert first.results[1].error is not None
        assert first.results[1].error.startswith("may have started")
        assert rows(state)[first.results[1].key]["status"] == "starting"
        api.hang_up = None
        second = await generate_batch_async(prompts(3), state=state, connection=conn)
        assert [r.status for r in second.results] == ["done", "unknown", "done"]
        assert api.started == ["prompt 0", "prompt 1", "prompt 2"]  # nothing started twice
        third = await generate_batch_async(
            prompts(3), state=state, connection=conn, retry_unknown=True
        )
    assert third.ok
    assert api.started == ["prompt 0", "prompt 1", "prompt 2", "prompt 1"]


async def test_a_refused_start_is_not_recorded_so_a_rerun_tries_it_again(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "batch.sqlite"
    api.refuse = "prompt 1"
    async with connect() as conn:
        first = await generate_batch_async(prompts(2), state=state, connection=conn)
        assert [r.status for r in first.results] == ["done", "failed"]
        assert first.results[1].error is not None
        assert "not started: 402" in first.results[1].error
        assert first.results[1].key not in rows(state)
        api.refuse = None
        second = await generate_batch_async(prompts(2), state=state, connection=conn)
    assert second.ok
    assert api.started == ["prompt 0", "prompt 1"]


async def test_a_bad_request_starts_nothing(api: FakeAPI, connect: Connect, tmp_path: Path) -> None:
    async with connect() as conn:
        with pytest.raises(videodb_gen.BatchInputError, match="request 2: duration"):
            await generate_batch_async(
                [{"prompt": "x"}, {"prompt": "y", "duration": 4}],
                state=tmp_path / "s.sqlite",
                connection=conn,
            )
    assert api.peaks == []
    assert not (tmp_path / "s.sqlite").exists()


async def test_a_state_file_of_another_api_is_refused(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "s.sqlite"
    await (await BatchState.open(state, "http://127.0.0.1:1")).close()
    async with connect() as conn:
        with pytest.raises(videodb_gen.InvalidInputError, match="holds jobs of http"):
            await generate_batch_async(prompts(1), state=state, connection=conn)
    assert api.started == []


async def test_429_halves_the_requests_in_flight_and_they_grow_back(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    api.latency = 0.02
    api.throttle = 12
    async with connect() as conn:
        report = await generate_batch_async(
            prompts(120), state=tmp_path / "s.sqlite", connection=conn, concurrency=16
        )
    assert report.ok
    assert len(api.started) == 120
    assert report.rate_limited == 12
    assert report.lowest_concurrency == 8  # halved once: the 429s came in one burst
    # The first requests reach 16 in flight; once those in flight at the 429s have been
    # answered, at most the halved limit plus what it grew back (one per round) are.
    peaks = [n for _, n in api.peaks]
    assert max(peaks[:30]) == 16
    after = 1 + 12 + 16  # the collection, the starts refused, the requests then in flight
    assert max(peaks[after : after + 24]) <= 11


async def test_limiter_is_aimd() -> None:
    limiter = Limiter(16)
    limiter.throttled(None)
    assert limiter.allowed == 8
    limiter.throttled(None)  # the same burst of 429s: once per pause
    assert limiter.allowed == 8
    for _ in range(8):
        limiter.answered()
    assert limiter.allowed == 8
    limiter.answered()  # each adds 1 / limit: one more after a round of answers
    assert limiter.allowed == 9
    assert limiter.lowest == 8
    held = []
    for _ in range(9):
        await limiter.acquire()
        held.append(1)
    waiting = asyncio.ensure_future(limiter.acquire())
    await asyncio.sleep(0.01)
    assert not waiting.done()
    await limiter.release()
    await asyncio.wait_for(waiting, 1)
    assert limiter.active == 9


async def test_the_sync_function_refuses_to_run_inside_a_running_loop(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="await generate_batch_async"):
        generate_batch(prompts(1), state=tmp_path / "s.sqlite", api_key="k", base_url=BASE)


def test_the_sync_function_runs_the_batch(tmp_path: Path, api: FakeAPI) -> None:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        router.route().mock(side_effect=api)
        report = generate_batch(
            prompts(3), state=tmp_path / "s.sqlite", api_key="sk-x", base_url=BASE
        )
    assert report.ok
    assert report.state == str(tmp_path / "s.sqlite")
    assert api.started == ["prompt 0", "prompt 1", "prompt 2"]


async def test_a_job_that_ended_unreadable_fails_and_is_not_polled_again(
    api: FakeAPI, tmp_path: Path
) -> None:
    """A finished job whose answer can never be read (a length below zero, an id without its
    prefix) fails with the reason, once; an answer that could not be decoded may read well
    later, so its job stays pending."""
    state = tmp_path / "s.sqlite"
    api.unreadable, api.bad_id, api.garbled = "prompt 0", "prompt 1", "prompt 2"
    client = httpx.AsyncClient(transport=httpx.MockTransport(api))
    async with (
        client,
        videodb_gen.connect_async("sk-x", BASE, http_client=client, max_retries=0) as conn,
    ):
        first = await generate_batch_async(prompts(3), state=state, connection=conn, timeout=0.3)
        polls = len(api.polled)
        again = await generate_batch_async(prompts(3), state=state, connection=conn, timeout=0.3)
    assert [r.status for r in first.results] == ["failed", "failed", "pending"]
    length, prefix, garbled = first.results
    assert length.error is not None
    assert length.error.startswith(f"job {length.job_id} ended, but its answer cannot be read: ")
    assert "length" in length.error
    assert prefix.error is not None
    assert "expected the video's id to start with 'm-'" in prefix.error
    assert garbled.error is not None
    assert "it may still finish: a rerun resumes it" in garbled.error
    assert [(r.status, r.resumed) for r in again.results] == [
        ("failed", True),
        ("failed", True),
        ("pending", True),
    ]
    assert again.results[0].error == length.error
    assert set(api.polled[polls:]) == {"prompt 2"}  # only the pending one was polled again
    assert rows(state)[garbled.key]["status"] == "started"


async def test_a_recorded_job_the_api_no_longer_knows_fails_as_gone(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "s.sqlite"
    (item,) = check_requests(prompts(1))
    store = await BatchState.open(state, BASE)
    await store.intend(item.key, item.digest, "video", dict(item.arguments))
    await store.started(item.key, item.digest, "job-00000000000000ff")
    await store.close()
    async with connect() as conn:
        (result,) = (await generate_batch_async(prompts(1), state=state, connection=conn)).results
    assert (result.status, result.resumed) == ("failed", True)
    assert result.error is not None
    assert result.error.startswith("job job-00000000000000ff is gone: 404")
    assert api.started == []
