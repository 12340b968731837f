"""A composition document (JSON, as ``videodb-gen compose`` reads it) made into the SDK's values,
so that the values' own checks run on it, with every fault collected and named by its path in
the document (``timeline[2].fade_in_duration``, ``timeline.tracks[0].clips[1].clip.opacity``).

Two kinds of document: a classic timeline, ``{"request_type": "compile", "timeline": [item,
...]}`` (or only ``{"timeline": [...]}``), each item told apart by its asset id's prefix; and an
Editor timeline, ``{"timeline": {"background", "resolution", "tracks": [...]}}``. Each field of a
value is checked alone (its converter, then its validator), so that one bad field does not hide
the next; a value whose fields all pass is then made, which runs its checks across fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from . import _editing as editor
from . import asset as classic
from ._arguments import check_composition_seconds, describe
from ._classic import Entry
from ._classic import TimelineBase as ClassicBase
from ._editing import TimelineBase as EditorBase
from ._exceptions import InvalidInputError

Faults = list[str]
Nested = Callable[[object, str, Faults], Any]


class InvalidDocumentError(InvalidInputError):
    """A composition document breaks its rules.

    Attributes:
        faults: One line per fault, each ``path: rule``.
    """

    def __init__(self, faults: list[str]) -> None:
        super().__init__("document", "; ".join(faults))
        self.faults = tuple(faults)


@attrs.frozen
class ClassicDocument:
    """A classic timeline's entries, in order: a video, or ``(overlay_start, overlay)``."""

    entries: tuple[Entry, ...]


@attrs.frozen
class EditorDocument:
    """An Editor timeline's settings and tracks."""

    background: str
    resolution: str
    tracks: tuple[editor.Track, ...]


def _check_field(field: attrs.Attribute[Any], value: object) -> object:
    if field.converter is not None:
        value = field.converter(value)  # type: ignore[operator]
    if field.validator is not None:
        field.validator(None, field, value)
    return value


def _value(
    cls: type[Any],
    data: object,
    path: str,
    faults: Faults,
    *,
    nested: Mapping[str, Nested] | None = None,
    renames: Mapping[str, str] | None = None,
    ignore: tuple[str, ...] = (),
) -> Any:
    """`data` (a JSON object) made into `cls`, or None with its faults added to `faults`."""
    if not isinstance(data, dict):
        faults.append(f"{path}: must be a JSON object, got {describe(data)}")
        return None
    nested, renames = nested or {}, renames or {}
    fields = {f.alias or f.name: f for f in attrs.fields(cls) if f.init}
    keys = {name: key for key, name in renames.items()}
    before = len(faults)
    given: dict[str, object] = {}
    for key, value in data.items():
        name = renames.get(key, key)
        if key in ignore:
            continue
        if name not in fields:
            known = ", ".join(keys.get(n, n) for n in fields)
            faults.append(f"{path}.{key}: is not a field of {cls.__name__} (one of {known})")
            continue
        if name in nested:
            made = nested[name](value, f"{path}.{key}", faults)
            if made is not None:
                given[name] = made
            continue
        try:
            _check_field(fields[name], value)
        except InvalidInputError as error:
            faults.append(f"{path}.{key}: {error.rule}")
            continue
        given[name] = value
    for name, field in fields.items():
        if field.default is attrs.NOTHING and name not in data and keys.get(name) not in data:
            faults.append(f"{path}.{keys.get(name, name)}: is required")
    if len(faults) > before:
        return None
    try:
        return cls(**given)
    except InvalidInputError as error:
        faults.append(f"{path}.{error.field}: {error.rule}")
        return None


def _nested(cls: type[Any], **options: Any) -> Nested:
    return lambda data, path, faults: _value(cls, data, path, faults, **options)


# Classic timeline.

_STYLE = _nested(classic.TextStyle)
#: The value class of a classic item, by its asset id's prefix.
_CLASSIC_KINDS: tuple[tuple[str, type[Any], Mapping[str, Nested]], ...] = (
    ("m-", classic.VideoAsset, {}),
    ("a-", classic.AudioAsset, {}),
    ("img-", classic.ImageAsset, {}),
    ("txt-", classic.TextAsset, {"style": _STYLE}),
)


def _classic_item(data: object, path: str, faults: Faults) -> Entry | None:
    if not isinstance(data, dict):
        faults.append(f"{path}: must be a JSON object, got {describe(data)}")
        return None
    asset_id = data.get("asset_id")
    kind = next(
        (k for k in _CLASSIC_KINDS if isinstance(asset_id, str) and asset_id.startswith(k[0])),
        None,
    )
    if kind is None:
        rule = "must start with 'm-' (a video), 'a-' (an audio), 'img-' (an image) or 'txt-'"
        faults.append(f"{path}.asset_id: {rule} (a text), got {describe(asset_id)}")
        return None
    prefix, cls, nested = kind
    fields = dict(data)
    start = fields.pop("overlay_start", None)
    before = len(faults)
    if prefix == "m-":
        if "overlay_start" in data:
            faults.append(f"{path}.overlay_start: a video plays inline; only overlays take it")
    elif "overlay_start" not in data:
        faults.append(f"{path}.overlay_start: is required for an overlay")
    else:
        try:
            check_composition_seconds("overlay_start", start)
        except InvalidInputError as error:
            faults.append(f"{path}.overlay_start: {error.rule}")
    made = _value(cls, fields, path, faults, nested=nested)
    if made is None or len(faults) > before:
        return None
    return made if prefix == "m-" else (start, made)


