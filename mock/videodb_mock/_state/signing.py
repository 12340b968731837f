"""Signed URLs: media the sandbox hands out that download without the API key until they expire.

A signed URL is a path under `/media/` with two query parameters: `expires`, the moment it
stops working (whole seconds since the epoch), and `signature`, HMAC-SHA256 over the path and
that moment with a key of the sandbox's, in hex. Changing the path, the moment or the signature
breaks it. The key is new at every start, or kept in the state folder (`--state-dir`) so that
URLs handed out before a restart keep working.
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

    def refusal(self, path: str, expires: str | None, signature: str | None) -> str | None:
        """Why `path` with these query parameters may not be downloaded, or `None` if it may."""
        if expires is None or signature is None:
            return "this URL is not signed: ask getImageUrl or getAudioUrl for one"
        if not (expires.isascii() and expires.isdigit()) or len(expires) > 12:
            return "this URL's signature does not match"
        wanted = self._signature(path, int(expires))
        if not hmac.compare_digest(wanted, signature.lower() if signature.isascii() else ""):
            return "this URL's signature does not match"
        if int(expires) <= self._wall_clock():
            return "this URL has expired: ask getImageUrl or getAudioUrl for a new one"
        return None
