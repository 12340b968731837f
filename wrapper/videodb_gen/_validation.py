"""Checks of the caller's arguments, run before any request is sent.

Each check returns the value it accepts and raises `InvalidInputError` naming the field and the
rule it broke.
"""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from ._exceptions import InvalidInputError

MIN_DURATION = 5
MAX_DURATION = 8
_ID_FORBIDDEN = ("/", "?", "#")


def _describe(value: object) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def check_prompt(prompt: object) -> str:
    """`prompt` must be a string with at least one non-blank character."""
    if not isinstance(prompt, str):
        raise InvalidInputError("prompt", f"must be a string, got {_describe(prompt)}")
    if not prompt.strip():
        raise InvalidInputError("prompt", "must be a non-empty string")
    return prompt


def check_duration(duration: object) -> int:
    """`duration` must be an int (not a bool, float or str) from 5 to 8 seconds."""
    if isinstance(duration, bool) or not isinstance(duration, int):
        raise InvalidInputError(
            "duration",
            f"must be an integer from {MIN_DURATION} to {MAX_DURATION}, got {_describe(duration)}",
        )
    if not MIN_DURATION <= duration <= MAX_DURATION:
        raise InvalidInputError(
            "duration", f"must be from {MIN_DURATION} to {MAX_DURATION} seconds, got {duration}"
        )
    return duration


def check_http_url(field: str, url: object) -> str:
    """`url` must be an absolute http or https URL with a host."""
    rule = "must be an absolute http(s) URL"
    if not isinstance(url, str):
        raise InvalidInputError(field, f"{rule}, got {_describe(url)}")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise InvalidInputError(field, f"{rule} without whitespace or control characters")
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as exc:
        raise InvalidInputError(field, f"{rule}, got {_describe(url)}") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidInputError(field, f"{rule}, got {_describe(url)}")
    return url


def check_callback_url(callback_url: object) -> str | None:
    """`callback_url` must be None or an absolute http(s) URL."""
    if callback_url is None:
        return None
    return check_http_url("callback_url", callback_url)


def check_id(field: str, value: object) -> str:
    """An id must be a non-empty string free of `/`, `?` and `#`."""
    if not isinstance(value, str):
        raise InvalidInputError(field, f"must be a string, got {_describe(value)}")
    if not value:
        raise InvalidInputError(field, "must be a non-empty string")
    bad = [ch for ch in _ID_FORBIDDEN if ch in value]
    if bad:
        raise InvalidInputError(field, f"must not contain {' or '.join(map(repr, bad))}")
    return value


def check_api_key(api_key: object) -> str:
    """The API key must be a non-empty string; its value never appears in the message."""
    if api_key is None:
        raise InvalidInputError(
            "api_key", "is required: pass api_key=... or set the VIDEO_DB_API_KEY variable"
        )
    if not isinstance(api_key, str) or not api_key.strip():
        raise InvalidInputError("api_key", "must be a non-empty string")
    return api_key


def check_seconds(field: str, value: object, *, allow_zero: bool = False) -> float:
    """A duration in seconds must be a finite, positive number (or zero where allowed)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(field, f"must be a number of seconds, got {_describe(value)}")
    seconds = float(value)
    if not math.isfinite(seconds) or seconds < 0 or (seconds == 0 and not allow_zero):
        kind = "non-negative" if allow_zero else "positive"
        raise InvalidInputError(field, f"must be a finite, {kind} number of seconds")
    return seconds


def check_max_retries(value: object) -> int:
    """`max_retries` must be an int from 0 up."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError("max_retries", f"must be an integer >= 0, got {_describe(value)}")
    return value
