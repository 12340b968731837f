"""Many generations at once: 100 through the async client against 3 s sandbox jobs, against the
official SDK with a thread pool of 16 and sequentially (it is sync only)."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import videodb
import videodb_gen

from bench._servers import API_KEY, sandbox

GENERATIONS = 100
JOB_SECONDS = 3.0
SEQUENTIAL_SAMPLE = 4  # the official SDK's sequential run is measured on a few and scaled up
PROMPT = "A drone flying over a futuristic city"


async def _ours(base_url: str) -> float:
    async with videodb_gen.connect_async(api_key=API_KEY, base_url=base_url) as conn:
        coll = await conn.get_collection()
        start = time.perf_counter()
        videos = await asyncio.gather(
            *(coll.generate_video(PROMPT, duration=6) for _ in range(GENERATIONS))
        )
        elapsed = time.perf_counter() - start
    if len({v.id for v in videos}) != GENERATIONS:
        raise RuntimeError("lost or duplicated videos")
    return elapsed


def _official_one(base_url: str) -> str:
    coll = videodb.connect(api_key=API_KEY, base_url=base_url).get_collection()
    return str(coll.generate_video(prompt=PROMPT, duration=6).id)


def _official_pool(base_url: str) -> float:
    start = time.perf_counter()
    with ThreadPoolExecutor(16) as pool:
        ids = list(pool.map(lambda _: _official_one(base_url), range(GENERATIONS)))
    elapsed = time.perf_counter() - start
    if len(set(ids)) != GENERATIONS:
        raise RuntimeError("lost or duplicated videos")
    return elapsed


def _official_sequential(base_url: str) -> float:
    start = time.perf_counter()
    for _ in range(SEQUENTIAL_SAMPLE):
        _official_one(base_url)
    return (time.perf_counter() - start) * GENERATIONS / SEQUENTIAL_SAMPLE


def run() -> dict[str, object]:
    """Wall time of 100 generations, and videodb_gen's as a multiple of one job's length."""
    with sandbox("--job-seconds", str(JOB_SECONDS)) as base_url:
        ours = asyncio.run(_ours(base_url))
        pool = _official_pool(base_url)
        sequential = _official_sequential(base_url)
    return {
        "seconds": {
            "videodb_gen async": ours,
            "official videodb, 16 threads": pool,
            f"official videodb, sequential ({SEQUENTIAL_SAMPLE} measured, scaled)": sequential,
        },
        "videodb_gen_vs_one_job": ours / JOB_SECONDS,
        "target": "100 generations within 1.5x one job's time",
        "met": ours / JOB_SECONDS <= 1.5,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
