"""Reading a request's body: bounded in size, and JSON parsed once, strictly.

A JSON body is refused (the caller answers 400) unless it is UTF-8 text holding one JSON value
(RFC 8259: no `NaN` or `Infinity`), nested at most `MAX_DEPTH` levels deep, whose strings and
names are Unicode text: a `\\ud800` escape standing alone is not a character (RFC 8259 §8.2),
and nothing downstream (hashing, storing, logging, answering) could use it. Only the value
parsed here reaches validation and the operations, so a body either is refused here or can be
handled everywhere.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request

#: How deeply arrays and objects may nest in a body. The API's bodies are one level deep.
MAX_DEPTH = 32

_SURROGATE = re.compile("[\ud800-\udfff]")


class BodyError(ValueError):
    """The body cannot be used; the message says why, starting with `body:`."""


async def read_body(request: Request, limit: int) -> bytes | None:
    """The request body, or `None` if it is larger than `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def is_json(content_type: str | None) -> bool:
    """Whether a `Content-Type` names JSON (`application/json`, or a `+json` type)."""
    media_type = (content_type or "").partition(";")[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


def _not_a_number(name: str) -> Any:
    raise BodyError(f"body: not valid JSON ({name} is not a JSON number)")


#: One decoder for every body (`json.loads` with an option makes a new one each time).
_DECODER = json.JSONDecoder(parse_constant=_not_a_number)


def parse_json(body: bytes) -> Any:
    """The JSON value `body` holds.

    Raises:
        BodyError: the body is not UTF-8, not JSON, nested too deeply, or holds a string
            that is not Unicode text.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BodyError(
            f"body: not valid JSON: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    try:
        value = _DECODER.decode(text)
    except RecursionError:
        raise BodyError(f"body: nested more than {MAX_DEPTH} levels deep") from None
    except BodyError:
        raise
    except ValueError as exc:
        raise BodyError(f"body: not valid JSON ({exc})") from None
    escaped = "\\u" in text
    # A value cannot nest deeper than it has brackets: most bodies need no walk at all.
    if escaped or text.count("[") + text.count("{") > MAX_DEPTH:
        _check(value, escaped=escaped)
    return value


def _check(value: Any, *, escaped: bool) -> None:
    """Refuse `value` if it nests too deeply or, when its text had `\\u` escapes (the only way
    to write a lone surrogate in UTF-8 text), if a string in it has one. Iterative: a value
    nested deeply cannot exhaust the stack here."""
    pending = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if escaped and _SURROGATE.search(item):
                raise BodyError("body: a string holds a lone surrogate (\\ud800-\\udfff)")
            continue
        if not isinstance(item, (dict, list)):
            continue
        if depth >= MAX_DEPTH:
            raise BodyError(f"body: nested more than {MAX_DEPTH} levels deep")
        if isinstance(item, dict):
            pending += [(name, depth) for name in item]
            pending += [(child, depth + 1) for child in item.values()]
        else:
            pending += [(child, depth + 1) for child in item]
