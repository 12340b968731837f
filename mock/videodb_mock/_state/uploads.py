"""Uploaded files: what the URLs of `getUploadUrl` were given, kept in memory until they expire.

An upload URL is `/uploads/u-<32 hex>`, signed as media URLs are (`signing`). Handing one out
keeps nothing, so any number may be handed out, and one handed out before a restart with a
state folder still takes its file after it. The file POSTed to it is kept `ttl` seconds; at
most `max_count` files and `max_bytes` bytes are kept in all, the oldest going first. Files
are not kept on disk, so a restart forgets them: what was made from one (a text) is a job, and
is kept as jobs are. A URL takes one file: the same file again is accepted (a retried upload),
another is refused.

`generateText` names an upload by its URL (`prompt_url`): the URL handed out, with its
signature, which shows the sandbox made it even after it has expired.
"""

from __future__ import annotations

import re
import secrets
import time
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable

import attrs

from videodb_mock._state.signing import UrlSigner

PREFIX = "/uploads/"
PATH = re.compile(r"/uploads/(u-[0-9a-f]{32})")
#: The most bytes of files kept at once: a bound on memory whatever the number of files.
MAX_KEPT_BYTES = 256 * 1024 * 1024


def new_path() -> str:
    """The path of a new upload URL, unsigned: its id is random, so never handed out twice."""
    return f"{PREFIX}u-{secrets.token_hex(16)}"


@attrs.frozen
class Upload:
    """One file uploaded: its URL's id, its name (the form's file name), its bytes, and when
    it expires on the monotonic clock."""

    id: str
    name: str
    content: bytes
    expires: float


class Uploads:
    """The files uploaded and not expired, on the monotonic `clock` (default
    `time.monotonic`)."""

    def __init__(
        self,
        *,
        ttl_seconds: float,
        max_count: int,
        max_bytes: int = MAX_KEPT_BYTES,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._ttl = ttl_seconds
        self._max_count = max_count
        self._max_bytes = max_bytes
        self._clock = clock or time.monotonic
        self._files: OrderedDict[str, Upload] = OrderedDict()
        self._bytes = 0

    def put(self, upload_id: str, name: str, content: bytes) -> bool:
        """Keep `content` as upload `upload_id`; `False` (and nothing kept) if that URL
        already took another file."""
        self._sweep()
        kept = self._files.get(upload_id)
        if kept is not None:
            return kept.content == content
        self._files[upload_id] = Upload(upload_id, name, content, self._clock() + self._ttl)
        self._bytes += len(content)
        while len(self._files) > self._max_count or self._bytes > self._max_bytes:
            self._drop(next(iter(self._files)))
        return True

    def get(self, upload_id: str) -> Upload | None:
        """Upload `upload_id`, if it was made and has not expired."""
        self._sweep()
        return self._files.get(upload_id)

    def named(self, url: str, base_url: str, signer: UrlSigner) -> Upload | str:
        """The upload at `url` (an upload URL as handed out from `base_url`), or why there is
        none, as a sentence that can follow the field's name."""
        parts = urllib.parse.urlsplit(url)
        origin = urllib.parse.urlsplit(base_url)
        path = parts.path.removeprefix(origin.path.rstrip("/"))
        match = PATH.fullmatch(path)
        query = urllib.parse.parse_qs(parts.query)
        expires, signature = (query.get(name, [None])[-1] for name in ("expires", "signature"))
        if (
            (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc)
            or match is None
            or not signer.matches(path, expires, signature)
        ):
            return "is not an upload URL of this sandbox: ask getUploadUrl for one"
        upload = self.get(match[1])
        if upload is not None:
            return upload
        if expires is not None and signer.expired(expires):
            return "has expired, and keeps no file"
        return "has taken no file yet, or its file has expired"

    def __len__(self) -> int:
        return len(self._files)

    @property
    def bytes(self) -> int:
        """How many bytes the files kept hold."""
        return self._bytes

    def _sweep(self) -> None:
        # Every file is kept as long, so they expire in the order they came.
        now = self._clock()
        while self._files:
            oldest = next(iter(self._files.values()))
            if now < oldest.expires:
                return
            self._drop(oldest.id)

    def _drop(self, upload_id: str) -> None:
        self._bytes -= len(self._files.pop(upload_id).content)
