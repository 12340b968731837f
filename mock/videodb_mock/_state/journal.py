"""The sandbox's jobs kept on disk (`--state-dir`), in SQLite, so they survive a restart.

The store (`store`) keeps its jobs in memory and writes each change here as it happens: a job
when it is started, its callback once delivered or given up, its removal when it expires. A
new sandbox on the same folder reads them back. Times are kept on the wall clock (seconds
since the epoch), the only clock two processes share. The number of jobs ever started is kept
too, so that ids drawn from it are never handed out twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

#: The file, in the state folder.
FILE_NAME = "sandbox.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    number INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    video_id TEXT NOT NULL,
    collection_id TEXT NOT NULL,
    prompt TEXT NOT NULL,
    duration INTEGER NOT NULL,
    started_at REAL NOT NULL,
    ends_at REAL NOT NULL,
    failure TEXT,
    callback_url TEXT,
    callback_pending INTEGER NOT NULL
);
"""


@attrs.frozen
class Record:
    """A job as kept on disk."""

    number: int
    id: str
    video_id: str
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


class Journal:
    """The jobs in `folder/sandbox.sqlite3`, made if missing.

    Raises:
        OSError: the folder cannot be made.
        sqlite3.Error: the file is not a database this sandbox can use.
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / FILE_NAME
        # One connection, used on the event loop only; autocommit, with explicit transactions.
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def started(self) -> int:
        """How many jobs were ever started with this folder."""
        row = self._db.execute("SELECT value FROM meta WHERE name = 'started'").fetchone()
        return int(row[0]) if row else 0

    def records(self) -> Iterator[Record]:
        """Every job kept, oldest first."""
        rows = self._db.execute(
            "SELECT number, id, video_id, collection_id, prompt, duration, started_at, ends_at, "
            "failure, callback_url, callback_pending FROM jobs ORDER BY number"
        )
        for number, job_id, video_id, collection_id, prompt, duration, *rest in rows:
            started_at, ends_at, failure, callback_url, callback_pending = rest
            yield Record(
                number=number,
                id=job_id,
                video_id=video_id,
                collection_id=collection_id,
                prompt=prompt,
                duration=duration,
                started_at=started_at,
                ends_at=ends_at,
                failure=failure,
                callback_url=callback_url,
                callback_pending=bool(callback_pending),
            )

    def add(self, record: Record) -> None:
        """Keep `record`, and count it among the jobs started, in one transaction."""
        with self._transaction():
            self._db.execute(
                "INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*attrs.astuple(record)[:10], int(record.callback_pending)),
            )
            self._db.execute(
                "INSERT INTO meta VALUES ('started', ?) "
                "ON CONFLICT(name) DO UPDATE SET value = MAX(value, excluded.value)",
                (record.number + 1,),
            )

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
