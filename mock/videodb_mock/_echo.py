"""How much of what a client sent an error message echoes back.

An error names what it refuses (`Video not found: m-...`), but what a client sends can be as
long as a request line or a body allows (a 64 KB id in a path): every message that echoes a
client's value shows at most `ECHO_LIMIT` characters of it, then `…`.
"""

from __future__ import annotations

#: The most characters of a client's value an error message shows.
ECHO_LIMIT = 200
ELLIPSIS = "…"


def echoed(value: object, limit: int = ECHO_LIMIT) -> str:
    """`value` as an error message shows it: whole up to `limit` characters, else its first
    `limit` characters and `…`."""
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[:limit] + ELLIPSIS
