"""Rendering a generated video: its frames (`drawing`) encoded to HLS, and a JPEG thumbnail.

A video is H.264 in MPEG-TS segments of `SEGMENT_SECONDS` under an HLS playlist, plus a
thumbnail. It lasts exactly the requested duration: one frame per 1/fps second, and each
segment starts with a key frame. Every part is made on its own, when it is asked for:

* the playlist is text that follows from the duration alone (`playlist`), nothing to render;
* a segment (`seg000.ts`, ...) is its own frames encoded by an encoder of its own into an
  MPEG-TS file whose timestamps continue the previous segment's, and whose first packets are
  marked as a discontinuity, so players join the segments however they were made;
* the thumbnail is one frame, drawn and saved as a JPEG.

A generated image is a picture of one frame (`image_picture`: one second at one frame a second,
in the size its aspect ratio gives), drawn as the videos' pictures are and saved as a PNG
(`IMAGE`), rendered when first fetched like a video's parts.

So a player that watches two seconds costs two seconds' rendering, and nothing is rendered for
a video nobody plays. Encoding uses the FFmpeg that comes inside PyAV; PyAV and Pillow are
imported only when something is rendered (in the sandbox, only in its render workers).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import attrs

if TYPE_CHECKING:
    import av.container
    import av.video.frame
    import av.video.stream
    from PIL import Image

PLAYLIST = "stream.m3u8"
THUMBNAIL = "thumbnail.jpg"
SEGMENT_SECONDS = 2
THUMBNAIL_QUALITY = 90
#: The file of a generated image.
IMAGE = "image.png"
#: zlib's level for images: level 1 makes files about 20% larger than the default (6) in about
#: two thirds of the time (a 1024x1024 image: 16 ms against 23 ms, measured here).
PNG_COMPRESS_LEVEL = 1
#: An image's size in pixels for each aspect ratio: 1024 on the long side.
IMAGE_SIZES: dict[str, tuple[int, int]] = {
    "1:1": (1024, 1024),
    "16:9": (1024, 576),
    "9:16": (576, 1024),
    "4:3": (1024, 768),
    "3:4": (768, 1024),
}
#: Bumped whenever rendered files would come out different, so cached ones are not reused.
RENDER_VERSION = "r3"
#: The end of a file being written; it is renamed to its own name when complete.
PARTIAL = ".partial"
_SEGMENT = re.compile(r"seg(\d{3,6})\.ts")


class Segmented(Protocol):
    """What is cut into HLS segments of `SEGMENT_SECONDS`: a video (`Picture`), or a stream of
    parts of one (`cuts.Cut`)."""

    @property
    def fps(self) -> int:
        """Frames a second."""

    @property
    def frames(self) -> int:
        """How many frames it has."""

    @property
    def segment_frames(self) -> int:
        """How many frames a segment has (the last one may have fewer)."""

    @property
    def segments(self) -> int:
        """How many segments it has."""


class Framed(Protocol):
    """What an H.264 stream is encoded from (`add_video_stream`): a video (`Picture`), or a
    composition (`compose.Composition`)."""

    @property
    def fps(self) -> int:
        """Frames a second."""

    @property
    def width(self) -> int:
        """The frame's width in pixels."""

    @property
    def height(self) -> int:
        """The frame's height in pixels."""

    @property
    def segment_frames(self) -> int:
        """How many frames a segment has: the distance between key frames."""


