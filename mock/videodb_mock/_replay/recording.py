"""A recording on disk: `recording.json` (the exchanges, in order) and `bodies/<sha256>`.

Each exchange holds the request's key for matching (`request_key`), the answer's status,
content type, the hash of its body, and `at`: when it was answered, in seconds on the
recording's clock (the upstream's, when the upstream is a sandbox on a manual clock, else the
recorder's), which replay follows on a manual clock. Recordings made before `at` was kept
replay in the recorded order. Bodies are stored with the API key's text replaced by
`REDACTED_KEY` and the upstream's base URL by `BASE_MARK`, which replay turns into its own base
URL, so that media URLs in answers point at the replaying server.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.parse
from pathlib import Path
from typing import Any

import attrs

from videodb_mock._settings import RECORDING_INDEX as INDEX

BODIES = "bodies"
#: What an answer's upstream base URL is stored as; replay writes its own base URL there.
BASE_MARK = "{{videodb-replay-base}}"
#: What the API key's text is stored as, wherever it occurred.
REDACTED_KEY = "REDACTED"
#: The header that carries the API key (DESIGN.md).
KEY_HEADER = "x-access-token"


def request_key(
    method: str, path: str, query: str, body: bytes, *, api_key: str | None, base_url: str
) -> str:
    """How a request is matched: method, path, query (sorted, key removed), and the body as
    canonical JSON (sorted keys) when it is JSON, else its SHA-256. The serving server's own
    `base_url` (in a media URL sent back, as `POST /download` does) is read as `BASE_MARK`."""
    query = query.replace(urllib.parse.quote(base_url, safe=""), BASE_MARK)
    query = query.replace(base_url, BASE_MARK)
    body = body.replace(base_url.encode(), BASE_MARK.encode())
    pairs = urllib.parse.parse_qsl(query, keep_blank_values=True)
    pairs = sorted((name, scrub_text(value, api_key)) for name, value in pairs)
    canonical: str
    if not body:
        canonical = ""
    else:
        try:
            canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"))
        except (ValueError, UnicodeDecodeError):
            canonical = "sha256:" + hashlib.sha256(body).hexdigest()
    canonical = scrub_text(canonical, api_key)
    return " ".join(
        [method.upper(), scrub_text(path, api_key), urllib.parse.urlencode(pairs), canonical]
    )


def scrub_text(text: str, api_key: str | None) -> str:
    """`text` with every occurrence of `api_key` replaced by `REDACTED_KEY`."""
    return text.replace(api_key, REDACTED_KEY) if api_key else text


def scrub_bytes(data: bytes, api_key: str | None) -> bytes:
    """`data` with every occurrence of `api_key`'s UTF-8 bytes replaced by `REDACTED_KEY`."""
    if not api_key:
        return data
    return data.replace(api_key.encode(), REDACTED_KEY.encode())


@attrs.frozen
class Exchange:
    """One recorded request and its answer."""

    key: str
    status: int
    content_type: str | None
    body: str  # the SHA-256 of the stored body
    at: float | None = None  # seconds on the recording's clock (see the module's doc)

    def to_json(self) -> dict[str, Any]:
        return attrs.asdict(self)


class RecordingError(ValueError):
    """A folder holds no recording, or one that cannot be read; the message names the file."""


class Recording:
    """The exchanges of one folder, appended while recording, read for replay."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.exchanges: list[Exchange] = []

    @classmethod
    def load(cls, folder: str | os.PathLike[str]) -> Recording:
        """The recording in `folder`.

        Raises:
            RecordingError: `folder` holds no `recording.json`, or it is not one.
        """
        recording = cls(folder)
        index = recording.folder / INDEX
        try:
            items = json.loads(index.read_text(encoding="utf-8"))["exchanges"]
            recording.exchanges = [Exchange(**item) for item in items]
            for number, exchange in enumerate(recording.exchanges, 1):
                _check(exchange, number)
        except FileNotFoundError:
            raise RecordingError(f"{index} does not exist: record one with --record") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise RecordingError(f"{index} is not a recording: {exc}") from None
        return recording

    def add(self, key: str, status: int, content_type: str | None, body: bytes, at: float) -> None:
        """Store `body` (already scrubbed) and append the exchange, answered at `at`."""
        digest = hashlib.sha256(body).hexdigest()
        bodies = self.folder / BODIES
        bodies.mkdir(parents=True, exist_ok=True)
        target = bodies / digest
        if not target.exists():
            target.write_bytes(body)
        self.exchanges.append(Exchange(key, status, content_type, digest, at))
        self._save()

    def body(self, exchange: Exchange) -> bytes:
        """The stored body of `exchange`."""
        return (self.folder / BODIES / exchange.body).read_bytes()

    def _save(self) -> None:
        index = self.folder / INDEX
        partial = index.with_suffix(".tmp")
        payload = {"exchanges": [exchange.to_json() for exchange in self.exchanges]}
        partial.write_text(json.dumps(payload, indent=1), encoding="utf-8")
        partial.replace(index)


def _check(exchange: Exchange, number: int) -> None:
    """Refuse an exchange whose fields are not of their kinds (a hand-edited recording)."""
    at_ok = exchange.at is None or (
        isinstance(exchange.at, int | float) and not isinstance(exchange.at, bool)
    )
    if not (
        isinstance(exchange.key, str)
        and isinstance(exchange.status, int)
        and isinstance(exchange.body, str)
        and (exchange.content_type is None or isinstance(exchange.content_type, str))
        and at_ok
    ):
        raise ValueError(f"exchange {number} has a field of the wrong kind")
