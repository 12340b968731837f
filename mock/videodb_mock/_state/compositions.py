"""Compositions, apart from the HTTP plumbing: a classic timeline (`POST /timeline`) or an
Editor timeline (`POST /editor`) read into what the renderer draws (`compose.Composition`).

Reading checks what the spec cannot: that every asset exists (a `CompositionError` with 404
naming it), that a clip's part lies within its video, that expressions and colours are ones
the sandbox understands, and the limits below (400 naming the limit), so a composition that
no renderer could make is refused before it costs anything and nothing is kept.

The classic timeline: inline videos play one after another, each its `start` to `end`, hard
cuts, and the composition lasts their sum; overlays stand at `overlay_start` and are cut off
at the end. An audio overlay with `disable_other_tracks` (the default) mutes the videos' own
sound (a dub's voice) while it plays. Images and texts without a `duration` show to the end.

The Editor: tracks layer by `z_index` (a higher one on top; equal ones in order), and a
track's clips by their own `z_index`, then in order. A clip shows its asset from its
`start` for `duration` seconds: a video's frames from the asset's `start` (which must last
that long), an image still, a text drawn; sized by `fit` (`crop` fills the frame keeping the
aspect ratio, `cover` stretches, `contain` fits inside, none keeps the asset's size) times
`scale`, placed at `position` shifted by `offset` (fractions of the frame; `y` up, as in
the Shotstack format the Editor follows) and blended by `opacity`. Audio (and a dubbed
video's voice) plays at `volume` until the clip or the sound ends. The composition lasts
until its last clip ends. `transition`, `effect` and `filter` are accepted and not drawn.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from videodb_mock._media import audio
from videodb_mock._media.compose import Audio, Composition, Text, Visual
from videodb_mock._media.dubbing import Dub
from videodb_mock._media.frames import Still
from videodb_mock._media.render import Picture
from videodb_mock._state import drawtext
from videodb_mock._state.drawtext import DrawtextError

#: The longest composition made, in seconds: as long as the longest MP4 downloaded.
MAX_SECONDS = 600
#: The most clips an Editor timeline may have in all (the spec bounds each track's).
MAX_CLIPS = 1000
#: The largest Editor frame, in pixels (either orientation).
MAX_FRAME = (1920, 1080)
MIN_SIDE = 64
DEFAULT_RESOLUTION = "1280x720"

Body = dict[str, Any]


class CompositionError(ValueError):
    """A composition the sandbox refuses: `status` is 404 for an asset that does not exist,
    400 otherwise; the message names the place in the document and the rule."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@attrs.frozen
class Assets:
    """Where a composition's assets are looked up: each returns what an id made (as
    rendered), or `None` when there is no such asset."""

    video: Callable[[str], Picture | Dub | None]
    audio: Callable[[str], audio.Sound | None]
    image: Callable[[str], Picture | Still | None]


def _seconds(value: float) -> str:
    return f"{value:g}"


def composition_id(composition: Composition) -> str:
    """The id of the stream of `composition` (`c-...`): the same for the same composition."""
    return f"c-{hashlib.sha256(composition.key.encode()).hexdigest()[:16]}"


def _picture(item: Picture | Dub) -> Picture:
    return item.source if isinstance(item, Dub) else item


@attrs.frozen
class _Shown:
    """What a `Visual` shows of a video or an image, and how."""

    source: Picture | Dub
    offset: int = 0
    still: bool = False
    hold: bool = False

    def visual(self, **rest: Any) -> Visual:
        """A `Visual` showing it, with the `rest` of its fields."""
        return Visual(
            source=self.source, offset=self.offset, still=self.still, hold=self.hold, **rest
        )


def _image(image: Picture | Still) -> _Shown:
    """How a `Visual` shows an image: a generated one still, a thumbnail of a moment as its
    video's frame held."""
    if isinstance(image, Still):
        return _Shown(image.source, image.frame, hold=True)
    return _Shown(image, still=True)


def _frames(seconds: float, fps: int) -> int:
    return round(seconds * fps)


def _samples(frames: int, fps: int) -> int:
    return frames * audio.SAMPLE_RATE // fps


