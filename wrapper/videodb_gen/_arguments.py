"""Checks of the caller's arguments, run before any request is sent.

Every check has the same shape, ``check(field, value) -> value``: it returns the value it
accepts and raises `InvalidInputError` naming the field and the rule it broke, so that the
table of operations (`_operations`) can name a check per argument.
"""

from __future__ import annotations

import json
import math
import re
import reprlib
from collections.abc import Callable
from typing import Any, cast, get_args
from urllib.parse import urlsplit

import attrs

from ._exceptions import InvalidInputError

Check = Callable[[str, Any], Any]

MIN_DURATION = 5
MAX_DURATION = 8
MAX_ID_LENGTH = 256
#: Above this size a text prompt is uploaded first, as the official client does (250 KiB).
INLINE_TEXT_PROMPT_BYTES = 250 * 1024
MAX_MODEL_NAME = 256
MAX_FILE_NAME = 255
#: The most parts a stream of a video may have, as the spec says.
MAX_TIMELINE_PARTS = 1000
_LANGUAGE = re.compile(r"[a-z]{2}(_[a-z]{2})?")
_ID_FORBIDDEN = ("/", "?", "#")


def describe(value: object) -> str:
    """A short, safe rendering of a rejected value and its type, for an error message."""
    return f"{reprlib.repr(value)} ({type(value).__name__})"


def check_text(field: str, value: object) -> str:
    """A string that can be sent: Unicode text, so no lone surrogate (which a byte string
    decoded with ``errors="surrogateescape"``, as `sys.argv` is, may hold)."""
    if not isinstance(value, str):
        raise InvalidInputError(field, f"must be a string, got {describe(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        rule = "must be valid Unicode text (it holds a lone surrogate)"
        raise InvalidInputError(field, rule) from None
    return value


def check_prompt(field: str, prompt: object) -> str:
    """A prompt must be text with at least one non-blank character."""
    text = check_text(field, prompt)
    if not text.strip():
        raise InvalidInputError(field, "must be a non-empty string")
    return text


def check_text_prompt(field: str, prompt: object) -> str:
    """A text prompt is a prompt of any length: one over `INLINE_TEXT_PROMPT_BYTES` as UTF-8
    is uploaded first and sent by URL (as the official client does), since the API's gateway
    refuses larger bodies."""
    return check_prompt(field, prompt)


def _short_text(field: str, value: object, limit: int) -> str:
    """A non-empty string of at most `limit` characters."""
    text = check_prompt(field, value)
    if len(text) > limit:
        raise InvalidInputError(field, f"must be at most {limit} characters, got {len(text)}")
    return text


def check_model_name(field: str, value: object) -> str:
    """A model is named by a non-empty string of at most `MAX_MODEL_NAME` characters: one of
    the API's own (``basic``, ``pro``, ``ultra``) or a hosted model's id."""
    return _short_text(field, value, MAX_MODEL_NAME)


def check_file_name(field: str, value: object) -> str:
    """A file's name is a non-empty string of at most `MAX_FILE_NAME` characters."""
    return _short_text(field, value, MAX_FILE_NAME)


def check_seconds_in(field: str, value: object, length: float | None) -> float:
    """A moment of a video is a finite number of seconds from 0 to its `length` (when known)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInputError(field, f"must be a number of seconds, got {describe(value)}")
    if value < 0:
        raise InvalidInputError(field, f"must be 0 or more seconds, got {value}")
    if length is not None and value > length:
        raise InvalidInputError(field, f"{value} s is past the video's end ({length:g} s)")
    return float(value)


def check_timeline(field: str, value: object, length: float | None) -> list[list[float]]:
    """Parts of a video to play are a non-empty list of at most `MAX_TIMELINE_PARTS`
    ``(start, end)`` pairs of seconds within the video (when its length is known), each
    ending after it starts."""
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise InvalidInputError(
            field, f"must be a list of (start, end) pairs, got {describe(value)}"
        )
    if not value:
        raise InvalidInputError(field, "must hold at least one (start, end) pair")
    if len(value) > MAX_TIMELINE_PARTS:
        raise InvalidInputError(
            field, f"must hold at most {MAX_TIMELINE_PARTS} parts, got {len(value)}"
        )
    parts = []
    for index, part in enumerate(value):
        where = f"{field}[{index}]"
        if isinstance(part, str | bytes) or not isinstance(part, list | tuple) or len(part) != 2:
            raise InvalidInputError(where, f"must be a (start, end) pair, got {describe(part)}")
        start = check_seconds_in(f"{where} start", part[0], length)
        end = check_seconds_in(f"{where} end", part[1], length)
        if end <= start:
            raise InvalidInputError(where, f"must end after it starts, got ({start:g}, {end:g})")
        parts.append([start, end])
    return parts


def one_of(choices: object) -> Check:
    """A check that the value is one of a `Literal` type's values."""
    allowed = get_args(choices)

    def check(field: str, value: object) -> object:
        if not isinstance(value, str) or value not in allowed:
            rule = f"must be one of {', '.join(map(repr, allowed))}, got {describe(value)}"
            raise InvalidInputError(field, rule)
        return value

    return check


def check_positive_int(field: str, value: object) -> int:
    """A count must be an int (not a bool) from 1 up."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInputError(field, f"must be a positive integer, got {describe(value)}")
    return value


def check_temperature(field: str, value: object) -> float:
    """A sampling temperature must be a finite number from 0 to 2."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 2:
        raise InvalidInputError(field, f"must be a number from 0 to 2, got {describe(value)}")
    return float(value)


def check_language_code(field: str, value: object) -> str:
    """A language is an ISO 639-1 code, optionally with a region after an underscore, in
    lower case as the API documents them: ``es``, ``en_us``."""
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value):
        rule = "must be an ISO 639-1 code in lower case, optionally with a region ('es', 'en_us')"
        raise InvalidInputError(field, f"{rule}, got {describe(value)}")
    return value


