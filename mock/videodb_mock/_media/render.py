"""Rendering a generated video: frames that show the prompt and move, encoded to HLS and a JPEG.

A video is H.264 in MPEG-TS segments of `SEGMENT_SECONDS` under an HLS playlist, plus a
thumbnail, all written into one folder. It lasts exactly the requested duration: one frame
per 1/fps second and a key frame at every segment boundary, so the segments split evenly.
Encoding uses the FFmpeg that comes inside PyAV; PyAV is imported only when a video is
rendered, so a sandbox that renders nothing does not load it.
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

from videodb_mock import _font
from videodb_mock._canvas import Canvas, rgb

if TYPE_CHECKING:
    import av.video.frame

PLAYLIST = "stream.m3u8"
THUMBNAIL = "thumbnail.jpg"
SEGMENT_PATTERN = "seg%03d.ts"
SEGMENT_SECONDS = 2
#: Bumped whenever frames would come out different, so cached renders are not reused.
RENDER_VERSION = "r1"

BACKGROUND = rgb(18, 22, 48)
LANE = rgb(30, 36, 72)
BALL = rgb(255, 140, 0)
TRACK = rgb(70, 74, 96)
FILL = rgb(0, 190, 220)
TEXT_LUMA = 235
LABEL_LUMA = 150

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


class _Layout:
    """Where everything goes on a frame of a picture, and the background drawn once."""

    def __init__(self, picture: Picture, strides: tuple[int, int, int]) -> None:
        width, height = picture.width, picture.height
        self.picture = picture
        self.scale = max(1, height // 120)
        self.small = max(1, self.scale - 1)
        self.margin = width // 24
        self.ball = max(4, height // 12)
        self.lane_top = height * 70 // 100
        self.clock_top = height * 82 // 100
        self.bar_top = height * 91 // 100
        self.bar_height = max(2, height // 45)
        self.background = self._background(strides)

    def _background(self, strides: tuple[int, int, int]) -> Canvas:
        picture, scale, small, margin = self.picture, self.scale, self.small, self.margin
        canvas = Canvas.blank(picture.width, picture.height, strides, BACKGROUND)
        canvas.text(margin, margin // 2, "VIDEODB SANDBOX", small, LABEL_LUMA)
        facts = f"{picture.duration} s  {picture.width}x{picture.height}  {picture.fps} fps"
        right = picture.width - margin - _font.text_width(facts, small)
        canvas.text(right, margin // 2, facts, small, LABEL_LUMA)
        pitch = _font.LINE_HEIGHT * scale
        columns = (picture.width - 2 * margin) // (_font.ADVANCE * scale)
        area_top, area_bottom = picture.height * 16 // 100, self.lane_top - pitch // 2
        lines = _font.wrap(picture.prompt, columns, max(1, (area_bottom - area_top) // pitch))
        top = area_top + (area_bottom - area_top - len(lines) * pitch) // 2
        for number, line in enumerate(lines):
            left = (picture.width - _font.text_width(line, scale)) // 2
            canvas.text(left, top + number * pitch, line, scale, TEXT_LUMA)
        canvas.fill(0, self.lane_top, picture.width, self.ball, LANE)
        canvas.fill(margin, self.bar_top, picture.width - 2 * margin, self.bar_height, TRACK)
        return canvas

    def frame(self, index: int) -> Canvas:
        """Frame `index`: the background, a ball crossing the lane, the clock, a progress bar."""
        picture, margin = self.picture, self.margin
        canvas = self.background.copy()
        seconds = index / picture.fps
        # The ball bounces across the lane once every two seconds: motion at any duration.
        phase = (seconds / 2.0) % 2.0
        travel = picture.width - 2 * margin - self.ball
        left = margin + round(travel * (phase if phase <= 1.0 else 2.0 - phase))
        canvas.fill(left, self.lane_top, self.ball, self.ball, BALL)
        clock = f"{_clock(seconds)} / {_clock(picture.duration)}"
        canvas.text(margin, self.clock_top, clock, self.small, TEXT_LUMA)
        counter = f"frame {index + 1:03d}/{picture.frames:03d}"
        right = picture.width - margin - _font.text_width(counter, self.small)
        canvas.text(right, self.clock_top, counter, self.small, LABEL_LUMA)
        filled = (picture.width - 2 * margin) * (index + 1) // picture.frames
        canvas.fill(margin, self.bar_top, filled, self.bar_height, FILL)
        return canvas


def _clock(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes):02d}:{rest:05.2f}"


def _strides(picture: Picture) -> tuple[int, int, int]:
    """Bytes per row of each plane in the encoder's frames (rows may be padded)."""
    import av  # noqa: PLC0415 - loaded only when something is rendered

    probe = av.VideoFrame(picture.width, picture.height, "yuv420p")
    luma, blue, red = (plane.line_size for plane in probe.planes)
    return luma, blue, red


def frames(picture: Picture) -> Iterator[av.video.frame.VideoFrame]:
    """The video's frames, in order, timed at 1/fps each."""
    import av  # noqa: PLC0415 - loaded only when something is rendered

    layout = _Layout(picture, _strides(picture))
    time_base = Fraction(1, picture.fps)
    for index in range(picture.frames):
        canvas = layout.frame(index)
        frame = av.VideoFrame(picture.width, picture.height, "yuv420p")
        for plane, data in zip(frame.planes, canvas.planes, strict=True):
            plane.update(bytes(data))
        frame.pts = index
        frame.time_base = time_base
        yield frame


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
        for index, frame in enumerate(frames(picture)):
            if index == thumbnail_at:
                (folder / THUMBNAIL).write_bytes(jpeg(frame))
            output.mux(stream.encode(frame))
            progress((index + 1) / picture.frames)
        output.mux(stream.encode(None))
    finally:
        output.close()


def jpeg(frame: av.video.frame.VideoFrame) -> bytes:
    """`frame` as a baseline JPEG of the same size, encoded by FFmpeg's MJPEG encoder.

    Raises:
        av.FFmpegError: the frame cannot be encoded.
    """
    import av  # noqa: PLC0415 - loaded only when something is rendered

    encoder = av.CodecContext.create("mjpeg", "w")
    encoder.width, encoder.height = frame.width, frame.height
    encoder.pix_fmt = "yuvj420p"
    encoder.time_base = Fraction(1, 25)
    encoder.options = {"qmin": "2", "qmax": "4"}
    full_range = frame.reformat(format="yuvj420p")
    full_range.pts = 0
    return b"".join(
        bytes(packet) for packet in [*encoder.encode(full_range), *encoder.encode(None)]
    )


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
