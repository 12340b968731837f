"""Compositions rendered: their segments and their MP4 decode to their frames, each clip's
frames trimmed and in order, each overlay where and when it was placed, painted in order and
blended by its opacity, and to the mix of their sounds; the same composition is the same
bytes, and what cannot be drawn is refused naming the field."""

from __future__ import annotations

import array
import json
import re
from pathlib import Path

import av
import pytest
from PIL import Image, ImageStat
from videodb_mock._media import audio
from videodb_mock._media.compose import (
    Audio,
    Composition,
    Text,
    Visual,
    frame_image,
    render_composition_part,
    sound_frame,
)
from videodb_mock._media.drawing import prompt_picture
from videodb_mock._media.dubbing import Dub
from videodb_mock._media.items import describe, from_description, label, render_media
from videodb_mock._media.mp4 import MP4
from videodb_mock._media.render import Picture, image_picture, playlist

from tests.media._pictures import Source, as_picture, difference
from tests.media.test_audio import floats, rms

FPS = 8
WIDTH, HEIGHT = 160, 90
RATE = audio.SAMPLE_RATE
WHITE = (255, 255, 255, 255)
CLIP_A = Picture("The first clip, a fox", 3, width=WIDTH, height=HEIGHT, fps=FPS)
CLIP_B = Picture("The second clip, a hare", 4, width=WIDTH, height=HEIGHT, fps=FPS)
LOGO = Picture("A logo", 1, width=64, height=64, fps=1)
#: Where the logo is drawn (top right, 4 px in) and the title's box (top left, 4 px in).
LOGO_BOX = (WIDTH - 4 - 32, 4, WIDTH - 4, 36)
TITLE = Text("HI", 12, colour=(0, 0, 0, 255), box=WHITE, padding=8)
MUSIC = audio.music("Strings for a composition", 4.0)


