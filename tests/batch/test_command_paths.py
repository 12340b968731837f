"""`videodb-gen batch` in-process against the faked API: the progress bar, and the ways it
ends other than with every line done."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
import respx

from tests.batch.conftest import BASE, Cli, FakeAPI, results_file


def prompts_file(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"prompt": f"p {i}"}) + "\n" for i in range(n)))
    return path


def test_a_progress_bar_on_a_terminal(
    cli: Cli, api: FakeAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    api.fail = "p 1"
    out = tmp_path / "out.jsonl"
    with respx.mock(base_url=BASE) as router:
        router.route().mock(side_effect=api)
        done = cli("batch", str(prompts_file(tmp_path, 3)), "--out", str(out),
                   "--base-url", BASE, "--api-key", "sk-x")  # fmt: skip
    assert done.code == 3  # a job failed
    assert "done 2  failed 1  running 0" in done.err
    assert "2 done, 1 failed, 0 unknown, 0 pending" in done.err
    assert len(results_file(out)) == 3


def test_a_rejected_key_is_exit_4_and_starts_nothing(
    cli: Cli, api: FakeAPI, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    with respx.mock(base_url=BASE) as router:
        router.get("/collection/default").respond(401, json={"success": False, "message": "no"})
        done = cli("batch", str(prompts_file(tmp_path, 2)), "--out", str(out),
                   "--base-url", BASE, "--api-key", "sk-x")  # fmt: skip
    assert done.code == 4
    assert "rejected" in done.err
    assert not out.exists()


def test_unknown_lines_are_exit_3(cli: Cli, api: FakeAPI, tmp_path: Path) -> None:
    api.hang_up = "p 0"
    with respx.mock(base_url=BASE) as router:
        router.route().mock(side_effect=api)
        done = cli("batch", str(prompts_file(tmp_path, 1)), "--base-url", BASE,
                   "--api-key", "sk-x", "--json")  # fmt: skip
    assert done.code == 3
    (line,) = [json.loads(text) for text in done.out.splitlines()]
    assert line["status"] == "unknown"


def test_a_missing_file_or_folder_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    missing = cli("batch", str(tmp_path / "nope.jsonl"), "--api-key", "sk-x")
    assert missing.code == 2
    assert "cannot read" in missing.err
    source = prompts_file(tmp_path, 1)
    nowhere = cli("batch", str(source), "--out", str(tmp_path / "no" / "o.jsonl"),
                  "--api-key", "sk-x")  # fmt: skip
    assert nowhere.code == 2
    assert "folder that exists" in nowhere.err
    assert cli("batch", str(source), "--concurrency", "0", "--api-key", "sk-x").code == 2


def test_interrupted_it_says_how_to_resume(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("videodb_gen.cli._batch.generate_batch_async", interrupted)
    done = cli("batch", str(prompts_file(tmp_path, 1)), "--base-url", BASE, "--api-key", "sk-x")
    assert done.code == 130
    assert "run the same command again to resume" in done.err


def test_out_or_state_on_the_input_or_on_each_other_is_refused_before_anything(
    cli: Cli, api: FakeAPI, tmp_path: Path
) -> None:
    source = prompts_file(tmp_path, 2)
    prompts = source.read_bytes()
    state = tmp_path / "s.sqlite"
    (tmp_path / "link.jsonl").symlink_to(source)
    os.link(source, tmp_path / "hard.jsonl")
    cases = {
        "--out": [
            (str(source), f"--out is the input file {source}"),
            (str(tmp_path / "link.jsonl"), f"--out is the input file {source}"),
            (str(tmp_path / "hard.jsonl"), f"--out is the input file {source}"),
            (str(tmp_path / "." / "s.sqlite"), f"--out is the state file --state {state}"),
        ],
        "--state": [(str(tmp_path / "hard.jsonl"), f"--state is the input file {source}")],
    }
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        router.route().mock(side_effect=api)
        for option, refusals in cases.items():
            for path, message in refusals:
                where = ["--out", path] if option == "--out" else ["--state", path]
                if option == "--out":
                    where += ["--state", str(state)]
                done = cli("batch", str(source), *where, "--base-url", BASE, "--api-key", "k")
                assert done.code == 2, (path, done.err)
                assert message in done.err, done.err
                assert path in done.err
    assert source.read_bytes() == prompts
    assert not state.exists()
    assert api.peaks == []
