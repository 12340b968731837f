"""The sandbox's memory over 10,000 jobs, with media rendered for 1,000 of them, and after they
expire: its default settings (media on) against `--media off`, side by side in one run.

Both sandboxes get the same requests, step by step: JOBS generations (jobs done at once), then
for RENDERED of them what a page showing the video fetches (the playlist, the thumbnail and the
first segment: two parts rendered per video), then, once their time to live is over, one more
generation (which sweeps the expired jobs away) and a pause for idle render workers to stop.
The memory is the resident set (RSS) of the server and of every process it started (its
render workers), read from /proc (Linux only).
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx

from bench._servers import API_KEY, rss_mb, sandbox_process

JOBS = 10_000
RENDERED = 1_000
CONCURRENCY = 16
#: Seconds a job lives once done: longer than creating the jobs and rendering take, with room
#: for a machine slowed by the benchmarks run before (161 s were seen against 150).
TTL = 300
#: Seconds to wait after expiry for idle render workers to stop (the pool's is 15 s).
IDLE_WAIT = 20
MODES = {"default": (), "--media off": ("--media", "off")}
HEADERS = {"x-access-token": API_KEY}


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found + [grandchild for child in found for grandchild in _children(child)]


def memory(pid: int) -> dict[str, float]:
    """The RSS of process `pid` and of the processes it started, in MB."""
    server = rss_mb(pid)
    workers = sum(rss_mb(child) for child in _children(pid))
    return {"server_mb": server, "workers_mb": workers, "total_mb": server + workers}


async def _each(count: int, work: Any) -> list[Any]:
    """`work(n)` for n below `count`, CONCURRENCY at a time."""
    limit = asyncio.Semaphore(CONCURRENCY)

    async def one(n: int) -> Any:
        async with limit:
            return await work(n)

    return list(await asyncio.gather(*(one(n) for n in range(count))))


async def _generate(client: httpx.AsyncClient, prompt: str) -> str:
    answer = await client.post("/collection/default/generate/video", json={"prompt": prompt})
    if answer.status_code != 200:
        raise RuntimeError(f"generate: HTTP {answer.status_code} {answer.text[:200]}")
    return str(answer.json()["data"]["output_url"])


async def _watch(client: httpx.AsyncClient, output_url: str) -> int:
    """Fetch what a page showing the video fetches; how many answers were 200."""
    answer = await client.get(output_url)
    if answer.status_code != 200 or "data" not in answer.json():
        raise RuntimeError(f"poll {output_url}: HTTP {answer.status_code} {answer.text[:200]}")
    video = answer.json()["data"]
    stream_url = video["stream_url"]
    urls = [stream_url, video["thumbnail_url"], stream_url.replace("stream.m3u8", "seg000.ts")]
    return sum([(await client.get(url)).status_code == 200 for url in urls])


async def _steps(urls: dict[str, str], pids: dict[str, int]) -> dict[str, Any]:
    rows: dict[str, dict[str, Any]] = {mode: {} for mode in urls}
    clients = {
        mode: httpx.AsyncClient(base_url=url, headers=HEADERS, timeout=60)
        for mode, url in urls.items()
    }
    try:
        for mode, client in clients.items():
            await _each(20, lambda n, c=client: _generate(c, f"warming up {n}"))
            rows[mode]["at start"] = memory(pids[mode])
        jobs: dict[str, list[str]] = {}
        first = time.monotonic()
        for mode, client in clients.items():
            jobs[mode] = await _each(JOBS, lambda n, c=client: _generate(c, f"video {n}"))
            rows[mode][f"after {JOBS:,} jobs"] = memory(pids[mode])
        created = time.monotonic()
        for mode, client in clients.items():
            peak = 0.0

            async def watch(n: int, c: httpx.AsyncClient = client, m: str = mode) -> int:
                nonlocal peak
                peak = max(peak, memory(pids[m])["total_mb"]) if n % 50 == 0 else peak
                return await _watch(c, jobs[m][n])

            served = sum(await _each(RENDERED, watch))
            rows[mode][f"after media of {RENDERED:,} fetched"] = memory(pids[mode])
            rows[mode]["peak_total_mb"] = max(peak, rows[mode][f"after {JOBS:,} jobs"]["total_mb"])
            rows[mode]["media_answers_200"] = served
        busy = time.monotonic() - first
        if busy >= TTL:
            raise RuntimeError(f"the jobs expired before their media were fetched ({busy:.0f} s)")
        # The last jobs made expire TTL seconds after they were made (they were done at once).
        await asyncio.sleep(created + TTL + 1 - time.monotonic())
        for client in clients.values():
            await _generate(client, "after the others expired")
        await asyncio.sleep(IDLE_WAIT)
        for mode, client in clients.items():
            stats = (await client.get("/_sandbox/stats")).json()
            rows[mode]["after they expired"] = memory(pids[mode])
            rows[mode]["jobs_kept_after_expiry"] = stats["jobs"]
            rows[mode]["media"] = stats["media"]
    finally:
        for client in clients.values():
            await client.aclose()
    return rows


def run() -> dict[str, Any]:
    """RSS at each step in both modes, and whether the default mode met the target."""
    options = ("--job-seconds", "0", "--ttl", str(TTL))
    with (
        sandbox_process(*options, *MODES["default"]) as (default_url, default_pid),
        sandbox_process(*options, *MODES["--media off"]) as (off_url, off_pid),
    ):
        rows = asyncio.run(
            _steps(
                {"default": default_url, "--media off": off_url},
                {"default": default_pid, "--media off": off_pid},
            )
        )
    ours = rows["default"]
    rendered = ours[f"after media of {RENDERED:,} fetched"]["total_mb"]
    expired = ours["after they expired"]["total_mb"]
    return {
        "by_mode": rows,
        "ratio_after_media": rendered
        / rows["--media off"][f"after media of {RENDERED:,} fetched"]["total_mb"],
        "target": (
            f"RSS <= 300 MB after {JOBS:,} jobs with media rendered for {RENDERED:,}, "
            "and no higher once they expired"
        ),
        "met": (
            ours["peak_total_mb"] <= 300
            and rendered <= 300
            and expired <= rendered
            and ours["jobs_kept_after_expiry"] == 1
            and ours["media_answers_200"] == 3 * RENDERED
        ),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
