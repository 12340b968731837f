"""The sandbox's jobs kept on disk (`--state-dir`), in SQLite, so they survive a restart.

The store (`store`) keeps its jobs in memory and writes each change here as it happens: a job
when it is started, its callback once delivered or given up, its removal when it expires. A
new sandbox on the same folder reads them back. Times are kept on the wall clock (seconds
since the epoch), the only clock two processes share. The number of jobs ever started is kept
too, so that ids drawn from it are never handed out twice, and the sandbox's secrets (the key
of its signed URLs), so that what it signed stays valid after a restart, and a manual
clock's time (`--clock manual`), so that a restarted sandbox resumes where its clock stood.

A folder written before jobs made images and texts is brought up to date when opened: its
jobs are videos. Audio and dub jobs need no column of their own (their kind and `detail`);
a job handed to a hosted model keeps its hosted job's id and failure.

A file that is not such a database (damaged, cut short, another program's) is refused when
the journal is opened, with a `StateFileError` whose one-line message names the file and says
what to do: the sandbox does not start on state it cannot read, nor overwrite it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

#: The file, in the state folder.
FILE_NAME = "sandbox.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    number INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    -- the id of what the job makes: a video or a dub (m-), an image (img-), a text (txt-),
    -- an audio (a-)
    video_id TEXT NOT NULL,
    collection_id TEXT NOT NULL,
    prompt TEXT NOT NULL,
    duration INTEGER NOT NULL,
    started_at REAL NOT NULL,
    ends_at REAL NOT NULL,
    failure TEXT,
    callback_url TEXT,
    callback_pending INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'video',
    detail TEXT NOT NULL DEFAULT '',
    hosted_id TEXT,
    hosted_failure TEXT
);
"""

#: Columns added since the first version of the table, with their definitions.
_ADDED = {
    "kind": "TEXT NOT NULL DEFAULT 'video'",
    "detail": "TEXT NOT NULL DEFAULT ''",
    "hosted_id": "TEXT",
    "hosted_failure": "TEXT",
}
_COLUMNS = (
    "number, id, video_id, collection_id, prompt, duration, started_at, ends_at, failure, "
    "callback_url, callback_pending, kind, detail, hosted_id, hosted_failure"
)
#: The columns of the first version of the table: a state file's `jobs` has them all.
_FIRST_COLUMNS = frozenset(_COLUMNS.split(", ")) - set(_ADDED)


@attrs.frozen
class Record:
    """A job as kept on disk."""

    number: int
    id: str
    result_id: str
    collection_id: str
    prompt: str
    duration: int
    #: When it started and when it ends, in seconds since the epoch.
    started_at: float
    ends_at: float
    failure: str | None
    callback_url: str | None
    #: Whether its callback is still to be delivered.
    callback_pending: bool
    kind: str = "video"
    detail: str = ""
    #: A hosted model's job: its id (`hj-...`), and its failure if it is to fail.
    hosted_id: str | None = None
    hosted_failure: str | None = None


#: SQLite's errors that say the file is not a database this sandbox can read: not a database,
#: damaged, or one whose tables are not the sandbox's (`sqlite3.Error.sqlite_errorname`).
_UNREADABLE = frozenset({"SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_ERROR", "SQLITE_FORMAT"})


class StateFileError(Exception):
    """The state folder's database cannot be used: the message, one line, names the file and
    says what to do."""


def _refusal(path: Path, exc: sqlite3.Error) -> StateFileError:
    reason = " ".join(str(exc).split()) or type(exc).__name__  # on one line
    if getattr(exc, "sqlite_errorname", "SQLITE_ERROR") in _UNREADABLE:
        return StateFileError(
            f"--state-dir: {path} is not a state file this sandbox can read ({reason}); move it "
            "away (its jobs are lost) or give another --state-dir, then start again"
        )
    return StateFileError(f"--state-dir: {path} cannot be used ({reason})")


