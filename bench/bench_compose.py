"""Compositions, side by side in one run: every segment of a 30 s composition (three clips, two
audio overlays, a logo and a title) at 640x360 against the same 30 s of plain generated video,
rendered here in alternating order; a compile's answer (`POST /timeline`, a new timeline each
time); the first byte of a composition's first segment, fetched from a sandbox; and the
sandbox's RSS after 500 compositions compiled and played (playlist and first segment)."""

from __future__ import annotations

import time
from typing import Any

import httpx
from videodb_mock import time_render
from videodb_mock._media.compose import time_composition

from bench._servers import HEADERS, first_byte, rss_mb, sandbox_process
from bench._stats import summary

SECONDS = 30
RUNS = 3
#: The most a composition's segments may take against the same length of plain video.
RATIO_TARGET = 1.5
COMPILES = 60
#: The most a compile may take to answer, median, in milliseconds.
COMPILE_TARGET_MS = 50.0
FIRST_BYTES = 5
#: The most a composition's first segment may take to its first byte, in seconds.
FIRST_BYTE_TARGET_S = 1.0
PLAYED = 500
#: The most the sandbox's RSS may be after `PLAYED` compositions played, in MB.
RSS_TARGET_MB = 300.0


def _renders() -> dict[str, Any]:
    """Seconds to render every segment of the 30 s composition and of 30 s of plain video."""
    time_composition(4)  # warm up: imports, the font, the encoders
    time_render(4)
    plain: list[float] = []
    composed: list[float] = []
    for n in range(RUNS):
        for name in ("plain", "composed") if n % 2 == 0 else ("composed", "plain"):
            if name == "plain":
                plain.append(time_render(SECONDS))
            else:
                composed.append(time_composition(SECONDS))
    ratio = summary(composed)["median"] / summary(plain)["median"]
    return {
        "plain_s": summary(plain)["median"],
        "composition_s": summary(composed)["median"],
        "ratio": ratio,
    }


def _generated(client: httpx.Client, path: str, body: dict[str, Any]) -> str:
    """The id of what a generation of a sandbox whose jobs finish at once made."""
    job = client.post(f"/collection/default/generate/{path}", json=body).raise_for_status()
    state = client.get(job.json()["data"]["output_url"]).raise_for_status().json()
    if state["status"] != "done":
        raise RuntimeError(f"not done: {state}")
    return str(state["data"]["id"])


def _timeline(clips: list[str], music: str, logo: str, title: str) -> dict[str, Any]:
    return {
        "request_type": "compile",
        "timeline": [
            *({"asset_id": clip, "start": 0, "end": 2} for clip in clips),
            {"asset_id": music, "overlay_start": 0, "fade_in_duration": 1},
            {"asset_id": logo, "width": 60, "height": 60, "x": 560, "y": 20, "overlay_start": 0},
            {"asset_id": "txt-bench", "text": title, "duration": 2, "overlay_start": 1},
        ],
    }


def _served() -> dict[str, Any]:
    """From a sandbox just started: compiles answered, first bytes, and RSS after many."""
    with (
        sandbox_process("--job-seconds", "0", "--max-jobs", "100000") as (url, pid),
        httpx.Client(base_url=url, headers=HEADERS, timeout=60) as client,
    ):
        clips = [
            _generated(client, "video", {"prompt": f"Clip {n} of a composition", "duration": 5})
            for n in range(3)
        ]
        music = _generated(client, "audio", {"prompt": "Strings", "audio_type": "music"})
        logo = _generated(client, "image", {"prompt": "A logo", "aspect_ratio": "1:1"})
        compile_ms: list[float] = []
        for n in range(COMPILES):
            body = _timeline(clips, music, logo, f"Compiled #{n}")
            started = time.perf_counter()
            client.post("/timeline", json=body).raise_for_status()
            compile_ms.append((time.perf_counter() - started) * 1000)
        first_bytes: list[float] = []
        for n in range(FIRST_BYTES):
            stream = client.post("/timeline", json=_timeline(clips, music, logo, f"Played #{n}"))
            playlist = stream.raise_for_status().json()["data"]["stream_url"]
            client.get(playlist).raise_for_status()
            first_bytes.append(first_byte(client, playlist.replace("stream.m3u8", "seg000.ts")))
        for n in range(PLAYED):
            stream = client.post("/timeline", json=_timeline(clips[:1], music, logo, f"#{n}"))
            playlist = stream.raise_for_status().json()["data"]["stream_url"]
            client.get(playlist).raise_for_status()
            client.get(playlist.replace("stream.m3u8", "seg000.ts")).raise_for_status()
        rss = rss_mb(pid)
    return {
        "compile_ms": {
            "median": summary(compile_ms)["median"],
            "p90": summary(compile_ms)["p90"],
        },
        "first_byte_s": first_bytes,
        "rss_mb_after": rss,
    }


def run() -> dict[str, object]:
    """The composition benchmarks and whether each met its target."""
    renders = _renders()
    served = _served()
    return {
        "renders": renders,
        **served,
        "target": (
            f"a 30 s composition's segments in at most {RATIO_TARGET}x the time of 30 s of plain "
            f"video; a compile answered within {COMPILE_TARGET_MS:.0f} ms (median); its first "
            f"segment's first byte within {FIRST_BYTE_TARGET_S:.0f} s; RSS under "
            f"{RSS_TARGET_MB:.0f} MB after {PLAYED} compositions played"
        ),
        "met": renders["ratio"] <= RATIO_TARGET
        and served["compile_ms"]["median"] <= COMPILE_TARGET_MS
        and max(served["first_byte_s"]) <= FIRST_BYTE_TARGET_S
        and served["rss_mb_after"] < RSS_TARGET_MB,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
