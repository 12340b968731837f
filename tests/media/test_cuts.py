"""Streams of parts of a video, stills of its moments and MP4 downloads, rendered on their own:
the pictures are the source's at those times, the sound the source's of the same moments."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import av
import pytest
from PIL import Image
from videodb_mock._media import audio
from videodb_mock._media.cuts import Cut, render_cut_part, spans
from videodb_mock._media.dubbing import Dub, render_dub_part
from videodb_mock._media.frames import Still, frame_at, render_still
from videodb_mock._media.items import describe, from_description, render_media
from videodb_mock._media.mp4 import MP4, render_mp4
from videodb_mock._media.render import IMAGE, Picture, playlist, render_part, segment_name

from tests.media._pictures import Source, as_picture, difference
from tests.media.test_audio import floats, rms

SOURCE = Picture("Parts of a fox in the snow", 6, width=320, height=180, fps=12)
PARTS = [(0.0, 2.0), (3.0, 5.0), (5.5, 6.0)]


@pytest.fixture(scope="module")
def source() -> Source:
    return Source(SOURCE)


def _decoded(paths: list[Path]) -> tuple[list[av.VideoFrame], list[float]]:
    """The video frames and the audio samples of `paths`, one after another."""
    pictures: list[av.VideoFrame] = []
    samples: list[float] = []
    for path in paths:
        with av.open(str(path)) as container:
            streams = [*container.streams.video, *container.streams.audio]
            for frame in container.decode(*streams):
                if isinstance(frame, av.VideoFrame):
                    pictures.append(frame)
                elif isinstance(frame, av.AudioFrame):
                    samples += floats(frame)
    return pictures, samples


def _container_seconds(path: Path) -> float:
    """How long the file lasts, as its container says."""
    with av.open(str(path)) as container:
        assert container.duration is not None
        return container.duration / av.time_base


def _segments(cut: Cut, folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = [folder / name for name in cut.parts()]
    for path in paths:
        render_cut_part(cut, path.name, path)
    return paths


def test_parts_are_whole_frames_within_the_video() -> None:
    assert spans(SOURCE, PARTS) == ((0, 24), (36, 60), (66, 72))
    # A part shorter than a frame still shows one; one ending at the video's end, the last.
    assert spans(SOURCE, [(5.99, 6.0), (0.0, 0.01)]) == ((71, 72), (0, 1))
    for bad in ([(2.0, 1.0)], [(0.0, 6.5)], [(-1.0, 1.0)]):
        with pytest.raises(ValueError, match="not a part"):
            spans(SOURCE, bad)
    with pytest.raises(ValueError, match="at least one part"):
        Cut(SOURCE, ())
    with pytest.raises(ValueError, match="not a part"):
        Cut(SOURCE, ((70, 73),))


def test_a_stream_of_parts_shows_the_source_frames_at_those_times(
    source: Source, tmp_path: Path
) -> None:
    cut = Cut(SOURCE, spans(SOURCE, PARTS))
    assert (cut.frames, cut.segments, cut.seconds) == (54, 3, 4.5)
    assert "#EXTINF:2.000000," in playlist(cut)
    assert playlist(cut).count("#EXTINF") == 3
    pictures, samples = _decoded(_segments(cut, tmp_path))
    assert not samples, "a generated video has no sound, nor do its parts"
    assert len(pictures) == cut.frames
    assert len(pictures) / SOURCE.fps == sum(end - start for start, end in PARTS)
    expected = [*range(0, 24), *range(36, 60), *range(66, 72)]
    assert source.shown(pictures) == expected
    # Timed from the stream's start, one frame after another across the cuts.
    times = [frame.pts for frame in pictures]
    assert all(a is not None and b is not None and a < b for a, b in itertools.pairwise(times))


def test_the_same_parts_give_the_same_key_and_others_another() -> None:
    one = Cut(SOURCE, spans(SOURCE, PARTS))
    assert one.key == Cut(SOURCE, spans(SOURCE, PARTS)).key
    assert one.key != Cut(SOURCE, spans(SOURCE, PARTS[:2])).key
    assert one.key != Cut(Dub(SOURCE, "fr"), one.spans).key
    assert from_description(describe(one)) == one
    dubbed = Cut(Dub(SOURCE, "es"), one.spans)
    assert from_description(describe(dubbed)) == dubbed


def test_a_stream_of_parts_of_a_dub_keeps_the_sound_of_those_parts(
    source: Source, tmp_path: Path
) -> None:
    dub = Dub(SOURCE, "fr")
    cut = Cut(dub, spans(SOURCE, [(2.0, 3.0), (0.0, 1.0)]))
    rate, per_frame = audio.SAMPLE_RATE, audio.SAMPLE_RATE // SOURCE.fps
    # The samples of each part are the source's of the same frames.
    one, two = cut.pcm(0, cut.samples)
    first, second = audio.pcm(dub.sound, 2 * rate, 3 * rate), audio.pcm(dub.sound, 0, rate)
    assert (one, two) == (first[0] + second[0], first[1] + second[1])
    assert cut.samples == 2 * rate == 24 * per_frame
    pictures, samples = _decoded(_segments(cut, tmp_path / "cut"))
    assert source.shown(pictures) == [*range(24, 36), *range(0, 12)]
    assert cut.samples <= len(samples) < cut.samples + audio.FRAME_SAMPLES
    # Loud where the source is loud, quiet where it pauses: compared with the dub's own
    # segments, decoded, at the same moments.
    whole = tmp_path / "dub"
    whole.mkdir()
    for index in range(2):
        render_dub_part(dub, segment_name(index), whole / segment_name(index))
    _, original = _decoded([whole / segment_name(0), whole / segment_name(1)])
    window = rate // 20
    mapped = original[2 * rate : 3 * rate] + original[0:rate]
    envelope = [rms(samples[i : i + window]) for i in range(0, 2 * rate - window, window)]
    expected = [rms(mapped[i : i + window]) for i in range(0, 2 * rate - window, window)]
    assert max(abs(a - b) for a, b in zip(envelope, expected, strict=True)) < 0.05
    assert max(expected) > 0.1
    assert min(expected) < max(expected) / 5


def test_a_still_is_the_frame_on_screen_at_its_time(source: Source, tmp_path: Path) -> None:
    assert [frame_at(SOURCE, t) for t in (0, 2.0, 2.04, 2.999999999, 5.99, 6.0)] == [
        0,
        24,
        24,
        36,
        71,
        71,
    ]
    still = Still(SOURCE, frame_at(SOURCE, 2.5))
    path = tmp_path / IMAGE
    render_still(still, path)
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        assert (image.format, image.size) == ("PNG", (SOURCE.width, SOURCE.height))
        picture = image.convert("RGB")
    assert difference(picture, source.frames[30]) == 0
    assert difference(source.moving(picture), source.moving(source.frames[31])) > 1
    # And very close to the stream's own frame at that time, decoded.
    render_part(SOURCE, segment_name(1), tmp_path / "seg.ts")
    pictures, _ = _decoded([tmp_path / "seg.ts"])
    assert difference(picture, as_picture(pictures[30 - 24])) < 2.0
    again = tmp_path / "again.png"
    render_media(from_description(describe(still)), IMAGE, again)
    assert again.read_bytes() == path.read_bytes()
    with pytest.raises(ValueError, match="frame"):
        Still(SOURCE, SOURCE.frames)


@pytest.mark.parametrize("dubbed", [False, True])
def test_an_mp4_decodes_to_the_stream_s_length(
    source: Source, tmp_path: Path, dubbed: bool
) -> None:
    item = Cut(Dub(SOURCE, "de") if dubbed else SOURCE, spans(SOURCE, PARTS))
    path = tmp_path / MP4
    render_mp4(item, path)
    with av.open(str(path)) as container:
        assert container.format.name.startswith("mov,mp4")
        kinds = [(s.type, s.codec_context.name) for s in container.streams]
        assert kinds == [("video", "h264"), ("audio", "aac")] if dubbed else [("video", "h264")]
    pictures, samples = _decoded([path])
    assert len(pictures) == item.frames
    assert source.shown(pictures) == list(item.source_frames())
    assert _container_seconds(path) == pytest.approx(item.seconds, abs=0.001)
    if dubbed:
        assert item.samples == item.seconds * audio.SAMPLE_RATE
        # The decoder gives the samples made, and at most the rest of the last AAC frame.
        assert item.samples <= len(samples) < item.samples + audio.FRAME_SAMPLES
        assert rms(samples) > 0.01
    copy = tmp_path / "copy.mp4"
    render_media(item, MP4, copy)
    assert copy.read_bytes() == path.read_bytes(), "the same stream gives the same bytes"


def test_a_whole_video_and_a_dub_download_as_themselves(tmp_path: Path) -> None:
    short = Picture("A short download", 2, width=160, height=90, fps=6)
    for item in (short, Dub(short, "it")):
        path = tmp_path / f"{item.key}.mp4"
        render_media(item, MP4, path)
        pictures, samples = _decoded([path])
        assert len(pictures) == short.frames
        if isinstance(item, Dub):
            assert 2 * audio.SAMPLE_RATE <= len(samples) < 2 * audio.SAMPLE_RATE + 1024
        else:
            assert not samples
        assert _container_seconds(path) == pytest.approx(2.0, abs=0.001)