def _too_long(where: str, seconds: float) -> CompositionError:
    return CompositionError(
        f"{where}: the composition would last {_seconds(seconds)} s, longer than the sandbox "
        f"composes ({MAX_SECONDS} s)"
    )


def _missing(asset_id: str, where: str, kind: str) -> CompositionError:
    return CompositionError(f"{where}: {kind} not found: {asset_id}", 404)


def _video(assets: Assets, asset_id: str, where: str) -> Picture | Dub:
    found = assets.video(asset_id)
    if found is None:
        raise _missing(asset_id, where, "Video")
    return found


def _sound(assets: Assets, asset_id: str, where: str) -> audio.Sound:
    found = assets.audio(asset_id)
    if found is None:
        raise _missing(asset_id, where, "Audio")
    return found


def _image_of(assets: Assets, asset_id: str, where: str) -> Picture | Still:
    found = assets.image(asset_id)
    if found is None:
        raise _missing(asset_id, where, "Image")
    return found


# The classic timeline.


@attrs.frozen
class _Frame:
    """The frame a classic timeline is drawn on, and how many frames it lasts."""

    width: int
    height: int
    fps: int
    total: int = 0


#: A dubbed inline clip's voice: the sound, where it plays (samples) and where it starts.
_OwnSound = tuple[audio.Sound, int, int, int]


def from_timeline(
    items: Sequence[Body], assets: Assets, *, width: int, height: int, fps: int
) -> Composition:
    """The composition a classic timeline's `items` (as the spec's `TimelineItem`s) make, on
    a `width` by `height` frame at `fps` (the sandbox's videos').

    Raises:
        CompositionError: an asset does not exist (404), or the timeline breaks a rule (400).
    """
    visuals, own_sound, total = _inline_clips(items, assets, _Frame(width, height, fps))
    frame = _Frame(width, height, fps, total)
    sounds: list[Audio] = []
    muted: list[tuple[int, int]] = []
    overlays: list[Visual] = []
    for index, item in enumerate(items):
        if "overlay_start" not in item:
            continue
        where = f"timeline[{index}]"
        begin = _frames(float(item["overlay_start"]), fps)
        if begin >= total:
            raise CompositionError(
                f"{where}.overlay_start: {_seconds(float(item['overlay_start']))} is not before "
                f"the composition's end ({_seconds(total / fps)} s)"
            )
        asset_id = str(item["asset_id"])
        if asset_id.startswith("a-"):
            sound = _sound(assets, asset_id, f"{where}.asset_id")
            layer = _audio_overlay(item, sound, where=where, begin=begin, frame=frame)
            sounds.append(layer)
            if item.get("disable_other_tracks") is not False:
                muted.append((layer.first, layer.stop))
        elif asset_id.startswith("img-"):
            image = _image_of(assets, asset_id, f"{where}.asset_id")
            overlays.append(_image_overlay(item, image, where=where, begin=begin, frame=frame))
        else:
            overlays.append(_text_overlay(item, where=where, begin=begin, frame=frame))
    for sound, first, stop, offset in own_sound:
        for low, high in _unmuted(first, stop, muted):
            sounds.append(Audio(source=sound, first=low, stop=high, offset=offset + low - first))
    return Composition(
        width=width,
        height=height,
        fps=fps,
        frames=total,
        visuals=(*visuals, *overlays),
        sounds=tuple(sounds),
    )


