"""`videodb-gen batch` against the sandbox: results and state files, bad lines, 429s, and a
run killed with SIGKILL halfway and run again."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.batch.conftest import (
    Cli,
    batch_command,
    environ,
    results_file,
    rows,
    run_batch,
    stats,
)
from tests.conftest import SandboxFactory

KEY = "sk-batch-cli"


def write_prompts(path: Path, n: int) -> Path:
    path.write_text(
        "".join(json.dumps({"prompt": f"take {i}", "duration": 5}) + "\n" for i in range(n))
    )
    return path


def test_results_and_state_then_a_rerun_starts_nothing(
    cli: Cli, start_sandbox: SandboxFactory, tmp_path: Path
) -> None:
    url = start_sandbox()
    source = tmp_path / "in.csv"
    source.write_text(
        "op,prompt,duration,aspect_ratio\nvideo,a fox,6,\nimage,a lighthouse,,16:9\n"
        "music,strings,3,\n"
    )
    out = tmp_path / "results.jsonl"
    args = ("batch", str(source), "--out", str(out), "--base-url", url, "--api-key", KEY)
    first = cli(*args)
    assert first.code == 0, first.err
    assert "3 done, 0 failed, 0 unknown, 0 pending" in first.err
    lines = sorted(results_file(out), key=lambda r: r["line"])
    assert [(r["line"], r["op"], r["status"]) for r in lines] == [
        (2, "video", "done"),
        (3, "image", "done"),
        (4, "music", "done"),
    ]
    assert len({r["key"] for r in lines}) == 3
    assert lines[0]["result"]["id"].startswith("m-")
    assert lines[0]["result"]["length"] == 6.0
    assert (lines[1]["result"]["width"], lines[1]["result"]["height"]) == (1024, 576)
    assert lines[2]["result"]["id"].startswith("a-")
    state = rows(Path(f"{out}.state.sqlite"))
    assert {k: r["status"] for k, r in state.items()} == {r["key"]: "done" for r in lines}
    assert {k: r["job_id"] for k, r in state.items()} == {r["key"]: r["job_id"] for r in lines}
    assert stats(url)["jobs"] == 3

    again = cli(*args, "--json")
    assert again.code == 0, again.err
    summary = json.loads(again.out)
    assert summary["done"] == 3
    assert summary["total"] == 3
    assert stats(url)["jobs"] == 3
    assert all(r["resumed"] for r in results_file(out))


def test_bad_lines_exit_2_naming_each_and_nothing_starts(
    cli: Cli, start_sandbox: SandboxFactory, tmp_path: Path
) -> None:
    url = start_sandbox()
    source = tmp_path / "in.jsonl"
    source.write_text('{"prompt": "fine"}\n{"prompt": "a fox", "duration": 12}\n{"op": "nope"}\n')
    out = tmp_path / "results.jsonl"
    done = cli("batch", str(source), "--out", str(out), "--base-url", url, "--api-key", KEY)
    assert done.code == 2
    assert "line 2: duration: must be from 5 to 8 seconds, got 12" in done.err
    assert "line 3: op: must be one of video, image" in done.err
    assert "nothing was started" in done.err
    assert not out.exists()
    assert not Path(f"{out}.state.sqlite").exists()
    assert stats(url)["jobs"] == 0


def test_a_missing_key_is_exit_4_and_results_go_to_stdout_without_out(
    cli: Cli, start_sandbox: SandboxFactory, tmp_path: Path
) -> None:
    source = write_prompts(tmp_path / "in.jsonl", 2)
    assert cli("batch", str(source), "--base-url", "http://127.0.0.1:9").code == 4
    url = start_sandbox()
    done = cli("batch", str(source), "--base-url", url, "--api-key", KEY)
    assert done.code == 0, done.err
    printed = [json.loads(line) for line in done.out.splitlines()]
    assert sorted(r["line"] for r in printed) == [1, 2]
    assert Path(f"{source}.state.sqlite").exists()


def test_rate_limited_it_lowers_its_concurrency_and_finishes(
    cli: Cli, start_sandbox: SandboxFactory, tmp_path: Path
) -> None:
    url = start_sandbox("--fault-rate", "429=0.3", strict=False)
    source = write_prompts(tmp_path / "in.jsonl", 40)
    out = tmp_path / "results.jsonl"
    done = cli(
        "batch", str(source), "--out", str(out), "--concurrency", "16",
        "--base-url", url, "--api-key", KEY, "--json",
    )  # fmt: skip
    assert done.code == 0, done.err
    summary = json.loads(done.out)
    assert summary["done"] == 40
    assert summary["rate_limited"] > 0
    assert summary["lowest_concurrency"] < 16
    assert stats(url)["jobs"] == 40  # a 429 starts nothing, and nothing started twice


def _recorded(state: Path) -> dict[str, int]:
    if not state.exists():
        return {}
    try:
        with sqlite3.connect(f"file:{state}?mode=ro", uri=True) as db:
            found = db.execute("SELECT status, count(*) FROM jobs GROUP BY status").fetchall()
    except sqlite3.OperationalError:
        return {}
    return dict(found)


def test_killed_halfway_and_run_again_it_starts_each_job_once(
    start_sandbox: SandboxFactory, tmp_path: Path
) -> None:
    lines = 60
    url = start_sandbox("--job-seconds", "2")
    source = write_prompts(tmp_path / "in.jsonl", lines)
    out = tmp_path / "results.jsonl"
    state = Path(f"{out}.state.sqlite")
    args = (
        str(source),
        "--out",
        str(out),
        "--concurrency",
        "4",
        "--base-url",
        url,
        "--api-key",
        KEY,
    )
    first = subprocess.Popen(  # noqa: S603 - the suite's own command
        batch_command(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environ()
    )
    deadline = time.monotonic() + 60
    at_kill: dict[str, int] = {}
    try:
        while time.monotonic() < deadline:
            at_kill = _recorded(state)
            if at_kill.get("done", 0) >= lines // 3:
                break
            assert first.poll() is None, "the batch ended before it could be killed"
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
    finally:
        first.wait(10)
    at_kill = _recorded(state)
    assert 0 < at_kill.get("done", 0) < lines, at_kill
    assert at_kill.get("starting", 0) == 0, at_kill  # nothing was in flight: all recorded
    assert stats(url)["jobs"] == sum(at_kill.values())

    second = run_batch(*args)
    assert second.code == 0, second.err
    results = results_file(out)
    assert sorted(r["line"] for r in results) == list(range(1, lines + 1))
    assert {r["status"] for r in results} == {"done"}
    resumed = [r for r in results if r["resumed"]]
    assert len(resumed) == sum(at_kill.values())
    assert stats(url)["jobs"] == lines  # exactly one job per line, in all
    assert {r["status"] for r in rows(state).values()} == {"done"}


def test_results_on_stdout_never_carry_raw_controls(
    cli: Cli, start_sandbox: SandboxFactory, tmp_path: Path
) -> None:
    # The sandbox names a video after its prompt, as a server may name it anything.
    prompt = "a fox\x9b31m\x7f\u202e"
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"prompt": prompt, "duration": 5}) + "\n")
    url = start_sandbox()
    shown = cli("batch", str(source), "--base-url", url, "--api-key", KEY)
    assert shown.code == 0, shown.err
    assert shown.out.isascii(), shown.out
    assert "\x7f" not in shown.out
    assert json.loads(shown.out)["result"]["name"] == prompt
    # A file keeps the text as it is, in UTF-8.
    out = tmp_path / "results.jsonl"
    kept = cli("batch", str(source), "--base-url", url, "--api-key", KEY, "--out", str(out))
    assert kept.code == 0, kept.err
    assert prompt in out.read_text(encoding="utf-8")
