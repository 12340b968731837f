"""How long the sandbox takes to render a generated video, against the video's own length, a
generated image, 8 s of generated audio and the dub of an 8 s video, side by side in one run."""

from __future__ import annotations

from videodb_mock import time_image, time_render
from videodb_mock._media.audio import KINDS, time_audio
from videodb_mock._media.dubbing import time_dub

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
    default = rows["8 s at 640x360"]
    return {
        "renders": rows,
        "images": images,
        "audio": sounds,
        "dub": dub,
        "target": (
            "an 8 s video renders well under 8 s; "
            f"an image rendered in at most {IMAGE_TARGET_MS:.0f} ms; "
            f"8 s of audio in at most {AUDIO_TARGET_MS:.0f} ms; "
            f"an 8 s video's dub in at most {DUB_TARGET_S} s"
        ),
        "met": default["fraction_of_duration"] < 0.5
        and all(row["p90_ms"] <= IMAGE_TARGET_MS for row in images.values())
        and all(row["p90_ms"] <= AUDIO_TARGET_MS for row in sounds.values())
        and dub["median_s"] <= DUB_TARGET_S,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
