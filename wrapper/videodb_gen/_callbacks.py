"""Receiving the results VideoDB POSTs to a ``callback_url``: `parse_callback` reads a body as
the SDK's result types, and `CallbackDedup` remembers what was already handled, since the API
delivers at least once.

A callback is ``{"success": true, "data": <what the job made>}`` or ``{"success": false,
"message": ...}`` (the spec's ``GenerationResult``). It carries no job id and no signature:
VideoDB signs nothing, so a callback is a hint, to be confirmed with ``conn.get_video(id)``
(or ``get_image``, ``get_audio``) before it is trusted.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Mapping
from types import TracebackType
from typing import Any, TypeAlias

from videodb_api import models as api

from ._exceptions import (
    GenerationFailedError,
    InvalidCallbackError,
    InvalidIdError,
    InvalidInputError,
)
from ._operations import result_from
from ._outcomes import DECODE_ERRORS
from ._results import AudioInfo, HostedJobRef, ImageInfo, TextResult, VideoInfo

__all__ = ["MAX_CALLBACK_BYTES", "CallbackDedup", "CallbackResult", "parse_callback"]

#: The largest body `parse_callback` reads by default (a text's output can be long).
MAX_CALLBACK_BYTES = 8 * 1024 * 1024

#: What a job that ended well made: a video (generated or dubbed), an image, an audio, a
#: text, or the second job of a hosted model (``sandbox_id``), which is followed by polling.
CallbackResult: TypeAlias = VideoInfo | ImageInfo | AudioInfo | TextResult[Any] | HostedJobRef


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def _document(body: bytes | str | Mapping[str, Any], max_bytes: int) -> dict[str, Any]:
    """The callback's JSON object, read from `body`.

    Raises:
        InvalidCallbackError: `body` is too large, not UTF-8, not JSON, nested too deeply, or
            not an object.
    """
    if isinstance(body, Mapping):
        return dict(body)
    if not isinstance(body, bytes | bytearray | memoryview | str):
        raise InvalidCallbackError(f"expected bytes, str or a mapping, got {type(body).__name__}")
    if len(body) > max_bytes:  # a str's characters are at least as many as its UTF-8 bytes
        raise InvalidCallbackError(f"the body is over {max_bytes} bytes ({len(body)})")
    if isinstance(body, str):
        text = body
    else:
        raw = bytes(body)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidCallbackError(f"the body is not UTF-8 (byte {error.start})") from None
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise InvalidCallbackError("the JSON is nested too deeply") from None
    except ValueError as error:
        raise InvalidCallbackError(f"the body is not JSON ({error})") from None
    if not isinstance(document, dict):
        raise InvalidCallbackError(f"expected a JSON object, got {type(document).__name__}")
    return document


def parse_callback(
    body: bytes | str | Mapping[str, Any],
    *,
    job_id: str | None = None,
    max_bytes: int = MAX_CALLBACK_BYTES,
) -> CallbackResult:
    """What a finished job made, from the body VideoDB POSTed to its ``callback_url``.

    The result is plain data, as the SDK's calls carry it (``VideoInfo``, ``ImageInfo``,
    ``AudioInfo``, ``TextResult``), with the same checks: a video's id starts with ``m-``, an
    image's with ``img-``, an audio's with ``a-``. It has no connection; ask for a handle with
    ``conn.get_video(result.id)``, which also confirms the callback (nothing signs it).

    Args:
        body: The request's body as received (bytes or str), or its JSON already decoded.
        job_id: The job the callback is for, when the receiver knows it (from a key it put in
            the ``callback_url``): the body does not carry it. Named by a failure's error.
        max_bytes: The largest body read.

    Raises:
        GenerationFailedError: The callback says the job failed; carries the API's message and
            ``error_code``, and `job_id` (``""`` when not given).
        InvalidIdError: A result's id does not start with its kind's prefix
            (`InvalidVideoIdError`, `InvalidImageIdError`, `InvalidAudioIdError`).
        InvalidCallbackError: The body is not a callback: not UTF-8 JSON, over `max_bytes`,
            nested too deeply, or of another shape, or a result breaks the SDK's rules (a
            negative length).
    """
    document = _document(body, max_bytes)
    try:
        # The spec's GenerationResult is what a finished job's wrapped answer holds: the
        # generated client reads it there, in all its shapes.
        result = api.JobComplete.from_dict({"status": "complete", "response": document}).response
    except DECODE_ERRORS:
        keys = sorted(str(key)[:40] for key in list(document)[:10])  # a mapping's keys may be any
        raise InvalidCallbackError(
            'expected {"success": true, "data": {...}} or {"success": false, "message": "..."},'
            f" got the keys {keys}"
        ) from None
    if isinstance(result, api.ErrorResponse):
        if not isinstance(result.message, str):
            raise InvalidCallbackError("a failure's message must be a string")
        code = result.error_code if isinstance(result.error_code, str) else None
        raise GenerationFailedError(result.message, job_id=job_id or "", error_code=code)
    try:
        made: CallbackResult = result_from(result.data)
    except InvalidIdError:
        raise
    except DECODE_ERRORS as error:  # a value the result types refuse
        raise InvalidCallbackError(f"the result could not be read ({error})") from None
    return made


class CallbackDedup:
    """Which callbacks were already handled, for at-least-once delivery: the API may POST the
    same result more than once, and a receiver should act on it once.

    In memory by default; with `path`, in a SQLite file, so that what was handled survives a
    restart (and several processes may share it). Safe to use from several threads.

    ::

        dedup = CallbackDedup("callbacks.sqlite3")
        video = parse_callback(body)
        if not dedup.seen(video.id):
            publish(video)  # the first delivery; later ones are skipped

    A key is any non-empty string: the result's id (each job makes a new one), or a key the
    receiver put in the ``callback_url`` (the only way to tell failures apart).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        """Args:
        path: A SQLite file to keep the keys in (made if missing); None keeps them in memory.
        """
        self._lock = threading.Lock()
        self._keys: set[str] = set()
        self._closed = False
        self._db: sqlite3.Connection | None = None
        if path is not None:
            # Autocommit: each statement is its own transaction, so INSERT OR IGNORE both
            # checks and records, atomically even between processes.
            self._db = sqlite3.connect(
                os.fspath(path), timeout=30.0, isolation_level=None, check_same_thread=False
            )
            self._db.execute("CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY)")

    @staticmethod
    def _checked(key: object) -> str:
        if not isinstance(key, str) or not key:
            raise InvalidInputError("key", f"must be a non-empty string, got {key!r:.80}")
        return key

    def _open(self) -> sqlite3.Connection | None:
        """The SQLite file, or None in memory. Call with the lock held.

        Raises:
            ValueError: The dedup is closed.
        """
        if self._closed:
            raise ValueError("the CallbackDedup is closed")
        return self._db

    def seen(self, key: str) -> bool:
        """Record `key`; whether it was recorded before (then the callback is a redelivery).

        Checking and recording are one step: of two deliveries at once, exactly one is new.

        Raises:
            InvalidInputError: `key` is not a non-empty string.
            ValueError: The dedup is closed.
        """
        key = self._checked(key)
        with self._lock:
            db = self._open()
            if db is None:
                if key in self._keys:
                    return True
                self._keys.add(key)
                return False
            cursor = db.execute("INSERT OR IGNORE INTO seen (key) VALUES (?)", (key,))
            return cursor.rowcount == 0

    def forget(self, key: str) -> None:
        """Forget `key`, so that its next delivery is new: call it when handling a callback
        failed and a redelivery should be handled again.

        Raises:
            InvalidInputError: `key` is not a non-empty string.
            ValueError: The dedup is closed.
        """
        key = self._checked(key)
        with self._lock:
            db = self._open()
            if db is None:
                self._keys.discard(key)
            else:
                db.execute("DELETE FROM seen WHERE key = ?", (key,))

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        with self._lock:
            db = self._open()
            if db is None:
                return key in self._keys
            return db.execute("SELECT 1 FROM seen WHERE key = ?", (key,)).fetchone() is not None

    def __len__(self) -> int:
        with self._lock:
            db = self._open()
            if db is None:
                return len(self._keys)
            (count,) = db.execute("SELECT count(*) FROM seen").fetchone()
            return int(count)

    def close(self) -> None:
        """Close the dedup (and its SQLite file, whose keys stay in it); using it after raises
        `ValueError`."""
        with self._lock:
            self._closed = True
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self) -> CallbackDedup:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
