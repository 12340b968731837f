"""The values of an Editor timeline (`videodb_gen.editor`, which re-exports them): its enums,
assets, clips and tracks, and `TimelineBase`, the part of a timeline that holds and checks its
tracks, which the sync and async `Timeline` share.

Each value takes the official ``videodb.editor`` class's arguments, in its order and with its
defaults, and its ``to_json()`` gives the official one's JSON. Values are frozen and checked
when made against the spec's bounds (``EditorTimeline``): a bad one is an `InvalidInputError`
(a ``ValueError``) naming the argument and its rule. An enum argument takes the enum or its
string value. `Track` and `TimelineBase` are builders: they append, and check what was set on
them when set (`Track.z_index`, `TimelineBase.background`) or when turned into JSON.
"""

from __future__ import annotations

import re
from enum import Enum, StrEnum
from typing import Any, ClassVar, TypeVar

import attrs

from ._arguments import (
    asset_id,
    check_composition_seconds,
    check_hex_colour,
    check_text,
    describe,
    int_in,
    number_in,
    optional,
    rule,
    text_at_most,
)
from ._exceptions import InvalidInputError

E = TypeVar("E", bound=Enum)

#: The most tracks a timeline may have, and clips a track, as the spec says.
MAX_TRACKS = 100
MAX_CLIPS = 1000
_RESOLUTION = re.compile(r"([1-9][0-9]{1,3})x([1-9][0-9]{1,3})")
_MAX_PIXELS = 1920 * 1080


class AssetType(StrEnum):
    """The kind of a clip's asset."""

    video = "video"
    image = "image"
    audio = "audio"
    text = "text"
    caption = "caption"


class Fit(StrEnum):
    """How an asset is scaled to the frame: ``crop`` fills it keeping the aspect ratio,
    ``cover`` stretches to fill it, ``contain`` fits inside it, ``none`` keeps the asset's own
    size (sent as null, as the spec says; the official client sends the string ``"None"``)."""

    crop = "crop"
    cover = "cover"
    contain = "contain"
    none = "none"


class Position(StrEnum):
    """One of nine places of the frame."""

    top = "top"
    bottom = "bottom"
    left = "left"
    right = "right"
    center = "center"  # type: ignore[assignment] # the official name, though str has one
    top_left = "top_left"
    top_right = "top_right"
    bottom_left = "bottom_left"
    bottom_right = "bottom_right"


class Filter(StrEnum):
    """A filter on a clip (accepted; the sandbox does not draw it)."""

    blur = "blur"
    boost = "boost"
    contrast = "contrast"
    darken = "darken"
    greyscale = "greyscale"
    lighten = "lighten"
    muted = "muted"
    negative = "negative"


class TextAlignment(StrEnum):
    """Where a text stands on its background."""

    top = "top"
    top_right = "top_right"
    right = "right"
    bottom_right = "bottom_right"
    bottom = "bottom"
    bottom_left = "bottom_left"
    left = "left"
    top_left = "top_left"
    center = "center"  # type: ignore[assignment] # the official name, though str has one


class HorizontalAlignment(StrEnum):
    """A text's horizontal alignment."""

    left = "left"
    center = "center"  # type: ignore[assignment] # the official name, though str has one
    right = "right"


class VerticalAlignment(StrEnum):
    """A text's vertical alignment."""

    top = "top"
    center = "center"  # type: ignore[assignment] # the official name, though str has one
    bottom = "bottom"


def _member(kind: type[E], field: str, value: object) -> E:
    """`value` (a member of `kind` or its string value) as the member.

    Raises:
        InvalidInputError: It is neither.
    """
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        for member in kind:
            if member.value == value:
                return member
    allowed = ", ".join(repr(member.value) for member in kind)
    raise InvalidInputError(field, f"must be one of {allowed}, got {describe(value)}")


def _text_alignment(value: object) -> TextAlignment:
    return _member(TextAlignment, "text_alignment", value)


def _horizontal(value: object) -> HorizontalAlignment:
    return _member(HorizontalAlignment, "horizontal", value)


def _vertical(value: object) -> VerticalAlignment:
    return _member(VerticalAlignment, "vertical", value)


def _position(value: object) -> Position:
    return _member(Position, "position", value)


def _value_of(kind: type[Any], what: str) -> Any:
    """A validator that the argument is an instance of `kind`, described as `what`."""

    def check(field: str, value: object) -> object:
        if not isinstance(value, kind):
            raise InvalidInputError(field, f"must be {what}, got {describe(value)}")
        return value

    return rule(check)


