"""A composition's media: its segments and its MP4 decode to its frames, with each layer where
and when it was placed, and to its mix of sounds; and the same composition is the same bytes."""

from __future__ import annotations

import io
import json
import math
from array import array
from pathlib import Path

import av
import PIL.Image
import pytest
from PIL import ImageStat
from videodb_mock._media import audio
from videodb_mock._media.compose import (
    Audio,
    Composition,
    Text,
    Visual,
    render_composition_part,
)
from videodb_mock._media.drawing import VideoFrames
from videodb_mock._media.items import describe, from_description, render_media
from videodb_mock._media.mp4 import MP4
from videodb_mock._media.render import Picture, segment_name

from tests.media._pictures import as_picture

FPS = 8
SIZE = (160, 90)
RED = (255, 0, 0, 255)


def _clip(prompt: str = "a clip", seconds: int = 4) -> Picture:
    return Picture(prompt, seconds, width=SIZE[0], height=SIZE[1], fps=FPS)


def _composition(**changes: object) -> Composition:
    clip = _clip()
    fields: dict[str, object] = {
        "width": SIZE[0],
        "height": SIZE[1],
        "fps": FPS,
        "frames": 3 * FPS,
        "visuals": [
            Visual(first=0, stop=3 * FPS, source=clip, offset=FPS, size=SIZE),
            # A red box of text, 1 s to 2 s, in the top left corner.
            Visual(
                first=FPS,
                stop=2 * FPS,
                text=Text("", 10, box=RED, padding=10),
                x=(0, 0, 4),
                y=(0, 0, 4),
            ),
        ],
        "sounds": [
            Audio(
                source=audio.music("strings", 4.0),
                first=audio.SAMPLE_RATE,
                stop=3 * audio.SAMPLE_RATE,
                fade_in=audio.SAMPLE_RATE // 2,
            )
        ],
    }
    fields.update(changes)
    return Composition(**fields)  # type: ignore[arg-type]


def _decoded(data: bytes) -> tuple[list[PIL.Image.Image], list[int]]:
    """An MP4's or segment's pictures, and its sound as 16-bit mono samples."""
    pictures: list[PIL.Image.Image] = []
    samples = array("h")
    with av.open(io.BytesIO(data), "r") as container:
        pictures = [as_picture(frame) for frame in container.decode(video=0)]
    with av.open(io.BytesIO(data), "r") as container:
        if container.streams.audio:
            resampler = av.AudioResampler(format="s16", layout="mono", rate=audio.SAMPLE_RATE)
            for frame in container.decode(audio=0):
                for out in resampler.resample(frame):
                    samples.frombytes(bytes(out.planes[0])[: 2 * out.samples])
    return pictures, list(samples)


def _rms(samples: list[int]) -> float:
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


def _mean(picture: PIL.Image.Image, box: tuple[int, int, int, int]) -> list[float]:
    return ImageStat.Stat(picture.crop(box)).mean


@pytest.fixture(scope="module")
def film(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[PIL.Image.Image], list[int]]:
    path = tmp_path_factory.mktemp("film") / MP4
    render_media(_composition(), MP4, path)
    return _decoded(path.read_bytes())


def test_the_mp4_has_every_frame_and_the_sound_s_length(
    film: tuple[list[PIL.Image.Image], list[int]],
) -> None:
    pictures, samples = film
    assert len(pictures) == 3 * FPS
    assert abs(len(samples) - 3 * audio.SAMPLE_RATE) < audio.FRAME_SAMPLES


def test_a_clip_shows_its_frames_from_its_offset(
    film: tuple[list[PIL.Image.Image], list[int]],
) -> None:
    pictures, _ = film
    drawn = VideoFrames(_clip())
    # The bottom band (ball, clock, bar) of frame 20 is the clip's frame 28, not frame 20.
    band = (0, 60, SIZE[0], SIZE[1])
    right = _mean(drawn.frame(FPS + 20), band)
    wrong = _mean(drawn.frame(20), band)
    shown = _mean(pictures[20], band)
    assert sum(abs(a - b) for a, b in zip(shown, right, strict=True)) < sum(
        abs(a - b) for a, b in zip(shown, wrong, strict=True)
    )