def _classic(data: dict[str, Any], faults: Faults) -> ClassicDocument:
    for key in data:
        if key not in ("request_type", "timeline"):
            faults.append(f"{key}: is not a field of a timeline (request_type, timeline)")
    if data.get("request_type", "compile") != "compile":
        faults.append(f"request_type: must be 'compile', got {describe(data['request_type'])}")
    entries = []
    for index, item in enumerate(data["timeline"]):
        entry = _classic_item(item, f"timeline[{index}]", faults)
        if entry is not None:
            entries.append(entry)
    if not faults:
        base = ClassicBase()
        for entry in entries:
            if isinstance(entry, tuple):
                base.add_overlay(*entry)
            else:
                base.add_inline(entry)
        try:
            base._request_items()
        except InvalidInputError as error:
            faults.append(f"{error.field}: {error.rule}")
    return ClassicDocument(tuple(entries))


# Editor timeline.

_CROP = {"crop": _nested(editor.Crop)}
_TEXT_PARTS = {
    "font": _nested(editor.Font),
    "border": _nested(editor.Border),
    "shadow": _nested(editor.Shadow),
    "background": _nested(editor.Background),
    "alignment": _nested(editor.Alignment),
}
_EDITOR_ASSETS: dict[str, tuple[type[Any], Mapping[str, Nested]]] = {
    "video": (editor.VideoAsset, _CROP),
    "image": (editor.ImageAsset, _CROP),
    "audio": (editor.AudioAsset, {}),
    "text": (editor.TextAsset, _TEXT_PARTS),
}


def _editor_asset(data: object, path: str, faults: Faults) -> Any:
    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "caption":
        faults.append(f"{path}.type: captions are not supported (they need a spoken-word index)")
        return None
    if not isinstance(kind, str) or kind not in _EDITOR_ASSETS:
        rule = f"must be one of {', '.join(map(repr, _EDITOR_ASSETS))}, got {describe(kind)}"
        faults.append(f"{path}.type: {rule}")
        return None
    cls, nested = _EDITOR_ASSETS[kind]
    return _value(cls, data, path, faults, nested=nested, ignore=("type",))


_CLIP = _nested(
    editor.Clip,
    nested={
        "asset": _editor_asset,
        "transition": _nested(editor.Transition, renames={"in": "in_"}),
        "offset": _nested(editor.Offset),
    },
)


def _track(data: object, path: str, faults: Faults) -> editor.Track | None:
    if not isinstance(data, dict):
        faults.append(f"{path}: must be a JSON object, got {describe(data)}")
        return None
    before = len(faults)
    for key in data:
        if key not in ("z_index", "clips"):
            faults.append(f"{path}.{key}: is not a field of Track (one of z_index, clips)")
    track = None
    try:
        track = editor.Track(data.get("z_index", 0))
    except InvalidInputError as error:
        faults.append(f"{path}.z_index: {error.rule}")
    clips = data.get("clips")
    if not isinstance(clips, list):
        faults.append(f"{path}.clips: must be a list of clips, got {describe(clips)}")
        return None
    items = [
        _value(editor.TrackItem, clip, f"{path}.clips[{i}]", faults, nested={"clip": _CLIP})
        for i, clip in enumerate(clips)
    ]
    if track is None or len(faults) > before:
        return None
    for item in items:
        track.add_clip(item.start, item.clip)
    return track


def _editor(data: dict[str, Any], faults: Faults) -> EditorDocument:
    for key in data:
        if key != "timeline":
            faults.append(f"{key}: is not a field of an Editor document (timeline)")
    timeline = data["timeline"]
    base = EditorBase()
    for key in timeline:
        if key not in ("background", "resolution", "tracks"):
            rule = "is not a field of an Editor timeline (background, resolution, tracks)"
            faults.append(f"timeline.{key}: {rule}")
    for key in ("background", "resolution"):
        if key in timeline:
            try:
                setattr(base, key, timeline[key])
            except InvalidInputError as error:
                faults.append(f"timeline.{key}: {error.rule}")
    tracks = timeline.get("tracks")
    if not isinstance(tracks, list):
        faults.append(f"timeline.tracks: must be a list of tracks, got {describe(tracks)}")
        tracks = []
    made = [_track(track, f"timeline.tracks[{i}]", faults) for i, track in enumerate(tracks)]
    if not faults:
        for track in made:
            if track is not None:
                base.add_track(track)
        try:
            base.to_json()
        except InvalidInputError as error:
            faults.append(f"timeline.{error.field}: {error.rule}")
    return EditorDocument(base.background, base.resolution, tuple(t for t in made if t))


def read_document(data: object) -> ClassicDocument | EditorDocument:
    """The composition `data` (parsed JSON) describes, made into the SDK's values.

    Raises:
        InvalidDocumentError: It breaks its rules; `faults` names each, by its path.
    """
    faults: Faults = []
    if not isinstance(data, dict) or "timeline" not in data:
        rule = 'must be a JSON object with "timeline": a list (classic) or an object (Editor)'
        raise InvalidDocumentError([f"document: {rule}"])
    document: ClassicDocument | EditorDocument
    if isinstance(data["timeline"], list):
        document = _classic(data, faults)
    elif isinstance(data["timeline"], dict):
        document = _editor(data, faults)
    else:
        rule = "must be a list (a classic timeline) or an object (an Editor timeline)"
        raise InvalidDocumentError([f"timeline: {rule}, got {describe(data['timeline'])}"])
    if faults:
        raise InvalidDocumentError(faults)
    return document