_seconds = rule(check_composition_seconds)
_unit = rule(number_in(0, 1))
_volume = rule(number_in(0, 5))
_pixels = rule(int_in(0, 4096))


@attrs.frozen
class Offset:
    """A shift from a clip's `position`, in fractions of the frame (-10 to 10).

    Raises:
        InvalidInputError: `x` or `y` is not a number from -10 to 10.
    """

    x: float = attrs.field(default=0, validator=rule(number_in(-10, 10)))
    y: float = attrs.field(default=0, validator=rule(number_in(-10, 10)))

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``: ``{"x", "y"}``."""
        return {"x": self.x, "y": self.y}


@attrs.frozen
class Crop:
    """Pixels cut off each edge of an asset (0 to 4096).

    Raises:
        InvalidInputError: An edge is not an integer from 0 to 4096.
    """

    top: int = attrs.field(default=0, validator=_pixels)
    right: int = attrs.field(default=0, validator=_pixels)
    bottom: int = attrs.field(default=0, validator=_pixels)
    left: int = attrs.field(default=0, validator=_pixels)

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``: ``{"top", "right", "bottom", "left"}``."""
        return attrs.asdict(self, recurse=False)


@attrs.frozen
class Transition:
    """A clip's entry and exit transitions (accepted; clips cut in and out).

    Raises:
        InvalidInputError: A name is over 50 characters, or `duration` not 0 to 60 s.
    """

    in_: str | None = attrs.field(default=None, validator=rule(optional(text_at_most(50))))
    out: str | None = attrs.field(default=None, validator=rule(optional(text_at_most(50))))
    duration: float = attrs.field(default=0.5, validator=rule(number_in(0, 60, " s")))

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``: ``{"in", "out", "duration"}``."""
        return {"in": self.in_, "out": self.out, "duration": self.duration}


def _crop(value: Crop | None) -> Crop:
    return Crop() if value is None else value


@attrs.frozen
class VideoAsset:
    """A video shown by a clip, from `start` seconds of it, at `volume`.

    Raises:
        InvalidInputError: `id` is not ``m-...``, `start` below 0, `volume` not 0 to 5.
    """

    type: ClassVar[AssetType] = AssetType.video
    id: str = attrs.field(validator=rule(asset_id("m-", "a video")))
    start: float = attrs.field(default=0, validator=_seconds)
    volume: float = attrs.field(default=1, validator=_volume)
    crop: Crop = attrs.field(
        default=None, converter=_crop, validator=_value_of(Crop, "an editor Crop")
    )

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``."""
        data = {"type": self.type.value, "id": self.id, "start": self.start}
        return data | {"volume": self.volume, "crop": self.crop.to_json()}


@attrs.frozen
class ImageAsset:
    """An image shown by a clip.

    Raises:
        InvalidInputError: `id` is not ``img-...``.
    """

    type: ClassVar[AssetType] = AssetType.image
    id: str = attrs.field(validator=rule(asset_id("img-", "an image")))
    crop: Crop = attrs.field(
        default=None, converter=_crop, validator=_value_of(Crop, "an editor Crop")
    )

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``."""
        return {"type": self.type.value, "id": self.id, "crop": self.crop.to_json()}


@attrs.frozen
class AudioAsset:
    """An audio played by a clip, from `start` seconds of it, at `volume`.

    Raises:
        InvalidInputError: `id` is not ``a-...``, `start` below 0, `volume` not 0 to 5.
    """

    type: ClassVar[AssetType] = AssetType.audio
    id: str = attrs.field(validator=rule(asset_id("a-", "an audio")))
    start: float = attrs.field(default=0, validator=_seconds)
    volume: float = attrs.field(default=1, validator=_volume)

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``."""
        return {"type": self.type.value, "id": self.id, "start": self.start, "volume": self.volume}


@attrs.frozen
class Font:
    """A text's font.

    Raises:
        InvalidInputError: `size` is not 1 to 500, `color` not ``#RRGGBB``, `opacity` not 0 to 1.
    """

    family: str = attrs.field(default="Clear Sans", validator=rule(text_at_most(100)))
    size: int = attrs.field(default=48, validator=rule(int_in(1, 500)))
    color: str = attrs.field(default="#FFFFFF", validator=rule(check_hex_colour))
    opacity: float = attrs.field(default=1.0, validator=_unit)

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``."""
        return attrs.asdict(self, recurse=False)


@attrs.frozen
class Border:
    """A text's outline.

    Raises:
        InvalidInputError: `color` is not ``#RRGGBB``, `width` not 0 to 100.
    """

    color: str = attrs.field(default="#000000", validator=rule(check_hex_colour))
    width: float = attrs.field(default=0.0, validator=rule(number_in(0, 100)))

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``."""
        return attrs.asdict(self, recurse=False)


