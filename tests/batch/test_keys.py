"""A request is found again by its content: editing the requests around a finished one
(inserting, deleting, reordering lines) never starts it again; and state files of the version
that keyed requests by their line number keep working."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from pathlib import Path

import pytest
import respx
from videodb_gen import BatchRequest, StateError, generate_batch_async
from videodb_gen._batch_input import check_requests, content_key

from tests.batch.conftest import BASE, Cli, Connect, FakeAPI, results_file, rows


def prompts(*names: str) -> list[dict[str, object]]:
    return [{"prompt": name} for name in names]


async def test_inserting_deleting_and_reordering_requests_starts_only_new_ones(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "s.sqlite"
    async with connect() as conn:
        first = await generate_batch_async(prompts("a", "b", "c"), state=state, connection=conn)
        edited = prompts("new", "c", "a")  # one inserted at the top, b deleted, c moved up
        second = await generate_batch_async(edited, state=state, connection=conn)
    assert first.ok
    assert second.ok
    assert api.started == ["a", "b", "c", "new"]
    assert [(r.resumed, r.job_id) for r in second.results] == [
        (False, second.results[0].job_id),
        (True, first.results[2].job_id),
        (True, first.results[0].job_id),
    ]
    assert [r.result for r in second.results[1:]] == [
        first.results[2].result,
        first.results[0].result,
    ]


async def test_identical_requests_are_told_apart_by_their_occurrence(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "s.sqlite"
    async with connect() as conn:
        first = await generate_batch_async(prompts("a", "b", "a"), state=state, connection=conn)
        again = await generate_batch_async(
            prompts("a", "a", "a", "b"), state=state, connection=conn
        )
    assert api.started == ["a", "b", "a", "a"]  # the third "a" is the only new request
    a_key = first.results[0].key
    assert [r.key for r in first.results] == [a_key, first.results[1].key, f"{a_key}#2"]
    assert [r.key for r in again.results] == [
        a_key,
        f"{a_key}#2",
        f"{a_key}#3",
        first.results[1].key,
    ]
    assert [r.resumed for r in again.results] == [True, True, False, True]


def test_a_content_key_is_its_operation_collection_and_arguments_as_sent() -> None:
    fox, same, longer, image, given = check_requests(
        [
            {"prompt": "a fox"},
            {"prompt": "a fox", "duration": 5, "callback_url": None},  # the defaults, written
            {"prompt": "a fox", "duration": 6},
            BatchRequest("image", {"prompt": "a fox"}),
            {"prompt": "a fox", "key": "mine"},
        ]
    )
    assert fox.key == content_key(fox.digest, 1) == fox.digest[:16]
    assert same.key == f"{fox.key}#2"  # the same request, a second time
    assert len({fox.key, longer.key, image.key}) == 3
    assert given.key == "mine"
    assert given.legacy_key is None
    assert (fox.legacy_key, longer.legacy_key) == ("1", "3")
    (elsewhere,) = check_requests([{"prompt": "a fox"}], collection_id="c-2")
    assert elsewhere.key != fox.key


def test_the_command_resumes_a_file_with_a_line_inserted_at_the_top(
    cli: Cli, api: FakeAPI, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"prompt": "a"}\n{"prompt": "b"}\n')
    out = tmp_path / "out.jsonl"
    args = ("batch", str(source), "--out", str(out), "--base-url", BASE, "--api-key", "sk-x")
    with respx.mock(base_url=BASE) as router:
        router.route().mock(side_effect=api)
        assert cli(*args).code == 0
        source.write_text('\n{"prompt": "c"}\n{"prompt": "b"}\n{"prompt": "a"}\n')
        again = cli(*args)
    assert again.code == 0, again.err
    assert api.started == ["a", "b", "c"]
    by_line = {r["line"]: r for r in results_file(out)}
    assert {line: r["resumed"] for line, r in by_line.items()} == {2: False, 3: True, 4: True}


def _legacy_state(path: Path, requests: list[dict[str, object]], job_ids: list[str]) -> None:
    """A state file as the version keyed by line number wrote it: no ``keys`` in ``meta``."""
    checked = check_requests(requests)
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.executescript(
            "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "CREATE TABLE jobs (key TEXT NOT NULL, digest TEXT NOT NULL, op TEXT NOT NULL,"
            " request TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('starting',"
            " 'started', 'done', 'failed')), job_id TEXT, outcome TEXT, created REAL NOT NULL,"
            " updated REAL NOT NULL, PRIMARY KEY (key, digest));"
        )
        db.execute("INSERT INTO meta VALUES ('base_url', ?)", (BASE,))
        for item, job_id in zip(checked, job_ids, strict=True):
            outcome = json.dumps({"result": {"id": f"m-{job_id}"}, "error": None})
            db.execute(
                "INSERT INTO jobs VALUES (?, ?, 'video', '{}', 'done', ?, ?, ?, ?)",
                (item.legacy_key, item.digest, job_id, outcome, time.time(), time.time()),
            )


async def test_a_state_file_keyed_by_line_number_keeps_working(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "old.sqlite"
    _legacy_state(state, prompts("a", "b", "a"), ["job-1", "job-2", "job-3"])
    async with connect() as conn:
        report = await generate_batch_async(
            prompts("a", "b", "a", "d"), state=state, connection=conn
        )
        again = await generate_batch_async(
            prompts("d", "a", "a", "b"), state=state, connection=conn
        )
    assert api.started == ["d"]
    assert [(r.job_id, r.resumed) for r in report.results[:3]] == [
        ("job-1", True),
        ("job-2", True),
        ("job-3", True),
    ]
    assert report.results[0].result == {"id": "m-job-1"}
    assert set(rows(state)) == {r.key for r in report.results}  # renamed to the content keys
    assert all(r.resumed for r in again.results)


async def test_in_an_old_state_file_a_row_is_claimed_once(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    """A request that gives the key an old row has (its line number) takes it; the request
    the old version keyed by that line does not take it too."""
    state = tmp_path / "old.sqlite"
    _legacy_state(state, prompts("a"), ["job-1"])
    async with connect() as conn:
        report = await generate_batch_async(
            [{"prompt": "a"}, {"prompt": "a", "key": "1"}], state=state, connection=conn
        )
    assert [(r.key, r.job_id, r.resumed) for r in report.results][1] == ("1", "job-1", True)
    assert not report.results[0].resumed
    assert api.started == ["a"]


async def test_a_record_that_cannot_be_renamed_is_a_state_error_and_changes_nothing(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "old.sqlite"
    _legacy_state(state, prompts("a", "b"), ["job-1", "job-2"])
    with contextlib.closing(sqlite3.connect(state)) as db, db:
        db.execute(
            "CREATE TRIGGER kept BEFORE UPDATE OF key ON jobs WHEN NEW.digest = "
            f"'{check_requests(prompts('b'))[0].digest}' BEGIN SELECT RAISE(ABORT, 'kept'); END"
        )
    async with connect() as conn:
        with pytest.raises(StateError, match=r"could not be read or written \(sqlite: kept\)"):
            await generate_batch_async(prompts("a", "b"), state=state, connection=conn)
    assert set(rows(state)) == {"1", "2"}  # the rename of "a" was rolled back too
    assert api.started == []
