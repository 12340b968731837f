"""VideoDB's official clients compose against the sandbox unchanged: the Python client's
`videodb.timeline.Timeline` and `videodb.editor.Timeline` (0.5.1), and the Node client's
`Timeline` and `EditorTimeline` (0.2.0); their streams decode to the composition's length."""

from __future__ import annotations

import io
import warnings

import av
import httpx
import pytest
import videodb
from videodb.asset import AudioAsset, ImageAsset, TextAsset, VideoAsset
from videodb.editor import AudioAsset as EditorAudioAsset
from videodb.editor import Clip, Fit, Font, Position, Track
from videodb.editor import ImageAsset as EditorImageAsset
from videodb.editor import TextAsset as EditorTextAsset
from videodb.editor import Timeline as EditorTimeline
from videodb.editor import VideoAsset as EditorVideoAsset
from videodb.timeline import Timeline

from tests._servers import TEST_API_KEY
from tests.conftest import SandboxFactory
from tests.sandbox.test_official_node import _run_node, _seconds

NODE_SCRIPT = "official_compose.cjs"


def _tracks(data: bytes) -> tuple[float, float | None]:
    """How long an MP4's pictures last, and its sound (None without a sound track)."""
    with av.open(io.BytesIO(data), "r") as container:
        video = container.streams.video[0]
        frames = sum(1 for _ in container.decode(video))
        seconds = frames / float(video.average_rate or 24)
    with av.open(io.BytesIO(data), "r") as container:
        if not container.streams.audio:
            return seconds, None
        stream = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(stream))
        return seconds, samples / stream.rate


def test_the_official_python_timelines_compose(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--media", "render", "--job-seconds", "0")
    conn = videodb.connect(api_key=TEST_API_KEY, base_url=url)
    coll = conn.get_collection()
    first = coll.generate_video(prompt="A lighthouse at dawn", duration=6)
    second = coll.generate_video(prompt="Waves on the rocks below", duration=5)
    music = coll.generate_music(prompt="Warm, hopeful strings", duration=8)
    logo = coll.generate_image(prompt="A round lighthouse logo", aspect_ratio="1:1", wait=True)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the official one warns: deprecated
        timeline = Timeline(conn)
    timeline.add_inline(VideoAsset(asset_id=first.id, start=1, end=4))
    timeline.add_inline(VideoAsset(asset_id=second.id, start=0, end=2))
    timeline.add_overlay(0, AudioAsset(asset_id=music.id, fade_in_duration=1, fade_out_duration=1))
    timeline.add_overlay(0, ImageAsset(asset_id=logo.id, width=60, height=60, x=560, y=20))
    timeline.add_overlay(1, TextAsset(text="Every cup, a fresh start.", duration=2))
    stream = timeline.generate_stream()
    assert stream == timeline.stream_url
    assert stream.startswith(url)
    assert timeline.player_url is not None
    assert abs(_seconds(stream) - 5.0) < 0.1
    assert httpx.get(timeline.player_url).status_code == 200
    # The same timeline is the same stream.
    assert timeline.generate_stream() == stream

    editor = EditorTimeline(conn)
    clips = Track(z_index=0)
    clips.add_clip(0, Clip(asset=EditorVideoAsset(id=first.id, start=1), duration=3))
    clips.add_clip(3, Clip(asset=EditorVideoAsset(id=second.id), duration=2))
    overlays = Track(z_index=1)
    overlays.add_clip(
        0,
        Clip(
            asset=EditorImageAsset(id=logo.id),
            duration=5,
            scale=0.2,
            fit=Fit.contain,
            position=Position.top_right,
        ),
    )
    overlays.add_clip(
        1, Clip(asset=EditorTextAsset(text="Every cup", font=Font(size=40)), duration=2)
    )
    # Fit.none is sent as the string "None".
    small = Clip(
        asset=EditorImageAsset(id=logo.id),
        duration=2,
        scale=0.1,
        fit=Fit.none,
        position=Position.bottom_left,
    )
    overlays.add_clip(3, small)
    sound = Track(z_index=2)
    sound.add_clip(0, Clip(asset=EditorAudioAsset(id=music.id, volume=0.5), duration=5))
    for track in (clips, overlays, sound):
        editor.add_track(track)
    composed = editor.generate_stream()
    assert composed == editor.stream_url
    assert abs(_seconds(composed) - 5.0) < 0.1
    answer = editor.download_stream(composed)
    mp4 = httpx.get(answer["download_url"], timeout=60)
    assert mp4.status_code == 200
    pictures, heard = _tracks(mp4.content)
    assert abs(pictures - 5.0) < 0.05
    assert heard is not None
    assert abs(heard - 5.0) < 0.1


def test_an_unknown_asset_is_the_official_clients_error(start_sandbox: SandboxFactory) -> None:
    from videodb.exceptions import InvalidRequestError

    url = start_sandbox("--job-seconds", "0")
    conn = videodb.connect(api_key=TEST_API_KEY, base_url=url)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        timeline = Timeline(conn)
    timeline.add_inline(VideoAsset(asset_id="m-0123456789abcdef"))
    with pytest.raises(InvalidRequestError, match="m-0123456789abcdef"):
        timeline.generate_stream()
    stats = httpx.get(f"{url}/_sandbox/stats").json()
    assert stats["compositions"] == 0


def test_the_official_node_timelines_compose(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--media", "render", "--job-seconds", "0")
    out = _run_node(url, NODE_SCRIPT)
    assert out["classic"].startswith(url)
    assert abs(_seconds(out["classic"]) - 5.0) < 0.1
    assert out["classicPlayer"]
    assert abs(_seconds(out["editor"]) - 5.0) < 0.1
    assert out["editor"] != out["classic"]
    mp4 = httpx.get(out["download"]["downloadUrl"], timeout=60)
    assert mp4.status_code == 200
    pictures, heard = _tracks(mp4.content)
    assert abs(pictures - 5.0) < 0.05
    assert heard is not None
    stats = httpx.get(f"{url}/_sandbox/stats").json()
    assert stats["compositions"] == 2
