"""`make bench`: every benchmark, side by side in one run; writes bench/results/latest.{md,json}."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import (
    bench_batch,
    bench_callbacks,
    bench_clock,
    bench_compose,
    bench_import,
    bench_lag,
    bench_many,
    bench_media,
    bench_memory,
    bench_overhead,
    bench_render,
    bench_servers,
)
from bench._machine import describe

RESULTS = Path(__file__).resolve().parent / "results"

BENCHMARKS: dict[str, Callable[[], dict[str, Any]]] = {
    "overhead": bench_overhead.run,
    "lag": bench_lag.run,
    "many": bench_many.run,
    "servers": bench_servers.run,
    "import": bench_import.run,
    "render": bench_render.run,
    "media": bench_media.run,
    "memory": bench_memory.run,
    "batch": bench_batch.run,
    "callbacks": bench_callbacks.run,
    "compose": bench_compose.run,
    "clock": bench_clock.run,
}


def _met(result: dict[str, Any]) -> str:
    return "met" if result["met"] else "**missed**"


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _heading(title: str, result: dict[str, Any]) -> str:
    return f"## {title} — target: {result['target']}: {_met(result)}"


def render(machine: dict[str, str], results: dict[str, dict[str, Any]]) -> str:
    """The results as Markdown tables."""
    out = ["# Benchmarks", "", "Run with `make bench`. Every figure below comes from one run.", ""]
    out += ["| machine | |", "|---|---|", *(f"| {k} | {v} |" for k, v in machine.items()), ""]

    if "overhead" in results:
        r = results["overhead"]
        out += [
            _heading("1. Per-call overhead (µs, sandbox fast mode)", r),
            "",
            "| call | "
            + " | ".join(f"{name} median (p99)" for name in r["us"])
            + " | videodb_gen / raw httpx |",
            "|---|" + "---:|" * (len(r["us"]) + 1),
        ]
        for call in bench_overhead.CALLS:
            cells = [f"{c[call]['median']:.0f} ({c[call]['p99']:.0f})" for c in r["us"].values()]
            out.append(_row(call, *cells, f"{r['ratio_vs_raw_httpx'][call]:.2f}x"))
        out += [""]

    if "lag" in results:
        r = results["lag"]
        out += [
            _heading("2. Noticing a finished job", r),
            "",
            _row(
                "job",
                "client",
                "median lag (ms)",
                "p90 lag (ms)",
                "polls per job (median)",
                "polls (max)",
            ),
            "|---|---|---:|---:|---:|---:|",
        ]
        for job, clients in r["by_job"].items():
            for name, s in clients.items():
                out.append(
                    f"| {job} | {name} | {s['lag_ms_median']:.0f} | {s['lag_ms_p90']:.0f} "
                    f"| {s['polls_median']:.0f} | {s['polls_max']} |"
                )
        out.append("")

    if "many" in results:
        r = results["many"]
        out += [
            _heading("3. 100 generations of 3 s jobs", r),
            "",
            "| client | wall time (s) |",
            "|---|---:|",
            *(f"| {name} | {seconds:.1f} |" for name, seconds in r["seconds"].items()),
            "",
            f"videodb_gen: {r['videodb_gen_vs_one_job']:.2f}x one job's time",
            "",
        ]

    if "servers" in results:
        r = results["servers"]
        out += [
            _heading("4. Sandbox against Prism, generate + poll mix", r),
            "",
            "| clients | sandbox rps | sandbox p99 (ms) | Prism rps | Prism p99 (ms) | ratio |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        for conc, row in r["by_concurrency"].items():
            s, p = row["sandbox"], row["prism"]
            ratio = f"{row['ratio']:.2f}x" + ("" if row["met"] else " (missed)")
            out.append(
                _row(
                    conc,
                    f"{s['rps']:.0f}",
                    f"{s['p99_ms']:.1f}",
                    f"{p['rps']:.0f}",
                    f"{p['p99_ms']:.1f}",
                    ratio,
                )
            )
        out.append("")

    if "import" in results:
        r = results["import"]
        ms = r["ms"]
        out += [
            _heading("5. Import time (ms, median of 10 fresh processes)", r),
            "",
            "| package | median | p90 |",
            "|---|---:|---:|",
            *(f"| {name} | {s['median']:.1f} | {s['p90']:.1f} |" for name, s in ms.items()),
            "",
        ]
    sections = {
        "render": _render,
        "media": _media,
        "memory": _memory,
        "batch": _batch,
        "callbacks": _callbacks,
        "compose": _compose,
        "clock": _clock,
    }
    for name, section in sections.items():
        if name in results:
            out += section(results[name])
    return "\n".join(out)


def _render(r: dict[str, Any]) -> list[str]:
    title = (
        "6. Rendering a generated video (24 fps, H.264, HLS), an image, audio and a dub"
        " in the sandbox"
    )
    out = [
        _heading(title, r),
        "",
        _row("video", "median (s)", "p90 (s)", "median / video length"),
        "|---|---:|---:|---:|",
        *(
            _row(
                name,
                f"{s['median_s']:.2f}",
                f"{s['p90_s']:.2f}",
                f"{s['fraction_of_duration']:.3f}",
            )
            for name, s in r["renders"].items()
        ),
        "",
    ]
    if "images" in r:
        out += [
            _row("image (PNG, 1024 on the long side)", "median (ms)", "p90 (ms)"),
            "|---|---:|---:|",
            *(
                _row(ratio, f"{s['median_ms']:.1f}", f"{s['p90_ms']:.1f}")
                for ratio, s in r["images"].items()
            ),
            "",
        ]
    if "audio" in r:
        out += [
            _row("8 s of audio (AAC in .m4a, 24 kHz mono)", "median (ms)", "p90 (ms)"),
            "|---|---:|---:|",
            *(
                _row(kind.replace("_", " "), f"{s['median_ms']:.1f}", f"{s['p90_ms']:.1f}")
                for kind, s in r["audio"].items()
            ),
            "",
        ]
    if "dub" in r:
        dub = r["dub"]
        out += [
            _row("dub (the pictures again, with a voice)", "median (s)", "p90 (s)"),
            "|---|---:|---:|",
            _row("8 s at 640x360", f"{dub['median_s']:.2f}", f"{dub['p90_s']:.2f}"),
            "",
        ]
    if "video_calls" in r:
        out += _video_calls(r["video_calls"])
    return out


def _video_calls(r: dict[str, Any]) -> list[str]:
    thumbnail = r["thumbnail"]
    return [
        _row("first segment of an 8 s 640x360 video, rendered", "median (ms)", "p90 (ms)"),
        "|---|---:|---:|",
        *(
            _row(name, f"{s['median_ms']:.1f}", f"{s['p90_ms']:.1f}")
            for name, s in r["segments"].items()
        ),
        "",
        _row(
            "fetched from a sandbox just started",
            "video's first segment: first byte (s)",
            "stream of parts' first segment: first byte (s)",
        ),
        "|---|---:|---:|",
        *(
            _row(f"round {n + 1}", f"{row['video']:.3f}", f"{row['parts']:.3f}")
            for n, row in enumerate(r["streams"])
        ),
        "",
        _row("thumbnail of a moment (640x360 PNG)", "median (ms)", "p90 (ms)"),
        "|---|---:|---:|",
        *(
            _row(name, f"{s['median_ms']:.1f}", f"{s['p90_ms']:.1f}")
            for name, s in (
                ("rendered", thumbnail["rendered"]),
                ("asked for, signed and downloaded", thumbnail["asked_and_downloaded"]),
            )
        ),
        "",
        _row("download (MP4, H.264 + AAC for a dub), rendered", "median (s)", "p90 (s)"),
        "|---|---:|---:|",
        *(_row(name, f"{s['median_s']:.2f}", f"{s['p90_s']:.2f}") for name, s in r["mp4"].items()),
        "",
    ]


def _media(r: dict[str, Any]) -> list[str]:
    generations, players = r["generations"], r["players"]
    return [
        _heading("7. The sandbox's default settings (media on) against --media off", r),
        "",
        "| sandbox | 300 generations at once, waited for: wall time (s) |",
        "|---|---:|",
        *(_row(mode, f"{s:.2f}") for mode, s in generations["seconds"].items()),
        "",
        f"default / --media off: {generations['ratio']:.2f}x",
        "",
        _row(
            "video fetched as its job is done",
            "playlist first byte (s)",
            "first segment first byte (s)",
            "played (s)",
        ),
        "|---|---:|---:|---:|",
        *(
            _row(
                f"player {n + 1}",
                f"{p['playlist_s']:.3f}",
                f"{p['first_segment_s']:.3f}",
                f"{p['played_s']:.2f}",
            )
            for n, p in enumerate(players)
        ),
        "",
    ]


def _memory(r: dict[str, Any]) -> list[str]:
    rows = r["by_mode"]
    steps = [step for step, value in rows["default"].items() if isinstance(value, dict)]
    steps.remove("media")
    return [
        _heading("8. Sandbox memory (RSS, MB: server + render workers) over 10,000 jobs", r),
        "",
        _row("step", *rows),
        "|---|" + "---:|" * len(rows),
        *(
            _row(
                step,
                *(
                    f"{by_step[step]['total_mb']:.0f}"
                    + (
                        f" ({by_step[step]['workers_mb']:.0f} in workers)"
                        if mode == "default"
                        else ""
                    )
                    for mode, by_step in rows.items()
                ),
            )
            for step in steps
        ),
        _row(
            "peak while media were fetched", *(f"{v['peak_total_mb']:.0f}" for v in rows.values())
        ),
        "",
        f"default / --media off after the media were fetched: {r['ratio_after_media']:.2f}x",
        "",
    ]


def _batch(r: dict[str, Any]) -> list[str]:
    resumed = r["killed_and_resumed"]
    at_kill = ", ".join(f"{n} {status}" for status, n in resumed["state_at_kill"].items())
    return [
        _heading(
            f"9. Batch generation: {r['prompts']:,} prompts of {r['job_seconds']:g} s jobs", r
        ),
        "",
        "| run | wall time (s) | jobs started |",
        "|---|---:|---:|",
        _row(
            f"`videodb-gen batch --concurrency {r['concurrency']}`",
            f"{r['seconds']:.2f}",
            f"{r['jobs_started']:,}",
        ),
        _row(
            "killed with SIGKILL halfway, then run again (the second run)",
            f"{resumed['resume_seconds']:.2f}",
            f"{resumed['jobs_started_in_all']:,} in all",
        ),
        "",
        f"{r['vs_one_job']:.2f}x one job's time; the state file at the kill: {at_kill}",
        "",
    ]


def _callbacks(r: dict[str, Any]) -> list[str]:
    rows = r["by_mode"]
    bad = rows["beside bad receivers"]["callbacks"]
    return [
        _heading("10. Callbacks to a healthy receiver beside receivers that hang and drip", r),
        "",
        _row(
            "sandbox",
            "healthy callbacks delivered",
            "lag median (s)",
            "lag p90 (s)",
            "lag max (s)",
            "RSS at start (MB)",
            "RSS peak (MB)",
        ),
        "|---|---:|---:|---:|---:|---:|---:|",
        *(
            _row(
                f"healthy receiver {mode}",
                f"{row['delivered']} of {row['delivered'] + row['missed']}",
                f"{row['lag_s_median']:.3f}",
                f"{row['lag_s_p90']:.3f}",
                f"{row['lag_s_max']:.3f}",
                f"{row['rss_start_mb']:.0f}",
                f"{row['rss_peak_mb']:.0f}",
            )
            for mode, row in rows.items()
        ),
        "",
        f"beside / alone: median lag {r['median_lag_ratio']:.2f}x, max lag "
        f"{r['max_lag_ratio']:.2f}x; the {r['hanging']} hanging and {r['dripping']} dripping "
        f"receivers' callbacks: {bad['failed_attempts']:,} attempts failed, "
        f"{bad['abandoned']} abandoned",
        "",
    ]


def _compose(r: dict[str, Any]) -> list[str]:
    renders, compiled = r["renders"], r["compile_ms"]
    return [
        _heading("11. Compositions: rendered, compiled, played", r),
        "",
        _row("every segment, rendered here (median of 3)", "seconds"),
        "|---|---:|",
        _row("30 s of plain generated video, 640x360", f"{renders['plain_s']:.2f}"),
        _row(
            "30 s composition: 3 clips, music and a voice, a logo, a title",
            f"{renders['composition_s']:.2f}",
        ),
        _row("composition / plain", f"{renders['ratio']:.2f}x"),
        "",
        _row("from a sandbox", "figure"),
        "|---|---:|",
        _row("compile answered, median (ms)", f"{compiled['median']:.1f}"),
        _row("compile answered, p90 (ms)", f"{compiled['p90']:.1f}"),
        _row("first segment's first byte, max (s)", f"{max(r['first_byte_s']):.3f}"),
        _row("RSS after 500 compositions played (MB)", f"{r['rss_mb_after']:.0f}"),
        "",
    ]


def _clock(r: dict[str, Any]) -> list[str]:
    rows = r["by_clock"]
    return [
        _heading("12. A test of a job's life, on a manual clock against the wall clock", r),
        "",
        _row("clock", "median (s)", "max (s)"),
        "|---|---:|---:|",
        *(
            _row(mode, f"{row['median_s']:.3f}", f"{row['max_s']:.3f}")
            for mode, row in rows.items()
        ),
        "",
        f"wall / manual: {r['wall_vs_manual']:.0f}x (the wall clock's job runs "
        f"{r['wall_job_seconds']:g} s and expires {r['wall_ttl_seconds']:g} s after; "
        f"median of {r['rounds']})",
        "",
    ]


def main(argv: list[str]) -> int:
    """Run the named benchmarks (all by default) and write the results."""
    names = argv or list(BENCHMARKS)
    machine = describe()
    results: dict[str, dict[str, Any]] = {}
    for name in names:
        start = time.perf_counter()
        print(f"running {name} ...", file=sys.stderr, flush=True)
        results[name] = BENCHMARKS[name]()
        print(f"  {name} took {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    markdown = render(machine, results)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.md").write_text(markdown + "\n")
    (RESULTS / "latest.json").write_text(
        json.dumps({"machine": machine, "results": results}, indent=2) + "\n"
    )
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