@attrs.frozen
class Shadow:
    """A text's shadow.

    Raises:
        InvalidInputError: `color` is not ``#RRGGBB``, `x` or `y` not 0 to 100.
    """

    color: str = attrs.field(default="#000000", validator=rule(check_hex_colour))
    x: float = attrs.field(default=0.0, validator=rule(number_in(0, 100)))
    y: float = attrs.field(default=0.0, validator=rule(number_in(0, 100)))

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``."""
        return attrs.asdict(self, recurse=False)


@attrs.frozen
class Background:
    """A box behind a text.

    Raises:
        InvalidInputError: A size is not 0 to 4096, `border_width` not 0 to 500, `opacity`
            not 0 to 1, `color` not ``#RRGGBB``, `text_alignment` not a `TextAlignment`.
    """

    width: float = attrs.field(default=0.0, validator=rule(number_in(0, 4096)))
    height: float = attrs.field(default=0.0, validator=rule(number_in(0, 4096)))
    color: str = attrs.field(default="#000000", validator=rule(check_hex_colour))
    border_width: float = attrs.field(default=0.0, validator=rule(number_in(0, 500)))
    opacity: float = attrs.field(default=1.0, validator=_unit)
    text_alignment: TextAlignment = attrs.field(
        default=TextAlignment.center, converter=_text_alignment
    )

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``."""
        data = attrs.asdict(self, recurse=False)
        return data | {"text_alignment": self.text_alignment.value}