def test_a_layer_is_where_and_when_it_was_placed(
    film: tuple[list[PIL.Image.Image], list[int]],
) -> None:
    pictures, _ = film
    box = (8, 8, 20, 20)  # inside the red box (4 px from the corner, 20 px and more across)
    before, during, after = (_mean(pictures[n], box) for n in (FPS - 1, FPS + 3, 2 * FPS + 1))
    assert during[0] > 200
    assert max(during[1], during[2]) < 60
    assert not (before[0] > 200 and before[1] < 60)
    assert not (after[0] > 200 and after[1] < 60)


def test_the_mix_is_silent_before_its_sound_and_fades_in(
    film: tuple[list[PIL.Image.Image], list[int]],
) -> None:
    _, samples = film
    rate = audio.SAMPLE_RATE
    assert _rms(samples[: rate // 2]) < 50
    early = _rms(samples[rate : rate + rate // 10])
    later = _rms(samples[2 * rate : 2 * rate + rate // 10])
    assert later > 500
    assert early < later / 2


def test_volume_0_mutes(tmp_path: Path) -> None:
    muted = _composition(
        sounds=[
            Audio(source=audio.music("strings", 4.0), first=0, stop=audio.SAMPLE_RATE, volume=0)
        ]
    )
    path = tmp_path / MP4
    render_media(muted, MP4, path)
    _, samples = _decoded(path.read_bytes())
    assert _rms(samples) < 50


def test_half_opacity_blends_with_what_is_below(tmp_path: Path) -> None:
    half = _composition(
        visuals=[
            Visual(
                first=0,
                stop=3 * FPS,
                text=Text("", 10, box=(255, 255, 255, 255), width=160, height=90),
                opacity=0.5,
            )
        ],
        sounds=[],
    )
    path = tmp_path / segment_name(0)
    render_composition_part(half, segment_name(0), path)
    pictures, samples = _decoded(path.read_bytes())
    assert samples == []  # no sound: no sound track
    red, green, blue = _mean(pictures[0], (10, 10, 150, 80))
    for level in (red, green, blue):
        assert 110 < level < 145


def test_the_same_composition_gives_the_same_bytes(tmp_path: Path) -> None:
    one, two = tmp_path / "one.ts", tmp_path / "two.ts"
    render_composition_part(_composition(), segment_name(1), one)
    render_composition_part(_composition(), segment_name(1), two)
    assert one.read_bytes() == two.read_bytes()


def test_a_description_makes_the_same_composition() -> None:
    composition = _composition()
    again = from_description(json.loads(json.dumps(describe(composition))))
    assert again == composition
    assert again.key == composition.key
    assert _composition(background=(0, 0, 1)).key != composition.key


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: _composition(frames=FPS), "visuals[0]: it ends at frame 24"),
        (
            lambda: Visual(first=0, stop=4 * FPS, source=_clip(), offset=FPS),
            "offset: frames 8 to 40",
        ),
        (lambda: Visual(first=2, stop=2, text=Text("a", 10)), "stop 2 must be after first 2"),
        (lambda: Visual(first=0, stop=2), "a source or a text"),
        (
            lambda: Audio(source=audio.music("m", 1.0), first=0, stop=10, volume=6),
            "volume",
        ),
        (
            lambda: Audio(source=audio.music("m", 1.0), first=0, stop=audio.SAMPLE_RATE, offset=5),
            "offset: samples 5",
        ),
    ],
)
def test_what_cannot_be_drawn_is_refused_naming_it(make: object, words: str) -> None:
    with pytest.raises(ValueError, match=words.replace("[", r"\[").replace("]", r"\]")):
        make()  # type: ignore[operator]
