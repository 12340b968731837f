"""What a batch generation is made of: its requests, read from JSON lines or CSV, and checked
all at once before any job starts.

Each request names an operation (``op``: ``video`` by default, ``image``, ``text``, ``music``,
``sound_effect``, ``voice`` or ``dub``) and the arguments of the collection method that runs it
(`AsyncCollection.generate_video` and its family). The arguments a method takes, their
defaults and their types are read from the method's signature, and every value is checked by
the operation's own checks (`_operations`), so a batch accepts exactly what a single call does.

A request's key, which identifies it across runs, is its content unless it gives one: a hash of
its operation, collection and arguments as sent (defaults filled in), so that inserting,
deleting or reordering lines never makes a finished request new. Identical requests are told
apart by their occurrence: the second of them has ``#2`` added, the third ``#3``.
"""

from __future__ import annotations

import csv
import hashlib
import inspect
import io
import json
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Union

import attrs

from . import _operations as op
from ._arguments import check_id, describe
from ._async._resources import AsyncCollection
from ._exceptions import InvalidInputError

__all__ = [
    "OPERATIONS",
    "BatchInputError",
    "BatchRequest",
    "Problem",
    "check_requests",
    "read_batch_file",
]

#: The fields of a line that are not arguments: the operation and the key.
OP_FIELDS = ("op", "operation")
KEY_FIELD = "key"
#: Problems listed in a `BatchInputError`'s message; all of them are in its ``problems``.
_LISTED = 20
#: Hex digits of the content hash a key is made of: 64 bits, unique among any batch's requests.
_KEY_DIGITS = 16


@attrs.frozen
class _Kind:
    """One operation a batch line may ask for: the collection method that runs it, the table
    entry that checks its arguments, and its arguments' defaults and types."""

    name: str
    method: str
    operation: op.Operation[Any]
    defaults: Mapping[str, object]  # every argument; a required one maps to `_REQUIRED`
    types: Mapping[str, Callable[[str, str], object]]  # how a CSV cell becomes the value


_REQUIRED = object()