class Journal:
    """The jobs in `folder/sandbox.sqlite3`, made if missing.

    Raises:
        OSError: the folder cannot be made.
        StateFileError: the file is not a database this sandbox can use, or cannot be opened.
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / FILE_NAME
        try:
            # One connection, used on the event loop only; autocommit, explicit transactions.
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise _refusal(self.path, exc) from exc
        try:
            self._open()
        except sqlite3.Error as exc:
            self._db.close()
            raise _refusal(self.path, exc) from exc

    def _open(self) -> None:
        """Check the file, then make its tables if missing and bring them up to date: a file
        that is not the sandbox's is refused before anything is written to it."""
        # A damaged file is found now, not when a page of it is first read.
        problem = self._db.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem != "ok":
            raise sqlite3.DatabaseError(f"damaged: {problem}")
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master")}
        if tables:
            present = {row[1] for row in self._db.execute("PRAGMA table_info(jobs)")}
            if not present.issuperset(_FIRST_COLUMNS):
                raise sqlite3.DatabaseError("its tables are not a sandbox's jobs")
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        present = {row[1] for row in self._db.execute("PRAGMA table_info(jobs)")}
        for column, definition in _ADDED.items():
            if column not in present:
                self._db.execute(f"ALTER TABLE jobs ADD COLUMN {column} {definition}")
        # Read what a start reads, so that a table that is not the sandbox's is found here.
        self._db.execute(f"SELECT {_COLUMNS} FROM jobs LIMIT 1").fetchall()  # noqa: S608
        self._db.execute("SELECT name, value FROM meta LIMIT 1").fetchall()
        self._db.execute("SELECT name, value FROM secrets LIMIT 1").fetchall()

    def started(self) -> int:
        """How many jobs were ever started with this folder."""
        row = self._db.execute("SELECT value FROM meta WHERE name = 'started'").fetchone()
        return int(row[0]) if row else 0

    def records(self) -> Iterator[Record]:
        """Every job kept, oldest first.

        Raises:
            StateFileError: the file turns out to be damaged.
        """
        try:
            yield from self._records()
        except sqlite3.Error as exc:
            raise _refusal(self.path, exc) from exc

    def _records(self) -> Iterator[Record]:
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM jobs ORDER BY number")  # noqa: S608
        for number, job_id, result_id, collection_id, prompt, duration, *rest in rows:
            started_at, ends_at, failure, callback_url, callback_pending, kind, detail = rest[:7]
            hosted_id, hosted_failure = rest[7:]
            yield Record(
                number=number,
                id=job_id,
                result_id=result_id,
                collection_id=collection_id,
                prompt=prompt,
                duration=duration,
                started_at=started_at,
                ends_at=ends_at,
                failure=failure,
                callback_url=callback_url,
                callback_pending=bool(callback_pending),
                kind=kind,
                detail=detail,
                hosted_id=hosted_id,
                hosted_failure=hosted_failure,
            )

    def add(self, record: Record) -> None:
        """Keep `record`, and count it among the jobs started, in one transaction."""
        with self._transaction():
            values = attrs.astuple(record)
            self._db.execute(
                f"INSERT INTO jobs ({_COLUMNS}) VALUES ({', '.join('?' * len(values))})",  # noqa: S608
                (*values[:10], int(record.callback_pending), *values[11:]),
            )
            self._db.execute(
                "INSERT INTO meta VALUES ('started', ?) "
                "ON CONFLICT(name) DO UPDATE SET value = MAX(value, excluded.value)",
                (record.number + 1,),
            )

    def clock_time(self) -> float | None:
        """Where the manual clock stood when last moved or stopped, if it ever ran here."""
        row = self._db.execute("SELECT value FROM meta WHERE name = 'clock_us'").fetchone()
        return None if row is None else int(row[0]) / 1e6

    def keep_clock_time(self, when: float) -> None:
        """Keep the manual clock's time `when` (seconds since the epoch), to the microsecond."""
        self._db.execute(
            "INSERT INTO meta VALUES ('clock_us', ?) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            (round(when * 1e6),),
        )

    def forget_clock_time(self) -> None:
        """Forget the manual clock's time: the folder now runs on the wall clock."""
        self._db.execute("DELETE FROM meta WHERE name = 'clock_us'")

    def secret(self, name: str, make: Callable[[], bytes]) -> bytes:
        """The secret `name`, made by `make()` and kept the first time it is asked for."""
        row = self._db.execute("SELECT value FROM secrets WHERE name = ?", (name,)).fetchone()
        if row is not None:
            return bytes(row[0])
        value = make()
        self._db.execute(
            "INSERT INTO secrets VALUES (?, ?) ON CONFLICT(name) DO NOTHING", (name, value)
        )
        row = self._db.execute("SELECT value FROM secrets WHERE name = ?", (name,)).fetchone()
        return bytes(row[0])

    def callback_settled(self, job_id: str) -> None:
        """The callback of `job_id` was delivered or given up."""
        self._db.execute("UPDATE jobs SET callback_pending = 0 WHERE id = ?", (job_id,))

    def remove(self, job_ids: Iterable[str]) -> None:
        """Forget the jobs `job_ids`."""
        with self._transaction():
            self._db.executemany("DELETE FROM jobs WHERE id = ?", [(i,) for i in job_ids])

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def _transaction(self) -> sqlite3.Connection:
        self._db.execute("BEGIN")
        return self._db
