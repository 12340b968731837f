"""Compositions: generated videos, images, texts and sounds laid out in time and on the frame,
rendered as one stream (`_state.compositions` reads the API's timelines into one).

A `Composition` is a frame (`width` by `height` at `fps`, a `background` colour) lasting
`frames`, the `Visual`s painted on it in order, and the `Audio` mixed under it, all in numbers
already resolved (frames, samples, pixels). It is cut into HLS segments as a video is
(`render.playlist`, `render.segment_index` take it as they take a `Picture`), and each segment
is rendered on its own when first fetched:

* each frame is the background, then every visual showing at that frame, in order: a video's
  frame (`drawing.VideoFrames`; one source frame per frame, from `offset`), an image as
  `render.render_image` draws it (`still`), a video's one frame held (`hold`, a thumbnail
  used as an image), or a text drawn with Pillow's bundled font (`Text`); cropped, resized to
  its `size`, pasted at its place (`x`, `y`: affine in the frame's size and its own) with its
  `opacity`, cut off where it leaves the frame. A visual that covers the whole frame, opaque,
  is the frame itself: nothing is pasted for it. What is the same at every frame (an image, a
  text, a held frame) is drawn and sized once, and kept for the next segments.
* only the rows that changed since the previous frame are converted to YUV (a clip's frames
  change in a band; overlays not at all), then the frame is encoded as every video's is
  (`render.add_video_stream`), timed from the composition's start.
* a composition with any sound carries AAC in every segment (`dubbing.segment_audio_frames`,
  `dubbing.mux_sound`): the mix of its sounds, each its source's samples from `offset`, faded
  in and out (FFmpeg's `afade`, linear, placed by the frames' timestamps), at `volume`, summed
  unnormalised (`amix`), through one filter graph fed a second at a time (`sound_frame`);
  silence where nothing plays.

The same composition always gives the same bytes (Pillow's fixed resampling filter, bit-exact
encoders). The MP4 of a composition is written by `mp4` as a stream's is.

Cost, measured on this project's 2-core machine (`time_composition`, against
`render.time_render`, median of 3 each, side by side): every segment of the 30 s 640x360
`sample_composition` (three clips, music and a voice, a logo and a title) takes about 1.3-1.4
times as long as 30 s of plain video (1.26-1.38 measured); the mix of 30 s of three
sounds about 20 ms.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import math
import os
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from videodb_mock._media import audio
from videodb_mock._media.dubbing import Dub, mux_sound, segment_audio_frames
from videodb_mock._media.render import (
    PARTIAL,
    RENDER_VERSION,
    Picture,
    Segments,
    add_video_stream,
    segment_index,
    segment_name,
)

if TYPE_CHECKING:
    import av.audio.frame
    import av.filter
    import av.filter.context
    import av.video.frame
    from PIL import Image

    from videodb_mock._media.drawing import VideoFrames

#: Bumped whenever a composition's segments would come out different.
COMPOSE_VERSION = "k1"
#: The mix is fed this many samples at a time: FFmpeg's filters run several times faster on
#: a second's frames than on one frame of half a minute (30 s of three sounds: about 40 ms
#: against 150 ms, measured here).
MIX_CHUNK = audio.SAMPLE_RATE
#: How many drawn layers (images, texts, held frames) a process keeps for a composition's
#: next segments: each is drawn once, not once a segment. Few: a full-frame layer at
#: 1920x1080 is 6 MB.
TILE_CACHE = 8

Rgba = tuple[int, int, int, int]
#: A place along one axis: `a * size_of_the_frame + b * own_size + c` pixels.
Linear = tuple[float, float, float]
_HORIZONTAL = ("left", "center", "right")
_VERTICAL = ("top", "center", "bottom")


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _linear(value: Iterable[float]) -> Linear:
    a, b, c = (float(part) for part in value)
    return a, b, c


def _ints(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(int(part) for part in value)


def _rgba(value: Iterable[int]) -> Rgba:
    red, green, blue, alpha = (int(part) for part in value)
    return red, green, blue, alpha


def _channels(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A colour's channels are 0 to 255 (none: no colour)."""
    if value is not None and not all(0 <= part <= 255 for part in value):
        raise ValueError(f"{attribute.name} must have channels from 0 to 255, not {value}")


