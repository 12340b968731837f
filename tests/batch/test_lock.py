"""One run at a time on a state: the lock file, its refusal naming the holder, its release
however the holder ends, and two `videodb-gen batch` processes racing for one state file."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import respx
import videodb_gen
from videodb_gen import StateError, StateLockedError, generate_batch_async
from videodb_gen._lock import lock_file, lock_state

from tests.batch.conftest import (
    BASE,
    Cli,
    Connect,
    FakeAPI,
    batch_command,
    environ,
    results_file,
    stats,
)
from tests.conftest import SandboxFactory

KEY = "sk-batch-lock"


def test_a_second_holder_is_refused_naming_the_first(tmp_path: Path) -> None:
    state = tmp_path / "s.sqlite"
    with lock_state(state) as held:
        assert held.held
        assert held.path == lock_file(state) == tmp_path / "s.sqlite.lock"
        holder = json.loads(held.path.read_text())
        assert holder["pid"] == os.getpid()
        assert holder["host"] == socket.gethostname()
        assert abs(holder["started"] - time.time()) < 60
        with pytest.raises(StateLockedError) as refused:
            lock_state(state)
    error = refused.value
    assert isinstance(error, StateError)
    assert isinstance(error, videodb_gen.VideoDBError)
    assert (error.state, error.lock_file) == (str(state), str(held.path))
    assert (error.pid, error.host) == (os.getpid(), socket.gethostname())
    assert error.started == holder["started"]
    assert f"{state} is in use by process {os.getpid()} on {socket.gethostname()}, since " in str(
        error
    )
    assert str(held.path) in str(error)
    assert not held.held
    assert repr(held) == f"StateLock({str(held.path)!r}, held=False)"
    assert not held.path.exists(), "a holder that ends cleanly removes its lock file"
    held.release()  # again: nothing
    with lock_state(state):  # free again
        pass


def test_a_folder_is_locked_by_a_file_inside_it(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "state"
    with lock_state(folder, folder=True) as held:
        assert held.path == folder / ".lock"
        with pytest.raises(StateLockedError, match=f"{folder} is in use by process"):
            lock_state(folder, folder=True)


_HOLD = """
import sys, time
from videodb_gen._lock import lock_state
lock = lock_state(sys.argv[1])
print("held", flush=True)
time.sleep(600)
"""


def test_the_lock_of_a_killed_holder_is_free_at_once(tmp_path: Path) -> None:
    """No stale lock: the operating system releases it with the process, even on SIGKILL."""
    state = tmp_path / "s.sqlite"
    holder = subprocess.Popen(  # noqa: S603 - this interpreter
        [sys.executable, "-c", _HOLD, str(state)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(StateLockedError) as refused:
            lock_state(state)
        assert refused.value.pid == holder.pid
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
    assert lock_file(state).exists(), "a killed holder leaves its file..."
    with lock_state(state) as taken:  # ...and its lock is free
        assert json.loads(taken.path.read_text())["pid"] == os.getpid()


def test_a_holder_that_wrote_nothing_is_another_process(tmp_path: Path) -> None:
    import fcntl

    state = tmp_path / "s.sqlite"
    with lock_file(state).open("w") as raw:
        fcntl.flock(raw, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(StateLockedError) as refused:
            lock_state(state)
    error = refused.value
    assert (error.pid, error.host, error.started) == (None, None, None)
    assert "is in use by another process (it holds the lock" in str(error)


def test_a_lock_file_removed_as_it_was_opened_is_opened_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its holder ended and removed it between our open and our lock: the lock we got is on a
    file nobody else will open, so the new file is locked instead."""
    from videodb_gen import _lock

    same_file = _lock._same_file
    opened: list[int] = []

    def replaced_once(fd: int, path: Path) -> bool:
        opened.append(fd)
        return len(opened) > 1 and same_file(fd, path)

    monkeypatch.setattr(_lock, "_same_file", replaced_once)
    with lock_state(tmp_path / "s.sqlite") as held:
        assert held.held
    assert len(opened) == 3  # opened twice, then checked once more on release


async def test_a_batch_on_a_state_in_use_is_refused_and_starts_nothing(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "s.sqlite"
    async with connect() as conn:
        with (
            lock_state(state),
            pytest.raises(StateLockedError, match=f"{state} is in use by process"),
        ):
            await generate_batch_async([{"prompt": "x"}], state=state, connection=conn)
        assert api.peaks == []
        assert not state.exists()
        report = await generate_batch_async([{"prompt": "x"}], state=state, connection=conn)
    assert report.ok
    assert not lock_file(state).exists()


async def test_a_state_in_a_missing_folder_is_a_state_error(
    api: FakeAPI, connect: Connect, tmp_path: Path
) -> None:
    state = tmp_path / "missing" / "s.sqlite"
    async with connect() as conn:
        with pytest.raises(StateError, match=f"the state file {state} cannot be locked: No such"):
            await generate_batch_async([{"prompt": "x"}], state=state, connection=conn)
    assert api.peaks == []


def test_the_command_on_a_state_in_use_is_exit_2_naming_the_holder(
    cli: Cli, api: FakeAPI, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"prompt": "x"}\n')
    out = tmp_path / "out.jsonl"
    state = Path(f"{out}.state.sqlite")
    with lock_state(state), respx.mock(base_url=BASE, assert_all_called=False) as router:
        router.route().mock(side_effect=api)
        done = cli("batch", str(source), "--out", str(out), "--base-url", BASE, "--api-key", "k")
    assert done.code == 2
    assert f"{state} is in use by process {os.getpid()}" in done.err
    assert f"{state}.lock" in done.err
    assert api.started == []
    assert not out.exists()


def test_two_batch_processes_on_one_state_file_start_each_job_once(
    start_sandbox: SandboxFactory, tmp_path: Path
) -> None:
    """Started together, one takes the state's lock and runs; the other is refused at once,
    exit 2, naming it. Before the lock, both started every job."""
    lines = 8
    url = start_sandbox("--job-seconds", "3")
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"prompt": f"race {i}"}) + "\n" for i in range(lines)))
    out = tmp_path / "results.jsonl"
    args = (str(source), "--out", str(out), "--base-url", url, "--api-key", KEY, "--json")
    runs = [
        subprocess.Popen(  # noqa: S603 - the suite's own command
            batch_command(*args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environ(),
        )
        for _ in range(2)
    ]
    ended = {run.pid: (run, *run.communicate(timeout=120)) for run in runs}
    codes = sorted(run.returncode for run, _, _ in ended.values())
    assert codes == [0, 2], {pid: (r.returncode, err) for pid, (r, _, err) in ended.items()}
    (winner,) = [run for run, _, _ in ended.values() if run.returncode == 0]
    (refused,) = [err for run, _, err in ended.values() if run.returncode == 2]
    state = f"{out}.state.sqlite"
    assert f"{state} is in use by process {winner.pid}" in refused
    assert f"{state}.lock" in refused
    assert stats(url)["jobs"] == lines  # each job started once
    assert sorted(r["line"] for r in results_file(out)) == list(range(1, lines + 1))
    assert {r["status"] for r in results_file(out)} == {"done"}
    assert not Path(f"{state}.lock").exists()


def test_a_lock_file_removed_by_hand_is_released_without_error(tmp_path: Path) -> None:
    with lock_state(tmp_path / "s.sqlite") as held:
        held.path.unlink()
    assert not held.held
    with lock_state(tmp_path / "s.sqlite") as again:
        again.path.unlink()
        again.path.write_text("someone else's")  # replaced: left alone
    assert again.path.read_text() == "someone else's"
