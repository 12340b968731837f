"""Composition: the classic timeline (`videodb_gen.timeline`, `videodb_gen.asset`) and the
Editor (`videodb_gen.editor`). Their values give the official classes' JSON for the same
arguments; every rule is refused when the value is made, naming the argument and the rule,
before any request; and what `generate_stream` and `download_stream` send, sync and async,
against mocked answers."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import respx
import videodb.asset as official_asset
import videodb.editor as official_editor
import videodb.timeline as official_timeline
import videodb_gen
from videodb._constants import TextStyle as OfficialTextStyle
from videodb_gen import asset, editor, timeline
from videodb_gen._exceptions import InvalidInputError

from .conftest import BASE, KEY, FakeClock

STREAM = "https://stream.example.net/v3/published/manifests/9c8d7e6f.m3u8"
PLAYER = "https://console.example.net/player?url=9c8d7e6f"
STREAM_ANSWER = {"success": True, "data": {"stream_url": STREAM, "player_url": PLAYER}}
MP4 = "https://cdn.example.net/downloads/dl-1.mp4?signature=1b2c"
DOWNLOAD_DONE = {
    "success": True,
    "status": "done",
    "data": {"id": "dl-1", "name": "film", "status": "done", "download_url": MP4},
}
UPLOAD = "https://uploads.example.net/u-1?signature=5a7c"


def _plain(data: Any) -> Any:
    """The JSON the official classes' values send (their enums as their strings)."""
    return json.loads(json.dumps(data))


def _classic(conn: Any) -> Any:
    with pytest.warns(DeprecationWarning, match=r"videodb_gen\.editor\.Timeline"):
        return timeline.Timeline(conn)


def _official_classic() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return official_timeline.Timeline(None)


# The same values, ours and the official ones'.

CLASSIC_PAIRS: list[tuple[Callable[[Any], Any], str]] = [
    (lambda m: m.VideoAsset("m-1"), "video, defaults"),
    (lambda m: m.VideoAsset("m-1", 1.5, 4), "video, a part"),
    (lambda m: m.AudioAsset("a-1"), "audio, defaults"),
    (lambda m: m.AudioAsset("a-1", 1, 9, False, 2, 5), "audio, every argument"),
    (lambda m: m.AudioAsset("a-1", fade_in_duration=None), "audio, a fade of None is 0"),
    (lambda m: m.ImageAsset("img-1"), "image, defaults"),
    (lambda m: m.ImageAsset("img-1", 120, "main_h/4", 500, "main_h-overlay_h", 3), "image"),
]


@pytest.mark.parametrize(("make", "_what"), CLASSIC_PAIRS, ids=[w for _, w in CLASSIC_PAIRS])
def test_a_classic_asset_gives_the_official_json(make: Callable[[Any], Any], _what: str) -> None:
    assert make(asset).to_json() == _plain(make(official_asset).to_json())


def test_a_text_asset_and_its_style_give_the_official_json_with_a_txt_uuid_id() -> None:
    style_args: dict[str, Any] = {
        "fontsize": 40,
        "fontcolor": "#ffcc00",
        "box": False,
        "x": 10,
        "y": "h-60",
    }
    ours = asset.TextAsset("Every cup", 3, asset.TextStyle(**style_args))
    theirs = official_asset.TextAsset("Every cup", 3, OfficialTextStyle(**style_args))
    assert ours.asset_id.startswith("txt-")
    assert len(ours.asset_id) == len(theirs.asset_id)
    assert ours.to_json() == theirs.to_json() | {"asset_id": ours.asset_id}
    assert asset.TextAsset("x").to_json()["style"] == OfficialTextStyle().__dict__
    assert asset.TextAsset("x").asset_id != asset.TextAsset("x").asset_id
    assert asset.TextAsset("x", asset_id="txt-1").asset_id == "txt-1"


def test_text_style_has_the_official_fields_in_order() -> None:
    official = list(OfficialTextStyle.__dataclass_fields__)
    assert [field.name for field in asset.TextStyle.__attrs_attrs__] == official
    assert videodb_gen.TextStyle is asset.TextStyle


