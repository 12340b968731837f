"""The renderer on its own: the font, the canvas, frames that move, timing, and options."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
from videodb_mock import _font, time_render
from videodb_mock._canvas import Canvas, rgb
from videodb_mock._command import build_parser, config_from_args
from videodb_mock._media.render import PLAYLIST, THUMBNAIL, Picture, frames, render_video


def test_every_glyph_is_five_columns_and_at_most_nine_rows() -> None:
    for char in map(chr, range(32, 127)):
        assert _font.has_glyph(char), char
        for _, start, end in _font.glyph_runs(char, 1):
            assert 0 <= start < end <= _font.GLYPH_WIDTH, char
    rows = {row for char in "gjpqy_," for row, _, _ in _font.glyph_runs(char, 1)}
    assert max(rows) < _font.GLYPH_HEIGHT


def test_wrap_breaks_at_spaces_cuts_long_words_and_marks_overflow() -> None:
    assert _font.wrap("a drone over the city", 10, 5) == ["a drone", "over the", "city"]
    assert _font.wrap("abcdefghijkl", 5, 5) == ["abcde", "fghij", "kl"]
    assert _font.wrap("one two three four five", 7, 2) == ["one two", "thre..."]
    assert _font.wrap("café 🚀", 20, 1) == ["cafe ?"]


def test_canvas_draws_in_place_and_clips() -> None:
    white = rgb(255, 255, 255)
    assert white == (235, 128, 128)
    canvas = Canvas.blank(8, 4, (8, 4, 4), rgb(0, 0, 0))
    canvas.fill(6, 2, 10, 10, white)
    luma = canvas.planes[0]
    assert luma[2 * 8 + 6 : 2 * 8 + 8] == bytes([235, 235])
    assert luma[2 * 8 + 5] == 16
    canvas.text(-100, -100, "clipped away", 1, 200)
    assert 200 not in canvas.planes[0]


def test_frames_move_and_change_every_frame() -> None:
    picture = Picture("motion", 1, width=160, height=90, fps=12)
    pictures = [bytes(frame.planes[0]) for frame in frames(picture)]
    assert len(pictures) == 12
    assert len(set(pictures)) == 12


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
