"""The sandbox with its default settings (media on) against `--media off`, side by side.

1. 300 generations at once through the async client, waited for, against each sandbox in
   turn (ROUNDS alternating runs each, the median reported): media must cost nothing until a
   media URL is fetched.
2. Videos fetched the moment their jobs are done (PLAYERS at once, on a sandbox just started,
   so the first render also starts a worker process): the time to the first byte of the
   playlist and of the first segment, and whether the stream plays to its end (decoded by
   PyAV over HTTP, as a player would).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

import av
import httpx
import videodb_gen

from bench._servers import API_KEY, sandbox_process

GENERATIONS = 300
ROUNDS = 2
PLAYERS = 5
DURATION = 8
PROMPT = "A drone flying over a futuristic city"


async def _generations(base_url: str, round_: int) -> float:
    async with videodb_gen.connect_async(api_key=API_KEY, base_url=base_url) as conn:
        coll = await conn.get_collection()
        start = time.perf_counter()
        videos = await asyncio.gather(
            *(
                coll.generate_video(f"{PROMPT} #{round_}.{n}", duration=6)
                for n in range(GENERATIONS)
            )
        )
        elapsed = time.perf_counter() - start
    if len({v.id for v in videos}) != GENERATIONS:
        raise RuntimeError("lost or duplicated videos")
    return elapsed


async def _first_byte(client: httpx.AsyncClient, url: str) -> float:
    """Seconds until the first byte of `url`'s body arrives (the body is read to its end)."""
    start = time.perf_counter()
    first = None
    async with client.stream("GET", url) as answer:
        if answer.status_code != 200:
            raise RuntimeError(f"GET {url}: HTTP {answer.status_code}")
        async for chunk in answer.aiter_raw():
            if first is None and chunk:
                first = time.perf_counter() - start
    if first is None:
        raise RuntimeError(f"GET {url}: empty body")
    return first


def _played_seconds(stream_url: str) -> float:
    """Decode the whole HLS stream over HTTP; the seconds of video it held."""
    with av.open(stream_url, timeout=30) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        return frames / float(stream.average_rate or 24)


async def _player(conn: videodb_gen.AsyncConnection, n: int) -> dict[str, float]:
    coll = await conn.get_collection()
    video = await coll.generate_video(f"Played the moment it is done #{n}", duration=DURATION)
    async with httpx.AsyncClient(timeout=30) as client:
        playlist = await _first_byte(client, video.stream_url)
        segment = await _first_byte(client, video.stream_url.replace("stream.m3u8", "seg000.ts"))
    played = await asyncio.to_thread(_played_seconds, video.stream_url)
    return {"playlist_s": playlist, "first_segment_s": segment, "played_s": played}


async def _players(base_url: str) -> list[dict[str, float]]:
    async with videodb_gen.connect_async(api_key=API_KEY, base_url=base_url) as conn:
        return list(await asyncio.gather(*(_player(conn, n) for n in range(PLAYERS))))


def run() -> dict[str, Any]:
    """Generation wall times in both modes and their ratio; first bytes and playback."""
    times: dict[str, list[float]] = {"default": [], "--media off": []}
    with (
        sandbox_process() as (default_url, _),
        sandbox_process("--media", "off") as (off_url, _),
    ):
        for round_ in range(ROUNDS):
            times["default"].append(asyncio.run(_generations(default_url, round_)))
            times["--media off"].append(asyncio.run(_generations(off_url, round_)))
    with sandbox_process() as (fresh_url, _):
        players = asyncio.run(_players(fresh_url))
    medians = {mode: statistics.median(runs) for mode, runs in times.items()}
    ratio = medians["default"] / medians["--media off"]
    playlist = max(p["playlist_s"] for p in players)
    segment = max(p["first_segment_s"] for p in players)
    played_all = all(abs(p["played_s"] - DURATION) < 0.1 for p in players)
    return {
        "generations": {"seconds": medians, "runs": times, "ratio": ratio},
        "players": players,
        "first_byte_max_s": {"playlist": playlist, "first_segment": segment},
        "target": (
            f"{GENERATIONS} generations with media on within 1.5x of --media off; a stream "
            "fetched as its job is done: first byte of its playlist and of its first segment "
            "within 1 s, played to the end"
        ),
        "met": ratio <= 1.5 and playlist <= 1.0 and segment <= 1.0 and played_all,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
