"""Dubbed videos: the source's pictures, frame for frame, and a voice in the same segments."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import av
import pytest
from videodb_mock._media.audio import FRAME_SAMPLES, SAMPLE_RATE
from videodb_mock._media.dubbing import (
    Dub,
    audio_frames,
    dub_text,
    playlist,
    render_dub,
    render_dub_part,
)
from videodb_mock._media.render import PLAYLIST, THUMBNAIL, Picture, render_part, segment_name
from videodb_mock._media.render import playlist as source_playlist

from tests.media.test_audio import floats, rms

#: An AAC frame in MPEG-TS time (90 kHz ticks).
TICKS = FRAME_SAMPLES * 90_000 // SAMPLE_RATE
SOURCE = Picture("A dubbed fox in the snow", 5, width=320, height=180, fps=12)


def packets(path: Path) -> dict[str, list[tuple[int, bytes]]]:
    """The packets (each as its time in 90 kHz ticks and its bytes) of each kind of stream in
    `path`, without the demuxer's empty ones."""
    found: dict[str, list[tuple[int, bytes]]] = {"video": [], "audio": []}
    with av.open(str(path)) as container:
        for packet in container.demux():
            if packet.size:
                assert packet.pts is not None
                assert packet.time_base == Fraction(1, 90_000)
                found[packet.stream.type].append((packet.pts, bytes(packet)))
    return found


def decoded(path: Path) -> tuple[list[av.VideoFrame], list[float], tuple[int, int]]:
    """The video frames, the audio samples and the video's size in `path`."""
    pictures: list[av.VideoFrame] = []
    samples: list[float] = []
    with av.open(str(path)) as container:
        video, sound = container.streams.video[0], container.streams.audio[0]
        assert video.codec_context.name == "h264"
        assert sound.codec_context.name == "aac"
        assert (sound.sample_rate, sound.channels) == (SAMPLE_RATE, 1)
        size = (video.codec_context.width, video.codec_context.height)
        for frame in container.decode(video, sound):
            if isinstance(frame, av.VideoFrame):
                pictures.append(frame)
            elif isinstance(frame, av.AudioFrame):
                samples += floats(frame)
    return pictures, samples, size


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The source video and its French dub, rendered whole."""
    source, dubbed = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("dub")
    for name in SOURCE.parts():
        render_part(SOURCE, name, source / name)
    render_dub(Dub(SOURCE, "fr"), dubbed)
    return source, dubbed


def test_a_dubbed_segment_has_the_source_pictures_and_a_voice(folders: tuple[Path, Path]) -> None:
    source, dubbed = folders
    assert SOURCE.segments == 3
    for index in range(SOURCE.segments):
        name = segment_name(index)
        pictures, samples, size = decoded(dubbed / name)
        with av.open(str(source / name)) as container:
            originals = list(container.decode(video=0))
        assert size == (SOURCE.width, SOURCE.height)
        assert len(pictures) == len(originals) == min(24, SOURCE.frames - 24 * index)
        # The very same H.264: frame for frame, byte for byte.
        assert packets(dubbed / name)["video"] == packets(source / name)["video"]
        assert rms(samples) > 0.01, index
    assert (dubbed / THUMBNAIL).read_bytes() == (source / THUMBNAIL).read_bytes()
    assert (dubbed / PLAYLIST).read_text() == source_playlist(SOURCE)


def test_the_segments_audio_follows_on_and_lasts_the_video(folders: tuple[Path, Path]) -> None:
    _, dubbed = folders
    follows: int | None = None
    total = 0
    for index in range(SOURCE.segments):
        found = packets(dubbed / segment_name(index))
        pts = [time for time, _ in found["audio"]]
        assert pts == list(range(pts[0], pts[0] + TICKS * len(pts), TICKS))
        assert len(pts) == len(audio_frames(Dub(SOURCE, "fr"), index))
        # Each segment's audio starts where the last one's ended, and with the segment's
        # pictures (within one audio frame).
        if follows is not None:
            assert pts[0] == follows
        follows = pts[-1] + TICKS
        first = found["video"][0][0]
        assert 0 <= pts[0] - first < TICKS
        total += len(decoded(dubbed / segment_name(index))[1])
    length = SOURCE.duration * SAMPLE_RATE
    assert length <= total < length + FRAME_SAMPLES


def test_a_dub_speaks_with_pauses_in_its_own_language(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    _, dubbed = folders
    _, samples, _ = decoded(dubbed / segment_name(1))
    slot = round(0.4 * SAMPLE_RATE)
    # Segment 1 starts 2 s in, on a word's start; the last 80 ms of each word are a pause.
    start = audio_frames(Dub(SOURCE, "fr"), 1).start * FRAME_SAMPLES - 2 * SAMPLE_RATE
    for word in range(4):
        at = word * slot - start
        spoken = rms(samples[at + slot // 10 : at + slot * 6 // 10])
        pause = rms(samples[at + slot * 78 // 100 : at + slot * 97 // 100])
        assert pause < spoken / 10, (word, spoken, pause)
    again = tmp_path / "again.ts"
    render_dub_part(Dub(SOURCE, "fr"), segment_name(1), again)
    assert again.read_bytes() == (dubbed / segment_name(1)).read_bytes()
    german = tmp_path / "german.ts"
    render_dub_part(Dub(SOURCE, "de"), segment_name(1), german)
    assert packets(german)["audio"] != packets(again)["audio"]
    assert packets(german)["video"] == packets(again)["video"]
    assert dub_text("fr", 5) == dub_text("FR", 5) != dub_text("de", 5)
    assert len(dub_text("pt-BR", 20).split()) == 20


def test_a_dub_has_a_key_of_its_own_and_a_language_code() -> None:
    french, german = Dub(SOURCE, "fr"), Dub(SOURCE, "de")
    assert re.fullmatch(r"r\d+-[0-9a-f]{24}", french.key)
    assert len({french.key, german.key, SOURCE.key}) == 3
    assert french.key == Dub(SOURCE, "fr").key
    assert french.sound.seconds == SOURCE.duration
    assert playlist(french) == source_playlist(SOURCE)
    assert french.parts() == SOURCE.parts()
    for bad in ("", "french!", "f", "fr_FR"):
        with pytest.raises(ValueError, match="language"):
            Dub(SOURCE, bad)
    with pytest.raises(ValueError, match="no part"):
        render_dub_part(french, "seg009.ts", Path("unused"))
