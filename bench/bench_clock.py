"""A test of a job's life, on a manual clock (`--clock manual`) against the wall clock: how long
it takes in real time. Side by side in one run.

The test is the same on both: start a job with a callback, see it processing at 0%, at half
its time at 50% (on the wall clock: between 1% and 99%, as its time runs on), done, its
callback delivered, then gone once its time to live is up. On the manual clock the test moves
the clock (`POST /_sandbox/clock`); on the wall clock it sleeps, and polls every POLL_SECONDS
for what it waits for, as a test without a clock to move must. The wall-clock sandbox has the
shortest times that keep the test meaningful (WALL_JOB_SECONDS, WALL_TTL_SECONDS); the manual
one has a job of MANUAL_JOB_SECONDS and the default time to live, which cost it nothing
(the clock is moved past them).
Each test runs ROUNDS times on a sandbox started once; the median is reported. The callback
receiver is a server on 127.0.0.1 in this process.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from typing import Any

import httpx

from bench._servers import HEADERS, sandbox_process
from bench.bench_callbacks import Receivers

ROUNDS = 5
WALL_JOB_SECONDS = 2.0
WALL_TTL_SECONDS = 1.0
MANUAL_JOB_SECONDS = 8.0
MANUAL_TTL_SECONDS = 3600.0
POLL_SECONDS = 0.05
TARGET_SECONDS = 1.0
GENERATE = "/collection/default/generate/video"
WALL = (
    "--media",
    "off",
    "--job-seconds",
    f"{WALL_JOB_SECONDS:g}",
    "--ttl",
    f"{WALL_TTL_SECONDS:g}",
)
MANUAL = (
    "--media", "off", "--clock", "manual", "--job-seconds", f"{MANUAL_JOB_SECONDS:g}",
    "--ttl", f"{MANUAL_TTL_SECONDS:g}",
)  # fmt: skip


class LifeError(AssertionError):
    """A step of the job's life did not hold."""


def _check(holds: bool, what: str) -> None:
    if not holds:
        raise LifeError(what)


async def _start(client: httpx.AsyncClient, prompt: str, callback_url: str) -> str:
    answer = await client.post(
        GENERATE, json={"prompt": prompt, "duration": 5, "callback_url": callback_url}
    )
    _check(answer.status_code == 200, f"generate: HTTP {answer.status_code} {answer.text[:200]}")
    return f"/async-response/{answer.json()['data']['id']}"


async def _until(what: str, holds: Any, deadline: float = 30.0) -> None:
    """Poll `holds()` (awaitable) every POLL_SECONDS until it is true."""
    give_up = time.monotonic() + deadline
    while not await holds():
        _check(time.monotonic() < give_up, f"{what} within {deadline:g} s")
        await asyncio.sleep(POLL_SECONDS)


async def _manual_life(
    client: httpx.AsyncClient, receivers: Receivers, url: str, prompt: str
) -> float:
    began = time.perf_counter()
    job = await _start(client, prompt, url)
    _check((await client.get(job)).json()["data"] == {"percentage": 0}, "at 0% at its start")
    await client.post("/_sandbox/clock", json={"advance": MANUAL_JOB_SECONDS / 2})
    _check((await client.get(job)).json()["data"] == {"percentage": 50}, "at 50% halfway")
    await client.post("/_sandbox/clock", json={"advance": MANUAL_JOB_SECONDS / 2})
    _check((await client.get(job)).json()["status"] == "done", "done at its end")
    _check(prompt in receivers.arrived, "its callback delivered when the move answered")
    await client.post("/_sandbox/clock", json={"advance": MANUAL_TTL_SECONDS})
    _check((await client.get(job)).status_code == 404, "gone after its time to live")
    return time.perf_counter() - began


async def _wall_life(
    client: httpx.AsyncClient, receivers: Receivers, url: str, prompt: str
) -> float:
    began = time.perf_counter()
    job = await _start(client, prompt, url)
    first = (await client.get(job)).json()
    _check(first["status"] == "processing", "processing at its start")
    await asyncio.sleep(WALL_JOB_SECONDS / 2)
    half = (await client.get(job)).json()
    _check(0 < half["data"].get("percentage", 0) < 100, "part done halfway")

    async def done() -> bool:
        return bool((await client.get(job)).json()["status"] == "done")

    async def delivered() -> bool:
        return prompt in receivers.arrived

    async def gone() -> bool:
        return (await client.get(job)).status_code == 404

    await _until("done", done)
    await _until("its callback delivered", delivered)
    await _until("gone after its time to live", gone)
    return time.perf_counter() - began


async def _measure(urls: dict[str, str]) -> dict[str, list[float]]:
    receivers = Receivers()
    hook = await receivers.serve("healthy")
    lives = {"manual": _manual_life, "wall": _wall_life}
    seconds: dict[str, list[float]] = {mode: [] for mode in lives}
    try:
        for mode, life in lives.items():
            async with httpx.AsyncClient(base_url=urls[mode], headers=HEADERS, timeout=30) as c:
                await life(c, receivers, hook, f"warm-up {mode}")
                for round_ in range(ROUNDS):
                    seconds[mode].append(await life(c, receivers, hook, f"{mode} {round_}"))
    finally:
        await receivers.stop()
    return seconds


def run() -> dict[str, Any]:
    """Each clock's seconds for a job's life, and whether the manual clock met the target."""
    with sandbox_process(*MANUAL) as (manual_url, _), sandbox_process(*WALL) as (wall_url, _):
        seconds = asyncio.run(_measure({"manual": manual_url, "wall": wall_url}))
    medians = {mode: statistics.median(values) for mode, values in seconds.items()}
    return {
        "rounds": ROUNDS,
        "by_clock": {
            mode: {"median_s": medians[mode], "max_s": max(values)}
            for mode, values in seconds.items()
        },
        "wall_job_seconds": WALL_JOB_SECONDS,
        "wall_ttl_seconds": WALL_TTL_SECONDS,
        "wall_vs_manual": medians["wall"] / medians["manual"],
        "target": (
            f"a job's life (0%, 50%, done, callback delivered, expired) tested in under "
            f"{TARGET_SECONDS:g} s of real time with the manual clock"
        ),
        "met": max(seconds["manual"]) < TARGET_SECONDS,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