@attrs.frozen
class Alignment:
    """A text's alignment in its box.

    Raises:
        InvalidInputError: `horizontal` or `vertical` is not one of its enum's values.
    """

    horizontal: HorizontalAlignment = attrs.field(
        default=HorizontalAlignment.center, converter=_horizontal
    )
    vertical: VerticalAlignment = attrs.field(default=VerticalAlignment.center, converter=_vertical)

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``."""
        return {"horizontal": self.horizontal.value, "vertical": self.vertical.value}


def _font(value: Font | None) -> Font:
    return Font() if value is None else value


def _alignment(value: Alignment | None) -> Alignment:
    return Alignment() if value is None else value


@attrs.frozen
class TextAsset:
    """A text shown by a clip, with its font, border, shadow, background and alignment.

    Raises:
        InvalidInputError: An argument breaks its rule (`tabsize` not 1 to 100, `width` or
            `height` not 1 to 4096, a part not its editor class).
    """

    type: ClassVar[AssetType] = AssetType.text
    text: str = attrs.field(validator=rule(text_at_most(5000)))
    font: Font = attrs.field(
        default=None, converter=_font, validator=_value_of(Font, "an editor Font")
    )
    border: Border | None = attrs.field(
        default=None, validator=attrs.validators.optional(_value_of(Border, "an editor Border"))
    )
    shadow: Shadow | None = attrs.field(
        default=None, validator=attrs.validators.optional(_value_of(Shadow, "an editor Shadow"))
    )
    background: Background | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_value_of(Background, "an editor Background")),
    )
    alignment: Alignment = attrs.field(
        default=None,
        converter=_alignment,
        validator=_value_of(Alignment, "an editor Alignment"),
    )
    tabsize: int = attrs.field(default=4, validator=rule(int_in(1, 100)))
    line_spacing: float = attrs.field(default=0, validator=rule(number_in(0, 500)))
    width: int | None = attrs.field(default=None, validator=rule(optional(int_in(1, 4096))))
    height: int | None = attrs.field(default=None, validator=rule(optional(int_in(1, 4096))))

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``: the optional parts only where given."""
        data: dict[str, Any] = {
            "type": self.type.value,
            "text": self.text,
            "font": self.font.to_json(),
            "alignment": self.alignment.to_json(),
            "tabsize": self.tabsize,
            "line_spacing": self.line_spacing,
        }
        for name in ("border", "shadow", "background"):
            part = getattr(self, name)
            if part is not None:
                data[name] = part.to_json()
        for name in ("width", "height"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        return data


class CaptionAsset:
    """Captions need a spoken-word index, which neither this SDK nor the sandbox makes: making
    one is refused at once, before any request.

    Raises:
        InvalidInputError: Always.
    """

    type: ClassVar[AssetType] = AssetType.caption

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        raise InvalidInputError(
            "CaptionAsset",
            "is not supported: captions need a spoken-word index, which this SDK and the "
            "sandbox do not make; draw the words with a TextAsset instead",
        )


AnyAsset = VideoAsset | ImageAsset | AudioAsset | TextAsset
_ASSET_WHAT = "an editor VideoAsset, ImageAsset, AudioAsset or TextAsset (videodb_gen.editor)"


def _check_asset(field: str, value: object) -> object:
    if not isinstance(value, VideoAsset | ImageAsset | AudioAsset | TextAsset):
        if type(value).__module__ == "videodb_gen.asset":
            rule = f"must be {_ASSET_WHAT}, not the classic timeline's {type(value).__name__}"
            raise InvalidInputError(field, rule)
        raise InvalidInputError(field, f"must be {_ASSET_WHAT}, got {describe(value)}")
    return value


def _fit(value: object) -> Fit | None:
    return None if value is None else _member(Fit, "fit", value)


def _filter(value: object) -> Filter | None:
    return None if value is None else _member(Filter, "filter", value)


def _offset(value: Offset | None) -> Offset:
    return Offset() if value is None else value


@attrs.frozen
class Clip:
    """An asset shown (or played) for `duration` seconds, scaled, fitted, placed and blended.

    Raises:
        InvalidInputError: An argument breaks its rule: `asset` not an editor asset,
            `duration` not more than 0 s, `scale` not 0 to 10, `opacity` not 0 to 1, `fit`,
            `position` or `filter` not one of its enum's values, `z_index` not -1000 to 1000.
    """

    asset: AnyAsset = attrs.field(validator=rule(_check_asset))
    duration: float = attrs.field(
        validator=rule(number_in(0, 86400, " s", above_low=True)),
    )
    transition: Transition | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_value_of(Transition, "an editor Transition")),
    )
    effect: str | None = attrs.field(default=None, validator=rule(optional(text_at_most(50))))
    filter: Filter | None = attrs.field(default=None, converter=_filter)
    scale: float = attrs.field(default=1, validator=rule(number_in(0, 10)))
    opacity: float = attrs.field(default=1, validator=_unit)
    fit: Fit | None = attrs.field(default=Fit.crop, converter=_fit)
    position: Position = attrs.field(default=Position.center, converter=_position)
    offset: Offset = attrs.field(
        default=None, converter=_offset, validator=_value_of(Offset, "an editor Offset")
    )
    z_index: int = attrs.field(default=0, validator=rule(int_in(-1000, 1000)))

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``; `transition` and `filter` only where given."""
        fit = None if self.fit is None or self.fit is Fit.none else self.fit.value
        data: dict[str, Any] = {
            "asset": self.asset.to_json(),
            "duration": self.duration,
            "effect": self.effect,
            "scale": self.scale,
            "opacity": self.opacity,
            "fit": fit,
            "position": self.position.value,
            "offset": self.offset.to_json(),
            "z_index": self.z_index,
        }
        if self.transition is not None:
            data["transition"] = self.transition.to_json()
        if self.filter is not None:
            data["filter"] = self.filter.value
        return data


@attrs.frozen
class TrackItem:
    """A clip placed on a track at `start` seconds.

    Raises:
        InvalidInputError: `start` is not 0 to 86400 s, or `clip` not a `Clip`.
    """

    start: float = attrs.field(validator=_seconds)
    clip: Clip = attrs.field(validator=_value_of(Clip, "an editor Clip"))

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``: ``{"start", "clip"}``."""
        return {"start": self.start, "clip": self.clip.to_json()}


_z_index = int_in(-1000, 1000)


