"""Where a batch generation records its jobs, so that a rerun never starts one twice.

One SQLite database (stdlib `sqlite3`, in WAL mode) with a row per request, keyed by the
request's key and the hash of what it asks for. Every change is committed before the task
that made it goes on, so a process killed at any moment (``kill -9``) loses nothing it
recorded:

* ``starting``: written before the request that starts the job is sent; a row still
  ``starting`` on a rerun is a job that may or may not have started;
* ``started``: the job's id, written as soon as the API answered, before waiting for it;
* ``done`` / ``failed``: the job ended; its result (or error) is kept, and never redone.

A request the API surely did not start (refused with 4xx, rate limited to the end, no
connection) has its row deleted: a rerun starts it again, which bills nothing twice.
``synchronous=NORMAL`` is enough for this: a killed process loses no committed transaction
(only an operating system crash or a power cut could lose the last ones).

SQLite can block: a database another program holds locked is waited for up to
``busy_timeout``, and a checkpoint (copying the write-ahead log into the database) waits for
the disk. The event loop never waits on either. Every change is tried at once on the loop's
own connection, which never waits for a lock (``busy_timeout=0``) nor checkpoints
(``wal_autocheckpoint=0``): a commit there only appends to the log, in the operating system's
cache (``synchronous=NORMAL`` syncs nothing on commit), in microseconds. Everything that may
wait runs on a thread of its own, with a connection of its own, awaited: opening the database,
reading it at the start, a checkpoint every `CHECKPOINT_EVERY` changes, closing it; and a
change the loop's connection found locked (another program writing), with every change after
it until the thread has caught up, so that they are made in order. The changes the thread is
handed in one turn of the event loop, or while it was busy, are committed together in one
transaction (a group commit). Each caller goes on only once its change is committed (the
intent before the request, the job's id before the wait). A change handed to the thread is
made even if the task that asked for it is cancelled (Ctrl-C), and `close` waits for it.
(Running every change on the thread instead costs far more: each SQLite call hands Python's
GIL back and forth with a busy event loop, which made a change wait 100 ms and more.) An error
of SQLite is a `StateError` naming the file.

Keys: a request without a key of its own is keyed by its content (`_batch_input`). A state
file written before that (it has no ``keys`` entry in ``meta``, and rows) keyed such a request
by its line number: a request found under neither key is looked for under its line number with
the same content hash, and its row is renamed to the content key, so that such a file keeps
working.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar

import attrs

from ._exceptions import InvalidInputError, StateError

RowStatus = Literal["starting", "started", "done", "failed"]
T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    key TEXT NOT NULL,
    digest TEXT NOT NULL,
    op TEXT NOT NULL,
    request TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('starting', 'started', 'done', 'failed')),
    job_id TEXT,
    outcome TEXT,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    PRIMARY KEY (key, digest)
);
"""
#: The ``meta`` entry that says requests without a key are keyed by their content.
_CONTENT_KEYS = ("keys", "content")
#: SQLite's codes for a database that is not one (or is damaged), and for one held locked.
_NOT_A_DATABASE = ("SQLITE_NOTADB", "SQLITE_CORRUPT")
_LOCKED = ("SQLITE_BUSY", "SQLITE_LOCKED")
#: Seconds a change waits for a lock another program holds on the database, then fails.
BUSY_TIMEOUT = 5.0
#: Changes between two checkpoints (on the thread), which keep the write-ahead log short.
CHECKPOINT_EVERY = 1000


@attrs.frozen
class Row:
    """What the state database holds about one request."""

    status: RowStatus
    job_id: str | None
    outcome: dict[str, Any] | None


@attrs.frozen
class Lookup:
    """A request to find in the state: its key, its content's hash, and the key an earlier
    version gave it (None when it gives its own)."""

    key: str
    digest: str
    legacy_key: str | None = None


def _error_name(error: sqlite3.Error) -> str:
    return str(getattr(error, "sqlite_errorname", ""))


def state_error(path: str, error: sqlite3.Error) -> StateError:
    """The SDK's error for what SQLite raised about the state file at `path`."""
    if _locked(error):
        why = (
            f"is locked by another program (sqlite: {error}); close what holds it (a database "
            "browser, a backup) and run again"
        )
    else:
        why = f"could not be read or written (sqlite: {error})"
    message = f"the state file {path} {why}; the jobs it recorded are resumed by a rerun"
    return StateError(message, state=path)


@attrs.frozen(eq=False)
class _Call:
    """Work for the database's thread, and the future its answer goes to (None for work no
    one waits for). A `write` is one change, committed with the writes queued with it; any
    other call runs alone."""

    work: Callable[[], Any]
    future: asyncio.Future[Any] | None
    write: bool


_STOP = object()
Answers = list[tuple[_Call, tuple[Any, BaseException | None]]]