def test_a_classic_timeline_gives_the_official_json(conn: videodb_gen.Connection) -> None:
    ours, theirs = _classic(conn), _official_classic()
    text_ours = asset.TextAsset("Hello", 2)
    text_theirs = official_asset.TextAsset("Hello", 2)
    text_theirs.asset_id = text_ours.asset_id
    for module, made, text in ((asset, ours, text_ours), (official_asset, theirs, text_theirs)):
        made.add_inline(module.VideoAsset("m-1", 0, 4))
        made.add_inline(module.VideoAsset("m-2", 1))
        made.add_overlay(0, module.AudioAsset("a-1", fade_out_duration=2))
        made.add_overlay(0.5, module.ImageAsset("img-1", x=10))
        made.add_overlay(1, text)
    assert ours.to_json() == theirs.to_json()
    assert ours.stream_url is None
    assert ours.player_url is None


def _editor_composition(module: Any) -> list[Any]:
    """Tracks of every kind of clip, made with `module` (ours or the official)."""
    m = module
    clips = [
        m.Clip(m.VideoAsset("m-1", 1, 0.5, m.Crop(1, 2, 3, 4)), 5),
        m.Clip(
            m.ImageAsset("img-1"),
            4,
            m.Transition("fade", "wipe", 1),
            None,
            m.Filter.blur,
            0.2,
            0.5,
            m.Fit.contain,
            m.Position.top_right,
            m.Offset(0.1, -0.1),
            2,
        ),
        m.Clip(m.AudioAsset("a-1", 0, 0.8), 5, fit=m.Fit.cover, effect="zoom"),
        m.Clip(
            m.TextAsset(
                "Every cup",
                m.Font("Sans", 30, "#FFCC00", 0.9),
                m.Border("#112233", 2),
                m.Shadow("#000000", 1, 2),
                m.Background(100, 50, "#FFFFFF", 2, 0.5, m.TextAlignment.bottom_left),
                m.Alignment(m.HorizontalAlignment.left, m.VerticalAlignment.bottom),
                2,
                1.5,
                300,
                80,
            ),
            3,
        ),
        m.Clip(m.TextAsset("Plain"), 1),
    ]
    tracks = []
    for index, clip in enumerate(clips):
        track = m.Track(index)
        track.add_clip(index * 0.5, clip)
        tracks.append(track)
    return tracks


def test_an_editor_timeline_gives_the_official_json(conn: videodb_gen.Connection) -> None:
    ours, theirs = editor.Timeline(conn), official_editor.Timeline(None)
    for made, module in ((ours, editor), (theirs, official_editor)):
        made.background, made.resolution = "#102030", "1920x1080"
        for track in _editor_composition(module):
            made.add_track(track)
    assert ours.to_json() == _plain(theirs.to_json())
    assert ours.tracks[1].clips[0].clip.fit is editor.Fit.contain
    assert ours.tracks[1].z_index == 1


def test_an_enum_argument_takes_its_string_value_too() -> None:
    clip = editor.Clip(editor.VideoAsset("m-1"), 5, filter="greyscale", fit="cover", position="top")
    assert (clip.filter, clip.fit, clip.position) == (
        editor.Filter.greyscale,
        editor.Fit.cover,
        editor.Position.top,
    )
    assert editor.Alignment("right", "top").to_json() == {"horizontal": "right", "vertical": "top"}


def test_fit_none_keeps_the_asset_s_size_and_is_sent_as_null() -> None:
    # The official client sends the string "None", which the spec refuses; null is its meaning.
    for fit in (None, editor.Fit.none, "none"):
        assert editor.Clip(editor.ImageAsset("img-1"), 2, fit=fit).to_json()["fit"] is None


def test_values_are_frozen() -> None:
    video = asset.VideoAsset("m-1")
    clip = editor.Clip(editor.VideoAsset("m-1"), 5)
    with pytest.raises(AttributeError):
        video.start = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        clip.opacity = 0.5  # type: ignore[misc]


# Every rule, refused when the value is made, naming the argument.

