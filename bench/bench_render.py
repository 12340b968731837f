"""How long the sandbox takes to render a generated video, against the video's own length, a
generated image, 8 s of generated audio and the dub of an 8 s video, side by side in one run;
and a video's own calls: a segment of a stream of its parts against one of its own (rendered
here, and fetched from a sandbox: first byte), a thumbnail of a moment (rendered here, and
asked for and downloaded from a sandbox), and the MP4 of a download."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from videodb_mock import time_image, time_render
from videodb_mock._media.audio import KINDS, time_audio
from videodb_mock._media.cuts import Cut, spans
from videodb_mock._media.dubbing import time_dub
from videodb_mock._media.frames import time_still
from videodb_mock._media.items import Media, render_media
from videodb_mock._media.mp4 import time_mp4
from videodb_mock._media.render import Picture, segment_name

from bench._servers import HEADERS, first_byte, sandbox_process
from bench._stats import summary

RUNS = 7
SIZES = ((8, 640, 360), (8, 1280, 720))
#: Image renders per aspect ratio: each takes milliseconds.
IMAGE_RUNS = 25
IMAGE_RATIOS = ("1:1", "16:9", "9:16")
#: The most one image may take to render, in milliseconds.
IMAGE_TARGET_MS = 50.0
#: Audio renders per kind (music, sound effect, voice), each of `AUDIO_SECONDS`.
AUDIO_RUNS = 15
AUDIO_SECONDS = 8.0
#: The most 8 s of audio may take to render, in milliseconds.
AUDIO_TARGET_MS = 50.0
#: The most the dub of an 8 s 640x360 video (every segment) may take, in seconds.
DUB_TARGET_S = 0.3
#: The parts of an 8 s video a stream shows: its first segment crosses a cut.
PARTS = ((1.0, 2.5), (4.0, 6.0), (0.0, 1.0))
#: Segments rendered here, and streams fetched from a sandbox (the first one cold: it starts
#: the render worker), each against the video's own, in alternating order.
SEGMENT_RUNS = 15
STREAM_ROUNDS = 5
#: The most the first segment of a stream of parts may take to its first byte, in seconds.
PARTS_TARGET_S = 1.0
#: Thumbnails of a moment, each of another moment (so each is rendered), rendered here and
#: asked for from a sandbox (the answer, its signed URL and the PNG, read to its end).
THUMBNAIL_RUNS = 15
#: The most a thumbnail of a moment may take, asked for and downloaded, in milliseconds.
THUMBNAIL_TARGET_MS = 200.0
#: MP4 downloads of an 8 s video rendered here (a generated video's, a dub's).
MP4_RUNS = 5


def _images() -> dict[str, dict[str, float]]:
    """Median and p90 milliseconds to render an image (drawn and saved as a PNG), per ratio."""
    rows: dict[str, dict[str, float]] = {}
    for ratio in IMAGE_RATIOS:
        time_image(ratio)  # warm up: imports, the font
        stats = summary([time_image(ratio) * 1000 for _ in range(IMAGE_RUNS)])
        rows[ratio] = {"median_ms": stats["median"], "p90_ms": stats["p90"]}
    return rows


def _audio() -> dict[str, dict[str, float]]:
    """Median and p90 milliseconds to render 8 s of audio (synthesised, AAC in .m4a), per kind."""
    rows: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        time_audio(AUDIO_SECONDS, kind)  # warm up: imports, tables
        stats = summary([time_audio(AUDIO_SECONDS, kind) * 1000 for _ in range(AUDIO_RUNS)])
        rows[kind] = {"median_ms": stats["median"], "p90_ms": stats["p90"]}
    return rows


def _dub() -> dict[str, float]:
    """Median and p90 seconds to render every segment of an 8 s 640x360 video's dub."""
    time_dub(8)  # warm up: imports, encoder set-up
    stats = summary([time_dub(8) for _ in range(RUNS)])
    return {"median_s": stats["median"], "p90_s": stats["p90"]}


def _time_segment(item: Media) -> float:
    """Seconds to render the first segment of `item` (a video, a stream of parts), here."""
    with tempfile.TemporaryDirectory(prefix="videodb-segment-") as folder:
        started = time.perf_counter()
        render_media(item, segment_name(0), Path(folder) / segment_name(0))
        return time.perf_counter() - started


def _segments() -> dict[str, dict[str, float]]:
    """Median and p90 milliseconds to render the first segment of an 8 s 640x360 video, and
    of a stream of parts of it, side by side."""
    picture = Picture("A segment of a stream of parts, timed", 8)
    items: dict[str, Media] = {
        "video": picture,
        "stream of parts": Cut(picture, spans(picture, PARTS)),
    }
    times: dict[str, list[float]] = {name: [] for name in items}
    for item in items.values():
        _time_segment(item)  # warm up: imports, encoder set-up
    for _ in range(SEGMENT_RUNS):
        for name, item in items.items():
            times[name].append(_time_segment(item) * 1000)
    return {name: _ms(values) for name, values in times.items()}


def _ms(values: list[float]) -> dict[str, float]:
    stats = summary(values)
    return {"median_ms": stats["median"], "p90_ms": stats["p90"]}


