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
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any, Literal

import attrs

from ._exceptions import InvalidInputError

RowStatus = Literal["starting", "started", "done", "failed"]

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


@attrs.frozen
class Row:
    """What the state database holds about one request."""

    status: RowStatus
    job_id: str | None
    outcome: dict[str, Any] | None


class BatchState:
    """The state database of one batch, open for this run."""

    def __init__(self, path: str | Path, base_url: str) -> None:
        """Open (or create) the database at `path` for a batch sent to `base_url`.

        Raises:
            InvalidInputError: The database recorded jobs of another API URL (their ids mean
                nothing there), or it is not a batch state database.
        """
        self.path = str(path)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.executescript(_SCHEMA)
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('base_url', ?)", (base_url,))
            (recorded,) = self._db.execute(
                "SELECT value FROM meta WHERE name = 'base_url'"
            ).fetchone()
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise InvalidInputError("state", f"is not a batch state database ({error})") from None
        if recorded != base_url:
            self._db.close()
            rule = f"holds jobs of {recorded}, not {base_url}; use another state file"
            raise InvalidInputError("state", rule)

    def get(self, key: str, digest: str) -> Row | None:
        """The row of a request, or None when it was never started."""
        found = self._db.execute(
            "SELECT status, job_id, outcome FROM jobs WHERE key = ? AND digest = ?", (key, digest)
        ).fetchone()
        if found is None:
            return None
        status, job_id, outcome = found
        return Row(status, job_id, None if outcome is None else json.loads(outcome))

    def intend(self, key: str, digest: str, op: str, request: dict[str, Any]) -> None:
        """Record that the request is about to be sent (status ``starting``)."""
        now = time.time()
        self._db.execute(
            "INSERT OR REPLACE INTO jobs VALUES (?, ?, ?, ?, 'starting', NULL, NULL, ?, ?)",
            (key, digest, op, json.dumps(request, ensure_ascii=False), now, now),
        )

    def started(self, key: str, digest: str, job_id: str) -> None:
        """Record the id of the job the request started."""
        self._update(key, digest, "started", job_id, None)

    def ended(
        self, key: str, digest: str, status: RowStatus, job_id: str | None, outcome: dict[str, Any]
    ) -> None:
        """Record how the job ended (``done`` or ``failed``), with what it made or why."""
        self._update(key, digest, status, job_id, json.dumps(outcome, ensure_ascii=False))

    def forget(self, key: str, digest: str) -> None:
        """Delete the row of a request that surely started nothing."""
        self._db.execute("DELETE FROM jobs WHERE key = ? AND digest = ?", (key, digest))

    def _update(
        self, key: str, digest: str, status: RowStatus, job_id: str | None, outcome: str | None
    ) -> None:
        self._db.execute(
            "UPDATE jobs SET status = ?, job_id = ?, outcome = ?, updated = ? "
            "WHERE key = ? AND digest = ?",
            (status, job_id, outcome, time.time(), key, digest),
        )

    def close(self) -> None:
        """Close the database."""
        self._db.close()