def _film() -> Composition:
    """3 s (two segments): clip A's frames 4-15, then clip B's 16-27; the logo from frame 4
    to 20, the title from 8 to 16; music from 1 s, faded in over half a second."""
    return Composition(
        WIDTH,
        HEIGHT,
        FPS,
        3 * FPS,
        visuals=[
            Visual(first=0, stop=12, source=CLIP_A, offset=4),
            Visual(first=12, stop=24, source=CLIP_B, offset=16, size=(WIDTH, HEIGHT)),
            Visual(
                first=4,
                stop=20,
                source=LOGO,
                still=True,
                size=(32, 32),
                x=(1.0, -1.0, -4.0),
                y=(0.0, 0.0, 4.0),
            ),
            Visual(first=8, stop=16, text=TITLE, x=(0.0, 0.0, 4.0), y=(0.0, 0.0, 4.0)),
        ],
        sounds=[Audio(source=MUSIC, first=RATE, stop=3 * RATE, fade_in=RATE // 2)],
    )


def _decoded(paths: list[Path]) -> tuple[list[Image.Image], list[float]]:
    """The pictures (RGB) and the mono samples of `paths`, one after another."""
    pictures: list[Image.Image] = []
    samples: list[float] = []
    for path in paths:
        with av.open(str(path)) as container:
            streams = [*container.streams.video, *container.streams.audio]
            for frame in container.decode(*streams):
                if isinstance(frame, av.VideoFrame):
                    pictures.append(as_picture(frame))
                elif isinstance(frame, av.AudioFrame):
                    samples += floats(frame)
    return pictures, samples


def _segments(composition: Composition, folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = [folder / name for name in composition.parts()]
    for path in paths:
        render_composition_part(composition, path.name, path)
    return paths


def _mean(picture: Image.Image, box: tuple[int, int, int, int]) -> list[float]:
    return [float(value) for value in ImageStat.Stat(picture.crop(box)).mean]


def _pcm(frame: av.AudioFrame) -> tuple[array.array[int], array.array[int]]:
    """The two 16-bit layers of a frame the mix gives."""
    one, two = array.array("h"), array.array("h")
    one.frombytes(bytes(frame.planes[0])[: 2 * frame.samples])
    two.frombytes(bytes(frame.planes[1])[: 2 * frame.samples])
    return one, two


@pytest.fixture(scope="module")
def segments(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return _segments(_film(), tmp_path_factory.mktemp("segments"))


@pytest.fixture(scope="module")
def film(segments: list[Path]) -> tuple[list[Image.Image], list[float]]:
    return _decoded(segments)


def test_the_segments_decode_to_every_frame_and_the_sound_s_length(
    film: tuple[list[Image.Image], list[float]],
) -> None:
    composition = _film()
    assert (composition.segments, composition.parts()) == (2, ["seg000.ts", "seg001.ts"])
    assert playlist(composition).count("#EXTINF") == 2
    assert "#EXTINF:1.000000," in playlist(composition)
    pictures, samples = film
    assert len(pictures) == composition.frames == 24
    assert {picture.size for picture in pictures} == {(WIDTH, HEIGHT)}
    # The sound lasts the composition's frames, and at most the rest of the last AAC frame.
    assert composition.samples == 3 * RATE
    assert composition.samples <= len(samples) < composition.samples + audio.FRAME_SAMPLES


def test_the_mp4_is_the_segments_frames_and_sound(
    film: tuple[list[Image.Image], list[float]], tmp_path: Path
) -> None:
    path = tmp_path / MP4
    render_media(_film(), MP4, path)
    with av.open(str(path)) as container:
        kinds = [(s.type, s.codec_context.name) for s in container.streams]
        assert kinds == [("video", "h264"), ("audio", "aac")]
        assert container.duration is not None
        assert container.duration / av.time_base == pytest.approx(3.0, abs=0.001)
    pictures, samples = _decoded([path])
    assert len(pictures) == 24
    assert 3 * RATE <= len(samples) < 3 * RATE + audio.FRAME_SAMPLES
    # The same frames as the stream's, encoded by one encoder instead of one a segment.
    streamed, _ = film
    assert max(difference(a, b) for a, b in zip(pictures, streamed, strict=True)) < 2.0
    again = tmp_path / "again.mp4"
    render_media(_film(), MP4, again)
    assert again.read_bytes() == path.read_bytes()


def test_each_clip_shows_its_frames_from_its_trim_in_order(
    film: tuple[list[Image.Image], list[float]],
) -> None:
    pictures, _ = film
    # The overlays are above the lane: the rows compared (the ball, clock and bar) are the
    # clips' own.
    for source, shown, expected in (
        (Source(CLIP_A), pictures[:12], range(4, 16)),
        (Source(CLIP_B), pictures[12:], range(16, 28)),
    ):
        found = [source.closest(picture) for picture in shown]
        assert [index for index, _ in found] == list(expected)
        # Encoding at 160x90 loses a little more with each frame after a key frame (3 to 6
        # here): near the frame drawn, far from its neighbours.
        assert max(distance for _, distance in found) < 8.0


def test_an_image_is_drawn_at_its_place_and_only_during_its_time(
    film: tuple[list[Image.Image], list[float]],
) -> None:
    pictures, _ = film
    # The image as `render_image` draws it, sized to its box.
    facts = f"{LOGO.width}x{LOGO.height}"
    logo = prompt_picture(LOGO.prompt, LOGO.width, LOGO.height, facts=facts)
    logo = logo.resize((32, 32), Image.Resampling.BILINEAR)
    first, second = Source(CLIP_A), Source(CLIP_B)
    for index, picture in enumerate(pictures):
        shown = picture.crop(LOGO_BOX)
        # Both clips show their frame 4 on from frame 0 of the composition.
        clip = (first if index < 12 else second).frames[index + 4].crop(LOGO_BOX)
        to_logo, to_clip = difference(shown, logo), difference(shown, clip)
        if 4 <= index < 20:
            assert to_logo < 6.0, (index, to_logo)
            assert to_logo < to_clip / 2, (index, to_logo, to_clip)
        else:
            assert to_clip < to_logo / 2, (index, to_logo, to_clip)


def test_a_text_s_box_is_drawn_at_its_place_during_its_time(
    film: tuple[list[Image.Image], list[float]],
) -> None:
    pictures, _ = film
    # The box's padding, 4 px from the top left corner: 8 px of white around the letters.
    padding = (5, 5, 11, 11)
    for index, picture in enumerate(pictures):
        red, green, blue = _mean(picture, padding)
        if 8 <= index < 16:
            assert min(red, green, blue) > 235, (index, red, green, blue)
        else:
            assert max(red, green, blue) < 120, (index, red, green, blue)
    # The black letters inside it: darker than the padding around them.
    assert sum(_mean(pictures[10], (12, 12, 30, 22))) < sum(_mean(pictures[10], padding)) - 60


def _boxes(*layers: tuple[tuple[int, int, int, int], float, float]) -> Composition:
    """1 s of coloured boxes, 40x30, each at its left edge with its opacity, over black."""
    return Composition(
        WIDTH,
        HEIGHT,
        FPS,
        FPS,
        visuals=[
            Visual(
                first=0,
                stop=FPS,
                text=Text("", 10, box=colour, width=40, height=30),
                x=(0.0, 0.0, left),
                y=(0.0, 0.0, 20.0),
                opacity=opacity,
            )
            for colour, left, opacity in layers
        ],
    )


def _first_picture(composition: Composition, folder: Path) -> Image.Image:
    pictures, samples = _decoded(_segments(composition, folder))
    assert len(pictures) == composition.frames
    assert not samples, "a composition without sounds has no sound track"
    return pictures[0]


def test_half_opacity_blends_with_what_is_below(tmp_path: Path) -> None:
    picture = _first_picture(_boxes((WHITE, 20.0, 0.5), (WHITE, 100.0, 1.0)), tmp_path)
    half, whole = _mean(picture, (25, 25, 55, 45)), _mean(picture, (105, 25, 135, 45))
    assert all(120 < value < 136 for value in half), half
    assert all(value > 245 for value in whole), whole
    assert max(_mean(picture, (0, 60, WIDTH, HEIGHT))) < 8, "the background is black"


def test_layers_are_painted_in_order(tmp_path: Path) -> None:
    red, blue = (255, 0, 0, 255), (0, 0, 255, 255)
    # Blue over red where they overlap (x 40 to 60), then the other way round.
    one = _first_picture(_boxes((red, 20.0, 1.0), (blue, 40.0, 1.0)), tmp_path / "one")
    two = _first_picture(_boxes((blue, 40.0, 1.0), (red, 20.0, 1.0)), tmp_path / "two")
    overlap = (44, 24, 56, 46)
    red_under, _, blue_over = _mean(one, overlap)
    red_over, _, blue_under = _mean(two, overlap)
    assert (blue_over, red_over) > (200, 200)
    assert (red_under, blue_under) < (40, 40)


def test_what_leaves_the_frame_is_cut_off() -> None:
    white = (WHITE, -20.0, 1.0)
    drawn = frame_image(_boxes(white, (WHITE, WIDTH - 10.0, 1.0), (WHITE, 1000.0, 1.0)), 0)
    assert _mean(drawn, (0, 20, 20, 50)) == [255.0] * 3  # the right half of the first
    assert _mean(drawn, (20, 20, WIDTH - 10, 50)) == [0.0] * 3
    assert _mean(drawn, (WIDTH - 10, 20, WIDTH, 50)) == [255.0] * 3


def test_a_held_frame_and_a_scaled_cropped_video_are_drawn_from_their_source() -> None:
    source = Source(CLIP_A)
    composition = Composition(
        WIDTH,
        HEIGHT,
        FPS,
        FPS,
        visuals=[
            Visual(first=0, stop=FPS, source=CLIP_A, hold=True, offset=20),
            # The bottom half of clip A from its frame 3, shrunk to half size, bottom right.
            Visual(
                first=0,
                stop=FPS,
                source=CLIP_A,
                offset=3,
                crop=(HEIGHT // 2, 0, 0, 0),
                scale=0.5,
                x=(1.0, -1.0, 0.0),
                y=(1.0, -1.0, 0.0),
            ),
        ],
    )
    for index in (0, 5):
        drawn = frame_image(composition, index)
        assert difference(drawn.crop((0, 0, 80, 60)), source.frames[20].crop((0, 0, 80, 60))) == 0
        expected = source.frames[3 + index].crop((0, HEIGHT // 2, WIDTH, HEIGHT))
        expected = expected.resize((80, 22), Image.Resampling.BILINEAR)
        assert difference(drawn.crop((80, HEIGHT - 22, WIDTH, HEIGHT)), expected) == 0


def _sounds(*layers: Audio, seconds: int = 2) -> Composition:
    return Composition(WIDTH, HEIGHT, FPS, seconds * FPS, sounds=layers)


def test_the_sound_is_silent_where_nothing_plays_and_fades_in(
    film: tuple[list[Image.Image], list[float]],
) -> None:
    _, samples = film
    tenth = RATE // 10
    assert rms(samples[: RATE - tenth]) < 0.001
    early = rms(samples[RATE : RATE + tenth])
    later = rms(samples[2 * RATE : 2 * RATE + tenth])
    assert later > 0.05
    assert early < later / 2


def test_the_mix_is_each_layer_at_its_volume_summed() -> None:
    music, voice = MUSIC, audio.voice("one two three four five")
    one, two = audio.pcm(music, RATE, 2 * RATE)
    alone = _pcm(sound_frame(_sounds(Audio(music, 0, RATE, offset=RATE)), 0, RATE))
    assert (alone[0].tobytes(), alone[1].tobytes()) == (one, two), "one layer: its samples"
    half = _pcm(sound_frame(_sounds(Audio(music, 0, RATE, offset=RATE, volume=0.5)), 0, RATE))
    source = array.array("h", one)
    assert max(abs(2 * a - b) for a, b in zip(half[0], source, strict=True)) <= 2
    assert max(map(abs, half[0])) > 1000
    both = _sounds(Audio(music, 0, RATE, offset=RATE), Audio(voice, RATE // 2, RATE))
    mixed = _pcm(sound_frame(both, 0, RATE))
    said = array.array("h", audio.pcm(voice, 0, RATE // 2)[0])
    expected = array.array("h", one[:RATE]) + array.array(
        "h",
        [max(-32768, min(32767, a + b)) for a, b in zip(source[RATE // 2 :], said, strict=True)],
    )
    assert max(abs(a - b) for a, b in zip(mixed[0], expected, strict=True)) <= 1
    # Nothing past the composition's end; silence before and after a layer.
    assert sound_frame(both, RATE, 5 * RATE).samples == RATE
    late = _pcm(sound_frame(_sounds(Audio(music, RATE // 2, RATE)), 0, RATE))
    assert set(late[0][: RATE // 2]) == {0}
    assert set(late[1][: RATE // 2]) == {0}


def test_a_fade_ramps_by_composition_time_however_the_mix_is_asked() -> None:
    rate = RATE
    fading = _sounds(
        Audio(MUSIC, rate // 2, 2 * rate, fade_in=rate // 2, fade_out=rate // 2, volume=2.0),
        Audio(audio.sound_effect("rain", 2.0), 0, 2 * rate, volume=0.5),
    )
    whole = sound_frame(fading, 0, 2 * rate)
    # Asked for in pieces (as segments and MP4 steps ask), the same samples.
    pieces = [sound_frame(fading, a, b) for a, b in ((0, 7000), (7000, 31000), (31000, 48000))]
    assert b"".join(bytes(p.planes[0])[: 2 * p.samples] for p in pieces) == _pcm(whole)[0].tobytes()
    # Music from 0.5 s, faded in to 1 s and out from 1.5 s: each tenth of a second's level
    # against the music's own, unfaded.
    music = _sounds(Audio(MUSIC, rate // 2, 2 * rate, fade_in=rate // 2, fade_out=rate // 2))
    faded = _pcm(sound_frame(music, 0, 2 * rate))[0]
    plain = array.array("h", bytes(rate) + audio.pcm(MUSIC, 0, 3 * rate // 2)[0])
    tenth = rate // 10

    def level(samples: array.array[int], at: int) -> float:
        return rms([value / 32768 for value in samples[at * tenth : (at + 1) * tenth]])

    gains = [level(faded, n) / max(1e-9, level(plain, n)) for n in range(5, 20)]
    assert max(level(faded, n) for n in range(5)) == 0  # before it plays
    # 0.5-0.6 s against 0.9-1 s: fading in; then its whole level; then fading out.
    assert (gains[0], gains[4]) < (0.25, 1.0)
    assert gains[4] > 0.75
    assert gains[5:10] == pytest.approx([1.0] * 5, abs=0.001)
    assert gains[10] > 0.75
    assert gains[14] < 0.25


def test_volume_0_mutes(tmp_path: Path) -> None:
    muted = _sounds(Audio(MUSIC, 0, 2 * RATE, volume=0.0))
    pictures, samples = _decoded(_segments(muted, tmp_path))
    assert len(pictures) == 16
    assert 2 * RATE <= len(samples) < 2 * RATE + audio.FRAME_SAMPLES
    assert rms(samples) < 0.0005
    loud = _sounds(Audio(MUSIC, 0, 2 * RATE))
    assert max(map(abs, _pcm(sound_frame(loud, 0, 2 * RATE))[0])) > 1000


def test_the_same_composition_gives_the_same_bytes(segments: list[Path], tmp_path: Path) -> None:
    again = from_description(json.loads(json.dumps(describe(_film()))))
    assert isinstance(again, Composition)
    for path in segments:
        copy = tmp_path / path.name
        render_media(again, path.name, copy)
        assert copy.read_bytes() == path.read_bytes()


def test_a_description_makes_the_same_composition_and_its_key_names_all_of_it() -> None:
    film = _film()
    again = from_description(json.loads(json.dumps(describe(film))))
    assert again == film
    assert again.key == film.key
    assert re.fullmatch(r"[ra]\d+-[0-9a-f]{24}", film.key)
    assert label(film) == "a composition of 4 pictures and 1 sounds"
    dubbed = Composition(
        WIDTH,
        HEIGHT,
        FPS,
        FPS,
        visuals=[Visual(first=0, stop=FPS, source=Dub(CLIP_A, "fr"))],
        sounds=[Audio(Dub(CLIP_A, "fr").sound, 0, RATE)],
    )
    assert from_description(json.loads(json.dumps(describe(dubbed)))) == dubbed
    visuals, sounds = film.visuals, film.sounds
    changed = [
        Composition(WIDTH, HEIGHT, FPS, 3 * FPS, (0, 0, 1), visuals, sounds),
        Composition(WIDTH, HEIGHT, FPS, 3 * FPS + 1, visuals=visuals, sounds=sounds),
        Composition(WIDTH, HEIGHT, FPS, 3 * FPS, visuals=visuals[:3], sounds=sounds),
        Composition(WIDTH, HEIGHT, FPS, 3 * FPS, visuals=visuals[::-1], sounds=sounds),
        Composition(WIDTH, HEIGHT, FPS, 3 * FPS, visuals=visuals),
        Composition(
            WIDTH,
            HEIGHT,
            FPS,
            3 * FPS,
            visuals=[*visuals[:3], Visual(first=8, stop=16, text=TITLE, opacity=0.9)],
            sounds=sounds,
        ),
        Composition(
            WIDTH,
            HEIGHT,
            FPS,
            3 * FPS,
            visuals=visuals,
            sounds=[Audio(MUSIC, RATE, 3 * RATE, fade_in=RATE // 2, volume=0.9)],
        ),
        Composition(
            WIDTH,
            HEIGHT,
            FPS,
            3 * FPS,
            visuals=[Visual(first=0, stop=12, source=CLIP_B, offset=4), *visuals[1:]],
            sounds=sounds,
        ),
    ]
    keys = {film.key, *(composition.key for composition in changed)}
    assert len(keys) == len(changed) + 1


def test_an_image_picture_is_drawn_as_a_generated_image_is() -> None:
    image = image_picture("A square logo", "1:1")
    composition = Composition(
        WIDTH,
        HEIGHT,
        FPS,
        1,
        visuals=[Visual(first=0, stop=1, source=image, still=True, size=(64, 64))],
    )
    expected = prompt_picture(image.prompt, 1024, 1024, facts="1024x1024")
    expected = expected.resize((64, 64), Image.Resampling.BILINEAR)
    assert difference(frame_image(composition, 0).crop((0, 0, 64, 64)), expected) == 0


def _visual(**changes: object) -> Visual:
    fields: dict[str, object] = {"first": 0, "stop": FPS, "source": CLIP_A}
    fields.update(changes)
    return Visual(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: _visual(stop=0), "stop 0 must be after first 0"),
        (lambda: _visual(first=-1), "first"),
        (lambda: _visual(source=None), "a source or a text"),
        (lambda: _visual(text=TITLE), "a source or a text"),
        (lambda: _visual(offset=20), "offset: frames 20 to 28"),
        (lambda: _visual(hold=True, offset=24), "offset: frame 24"),
        (lambda: _visual(still=True), "still"),
        (lambda: _visual(opacity=1.5), "opacity"),
        (lambda: _visual(scale=0), "scale"),
        (lambda: _visual(size=(0, 10)), "size"),
        (lambda: _visual(crop=(45, 0, 45, 0)), "crop"),
        (lambda: _visual(x=(float("nan"), 0, 0)), "x"),
        (lambda: Visual(first=0, stop=1, text=TITLE, offset=2), "offset"),
        (lambda: Text("a", 0), "size"),
        (lambda: Text("a", 501), "size"),
        (lambda: Text("a", 10, colour=(256, 0, 0, 255)), "colour"),
        (lambda: Text("a", 10, align=("middle", "top")), "align"),
        (lambda: Text("a", 10, width=0), "width"),
        (lambda: Audio(MUSIC, 0, 10, volume=5.5), "volume"),
        (lambda: Audio(MUSIC, 0, 10, fade_in=-1), "fade_in"),
        (lambda: Audio(MUSIC, 0, 10, fade_out=-1), "fade_out"),
        (lambda: Audio(MUSIC, 10, 10), "stop 10 must be after first 10"),
        (lambda: Audio(MUSIC, 0, RATE, offset=MUSIC.samples), "offset: samples"),
        (lambda: Composition(WIDTH, 91, FPS, FPS), "height"),
        (lambda: Composition(WIDTH, HEIGHT, FPS, 0), "frames"),
        (lambda: Composition(WIDTH, HEIGHT, FPS, FPS, (0, 0, 300)), "background"),
        (lambda: Composition(WIDTH, HEIGHT, FPS, 4, visuals=[_visual()]), r"visuals\[0\]"),
        (
            lambda: Composition(WIDTH, HEIGHT, 12, FPS, visuals=[_visual()]),
            r"visuals\[0\].source: a video at 8 fps",
        ),
        (
            lambda: Composition(WIDTH, HEIGHT, FPS, FPS, sounds=[Audio(MUSIC, 0, 2 * RATE)]),
            r"sounds\[0\]",
        ),
    ],
)
def test_what_cannot_be_drawn_is_refused_naming_the_field(make: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        make()  # type: ignore[operator]


def test_a_composition_has_segments_only(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"no part named 'thumbnail\.jpg'"):
        render_media(_film(), "thumbnail.jpg", tmp_path / "thumbnail.jpg")
    with pytest.raises(ValueError, match=r"no part named 'seg002\.ts'"):
        render_composition_part(_film(), "seg002.ts", tmp_path / "seg002.ts")
    assert not list(tmp_path.iterdir()), "nothing is left behind"
