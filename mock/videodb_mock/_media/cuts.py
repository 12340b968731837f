"""Streams of parts of a video: the source's frames of each part, one part after another, with
hard cuts, and for a dubbed source the sound of those parts too.

A `Cut` is a source (a generated video's `Picture`, or a `Dub`) and its parts as spans of
frames (`[first, stop)`, from `spans`, which turns the API's seconds into frames). It is cut
into HLS segments of `SEGMENT_SECONDS` of its own frames, as a video is (`render.playlist`
and `render.segment_index` take it as they take a `Picture`), and each segment is rendered on
its own when first fetched: the source's frames drawn again (`render.frames_at`), timed from
the stream's start, encoded with the video's settings into an MPEG-TS file; a dub's segments
carry the AAC frames of the parts' voice that start within their time, on one grid from the
stream's start (`dubbing.segment_audio_frames`), so the audio follows on across segments as a
dub's does. The audio of a part is the source's samples of the same frames, so pictures and
sound stay together across the cuts.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from videodb_mock._media import audio
from videodb_mock._media.dubbing import Dub, mux_sound, segment_audio_frames
from videodb_mock._media.render import (
    PARTIAL,
    RENDER_VERSION,
    Picture,
    Segments,
    add_video_stream,
    frames_at,
    segment_index,
    segment_name,
)

#: Bumped whenever a cut's segments would come out different, so cached ones are not reused.
CUT_VERSION = "c1"

Span = tuple[int, int]


def _spans(
    instance: Cut, attribute: attrs.Attribute[tuple[Span, ...]], value: tuple[Span, ...]
) -> None:
    if not value:
        raise ValueError("a stream of parts needs at least one part")
    frames = instance.picture.frames
    for first, stop in value:
        if not 0 <= first < stop <= frames:
            raise ValueError(f"frames {first} to {stop} are not a part of {frames} frames")


def _as_spans(value: Iterable[Sequence[int]]) -> tuple[Span, ...]:
    return tuple((int(first), int(stop)) for first, stop in value)


def picture_of(source: Picture | Dub) -> Picture:
    """The pictures a video shows: its own, or a dub's source's."""
    return source.source if isinstance(source, Dub) else source


@attrs.frozen
class Cut(Segments):
    """A stream of the frames `spans` (`[first, stop)` each) of `source`, in order."""

    source: Picture | Dub
    spans: tuple[Span, ...] = attrs.field(converter=_as_spans, validator=_spans)
    #: A name for this rendering, the same for the same cut: its cache key (the form of a
    #: `Picture`'s key, so the media cache keeps it beside them).
    key: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        text = "\0".join([CUT_VERSION, self.source.key, repr(self.spans)])
        digest = hashlib.sha256(text.encode()).hexdigest()[:24]
        object.__setattr__(self, "key", f"{RENDER_VERSION}-{digest}")

    @property
    def picture(self) -> Picture:
        """The video whose frames the stream shows."""
        return picture_of(self.source)

    @property
    def sound(self) -> audio.Sound | None:
        """The source's sound (a dub's voice), if it has one."""
        return self.source.sound if isinstance(self.source, Dub) else None

    @property
    def fps(self) -> int:
        """Frames a second: the source's."""
        return self.picture.fps

    @property
    def frames(self) -> int:
        """How many frames the stream has: its parts' together."""
        return sum(stop - first for first, stop in self.spans)

    @property
    def seconds(self) -> float:
        """How long the stream lasts."""
        return self.frames / self.fps

    @property
    def samples(self) -> int:
        """How many samples of sound the stream has (with a sound): its frames' worth."""
        return self.frames * audio.SAMPLE_RATE // self.fps

    def parts(self) -> list[str]:
        """The names of the files rendered for the stream: its segments."""
        return [segment_name(index) for index in range(self.segments)]

    def source_frames(self, start: int = 0, stop: int | None = None) -> Iterator[int]:
        """The source's frame shown at each of the stream's frames `start` to `stop` (default:
        the end)."""
        stop = self.frames if stop is None else min(stop, self.frames)
        offset = 0
        for first, end in self.spans:
            count = end - first
            low, high = max(start, offset), min(stop, offset + count)
            yield from range(first + low - offset, first + high - offset)
            offset += count
            if offset >= stop:
                return

    def pcm(self, start: int, stop: int) -> tuple[bytes, bytes]:
        """Samples `start` to `stop` (at most the end) of the stream's sound, as `audio.pcm`
        gives them: each part's samples are the source's of the same frames.

        Raises:
            ValueError: the source has no sound.
        """
        sound = self.sound
        if sound is None:
            raise ValueError("a stream of parts of a video without sound has no samples")
        rate, fps = audio.SAMPLE_RATE, self.fps
        stop = min(stop, self.samples)
        ones: list[bytes] = []
        twos: list[bytes] = []
        offset = 0
        for first, end in self.spans:
            begin, finish = offset * rate // fps, (offset + end - first) * rate // fps
            low, high = max(start, begin), min(stop, finish)
            if low < high:
                # The source's samples of the same frames; its last may fall short by a sample.
                at = first * rate // fps + low - begin
                one, two = audio.pcm(
                    sound, min(at, sound.samples), min(at + high - low, sound.samples)
                )
                size = 2 * (high - low)
                ones.append(one.ljust(size, b"\0"))
                twos.append(two.ljust(size, b"\0"))
            offset += end - first
        return b"".join(ones), b"".join(twos)