REFUSED: list[tuple[Callable[[], object], str, str]] = [
    (lambda: asset.VideoAsset("a-123"), "asset_id", "a video id: 'm-'"),
    (lambda: asset.VideoAsset("m-1", -1), "start", "at least 0 s, not -1"),
    (lambda: asset.VideoAsset("m-1", 4, 2), "end", "after start (4 s), not 2"),
    (lambda: asset.VideoAsset("m-1", "0"), "start", "must be a number"),  # type: ignore[arg-type]
    (lambda: asset.AudioAsset("m-1"), "asset_id", "an audio id: 'a-'"),
    (lambda: asset.AudioAsset("a-1", fade_in_duration=7), "fade_in_duration", "at most 5 s, not 7"),
    (lambda: asset.AudioAsset("a-1", fade_out_duration=-1), "fade_out_duration", "at least 0 s"),
    (lambda: asset.AudioAsset("a-1", disable_other_tracks="no"), "disable_other_tracks", "True"),  # type: ignore[arg-type]
    (lambda: asset.ImageAsset("img-1", width=0), "width", "from 1 to 4096, not 0"),
    (lambda: asset.ImageAsset("img-1", x="main_w;rm"), "x", "an expression of main_w"),
    (lambda: asset.ImageAsset("txt-1"), "asset_id", "an image id: 'img-'"),
    (lambda: asset.TextAsset("x" * 5001), "text", "at most 5000 characters"),
    (lambda: asset.TextAsset("x", asset_id="m-1"), "asset_id", "a text id: 'txt-'"),
    (lambda: asset.TextAsset("x", style={}), "style", "TextStyle"),  # type: ignore[arg-type]
    (lambda: asset.TextStyle(fontsize=0), "fontsize", "from 1 to 500, not 0"),
    (lambda: asset.TextStyle(alpha=1.5), "alpha", "at most 1, not 1.5"),
    (lambda: asset.TextStyle(fontcolor="red;"), "fontcolor", "a colour"),
    (lambda: asset.TextStyle(boxborderw="ten"), "boxborderw", "pixels"),
    (lambda: editor.VideoAsset("img-1"), "id", "a video id: 'm-'"),
    (lambda: editor.VideoAsset("m-1", volume=6), "volume", "at most 5, not 6"),
    (lambda: editor.VideoAsset("m-1", -2), "start", "at least 0 s, not -2"),
    (lambda: editor.AudioAsset("a-1", volume=-1), "volume", "at least 0, not -1"),
    (lambda: editor.ImageAsset("img-1", crop=editor.Offset()), "crop", "an editor Crop"),  # type: ignore[arg-type]
    (lambda: editor.Crop(top=-1), "top", "from 0 to 4096, not -1"),
    (lambda: editor.Offset(x=11), "x", "at most 10, not 11"),
    (lambda: editor.Transition(duration=61), "duration", "at most 60 s"),
    (lambda: editor.Font(size=0), "size", "from 1 to 500, not 0"),
    (lambda: editor.Font(color="white"), "color", "'#RRGGBB'"),
    (lambda: editor.Font(opacity=2), "opacity", "at most 1, not 2"),
    (lambda: editor.Border(width=-1), "width", "at least 0, not -1"),
    (lambda: editor.Shadow(x=-1), "x", "at least 0, not -1"),
    (lambda: editor.Background(opacity=1.1), "opacity", "at most 1"),
    (lambda: editor.Background(text_alignment="middle"), "text_alignment", "one of 'top'"),
    (lambda: editor.Alignment(horizontal="top"), "horizontal", "one of 'left', 'center'"),
    (lambda: editor.TextAsset("x", tabsize=0), "tabsize", "from 1 to 100, not 0"),
    (lambda: editor.TextAsset("x", width=0), "width", "from 1 to 4096, not 0"),
    (lambda: editor.Clip(editor.VideoAsset("m-1"), 5, scale=11), "scale", "at most 10, not 11"),
    (lambda: editor.Clip(editor.VideoAsset("m-1"), 5, opacity=-0.1), "opacity", "at least 0"),
    (lambda: editor.Clip(editor.VideoAsset("m-1"), 0), "duration", "more than 0 s, not 0"),
    (lambda: editor.Clip(editor.VideoAsset("m-1"), 5, fit="squash"), "fit", "one of 'crop'"),
    (lambda: editor.Clip(editor.VideoAsset("m-1"), 5, position="middle"), "position", "'top'"),
    (lambda: editor.Clip(editor.VideoAsset("m-1"), 5, filter="sepia"), "filter", "'blur'"),
    (lambda: editor.Clip(editor.VideoAsset("m-1"), 5, z_index=1001), "z_index", "-1000 to 1000"),
    (lambda: editor.Clip(asset.VideoAsset("m-1"), 5), "asset", "not the classic timeline's"),  # type: ignore[arg-type]
    (lambda: editor.TrackItem(-1, editor.Clip(editor.VideoAsset("m-1"), 5)), "start", "at least 0"),
    (lambda: editor.Track(z_index=2000), "z_index", "from -1000 to 1000, not 2000"),
    (editor.CaptionAsset, "CaptionAsset", "spoken-word index"),
]