def check_video_ref(field: str, value: object) -> str:
    """A video to act on is an id starting with ``m-``: any other cannot be a video."""
    if not check_id(field, value).startswith("m-"):
        raise InvalidInputError(field, f"must be a video id starting with 'm-', got {value!r}")
    return str(value)


def check_json_object(field: str, value: object) -> dict[str, Any]:
    """Settings passed through to the API must be a JSON object: a dict with string keys
    and values JSON can carry as they are (no NaN or infinity)."""
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise InvalidInputError(field, f"must be a dict with string keys, got {describe(value)}")
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise InvalidInputError(field, f"must hold only JSON values ({error})") from None
    return value


def check_video_duration(field: str, duration: object) -> int:
    """A video's duration must be an int (not a bool, float or str) from 5 to 8 seconds."""
    if isinstance(duration, bool) or not isinstance(duration, int):
        rule = f"must be an integer from {MIN_DURATION} to {MAX_DURATION}"
        raise InvalidInputError(field, f"{rule}, got {describe(duration)}")
    if not MIN_DURATION <= duration <= MAX_DURATION:
        rule = f"must be from {MIN_DURATION} to {MAX_DURATION} seconds"
        raise InvalidInputError(field, f"{rule}, got {duration}")
    return duration


# Every ASCII control character and white space (a regular expression: URLs are checked on
# every download, and a loop over characters costs more than the request's own URL handling).
_ASCII_SPACE_OR_CONTROL = re.compile("[\x00-\x20]")


def check_http_url(field: str, url: object) -> str:
    """A URL must be an absolute http or https URL with a host."""
    rule = "must be an absolute http(s) URL"
    url = check_text(field, url)
    if _ASCII_SPACE_OR_CONTROL.search(url) or (
        not url.isascii() and any(ch.isspace() for ch in url)
    ):
        raise InvalidInputError(field, f"{rule} without whitespace or control characters")
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as exc:
        raise InvalidInputError(field, f"{rule}, got {describe(url)}") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidInputError(field, f"{rule}, got {describe(url)}")
    return url


