"""The assets of a classic timeline (`videodb_gen.timeline.Timeline`), under the official
``videodb.asset`` module's names: `VideoAsset`, `AudioAsset`, `ImageAsset`, `TextAsset`
(with its `TextStyle`) and their base, `MediaAsset`.

Each takes the official class's arguments, in its order and with its defaults, and its
``to_json()`` is the official one's JSON. Unlike the official classes they are frozen and
checked when made, against the spec's bounds (``TimelineRequest``), so that a bad value is an
`InvalidInputError` (a ``ValueError``) naming the argument and its rule, before any request:
an id of the wrong kind, a part that ends before it starts, a fade over 5 s (which the
official client only logs).
"""

from __future__ import annotations

import uuid
from typing import Any

import attrs

from ._arguments import (
    asset_id,
    check_composition_seconds,
    check_drawtext_colour,
    check_flag,
    check_id,
    expression_or_int,
    int_in,
    number_in,
    optional,
    rule,
    text_at_most,
)
from ._exceptions import InvalidInputError

__all__ = ["AudioAsset", "ImageAsset", "MediaAsset", "TextAsset", "TextStyle", "VideoAsset"]

#: The longest fade in or out, in seconds (the official client's ``MaxSupported.fade_duration``).
MAX_FADE_SECONDS = 5

_seconds = rule(optional(check_composition_seconds))
_fade = number_in(0, MAX_FADE_SECONDS, " s")
_overlay_length = expression_or_int(1, 4096, "main_w, main_h, overlay_w, overlay_h")
_overlay_place = expression_or_int(-4096, 4096, "main_w, main_h, overlay_w, overlay_h")
_text_place = expression_or_int(-4096, 4096, "main_w, main_h, text_w, text_h")


def _zero_if_none(value: float | None) -> float:
    """The official client sends a fade of None as 0."""
    return 0 if value is None else value


def _ends_after_start(start: float | None, end: float | None) -> None:
    if end is not None and end <= (start or 0):
        raise InvalidInputError("end", f"must be after start ({start or 0:g} s), not {end:g}")


@attrs.frozen
class MediaAsset:
    """An asset of a classic timeline, named by its id.

    Raises:
        InvalidInputError: `asset_id` is not an id.
    """

    asset_id: str = attrs.field(validator=rule(check_id))

    def to_json(self) -> dict[str, Any]:
        """The asset as the API takes it in a timeline (the official ``to_json()``)."""
        return attrs.asdict(self, recurse=False)


@attrs.frozen
class VideoAsset(MediaAsset):
    """A video played inline (`Timeline.add_inline`), from `start` to `end` seconds of it.

    Args:
        asset_id: The video's id, ``m-...``.
        start: Where in the video its part starts (seconds, 0 to 86400; None is 0).
        end: Where it ends, after `start`; None is the video's end.

    Raises:
        InvalidInputError: An argument breaks its rule (an id not ``m-...``, a time below 0,
            an `end` not after `start`).
    """

    asset_id: str = attrs.field(validator=rule(asset_id("m-", "a video")))
    start: float | None = attrs.field(default=0, validator=_seconds)
    end: float | None = attrs.field(default=None, validator=_seconds)

    def __attrs_post_init__(self) -> None:
        _ends_after_start(self.start, self.end)


@attrs.frozen
class AudioAsset(MediaAsset):
    """An audio laid over a timeline (`Timeline.add_overlay`), from `start` to `end` seconds
    of it, faded in and out.

    Args:
        asset_id: The audio's id, ``a-...``.
        start: Where in the audio its part starts (seconds; None is 0).
        end: Where it ends, after `start`; None is the audio's end.
        disable_other_tracks: Mute the inline videos' own sound while it plays.
        fade_in_duration: Seconds of fade in, 0 to 5 (None is 0, as the official client sends).
        fade_out_duration: Seconds of fade out, 0 to 5 (None is 0).

    Raises:
        InvalidInputError: An argument breaks its rule (a fade over 5 s, which the official
            client only logs, is refused).
    """

    asset_id: str = attrs.field(validator=rule(asset_id("a-", "an audio")))
    start: float | None = attrs.field(default=0, validator=_seconds)
    end: float | None = attrs.field(default=None, validator=_seconds)
    disable_other_tracks: bool | None = attrs.field(
        default=True, validator=rule(optional(check_flag))
    )
    fade_in_duration: float = attrs.field(default=0, converter=_zero_if_none, validator=rule(_fade))
    fade_out_duration: float = attrs.field(
        default=0, converter=_zero_if_none, validator=rule(_fade)
    )

    def __attrs_post_init__(self) -> None:
        _ends_after_start(self.start, self.end)


