"""The state database held by another program: a `StateError` naming the file (exit 2 from
the command), never a sqlite3 traceback; and its calls never stall the event loop."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import respx
from videodb_gen import (
    BatchResult,
    InvalidInputError,
    StateError,
    _batch_state,
    generate_batch_async,
)
from videodb_gen._batch_state import BatchState, Lookup, Row

from tests.batch.conftest import BASE, Cli, Connect, FakeAPI, rows

#: Seconds a change waits for another program's lock, in these tests.
BUSY = 0.3


@pytest.fixture(autouse=True)
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_batch_state, "BUSY_TIMEOUT", BUSY)


@contextlib.contextmanager
def held_by_another_program(state: Path) -> Iterator[None]:
    """A write lock on the database, as a database browser or a backup would hold it."""
    with contextlib.closing(sqlite3.connect(state, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            db.execute("ROLLBACK")


async def test_a_database_held_by_another_program_is_a_state_error_and_the_loop_goes_on(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "s.sqlite"
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    ticker = asyncio.create_task(tick())
    async with connect() as conn:
        with held_by_another_program(state), pytest.raises(StateError) as refused:
            await generate_batch_async([{"prompt": "x"}], state=state, connection=conn)
    ticker.cancel()
    message = str(refused.value)
    assert message.startswith(f"the state file {state} is locked by another program (sqlite: ")
    assert "resumed by a rerun" in message
    assert refused.value.state == str(state)
    assert isinstance(refused.value.__cause__, sqlite3.OperationalError)
    # The wait for the lock went on in the database's thread, not in the event loop.
    assert ticks >= BUSY / 0.01 / 3, ticks
    assert api.peaks == []


async def test_a_database_locked_mid_run_stops_it_and_a_rerun_resumes(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "s.sqlite"
    holder = contextlib.ExitStack()

    def lock_it(result: BatchResult) -> None:  # once the job's id is recorded
        holder.enter_context(held_by_another_program(state))

    async with connect() as conn:
        with holder, pytest.raises(StateError, match="is locked by another program"):
            await generate_batch_async(
                [{"prompt": "x"}], state=state, connection=conn, on_started=lock_it
            )
        report = await generate_batch_async([{"prompt": "x"}], state=state, connection=conn)
    assert report.ok
    assert report.results[0].resumed
    assert api.started == ["x"]


async def test_a_file_that_is_not_a_database_is_refused_as_before(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "s.sqlite"
    state.write_text("not a database, but a text file long enough to be read as one\n" * 20)
    async with connect() as conn:
        with pytest.raises(InvalidInputError, match="is not a batch state database"):
            await generate_batch_async([{"prompt": "x"}], state=state, connection=conn)
    assert api.peaks == []


async def test_other_sqlite_errors_name_the_file(tmp_path: Path) -> None:
    state = tmp_path / "s.sqlite"
    store = await BatchState.open(state, BASE)
    await store.close()
    await store.close()  # again: nothing
    error = _batch_state.state_error(str(state), sqlite3.OperationalError("disk I/O error"))
    assert str(error) == (
        f"the state file {state} could not be read or written (sqlite: disk I/O error); the "
        "jobs it recorded are resumed by a rerun"
    )
    with pytest.raises(RuntimeError, match="closed"):
        _ = store.db


def test_the_command_on_a_database_held_by_another_program_is_exit_2(
    cli: Cli, api: FakeAPI, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"prompt": "x"}\n')
    state = tmp_path / "s.sqlite"
    args = ("batch", str(source), "--state", str(state), "--base-url", BASE, "--api-key", "k")
    with (
        held_by_another_program(state),
        respx.mock(base_url=BASE, assert_all_called=False) as router,
    ):
        router.route().mock(side_effect=api)
        done = cli(*args)
    assert done.code == 2
    assert f"the state file {state} is locked by another program" in done.err
    assert "Traceback" not in done.err
    assert api.started == []


async def test_a_change_is_made_even_if_its_task_is_cancelled_and_calls_keep_their_order(
    tmp_path: Path,
) -> None:
    state = tmp_path / "s.sqlite"
    store = await BatchState.open(state, BASE)
    intent = asyncio.create_task(store.intend("k", "d", "video", {"prompt": "x"}))
    await asyncio.sleep(0)  # asked for: handed to the database's thread at the end of this turn
    intent.cancel()
    # Asked for in one turn: the write, then a read that sees it.
    _, found = await asyncio.gather(
        store.started("k", "d", "job-1"), store.find([Lookup("k", "d")])
    )
    await store.close()
    assert intent.cancelled()
    assert found == [Row("started", "job-1", None)]
    assert rows(state)["k"]["status"] == "started"
