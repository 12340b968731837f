"""Bad callback receivers cost the sandbox little, and hold back no other receiver: ones that
never answer or drip their answer, and one that answers with a gzip bomb."""

from __future__ import annotations

import asyncio
import gzip
import io
import time
from pathlib import Path

import httpx
import pytest
from videodb_mock._state.callbacks import Slots, origin_of

from tests._servers import free_port, running_server
from tests.conftest import SANDBOX_TEST_OPTIONS, sandbox_command
from tests.sandbox._receiver import Receiver, stalled
from tests.sandbox.conftest import AUTH, GENERATE, MakeInProcess

#: How soon a healthy receiver gets its callback once its job is done, whatever the others do.
HEALTHY_WITHIN = 1.5


async def _arrival(receiver: Receiver) -> float:
    """When the receiver got its first callback (waited for on the event loop, 10 s at most)."""
    async with asyncio.timeout(10):
        while not receiver.deliveries:  # noqa: ASYNC110 - the receiver runs in a thread
            await asyncio.sleep(0.01)
    return receiver.deliveries[0].at


async def test_receivers_that_never_answer_hold_back_no_healthy_one(
    inprocess: MakeInProcess,
) -> None:
    box = await inprocess(job_seconds=0, callback_timeout=5, callback_attempts=1)
    async with stalled(80) as hanging:
        for url in hanging.urls:
            assert (await box.generate(prompt="hangs", callback_url=url)).status_code == 200
        async with asyncio.timeout(10):
            while hanging.connections < 64:  # noqa: ASYNC110 - counted by the receivers
                await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)
        with Receiver() as healthy:
            started = time.monotonic()
            await box.generate(prompt="healthy", callback_url=f"{healthy.url}/hook")
            waited = await _arrival(healthy) - started
        assert waited < HEALTHY_WITHIN, f"the healthy callback waited {waited:.2f} s"
        # Every receiver that never answers has its own attempt going, none queued behind.
        async with asyncio.timeout(5):
            while hanging.connections < 80:  # noqa: ASYNC110
                await asyncio.sleep(0.01)


async def test_an_attempt_has_its_timeout_in_all_though_the_answer_drips(
    inprocess: MakeInProcess,
) -> None:
    box = await inprocess(job_seconds=0, callback_timeout=1, callback_attempts=1)
    async with stalled(64, drip=0.05) as dripping:
        started = time.monotonic()
        for url in dripping.urls:
            await box.generate(prompt="drips", callback_url=url)
        with Receiver() as healthy:
            await box.generate(prompt="healthy", callback_url=f"{healthy.url}/hook")
            waited = await _arrival(healthy) - started
        assert waited < HEALTHY_WITHIN, f"the healthy callback waited {waited:.2f} s"
        stats = box.sandbox.callbacks.stats
        async with asyncio.timeout(5):
            while stats.abandoned < 64:  # noqa: ASYNC110
                await asyncio.sleep(0.02)
        took = time.monotonic() - started
        assert dripping.dripped > 64, "the receivers dripped their answers"
        # Each had 1 s from connecting to its answer's status, however fast the bytes came.
        assert took < 1 + HEALTHY_WITHIN, f"cut off after {took:.2f} s"
        assert (stats.delivered, stats.failed_attempts) == (1, 64)


async def test_one_origin_takes_a_few_places_and_waits_its_turn_for_more() -> None:
    slots = Slots(young=4, slow=8, per_origin=2, slow_after=60)
    order: list[str] = []
    release = asyncio.Event()

    async def attempt(origin: str) -> None:
        async with slots.place(origin):
            order.append(origin)
            await release.wait()

    busy = [asyncio.create_task(attempt("http://a:1")) for _ in range(5)]
    others = [asyncio.create_task(attempt(f"http://b{n}:1")) for n in range(2)]
    await asyncio.sleep(0.01)
    # Two of the five to a go; the others' first: the young places are not all a's.
    assert order == ["http://a:1", "http://a:1", "http://b0:1", "http://b1:1"]
    assert (slots.young, slots.waiting) == (4, 3)
    release.set()
    await asyncio.gather(*busy, *others)
    assert order.count("http://a:1") == 5
    assert (slots.young, slots.slow, slots.waiting) == (0, 0, 0)