def _video(client: httpx.Client, prompt: str) -> dict[str, Any]:
    """A finished 8 s video of a sandbox whose jobs finish at once."""
    job = client.post("/collection/default/generate/video", json={"prompt": prompt, "duration": 8})
    state = client.get(job.raise_for_status().json()["data"]["output_url"]).json()
    if state["status"] != "done":
        raise RuntimeError(f"the video is not done: {state}")
    video: dict[str, Any] = state["data"]
    return video


def _fetched(url: str) -> dict[str, Any]:
    """From the sandbox at `url`, just started: the first byte of each round's stream of parts'
    first segment and of its video's own, fetched in alternating order after their playlists
    (the first fetch starts the render worker); then thumbnails of a moment, each asked for,
    signed and downloaded."""
    rounds = []
    with httpx.Client(base_url=url, headers=HEADERS, timeout=30) as client:
        for n in range(STREAM_ROUNDS):
            video = _video(client, f"A stream of parts, fetched #{n}")
            timeline = [list(part) for part in PARTS]
            stream = client.post(f"/video/{video['id']}/stream", json={"timeline": timeline})
            urls = {"video": video["stream_url"], "parts": stream.json()["data"]["stream_url"]}
            row = {}
            for name in sorted(urls, reverse=n % 2 == 1):
                client.get(urls[name]).raise_for_status()
                row[name] = first_byte(client, urls[name].replace("stream.m3u8", "seg000.ts"))
            rounds.append(row)
        video = _video(client, "Thumbnails of moments, fetched")
        thumbnails = []
        for n in range(THUMBNAIL_RUNS):
            started = time.perf_counter()
            image = client.post(f"/video/{video['id']}/thumbnail", json={"time": 0.5 + n * 0.25})
            image_id = image.raise_for_status().json()["data"]["id"]
            signed = client.post(f"/image/{image_id}/generate_url").json()["data"]["signed_url"]
            png = httpx.get(signed, timeout=30)
            if png.headers.get("content-type") != "image/png":
                raise RuntimeError(f"not a PNG: {png.status_code} {png.headers}")
            thumbnails.append((time.perf_counter() - started) * 1000)
    return {"streams": rounds, "thumbnails": _ms(thumbnails)}


def _video_calls() -> dict[str, Any]:
    """A video's own calls: segments rendered here and fetched from a fresh sandbox (first
    byte), thumbnails of a moment rendered here and asked for from it, and MP4 downloads."""
    segments = _segments()
    with sandbox_process("--job-seconds", "0") as (url, _):
        fetched = _fetched(url)
    time_still()  # warm up: Pillow, the font
    still = _ms([time_still(seconds=0.25 * n) * 1000 for n in range(THUMBNAIL_RUNS)])
    time_mp4(2)  # warm up: the encoders
    mp4 = {
        "8 s at 640x360": _seconds([time_mp4(8) for _ in range(MP4_RUNS)]),
        "8 s dub at 640x360": _seconds([time_mp4(8, language="fr") for _ in range(MP4_RUNS)]),
    }
    return {
        "segments": segments,
        "streams": fetched["streams"],
        "thumbnail": {"rendered": still, "asked_and_downloaded": fetched["thumbnails"]},
        "mp4": mp4,
    }


def _seconds(values: list[float]) -> dict[str, float]:
    stats = summary(values)
    return {"median_s": stats["median"], "p90_s": stats["p90"]}


def run() -> dict[str, object]:
    """Median and p90 seconds to render an 8 s video (24 fps), as a fraction of 8 s, and
    milliseconds to render an image, 8 s of audio and seconds to dub an 8 s video, measured in
    turn in the same run."""
    rows: dict[str, dict[str, float]] = {}
    for duration, width, height in SIZES:
        time_render(duration, width=width, height=height)  # warm up: imports, encoder set-up
        stats = summary([time_render(duration, width=width, height=height) for _ in range(RUNS)])
        rows[f"{duration} s at {width}x{height}"] = {
            "median_s": stats["median"],
            "p90_s": stats["p90"],
            "fraction_of_duration": stats["median"] / duration,
        }
    images = _images()
    sounds = _audio()
    dub = _dub()
    calls = _video_calls()
    default = rows["8 s at 640x360"]
    return {
        "renders": rows,
        "images": images,
        "audio": sounds,
        "dub": dub,
        "video_calls": calls,
        "target": (
            "an 8 s video renders well under 8 s; "
            f"an image rendered in at most {IMAGE_TARGET_MS:.0f} ms; "
            f"8 s of audio in at most {AUDIO_TARGET_MS:.0f} ms; "
            f"an 8 s video's dub in at most {DUB_TARGET_S} s; "
            f"a stream of parts' first segment at its first byte within {PARTS_TARGET_S:.0f} s; "
            f"a thumbnail of a moment asked for and downloaded within {THUMBNAIL_TARGET_MS:.0f} ms"
        ),
        "met": default["fraction_of_duration"] < 0.5
        and all(row["p90_ms"] <= IMAGE_TARGET_MS for row in images.values())
        and all(row["p90_ms"] <= AUDIO_TARGET_MS for row in sounds.values())
        and dub["median_s"] <= DUB_TARGET_S
        and max(row["parts"] for row in calls["streams"]) <= PARTS_TARGET_S
        and calls["thumbnail"]["asked_and_downloaded"]["p90_ms"] <= THUMBNAIL_TARGET_MS,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
