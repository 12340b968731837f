"""Old jobs and videos expire, and the number kept is bounded."""

from __future__ import annotations

from videodb_mock._state.store import Store

from tests.sandbox.conftest import FakeClock, MakeInProcess


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
    jobs = [store.create_job(collection_id="default", prompt="x", duration=5) for _ in range(5)]
    assert len(store) == 3
    assert store.job(jobs[0].id) is None
    assert store.job(jobs[1].id) is None
    assert store.video(jobs[1].video_id) is None
    assert all(store.job(job.id) is job for job in jobs[2:])


def test_many_jobs_cost_only_their_records() -> None:
    clock = FakeClock()
    store = Store(job_seconds=5, ttl_seconds=60, max_jobs=100_000, seed=1, clock=clock)
    for _ in range(5000):
        store.create_job(collection_id="default", prompt="x", duration=5)
        clock.advance(0.01)
    assert len(store) == 5000
    clock.advance(120)
    store.create_job(collection_id="default", prompt="x", duration=5)
    assert len(store) == 1