async def test_an_attempt_still_going_leaves_its_place_and_failed_origins_wait_behind() -> None:
    slots = Slots(young=1, slow=4, per_origin=4, slow_after=0.05)
    order: list[str] = []
    hang = asyncio.Event()

    async def attempt(origin: str) -> None:
        async with slots.place(origin):
            order.append(origin)
            if origin == "http://hangs:1":
                await hang.wait()

    first = asyncio.create_task(attempt("http://hangs:1"))
    await asyncio.sleep(0.01)
    slots.failed("http://failed:1")
    waiting = [
        asyncio.create_task(attempt("http://failed:1")),
        asyncio.create_task(attempt("http://good:1")),
    ]
    await asyncio.sleep(0.01)
    assert order == ["http://hangs:1"], "the only young place is taken"
    async with asyncio.timeout(5):
        await asyncio.gather(*waiting)
    assert order == ["http://hangs:1", "http://good:1", "http://failed:1"]
    assert (slots.young, slots.slow) == (0, 1)
    hang.set()
    await first
    assert (slots.young, slots.slow) == (0, 0)


async def test_a_place_given_up_while_waiting_is_not_lost() -> None:
    slots = Slots(young=1, per_origin=1, slow_after=60)
    release = asyncio.Event()

    async def attempt(origin: str) -> None:
        async with slots.place(origin):
            await release.wait()

    first = asyncio.create_task(attempt("http://a:1"))
    await asyncio.sleep(0)
    cancelled = asyncio.create_task(attempt("http://b:1"))
    await asyncio.sleep(0)
    cancelled.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    assert slots.waiting == 0
    release.set()
    await first
    async with asyncio.timeout(1):
        await attempt("http://c:1")
    assert (slots.young, slots.slow, slots.waiting) == (0, 0, 0)


def test_origins_count_each_host_and_port() -> None:
    assert origin_of("http://127.0.0.1:8000/hook?x=1") == "http://127.0.0.1:8000"
    assert origin_of("HTTPS://Example.com/a") == "https://example.com:443"
    assert origin_of("http://example.com/a") == origin_of("http://example.com:80/b")
    assert origin_of("http://example.com:99999/") == "http://example.com:99999"


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for process {pid}")


def _gzip_bomb(megabytes: int) -> bytes:
    """`megabytes` MB of zeros, gzipped (about a thousandth of that)."""
    out = io.BytesIO()
    zeros = bytes(1024 * 1024)
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as bomb:
        for _ in range(megabytes):
            bomb.write(zeros)
    return out.getvalue()


def test_a_receiver_answering_a_gzip_bomb_costs_the_sandbox_nothing(tmp_path: Path) -> None:
    bomb = _gzip_bomb(256)
    assert len(bomb) < 300_000
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    options = (*SANDBOX_TEST_OPTIONS, "--job-seconds", "0", "--callback-attempts", "1")
    with (
        running_server(
            sandbox_command(port, *options),
            f"{url}/_sandbox/health",
            log_path=tmp_path / "sandbox.log",
        ) as server,
        Receiver(answer=bomb, headers={"Content-Encoding": "gzip"}) as receiver,
        httpx.Client(base_url=url, headers=AUTH, timeout=10) as client,
    ):
        client.post(GENERATE, json={"prompt": "warming up"})
        before = _rss_mb(server.pid)
        client.post(GENERATE, json={"prompt": "x", "callback_url": f"{receiver.url}/hook"})
        peak = before
        deadline = time.monotonic() + 20
        while client.get("/_sandbox/stats").json()["callbacks"]["pending"]:
            assert time.monotonic() < deadline, "the callback was not settled in 20 s"
            peak = max(peak, _rss_mb(server.pid))
            time.sleep(0.01)
        peak = max(peak, _rss_mb(server.pid))
        stats = client.get("/_sandbox/stats").json()["callbacks"]
        assert len(receiver.deliveries) == 1
    assert stats["delivered"] == 1, "a 200 is a delivery, whatever its body"
    assert peak - before < 50, f"the sandbox grew from {before:.0f} MB to {peak:.0f} MB"