@pytest.mark.parametrize(
    ("make", "field", "rule"), REFUSED, ids=[f"{f}-{r}" for _, f, r in REFUSED]
)
def test_a_value_that_breaks_a_rule_is_refused_naming_the_field_and_the_rule(
    make: Callable[[], object], field: str, rule: str
) -> None:
    with pytest.raises(InvalidInputError) as info:
        make()
    assert info.value.field == field
    assert rule in info.value.rule
    assert isinstance(info.value, ValueError)  # an official snippet's `except ValueError` works


def test_the_classic_builders_refuse_what_does_not_belong(conn: videodb_gen.Connection) -> None:
    made = _classic(conn)
    with pytest.raises(InvalidInputError, match=r"^asset: must be a videodb_gen.asset.VideoAsset"):
        made.add_inline(asset.AudioAsset("a-1"))
    with pytest.raises(InvalidInputError, match=r"^asset: must be a videodb_gen.asset.VideoAsset"):
        made.add_inline(editor.VideoAsset("m-1"))
    with pytest.raises(InvalidInputError, match=r"^start: must be at least 0 s, not -1"):
        made.add_overlay(-1, asset.AudioAsset("a-1"))
    with pytest.raises(InvalidInputError, match=r"^asset: must be a videodb_gen.asset.AudioAsset"):
        made.add_overlay(0, asset.VideoAsset("m-1"))
    assert made.to_json() == {"timeline": []}


def test_the_editor_builders_check_what_is_set_on_them(conn: videodb_gen.Connection) -> None:
    made = editor.Timeline(conn)
    with pytest.raises(InvalidInputError, match=r"^background: must be a colour as '#RRGGBB'"):
        made.background = "black"
    with pytest.raises(InvalidInputError, match=r"^resolution: must be WIDTHxHEIGHT"):
        made.resolution = "1281x720"
    with pytest.raises(InvalidInputError, match=r"^resolution: "):
        made.resolution = "3840x2160"
    made.resolution = "1080x1920"  # portrait
    with pytest.raises(InvalidInputError, match=r"^track: must be an editor Track"):
        made.add_track(official_editor.Track())
    track = editor.Track()
    with pytest.raises(InvalidInputError, match=r"^z_index: "):
        track.z_index = -1001
    with pytest.raises(InvalidInputError, match=r"^clip: must be an editor Clip"):
        track.add_clip(0, official_editor.Clip(official_editor.VideoAsset("m-1"), 5))
    track.clips.append("a clip")  # type: ignore[arg-type]
    made.add_track(track)
    with pytest.raises(InvalidInputError, match=r"^tracks\[0\].clips\[0\]: must be a TrackItem"):
        made.to_json()


# What generate_stream and download_stream send.


