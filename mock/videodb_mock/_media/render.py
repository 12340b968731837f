"""Rendering a generated video: its frames (`drawing`) encoded to HLS, and a JPEG thumbnail.

A video is H.264 in MPEG-TS segments of `SEGMENT_SECONDS` under an HLS playlist, plus a
thumbnail, all written into one folder. It lasts exactly the requested duration: one frame
per 1/fps second and a key frame at every segment boundary, so the segments split evenly.
Encoding uses the FFmpeg that comes inside PyAV; PyAV and Pillow are imported only when a
video is rendered, so a sandbox that renders nothing does not load them.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    import av.video.frame
    from PIL import Image

PLAYLIST = "stream.m3u8"
THUMBNAIL = "thumbnail.jpg"
SEGMENT_PATTERN = "seg%03d.ts"
SEGMENT_SECONDS = 2
THUMBNAIL_QUALITY = 90
#: Bumped whenever frames would come out different, so cached renders are not reused.
RENDER_VERSION = "r2"

Progress = Callable[[float], None]


def _even(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 64 or value % 2:
        raise ValueError(f"{attribute.name} must be an even number >= 64, not {value}")


@attrs.frozen
class Picture:
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

    def _key(self) -> str:
        text = "\0".join(
            [
                RENDER_VERSION,
                self.prompt,
                *map(str, (self.duration, self.width, self.height, self.fps)),
            ]
        )
        return f"{RENDER_VERSION}-{hashlib.sha256(text.encode()).hexdigest()[:24]}"


def _no_progress(fraction: float) -> None:
    """Progress is not reported anywhere."""


def frames(picture: Picture) -> Iterator[tuple[Image.Image, av.video.frame.VideoFrame]]:
    """The video's frames, in order: each as drawn (RGB) and as the encoder takes it
    (YUV 4:2:0, timed at 1/fps)."""
    # Cost, measured side by side on this project's 2-core machine (`make bench BENCH=render`):
    # an 8 s 640x360 video renders in about 0.18 s, against 0.14 s with the hand-made bitmap
    # font and YUV canvas Pillow replaced (1280x720: 0.78 s against 0.53 s). x264 takes about
    # 0.08 s of it; drawing with Pillow, and converting only the rows that move, the rest.
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
    for index in range(picture.frames):
        image = drawn.frame(index)
        moving = to_yuv(image.crop((0, split, width, height)))
        frame = av.VideoFrame(width, height, "yuv420p")
        for plane, top, rest in zip(frame.planes, still, moving.planes, strict=True):
            plane.update(top + bytes(rest))
        frame.pts = index
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


def render_video(
    picture: Picture, folder: Path, progress: Progress = _no_progress, *, threads: int = 1
) -> None:
    """Render `picture` into the existing, empty `folder`: playlist, segments, thumbnail.

    `progress` is called with the fraction done after each frame; an exception it raises
    stops the rendering (and is raised again). `threads` is how many threads the H.264
    encoder may use.

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write the video.
        OSError: `folder` cannot be written.
    """
    import av  # noqa: PLC0415 - loaded only when something is rendered

    gop = SEGMENT_SECONDS * picture.fps
    thumbnail_at = min(picture.frames - 1, picture.fps)
    output = av.open(
        str(folder / PLAYLIST),
        "w",
        format="hls",
        options={
            "hls_time": str(SEGMENT_SECONDS),
            "hls_list_size": "0",
            "hls_playlist_type": "vod",
            # The muxer reads `%` as a pattern: a folder's own `%` must be escaped.
            "hls_segment_filename": str(folder).replace("%", "%%") + "/" + SEGMENT_PATTERN,
        },
    )
    try:
        stream = output.add_stream("libx264", rate=picture.fps)
        stream.width, stream.height, stream.pix_fmt = picture.width, picture.height, "yuv420p"
        stream.codec_context.gop_size = gop
        stream.codec_context.thread_count = threads
        # A key frame exactly at every segment boundary, and none elsewhere.
        stream.options = {
            "preset": "ultrafast",
            "x264-params": f"keyint={gop}:min-keyint={gop}:scenecut=0",
        }
        for index, (image, frame) in enumerate(frames(picture)):
            if index == thumbnail_at:
                image.save(folder / THUMBNAIL, "JPEG", quality=THUMBNAIL_QUALITY)
            output.mux(stream.encode(frame))
            progress((index + 1) / picture.frames)
        output.mux(stream.encode(None))
    finally:
        output.close()


def time_render(duration: int = 8, *, width: int = 640, height: int = 360, fps: int = 24) -> float:
    """Seconds this machine takes to render a `duration`-second video, as the sandbox does.

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