def _fraction(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be from 0 to 1, not {value}")


def _finite(instance: object, attribute: attrs.Attribute[Linear], value: Linear) -> None:
    if not all(math.isfinite(part) for part in value):
        raise ValueError(f"{attribute.name} must be finite numbers, not {value}")


def _count(length: int) -> Any:
    """A validator: a tuple of `length` values."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and len(value) != length:
            raise ValueError(f"{attribute.name} must have {length} values, not {value}")

    return check


def _at_least(low: int) -> Any:
    """A validator: each value of an optional tuple at least `low`."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not all(part >= low for part in value):
            raise ValueError(f"{attribute.name} must be numbers >= {low}, not {value}")

    return check


def _align(instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: Any) -> None:
    if len(value) != 2 or value[0] not in _HORIZONTAL or value[1] not in _VERTICAL:
        raise ValueError(
            f"{attribute.name} must be (one of {', '.join(_HORIZONTAL)}; one of "
            f"{', '.join(_VERTICAL)}), not {value}"
        )


_optional_side = attrs.validators.optional(attrs.validators.ge(1))


@attrs.frozen
class Text:
    """A text to draw: its lines in Pillow's bundled font `size` pixels high, in `colour`
    (RGBA), on a `box` colour reaching `padding` pixels around it (or none), its letters
    outlined `border` pixels wide, with a `shadow` offset (none at 0, 0); in a box `width` by
    `height` when given (the text aligned in it by `align`: horizontal, vertical), else as
    large as the text and its padding.

    Raises:
        ValueError: a size, colour or alignment is out of range (naming the field).
    """

    text: str
    size: int = attrs.field(validator=[attrs.validators.ge(1), attrs.validators.le(500)])
    colour: Rgba = attrs.field(default=(255, 255, 255, 255), converter=_rgba, validator=_channels)
    box: Rgba | None = attrs.field(
        default=None, converter=attrs.converters.optional(_rgba), validator=_channels
    )
    padding: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    border: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    border_colour: Rgba = attrs.field(default=(0, 0, 0, 255), converter=_rgba, validator=_channels)
    shadow: tuple[int, ...] = attrs.field(default=(0, 0), converter=_ints, validator=_count(2))
    shadow_colour: Rgba = attrs.field(default=(0, 0, 0, 255), converter=_rgba, validator=_channels)
    width: int | None = attrs.field(default=None, validator=_optional_side)
    height: int | None = attrs.field(default=None, validator=_optional_side)
    align: tuple[str, ...] = attrs.field(
        default=("center", "center"), converter=_tuple, validator=_align
    )
    line_spacing: int = attrs.field(default=0, validator=attrs.validators.ge(0))


@attrs.frozen
class Visual:
    """One picture layer, showing from composition frame `first` to `stop` (excluded): a
    video's frames from its frame `offset` (a dub shows its source's), a video's frame
    `offset` held (`hold`), an image (`still`: a `Picture` as `render.image_picture` makes
    one, drawn as `render.render_image` draws it), or a `text`.

    Raises:
        ValueError: it does not show exactly one of a source and a text, its time or its
            source's frames are out of range, or a size is (naming the field).
    """

    first: int = attrs.field(validator=attrs.validators.ge(0))
    stop: int
    source: Picture | Dub | None = None
    still: bool = False
    offset: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    hold: bool = False
    text: Text | None = None
    #: Pixels of the source cut off its top, right, bottom and left before it is sized.
    crop: tuple[int, ...] = attrs.field(
        default=(0, 0, 0, 0), converter=_ints, validator=[_count(4), _at_least(0)]
    )
    #: Its drawn size in pixels; `None`: its own (after the crop) times `scale`.
    size: tuple[int, ...] | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(_ints),
        validator=[_count(2), _at_least(1)],
    )
    scale: float = attrs.field(default=1.0, converter=float, validator=attrs.validators.gt(0))
    x: Linear = attrs.field(default=(0.0, 0.0, 0.0), converter=_linear, validator=_finite)
    y: Linear = attrs.field(default=(0.0, 0.0, 0.0), converter=_linear, validator=_finite)
    opacity: float = attrs.field(default=1.0, converter=float, validator=_fraction)

    def __attrs_post_init__(self) -> None:
        if self.stop <= self.first:
            raise ValueError(f"stop {self.stop} must be after first {self.first}")
        if (self.source is None) == (self.text is None):
            raise ValueError("a visual shows a source or a text, one of the two")
        if self.text is not None:
            if self.still or self.hold or self.offset:
                raise ValueError("still, hold and offset: a text has no frames to choose")
            return
        picture = _picture(self.source)  # type: ignore[arg-type] # a source, checked above
        top, right, bottom, left = self.crop
        if left + right >= picture.width or top + bottom >= picture.height:
            raise ValueError(
                f"crop: {self.crop} cuts off all of the {picture.width}x{picture.height} source"
            )
        if self.still:
            if self.hold or self.offset or not isinstance(self.source, Picture):
                raise ValueError("still: an image is a picture of its own, not held or offset")
            if self.source.frames != 1:
                raise ValueError(
                    f"still: an image is a picture of one frame, not {self.source.frames}"
                )
        elif self.hold:
            if self.offset >= picture.frames:
                raise ValueError(
                    f"offset: frame {self.offset} is not one of the video's {picture.frames}"
                )
        elif self.offset + self.stop - self.first > picture.frames:
            raise ValueError(
                f"offset: frames {self.offset} to {self.offset + self.stop - self.first} "
                f"are not all within the video's {picture.frames}"
            )

    @property
    def moving(self) -> bool:
        """Whether it shows a video's frames one after another (not one drawing throughout)."""
        return self.source is not None and not (self.still or self.hold)