def _inline_clips(
    items: Sequence[Body], assets: Assets, frame: _Frame
) -> tuple[list[Visual], list[_OwnSound], int]:
    """The inline clips of a classic timeline, one after another: what they show, a dubbed
    clip's voice, and how many frames they last in all."""
    visuals: list[Visual] = []
    own_sound: list[_OwnSound] = []
    position, fps = 0, frame.fps
    for index, item in enumerate(items):
        if "overlay_start" in item:
            continue
        where = f"timeline[{index}]"
        video = _video(assets, str(item["asset_id"]), f"{where}.asset_id")
        picture = _picture(video)
        start = float(item.get("start") or 0)
        end = picture.duration if item.get("end") is None else float(item["end"])
        _check_part(where, start, end, picture.duration, "video")
        first = min(picture.frames - 1, _frames(start, fps))
        count = max(1, min(picture.frames, _frames(end, fps)) - first)
        if (position + count) / fps > MAX_SECONDS:
            raise _too_long(where, (position + count) / fps)
        visuals.append(
            Visual(
                first=position,
                stop=position + count,
                source=video,
                offset=first,
                size=(frame.width, frame.height),
            )
        )
        if isinstance(video, Dub):
            begin, stop = _samples(position, fps), _samples(position + count, fps)
            own_sound.append((video.sound, begin, stop, _samples(first, fps)))
        position += count
    if position == 0:
        raise CompositionError(
            "timeline: needs at least one inline video (add_inline); the composition lasts "
            "their sum"
        )
    return visuals, own_sound, position


def _check_part(where: str, start: float, end: float, length: float, kind: str) -> None:
    """Refuse a part `start` to `end` of a `length`-second `kind` that is not within it or
    does not end after it starts."""
    if end > length + 1e-9:
        raise CompositionError(
            f"{where}.end: {_seconds(end)} is past the {kind}'s end ({_seconds(length)} s)"
        )
    if end <= start:
        raise CompositionError(
            f"{where}.end: {_seconds(end)} is not after its start {_seconds(start)}"
        )


def _until(item: Body, begin: int, frame: _Frame) -> int:
    """The frame an overlay with an optional `duration` ends at: the composition's end at
    the latest."""
    duration = item.get("duration")
    if duration is None:
        return frame.total
    return min(frame.total, max(begin + 1, begin + _frames(float(duration), frame.fps)))


def _audio_overlay(
    item: Body, sound: audio.Sound, *, where: str, begin: int, frame: _Frame
) -> Audio:
    start = float(item.get("start") or 0)
    end = sound.seconds if item.get("end") is None else float(item["end"])
    _check_part(where, start, end, sound.seconds, "audio")
    rate = audio.SAMPLE_RATE
    first = _samples(begin, frame.fps)
    offset = min(sound.samples - 1, round(start * rate))
    length = min(sound.samples, round(end * rate)) - offset
    stop = min(_samples(frame.total, frame.fps), first + length)
    return Audio(
        source=sound,
        first=first,
        stop=stop,
        offset=offset,
        fade_in=round(float(item.get("fade_in_duration") or 0) * rate),
        fade_out=round(float(item.get("fade_out_duration") or 0) * rate),
    )


