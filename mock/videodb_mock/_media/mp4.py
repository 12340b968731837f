"""A stream as one MP4 file, for downloads: H.264, with AAC where the stream has sound.

What a stream shows (a generated video's `Picture`, a `Dub`, a `Cut` of either) is encoded
again, whole, by one encoder per track: the same frames as its HLS segments (the video's
H.264 settings, a key frame every segment's length), and for a dub, or a cut of one, its
sound with the encoder every sound uses (`audio.add_audio_stream`). A generated video has no
sound track, in its stream or its MP4. The pictures and the sound are written in step, a
segment's length at a time, so the muxer holds little. The MP4 records the encoder's delay and
the sound's real length (an edit list), so it decodes to exactly the stream's frames and
samples, and `faststart` puts its index first, so a player can start before it has it all.
Like the segments, it is rendered when first fetched, in a render worker.

Cost, measured on this project's 2-core machine: an 8 s 640x360 video in about 0.3 s, its
dub too (`time_mp4`; median of 5), as long as its segments take one by one.
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from pathlib import Path

from videodb_mock._media import audio
from videodb_mock._media.cuts import Cut
from videodb_mock._media.dubbing import Dub
from videodb_mock._media.render import PARTIAL, Picture, add_video_stream, frames_at

#: The file of a stream's download.
MP4 = "video.mp4"
CONTENT_TYPE = "video/mp4"

#: What can be downloaded: a stream's pictures, with or without sound.
Streamed = Picture | Dub | Cut


def whole(item: Streamed) -> Cut:
    """`item` as a stream of parts: a video or a dub is the one part that is all of it."""
    if isinstance(item, Cut):
        return item
    picture = item.source if isinstance(item, Dub) else item
    return Cut(item, ((0, picture.frames),))


def encode_mp4(item: Streamed, path: Path) -> None:
    """Write `item`'s stream to `path` as an MP4, in place.

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write the file.
        OSError: `path` cannot be written.
    """
    import av  # noqa: PLC0415 - loaded only when something is rendered

    cut = whole(item)
    rate, fps, step = audio.SAMPLE_RATE, cut.fps, cut.segment_frames
    output = av.open(
        str(path), "w", format="mp4", options={"fflags": "+bitexact", "movflags": "+faststart"}
    )
    try:
        video = add_video_stream(output, cut.picture)
        sound = None if cut.sound is None else audio.add_audio_stream(output)
        for start in range(0, cut.frames, step):
            stop = min(start + step, cut.frames)
            for _, frame in frames_at(cut.picture, cut.source_frames(start, stop), start):
                output.mux(video.encode(frame))
            if sound is not None:
                first, last = start * rate // fps, stop * rate // fps
                output.mux(sound.encode(audio.layers_frame(*cut.pcm(first, last), first)))
        output.mux(video.encode(None))
        if sound is not None:
            output.mux(sound.encode(None))
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
