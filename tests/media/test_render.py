"""The renderer on its own: drawing with Pillow, frames that move, timing, and options."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import av
import pytest
from av.video.reformatter import VideoReformatter
from PIL import Image, ImageChops
from videodb_mock import time_render
from videodb_mock._command import build_parser, config_from_args
from videodb_mock._media.drawing import TEXT, VideoFrames, font, prompt_picture, wrap
from videodb_mock._media.render import PLAYLIST, THUMBNAIL, Picture, frames, render_video


def test_the_font_draws_every_printable_ascii_character() -> None:
    for size in (8, 18, 40):
        for char in map(chr, range(33, 127)):
            mask = font(size).getmask(char)
            assert mask.getbbox() is not None, (size, char)


def _columns(columns: int) -> Callable[[str], bool]:
    """Fits a line of at most `columns` characters, as a fixed-width font would."""
    return lambda line: len(line) <= columns


def test_wrap_breaks_at_spaces_cuts_long_words_and_marks_overflow() -> None:
    assert wrap("a drone over the city", _columns(10), 5) == ["a drone", "over the", "city"]
    assert wrap("abcdefghijkl", _columns(5), 5) == ["abcde", "fghij", "kl"]
    assert wrap("one two three four five", _columns(7), 2) == ["one two", "thre..."]
    assert wrap("café 🚀", _columns(20), 1) == ["cafe ?"]


def test_wrapped_lines_fit_the_picture_in_pixels() -> None:
    large = font(28)
    prompt = "A drone flying over a futuristic city at dusk, " * 4
    lines = wrap(prompt, lambda line: large.getlength(line) <= 588, 3)
    assert len(lines) == 3
    assert lines[-1].endswith("...")
    assert all(large.getlength(line) <= 588 for line in lines)


def test_a_picture_shows_its_prompt_and_is_the_same_every_time() -> None:
    shown = prompt_picture("A red fox in the snow", 512, 288, facts="512x288")
    again = prompt_picture("A red fox in the snow", 512, 288, facts="512x288")
    blank = prompt_picture("", 512, 288, facts="512x288")
    assert shown.tobytes() == again.tobytes()
    changed = ImageChops.difference(shown, blank).getbbox()
    assert changed is not None
    left, top, right, bottom = changed
    assert 288 * 16 // 100 <= top < bottom <= 288 - 512 // 24, "the prompt is drawn in its area"
    assert 0 < left < right < 512
    assert TEXT in {colour for _, colour in shown.crop(changed).getcolors(1 << 16) or []}


def test_a_picture_is_saved_as_a_png_of_its_size() -> None:
    data = io.BytesIO()
    prompt_picture("A still image", 1024, 576).save(data, "PNG")
    with Image.open(io.BytesIO(data.getvalue())) as image:
        assert (image.format, image.size, image.mode) == ("PNG", (1024, 576), "RGB")


def test_frames_move_and_change_every_frame() -> None:
    picture = Picture("motion", 1, width=160, height=90, fps=12)
    pictures = [bytes(frame.planes[0]) for _, frame in frames(picture)]
    assert len(pictures) == 12
    assert len(set(pictures)) == 12


def test_the_same_picture_gives_the_same_frames_and_others_differ() -> None:
    picture = Picture("a drone over the sea", 1, width=320, height=180, fps=6)

    def planes(picture: Picture) -> list[bytes]:
        return [b"".join(bytes(p) for p in frame.planes) for _, frame in frames(picture)]

    assert planes(picture) == planes(picture)
    other = planes(Picture("a ship under the sea", 1, width=320, height=180, fps=6))
    assert all(a != b for a, b in zip(planes(picture), other, strict=True))


def test_a_frame_converted_in_two_parts_is_the_frame_converted_whole() -> None:
    picture = Picture("converted in two parts", 1, width=320, height=180, fps=4)
    converter = VideoReformatter()
    for image, frame in frames(picture):
        whole = converter.reformat(
            av.VideoFrame.from_image(image),  # type: ignore[no-untyped-call]
            format="yuv420p",
            interpolation="POINT",
        )
        assert [bytes(p) for p in frame.planes] == [bytes(p) for p in whole.planes]


def test_the_smallest_picture_still_draws() -> None:
    picture = Picture("the smallest picture there is, with a long prompt", 2, 64, 64, fps=1)
    images = [VideoFrames(picture).frame(index) for index in range(picture.frames)]
    assert [image.size for image in images] == [(64, 64), (64, 64)]


def test_render_video_writes_playlist_segments_and_thumbnail(tmp_path: Path) -> None:
    picture = Picture("written", 5, width=320, height=180, fps=10)
    reported: list[float] = []
    render_video(picture, tmp_path, reported.append)
    assert reported[-1] == 1.0
    assert reported == sorted(reported)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "seg000.ts",
        "seg001.ts",
        "seg002.ts",
        PLAYLIST,
        THUMBNAIL,
    ]
    with av.open(str(tmp_path / PLAYLIST)) as container:
        count = sum(1 for _ in container.decode(video=0))
    assert count == 50


def test_a_render_stops_when_progress_says_so(tmp_path: Path) -> None:
    class Stop(Exception):
        pass

    def stop(fraction: float) -> None:
        if fraction > 0.2:
            raise Stop

    with pytest.raises(Stop):
        render_video(Picture("stopped", 8), tmp_path, stop)


def test_an_eight_second_video_renders_well_under_eight_seconds() -> None:
    assert time_render(8) < 4.0


def test_picture_keys_differ_by_content() -> None:
    key = Picture("a", 5).key
    assert key == Picture("a", 5).key
    assert len({key, Picture("b", 5).key, Picture("a", 6).key, Picture("a", 5, fps=25).key}) == 4


def test_media_options_and_environment() -> None:
    args = build_parser(environ={}).parse_args([])
    config = config_from_args(args)
    assert (config.media, config.media_dir, config.render_workers) == ("render", None, 1)
    env = {"VIDEODB_MOCK_MEDIA": "off", "VIDEODB_MOCK_MEDIA_DIR": "/srv/media"}
    config = config_from_args(build_parser(environ=env).parse_args(["--render-workers", "2"]))
    assert (config.media, config.media_dir, config.render_workers) == ("off", "/srv/media", 2)
    config = config_from_args(build_parser(environ=env).parse_args(["--media", "render"]))
    assert config.media == "render"
    with pytest.raises(SystemExit):
        build_parser(environ={}).parse_args(["--media", "sometimes"])