class BatchState:
    """The state database of one batch, open for this run: `open` it, await its calls, and
    `close` it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None  # the loop's: every change, tried at once
        self._slow: sqlite3.Connection | None = None  # the thread's: all that may wait
        self._legacy = False
        self._closing = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._calls: queue.SimpleQueue[list[_Call] | object] = queue.SimpleQueue()
        self._pending: list[_Call] = []  # asked for in this turn of the event loop
        self._behind = 0  # calls handed to the thread, not answered yet: changes wait behind
        self._changes = 0  # changes since the last checkpoint
        self._thread = threading.Thread(target=self._serve, name="videodb-gen-state", daemon=True)

    @classmethod
    async def open(cls, path: str | Path, base_url: str) -> BatchState:
        """Open (or create) the database at `path` for a batch sent to `base_url`.

        Raises:
            InvalidInputError: The database recorded jobs of another API URL (their ids mean
                nothing there), or it is not a batch state database.
            StateError: It cannot be opened or read (locked by another program, say).
        """
        state = cls(str(path))
        state._loop = asyncio.get_running_loop()
        state._thread.start()
        try:
            await state._run(lambda: state._connect(base_url))
        except BaseException:
            state._calls.put(_STOP)
            raise
        return state

    def _connect(self, base_url: str) -> None:
        """Open both connections (on the thread: opening reads the disk)."""
        slow = sqlite3.connect(self.path, isolation_level=None)
        try:
            slow.execute("PRAGMA journal_mode=WAL")
            slow.execute("PRAGMA synchronous=NORMAL")
            slow.execute(f"PRAGMA busy_timeout={round(BUSY_TIMEOUT * 1000)}")
            slow.executescript(_SCHEMA)
            slow.execute("INSERT OR IGNORE INTO meta VALUES ('base_url', ?)", (base_url,))
            (recorded,) = slow.execute("SELECT value FROM meta WHERE name = 'base_url'").fetchone()
            keys = slow.execute("SELECT value FROM meta WHERE name = ?", _CONTENT_KEYS[:1])
            if keys.fetchone() is None:
                if slow.execute("SELECT 1 FROM jobs LIMIT 1").fetchone() is None:
                    slow.execute("INSERT INTO meta VALUES (?, ?)", _CONTENT_KEYS)
                else:
                    self._legacy = True
        except sqlite3.Error as error:
            slow.close()
            if type(error) is sqlite3.DatabaseError or _error_name(error) in _NOT_A_DATABASE:
                rule = f"is not a batch state database ({error})"
                raise InvalidInputError("state", rule) from None
            raise
        if recorded != base_url:
            slow.close()
            rule = f"holds jobs of {recorded}, not {base_url}; use another state file"
            raise InvalidInputError("state", rule)
        fast = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        for pragma in ("busy_timeout=0", "synchronous=NORMAL", "wal_autocheckpoint=0"):
            fast.execute(f"PRAGMA {pragma}")
        fast.execute("SELECT 1 FROM jobs LIMIT 0")  # its first read of the schema, here
        self._slow, self._db = slow, fast

    @property
    def db(self) -> sqlite3.Connection:
        """The loop's connection."""
        if self._db is None:
            raise RuntimeError("the state database is closed")
        return self._db

    @property
    def slow(self) -> sqlite3.Connection:
        """The thread's connection."""
        if self._slow is None:
            raise RuntimeError("the state database is closed")
        return self._slow

    def _submit(self, work: Callable[[], Any], *, write: bool, wait: bool = True) -> _Call:
        """Queue `work` for the thread, handed over at the end of this turn of the loop."""
        loop = asyncio.get_running_loop()
        call = _Call(work, loop.create_future() if wait else None, write)
        self._pending.append(call)
        if wait:
            self._behind += 1
        if len(self._pending) == 1:
            loop.call_soon(self._hand_over)
        return call

    async def _run(self, work: Callable[[], T], *, write: bool = False) -> T:
        """Run `work` on the thread; it is done even if the caller is cancelled."""
        future = self._submit(work, write=write).future
        assert future is not None  # noqa: S101 - a call waited for has one
        answer: T = await future
        return answer

    def _hand_over(self) -> None:
        calls, self._pending = self._pending, []
        self._calls.put(calls)

    async def _change(self, sql: str, parameters: tuple[Any, ...]) -> None:
        """Make one change: at once on the loop's connection, unless the thread has changes
        to make first, or another program holds the database locked (then the thread waits
        for it)."""
        if self._behind == 0:
            try:
                self.db.execute(sql, parameters)
            except sqlite3.Error as error:
                if not _locked(error):
                    raise state_error(self.path, error) from error
            else:
                self._changes += 1
                if self._changes >= CHECKPOINT_EVERY:
                    self._changes = 0
                    checkpoint = "PRAGMA wal_checkpoint(PASSIVE)"
                    self._submit(lambda: self.slow.execute(checkpoint), write=False, wait=False)
                return
        await self._run(lambda: self.slow.execute(sql, parameters), write=True)

    def _serve(self) -> None:
        """The database's thread: the calls in turn, consecutive writes together in one
        transaction, until told to stop."""
        while True:
            given = [self._calls.get()]
            with contextlib.suppress(queue.Empty):
                while given[-1] is not _STOP:
                    given.append(self._calls.get_nowait())
            calls = [call for part in given if isinstance(part, list) for call in part]
            answers: Answers = []
            for group in _groups(calls):
                answers += zip(group, self._together(group), strict=True)
            if answers:
                self._answer(answers)
            if given[-1] is _STOP:
                return

    def _together(self, calls: list[_Call]) -> list[tuple[Any, BaseException | None]]:
        """Run the calls: a lone one as it is, writes in one transaction (all of them fail if
        it does: none was committed)."""
        try:
            if len(calls) == 1:
                return [(calls[0].work(), None)]
            with _transaction(self.slow):
                return [(call.work(), None) for call in calls]
        except sqlite3.Error as error:
            failure: BaseException = state_error(self.path, error)
            failure.__cause__ = error
        except BaseException as error:  # handed to the caller, raised there
            failure = error
        return [(None, failure)] * len(calls)

    def _answer(self, answers: Answers) -> None:
        """Hand the answers to the tasks waiting for them, in the event loop."""

        def settle() -> None:
            for call, (value, error) in answers:
                if call.future is None:
                    continue
                self._behind -= 1
                if call.future.cancelled():  # its task was cancelled: the work was done anyway
                    continue
                if error is None:
                    call.future.set_result(value)
                else:
                    call.future.set_exception(error)

        assert self._loop is not None  # noqa: S101 - set by `open`
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody is waiting
            self._loop.call_soon_threadsafe(settle)

    async def find(self, requests: Sequence[Lookup]) -> list[Row | None]:
        """The rows of `requests` (None for one never started), read in one go; in a state
        file of an earlier version, rows recorded under a request's `legacy_key` are renamed
        to its key."""
        return await self._run(lambda: self._find(requests))

    def _find(self, requests: Sequence[Lookup]) -> list[Row | None]:
        found = [self._get(r.key, r.digest) for r in requests]
        if not self._legacy:
            return found
        claimed = {(r.key, r.digest) for r, row in zip(requests, found, strict=True) if row}
        with _transaction(self.slow):
            for n, request in enumerate(requests):
                if found[n] is not None or request.legacy_key is None:
                    continue
                old = (request.legacy_key, request.digest)
                row = None if old in claimed else self._get(*old)
                if row is not None:
                    claimed.add(old)
                    self.slow.execute(
                        "UPDATE jobs SET key = ? WHERE key = ? AND digest = ?",
                        (request.key, *old),
                    )
                    found[n] = row
        return found

    def _get(self, key: str, digest: str) -> Row | None:
        found = self.slow.execute(
            "SELECT status, job_id, outcome FROM jobs WHERE key = ? AND digest = ?", (key, digest)
        ).fetchone()
        if found is None:
            return None
        status, job_id, outcome = found
        return Row(status, job_id, None if outcome is None else json.loads(outcome))

    async def intend(self, key: str, digest: str, op: str, request: dict[str, Any]) -> None:
        """Record that the request is about to be sent (status ``starting``)."""
        now = time.time()
        text = json.dumps(request, ensure_ascii=False)
        await self._change(
            "INSERT OR REPLACE INTO jobs VALUES (?, ?, ?, ?, 'starting', NULL, NULL, ?, ?)",
            (key, digest, op, text, now, now),
        )

    async def started(self, key: str, digest: str, job_id: str) -> None:
        """Record the id of the job the request started."""
        await self._update(key, digest, "started", job_id, None)

    async def ended(
        self, key: str, digest: str, status: RowStatus, job_id: str | None, outcome: dict[str, Any]
    ) -> None:
        """Record how the job ended (``done`` or ``failed``), with what it made or why."""
        text = json.dumps(outcome, ensure_ascii=False)
        await self._update(key, digest, status, job_id, text)

    async def forget(self, key: str, digest: str) -> None:
        """Delete the row of a request that surely started nothing."""
        await self._change("DELETE FROM jobs WHERE key = ? AND digest = ?", (key, digest))

    async def _update(
        self, key: str, digest: str, status: RowStatus, job_id: str | None, outcome: str | None
    ) -> None:
        await self._change(
            "UPDATE jobs SET status = ?, job_id = ?, outcome = ?, updated = ? "
            "WHERE key = ? AND digest = ?",
            (status, job_id, outcome, time.time(), key, digest),
        )

    async def close(self) -> None:
        """Close the database, once every change handed to its thread is made (again:
        nothing). The thread closes last: the last connection to close checkpoints."""
        if self._closing:
            return
        self._closing = True

        def close() -> None:
            self.slow.close()
            self._slow = None

        try:
            self.db.close()
            self._db = None
            await self._run(close)
        finally:
            self._calls.put(_STOP)


def _locked(error: sqlite3.Error) -> bool:
    """Whether SQLite refused because another connection holds the database locked."""
    return _error_name(error).startswith(_LOCKED) or "locked" in str(error)


def _groups(calls: list[_Call]) -> Iterator[list[_Call]]:
    """The calls in order: each run of writes together, any other call alone."""
    writes: list[_Call] = []
    for call in calls:
        if call.write:
            writes.append(call)
            continue
        if writes:
            yield writes
            writes = []
        yield [call]
    if writes:
        yield writes


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on an error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
