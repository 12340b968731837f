"""How long the sandbox takes to render a generated video, against the video's own length, and
a generated image, side by side in one run."""

from __future__ import annotations

from videodb_mock import time_image, time_render

from bench._stats import summary

RUNS = 7
SIZES = ((8, 640, 360), (8, 1280, 720))
#: Image renders per aspect ratio: each takes milliseconds.
IMAGE_RUNS = 25
IMAGE_RATIOS = ("1:1", "16:9", "9:16")
#: The most one image may take to render, in milliseconds.
IMAGE_TARGET_MS = 50.0


def _images() -> dict[str, dict[str, float]]:
    """Median and p90 milliseconds to render an image (drawn and saved as a PNG), per ratio."""
    rows: dict[str, dict[str, float]] = {}
    for ratio in IMAGE_RATIOS:
        time_image(ratio)  # warm up: imports, the font
        stats = summary([time_image(ratio) * 1000 for _ in range(IMAGE_RUNS)])
        rows[ratio] = {"median_ms": stats["median"], "p90_ms": stats["p90"]}
    return rows


def run() -> dict[str, object]:
    """Median and p90 seconds to render an 8 s video (24 fps), as a fraction of 8 s, and
    milliseconds to render an image, measured in turn in the same run."""
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
    default = rows["8 s at 640x360"]
    return {
        "renders": rows,
        "images": images,
        "target": (
            "an 8 s video renders well under 8 s; "
            f"an image rendered in at most {IMAGE_TARGET_MS:.0f} ms"
        ),
        "met": default["fraction_of_duration"] < 0.5
        and all(row["p90_ms"] <= IMAGE_TARGET_MS for row in images.values()),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
