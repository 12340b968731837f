"""Dubbed videos: a source video's pictures with a voice speaking another language.

A `Dub` is a source video (its `Picture`) and a language code. Its stream is the source's:
the same playlist (`playlist`), the same segments of `SEGMENT_SECONDS` with the same frames,
frame rate, size and length, encoded with the same H.264 settings, and the same thumbnail. Each
segment also carries an AAC track (`audio.add_audio_stream`, mono at `audio.SAMPLE_RATE`) in
the same MPEG-TS file, so an HLS player plays both: a voice (`audio.voice`) saying words
made up for the language (`dub_text`), in a pitch and tune that the language's code seeds, as
long as the video.

Segments are made on their own, as the source's are, and each carries the AAC frames that
start within its time (`audio_frames`): frames of 1024 samples on one grid from the video's
start, so the segments' audio follows on without gaps or overlaps, and together lasts the
video's length rounded up to a whole frame (under 43 ms more). A segment's encoder starts one
frame early (that frame's packet is dropped), so its first packet decodes as it would in one
encoding of the whole track; no packet carries the encoder's delay.

Cost, measured on this project's 2-core machine: every segment of an 8 s 640x360 dub in 0.24 s
(median; p90 0.28 s; `time_dub`), most of it drawing and encoding the pictures as the source's
are (0.21-0.25 s); the voice adds about 30 ms.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from videodb_mock._media import audio
from videodb_mock._media.render import (
    PARTIAL,
    PLAYLIST,
    RENDER_VERSION,
    THUMBNAIL,
    Picture,
    Segmented,
    add_video_stream,
    frames,
    render_thumbnail,
    segment_index,
    segment_name,
)
from videodb_mock._media.render import (
    playlist as source_playlist,
)

if TYPE_CHECKING:
    import av.audio.frame
    import av.audio.stream
    import av.container

#: Bumped whenever dubbed segments would come out different, so cached ones are not reused.
DUB_VERSION = "d1"
#: A language code: a BCP 47 tag such as "fr", "pt-BR" or "zh-Hant".
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_CONSONANTS = "bdfghklmnprstvz"
_VOWELS = "aeiou"


def _language(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _LANGUAGE.fullmatch(value):
        raise ValueError(f"{attribute.name} must be a language code such as 'fr', not {value!r}")


@attrs.frozen
class Dub:
    """A dubbed video: the `source` video's pictures and a voice in `language`."""

    source: Picture
    language: str = attrs.field(validator=_language)
    #: A name for this rendering, the same for the same dub: its cache key (the same form as a
    #: `Picture`'s key, so the media cache can keep it beside them).
    key: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        text = "\0".join([DUB_VERSION, audio.AUDIO_VERSION, self.source.key, self.language.lower()])
        object.__setattr__(
            self, "key", f"{RENDER_VERSION}-{hashlib.sha256(text.encode()).hexdigest()[:24]}"
        )

    @property
    def sound(self) -> audio.Sound:
        """The voice of the dub: as long as the video, in words of its language."""
        count = self.source.duration * audio.WORDS_PER_MINUTE // 60
        return audio.voice(
            dub_text(self.language, count),
            _seed(self.language),
            seconds=self.source.duration,
        )

    @property
    def segments(self) -> int:
        """How many segments the dubbed video has: as many as its source."""
        return self.source.segments

    def parts(self) -> list[str]:
        """The names of the files rendered for the dub: its segments and its thumbnail."""
        return self.source.parts()


def _seed(language: str) -> int:
    return int.from_bytes(hashlib.sha256(language.lower().encode()).digest()[:4], "big")


def dub_text(language: str, count: int) -> str:
    """`count` made-up words "in" `language`: syllables of its own few consonants and
    vowels, the same for the same language (whatever its letters' case)."""
    rng = random.Random(_seed(language))  # noqa: S311 - made-up words, not secrets
    consonants = rng.sample(_CONSONANTS, 6)
    vowels = rng.sample(_VOWELS, 3)
    return " ".join(
        "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(1, 3)))
        for _ in range(count)
    )


def playlist(dub: Dub) -> str:
    """The dub's HLS playlist: its source's (the same segments, each with audio too)."""
    return source_playlist(dub.source)


def audio_frames(dub: Dub, index: int) -> range:
    """The AAC frames that segment `index` carries: those (of `audio.FRAME_SAMPLES`, from
    the video's start) that start within the segment's time; the last segment's run to the
    end of the voice."""
    return segment_audio_frames(dub.source, index)


