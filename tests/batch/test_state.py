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
    with pytest.raises(RuntimeError, match="closed"):
        _ = store.slow


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


async def test_a_change_handed_to_the_thread_is_made_in_order_even_if_its_task_is_cancelled(
    tmp_path: Path,
) -> None:
    state = tmp_path / "s.sqlite"
    store = await BatchState.open(state, BASE)
    reading = asyncio.create_task(store.find([Lookup("k", "d")]))  # on the thread, so...
    intent = asyncio.create_task(store.intend("k", "d", "video", {"prompt": "x"}))  # ...this too
    after = asyncio.create_task(store.find([Lookup("k", "d")]))
    await asyncio.sleep(0)  # all asked for: handed to the thread at the end of this turn
    intent.cancel()
    assert await reading == [None]  # in the order they were asked for
    assert await after == [Row("starting", None, None)]
    await store.close()
    assert intent.cancelled()
    assert rows(state)["k"]["status"] == "starting"


async def test_a_change_another_program_holds_off_briefly_waits_on_the_thread_and_is_made(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    """The loop's connection never waits for a lock: refused at once, the change goes to the
    thread, which waits for the lock (here 0.1 s of the 0.3 s allowed), and so do the changes
    after it, in order; the loop runs meanwhile."""
    state = tmp_path / "s.sqlite"
    holder = contextlib.ExitStack()
    loop = asyncio.get_running_loop()
    held: list[BatchResult] = []

    def hold_briefly(result: BatchResult) -> None:
        if not held:
            held.append(result)
            holder.enter_context(held_by_another_program(state))
            loop.call_later(0.1, holder.close)

    async with connect() as conn:
        report = await generate_batch_async(
            [{"prompt": f"p {i}"} for i in range(3)],
            state=state,
            connection=conn,
            on_started=hold_briefly,
        )
    assert report.ok
    assert {r["status"] for r in rows(state).values()} == {"done"}
    assert len(api.started) == 3


def wal_of(state: Path) -> Path:
    return Path(f"{state}-wal")


async def test_a_checkpoint_every_so_many_changes_runs_on_the_thread(
    api: FakeAPI, connect: Connect, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_batch_state, "CHECKPOINT_EVERY", 2)
    state = tmp_path / "s.sqlite"
    async with connect() as conn:
        report = await generate_batch_async(
            [{"prompt": f"p {i}"} for i in range(3)], state=state, connection=conn
        )
    assert report.ok
    assert len(rows(state)) == 3
    assert not wal_of(state).exists()  # checkpointed and removed at the last close


async def test_a_change_sqlite_refuses_stops_the_batch_before_its_request(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    """An intent that cannot be recorded (the disk is full, say) is never sent."""
    state = tmp_path / "s.sqlite"
    await (await BatchState.open(state, BASE)).close()
    with contextlib.closing(sqlite3.connect(state)) as db, db:
        db.execute(
            "CREATE TRIGGER full BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'full'); END"
        )
    async with connect() as conn:
        with pytest.raises(StateError, match=r"could not be read or written \(sqlite: full\)"):
            await generate_batch_async([{"prompt": "x"}], state=state, connection=conn)
    assert api.started == []
