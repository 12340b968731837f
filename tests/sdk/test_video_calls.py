"""A video's own calls against mocked answers: `generate_stream`, `generate_thumbnail`,
`download`, `play` and `get_embed_code`; what each sends, returns and refuses before any
request."""

from __future__ import annotations

import json
import sys
import webbrowser
from typing import Any

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import GenerationFailedError, InvalidInputError, _player

from .conftest import BASE, KEY, VIDEO, FakeClock

STREAM = "https://stream.videodb.io/v3/published/manifests/9c8d7e6f.m3u8"
DOWNLOAD_ID = "dl-9d2f4e675b1c0a3e"
MP4 = "https://assets.videodb.io/downloads/dl-9d2f.mp4?signature=1b2c"
THUMB: dict[str, Any] = {"id": "img-1a2b", "collection_id": "default", "width": 640, "height": 360}


def _video(conn: videodb_gen.Connection, **fields: Any) -> videodb_gen.Video:
    return videodb_gen.Video(**(VIDEO | fields), engine=conn._engine)


def test_a_stream_of_parts_sends_them_with_the_length(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    route = api.post(f"/video/{VIDEO['id']}/stream").respond(
        json={"success": True, "data": {"stream_url": STREAM, "player_url": None}}
    )
    video = _video(conn)
    assert video.generate_stream([(0, 2), (3, 5.5)]) == STREAM
    assert json.loads(route.calls.last.request.content) == {
        "timeline": [[0.0, 2.0], [3.0, 5.5]],
        "length": 6.0,
    }
    assert video.stream_url == VIDEO["stream_url"]  # the video is frozen: still the whole one


def test_without_parts_the_stream_is_the_video_s_own_and_nothing_is_sent(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    assert _video(conn).generate_stream() == VIDEO["stream_url"]
    assert not api.calls


@pytest.mark.parametrize(
    ("timeline", "field", "rule"),
    [
        ([], "timeline", "at least one"),
        ([(0, 7)], "timeline[0] end", "past the video's end (6 s)"),
        ([(0, 2), (4, 3)], "timeline[1]", "must end after it starts"),
        ([(2, 2)], "timeline[0]", "must end after it starts"),
        ([(-1, 2)], "timeline[0] start", "0 or more"),
        ([(0, float("nan"))], "timeline[0] end", "number of seconds"),
        ([(0, "2")], "timeline[0] end", "number of seconds"),
        ([(0, 1, 2)], "timeline[0]", "(start, end) pair"),
        ("0:2", "timeline", "list of (start, end) pairs"),
        ([(0, 0.001)] * 1001, "timeline", "at most 1000"),
    ],
)
def test_bad_parts_are_refused_before_any_request(
    api: respx.MockRouter, conn: videodb_gen.Connection, timeline: Any, field: str, rule: str
) -> None:
    with pytest.raises(InvalidInputError) as info:
        _video(conn).generate_stream(timeline)
    assert info.value.field == field
    assert rule in info.value.rule
    assert not api.calls


def test_a_thumbnail_without_a_time_is_the_video_s_own_or_read(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    assert _video(conn).generate_thumbnail() == VIDEO["thumbnail_url"]
    read = api.get(f"/video/{VIDEO['id']}/thumbnail").respond(
        json={"success": True, "data": {"thumbnail_url": "https://t.example/x.jpg"}}
    )
    assert _video(conn, thumbnail_url=None).generate_thumbnail() == "https://t.example/x.jpg"
    assert read.called


def test_a_thumbnail_at_a_time_is_an_image(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    made = api.post(f"/video/{VIDEO['id']}/thumbnail").respond(
        json={"success": True, "data": THUMB}
    )
    image = _video(conn).generate_thumbnail(2)
    assert isinstance(image, videodb_gen.Image)
    assert image.id == "img-1a2b"
    assert json.loads(made.calls.last.request.content) == {"time": 2.0}


@pytest.mark.parametrize("time", [-0.1, 6.5, float("inf"), True, "2"])
def test_a_thumbnail_time_outside_the_video_is_refused(
    api: respx.MockRouter, conn: videodb_gen.Connection, time: Any
) -> None:
    with pytest.raises(InvalidInputError, match="time"):
        _video(conn).generate_thumbnail(time)
    assert not api.calls


def _download_routes(api: respx.MockRouter) -> tuple[respx.Route, respx.Route]:
    started = api.post("/download").respond(
        json={
            "success": True,
            "status": "processing",
            "data": {"id": DOWNLOAD_ID, "output_url": f"{BASE}/download/{DOWNLOAD_ID}"},
        }
    )
    state = {"id": DOWNLOAD_ID, "name": "drone"}
    polled = api.get(f"/download/{DOWNLOAD_ID}").mock(
        side_effect=[
            httpx.Response(200, json={"success": True, "status": "processing",
                                      "data": state | {"status": "processing"}}),
            httpx.Response(200, json={"success": True, "status": "done",
                                      "data": state | {"status": "done", "download_url": MP4}}),
        ]
    )  # fmt: skip
    return started, polled


def test_a_download_waits_for_its_job_and_reads_like_the_official_dict(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    started, polled = _download_routes(api)
    seen: list[str] = []
    result = _video(conn).download(on_progress=lambda job: seen.append(job.status))
    assert result.download_url == result["download_url"] == MP4
    assert result["status"] == "done"
    assert result.get("name") == "drone"
    assert json.loads(started.calls.last.request.content) == {
        "stream_link": VIDEO["stream_url"],
        "name": VIDEO["name"],
    }
    assert polled.call_count == 2
    assert seen == ["processing", "done"]  # each new state once


async def test_the_async_twin_downloads_with_a_name(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection
) -> None:
    started, _ = _download_routes(api)
    video = videodb_gen.AsyncVideo(**VIDEO, engine=aconn._engine)
    result = await video.download("ad.mp4")
    assert result.download_url == MP4
    assert json.loads(started.calls.last.request.content)["name"] == "ad.mp4"


def test_a_failed_download_is_a_generation_failure_naming_it(
    api: respx.MockRouter, conn: videodb_gen.Connection, clock: FakeClock
) -> None:
    _, polled = _download_routes(api)
    polled.mock(
        side_effect=[
            httpx.Response(200, json={"success": False, "status": "error", "message": "no media",
                                      "data": {"id": DOWNLOAD_ID, "status": "error"}}),
        ]
    )  # fmt: skip
    with pytest.raises(GenerationFailedError, match="no media") as info:
        _video(conn).download()
    assert info.value.job_id == DOWNLOAD_ID


def test_play_opens_the_console_player_only_where_there_is_a_desktop(
    conn: videodb_gen.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, new=0: opened.append(url))
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    video = _video(conn)
    url = video.play()
    assert url == f"https://console.videodb.io/player?url={VIDEO['stream_url']}"
    assert opened == []  # no desktop: nothing is started, nothing blocks
    monkeypatch.setenv("DISPLAY", ":0")
    assert video.play() == url
    assert opened == [url]


def test_play_uses_the_server_s_own_player_on_its_origin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_player, "_has_desktop", lambda: False)
    base = "http://127.0.0.1:4011"
    with videodb_gen.connect(api_key=KEY, base_url=base) as conn:
        video = _video(conn, player_url=f"{base}/media/m-1/player")
        assert video.play() == f"{base}/media/m-1/player"


def test_play_in_a_notebook_is_a_frame(
    conn: videodb_gen.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    frame = object()
    monkeypatch.setattr(_player, "_notebook_frame", lambda url: frame)
    assert _video(conn).play() is frame


def test_embed_code_is_an_escaped_iframe_of_the_player(conn: videodb_gen.Connection) -> None:
    video = _video(conn, player_url="https://player.videodb.io/watch?v=a&b=<x>")
    code = video.get_embed_code(height=300, title='My "ad"', allow_fullscreen=False)
    assert code == (
        '<iframe src="https://player.videodb.io/embed?v=a&amp;b=&lt;x&gt;" width="100%" '
        'height="300" title="My &quot;ad&quot;" frameborder="0"></iframe>'
    )
    plain = _video(conn, player_url=None).get_embed_code()
    assert 'src="https://console.videodb.io/player?url=' in plain
    assert plain.endswith(" allowfullscreen></iframe>")
    with pytest.raises(InvalidInputError, match="auto_generate"):
        _video(conn, player_url=None).get_embed_code(auto_generate=False)
    with pytest.raises(InvalidInputError, match="height"):
        video.get_embed_code(height=0)


def test_a_video_read_from_the_api_is_a_handle(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get(f"/video/{VIDEO['id']}").respond(json={"success": True, "data": VIDEO})
    video = conn.get_video(VIDEO["id"])
    assert isinstance(video, videodb_gen.Video)
    assert isinstance(video, videodb_gen.VideoInfo)
    assert video.generate_stream() == VIDEO["stream_url"]


@pytest.mark.parametrize("name", ["   ", "n" * 256, 5])  # "" is the default, as in 0.5.1
def test_a_bad_download_name_is_refused_before_any_request(
    api: respx.MockRouter, conn: videodb_gen.Connection, name: Any
) -> None:
    with pytest.raises(InvalidInputError, match="name"):
        _video(conn).download(name)
    assert not api.calls
