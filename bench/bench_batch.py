"""Batch generation: 1,000 prompts through `videodb-gen batch --concurrency 200` against 2 s
sandbox jobs, timed as a user runs it (a fresh process); then the same batch killed with
SIGKILL halfway (once half its results are recorded) and run again, counting the jobs the
sandbox started in all."""

from __future__ import annotations

import contextlib
import json
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench._servers import API_KEY, sandbox

PROMPTS = 1000
CONCURRENCY = 200
JOB_SECONDS = 2.0
TARGET_RATIO = 3.0
VIDEODB_GEN = str(Path(sys.executable).with_name("videodb-gen"))


def _write_prompts(folder: Path) -> Path:
    path = folder / "prompts.jsonl"
    lines = (
        json.dumps({"prompt": f"A drone over a futuristic city, take {n}", "duration": 5})
        for n in range(PROMPTS)
    )
    path.write_text("\n".join(lines) + "\n")
    return path


def _command(prompts: Path, out: Path, base_url: str) -> list[str]:
    return [
        VIDEODB_GEN,
        "batch",
        str(prompts),
        "--out",
        str(out),
        "--concurrency",
        str(CONCURRENCY),
        "--base-url",
        base_url,
        "--api-key",
        API_KEY,
        "--json",
    ]


def _jobs_started(base_url: str) -> int:
    return int(httpx.get(f"{base_url}/_sandbox/stats", timeout=10).json()["jobs"])


def _results(out: Path) -> dict[str, str]:
    """The status of each line in a results file, by key."""
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    return {row["key"]: row["status"] for row in rows}


def _recorded(state: Path) -> dict[str, int]:
    """The state database's rows by status (empty before it exists)."""
    if not state.exists():
        return {}
    with contextlib.closing(sqlite3.connect(f"file:{state}?mode=ro", uri=True)) as db:
        try:
            rows = db.execute("SELECT status, count(*) FROM jobs GROUP BY status").fetchall()
        except sqlite3.OperationalError:  # the table is not there yet
            return {}
    return dict(rows)


def _timed_run(folder: Path) -> dict[str, object]:
    prompts = _write_prompts(folder)
    out = folder / "results.jsonl"
    with sandbox("--job-seconds", str(JOB_SECONDS)) as base_url:
        start = time.perf_counter()
        done = subprocess.run(  # noqa: S603 - our own command
            _command(prompts, out, base_url), capture_output=True, text=True, check=False
        )
        seconds = time.perf_counter() - start
        jobs = _jobs_started(base_url)
    results = _results(out)
    if done.returncode != 0 or sorted(results.values()) != ["done"] * PROMPTS:
        raise RuntimeError(f"batch failed ({done.returncode}): {done.stderr[-2000:]}")
    return {"seconds": seconds, "jobs_started": jobs, "summary": json.loads(done.stdout)}


def _killed_and_resumed(folder: Path) -> dict[str, object]:
    prompts = _write_prompts(folder)
    out = folder / "results.jsonl"
    state = Path(f"{out}.state.sqlite")
    with sandbox("--job-seconds", str(JOB_SECONDS)) as base_url:
        first = subprocess.Popen(  # noqa: S603 - our own command
            _command(prompts, out, base_url),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        at_kill: dict[str, int] = {}
        while time.monotonic() < deadline and first.poll() is None:
            at_kill = _recorded(state)
            if at_kill.get("done", 0) >= PROMPTS // 2:
                break
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait()
        after_kill = _recorded(state)
        jobs_at_kill = _jobs_started(base_url)
        start = time.perf_counter()
        second = subprocess.run(  # noqa: S603 - our own command
            _command(prompts, out, base_url), capture_output=True, text=True, check=False
        )
        resume_seconds = time.perf_counter() - start
        jobs = _jobs_started(base_url)
    results = _results(out)
    if second.returncode != 0 or sorted(results.values()) != ["done"] * PROMPTS:
        raise RuntimeError(f"resumed batch failed ({second.returncode}): {second.stderr[-2000:]}")
    return {
        "state_at_kill": after_kill,
        "jobs_started_at_kill": jobs_at_kill,
        "resume_seconds": resume_seconds,
        "jobs_started_in_all": jobs,
        "lines_with_a_result": len(results),
    }


def run() -> dict[str, object]:
    """Wall time of 1,000 prompts as a multiple of one job's time; and the jobs a killed and
    resumed batch started in all."""
    with tempfile.TemporaryDirectory() as tmp:
        folders = Path(tmp) / "timed", Path(tmp) / "killed"
        for folder in folders:
            folder.mkdir()
        timed = _timed_run(folders[0])
        resumed = _killed_and_resumed(folders[1])
    seconds = float(str(timed["seconds"]))
    ratio = seconds / JOB_SECONDS
    exactly_once = resumed["jobs_started_in_all"] == PROMPTS
    return {
        "prompts": PROMPTS,
        "concurrency": CONCURRENCY,
        "job_seconds": JOB_SECONDS,
        "seconds": seconds,
        "vs_one_job": ratio,
        "jobs_started": timed["jobs_started"],
        "killed_and_resumed": resumed,
        "target": f"{PROMPTS:,} prompts within {TARGET_RATIO:g}x one job's time; killed "
        f"halfway and resumed, exactly {PROMPTS:,} jobs started in all",
        "met": ratio <= TARGET_RATIO and exactly_once,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