def test_generate_stream_compiles_the_classic_timeline(
    conn: videodb_gen.Connection, api: respx.MockRouter
) -> None:
    route = api.post("/timeline").respond(json=STREAM_ANSWER)
    made = _classic(conn)
    made.add_inline(asset.VideoAsset("m-1", 0, 4))
    made.add_overlay(1, asset.AudioAsset("a-1", fade_in_duration=1))
    made.add_overlay(0, asset.TextAsset("Hi", 2, asset_id="txt-0f1e"))
    assert made.generate_stream() == STREAM
    assert (made.stream_url, made.player_url) == (STREAM, PLAYER)
    sent = json.loads(route.calls.last.request.content)
    assert sent == {"request_type": "compile", "timeline": made.to_json()["timeline"]}
    assert route.calls.last.request.headers["x-access-token"] == KEY
    embed = made.get_embed_code()
    assert 'src="https://console.example.net/player?url=9c8d7e6f"' in embed
    assert route.call_count == 1  # the player was known: no second compile


@pytest.mark.parametrize(
    ("fill", "rule"),
    [
        (lambda t: None, "needs at least one video"),
        (lambda t: t.add_overlay(0, asset.AudioAsset("a-1")), "needs at least one video"),
        (lambda t: [t.add_inline(asset.VideoAsset("m-1")) for _ in range(1001)], "at most 1000"),
    ],
)
def test_a_classic_timeline_that_cannot_compile_sends_nothing(
    conn: videodb_gen.Connection, api: respx.MockRouter, fill: Callable[[Any], Any], rule: str
) -> None:
    made = _classic(conn)
    fill(made)
    with pytest.raises(InvalidInputError, match=rule) as info:
        made.generate_stream()
    assert info.value.field == "timeline"
    assert not api.calls


def test_the_classic_timeline_downloads_its_composition_by_its_stream(
    conn: videodb_gen.Connection, api: respx.MockRouter
) -> None:
    api.post("/timeline").respond(json=STREAM_ANSWER)
    started = api.post("/download").respond(
        json={
            "success": True,
            "status": "processing",
            "data": {"id": "dl-1", "output_url": f"{BASE}/download/dl-1"},
        }
    )
    api.get("/download/dl-1").respond(json=DOWNLOAD_DONE)
    made = _classic(conn)
    made.add_inline(asset.VideoAsset("m-1"))
    download = made.download("film")
    assert download["download_url"] == download.download_url == MP4
    assert json.loads(started.calls.last.request.content) == {"stream_link": STREAM, "name": "film"}


def test_get_embed_code_compiles_first_or_refuses(
    conn: videodb_gen.Connection, api: respx.MockRouter
) -> None:
    made = editor.Timeline(conn)
    with pytest.raises(InvalidInputError, match=r"^player_url: is not available"):
        made.get_embed_code(auto_generate=False)
    assert not api.calls
    route = api.post("/editor").respond(json=STREAM_ANSWER)
    assert "iframe" in made.get_embed_code(height=300)
    assert route.call_count == 1


def test_generate_stream_composes_the_editor_timeline(
    conn: videodb_gen.Connection, api: respx.MockRouter
) -> None:
    route = api.post("/editor").respond(json=STREAM_ANSWER)
    made = editor.Timeline(conn)
    for track in _editor_composition(editor):
        made.add_track(track)
    assert made.generate_stream() == STREAM
    assert (made.stream_url, made.player_url) == (STREAM, PLAYER)
    assert json.loads(route.calls.last.request.content) == made.to_json()


def test_download_stream_sends_the_stream_and_reads_the_download(
    conn: videodb_gen.Connection, api: respx.MockRouter
) -> None:
    route = api.post("/editor/download").respond(json=DOWNLOAD_DONE)
    download = editor.Timeline(conn).download_stream(STREAM)
    assert json.loads(route.calls.last.request.content) == {"stream_url": STREAM}
    assert download["download_url"] == MP4
    assert (download.id, download.name, download.status) == ("dl-1", "film", "done")
    assert dict(download)["download_url"] == MP4


def test_download_stream_waits_for_one_still_running(
    conn: videodb_gen.Connection, api: respx.MockRouter
) -> None:
    running = {
        "success": True,
        "status": "processing",
        "data": {"id": "dl-1", "status": "processing"},
    }
    api.post("/editor/download").respond(json=running)
    polled = api.get("/download/dl-1").respond(json=DOWNLOAD_DONE)
    assert editor.Timeline(conn).download_stream(STREAM).download_url == MP4
    assert polled.called