def spans(picture: Picture, parts: Sequence[tuple[float, float]]) -> tuple[Span, ...]:
    """The frames of `picture` that `parts` (`[start, end]` in seconds, each within the video
    and ending after it starts) show: from the frame at its start to the frame at its end, at
    least one.

    Raises:
        ValueError: a part is not within the video, or does not end after it starts.
    """
    found: list[Span] = []
    fps, frames = picture.fps, picture.frames
    for start, end in parts:
        if not 0 <= start < end <= picture.duration:
            raise ValueError(f"[{start}, {end}] is not a part of a {picture.duration} s video")
        first = min(frames - 1, round(start * fps))
        found.append((first, max(first + 1, min(frames, round(end * fps)))))
    return tuple(found)


def render_cut_segment(cut: Cut, index: int, path: Path) -> None:
    """Write segment `index` of `cut` to `path`: an MPEG-TS file of its frames (H.264, as
    every segment is encoded) and, for a source with sound, the AAC frames of its time.

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write the segment.
        OSError: `path` cannot be written.
    """
    import av  # noqa: PLC0415 - loaded only when something is rendered

    first = index * cut.segment_frames
    stop = first + cut.segment_frames
    output = av.open(
        str(path), "w", format="mpegts", options={"mpegts_flags": "initial_discontinuity"}
    )
    try:
        video = add_video_stream(output, cut.picture)
        sound = None if cut.sound is None else audio.add_audio_stream(output)
        for _, frame in frames_at(cut.picture, cut.source_frames(first, stop), first):
            output.mux(video.encode(frame))
        output.mux(video.encode(None))
        if sound is not None:
            wanted = segment_audio_frames(cut, index)
            mux_sound(output, sound, wanted, lambda a, b: audio.layers_frame(*cut.pcm(a, b), a))
    finally:
        output.close()


def render_cut_part(cut: Cut, name: str, path: Path) -> None:
    """Render the segment `name` of `cut` into `path`, written beside it and renamed to it when
    complete (the folder must exist).

    Raises:
        ValueError: `cut` has no segment named `name`.
        av.FFmpegError: FFmpeg failed to encode or write the segment.
        OSError: `path` cannot be written.
    """
    index = segment_index(cut, name)
    if index is None:
        raise ValueError(f"a stream of parts has no part named {name!r}")
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}{PARTIAL}")
    try:
        render_cut_segment(cut, index, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