class Segments:
    """How anything with `frames` at `fps` (a `Picture`, a `cuts.Cut`) is cut into segments."""

    __slots__ = ()

    @property
    def fps(self) -> int:
        """Frames a second."""
        raise NotImplementedError

    @property
    def frames(self) -> int:
        """How many frames it has."""
        raise NotImplementedError

    @property
    def segment_frames(self) -> int:
        """How many frames a segment has (the last one may have fewer)."""
        return SEGMENT_SECONDS * self.fps

    @property
    def segments(self) -> int:
        """How many segments it has."""
        return -(-self.frames // self.segment_frames)


def _even(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 64 or value % 2:
        raise ValueError(f"{attribute.name} must be an even number >= 64, not {value}")


@attrs.frozen
class Picture(Segments):
    """What a video shows and how: its prompt, duration, frame size and frame rate."""

    prompt: str
    duration: int = attrs.field(validator=attrs.validators.ge(1))
    width: int = attrs.field(default=640, validator=_even)
    height: int = attrs.field(default=360, validator=_even)
    fps: int = attrs.field(default=24, validator=attrs.validators.ge(1))
    #: A name for this rendering, the same for the same picture: its cache key.
    key: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "key", self._key())

    @property
    def frames(self) -> int:
        """How many frames the video has."""
        return self.duration * self.fps

    @property
    def thumbnail_frame(self) -> int:
        """The frame the thumbnail shows: the one at one second, or the last."""
        return min(self.frames - 1, self.fps)

    def parts(self) -> list[str]:
        """The names of the files rendered for the video: its segments and its thumbnail."""
        return [segment_name(index) for index in range(self.segments)] + [THUMBNAIL]

    def _key(self) -> str:
        text = "\0".join(
            [
                RENDER_VERSION,
                self.prompt,
                *map(str, (self.duration, self.width, self.height, self.fps)),
            ]
        )
        return f"{RENDER_VERSION}-{hashlib.sha256(text.encode()).hexdigest()[:24]}"


def image_picture(prompt: str, aspect_ratio: str) -> Picture:
    """What a generated image of `prompt` shows: a picture of one frame, sized for
    `aspect_ratio` (a key of `IMAGE_SIZES`).

    Raises:
        KeyError: the aspect ratio is not one of `IMAGE_SIZES`.
    """
    width, height = IMAGE_SIZES[aspect_ratio]
    return Picture(prompt, 1, width=width, height=height, fps=1)


def segment_name(index: int) -> str:
    """The file name of segment `index` (from 0)."""
    return f"seg{index:03d}.ts"


def segment_index(picture: Segmented, name: str) -> int | None:
    """The index of the segment named `name`, or `None` if `picture` has no such segment."""
    found = _SEGMENT.fullmatch(name)
    if found is None or segment_name(int(found[1])) != name:
        return None
    index = int(found[1])
    return index if index < picture.segments else None


def playlist(picture: Segmented) -> str:
    """The video's HLS playlist (VOD): every segment and its length, known without rendering."""
    lines = [
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        f"#EXT-X-TARGETDURATION:{SEGMENT_SECONDS}",
        "#EXT-X-MEDIA-SEQUENCE:0",
        "#EXT-X-PLAYLIST-TYPE:VOD",
        "#EXT-X-INDEPENDENT-SEGMENTS",
    ]
    for index in range(picture.segments):
        first = index * picture.segment_frames
        count = min(picture.segment_frames, picture.frames - first)
        lines += [f"#EXTINF:{count / picture.fps:.6f},", segment_name(index)]
    lines.append("#EXT-X-ENDLIST")
    return "\n".join(lines) + "\n"


def frames(
    picture: Picture, start: int = 0, stop: int | None = None
) -> Iterator[tuple[Image.Image, av.video.frame.VideoFrame]]:
    """The video's frames from `start` up to `stop` (default: the end), in order: each as drawn
    (RGB) and as the encoder takes it (YUV 4:2:0, timed at 1/fps from the video's start)."""
    end = picture.frames if stop is None else min(stop, picture.frames)
    return frames_at(picture, range(start, end), start)


def frames_at(
    picture: Picture, indices: Iterable[int], first: int = 0
) -> Iterator[tuple[Image.Image, av.video.frame.VideoFrame]]:
    """The video's frames `indices` (each below `picture.frames`), in the order given, as
    `frames` makes them, but timed one after another from frame `first` (a stream of parts
    of the video shows its frames at times of its own)."""
    # Cost, measured on this project's 2-core machine (`make bench BENCH=render`): an 8 s
    # 640x360 video renders in about 0.24 s, segment by segment (1280x720: 0.83 s), most of it
    # drawing with Pillow and converting the rows that move, the rest x264. (Pillow replaced a
    # hand-made bitmap font and YUV canvas, measured side by side then: 0.18 s against 0.14 s
    # for a whole video rendered by one encoder.)
    import av  # noqa: PLC0415 - loaded only when something is rendered

    from videodb_mock._media.drawing import VideoFrames  # noqa: PLC0415 - loads Pillow

    drawn = VideoFrames(picture)
    to_yuv = _converter()
    width, height = picture.width, picture.height
    # The rows above the lane never change: they are converted once, and each frame converts
    # only the rows below (from an even row, as chroma rows pair luma rows).
    split = drawn.still_rows - drawn.still_rows % 2
    still = [bytes(p) for p in to_yuv(drawn.background.crop((0, 0, width, split))).planes]
    time_base = Fraction(1, picture.fps)
    for pts, index in enumerate(indices, first):
        image = drawn.frame(index)
        moving = to_yuv(image.crop((0, split, width, height)))
        frame = av.VideoFrame(width, height, "yuv420p")
        for plane, top, rest in zip(frame.planes, still, moving.planes, strict=True):
            plane.update(top + bytes(rest))
        frame.pts = pts
        frame.time_base = time_base
        yield image, frame


def _converter() -> Callable[[Image.Image], av.video.frame.VideoFrame]:
    """A function converting RGB pictures to YUV 4:2:0 frames, keeping one FFmpeg scaler."""
    import av  # noqa: PLC0415 - loaded only when something is rendered
    from av.video.reformatter import VideoReformatter  # noqa: PLC0415

    # Making a scaler costs more than converting a frame: one serves every frame.
    reformatter = VideoReformatter()

    def convert(image: Image.Image) -> av.video.frame.VideoFrame:
        rgb = av.VideoFrame.from_image(image)  # type: ignore[no-untyped-call] # untyped in its stub
        # Nearest-neighbour chroma: exact for flat colours, the fastest, and no row's colour
        # depends on its neighbours, so converting the rows in two parts changes nothing.
        return reformatter.reformat(rgb, format="yuv420p", interpolation="POINT")

    return convert


def add_video_stream(
    output: av.container.OutputContainer, picture: Framed, threads: int = 1
) -> av.video.stream.VideoStream:
    """Add to `output` the H.264 stream of `picture`'s segments, with the settings every
    segment is encoded with (a dubbed video's too): `threads` encoder threads, a key frame to
    start each segment and none elsewhere."""
    stream = output.add_stream("libx264", rate=picture.fps)
    stream.width, stream.height, stream.pix_fmt = picture.width, picture.height, "yuv420p"
    gop = picture.segment_frames
    stream.codec_context.gop_size = gop
    stream.codec_context.thread_count = threads
    stream.options = {
        "preset": "ultrafast",
        "x264-params": f"keyint={gop}:min-keyint={gop}:scenecut=0",
    }
    return stream


def render_segment(picture: Picture, index: int, path: Path, *, threads: int = 1) -> None:
    """Write segment `index` of `picture`'s video to `path`, an MPEG-TS file; `threads` is how
    many threads the H.264 encoder may use.

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write the segment.
        OSError: `path` cannot be written.
    """
    import av  # noqa: PLC0415 - loaded only when something is rendered

    first = index * picture.segment_frames
    # The muxer marks its first packets as a discontinuity: players then take this segment
    # after the previous one although its packets do not continue that file's counters.
    output = av.open(
        str(path), "w", format="mpegts", options={"mpegts_flags": "initial_discontinuity"}
    )
    try:
        stream = add_video_stream(output, picture, threads)
        for _, frame in frames(picture, first, first + picture.segment_frames):
            output.mux(stream.encode(frame))
        output.mux(stream.encode(None))
    finally:
        output.close()


def render_thumbnail(picture: Picture, path: Path) -> None:
    """Write `picture`'s thumbnail to `path`, a JPEG of its frame at one second.

    Raises:
        OSError: `path` cannot be written.
    """
    from videodb_mock._media.drawing import VideoFrames  # noqa: PLC0415 - loads Pillow

    image = VideoFrames(picture).frame(picture.thumbnail_frame)
    image.save(path, "JPEG", quality=THUMBNAIL_QUALITY)


def render_image(picture: Picture, path: Path) -> None:
    """Write `picture` as a still image to `path`, a PNG: the prompt and the image's size.
    The same picture always gives the same bytes.

    Raises:
        OSError: `path` cannot be written.
    """
    from videodb_mock._media.drawing import prompt_picture  # noqa: PLC0415 - loads Pillow

    facts = f"{picture.width}x{picture.height}"
    image = prompt_picture(picture.prompt, picture.width, picture.height, facts=facts)
    image.save(path, "PNG", compress_level=PNG_COMPRESS_LEVEL)


def render_part(picture: Picture, name: str, path: Path) -> None:
    """Render the part `name` of `picture`'s video (a segment or the thumbnail), or `picture`
    as an image (`IMAGE`), into `path`.

    The file is written beside `path` and renamed to it when complete, so a half-written part
    is never served; the folder must exist.

    Raises:
        ValueError: `picture` has no part named `name`.
        av.FFmpegError: FFmpeg failed to encode or write a segment.
        OSError: `path` cannot be written.
    """
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}{PARTIAL}")
    index = segment_index(picture, name)
    try:
        if index is not None:
            render_segment(picture, index, partial)
        elif name == THUMBNAIL:
            render_thumbnail(picture, partial)
        elif name == IMAGE:
            render_image(picture, partial)
        else:
            raise ValueError(f"a video has no part named {name!r}")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def render_video(picture: Picture, folder: Path) -> None:
    """Render the whole of `picture`'s video into the existing `folder`: its playlist, every
    segment and the thumbnail, each as the sandbox renders it.

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write the video.
        OSError: `folder` cannot be written.
    """
    (folder / PLAYLIST).write_text(playlist(picture))
    for name in picture.parts():
        render_part(picture, name, folder / name)