def test_download_stream_refuses_a_stream_that_is_no_url(
    conn: videodb_gen.Connection, api: respx.MockRouter
) -> None:
    with pytest.raises(InvalidInputError, match=r"^stream_url: must be an absolute http\(s\) URL"):
        editor.Timeline(conn).download_stream("m-1")
    assert not api.calls


@pytest.fixture
def world(clock: FakeClock) -> Iterator[respx.MockRouter]:
    """Every request, to any origin, is mocked: the upload URL is on another one than the API's."""
    with respx.mock(assert_all_called=False) as router:
        yield router


def test_an_editor_timeline_over_100_kib_is_uploaded_and_sent_by_url(
    world: respx.MockRouter,
) -> None:
    asked = world.get(f"{BASE}/collection/default/upload_url").respond(
        json={"success": True, "data": {"upload_url": UPLOAD}}
    )
    uploaded = world.post(UPLOAD).respond(200)
    composed = world.post(f"{BASE}/editor").respond(json=STREAM_ANSWER)
    with videodb_gen.connect(api_key=KEY) as conn:
        made = editor.Timeline(conn)
        track = editor.Track()
        for index in range(400):
            track.add_clip(index, editor.Clip(editor.TextAsset("x" * 300), 1))
        made.add_track(track)
        assert made.generate_stream() == STREAM
    assert asked.calls.last.request.url.params["name"].endswith(".json")
    upload = uploaded.calls.last.request
    assert "x-access-token" not in upload.headers
    assert b"application/json" in upload.content
    assert json.dumps(made.to_json()).encode() in upload.content
    assert json.loads(composed.calls.last.request.content) == {"timeline_url": UPLOAD}


def test_a_bad_editor_timeline_is_refused_before_any_upload(world: respx.MockRouter) -> None:
    with videodb_gen.connect(api_key=KEY) as conn:
        made = editor.Timeline(conn)
        for _ in range(101):
            made.add_track(editor.Track())
        with pytest.raises(InvalidInputError, match=r"^tracks: must hold at most 100, not 101"):
            made.generate_stream()
    assert not world.calls


# The async twins.


async def test_the_async_classic_timeline_compiles_and_downloads(
    aconn: videodb_gen.AsyncConnection, api: respx.MockRouter
) -> None:
    route = api.post("/timeline").respond(json=STREAM_ANSWER)
    api.post("/download").respond(
        json={
            "success": True,
            "status": "processing",
            "data": {"id": "dl-1", "output_url": f"{BASE}/download/dl-1"},
        }
    )
    api.get("/download/dl-1").respond(json=DOWNLOAD_DONE)
    with pytest.warns(DeprecationWarning, match="deprecated"):
        made = timeline.AsyncTimeline(aconn)
    made.add_inline(asset.VideoAsset("m-1", 0, 3))
    assert await made.generate_stream() == STREAM
    assert json.loads(route.calls.last.request.content)["timeline"] == made.to_json()["timeline"]
    assert (await made.download()).download_url == MP4
    assert "iframe" in await made.get_embed_code()


async def test_the_async_editor_timeline_composes_and_downloads(
    aconn: videodb_gen.AsyncConnection, api: respx.MockRouter
) -> None:
    route = api.post("/editor").respond(json=STREAM_ANSWER)
    api.post("/editor/download").respond(json=DOWNLOAD_DONE)
    made = editor.AsyncTimeline(aconn)
    track = editor.Track()
    track.add_clip(0, editor.Clip(editor.VideoAsset("m-1"), 5))
    made.add_track(track)
    assert await made.generate_stream() == STREAM
    assert json.loads(route.calls.last.request.content) == made.to_json()
    assert (await made.download_stream(STREAM))["download_url"] == MP4
    calls = len(api.calls)
    with pytest.raises(InvalidInputError, match=r"^stream_url: "):
        await made.download_stream("not a url")
    assert len(api.calls) == calls