def check_base_url(field: str, url: object) -> str:
    """The API's URL must be an absolute http(s) URL with neither credentials (the API key is
    the credential), nor a query or a fragment (request paths are appended to it)."""
    text = check_text(field, url)
    if "@" in urlsplit(text).netloc:
        raise InvalidInputError(field, "must not hold credentials (user:password@)")
    if "?" in text or "#" in text:
        raise InvalidInputError(field, "must not hold a query (?) or a fragment (#)")
    return check_http_url(field, text)


def check_id(field: str, value: object) -> str:
    """An id is one path segment as it is: non-empty text of at most `MAX_ID_LENGTH`
    printable characters, without white space, `/`, `?` or `#`, and not `.` or `..` (which a
    URL resolves to another path)."""
    text = check_text(field, value)
    if text in ("", ".", ".."):
        raise InvalidInputError(field, "must be a non-empty string other than '.' and '..'")
    if len(text) > MAX_ID_LENGTH:
        raise InvalidInputError(field, f"must be at most {MAX_ID_LENGTH} characters long")
    if not text.isprintable() or " " in text:  # every other white space is unprintable
        raise InvalidInputError(field, "must not contain white space or control characters")
    bad = [ch for ch in _ID_FORBIDDEN if ch in text]
    if bad:
        raise InvalidInputError(field, f"must not contain {' or '.join(map(repr, bad))}")
    return text


def check_api_key(api_key: object) -> str:
    """The API key goes in a header as it is: printable ASCII without white space. Its value
    never appears in the message."""
    if api_key is None:
        raise InvalidInputError(
            "api_key", "is required: pass api_key=... or set the VIDEO_DB_API_KEY variable"
        )
    if not isinstance(api_key, str) or not api_key:
        raise InvalidInputError("api_key", "must be a non-empty string")
    if not all("!" <= ch <= "~" for ch in api_key):
        rule = "must be printable ASCII without white space or control characters"
        raise InvalidInputError("api_key", f"{rule} (look for a stray newline or \\r)")
    return api_key


def check_seconds(field: str, value: object) -> float:
    """A duration in seconds must be a finite, positive number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(field, f"must be a number of seconds, got {describe(value)}")
    seconds = float(value)
    if not math.isfinite(seconds) or seconds <= 0:
        raise InvalidInputError(field, "must be a finite, positive number of seconds")
    return seconds


def check_max_retries(field: str, value: object) -> int:
    """A retry count must be an int from 0 up."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError(field, f"must be an integer >= 0, got {describe(value)}")
    return value


def check_flag(field: str, value: object) -> bool:
    """A yes or no must be a bool (not a string, which is always true, nor a number)."""
    if not isinstance(value, bool):
        raise InvalidInputError(field, f"must be True or False, got {describe(value)}")
    return value


def check_callable(field: str, value: object) -> object:
    """A callback must be callable."""
    if not callable(value):
        raise InvalidInputError(field, f"must be a function or None, got {describe(value)}")
    return value


def optional(check: Check) -> Check:
    """`check`, letting None through."""
    return lambda field, value: None if value is None else check(field, value)


check_callback_url = optional(check_http_url)
check_optional_seconds = optional(check_seconds)
check_max_tokens = optional(check_positive_int)
check_optional_temperature = optional(check_temperature)


def rule(check: Check) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """An attrs validator that runs `check` on a field, named as the caller names it (its alias)."""

    def validate(_instance: object, field: attrs.Attribute[Any], value: object) -> None:
        check(field.alias or field.name, value)

    return validate


# Composition (`videodb_gen.asset`, `videodb_gen.editor`): the spec's bounds on each value.