@attrs.frozen
class ImageAsset(MediaAsset):
    """An image drawn over a timeline (`Timeline.add_overlay`).

    Args:
        asset_id: The image's id, ``img-...``.
        width, height: Its size in pixels (1 to 4096), or FFmpeg overlay expressions.
        x, y: Its top left corner in pixels from the frame's, or expressions.
        duration: How long it shows (seconds); None shows it to the end.

    Raises:
        InvalidInputError: An argument breaks its rule.
    """

    asset_id: str = attrs.field(validator=rule(asset_id("img-", "an image")))
    width: int | str = attrs.field(default=100, validator=rule(_overlay_length))
    height: int | str = attrs.field(default=100, validator=rule(_overlay_length))
    x: int | str = attrs.field(default=80, validator=rule(_overlay_place))
    y: int | str = attrs.field(default=20, validator=rule(_overlay_place))
    duration: float | None = attrs.field(default=None, validator=_seconds)


def _style_text(limit: int) -> Any:
    return rule(text_at_most(limit))


@attrs.frozen
class TextStyle:
    """How a text overlay is drawn: the keys of FFmpeg's ``drawtext``, with the official
    ``TextStyle``'s names, order and defaults, each checked against the spec's bounds.

    Raises:
        InvalidInputError: A value breaks its rule (a font size over 500, an alpha above 1).
    """

    fontsize: int = attrs.field(default=24, validator=rule(int_in(1, 500)))
    fontcolor: str = attrs.field(default="black", validator=rule(check_drawtext_colour))
    fontcolor_expr: str = attrs.field(default="", validator=_style_text(200))
    alpha: float = attrs.field(default=1.0, validator=rule(number_in(0, 1)))
    font: str = attrs.field(default="Sans", validator=_style_text(100))
    box: bool = attrs.field(default=True, validator=rule(check_flag))
    boxcolor: str = attrs.field(default="white", validator=rule(check_drawtext_colour))
    boxborderw: str | int = attrs.field(default="10", validator=rule(expression_or_int(0, 500, "")))
    boxw: int = attrs.field(default=0, validator=rule(int_in(0, 4096)))
    boxh: int = attrs.field(default=0, validator=rule(int_in(0, 4096)))
    line_spacing: int = attrs.field(default=0, validator=rule(int_in(0, 500)))
    text_align: str = attrs.field(default="T", validator=_style_text(10))
    y_align: str = attrs.field(default="text", validator=_style_text(20))
    borderw: int = attrs.field(default=0, validator=rule(int_in(0, 100)))
    bordercolor: str = attrs.field(default="black", validator=rule(check_drawtext_colour))
    expansion: str = attrs.field(default="normal", validator=_style_text(20))
    basetime: int = attrs.field(default=0, validator=rule(int_in(-(2**31), 2**31 - 1)))
    fix_bounds: bool = attrs.field(default=False, validator=rule(check_flag))
    text_shaping: bool = attrs.field(default=True, validator=rule(check_flag))
    shadowcolor: str = attrs.field(default="black", validator=rule(check_drawtext_colour))
    shadowx: int = attrs.field(default=0, validator=rule(int_in(-100, 100)))
    shadowy: int = attrs.field(default=0, validator=rule(int_in(-100, 100)))
    tabsize: int = attrs.field(default=4, validator=rule(int_in(1, 100)))
    x: str | int = attrs.field(default="(main_w-text_w)/2", validator=rule(_text_place))
    y: str | int = attrs.field(default="(main_h-text_h)/2", validator=rule(_text_place))

    def __attrs_post_init__(self) -> None:
        if isinstance(self.boxborderw, str) and not (
            self.boxborderw.isascii() and self.boxborderw.isdigit() and len(self.boxborderw) <= 3
        ):
            rule = f"must be a number of pixels (0 to 500), got {self.boxborderw!r}"
            raise InvalidInputError("boxborderw", rule)

    def to_json(self) -> dict[str, Any]:
        """The style as the API takes it (the official ``TextStyle``'s ``__dict__``)."""
        return attrs.asdict(self, recurse=False)


def _is_style(field: str, value: object) -> TextStyle:
    if not isinstance(value, TextStyle):
        raise InvalidInputError(
            field, f"must be a videodb_gen.asset.TextStyle, got {type(value).__name__}"
        )
    return value


def _text_id() -> str:
    return f"txt-{uuid.uuid4()}"


@attrs.frozen
class TextAsset(MediaAsset):
    """A text drawn over a timeline (`Timeline.add_overlay`), with its own id ``txt-<uuid4>``.

    Args:
        text: What to draw (at most 5,000 characters).
        duration: How long it shows (seconds); None shows it to the end.
        style: How it is drawn.
        asset_id: Its id (keyword only; by default a new ``txt-<uuid4>``, as the official
            client makes).

    Raises:
        InvalidInputError: An argument breaks its rule.
    """

    text: str = attrs.field(validator=rule(text_at_most(5000)))
    duration: float | None = attrs.field(default=None, validator=_seconds)
    style: TextStyle = attrs.field(
        default=TextStyle(),
        validator=rule(_is_style),
    )
    asset_id: str = attrs.field(
        factory=_text_id, kw_only=True, validator=rule(asset_id("txt-", "a text"))
    )

    def to_json(self) -> dict[str, Any]:
        """The text as the API takes it: the official ``to_json()``'s keys."""
        return {
            "text": self.text,
            "asset_id": self.asset_id,
            "duration": self.duration,
            "style": self.style.to_json(),
        }
