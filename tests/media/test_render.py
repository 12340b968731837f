"""The renderer on its own: drawing with Pillow, frames that move, timing, and options."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import av
import pytest
from av.video.reformatter import VideoReformatter
from PIL import Image, ImageChops
from videodb_mock._command import build_parser, config_from_args
from videodb_mock._media.drawing import TEXT, VideoFrames, font, prompt_picture, wrap
from videodb_mock._media.render import (
    PLAYLIST,
    THUMBNAIL,
    Picture,
    frames,
    playlist,
    render_part,
    render_video,
    segment_index,
)


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
    render_video(picture, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "seg000.ts",
        "seg001.ts",
        "seg002.ts",
        PLAYLIST,
        THUMBNAIL,
    ]
    assert (tmp_path / PLAYLIST).read_text() == playlist(picture)
    with av.open(str(tmp_path / PLAYLIST)) as container:
        count = sum(1 for _ in container.decode(video=0))
    assert count == 50


def test_segments_rendered_apart_and_in_any_order_play_as_one_stream(tmp_path: Path) -> None:
    picture = Picture("in any order", 5, width=160, height=90, fps=12)
    (tmp_path / PLAYLIST).write_text(playlist(picture))
    for name in reversed(picture.parts()):
        render_part(picture, name, tmp_path / name)
    with av.open(str(tmp_path / PLAYLIST)) as container:
        stream = container.streams.video[0]
        packets = [packet for packet in container.demux(stream) if packet.size]
        frames = [frame for packet in packets for frame in packet.decode()]
    assert not any(packet.is_corrupt for packet in packets)
    assert [round(frame.time * 12) for frame in frames if frame.time is not None] == list(range(60))
    assert sum(1 for packet in packets if packet.is_keyframe) == picture.segments
    assert not list(tmp_path.glob("*.partial"))


def test_a_part_the_video_does_not_have_is_refused(tmp_path: Path) -> None:
    picture = Picture("five seconds", 5)
    assert [segment_index(picture, name) for name in ("seg002.ts", "seg003.ts", "seg2.ts")] == [
        2,
        None,
        None,
    ]
    with pytest.raises(ValueError, match="no part"):
        render_part(picture, "seg003.ts", tmp_path / "seg003.ts")
    assert list(tmp_path.iterdir()) == []


def test_the_playlist_lists_every_segment_and_its_length() -> None:
    text = playlist(Picture("seven seconds", 7))
    lines = text.splitlines()
    assert lines[0] == "#EXTM3U"
    assert lines[-1] == "#EXT-X-ENDLIST"
    lengths = [float(line[8:].rstrip(",")) for line in lines if line.startswith("#EXTINF:")]
    assert lengths == [2.0, 2.0, 2.0, 1.0]
    assert [line for line in lines if line.endswith(".ts")] == [
        "seg000.ts",
        "seg001.ts",
        "seg002.ts",
        "seg003.ts",
    ]


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
