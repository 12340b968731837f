"""A stream as one MP4 file, for downloads: H.264, with AAC where the stream has sound.

What a stream shows (a generated video's `Picture`, a `Dub`, a `Cut` of either, or a
`compose.Composition`) is encoded again, whole, by one encoder per track: the same frames as
its HLS segments (the video's H.264 settings, a key frame every segment's length), and for a
dub, a cut of one or a composition with sounds, its sound (a composition's: its mix) with the
encoder every sound uses (`audio.add_audio_stream`). A generated video has no
sound track, in its stream or its MP4. The pictures and the sound are written in step, a
segment's length at a time, so the muxer holds little. The MP4 records the encoder's delay and
the sound's real length (an edit list), so it decodes to exactly the stream's frames and
samples, and `faststart` puts its index first, so a player can start before it has it all.
Like the segments, it is rendered when first fetched, in a render worker.

Cost, measured on this project's 2-core machine: an 8 s 640x360 video in about 0.3 s, its
dub too (`time_mp4`; median of 5), as long as its segments take one by one.
"""

from __future__ import annotations

import functools
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from videodb_mock._media import audio
from videodb_mock._media.compose import Composition, sound_frame, video_frames
from videodb_mock._media.cuts import Cut
from videodb_mock._media.dubbing import Dub
from videodb_mock._media.render import PARTIAL, Picture, add_video_stream, frames_at

if TYPE_CHECKING:
    import av.audio.frame
    import av.video.frame

#: The file of a stream's download.
MP4 = "video.mp4"
CONTENT_TYPE = "video/mp4"

#: What can be downloaded: a stream's pictures, with or without sound, or a composition.
Streamed = Picture | Dub | Cut | Composition


def whole(item: Picture | Dub | Cut) -> Cut:
    """`item` as a stream of parts: a video or a dub is the one part that is all of it."""
    if isinstance(item, Cut):
        return item
    picture = item.source if isinstance(item, Dub) else item
    return Cut(item, ((0, picture.frames),))


Frames = Callable[[int, int], Iterator["av.video.frame.VideoFrame"]]
Samples = Callable[[int, int], "av.audio.frame.AudioFrame"]


def _tracks(
    item: Streamed,
) -> tuple[Cut | Composition, Picture | Composition, Frames, Samples | None]:
    """What an MP4 of `item` is made of: what is cut into steps (its frames and rate), what
    sizes the video track, its frames from one to another, and its sound (if it has one)."""
    if isinstance(item, Composition):
        sound = functools.partial(sound_frame, item) if item.sounds else None
        return item, item, functools.partial(video_frames, item), sound
    cut = whole(item)

    def frames_from(start: int, stop: int) -> Iterator[av.video.frame.VideoFrame]:
        drawn = frames_at(cut.picture, cut.source_frames(start, stop), start)
        return (frame for _, frame in drawn)

    def samples(first: int, last: int) -> av.audio.frame.AudioFrame:
        return audio.layers_frame(*cut.pcm(first, last), first)

    return cut, cut.picture, frames_from, None if cut.sound is None else samples


def encode_mp4(item: Streamed, path: Path) -> None:
    """Write `item`'s stream to `path` as an MP4, in place.

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write the file.
        OSError: `path` cannot be written.
    """
    import av  # noqa: PLC0415 - loaded only when something is rendered

    pictures, size, frames_from, sound = _tracks(item)
    rate, fps, step = audio.SAMPLE_RATE, pictures.fps, pictures.segment_frames
    output = av.open(
        str(path), "w", format="mp4", options={"fflags": "+bitexact", "movflags": "+faststart"}
    )
    try:
        video = add_video_stream(output, size)
        encoder = None if sound is None else audio.add_audio_stream(output)
        for start in range(0, pictures.frames, step):
            stop = min(start + step, pictures.frames)
            for frame in frames_from(start, stop):
                output.mux(video.encode(frame))
            if encoder is not None and sound is not None:
                first, last = start * rate // fps, stop * rate // fps
                output.mux(encoder.encode(sound(first, last)))
        output.mux(video.encode(None))
        if encoder is not None:
            output.mux(encoder.encode(None))
    finally:
        output.close()


def render_mp4(item: Streamed, path: Path) -> None:
    """Render `item`'s stream into `path`, an MP4 (see `encode_mp4`), written beside it and
    renamed to it when complete (the folder must exist).

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write the file.
        OSError: `path` cannot be written.
    """
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}{PARTIAL}")
    try:
        encode_mp4(item, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def time_mp4(duration: int = 8, *, language: str | None = None) -> float:
    """Seconds this machine takes to render the MP4 of a `duration`-second 640x360 video (of
    its dub into `language`, if given), as the sandbox renders it, in this process.

    For benchmarks: renders into a temporary folder and removes it.
    """
    picture = Picture(f"A {duration} second download, timed", duration)
    item: Streamed = picture if language is None else Dub(picture, language)
    with tempfile.TemporaryDirectory(prefix="videodb-mp4-") as folder:
        started = time.perf_counter()
        render_mp4(item, Path(folder) / MP4)
        return time.perf_counter() - started
