"""How long the sandbox takes to render a generated video, against the video's own length."""

from __future__ import annotations

from videodb_mock import time_render

from bench._stats import summary

RUNS = 7
SIZES = ((8, 640, 360), (8, 1280, 720))


def run() -> dict[str, object]:
    """Median and p90 seconds to render an 8 s video (24 fps), as a fraction of 8 s."""
    rows: dict[str, dict[str, float]] = {}
    for duration, width, height in SIZES:
        time_render(duration, width=width, height=height)  # warm up: imports, encoder set-up
        stats = summary([time_render(duration, width=width, height=height) for _ in range(RUNS)])
        rows[f"{duration} s at {width}x{height}"] = {
            "median_s": stats["median"],
            "p90_s": stats["p90"],
            "fraction_of_duration": stats["median"] / duration,
        }
    default = rows["8 s at 640x360"]
    return {
        "renders": rows,
        "target": "an 8 s video renders well under 8 s",
        "met": default["fraction_of_duration"] < 0.5,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