#: The longest a composition's time may be, as the spec's ``Seconds`` says (a day).
MAX_SECONDS = 86400
_ASSET_ID_TAIL = "[0-9A-Za-z_-]{1,64}"
_EXPRESSION = re.compile(r"[0-9A-Za-z_+*/(). -]{1,100}")
_DRAWTEXT_COLOUR = re.compile(r"(#|0x|0X)?[0-9A-Za-z]+(@[0-9.]+)?")
_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def _is_number(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


def number_in(low: float, high: float, unit: str = "", *, above_low: bool = False) -> Check:
    """A check that the value is a finite number (not a bool) from `low` to `high` (more than
    `low` with `above_low`); `unit` (``" s"``) follows the numbers in the rule."""

    def check(field: str, value: object) -> float:
        if not _is_number(value):
            raise InvalidInputError(field, f"must be a number, got {describe(value)}")
        number = cast(float, value)
        if above_low and number <= low:
            raise InvalidInputError(field, f"must be more than {low:g}{unit}, not {number:g}")
        if number < low:
            raise InvalidInputError(field, f"must be at least {low:g}{unit}, not {number:g}")
        if number > high:
            raise InvalidInputError(field, f"must be at most {high:g}{unit}, not {number:g}")
        return number

    return check


def int_in(low: int, high: int) -> Check:
    """A check that the value is an int (not a bool) from `low` to `high`."""

    def check(field: str, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError(field, f"must be an integer, got {describe(value)}")
        if not low <= value <= high:
            raise InvalidInputError(field, f"must be from {low} to {high}, not {value}")
        return value

    return check


#: Seconds of a composition, or within an asset: 0 to a day.
check_composition_seconds = number_in(0, MAX_SECONDS, " s")


def asset_id(prefix: str, kind: str) -> Check:
    """A check that the value is the id of an asset of `kind`, as the spec's pattern says:
    `prefix` then 1 to 64 letters, digits, ``_`` or ``-``."""
    pattern = re.compile(re.escape(prefix) + _ASSET_ID_TAIL)

    def check(field: str, value: object) -> str:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            rule = (
                f"must be {kind} id: '{prefix}' then 1 to 64 letters, digits, '_' or '-'"
                f", got {describe(value)}"
            )
            raise InvalidInputError(field, rule)
        return value

    return check


def text_at_most(limit: int) -> Check:
    """A check that the value is text (possibly empty) of at most `limit` characters."""

    def check(field: str, value: object) -> str:
        text = check_text(field, value)
        if len(text) > limit:
            raise InvalidInputError(field, f"must be at most {limit} characters, got {len(text)}")
        return text

    return check


def expression_or_int(low: int, high: int, names: str) -> Check:
    """A check that the value is an int from `low` to `high` (pixels), or an FFmpeg
    expression of `names`, numbers and ``+ - * / ( ) .`` of at most 100 characters."""
    integer = int_in(low, high)

    def check(field: str, value: object) -> int | str:
        if isinstance(value, str):
            if not _EXPRESSION.fullmatch(value):
                rule = (
                    f"must be an expression of {names}, numbers and + - * / ( ) "
                    f"(1 to 100 characters), got {describe(value)}"
                )
                raise InvalidInputError(field, rule)
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            rule = f"must be an integer or an expression of {names}, got {describe(value)}"
            raise InvalidInputError(field, rule)
        return int(integer(field, value))

    return check


def check_drawtext_colour(field: str, value: object) -> str:
    """A colour as FFmpeg names it (``black``, ``#RRGGBB``, ``0xRRGGBB``, with ``@alpha``)."""
    if not isinstance(value, str) or len(value) > 40 or not _DRAWTEXT_COLOUR.fullmatch(value):
        rule = "must be a colour such as 'black', '#RRGGBB' or '0xRRGGBB@0.5'"
        raise InvalidInputError(field, f"{rule}, got {describe(value)}")
    return value


def check_hex_colour(field: str, value: object) -> str:
    """A colour as ``#RRGGBB``."""
    if not isinstance(value, str) or not _HEX_COLOUR.fullmatch(value):
        raise InvalidInputError(field, f"must be a colour as '#RRGGBB', got {describe(value)}")
    return value


def instance_of(*kinds: type, what: str) -> Check:
    """A check that the value is an instance of one of `kinds`, described as `what`."""

    def check(field: str, value: object) -> object:
        if not isinstance(value, kinds):
            raise InvalidInputError(field, f"must be {what}, got {describe(value)}")
        return value

    return check
