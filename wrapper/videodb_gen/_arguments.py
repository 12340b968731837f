"""Checks of the caller's arguments, run before any request is sent.

Every check has the same shape, ``check(field, value) -> value``: it returns the value it
accepts and raises `InvalidInputError` naming the field and the rule it broke, so that the
table of operations (`_operations`) can name a check per argument.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import attrs

from ._exceptions import InvalidInputError

Check = Callable[[str, Any], Any]

MIN_DURATION = 5
MAX_DURATION = 8
_ID_FORBIDDEN = ("/", "?", "#")


def describe(value: object) -> str:
    """A short, safe rendering of a rejected value and its type, for an error message."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def check_prompt(field: str, prompt: object) -> str:
    """A prompt must be a string with at least one non-blank character."""
    if not isinstance(prompt, str):
        raise InvalidInputError(field, f"must be a string, got {describe(prompt)}")
    if not prompt.strip():
        raise InvalidInputError(field, "must be a non-empty string")
    return prompt


def check_video_duration(field: str, duration: object) -> int:
    """A video's duration must be an int (not a bool, float or str) from 5 to 8 seconds."""
    if isinstance(duration, bool) or not isinstance(duration, int):
        rule = f"must be an integer from {MIN_DURATION} to {MAX_DURATION}"
        raise InvalidInputError(field, f"{rule}, got {describe(duration)}")
    if not MIN_DURATION <= duration <= MAX_DURATION:
        rule = f"must be from {MIN_DURATION} to {MAX_DURATION} seconds"
        raise InvalidInputError(field, f"{rule}, got {duration}")
    return duration


def check_http_url(field: str, url: object) -> str:
    """A URL must be an absolute http or https URL with a host."""
    rule = "must be an absolute http(s) URL"
    if not isinstance(url, str):
        raise InvalidInputError(field, f"{rule}, got {describe(url)}")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise InvalidInputError(field, f"{rule} without whitespace or control characters")
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as exc:
        raise InvalidInputError(field, f"{rule}, got {describe(url)}") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidInputError(field, f"{rule}, got {describe(url)}")
    return url


def check_callback_url(field: str, callback_url: object) -> str | None:
    """A callback URL must be None or an absolute http(s) URL."""
    return None if callback_url is None else check_http_url(field, callback_url)


def check_id(field: str, value: object) -> str:
    """An id must be a non-empty string free of `/`, `?` and `#`."""
    if not isinstance(value, str):
        raise InvalidInputError(field, f"must be a string, got {describe(value)}")
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


def check_seconds(field: str, value: object) -> float:
    """A duration in seconds must be a finite, positive number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(field, f"must be a number of seconds, got {describe(value)}")
    seconds = float(value)
    if not math.isfinite(seconds) or seconds <= 0:
        raise InvalidInputError(field, "must be a finite, positive number of seconds")
    return seconds


def check_optional_seconds(field: str, value: object) -> float | None:
    """None, or a finite, positive number of seconds."""
    return None if value is None else check_seconds(field, value)


def check_max_retries(field: str, value: object) -> int:
    """A retry count must be an int from 0 up."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError(field, f"must be an integer >= 0, got {describe(value)}")
    return value


def rule(check: Check) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """An attrs validator that runs `check` on a field, named as the caller names it (its alias)."""

    def validate(_instance: object, field: attrs.Attribute[Any], value: object) -> None:
        check(field.alias or field.name, value)

    return validate