def segment_audio_frames(picture: Segmented, index: int) -> range:
    """The AAC frames that segment `index` of `picture` carries (see `audio_frames`): a dub's,
    or a stream of parts of one."""
    size, rate = audio.FRAME_SAMPLES, audio.SAMPLE_RATE

    def start(segment: int) -> int:
        """The first sample of `segment` (or the number of samples, past the last)."""
        first = min(segment * picture.segment_frames, picture.frames)
        return first * rate // picture.fps

    return range(-(-start(index) // size), -(-start(index + 1) // size))


def render_dub_segment(dub: Dub, index: int, path: Path, *, threads: int = 1) -> None:
    """Write segment `index` of `dub` to `path`: an MPEG-TS file of the source's segment's
    frames (H.264) and the voice's AAC frames `audio_frames(dub, index)`, timed from the
    video's start; `threads` is how many threads the H.264 encoder may use.

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write the segment.
        OSError: `path` cannot be written.
    """
    import av  # noqa: PLC0415 - loaded only when something is rendered

    picture = dub.source
    first = index * picture.segment_frames
    wanted = audio_frames(dub, index)
    voice = dub.sound
    output = av.open(
        str(path), "w", format="mpegts", options={"mpegts_flags": "initial_discontinuity"}
    )
    try:
        video = add_video_stream(output, picture, threads)
        sound = audio.add_audio_stream(output)
        for _, frame in frames(picture, first, first + picture.segment_frames):
            output.mux(video.encode(frame))
        output.mux(video.encode(None))
        mux_sound(output, sound, wanted, lambda start, stop: audio.audio_frame(voice, start, stop))
    finally:
        output.close()


def mux_sound(
    output: av.container.OutputContainer,
    stream: av.audio.stream.AudioStream,
    wanted: range,
    samples: Callable[[int, int], av.audio.frame.AudioFrame],
) -> None:
    """Encode the AAC frames `wanted` (of `audio.FRAME_SAMPLES`) into `stream` of `output`, a
    segment's; `samples(start, stop)` is the sound from sample `start` to `stop` (at most its
    end), as a frame timed from the video's start.

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write the audio.
    """
    if not wanted:
        return
    size = audio.FRAME_SAMPLES
    # One frame early, so that the first packet kept has the one before it encoded.
    frame = samples(max(0, (wanted.start - 1) * size), wanted.stop * size)
    for packet in stream.encode(frame) + stream.encode(None):
        if packet.pts is not None and packet.pts // size in wanted:
            output.mux(packet)


def render_dub_part(dub: Dub, name: str, path: Path) -> None:
    """Render the part `name` of `dub` (a segment, or the thumbnail: the source's) into `path`.

    The file is written beside `path` and renamed to it when complete, so a half-written part
    is never served; the folder must exist.

    Raises:
        ValueError: `dub` has no part named `name`.
        av.FFmpegError: FFmpeg failed to encode or write a segment.
        OSError: `path` cannot be written.
    """
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}{PARTIAL}")
    index = segment_index(dub.source, name)
    try:
        if index is not None:
            render_dub_segment(dub, index, partial)
        elif name == THUMBNAIL:
            render_thumbnail(dub.source, partial)
        else:
            raise ValueError(f"a dubbed video has no part named {name!r}")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def render_dub(dub: Dub, folder: Path) -> None:
    """Render the whole of `dub` into the existing `folder`: its playlist, every segment and
    the thumbnail.

    Raises:
        av.FFmpegError: FFmpeg failed to encode or write the video.
        OSError: `folder` cannot be written.
    """
    (folder / PLAYLIST).write_text(playlist(dub))
    for name in dub.parts():
        render_dub_part(dub, name, folder / name)


def time_dub(
    duration: int = 8,
    *,
    width: int = 640,
    height: int = 360,
    fps: int = 24,
    language: str = "fr",
) -> float:
    """Seconds this machine takes to render every segment of a dub of a `duration`-second
    video, as the sandbox would, in this process (the thumbnail is the source's: not timed).

    For benchmarks: renders into a temporary folder and removes it.

    Raises:
        av.FFmpegError: FFmpeg failed to encode the video.
    """
    picture = Picture(
        f"A {duration} second test dub, timed", duration, width=width, height=height, fps=fps
    )
    dub = Dub(picture, language)
    with tempfile.TemporaryDirectory(prefix="videodb-dub-") as folder:
        started = time.perf_counter()
        for index in range(dub.segments):
            render_dub_part(dub, segment_name(index), Path(folder) / segment_name(index))
        return time.perf_counter() - started
