"""`videodb-gen compose FILE.json`: a classic or an Editor timeline read from a file, checked
locally (every fault one line, named by its path in the document, exit 2, before any request),
compiled, printed, and downloaded with `-o`; against mocked answers, and end to end against the
sandbox."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import editor as ed

from tests.conftest import SandboxFactory

from .conftest import Cli

KEY = "sk-cli-unit-compose-7e21"
BASE = "https://api.videodb.io"
CDN = "https://cdn.example.net"
STREAM = f"{CDN}/streams/c-9c8d7e6f.m3u8"
PLAYER = f"{CDN}/player/c-9c8d7e6f"
MP4_URL = f"{CDN}/downloads/dl-c1.mp4?signature=mp4-signature"
MP4 = b"\x00\x00\x00\x20ftypisom" + bytes(range(256)) * 16
DONE = {
    "success": True,
    "status": "done",
    "data": {"id": "dl-c1", "name": "film", "status": "done", "download_url": MP4_URL},
}
CLASSIC: dict[str, Any] = {
    "request_type": "compile",
    "timeline": [
        {"asset_id": "m-z3f8a6c1", "start": 0, "end": 4},
        {"asset_id": "a-7d3f9b2c", "fade_in_duration": 1, "overlay_start": 0},
        {"asset_id": "img-4c2e8a1f", "width": 120, "x": 500, "overlay_start": 0},
        {"asset_id": "txt-2f1e0d9c", "text": "Every cup", "duration": 3, "overlay_start": 1},
    ],
}


def _track(z_index: int, asset: dict[str, Any], duration: float = 5) -> dict[str, Any]:
    """A track of one clip of `asset`, from 0 s."""
    return {
        "z_index": z_index,
        "clips": [{"start": 0, "clip": {"asset": asset, "duration": duration}}],
    }


EDITOR: dict[str, Any] = {
    "timeline": {
        "background": "#000000",
        "resolution": "1280x720",
        "tracks": [
            _track(0, {"type": "video", "id": "m-z3f8a6c1"}),
            _track(1, {"type": "audio", "id": "a-7d3f9b2c", "volume": 0.8}),
        ],
    }
}


def _write(tmp_path: Path, document: object, name: str = "film.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def _body(api: respx.MockRouter, path: str) -> Any:
    (call,) = [c for c in api.calls if c.request.url.path == path]
    return json.loads(call.request.content)


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[respx.MockRouter]:
    monkeypatch.setenv("VIDEO_DB_API_KEY", KEY)
    stream = {"success": True, "data": {"stream_url": STREAM, "player_url": PLAYER}}
    with respx.mock(assert_all_called=False) as router:
        router.post(f"{BASE}/timeline").respond(json=stream)
        router.post(f"{BASE}/editor").respond(json=stream)
        router.post(f"{BASE}/editor/download").respond(json=DONE)
        router.post(f"{BASE}/download").respond(
            json={
                "success": True,
                "status": "processing",
                "data": {"id": "dl-c1", "output_url": f"{BASE}/download/dl-c1"},
            }
        )
        router.get(f"{BASE}/download/dl-c1").respond(json=DONE)
        router.get(MP4_URL).respond(content=MP4)
        yield router


def test_a_classic_timeline_is_compiled_and_its_urls_printed(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    result = cli("compose", _write(tmp_path, CLASSIC))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [f"stream_url  {STREAM}", f"player_url  {PLAYER}"]
    sent = _body(api, "/timeline")
    assert sent["request_type"] == "compile"
    assert sent["timeline"][:3] == [
        {"asset_id": "m-z3f8a6c1", "start": 0, "end": 4},
        {"asset_id": "a-7d3f9b2c", "start": 0, "end": None, "disable_other_tracks": True}
        | {"fade_in_duration": 1, "fade_out_duration": 0, "overlay_start": 0},
        {"asset_id": "img-4c2e8a1f", "width": 120, "height": 100, "x": 500, "y": 20}
        | {"duration": None, "overlay_start": 0},
    ]
    text = sent["timeline"][3]
    assert (text["asset_id"], text["text"], text["style"]["fontsize"]) == (
        "txt-2f1e0d9c",
        "Every cup",
        24,
    )
    assert "Deprecat" not in result.err


def test_a_timeline_list_alone_is_a_classic_timeline_too(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    result = cli("compose", _write(tmp_path, {"timeline": CLASSIC["timeline"][:1]}), "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "kind": "classic",
        "stream_url": STREAM,
        "player_url": PLAYER,
        "download": None,
        "file": None,
    }


def test_an_editor_timeline_is_composed_as_the_sdk_sends_it(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    result = cli("compose", _write(tmp_path, EDITOR), "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["kind"] == "editor"
    sent = _body(api, "/editor")
    tracks = [ed.Track(0), ed.Track(1)]
    tracks[0].add_clip(0, ed.Clip(ed.VideoAsset("m-z3f8a6c1"), 5))
    tracks[1].add_clip(0, ed.Clip(ed.AudioAsset("a-7d3f9b2c", volume=0.8), 5))
    assert sent["timeline"]["tracks"] == [track.to_json() for track in tracks]


def test_o_downloads_a_classic_composition_through_download(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    target = tmp_path / "film.mp4"
    result = cli("compose", _write(tmp_path, CLASSIC), "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_bytes() == MP4
    assert _body(api, "/download") == {"stream_link": STREAM}
    assert f"file          {target}" in result.out
    mp4_call = next(c for c in api.calls if c.request.url.host == "cdn.example.net")
    assert "x-access-token" not in mp4_call.request.headers


def test_o_downloads_an_editor_composition_through_editor_download(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    target = tmp_path / "film.mp4"
    result = cli("compose", _write(tmp_path, EDITOR), "-o", str(target), "--json")
    assert result.code == 0, result.err
    assert target.read_bytes() == MP4
    assert _body(api, "/editor/download") == {"stream_url": STREAM}
    printed = json.loads(result.out)
    assert printed["download"]["download_url"] == MP4_URL
    assert printed["file"] == str(target)


def test_an_unknown_asset_is_the_api_s_404_exit_3(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    api.post(f"{BASE}/timeline").respond(
        404, json={"success": False, "message": "no such video: m-z3f8a6c1"}
    )
    result = cli("compose", _write(tmp_path, CLASSIC))
    assert result.code == 3
    assert "no such video: m-z3f8a6c1" in result.err


# Bad documents: every fault, each named by its path, exit 2, nothing sent.

BAD_DOCUMENTS: list[tuple[object, list[str]]] = [
    (
        {
            "timeline": [
                {"asset_id": "m-1", "start": 0, "end": 4},
                {"asset_id": "m-2", "start": 3, "end": 1},
                {"asset_id": "a-1", "fade_in_duration": 7, "overlay_start": 0},
                {"asset_id": "img-1", "width": 0, "overlay_start": -1},
                {"asset_id": "txt-1", "text": "hi", "style": {"fontsize": 0}, "overlay_start": 0},
                {"asset_id": "x-1"},
                {"asset_id": "a-2"},
            ]
        },
        [
            "timeline[1].end: must be after start (3 s), not 1",
            "timeline[2].fade_in_duration: must be at most 5 s, not 7",
            "timeline[3].overlay_start: must be at least 0 s, not -1",
            "timeline[3].width: must be from 1 to 4096, not 0",
            "timeline[4].style.fontsize: must be from 1 to 500, not 0",
            "timeline[5].asset_id: must start with 'm-' (a video), 'a-' (an audio), 'img-' (an "
            "image) or 'txt-' (a text), got 'x-1' (str)",
            "timeline[6].overlay_start: is required for an overlay",
        ],
    ),
    (
        {"timeline": [{"asset_id": "a-1", "overlay_start": 0}]},
        ["timeline: needs at least one video (add_inline): it lasts as long as its videos"],
    ),
    (
        {"timeline": [{"asset_id": "m-1", "overlay_start": 2, "volume": 1}], "extra": 1},
        [
            "extra: is not a field of a timeline (request_type, timeline)",
            "timeline[0].overlay_start: a video plays inline; only overlays take it",
            "timeline[0].volume: is not a field of VideoAsset (one of asset_id, start, end)",
        ],
    ),
    (
        {
            "timeline": {
                "background": "black",
                "tracks": [
                    {
                        "clips": [
                            {
                                "start": 0,
                                "clip": {"asset": {"type": "video", "id": "m-1"}, "duration": 5},
                            },
                            {
                                "start": 0,
                                "clip": {
                                    "asset": {"type": "image", "id": "img-1"},
                                    "duration": 5,
                                    "opacity": 1.5,
                                    "scale": 11,
                                    "fit": "squash",
                                },
                            },
                            {
                                "start": -1,
                                "clip": {"asset": {"type": "audio", "id": "m-1", "volume": 9}},
                            },
                            {"start": 0, "clip": {"asset": {"type": "caption"}, "duration": 1}},
                        ]
                    }
                ],
            }
        },
        [
            "timeline.background: must be a colour as '#RRGGBB', got 'black' (str)",
            "timeline.tracks[0].clips[1].clip.opacity: must be at most 1, not 1.5",
            "timeline.tracks[0].clips[1].clip.scale: must be at most 10, not 11",
            "timeline.tracks[0].clips[1].clip.fit: must be one of 'crop', 'cover', 'contain', "
            "'none', got 'squash' (str)",
            "timeline.tracks[0].clips[2].start: must be at least 0 s, not -1",
            "timeline.tracks[0].clips[2].clip.asset.id: must be an audio id: 'a-' then 1 to 64 "
            "letters, digits, '_' or '-', got 'm-1' (str)",
            "timeline.tracks[0].clips[2].clip.asset.volume: must be at most 5, not 9",
            "timeline.tracks[0].clips[2].clip.duration: is required",
            "timeline.tracks[0].clips[3].clip.asset.type: captions are not supported (they need "
            "a spoken-word index)",
        ],
    ),
    (
        {"timeline": {"resolution": "1280x721", "tracks": [{"z_index": 5000, "clips": []}]}},
        [
            "timeline.resolution: must be WIDTHxHEIGHT in even pixels from 64 to 1920, at most "
            "1920x1080 in all, got '1280x721'",
            "timeline.tracks[0].z_index: must be from -1000 to 1000, not 5000",
        ],
    ),
    (
        [1, 2],
        ['document: must be a JSON object with "timeline": a list (classic) or an object (Editor)'],
    ),
    (
        {"timeline": "m-1"},
        [
            "timeline: must be a list (a classic timeline) or an object (an Editor timeline), "
            "got 'm-1' (str)"
        ],
    ),
]


@pytest.mark.parametrize(("document", "faults"), BAD_DOCUMENTS)
def test_a_bad_document_is_one_line_per_fault_named_by_its_path_and_exit_2(
    cli: Cli, api: respx.MockRouter, tmp_path: Path, document: object, faults: list[str]
) -> None:
    result = cli("compose", _write(tmp_path, document))
    assert result.code == 2
    assert result.out == ""
    assert result.err.splitlines() == [f"videodb-gen: error: {fault}" for fault in faults]
    assert not api.calls


def test_a_bad_document_is_refused_before_the_missing_key(cli: Cli, tmp_path: Path) -> None:
    result = cli("compose", _write(tmp_path, {"timeline": []}))
    assert result.code == 2
    assert "API key" not in result.err


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "cannot be read: No such file or directory"),
        (b'{"timeline": [', "is not JSON: Expecting value: line 1 column 15 (char 14)"),
        (b"\xff\xfe{}", "is not UTF-8 text (invalid start byte)"),
    ],
)
def test_an_unreadable_or_non_json_file_is_one_line_and_exit_2(
    cli: Cli, api: respx.MockRouter, tmp_path: Path, content: bytes | None, says: str
) -> None:
    path = tmp_path / "film.json"
    if content is not None:
        path.write_bytes(content)
    result = cli("compose", str(path))
    assert result.code == 2
    assert result.err.splitlines() == [f"videodb-gen: error: {path} {says}"]
    assert not api.calls


def test_an_output_whose_directory_does_not_exist_is_exit_2_before_any_request(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    result = cli("compose", _write(tmp_path, CLASSIC), "-o", str(tmp_path / "no" / "film.mp4"))
    assert result.code == 2
    assert not api.calls


def test_compose_is_in_the_help(cli: Cli) -> None:
    result = cli("--help")
    assert "compose" in result.out
    help_text = cli("compose", "--help").out
    assert "-o FILE" in help_text
    assert "--timeout" in help_text


# End to end, against the sandbox.


def test_compose_compiles_and_downloads_against_the_sandbox(
    cli: Cli, start_sandbox: SandboxFactory, api_key: str, tmp_path: Path
) -> None:
    # Media rendered: the MP4 is fetched. Jobs end at once.
    sandbox_url = start_sandbox("--media", "render", "--job-seconds", "0")
    with videodb_gen.connect(api_key=api_key, base_url=sandbox_url) as conn:
        coll = conn.get_collection()
        video = coll.generate_video("A lighthouse on a cliff at dawn", duration=5)
        music = coll.generate_music("Warm strings", duration=5)
    common = ("--base-url", sandbox_url, "--api-key", api_key, "--json")
    classic = {
        "timeline": [
            {"asset_id": video.id, "start": 0, "end": 3},
            {"asset_id": music.id, "fade_out_duration": 1, "overlay_start": 0},
            {"asset_id": "txt-1", "text": "Every cup", "duration": 2, "overlay_start": 0.5},
        ]
    }
    editor = {
        "timeline": {
            "tracks": [
                _track(0, {"type": "video", "id": video.id}, 3),
                _track(1, {"type": "audio", "id": music.id}, 3),
            ]
        }
    }
    for name, document in (("classic", classic), ("editor", editor)):
        target = tmp_path / f"{name}.mp4"
        result = cli(
            "compose", _write(tmp_path, document, f"{name}.json"), "-o", str(target), *common
        )
        assert result.code == 0, result.err
        printed = json.loads(result.out)
        assert printed["kind"] == name
        assert printed["stream_url"].endswith(".m3u8")
        playlist = httpx.get(printed["stream_url"], timeout=30)
        assert playlist.status_code == 200
        assert playlist.text.startswith("#EXTM3U")
        assert target.read_bytes()[4:8] == b"ftyp"