def _unmuted(first: int, stop: int, muted: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of `[first, stop)` outside every muted stretch."""
    pieces = [(first, stop)]
    for low, high in muted:
        pieces = [
            piece
            for a, b in pieces
            for piece in ((a, min(b, low)), (max(a, high), b))
            if piece[0] < piece[1]
        ]
    return pieces


def _pixels(value: Any, field: str, names: dict[str, str], frame: float, own: float) -> int:
    try:
        factor, constant = drawtext.linear(value, field, names, frame)
    except DrawtextError as exc:
        raise CompositionError(str(exc)) from None
    return round(factor * own + constant)


def _side(value: Any, field: str, names: dict[str, str], frame: float) -> int:
    size = _pixels(value, field, {k: v for k, v in names.items() if v == "main"}, frame, 0)
    if not 1 <= size <= 4096:
        raise CompositionError(f"{field}: must come to 1 to 4096 pixels, not {size}")
    return size


def _image_overlay(
    item: Body, image: Picture | Still, *, where: str, begin: int, frame: _Frame
) -> Visual:
    width, height = frame.width, frame.height
    wide = _side(item.get("width", 100), f"{where}.width", drawtext.IMAGE_X, width)
    high = _side(item.get("height", 100), f"{where}.height", drawtext.IMAGE_Y, height)
    left = _pixels(item.get("x", 80), f"{where}.x", drawtext.IMAGE_X, width, wide)
    top = _pixels(item.get("y", 20), f"{where}.y", drawtext.IMAGE_Y, height, high)
    return _image(image).visual(
        first=begin,
        stop=_until(item, begin, frame),
        size=(wide, high),
        x=(0.0, 0.0, float(left)),
        y=(0.0, 0.0, float(top)),
    )


def _position(value: Any, field: str, names: dict[str, str], frame: float) -> tuple[float, ...]:
    try:
        own, constant = drawtext.linear(value, field, names, frame)
    except DrawtextError as exc:
        raise CompositionError(str(exc)) from None
    return 0.0, own, constant


def _text_overlay(item: Body, *, where: str, begin: int, frame: _Frame) -> Visual:
    style: Body = item.get("style") or {}
    at = f"{where}.style"
    try:
        colours = {
            name: drawtext.colour(str(style.get(name, default)), f"{at}.{name}")
            for name, default in (
                ("fontcolor", "black"),
                ("boxcolor", "white"),
                ("bordercolor", "black"),
                ("shadowcolor", "black"),
            )
        }
    except DrawtextError as exc:
        raise CompositionError(str(exc)) from None
    spacing = style.get("line_spacing", style.get("lineSpacing")) or 0
    text = Text(
        text=str(item.get("text", "")),
        size=int(style.get("fontsize", 24)),
        colour=colours["fontcolor"],
        box=colours["boxcolor"] if style.get("box", True) else None,
        padding=int(style.get("boxborderw", 10)),
        border=int(style.get("borderw", 0)),
        border_colour=colours["bordercolor"],
        shadow=(int(style.get("shadowx", 0)), int(style.get("shadowy", 0))),
        shadow_colour=colours["shadowcolor"],
        line_spacing=int(spacing),
    )
    return Visual(
        first=begin,
        stop=_until(item, begin, frame),
        text=text,
        x=_position(style.get("x", "(main_w-text_w)/2"), f"{at}.x", drawtext.TEXT_X, frame.width),
        y=_position(style.get("y", "(main_h-text_h)/2"), f"{at}.y", drawtext.TEXT_Y, frame.height),
        opacity=float(style.get("alpha", 1.0)),
    )


# The Editor.


def resolution(value: str | None) -> tuple[int, int]:
    """The frame size an Editor timeline's `resolution` (`WIDTHxHEIGHT`) asks for.

    Raises:
        CompositionError: it is not even, or not from 64 to 1920 by 1080 (either way up).
    """
    text = value or DEFAULT_RESOLUTION
    width, height = (int(part) for part in text.split("x"))
    largest, other = MAX_FRAME
    where = "timeline.resolution"
    if width % 2 or height % 2:
        raise CompositionError(f"{where}: {text} must be even numbers of pixels (H.264 4:2:0)")
    if (
        min(width, height) < MIN_SIDE
        or max(width, height) > largest
        or width * height > (largest * other)
    ):
        raise CompositionError(
            f"{where}: {text} is outside what the sandbox renders ({MIN_SIDE} to "
            f"{largest}x{other}, either way up)"
        )
    return width, height


#: Where each `position` puts an asset: the fraction of the spare width and height left of
#: and above it.
_PLACES = {
    "top_left": (0.0, 0.0),
    "top": (0.5, 0.0),
    "top_right": (1.0, 0.0),
    "left": (0.0, 0.5),
    "center": (0.5, 0.5),
    "right": (1.0, 0.5),
    "bottom_left": (0.0, 1.0),
    "bottom": (0.5, 1.0),
    "bottom_right": (1.0, 1.0),
}


def _fitted(
    natural: tuple[int, int], frame: tuple[int, int], fit: str | None, scale: float
) -> tuple[int, int]:
    (own_w, own_h), (width, height) = natural, frame
    if fit == "cover":
        wide, high = float(width), float(height)
    else:
        factor = 1.0
        if fit == "crop":
            factor = max(width / own_w, height / own_h)
        elif fit == "contain":
            factor = min(width / own_w, height / own_h)
        wide, high = own_w * factor, own_h * factor
    return max(1, round(wide * scale)), max(1, round(high * scale))


def _place(clip: Body, frame: tuple[int, int]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The left and top edges (as `Visual.x` and `.y`) of a clip's asset, from `position`
    and `offset`."""
    across, down = _PLACES[str(clip.get("position") or "center")]
    offset: Body = clip.get("offset") or {}
    width, height = frame
    x = (across, -across, float(offset.get("x", 0)) * width)
    y = (down, -down, -float(offset.get("y", 0)) * height)
    return x, y


def _crop(asset: Body, natural: tuple[int, int], where: str) -> tuple[int, int, int, int]:
    crop: Body = asset.get("crop") or {}
    top, right, bottom, left = (
        int(crop.get(side, 0)) for side in ("top", "right", "bottom", "left")
    )
    width, height = natural
    if left + right >= width or top + bottom >= height:
        raise CompositionError(f"{where}.crop: cuts off all of the {width}x{height} asset")
    return top, right, bottom, left


def from_editor(timeline: Body, assets: Assets, *, fps: int) -> Composition:
    """The composition an Editor `timeline` (the spec's `EditorTimeline`) makes, at `fps`
    (the sandbox's videos').

    Raises:
        CompositionError: an asset does not exist (404), or the timeline breaks a rule (400).
    """
    frame = resolution(timeline.get("resolution"))
    background = drawtext.colour(str(timeline.get("background") or "#000000"), "background")
    tracks = sorted(
        enumerate(timeline.get("tracks") or []), key=lambda pair: int(pair[1].get("z_index", 0))
    )
    count = sum(len(track.get("clips") or []) for _, track in tracks)
    if count > MAX_CLIPS:
        raise CompositionError(
            f"timeline.tracks: {count} clips in all, more than the sandbox composes ({MAX_CLIPS})"
        )
    made = _EditorClips(frame, fps, assets)
    end = 0
    for number, track in tracks:
        clips = sorted(
            enumerate(track.get("clips") or []),
            key=lambda pair: int(pair[1]["clip"].get("z_index", 0)),
        )
        for index, placed in clips:
            where = f"timeline.tracks[{number}].clips[{index}]"
            first = _frames(float(placed["start"]), fps)
            clip: Body = placed["clip"]
            stop = max(first + 1, first + _frames(float(clip["duration"]), fps))
            if stop / fps > MAX_SECONDS:
                raise _too_long(f"{where}.clip.duration", stop / fps)
            end = max(end, stop)
            made.add(clip, first, stop, f"{where}.clip")
    if end == 0:
        raise CompositionError("timeline.tracks: has no clips; a composition needs one at least")
    width, height = frame
    return Composition(
        width=width,
        height=height,
        fps=fps,
        frames=end,
        background=background[:3],
        visuals=tuple(made.visuals),
        sounds=tuple(made.sounds),
    )


class _EditorClips:
    """What an Editor timeline's clips show and play, gathered clip by clip, in the order
    they are drawn."""

    def __init__(self, frame: tuple[int, int], fps: int, assets: Assets) -> None:
        self.frame, self.fps, self.assets = frame, fps, assets
        self.visuals: list[Visual] = []
        self.sounds: list[Audio] = []

    def add(self, clip: Body, first: int, stop: int, where: str) -> None:
        """Add what `clip`, from frame `first` to `stop`, shows and plays."""
        asset: Body = clip["asset"]
        kind = asset["type"]
        if kind == "audio":
            self._audio(asset, first, stop, where)
            return
        x, y = _place(clip, self.frame)
        scale, opacity = float(clip.get("scale", 1)), float(clip.get("opacity", 1))
        if scale == 0 or opacity == 0:
            return  # drawn, it shows nothing
        if kind == "text":
            text = _editor_text(asset, f"{where}.asset")
            self.visuals.append(
                Visual(first=first, stop=stop, text=text, scale=scale, x=x, y=y, opacity=opacity)
            )
            return
        shown = self._picture(asset, first, stop, where)
        picture = _picture(shown.source)
        crop = _crop(asset, (picture.width, picture.height), f"{where}.asset")
        natural = (picture.width - crop[1] - crop[3], picture.height - crop[0] - crop[2])
        self.visuals.append(
            shown.visual(
                first=first,
                stop=stop,
                crop=crop,
                size=_fitted(natural, self.frame, clip.get("fit", "crop"), scale),
                x=x,
                y=y,
                opacity=opacity,
            )
        )

    def _audio(self, asset: Body, first: int, stop: int, where: str) -> None:
        sound = _sound(self.assets, str(asset["id"]), f"{where}.asset.id")
        offset = min(sound.samples - 1, round(float(asset.get("start", 0)) * audio.SAMPLE_RATE))
        begin = _samples(first, self.fps)
        length = min(_samples(stop, self.fps) - begin, sound.samples - offset)
        volume = float(asset.get("volume", 1))
        self.sounds.append(
            Audio(source=sound, first=begin, stop=begin + length, offset=offset, volume=volume)
        )

    def _picture(self, asset: Body, first: int, stop: int, where: str) -> _Shown:
        """How a `Visual` shows the video or image an asset names; a dubbed video's voice is
        added to the sounds."""
        fps = self.fps
        if asset["type"] == "image":
            image = _image_of(self.assets, str(asset["id"]), f"{where}.asset.id")
            return _image(image)
        video = _video(self.assets, str(asset["id"]), f"{where}.asset.id")
        picture = _picture(video)
        start = _frames(float(asset.get("start", 0)), fps)
        if start + stop - first > picture.frames:
            raise CompositionError(
                f"{where}.duration: {_seconds((stop - first) / fps)} s from the video's "
                f"{_seconds(start / fps)} s passes its end ({_seconds(picture.duration)} s)"
            )
        if isinstance(video, Dub):
            self.sounds.append(
                Audio(
                    source=video.sound,
                    first=_samples(first, fps),
                    stop=_samples(stop, fps),
                    offset=_samples(start, fps),
                    volume=float(asset.get("volume", 1)),
                )
            )
        return _Shown(video, start)


def _editor_text(asset: Body, where: str) -> Text:
    font: Body = asset.get("font") or {}
    border: Body | None = asset.get("border")
    shadow: Body | None = asset.get("shadow")
    background: Body | None = asset.get("background")
    alignment: Body = asset.get("alignment") or {}
    try:
        colour = drawtext.colour(
            str(font.get("color", "#FFFFFF")), f"{where}.font.color", float(font.get("opacity", 1))
        )
        box = None
        if background is not None:
            box = drawtext.colour(
                str(background.get("color", "#000000")),
                f"{where}.background.color",
                float(background.get("opacity", 1)),
            )
        border_colour = drawtext.colour(
            str((border or {}).get("color", "#000000")), f"{where}.border.color"
        )
        shadow_colour = drawtext.colour(
            str((shadow or {}).get("color", "#000000")), f"{where}.shadow.color"
        )
    except DrawtextError as exc:
        raise CompositionError(str(exc)) from None
    width = asset.get("width") or (background or {}).get("width") or None
    height = asset.get("height") or (background or {}).get("height") or None
    return Text(
        text=str(asset.get("text", "")),
        size=int(font.get("size", 48)),
        colour=colour,
        box=box,
        padding=round(float((background or {}).get("border_width", 0))),
        border=round(float((border or {}).get("width", 0))),
        border_colour=border_colour,
        shadow=(round(float((shadow or {}).get("x", 0))), round(float((shadow or {}).get("y", 0)))),
        shadow_colour=shadow_colour,
        width=None if width is None else round(float(width)),
        height=None if height is None else round(float(height)),
        align=(
            str(alignment.get("horizontal", "center")),
            str(alignment.get("vertical", "center")),
        ),
        line_spacing=round(float(asset.get("line_spacing", 0))),
    )


def editor_document(content: bytes) -> Body:
    """The Editor timeline an upload (`timeline_url`) holds: `{"timeline": {...}}` as JSON.

    Raises:
        CompositionError: the file is not JSON of that shape.
    """
    try:
        document = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CompositionError(f"timeline_url: the file is not JSON ({exc})") from None
    if not isinstance(document, dict) or not isinstance(document.get("timeline"), dict):
        raise CompositionError('timeline_url: the file must hold {"timeline": {...}}')
    return document
