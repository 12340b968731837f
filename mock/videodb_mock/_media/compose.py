"""Compositions: generated videos, images, texts and sounds laid out in time and on the frame,
rendered as one stream (`_state.compositions` reads the API's timelines into one).

A `Composition` is a frame (`width` by `height` at `fps`, a `background` colour) lasting
`frames`, the `Visual`s painted on it in order, and the `Audio` mixed under it. It is cut into
HLS segments as a video is (`render.playlist`, `render.segment_index` take it as they take a
`Picture`), and each segment is rendered on its own when first fetched:

* each frame is the background, then every visual showing at that frame, in order: a video's
  frame (`drawing.VideoFrames`), an image as `render.render_image` draws it, a video's one
  frame held (`hold`, a thumbnail used as an image), or a text drawn with Pillow's bundled
  font (`Text`); cropped, resized to its `size`, pasted at its place (`x`, `y`: affine in the
  frame's size and its own) with its `opacity`, cut off where it leaves the frame. A visual
  that covers the whole frame, opaque, is the frame itself: nothing is pasted for it.
* a composition with any sound carries AAC in every segment: the mix of its sounds, each its
  source's samples from `offset`, faded in and out (FFmpeg's `afade`, linear), at `volume`,
  summed (`amix`, unnormalised), run through one filter graph per segment (`_mix`); silence
  where nothing plays.

Drawing uses the same Pillow and PyAV settings as every video, so the same composition always
gives the same bytes. The MP4 of a composition is written by `mp4` as a stream's is.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
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
    import av.video.frame
    from PIL import Image

#: Bumped whenever a composition's segments would come out different.
COMPOSE_VERSION = "k1"

Rgba = tuple[int, int, int, int]
#: A place along one axis: `frame * size_of_the_frame + own * own_size + pixels`.
Linear = tuple[float, float, float]
Box = tuple[int, int, int, int]


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


def _fraction(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be from 0 to 1, not {value}")


@attrs.frozen
class Text:
    """A text to draw: its lines in Pillow's bundled font `size` pixels high, in `colour`, on
    a `box` of `padding` pixels around it (or none), with letters outlined `border` pixels
    wide and a `shadow` offset; in a box `width` by `height` when given (the text aligned in
    it by `align`), else as large as the text."""

    text: str
    size: int = attrs.field(validator=[attrs.validators.ge(1), attrs.validators.le(500)])
    colour: Rgba = attrs.field(default=(255, 255, 255, 255), converter=_rgba)
    box: Rgba | None = attrs.field(default=None, converter=attrs.converters.optional(_rgba))
    padding: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    border: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    border_colour: Rgba = attrs.field(default=(0, 0, 0, 255), converter=_rgba)
    shadow: tuple[int, ...] = attrs.field(default=(0, 0), converter=_ints)
    shadow_colour: Rgba = attrs.field(default=(0, 0, 0, 255), converter=_rgba)
    width: int | None = None
    height: int | None = None
    align: tuple[str, ...] = attrs.field(default=("center", "center"), converter=_tuple)
    line_spacing: int = attrs.field(default=0, validator=attrs.validators.ge(0))


@attrs.frozen
class Visual:
    """One picture layer, showing from composition frame `first` to `stop` (excluded)."""

    first: int = attrs.field(validator=attrs.validators.ge(0))
    stop: int
    #: A video (its frames from `offset`; a dub shows its source's), or an image (`still`).
    source: Picture | Dub | None = None
    still: bool = False
    offset: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    #: A video's frame `offset`, held for as long as the layer shows.
    hold: bool = False
    text: Text | None = None
    #: Pixels of the source cut off its top, right, bottom and left before it is sized.
    crop: tuple[int, ...] = attrs.field(default=(0, 0, 0, 0), converter=_ints)
    #: Its drawn size; `None`: its own (a text's), times `scale`.
    size: tuple[int, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_ints)
    )
    scale: float = attrs.field(default=1.0, validator=attrs.validators.ge(0))
    x: Linear = attrs.field(default=(0.0, 0.0, 0.0), converter=_linear)
    y: Linear = attrs.field(default=(0.0, 0.0, 0.0), converter=_linear)
    opacity: float = attrs.field(default=1.0, validator=_fraction)

    def __attrs_post_init__(self) -> None:
        if self.stop <= self.first:
            raise ValueError(f"stop {self.stop} must be after first {self.first}")
        if (self.source is None) == (self.text is None):
            raise ValueError("a visual shows a source or a text, one of the two")
        if self.source is not None and not (self.still or self.hold):
            picture = _picture(self.source)
            if self.offset + self.stop - self.first > picture.frames:
                raise ValueError(
                    f"offset: frames {self.offset} to {self.offset + self.stop - self.first} "
                    f"are not all within the video's {picture.frames}"
                )


@attrs.frozen
class Audio:
    """One sound layer: `source`'s samples from `offset`, played from composition sample
    `first` to `stop` (excluded), at `volume`, faded in and out over `fade_in` and `fade_out`
    samples."""

    source: audio.Sound
    first: int = attrs.field(validator=attrs.validators.ge(0))
    stop: int
    offset: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    volume: float = attrs.field(
        default=1.0, validator=[attrs.validators.ge(0.0), attrs.validators.le(5.0)]
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
    """A frame `width` by `height` at `fps`, lasting `frames`, of `visuals` over a
    `background`, with `sounds` mixed."""

    width: int = attrs.field(validator=_even)
    height: int = attrs.field(validator=_even)
    fps: int = attrs.field(validator=attrs.validators.ge(1))
    frames: int = attrs.field(validator=attrs.validators.ge(1))
    background: tuple[int, ...] = attrs.field(default=(0, 0, 0), converter=_ints)
    visuals: tuple[Visual, ...] = attrs.field(default=(), converter=_tuple)
    sounds: tuple[Audio, ...] = attrs.field(default=(), converter=_tuple)
    #: A name for this rendering, the same for the same composition: its cache key.
    key: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for index, visual in enumerate(self.visuals):
            if visual.stop > self.frames:
                raise ValueError(
                    f"visuals[{index}]: it ends at frame {visual.stop}, past the "
                    f"composition's {self.frames}"
                )
        for index, sound in enumerate(self.sounds):
            if sound.stop > self.samples:
                raise ValueError(
                    f"sounds[{index}]: it ends at sample {sound.stop}, past the "
                    f"composition's {self.samples}"
                )
        # Every field's repr is exact and the same on every machine: a fair name.
        text = "\0".join([COMPOSE_VERSION, repr(self)])
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
    def segment_frames(self) -> int:
        """How many frames a segment has (the last one may have fewer)."""
        return super().segment_frames

    def parts(self) -> list[str]:
        """The names of the files rendered for it: its segments."""
        return [segment_name(index) for index in range(self.segments)]


def _picture(source: Picture | Dub) -> Picture:
    return source.source if isinstance(source, Dub) else source


# Drawing.


def _text_tile(text: Text, scale: float) -> Image.Image:
    """`text` drawn, RGBA: its box (or nothing) and its letters."""
    from PIL import Image, ImageDraw  # noqa: PLC0415 - loaded only when something is rendered

    from videodb_mock._media.drawing import font, printable  # noqa: PLC0415

    face = font(max(1, round(text.size * scale)))
    lines = [printable(line) for line in text.text.split("\n")] or [""]
    ascent, descent = face.getmetrics()
    spacing = round(text.line_spacing * scale)
    pitch = ascent + descent + spacing
    text_w = max(1, round(max(face.getlength(line) for line in lines)))
    text_h = max(1, pitch * len(lines) - spacing)
    edge = round((text.padding + text.border) * scale)
    width = round(text.width * scale) if text.width else text_w + 2 * edge
    height = round(text.height * scale) if text.height else text_h + 2 * edge
    width, height = max(1, width), max(1, height)
    tile = Image.new("RGBA", (width, height), text.box or (0, 0, 0, 0))
    draw = ImageDraw.Draw(tile)
    horizontal, vertical = text.align
    spare_x, spare_y = width - text_w, height - text_h
    left = {"left": edge, "right": spare_x - edge}.get(horizontal, spare_x // 2)
    top = {"top": edge, "bottom": spare_y - edge}.get(vertical, spare_y // 2)
    stroke = round(text.border * scale)
    for number, line in enumerate(lines):
        at = (left, top + number * pitch)
        if text.shadow != (0, 0):
            shadow = (at[0] + text.shadow[0], at[1] + text.shadow[1])
            draw.text(shadow, line, font=face, fill=text.shadow_colour)
        draw.text(
            at,
            line,
            font=face,
            fill=text.colour,
            stroke_width=stroke,
            stroke_fill=text.border_colour,
        )
    return tile


class _Painter:
    """The frames of a composition, drawn one by one: what does not change over a layer's
    time (an image, a text, a held frame) is drawn, cropped and sized once."""

    def __init__(self, composition: Composition) -> None:
        from PIL import Image  # noqa: PLC0415 - loaded only when something is rendered

        self.composition = composition
        size = (composition.width, composition.height)
        self.background = Image.new("RGB", size, tuple(composition.background))
        self._videos: dict[str, Any] = {}
        self._tiles: dict[int, tuple[Image.Image, Image.Image | None]] = {}

    def _frames_of(self, picture: Picture) -> Any:
        from videodb_mock._media.drawing import VideoFrames  # noqa: PLC0415 - loads Pillow

        drawn = self._videos.get(picture.key)
        if drawn is None:
            drawn = self._videos[picture.key] = VideoFrames(picture)
        return drawn

    def _covers(self, visual: Visual) -> bool:
        """Whether `visual` is the whole frame, opaque, as drawn: its picture needs no paste."""
        c = self.composition
        return (
            visual.text is None
            and not visual.still
            and not visual.hold
            and visual.opacity == 1.0
            and visual.crop == (0, 0, 0, 0)
            and visual.size == (c.width, c.height)
            and _picture(visual.source).width == c.width  # type: ignore[arg-type]
            and _picture(visual.source).height == c.height  # type: ignore[arg-type]
            and self._place(visual, c.width, c.height) == (0, 0)
        )

    def _place(self, visual: Visual, width: int, height: int) -> tuple[int, int]:
        c = self.composition
        a, b, k = visual.x
        left = round(a * c.width + b * width + k)
        a, b, k = visual.y
        return left, round(a * c.height + b * height + k)

    def _sized(self, image: Image.Image, visual: Visual) -> Image.Image:
        from PIL import Image  # noqa: PLC0415 - loaded only when something is rendered

        top, right, bottom, left = visual.crop
        if visual.crop != (0, 0, 0, 0):
            image = image.crop((left, top, image.width - right, image.height - bottom))
        size = visual.size
        if size is None and visual.scale != 1.0 and visual.text is None:
            size = (
                max(1, round(image.width * visual.scale)),
                max(1, round(image.height * visual.scale)),
            )
        if size is not None and tuple(size) != image.size:
            image = image.resize(tuple(size), Image.Resampling.BILINEAR)
        return image

    def _mask(self, image: Image.Image, opacity: float) -> Image.Image | None:
        """The paste mask of `image` at `opacity`: none for an opaque RGB picture."""
        from PIL import Image  # noqa: PLC0415 - loaded only when something is rendered

        if image.mode == "RGBA":
            alpha = image.getchannel("A")
            if opacity < 1.0:
                alpha = alpha.point(lambda value: round(value * opacity))
            return alpha
        if opacity < 1.0:
            return Image.new("L", image.size, round(255 * opacity))
        return None

    def _tile(self, index: int, visual: Visual) -> tuple[Image.Image, Image.Image | None]:
        """A layer that is the same at every frame, drawn and sized once."""
        found = self._tiles.get(index)
        if found is not None:
            return found
        if visual.text is not None:
            image = _text_tile(visual.text, visual.scale)
        elif visual.hold:
            image = self._frames_of(_picture(visual.source)).frame(visual.offset)  # type: ignore[arg-type]
        else:
            from videodb_mock._media.drawing import prompt_picture  # noqa: PLC0415

            picture = _picture(visual.source)  # type: ignore[arg-type]
            facts = f"{picture.width}x{picture.height}"
            image = prompt_picture(picture.prompt, picture.width, picture.height, facts=facts)
        image = self._sized(image, visual)
        tile = (image, self._mask(image, visual.opacity))
        self._tiles[index] = tile
        return tile

    def frame(self, index: int) -> Image.Image:
        """Frame `index` (from 0) of the composition, as an RGB picture."""
        canvas: Image.Image | None = None
        for number, visual in enumerate(self.composition.visuals):
            if not visual.first <= index < visual.stop:
                continue
            if visual.text is None and not visual.still and not visual.hold:
                picture = _picture(visual.source)  # type: ignore[arg-type]
                drawn = self._frames_of(picture).frame(visual.offset + index - visual.first)
                if self._covers(visual):
                    canvas = drawn  # a new picture of its own: it is the frame
                    continue
                image = self._sized(drawn, visual)
                mask = self._mask(image, visual.opacity)
            else:
                image, mask = self._tile(number, visual)
            if canvas is None:
                canvas = self.background.copy()
            canvas.paste(image, self._place(visual, image.width, image.height), mask)
        return self.background.copy() if canvas is None else canvas


def video_frames(
    composition: Composition, start: int, stop: int
) -> Iterator[av.video.frame.VideoFrame]:
    """Frames `start` to `stop` of `composition` as the encoder takes them (YUV 4:2:0), timed
    at 1/fps from its start."""
    import av  # noqa: PLC0415 - loaded only when something is rendered
    from PIL import ImageChops  # noqa: PLC0415

    from videodb_mock._media.render import _converter  # noqa: PLC0415

    painter = _Painter(composition)
    to_yuv = _converter()
    time_base = Fraction(1, composition.fps)
    width, height = composition.width, composition.height
    previous: Image.Image | None = None
    planes: list[bytes] = []
    for index in range(start, min(stop, composition.frames)):
        image = painter.frame(index)
        changed = (0, 0, width, height)
        if previous is not None:
            changed = ImageChops.difference(image, previous).getbbox() or (0, 0, 0, 0)
        # Only the rows that changed since the last frame are converted (from an even row, as
        # chroma rows pair luma rows): a clip's frames change in a band, overlays not at all.
        top = changed[1] - changed[1] % 2
        bottom = min(height, changed[3] + changed[3] % 2)
        if bottom > top:
            moving = to_yuv(image.crop((0, top, width, bottom))).planes
            if not planes:
                planes = [bytes(plane) for plane in moving]
            else:
                for number, plane in enumerate(moving):
                    step = plane.line_size
                    rows = (top, bottom) if number == 0 else (top // 2, bottom // 2)
                    old = planes[number]
                    planes[number] = old[: rows[0] * step] + bytes(plane) + old[rows[1] * step :]
        frame = av.VideoFrame(width, height, "yuv420p")
        for plane, data in zip(frame.planes, planes, strict=True):
            plane.update(data)
        frame.pts = index
        frame.time_base = time_base
        previous = image
        yield frame


# Sound.


def _mix(composition: Composition, start: int, stop: int) -> av.audio.frame.AudioFrame:
    """Samples `start` to `stop` of the composition's mix, as a frame for the encoder (two
    16-bit channels it mixes down to mono, as every sound's), timed from its start."""
    import av  # noqa: PLC0415 - loaded only when something is rendered

    stop = min(stop, composition.samples)
    count = stop - start
    playing = [s for s in composition.sounds if s.first < stop and s.stop > start]
    if not playing:
        silence = bytes(2 * count)
        return audio.layers_frame(silence, silence, start)
    rate = audio.SAMPLE_RATE
    graph = av.filter.Graph()
    mixer = graph.add("amix", f"inputs={len(playing)}:normalize=0:duration=longest")
    out = graph.add("aformat", "sample_fmts=s16p:channel_layouts=stereo")
    sink = graph.add("abuffersink")
    sources = []
    for number, sound in enumerate(playing):
        source = graph.add_abuffer(
            format="s16p", sample_rate=rate, layout="stereo", time_base=Fraction(1, rate)
        )
        chain = [source]
        if sound.fade_in:
            chain.append(graph.add("afade", f"t=in:ss={sound.first}:ns={sound.fade_in}"))
        if sound.fade_out:
            begin = max(sound.first, sound.stop - sound.fade_out)
            chain.append(graph.add("afade", f"t=out:ss={begin}:ns={sound.stop - begin}"))
        if sound.volume != 1.0:
            chain.append(graph.add("volume", f"volume={sound.volume!r}"))
        for earlier, later in itertools.pairwise(chain):
            earlier.link_to(later)
        chain[-1].link_to(mixer, 0, number)
        sources.append((source, sound))
    mixer.link_to(out)
    out.link_to(sink)
    graph.configure()
    for source, sound in sources:
        low, high = max(start, sound.first), min(stop, sound.stop)
        one, two = audio.pcm(
            sound.source, sound.offset + low - sound.first, sound.offset + high - sound.first
        )
        before, after = bytes(2 * (low - start)), bytes(2 * (stop - high))
        source.push(audio.layers_frame(before + one + after, before + two + after, start))
        source.push(None)
    ones: list[bytes] = []
    twos: list[bytes] = []
    while True:
        try:
            mixed = sink.pull()
        except (av.BlockingIOError, av.EOFError):
            break
        if not isinstance(mixed, av.AudioFrame):
            raise TypeError(f"the mix gave {type(mixed).__name__}, not audio")
        size = 2 * mixed.samples
        ones.append(bytes(mixed.planes[0])[:size])
        twos.append(bytes(mixed.planes[1])[:size])
    one, two = b"".join(ones), b"".join(twos)
    return audio.layers_frame(
        one[: 2 * count].ljust(2 * count, b"\0"), two[: 2 * count].ljust(2 * count, b"\0"), start
    )


