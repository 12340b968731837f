"""Where a batch generation records its jobs, so that a rerun never starts one twice.

One SQLite database (stdlib `sqlite3`, in WAL mode) with a row per request, keyed by the
request's key and the hash of what it asks for. Every change is committed at once, each in its
own transaction, so a process killed at any moment (``kill -9``) loses nothing it recorded:

* ``starting``: written before the request that starts the job is sent; a row still
  ``starting`` on a rerun is a job that may or may not have started;
* ``started``: the job's id, written as soon as the API answered, before waiting for it;
* ``done`` / ``failed``: the job ended; its result (or error) is kept, and never redone.

A request the API surely did not start (refused with 4xx, rate limited to the end, no
connection) has its row deleted: a rerun starts it again, which bills nothing twice.
``synchronous=NORMAL`` is enough for this: a killed process loses no committed transaction
(only an operating system crash or a power cut could lose the last ones).

SQLite blocks: a commit waits for the disk, and a database another program holds locked is
waited for up to ``busy_timeout``. So the database is used from one thread of its own, the
only one that touches its connection, and each call is awaited: the event loop goes on
meanwhile, and the task that asked goes on only once its change is committed (the intent
before the request, the job's id before the wait). The changes asked for while the thread was
busy, or in the same turn of the event loop, are committed together, in one transaction (a
group commit: as safe, as each waits for its commit, and far fewer commits and thread
switches when hundreds of jobs end at once). A change handed to the
thread is made even if the task that asked for it is cancelled (Ctrl-C), and `close` waits for
it. An error of SQLite is a `StateError` naming the file, for every change of the transaction
it stopped.

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
    name = _error_name(error)
    if name.startswith(_LOCKED) or "locked" in str(error):
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
    """Work for the database's thread, and where its answer goes. A `write` is one statement,
    committed with the writes queued with it; any other call runs alone."""

    work: Callable[[], Any]
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop
    write: bool


_STOP = object()


class BatchState:
    """The state database of one batch, open for this run: `open` it, await its calls, and
    `close` it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._legacy = False
        self._closing = False
        self._calls: queue.SimpleQueue[list[_Call] | object] = queue.SimpleQueue()
        self._pending: list[_Call] = []  # asked for in this turn of the event loop
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
        state._thread.start()
        try:
            await state._run(lambda: state._connect(base_url))
        except BaseException:
            state._calls.put(_STOP)
            raise
        return state

    def _connect(self, base_url: str) -> None:
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(f"PRAGMA busy_timeout={round(BUSY_TIMEOUT * 1000)}")
            db.executescript(_SCHEMA)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('base_url', ?)", (base_url,))
            (recorded,) = db.execute("SELECT value FROM meta WHERE name = 'base_url'").fetchone()
            keys = db.execute("SELECT value FROM meta WHERE name = ?", _CONTENT_KEYS[:1])
            if keys.fetchone() is None:
                if db.execute("SELECT 1 FROM jobs LIMIT 1").fetchone() is None:
                    db.execute("INSERT INTO meta VALUES (?, ?)", _CONTENT_KEYS)
                else:
                    self._legacy = True
        except sqlite3.Error as error:
            db.close()
            if type(error) is sqlite3.DatabaseError or _error_name(error) in _NOT_A_DATABASE:
                rule = f"is not a batch state database ({error})"
                raise InvalidInputError("state", rule) from None
            raise
        if recorded != base_url:
            db.close()
            rule = f"holds jobs of {recorded}, not {base_url}; use another state file"
            raise InvalidInputError("state", rule)
        self._db = db

    async def _run(self, work: Callable[[], T], *, write: bool = False) -> T:
        """Run `work` on the database's thread; it is done even if the caller is cancelled."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._pending.append(_Call(work, future, loop, write))
        if len(self._pending) == 1:  # handed over once this turn of the loop is over
            loop.call_soon(self._hand_over)
        return await future

    def _hand_over(self) -> None:
        calls, self._pending = self._pending, []
        self._calls.put(calls)

    def _serve(self) -> None:
        """The database's thread: the calls in turn, consecutive writes together in one
        transaction, until told to stop."""
        while True:
            given = [self._calls.get()]
            with contextlib.suppress(queue.Empty):
                while given[-1] is not _STOP:
                    given.append(self._calls.get_nowait())
            calls = [call for part in given if isinstance(part, list) for call in part]
            answers: list[tuple[_Call, tuple[Any, BaseException | None]]] = []
            for group in _groups(calls):
                answers += zip(group, self._together(group), strict=True)
            if answers:
                _answer(answers)
            if given[-1] is _STOP:
                return

    def _together(self, calls: list[_Call]) -> list[tuple[Any, BaseException | None]]:
        """Run the calls: a lone one as it is, writes in one transaction (all of them fail if
        it does: none was committed)."""
        try:
            if len(calls) == 1:
                return [(calls[0].work(), None)]
            with _transaction(self.db):
                return [(call.work(), None) for call in calls]
        except sqlite3.Error as error:
            failure: BaseException = state_error(self.path, error)
            failure.__cause__ = error
        except BaseException as error:  # handed to the caller, raised there
            failure = error
        return [(None, failure)] * len(calls)

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("the state database is closed")
        return self._db

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
        with _transaction(self.db):
            for n, request in enumerate(requests):
                if found[n] is not None or request.legacy_key is None:
                    continue
                old = (request.legacy_key, request.digest)
                row = None if old in claimed else self._get(*old)
                if row is not None:
                    claimed.add(old)
                    self.db.execute(
                        "UPDATE jobs SET key = ? WHERE key = ? AND digest = ?",
                        (request.key, *old),
                    )
                    found[n] = row
        return found

    def _get(self, key: str, digest: str) -> Row | None:
        found = self.db.execute(
            "SELECT status, job_id, outcome FROM jobs WHERE key = ? AND digest = ?", (key, digest)
        ).fetchone()
        if found is None:
            return None
        status, job_id, outcome = found
        return Row(status, job_id, None if outcome is None else json.loads(outcome))

    async def intend(self, key: str, digest: str, op: str, request: dict[str, Any]) -> None:
        """Record that the request is about to be sent (status ``starting``)."""
        text = json.dumps(request, ensure_ascii=False)

        def write() -> None:
            now = time.time()
            self.db.execute(
                "INSERT OR REPLACE INTO jobs VALUES (?, ?, ?, ?, 'starting', NULL, NULL, ?, ?)",
                (key, digest, op, text, now, now),
            )

        await self._run(write, write=True)

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
        delete = "DELETE FROM jobs WHERE key = ? AND digest = ?"
        await self._run(lambda: self.db.execute(delete, (key, digest)), write=True)

    async def _update(
        self, key: str, digest: str, status: RowStatus, job_id: str | None, outcome: str | None
    ) -> None:
        def write() -> None:
            self.db.execute(
                "UPDATE jobs SET status = ?, job_id = ?, outcome = ?, updated = ? "
                "WHERE key = ? AND digest = ?",
                (status, job_id, outcome, time.time(), key, digest),
            )

        await self._run(write, write=True)

    async def close(self) -> None:
        """Close the database, once every change handed to its thread is made (again:
        nothing)."""
        if self._closing:
            return
        self._closing = True

        def close() -> None:
            self.db.close()
            self._db = None

        try:
            await self._run(close)
        finally:
            self._calls.put(_STOP)


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


def _answer(answers: list[tuple[_Call, tuple[Any, BaseException | None]]]) -> None:
    """Hand the answers to the tasks waiting for them, in their event loop."""

    def settle() -> None:
        for call, (value, error) in answers:
            if call.future.cancelled():  # its task was cancelled: the work was done anyway
                continue
            if error is None:
                call.future.set_result(value)
            else:
                call.future.set_exception(error)

    with contextlib.suppress(RuntimeError):  # the loop is closed: nobody is waiting
        answers[0][0].loop.call_soon_threadsafe(settle)


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