def _cell_reader(hint: object) -> Callable[[str, str], object]:
    """How a CSV cell becomes a value of type `hint` (an optional type is its inner type)."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        hint = inner[0] if len(inner) == 1 else str
    if hint is int:
        return _int_cell
    if hint is float:
        return _float_cell
    if hint is dict or typing.get_origin(hint) is dict:
        return _json_cell
    return lambda _field, text: text


def _int_cell(field: str, text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInputError(field, f"must be an integer, got {text!r}") from None


def _float_cell(field: str, text: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        raise InvalidInputError(field, f"must be a number, got {text!r}") from None


def _json_cell(field: str, text: str) -> object:
    try:
        return json.loads(text)
    except ValueError as error:
        raise InvalidInputError(field, f"must be a JSON object ({error})") from None


#: Arguments the official positions give some methods that say how to wait, not what to make:
#: the batch decides those itself.
_HOW_TO_WAIT = ("wait", "poll_interval", "timeout")


def _kind(name: str, method: str, operation: op.Operation[Any]) -> _Kind:
    function = getattr(AsyncCollection, method)
    hints = typing.get_type_hints(function)
    parameters = [
        p
        for p in inspect.signature(function).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        and p.name not in ("self", *_HOW_TO_WAIT)
    ]
    defaults = {
        p.name: _REQUIRED if p.default is inspect.Parameter.empty else p.default for p in parameters
    }
    readers = {p.name: _cell_reader(hints[p.name]) for p in parameters}
    return _Kind(name, method, operation, defaults, readers)


#: The operations a batch line may name, by name.
OPERATIONS: dict[str, _Kind] = {
    kind.name: kind
    for kind in (
        _kind("video", "generate_video", op.GENERATE_VIDEO),
        _kind("image", "generate_image", op.GENERATE_IMAGE),
        _kind("text", "generate_text", op.GENERATE_TEXT),
        _kind("music", "generate_music", op.GENERATE_MUSIC),
        _kind("sound_effect", "generate_sound_effect", op.GENERATE_SOUND_EFFECT),
        _kind("voice", "generate_voice", op.GENERATE_VOICE),
        _kind("dub", "dub_video", op.DUB_VIDEO),
    )
}


def _op_name(value: object) -> str:
    """The operation a line names (``sound-effect`` is ``sound_effect``).

    Raises:
        InvalidInputError: It names none.
    """
    name = value.replace("-", "_") if isinstance(value, str) else value
    if not isinstance(name, str) or name not in OPERATIONS:
        rule = f"must be one of {', '.join(OPERATIONS)}, got {describe(value)}"
        raise InvalidInputError("op", rule)
    return name


def _as_dict(arguments: Mapping[str, Any]) -> dict[str, Any]:
    return dict(arguments)


@attrs.frozen
class BatchRequest:
    """One generation of a batch.

    Attributes:
        op: The operation: ``video`` (the default), ``image``, ``text``, ``music``,
            ``sound_effect``, ``voice`` or ``dub``.
        arguments: The collection method's arguments by name, e.g. ``{"prompt": "a red fox",
            "duration": 6}``; the ones left out take the method's defaults.
        key: What identifies the request across runs, in the state database and the results;
            None derives one from what it asks for (see `check_requests`), so that it is the
            same wherever the request stands among the others.
        line: The line of the file it was read from, to name in errors; None otherwise.
    """

    op: str = "video"
    arguments: Mapping[str, Any] = attrs.field(factory=dict, converter=_as_dict)
    key: str | None = None
    line: int | None = None

    @classmethod
    def from_mapping(cls, fields: Mapping[str, Any], *, line: int | None = None) -> BatchRequest:
        """A request from a flat mapping, as a JSON line holds it: ``op`` (or ``operation``),
        an optional ``key``, and the arguments.

        Raises:
            InvalidInputError: Both ``op`` and ``operation`` are given, or ``key`` is not a
                non-empty string or integer.
        """
        given = dict(fields)
        named = [field for field in OP_FIELDS if field in given]
        if len(named) > 1:
            raise InvalidInputError("operation", "give 'op' or 'operation', not both")
        name = given.pop(named[0]) if named else "video"
        key = given.pop(KEY_FIELD, None)
        if key is not None:
            if isinstance(key, bool) or not isinstance(key, str | int) or key == "":
                rule = f"must be a non-empty string or an integer, got {describe(key)}"
                raise InvalidInputError(KEY_FIELD, rule)
            key = str(key)
        return cls(op=name, arguments=given, key=key, line=line)


@attrs.frozen
class Problem:
    """Why one request of a batch was refused: where it is, the field, and the rule."""

    where: str
    field: str
    rule: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.rule}"


class BatchInputError(InvalidInputError):
    """Requests of a batch were refused before any job started.

    Attributes:
        problems: Every problem found, in order; each names the line (or request), the field
            and the rule it broke. ``field`` and ``rule`` are the first one's.
    """

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(first.field, first.rule)
        self.problems = problems
        listed = "; ".join(map(str, problems[:_LISTED]))
        more = len(problems) - _LISTED
        self.message = listed + (f"; and {more} more" if more > 0 else "")
        self.args = (self.message,)

    def __str__(self) -> str:
        return self.message


@attrs.frozen
class Checked:
    """A request whose arguments passed their checks, ready to run."""

    index: int
    request: BatchRequest
    key: str
    kind: _Kind
    arguments: Mapping[str, Any]  # every argument of the method, defaults filled in
    digest: str  # a hash of what the request asks for: an edited line has another
    #: The key earlier versions gave a request without one (its line number, or position from
    #: 1), to find what they recorded; None for a request that gives its key.
    legacy_key: str | None = None


def where(request: BatchRequest, index: int) -> str:
    """How an error names the request: its line, else its position (from 1)."""
    return f"line {request.line}" if request.line is not None else f"request {index + 1}"


def digest(op_name: str, collection_id: str, arguments: Mapping[str, Any]) -> str:
    """A hash of what a request asks for, so that an edited request is a new one."""
    text = json.dumps(
        {"op": op_name, "collection": collection_id, "arguments": arguments},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def content_key(digest: str, occurrence: int) -> str:
    """The key of a request without one: its content's hash, and for the second and later of
    identical requests, which occurrence it is (``#2``)."""
    key = digest[:_KEY_DIGITS]
    return key if occurrence == 1 else f"{key}#{occurrence}"


def _check_one(request: BatchRequest, index: int, collection_id: str) -> Checked:
    name = _op_name(request.op)
    kind = OPERATIONS[name]
    unknown = [field for field in request.arguments if field not in kind.defaults]
    if unknown:
        expected = ", ".join(kind.defaults)
        raise InvalidInputError(unknown[0], f"is not an argument of '{name}' (it takes {expected})")
    arguments = {**kind.defaults, **request.arguments}
    for field, value in arguments.items():
        if value is _REQUIRED:
            raise InvalidInputError(field, f"is required by '{name}'")
    kind.operation.arguments({"collection_id": collection_id, **arguments})
    made = digest(name, collection_id, arguments)
    if request.key is not None:
        return Checked(index, request, request.key, kind, arguments, made)
    legacy = str(request.line or index + 1)
    return Checked(index, request, made[:_KEY_DIGITS], kind, arguments, made, legacy)


def check_requests(
    requests: Iterable[BatchRequest | Mapping[str, Any]], collection_id: str = "default"
) -> list[Checked]:
    """Every request checked, before any is sent, each with its key: the one it gives, else
    one made of its content (`content_key`: the hash of its operation, collection and
    arguments, and its occurrence among identical requests without a key).

    Raises:
        BatchInputError: A request breaks a rule (every problem is listed), or two requests
            have the same key.
        InvalidInputError: `collection_id` is not an id.
    """
    check_id("collection_id", collection_id)
    checked: list[Checked] = []
    problems: list[Problem] = []
    keys: dict[str, str] = {}
    occurrences: Counter[str] = Counter()
    for index, given in enumerate(requests):
        try:
            request = given if isinstance(given, BatchRequest) else _from_mapping(given)
        except InvalidInputError as error:
            problems.append(Problem(f"request {index + 1}", error.field, error.rule))
            continue
        try:
            item = _check_one(request, index, collection_id)
        except InvalidInputError as error:
            problems.append(Problem(where(request, index), error.field, error.rule))
            continue
        if item.legacy_key is not None:
            occurrences[item.digest] += 1
            item = attrs.evolve(item, key=content_key(item.digest, occurrences[item.digest]))
        if item.key in keys:
            rule = f"{item.key!r} is already the key of {keys[item.key]}"
            problems.append(Problem(where(request, index), KEY_FIELD, rule))
            continue
        keys[item.key] = where(request, index)
        checked.append(item)
    if problems:
        raise BatchInputError(problems)
    return checked


def _from_mapping(given: object) -> BatchRequest:
    if not isinstance(given, Mapping):
        raise InvalidInputError(
            "request", f"must be a BatchRequest or a dict, got {describe(given)}"
        )
    return BatchRequest.from_mapping(given)


def _json_lines(text: str) -> tuple[list[BatchRequest], list[Problem]]:
    requests: list[BatchRequest] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except ValueError as error:
            problems.append(Problem(f"line {number}", "line", f"is not valid JSON ({error})"))
            continue
        if not isinstance(fields, dict):
            rule = f"must be a JSON object, got {describe(fields)}"
            problems.append(Problem(f"line {number}", "line", rule))
            continue
        try:
            requests.append(BatchRequest.from_mapping(fields, line=number))
        except InvalidInputError as error:
            problems.append(Problem(f"line {number}", error.field, error.rule))
    return requests, problems


def _csv_row(row: dict[str, str], number: int) -> BatchRequest:
    """A request from a CSV row: every cell is text, made the argument's type; an empty cell
    is left out (the argument takes its default)."""
    cells = {k: v for k, v in row.items() if v != ""}
    request = BatchRequest.from_mapping(cells, line=number)
    kind = OPERATIONS.get(_op_name(request.op))
    assert kind is not None  # noqa: S101 - _op_name only returns known names
    arguments = {
        field: kind.types[field](field, value) if field in kind.types else value
        for field, value in request.arguments.items()
    }
    return attrs.evolve(request, arguments=arguments)


#: The columns a CSV header may name: the operation, the key, and every operation's arguments.
_COLUMNS = tuple(
    dict.fromkeys([*OP_FIELDS, KEY_FIELD, *(a for k in OPERATIONS.values() for a in k.defaults)])
)


def _csv(text: str) -> tuple[list[BatchRequest], list[Problem]]:
    requests: list[BatchRequest] = []
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    start = 1
    for row in reader:
        number, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip() for cell in row]
            duplicated = sorted({h for h in header if header.count(h) > 1})
            if duplicated or "" in header:
                rule = "must name every column once" + (
                    f" ({duplicated[0]!r} twice)" if duplicated else ""
                )
                problems.append(Problem(f"line {number}", "header", rule))
                return requests, problems
            unknown = [name for name in header if name not in _COLUMNS]
            if unknown:
                rule = f"is not a column the batch knows (they are: {', '.join(_COLUMNS)})"
                problems.extend(Problem(f"line {number}", name, rule) for name in unknown)
                return requests, problems
            continue
        if len(row) != len(header):
            rule = f"has {len(row)} cells where the header has {len(header)}"
            problems.append(Problem(f"line {number}", "row", rule))
            continue
        try:
            requests.append(_csv_row(dict(zip(header, row, strict=True)), number))
        except InvalidInputError as error:
            problems.append(Problem(f"line {number}", error.field, error.rule))
    return requests, problems