@attrs.frozen
class Audio:
    """One sound layer: `source`'s samples from `offset`, played from composition sample
    `first` to `stop` (excluded), at `volume` (0 to 5), faded in over its first `fade_in`
    samples and out over its last `fade_out`.

    Raises:
        ValueError: its time, its source's samples, its volume or a fade is out of range
            (naming the field).
    """

    source: audio.Sound
    first: int = attrs.field(validator=attrs.validators.ge(0))
    stop: int
    offset: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    volume: float = attrs.field(
        default=1.0,
        converter=float,
        validator=[attrs.validators.ge(0.0), attrs.validators.le(5.0)],
    )
    fade_in: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    fade_out: int = attrs.field(default=0, validator=attrs.validators.ge(0))

    def __attrs_post_init__(self) -> None:
        if self.stop <= self.first:
            raise ValueError(f"stop {self.stop} must be after first {self.first}")
        if self.offset + self.stop - self.first > self.source.samples:
            raise ValueError(
                f"offset: samples {self.offset} to {self.offset + self.stop - self.first} are "
                f"not all within the sound's {self.source.samples}"
            )


def _even(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 64 or value % 2:
        raise ValueError(f"{attribute.name} must be an even number >= 64, not {value}")


@attrs.frozen
class Composition(Segments):
    """A frame `width` by `height` at `fps`, lasting `frames`, of `visuals` painted in order
    over a `background` (RGB), with `sounds` mixed.

    Raises:
        ValueError: a field is out of range, a layer lasts past the composition, or a video
            shown has another frame rate (naming the field).
    """

    width: int = attrs.field(validator=_even)
    height: int = attrs.field(validator=_even)
    fps: int = attrs.field(validator=attrs.validators.ge(1))
    frames: int = attrs.field(validator=attrs.validators.ge(1))
    background: tuple[int, ...] = attrs.field(
        default=(0, 0, 0), converter=_ints, validator=[_count(3), _channels]
    )
    visuals: tuple[Visual, ...] = attrs.field(default=(), converter=_tuple)
    sounds: tuple[Audio, ...] = attrs.field(default=(), converter=_tuple)
    #: A name for this rendering, the same for the same composition: its cache key (the form
    #: of a `Picture`'s key, so the media cache keeps it beside them).
    key: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for index, visual in enumerate(self.visuals):
            if visual.stop > self.frames:
                raise ValueError(
                    f"visuals[{index}]: it ends at frame {visual.stop}, past the "
                    f"composition's {self.frames}"
                )
            # One source frame a frame: a video at another rate would play at another speed.
            if visual.moving and _picture(visual.source).fps != self.fps:  # type: ignore[arg-type]
                raise ValueError(
                    f"visuals[{index}].source: a video at {_picture(visual.source).fps} fps "  # type: ignore[arg-type]
                    f"in a composition at {self.fps}"
                )
        for index, sound in enumerate(self.sounds):
            if sound.stop > self.samples:
                raise ValueError(
                    f"sounds[{index}]: it ends at sample {sound.stop}, past the "
                    f"composition's {self.samples}"
                )
        text = json.dumps([COMPOSE_VERSION, _identity(self)], sort_keys=True)
        digest = hashlib.sha256(text.encode()).hexdigest()[:24]
        object.__setattr__(self, "key", f"{RENDER_VERSION}-{digest}")

    @property
    def seconds(self) -> float:
        """How long it lasts."""
        return self.frames / self.fps

    @property
    def samples(self) -> int:
        """How many samples of sound it has (with sounds): its frames' worth."""
        return self.frames * audio.SAMPLE_RATE // self.fps

    @property
    def has_sound(self) -> bool:
        """Whether its stream has a sound track: whether it has any sound layer."""
        return bool(self.sounds)

    def parts(self) -> list[str]:
        """The names of the files rendered for it: its segments."""
        return [segment_name(index) for index in range(self.segments)]


def _identity(composition: Composition) -> dict[str, Any]:
    """What makes `composition`'s pixels and samples, as JSON: its fields, each source by its
    own key (which names its kind's renderer version too)."""

    def fields(item: Visual | Audio) -> dict[str, Any]:
        data = attrs.asdict(item, recurse=True)
        data["source"] = None if item.source is None else item.source.key
        return data

    return {
        "width": composition.width,
        "height": composition.height,
        "fps": composition.fps,
        "frames": composition.frames,
        "background": composition.background,
        "visuals": [fields(visual) for visual in composition.visuals],
        "sounds": [fields(sound) for sound in composition.sounds],
    }


def _picture(source: Picture | Dub) -> Picture:
    return source.source if isinstance(source, Dub) else source


# Drawing.


def _text_tile(text: Text, scale: float) -> Image.Image:
    """`text` drawn at `scale`, RGBA: its box (or nothing), its shadow and its letters."""
    from PIL import Image, ImageDraw  # noqa: PLC0415 - loaded only when something is rendered

    from videodb_mock._media.drawing import font, printable  # noqa: PLC0415

    face = font(max(1, round(text.size * scale)))
    lines = [printable(line) for line in text.text.split("\n")]
    ascent, descent = face.getmetrics()
    spacing = round(text.line_spacing * scale)
    pitch = ascent + descent + spacing
    text_w = max(1, round(max(face.getlength(line) for line in lines)))
    text_h = max(1, pitch * len(lines) - spacing)
    edge = round((text.padding + text.border) * scale)
    width = round(text.width * scale) if text.width else text_w + 2 * edge
    height = round(text.height * scale) if text.height else text_h + 2 * edge
    tile = Image.new("RGBA", (max(1, width), max(1, height)), text.box or (0, 0, 0, 0))
    draw = ImageDraw.Draw(tile)
    horizontal, vertical = text.align
    spare_x, spare_y = tile.width - text_w, tile.height - text_h
    left = {"left": edge, "right": spare_x - edge}.get(horizontal, spare_x // 2)
    top = {"top": edge, "bottom": spare_y - edge}.get(vertical, spare_y // 2)
    stroke = round(text.border * scale)
    shadow = (round(text.shadow[0] * scale), round(text.shadow[1] * scale))
    for number, line in enumerate(lines):
        at = (left, top + number * pitch)
        if shadow != (0, 0):
            where = (at[0] + shadow[0], at[1] + shadow[1])
            draw.text(where, line, font=face, fill=text.shadow_colour, stroke_width=stroke)
        draw.text(
            at,
            line,
            font=face,
            fill=text.colour,
            stroke_width=stroke,
            stroke_fill=text.border_colour,
        )
    return tile


def _sized(image: Image.Image, visual: Visual) -> Image.Image:
    """`image` cropped and resized as `visual` says."""
    from PIL import Image  # noqa: PLC0415 - loaded only when something is rendered

    top, right, bottom, left = visual.crop
    if visual.crop != (0, 0, 0, 0):
        image = image.crop((left, top, image.width - right, image.height - bottom))
    size = visual.size
    # A text is drawn at its scale already (sharper than enlarged).
    if size is None and visual.scale != 1.0 and visual.text is None:
        size = (
            max(1, round(image.width * visual.scale)),
            max(1, round(image.height * visual.scale)),
        )
    if size is not None and tuple(size) != image.size:
        # One fixed filter: the same pixels on every machine with the same Pillow.
        image = image.resize((size[0], size[1]), Image.Resampling.BILINEAR)
    return image


def _mask(image: Image.Image, opacity: float) -> tuple[Image.Image, Image.Image | None]:
    """`image` and its paste mask at `opacity`: none for an opaque picture, which is then
    RGB (pasted without blending, the fastest)."""
    from PIL import Image  # noqa: PLC0415 - loaded only when something is rendered

    if image.mode == "RGBA":
        alpha = image.getchannel("A")
        if opacity == 1.0 and alpha.getextrema() == (255, 255):
            return image.convert("RGB"), None
        if opacity < 1.0:
            alpha = alpha.point(lambda value: round(value * opacity))
        return image.convert("RGB"), alpha
    if opacity < 1.0:
        return image, Image.new("L", image.size, round(255 * opacity))
    return image, None


@functools.lru_cache(maxsize=TILE_CACHE)
def _tile(visual: Visual) -> tuple[Image.Image, Image.Image | None]:
    """A layer that is the same at every frame (an image, a text, a held frame), drawn, sized
    and masked: a composition's every segment draws it again otherwise (a 1024x1024 image:
    about 15 ms)."""
    if visual.text is not None:
        image = _text_tile(visual.text, visual.scale)
    elif visual.hold:
        from videodb_mock._media.drawing import VideoFrames  # noqa: PLC0415 - loads Pillow

        image = VideoFrames(_picture(visual.source)).frame(visual.offset)  # type: ignore[arg-type]
    else:
        from videodb_mock._media.drawing import prompt_picture  # noqa: PLC0415 - loads Pillow

        picture = _picture(visual.source)  # type: ignore[arg-type] # an image has a source
        facts = f"{picture.width}x{picture.height}"
        image = prompt_picture(picture.prompt, picture.width, picture.height, facts=facts)
    return _mask(_sized(image, visual), visual.opacity)


class _Painter:
    """The frames of a composition, drawn one by one: one `VideoFrames` per video shown, one
    drawing per layer that does not change."""

    def __init__(self, composition: Composition) -> None:
        from PIL import Image  # noqa: PLC0415 - loaded only when something is rendered

        self.composition = composition
        size = (composition.width, composition.height)
        self.background = Image.new("RGB", size, tuple(composition.background))
        self._videos: dict[str, VideoFrames] = {}
        self._masks: dict[tuple[int, int, float], Image.Image] = {}

    def _frames_of(self, picture: Picture) -> VideoFrames:
        from videodb_mock._media.drawing import VideoFrames  # noqa: PLC0415 - loads Pillow

        drawn = self._videos.get(picture.key)
        if drawn is None:
            drawn = self._videos[picture.key] = VideoFrames(picture)
        return drawn

    def _covers(self, visual: Visual, picture: Picture) -> bool:
        """Whether a video's frames are the whole frame, opaque, as drawn: no paste needed."""
        c = self.composition
        return (
            visual.opacity == 1.0
            and visual.crop == (0, 0, 0, 0)
            and visual.size in (None, (c.width, c.height))
            and visual.scale == 1.0
            and (picture.width, picture.height) == (c.width, c.height)
            and _place(c, visual, c.width, c.height) == (0, 0)
        )

    def _moving(self, visual: Visual, index: int) -> tuple[Image.Image, Image.Image | None]:
        """A video layer's frame at composition frame `index`, sized, and its mask."""
        from PIL import Image  # noqa: PLC0415 - loaded only when something is rendered

        picture = _picture(visual.source)  # type: ignore[arg-type] # a video has a source
        image = _sized(self._frames_of(picture).frame(visual.offset + index - visual.first), visual)
        if visual.opacity == 1.0:
            return image, None
        key = (image.width, image.height, visual.opacity)
        mask = self._masks.get(key)
        if mask is None:
            mask = self._masks[key] = Image.new("L", image.size, round(255 * visual.opacity))
        return image, mask

    def frame(self, index: int) -> Image.Image:
        """Frame `index` (from 0) of the composition, as an RGB picture of its own."""
        canvas: Image.Image | None = None
        for visual in self.composition.visuals:
            if not visual.first <= index < visual.stop:
                continue
            if visual.moving:
                picture = _picture(visual.source)  # type: ignore[arg-type]
                if self._covers(visual, picture):
                    # A new picture of its own (`VideoFrames.frame` copies): it is the frame.
                    canvas = self._frames_of(picture).frame(visual.offset + index - visual.first)
                    continue
                image, mask = self._moving(visual, index)
            else:
                image, mask = _tile(visual)
            if canvas is None:
                canvas = self.background.copy()
            # Pillow cuts off what falls outside the canvas.
            canvas.paste(image, _place(self.composition, visual, image.width, image.height), mask)
        return self.background.copy() if canvas is None else canvas


def _place(composition: Composition, visual: Visual, width: int, height: int) -> tuple[int, int]:
    """Where `visual`'s top left corner is, drawn `width` by `height`."""
    a, b, c = visual.x
    left = round(a * composition.width + b * width + c)
    a, b, c = visual.y
    return left, round(a * composition.height + b * height + c)


def frame_image(composition: Composition, index: int) -> Image.Image:
    """Frame `index` of `composition` as drawn (RGB), before it is encoded: for tests."""
    return _Painter(composition).frame(index)


def video_frames(
    composition: Composition, start: int, stop: int
) -> Iterator[av.video.frame.VideoFrame]:
    """Frames `start` to `stop` (at most the end) of `composition` as the encoder takes them
    (YUV 4:2:0), timed at 1/fps from its start."""
    import av  # noqa: PLC0415 - loaded only when something is rendered
    from PIL import ImageChops  # noqa: PLC0415

    from videodb_mock._media.render import _converter  # noqa: PLC0415 - loads PyAV

    painter = _Painter(composition)
    to_yuv = _converter()
    time_base = Fraction(1, composition.fps)
    width, height = composition.width, composition.height
    previous: Image.Image | None = None
    planes: list[bytes] = []
    for index in range(start, min(stop, composition.frames)):
        image = painter.frame(index)
        changed: tuple[int, int, int, int] | None = (0, 0, width, height)
        if previous is not None:
            changed = ImageChops.difference(image, previous).getbbox()
        if changed is not None:
            # Only the rows that changed are converted, from an even row to an even row (a
            # chroma row pairs two luma rows; nearest-neighbour chroma keeps rows apart).
            top = changed[1] - changed[1] % 2
            bottom = min(height, changed[3] + changed[3] % 2)
            moving = to_yuv(image.crop((0, top, width, bottom))).planes
            if not planes:
                planes = [bytes(plane) for plane in moving]
            else:
                for number, plane in enumerate(moving):
                    step = plane.line_size
                    low, high = (top, bottom) if number == 0 else (top // 2, bottom // 2)
                    old = planes[number]
                    planes[number] = old[: low * step] + bytes(plane) + old[high * step :]
        frame = av.VideoFrame(width, height, "yuv420p")
        for plane, data in zip(frame.planes, planes, strict=True):
            plane.update(data)
        frame.pts = index
        frame.time_base = time_base
        previous = image
        yield frame


# Sound.


def _layer(sound: Audio, start: int, stop: int) -> tuple[bytes, bytes]:
    """Composition samples `start` to `stop` of one sound layer, unfaded, at full volume: its
    source's samples where it plays, silence around them."""
    low, high = max(start, sound.first), min(stop, sound.stop)
    if low >= high:
        silence = bytes(2 * (stop - start))
        return silence, silence
    at = sound.offset + low - sound.first
    one, two = audio.pcm(sound.source, at, at + high - low)
    before, after = bytes(2 * (low - start)), bytes(2 * (stop - high))
    return before + one + after, before + two + after


def _graph(
    playing: list[Audio],
) -> tuple[av.filter.Graph, list[av.filter.context.FilterContext], av.filter.context.FilterContext]:
    """A filter graph mixing `playing`: per layer its fades and volume, then their sum, as
    two 16-bit channels; its inputs (one per layer, in order) and its output."""
    import av  # noqa: PLC0415 - loaded only when something is rendered

    rate = audio.SAMPLE_RATE
    graph = av.filter.Graph()
    mixer = graph.add("amix", f"inputs={len(playing)}:normalize=0:duration=longest")
    out = graph.add("aformat", "sample_fmts=s16p:channel_layouts=stereo")
    sink = graph.add("abuffersink")
    inputs = []
    for number, sound in enumerate(playing):
        source = graph.add_abuffer(
            format="s16p", sample_rate=rate, layout="stereo", time_base=Fraction(1, rate)
        )
        chain = [source]
        # `afade` counts samples by the frames' timestamps: composition samples.
        if sound.fade_in:
            length = min(sound.fade_in, sound.stop - sound.first)
            chain.append(graph.add("afade", f"t=in:ss={sound.first}:ns={length}:curve=tri"))
        if sound.fade_out:
            begin = max(sound.first, sound.stop - sound.fade_out)
            fade = f"t=out:ss={begin}:ns={sound.stop - begin}:curve=tri"
            chain.append(graph.add("afade", fade))
        if sound.volume != 1.0:
            chain.append(graph.add("volume", f"volume={sound.volume!r}"))
        for earlier, later in itertools.pairwise(chain):
            earlier.link_to(later)
        chain[-1].link_to(mixer, 0, number)
        inputs.append(source)
    mixer.link_to(out)
    out.link_to(sink)
    graph.configure()
    return graph, inputs, sink


def sound_frame(composition: Composition, start: int, stop: int) -> av.audio.frame.AudioFrame:
    """Composition samples `start` to `stop` (at most its end) of its mix, as a frame for the
    encoder (two 16-bit channels it mixes down to mono, as every sound's), timed from its
    start: silence where no layer plays.

    Raises:
        av.FFmpegError: FFmpeg failed to mix the sounds.
    """
    import av  # noqa: PLC0415 - loaded only when something is rendered

    stop = min(stop, composition.samples)
    playing = [s for s in composition.sounds if s.first < stop and s.stop > start and s.volume > 0]
    if not playing:
        silence = bytes(2 * (stop - start))
        return audio.layers_frame(silence, silence, start)
    if (
        len(playing) == 1
        and playing[0].volume == 1.0
        and not (playing[0].fade_in or playing[0].fade_out)
    ):
        # One layer as it is: what the mix would give, exactly, without FFmpeg's float trip.
        return audio.layers_frame(*_layer(playing[0], start, stop), start)
    _, inputs, sink = _graph(playing)
    ones: list[bytes] = []
    twos: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                mixed = sink.pull()
            except (av.BlockingIOError, av.EOFError):
                return
            if not isinstance(mixed, av.AudioFrame):
                raise TypeError(f"the mix gave {type(mixed).__name__}, not audio")
            size = 2 * mixed.samples
            ones.append(bytes(mixed.planes[0])[:size])
            twos.append(bytes(mixed.planes[1])[:size])

    for low in range(start, stop, MIX_CHUNK):
        high = min(stop, low + MIX_CHUNK)
        for source, sound in zip(inputs, playing, strict=True):
            source.push(audio.layers_frame(*_layer(sound, low, high), low))
        drain()
    for source in inputs:
        source.push(None)
    drain()
    size = 2 * (stop - start)
    one, two = b"".join(ones), b"".join(twos)
    if len(one) != size or len(two) != size:
        raise RuntimeError(f"the mix gave {len(one) // 2} samples, not {stop - start}")
    return audio.layers_frame(one, two, start)


# Files.


def render_composition_segment(composition: Composition, index: int, path: Path) -> None:
    """Write segment `index` of `composition` to `path`: an MPEG-TS file of its frames (H.264,
    as every segment is encoded) and, for a composition with sound, the AAC frames of its
    time.

    Raises:
        av.FFmpegError: FFmpeg failed to encode, mix or write the segment.
        OSError: `path` cannot be written.
    """
    import av  # noqa: PLC0415 - loaded only when something is rendered

    first = index * composition.segment_frames
    # The muxer marks its first packets as a discontinuity, as a video's segments do.
    output = av.open(
        str(path), "w", format="mpegts", options={"mpegts_flags": "initial_discontinuity"}
    )
    try:
        video = add_video_stream(output, composition)
        sound = audio.add_audio_stream(output) if composition.has_sound else None
        for frame in video_frames(composition, first, first + composition.segment_frames):
            output.mux(video.encode(frame))
        output.mux(video.encode(None))
        if sound is not None:
            wanted = segment_audio_frames(composition, index)
            mux_sound(output, sound, wanted, functools.partial(sound_frame, composition))
    finally:
        output.close()


def render_composition_part(composition: Composition, name: str, path: Path) -> None:
    """Render the segment `name` of `composition` into `path`, written beside it and renamed
    to it when complete (the folder must exist).

    Raises:
        ValueError: `composition` has no segment named `name`.
        av.FFmpegError: FFmpeg failed to encode, mix or write the segment.
        OSError: `path` cannot be written.
    """
    index = segment_index(composition, name)
    if index is None:
        raise ValueError(f"a composition has no part named {name!r}")
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}{PARTIAL}")
    try:
        render_composition_segment(composition, index, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def render_composition(composition: Composition, folder: Path) -> None:
    """Render every segment of `composition` into the existing `folder`.

    Raises:
        av.FFmpegError: FFmpeg failed to encode, mix or write a segment.
        OSError: `folder` cannot be written.
    """
    for name in composition.parts():
        render_composition_part(composition, name, folder / name)


def sample_composition(seconds: int = 30, *, width: int = 640, height: int = 360) -> Composition:
    """A composition `seconds` long (a multiple of 3) of three clips, each a third of it
    trimmed from a video 2 s longer, music faded in and out and a voice over it, a 120x120
    logo at the top right and a title in a box: for benchmarks and tests."""
    fps, third = 24, seconds // 3
    total = 3 * third * fps
    clips = [
        Picture(f"Clip {n} of a timed composition", third + 2, width=width, height=height)
        for n in range(3)
    ]
    visuals = [
        Visual(first=n * third * fps, stop=(n + 1) * third * fps, source=clip, offset=fps)
        for n, clip in enumerate(clips)
    ]
    logo = Picture("A round logo", 1, width=1024, height=1024, fps=1)
    visuals.append(
        Visual(
            first=0,
            stop=total,
            source=logo,
            still=True,
            size=(120, 120),
            x=(1.0, -1.0, -16.0),
            y=(0.0, 0.0, 16.0),
        )
    )
    title = Text("A TIMED TITLE", 28, colour=(0, 0, 0, 255), box=(255, 255, 255, 255), padding=10)
    visuals.append(
        Visual(
            first=fps,
            stop=min(total, 4 * fps),
            text=title,
            x=(0.5, -0.5, 0.0),
            y=(1.0, -1.0, -24.0),
        )
    )
    rate = audio.SAMPLE_RATE
    samples = total * rate // fps
    music = audio.music("Warm strings, timed", seconds)
    voice = audio.voice("Every morning starts somewhere, and yours starts here.")
    sounds = [
        Audio(source=music, first=0, stop=samples, fade_in=rate, fade_out=2 * rate, volume=0.5),
        Audio(source=voice, first=rate, stop=min(samples, rate + voice.samples)),
    ]
    return Composition(width, height, fps, total, visuals=visuals, sounds=sounds)


def time_composition(seconds: int = 30, *, width: int = 640, height: int = 360) -> float:
    """Seconds this machine takes to render every segment of `sample_composition(seconds)`,
    as the sandbox renders them, in this process (compare `render.time_render(seconds)`).

    For benchmarks: renders into a temporary folder and removes it.

    Raises:
        av.FFmpegError: FFmpeg failed to encode the composition.
    """
    composition = sample_composition(seconds, width=width, height=height)
    with tempfile.TemporaryDirectory(prefix="videodb-compose-") as folder:
        started = time.perf_counter()
        render_composition(composition, Path(folder))
        return time.perf_counter() - started
