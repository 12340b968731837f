"""Old jobs and videos expire, and the number kept is bounded."""

from __future__ import annotations

import pytest
from videodb_mock._state.store import Job, Store

from tests.sandbox.conftest import FakeClock, MakeInProcess


def _start(store: Store) -> Job:
    job = store.new_job(collection_id="default", prompt="x", duration=5)
    store.add(job)
    return job


async def test_finished_job_and_video_expire_after_the_ttl(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=2, ttl_seconds=60)
    job_id = (await box.generate()).json()["data"]["id"]
    box.clock.advance(2)
    video_id = (await box.client.get(f"/async-response/{job_id}")).json()["data"]["id"]
    box.clock.advance(59)
    assert (await box.client.get(f"/async-response/{job_id}")).status_code == 200
    assert (await box.client.get(f"/video/{video_id}")).status_code == 200
    box.clock.advance(1)
    expired = await box.client.get(f"/async-response/{job_id}")
    assert expired.status_code == 404
    assert expired.json()["success"] is False
    assert (await box.client.get(f"/video/{video_id}")).status_code == 404


async def test_running_jobs_do_not_expire(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=100, ttl_seconds=10)
    job_id = (await box.generate()).json()["data"]["id"]
    box.clock.advance(50)
    assert (await box.client.get(f"/async-response/{job_id}")).status_code == 200


async def test_expired_jobs_are_swept_so_memory_stays_bounded(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0, ttl_seconds=10)
    for _ in range(50):
        await box.generate()
    assert len(box.sandbox.store) == 50
    box.clock.advance(11)
    await box.generate()
    assert len(box.sandbox.store) == 1
    assert box.sandbox.store.video_count == 1


def test_at_most_max_jobs_are_kept_oldest_first() -> None:
    clock = FakeClock()
    store = Store(job_seconds=0, ttl_seconds=1000, max_jobs=3, seed=1, clock=clock)
    jobs = [_start(store) for _ in range(5)]
    assert len(store) == 3
    assert store.job(jobs[0].id) is None
    assert store.job(jobs[1].id) is None
    assert store.video(jobs[1].video_id) is None
    assert all(store.job(job.id) is job for job in jobs[2:])


def test_many_jobs_cost_only_their_records() -> None:
    clock = FakeClock()
    store = Store(job_seconds=5, ttl_seconds=60, max_jobs=100_000, seed=1, clock=clock)
    for _ in range(5000):
        _start(store)
        clock.advance(0.01)
    assert len(store) == 5000
    clock.advance(120)
    _start(store)
    assert len(store) == 1


def test_a_job_is_kept_only_once_added() -> None:
    store = Store(job_seconds=0, ttl_seconds=60, max_jobs=10, seed=1, clock=FakeClock())
    made = store.new_job(collection_id="default", prompt="x", duration=5)
    assert (len(store), store.job(made.id)) == (0, None)
    again = store.new_job(collection_id="default", prompt="y", duration=5)
    assert again.id == made.id, "an id is not used up by a job that was never kept"
    store.add(again)
    assert store.job(again.id) is again
    with pytest.raises(ValueError, match="out of date"):
        store.add(made)
    assert _start(store).id != made.id