def _is_csv(path: Path, text: str) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return True
    if suffix in (".jsonl", ".ndjson", ".json"):
        return False
    return not text.lstrip().startswith("{")


def read_batch_file(path: str | Path, *, collection_id: str = "default") -> list[BatchRequest]:
    """The requests in a file of JSON lines (``.jsonl``, ``.ndjson``, ``.json``) or CSV
    (``.csv``; other names are told apart by their first character), each checked.

    A JSON line is an object: ``op`` (or ``operation``; ``video`` when absent), an optional
    ``key``, and the arguments. A CSV file has a header naming the same fields, one request a
    row; its cells become the arguments' types (an empty cell takes the default), and a column
    that no operation takes is refused, naming the header's line. Blank lines are skipped. The
    file is read as UTF-8, with or without a byte order mark (as spreadsheets save "CSV
    UTF-8"). A request without a key gets one from its content (`check_requests`).

    Raises:
        BatchInputError: A line cannot be read or breaks a rule; every problem is listed,
            each naming its line number, the field and the rule.
        OSError: The file cannot be read.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise BatchInputError(
            [Problem(str(path), "file", f"is not UTF-8 text ({error})")]
        ) from None
    requests, problems = (_csv if _is_csv(path, text) else _json_lines)(text)
    try:
        check_requests(requests, collection_id)
    except BatchInputError as error:
        problems = sorted([*problems, *error.problems], key=_line_order)
    if problems:
        raise BatchInputError(problems)
    return requests


def _line_order(problem: Problem) -> int:
    _, _, number = problem.where.partition(" ")
    return int(number) if number.isdigit() else 0