def time_render(duration: int = 8, *, width: int = 640, height: int = 360, fps: int = 24) -> float:
    """Seconds this machine takes to render the whole of a `duration`-second video, as the
    sandbox renders it (every segment and the thumbnail), in this process.

    For benchmarks: renders into a temporary folder and removes it.

    Raises:
        av.FFmpegError: FFmpeg failed to encode the video.
    """
    picture = Picture(
        f"A {duration} second test render, timed", duration, width=width, height=height, fps=fps
    )
    with tempfile.TemporaryDirectory(prefix="videodb-render-") as folder:
        started = time.perf_counter()
        render_video(picture, Path(folder))
        return time.perf_counter() - started


def time_image(aspect_ratio: str = "1:1") -> float:
    """Seconds this machine takes to render one generated image of `aspect_ratio` as the
    sandbox renders it (drawn and saved as a PNG), in this process.

    For benchmarks: renders into a temporary folder and removes it.

    Raises:
        KeyError: the aspect ratio is not one of `IMAGE_SIZES`.
    """
    picture = image_picture(f"A {aspect_ratio} test image, timed", aspect_ratio)
    with tempfile.TemporaryDirectory(prefix="videodb-render-") as folder:
        started = time.perf_counter()
        render_part(picture, IMAGE, Path(folder) / IMAGE)
        return time.perf_counter() - started