class Track:
    """A layer of clips; a track with a higher `z_index` is drawn on top.

    `clips` is the list of `TrackItem`, which `add_clip` appends to (at most 1,000, checked in
    `to_json`); `z_index` is checked when set.
    """

    def __init__(self, z_index: int = 0) -> None:
        """A track with no clips yet.

        Raises:
            InvalidInputError: `z_index` is not an integer from -1000 to 1000.
        """
        self.clips: list[TrackItem] = []
        self.z_index = z_index

    @property
    def z_index(self) -> int:
        """Where the track is layered: -1000 to 1000, higher on top."""
        return self._z_index

    @z_index.setter
    def z_index(self, value: int) -> None:
        self._z_index = int(_z_index("z_index", value))

    def add_clip(self, start: float, clip: Clip) -> None:
        """Place `clip` on the track at `start` seconds.

        Raises:
            InvalidInputError: `start` is not 0 to 86400 s, or `clip` not an editor `Clip`.
        """
        self.clips.append(TrackItem(start, clip))

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``: ``{"clips", "z_index"}``.

        Raises:
            InvalidInputError: `clips` holds more than 1,000 items, or one not a `TrackItem`.
        """
        if len(self.clips) > MAX_CLIPS:
            rule = f"must hold at most {MAX_CLIPS}, not {len(self.clips)}"
            raise InvalidInputError("clips", rule)
        for index, item in enumerate(self.clips):
            if not isinstance(item, TrackItem):
                rule = f"must be a TrackItem (use add_clip), got {describe(item)}"
                raise InvalidInputError(f"clips[{index}]", rule)
        return {"clips": [item.to_json() for item in self.clips], "z_index": self.z_index}

    def __repr__(self) -> str:
        return f"Track(z_index={self.z_index}, clips={self.clips!r})"


def check_resolution(field: str, value: object) -> str:
    """A frame's size as ``WIDTHxHEIGHT``: even numbers of pixels, each from 64 to 1920, and
    at most 1920 by 1080 in all (``1280x720``, ``1080x1920``)."""
    found = _RESOLUTION.fullmatch(value) if isinstance(value, str) else None
    rule = "must be WIDTHxHEIGHT in even pixels from 64 to 1920, at most 1920x1080 in all"
    if found is None:
        raise InvalidInputError(field, f"{rule}, got {describe(value)}")
    width, height = int(found[1]), int(found[2])
    if width % 2 or height % 2 or not (64 <= width <= 1920 and 64 <= height <= 1920):
        raise InvalidInputError(field, f"{rule}, got {value!r}")
    if width * height > _MAX_PIXELS:
        raise InvalidInputError(field, f"{rule}, got {value!r}")
    return str(value)


class TimelineBase:
    """What an Editor timeline holds, shared by the sync and async `Timeline`: its
    `background`, `resolution` (checked when set) and `tracks` (checked in `to_json`), and the
    composition's `stream_url` and `player_url` once made."""

    def __init__(self) -> None:
        self.background = "#000000"
        self.resolution = "1280x720"
        self.tracks: list[Track] = []
        self.stream_url: str | None = None
        self.player_url: str | None = None

    @property
    def background(self) -> str:
        """The colour behind the tracks, ``#RRGGBB``."""
        return self._background

    @background.setter
    def background(self, value: str) -> None:
        self._background = check_hex_colour("background", check_text("background", value))

    @property
    def resolution(self) -> str:
        """The frame's size, ``WIDTHxHEIGHT`` (``1280x720``)."""
        return self._resolution

    @resolution.setter
    def resolution(self, value: str) -> None:
        self._resolution = check_resolution("resolution", value)

    def add_track(self, track: Track) -> None:
        """Add a track (layered by its `z_index`).

        Raises:
            InvalidInputError: `track` is not an editor `Track`.
        """
        if not isinstance(track, Track):
            raise InvalidInputError("track", f"must be an editor Track, got {describe(track)}")
        self.tracks.append(track)

    def to_json(self) -> dict[str, Any]:
        """The official ``to_json()``: ``{"timeline": {"background", "resolution", "tracks"}}``.

        Raises:
            InvalidInputError: `tracks` holds more than 100 tracks, or one not a `Track`, or a
                track's clips break their rule (named ``tracks[i].clips...``).
        """
        if len(self.tracks) > MAX_TRACKS:
            rule = f"must hold at most {MAX_TRACKS}, not {len(self.tracks)}"
            raise InvalidInputError("tracks", rule)
        tracks = []
        for index, track in enumerate(self.tracks):
            if not isinstance(track, Track):
                rule = f"must be an editor Track (use add_track), got {describe(track)}"
                raise InvalidInputError(f"tracks[{index}]", rule)
            try:
                tracks.append(track.to_json())
            except InvalidInputError as error:
                raise InvalidInputError(f"tracks[{index}].{error.field}", error.rule) from None
        timeline = {"background": self.background, "resolution": self.resolution}
        return {"timeline": timeline | {"tracks": tracks}}
