"""Signed URLs: media the sandbox hands out that download without the API key until they expire,
and upload URLs that take a file without it.

A signed URL is a path under `/media/` (or `/uploads/`) with two query parameters: `expires`,
the moment it stops working (whole seconds since the epoch), and `signature`, HMAC-SHA256 over
the path and that moment with a key of the sandbox's, in hex. Changing the path, the moment or
the signature breaks it. The key is new at every start, or kept in the state folder
(`--state-dir`) so that URLs handed out before a restart keep working.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
from collections.abc import Callable

#: The key's name in the state folder.
KEY_NAME = "signed-urls"
KEY_BYTES = 32


def new_key() -> bytes:
    """A new random key."""
    return os.urandom(KEY_BYTES)


class UrlSigner:
    """Signs paths so they work for `lifetime` seconds on `wall_clock` (seconds since the
    epoch), and checks signed paths."""

    def __init__(self, key: bytes, lifetime: float, wall_clock: Callable[[], float]) -> None:
        self._key = key
        self._lifetime = lifetime
        self._wall_clock = wall_clock

    def _signature(self, path: str, expires: int) -> str:
        message = f"{path}\n{expires}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def sign(self, path: str) -> str:
        """`path` with the query that makes it work until `lifetime` seconds from now."""
        expires = math.ceil(self._wall_clock() + self._lifetime)
        return f"{path}?expires={expires}&signature={self._signature(path, expires)}"

    def matches(self, path: str, expires: str | None, signature: str | None) -> bool:
        """Whether `path` with these query parameters was signed here, expired or not."""
        if expires is None or signature is None:
            return False
        if not (expires.isascii() and expires.isdigit()) or len(expires) > 12:
            return False
        wanted = self._signature(path, int(expires))
        return hmac.compare_digest(wanted, signature.lower() if signature.isascii() else "")

    def expired(self, expires: str) -> bool:
        """Whether a signature that works until `expires` (as `matches` accepted it) no longer
        does."""
        return int(expires) <= self._wall_clock()

    def refusal(
        self,
        path: str,
        expires: str | None,
        signature: str | None,
        *,
        ask: str = "getImageUrl or getAudioUrl",
    ) -> str | None:
        """Why `path` with these query parameters may not be used, or `None` if it may; `ask`
        names the operations that make such URLs."""
        if expires is None or signature is None:
            return f"this URL is not signed: ask {ask} for one"
        if not self.matches(path, expires, signature):
            return "this URL's signature does not match"
        if self.expired(expires):
            return f"this URL has expired: ask {ask} for a new one"
        return None
