"""The composition part of the table of operations (`_operations`): compiling a classic
timeline and composing an Editor timeline, and downloading what it made.

A composition's JSON is made and checked by its values (`videodb_gen.asset`,
`videodb_gen.editor`); here it becomes the generated request models, by the kind of each item.
It is a module of its own so that a program that never composes never loads the models of a
classic timeline's items.
"""

from __future__ import annotations

from typing import Any, TypeVar

from videodb_api import models as api

from ._arguments import Check, check_http_url, describe
from ._exceptions import InvalidInputError
from ._operations import Operation, polled_download, unset_as_none
from ._results import JobState, StreamInfo

T = TypeVar("T")

#: The generated model of a classic timeline's item, by its asset id's prefix.
_TIMELINE_ITEMS: tuple[tuple[str, type[Any]], ...] = (
    ("m-", api.TimelineVideo),
    ("a-", api.TimelineAudioOverlay),
    ("img-", api.TimelineImageOverlay),
    ("txt-", api.TimelineTextOverlay),
)
#: The most items a classic timeline may hold, as the spec says.
MAX_TIMELINE_ITEMS = 1000


def _read_model(field: str, model: type[T], data: object) -> T:
    """`data`, a JSON object, as the generated `model`.

    Raises:
        InvalidInputError: It is not one `model` can read.
    """
    if not isinstance(data, dict):
        raise InvalidInputError(field, f"must be a JSON object, got {describe(data)}")
    try:
        parsed: T = model.from_dict(data)  # type: ignore[attr-defined]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InvalidInputError(field, f"is not a {model.__name__} ({error!r})") from None
    return parsed


def _timeline_items(field: str, value: object) -> list[Any]:
    """A classic timeline's items (`Timeline.to_json`'s), as the generated models."""
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_TIMELINE_ITEMS:
        rule = f"must be a list of 1 to {MAX_TIMELINE_ITEMS} items, got {describe(value)}"
        raise InvalidInputError(field, rule)
    items = []
    for index, item in enumerate(value):
        where = f"{field}[{index}]"
        asset = item.get("asset_id") if isinstance(item, dict) else None
        kinds = _TIMELINE_ITEMS if isinstance(asset, str) else ()
        model = next((m for prefix, m in kinds if str(asset).startswith(prefix)), None)
        if model is None:
            raise InvalidInputError(f"{where}.asset_id", f"is of no known kind: {describe(asset)}")
        items.append(_read_model(where, model, item))
    return items


def _editor_timeline(field: str, value: object) -> api.EditorTimeline:
    return _read_model(field, api.EditorTimeline, value)


def _stream(answer: api.StreamResponse) -> StreamInfo:
    player_url = unset_as_none(answer.data.player_url)
    return StreamInfo(stream_url=answer.data.stream_url, player_url=player_url)


def _composing(
    endpoint: str, body: str, checks: dict[str, Check], constants: dict[str, object] | None = None
) -> Operation[StreamInfo]:
    """An operation that answers with the stream of a composition (`endpoint`'s module name in
    ``videodb_api.api.composition``, its request model `body`)."""
    return Operation(
        endpoint_name=f"videodb_api.api.composition.{endpoint}",
        checks=checks,
        body_name=body,
        constants=constants or {},
        answer_names=("StreamResponse",),
        read=lambda answer, _: _stream(answer),
    )


COMPILE_TIMELINE = _composing(
    "compile_timeline",
    "TimelineRequest",
    {"timeline": _timeline_items},
    {"request_type": "compile"},
)
COMPOSE_EDITOR_TIMELINE = _composing(
    "compose_editor_timeline", "EditorInlineRequest", {"timeline": _editor_timeline}
)
#: `composeEditorTimeline` for a timeline uploaded first (`GET_UPLOAD_URL`, `UPLOAD`).
COMPOSE_EDITOR_TIMELINE_UPLOADED = _composing(
    "compose_editor_timeline", "EditorUploadedRequest", {"timeline_url": check_http_url}
)
# Answered done at once, as the spec says; a download still running is polled as any other.
DOWNLOAD_EDITOR_STREAM: Operation[JobState[Any]] = Operation(
    endpoint_name="videodb_api.api.composition.download_editor_stream",
    checks={"stream_url": check_http_url},
    body_name="EditorDownloadRequest",
    answer_names=("DownloadState",),
    read=lambda answer, _: polled_download(answer),
)