def sound_frame(composition: Composition, start: int, stop: int) -> av.audio.frame.AudioFrame:
    """Samples `start` to `stop` of the composition's sound, as the encoder takes them."""
    return _mix(composition, start, stop)


# Files.


def render_composition_segment(composition: Composition, index: int, path: Path) -> None:
    """Write segment `index` of `composition` to `path`: an MPEG-TS file of its frames (H.264)
    and, for a composition with sound, the AAC frames of its time.

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write the segment.
        OSError: `path` cannot be written.
    """
    import av  # noqa: PLC0415 - loaded only when something is rendered

    first = index * composition.segment_frames
    output = av.open(
        str(path), "w", format="mpegts", options={"mpegts_flags": "initial_discontinuity"}
    )
    try:
        video = add_video_stream(output, composition)  # type: ignore[arg-type]
        sound = audio.add_audio_stream(output) if composition.sounds else None
        for frame in video_frames(composition, first, first + composition.segment_frames):
            output.mux(video.encode(frame))
        output.mux(video.encode(None))
        if sound is not None:
            wanted = segment_audio_frames(composition, index)
            mux_sound(output, sound, wanted, functools.partial(_mix, composition))
    finally:
        output.close()


def render_composition_part(composition: Composition, name: str, path: Path) -> None:
    """Render the segment `name` of `composition` into `path`, written beside it and renamed
    to it when complete (the folder must exist).

    Raises:
        ValueError: `composition` has no segment named `name`.
        av.FFmpegError: FFmpeg failed to encode or write the segment.
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


def sample_composition(seconds: int = 30, *, width: int = 640, height: int = 360) -> Composition:
    """A composition `seconds` long of three clips (each a third, from longer videos), music
    faded in and out and a voice, a logo at the top right and a title in a box: for
    benchmarks and tests."""
    fps, third = 24, seconds // 3
    clips = [
        Picture(f"Clip {n} of a timed composition", third + 2, width=width, height=height)
        for n in range(3)
    ]
    visuals = [
        Visual(
            first=n * third * fps,
            stop=(n + 1) * third * fps,
            source=clip,
            offset=fps,
            size=(width, height),
        )
        for n, clip in enumerate(clips)
    ]
    total = 3 * third * fps
    logo = Picture("A round logo", 1, width=1024, height=1024, fps=1)
    visuals.append(
        Visual(
            first=0,
            stop=total,
            source=logo,
            still=True,
            size=(96, 96),
            x=(1.0, -1.0, -16),
            y=(0, 0, 16),
        )
    )
    title = Text("A TIMED TITLE", 28, colour=(0, 0, 0, 255), box=(255, 255, 255, 255), padding=10)
    visuals.append(
        Visual(
            first=fps, stop=min(total, 4 * fps), text=title, x=(0.5, -0.5, 0), y=(1.0, -1.0, -24)
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


def render_composition(composition: Composition, folder: Path) -> None:
    """Render every segment of `composition` into the existing `folder`.

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write a segment.
        OSError: `folder` cannot be written.
    """
    for name in composition.parts():
        render_composition_part(composition, name, folder / name)


def time_composition(seconds: int = 30, *, width: int = 640, height: int = 360) -> float:
    """Seconds this machine takes to render every segment of `sample_composition(seconds)`,
    as the sandbox renders them, in this process.

    For benchmarks: renders into a temporary folder and removes it.
    """
    composition = sample_composition(seconds, width=width, height=height)
    with tempfile.TemporaryDirectory(prefix="videodb-compose-") as folder:
        started = time.perf_counter()
        render_composition(composition, Path(folder))
        return time.perf_counter() - started


def visuals_at(composition: Composition, index: int) -> Sequence[Visual]:
    """The visuals showing at frame `index`, in the order they are painted."""
    return [v for v in composition.visuals if v.first <= index < v.stop]
