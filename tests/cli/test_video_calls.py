"""`videodb-gen stream`, `thumbnail` and `download` against mocked answers: what each sends
and prints, that `-o` downloads without the API key and never leaves a partial file, how a
download's wait ends (failed, timed out, interrupted), and bad arguments refused before any
request."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
import videodb_gen
from videodb_gen import _clock

from .conftest import Cli

KEY = "sk-cli-unit-video-31c4"
BASE = "https://api.videodb.io"
CDN = "https://cdn.example.net"
VIDEO_ID = "m-5f1a2b3c"
VIDEO: dict[str, Any] = {
    "id": VIDEO_ID,
    "collection_id": "default",
    "name": "A drone flying over a futuristic city",
    "stream_url": f"{CDN}/streams/{VIDEO_ID}.m3u8",
    "player_url": f"{CDN}/player/{VIDEO_ID}",
    "thumbnail_url": f"{CDN}/thumbnails/{VIDEO_ID}.jpg",
    "length": 6,
}
PARTS_STREAM = f"{CDN}/streams/s-9c8d7e6f.m3u8"
IMAGE = {"id": "img-th1a", "collection_id": "default", "width": 640, "height": 360}
SIGNED_IMAGE = f"{CDN}/images/img-th1a.png?expires=1795600000&signature=image-signature"
DOWNLOAD_ID = "dl-9d2f4e67"
MP4_URL = f"{CDN}/downloads/{DOWNLOAD_ID}.mp4?expires=1795600000&signature=mp4-signature"
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 16
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16
MP4 = b"\x00\x00\x00\x20ftypisom" + bytes(range(256)) * 64


def _download_state(status: str, **data: Any) -> dict[str, Any]:
    body = {"id": DOWNLOAD_ID, "name": data.pop("name", VIDEO["name"]), "status": status}
    return {"success": True, "status": status, "data": body | data}


PROCESSING = _download_state("processing")
DONE = _download_state("done", download_url=MP4_URL)


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[respx.MockRouter]:
    monkeypatch.setenv("VIDEO_DB_API_KEY", KEY)
    with respx.mock(assert_all_called=False) as router:
        router.get(f"{BASE}/video/{VIDEO_ID}").respond(json={"success": True, "data": VIDEO})
        router.post(f"{BASE}/video/{VIDEO_ID}/stream").respond(
            json={"success": True, "data": {"stream_url": PARTS_STREAM}}
        )
        router.post(f"{BASE}/video/{VIDEO_ID}/thumbnail").respond(
            json={"success": True, "data": IMAGE}
        )
        router.post(f"{BASE}/image/img-th1a/generate_url").respond(
            json={"success": True, "data": {"signed_url": SIGNED_IMAGE}}
        )
        router.post(f"{BASE}/download").respond(
            json={
                "success": True,
                "status": "processing",
                "data": {"id": DOWNLOAD_ID, "output_url": f"{BASE}/download/{DOWNLOAD_ID}"},
            }
        )
        router.get(f"{BASE}/download/{DOWNLOAD_ID}").mock(
            side_effect=[httpx.Response(200, json=PROCESSING), httpx.Response(200, json=DONE)]
        )
        yield router


@pytest.fixture
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Time moves only when the SDK sleeps, and sleeping takes no time; the sleeps, in order."""
    now = [1000.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += max(0.0, seconds)

    monkeypatch.setattr(_clock, "monotonic", lambda: now[0])
    monkeypatch.setattr(_clock, "sleep", sleep)
    return sleeps


def _sent(api: respx.MockRouter, method: str, path: str) -> list[Any]:
    """The JSON bodies sent with `method` to `path`, in order."""
    return [
        json.loads(call.request.content) if call.request.content else None
        for call in api.calls
        if call.request.method == method and call.request.url.path == path
    ]


def _rows(out: str) -> dict[str, str]:
    return dict(line.split(None, 1) for line in out.splitlines())


def _keys_by_host(api: respx.MockRouter) -> dict[str, set[str | None]]:
    """The API keys each host was sent."""
    keys: dict[str, set[str | None]] = {}
    for call in api.calls:
        host = call.request.url.host
        keys.setdefault(host, set()).add(call.request.headers.get("x-access-token"))
    return keys


# stream


def test_stream_prints_the_url_of_the_parts_it_sent(cli: Cli, api: respx.MockRouter) -> None:
    result = cli("stream", VIDEO_ID, "--part", "0:2", "--part", "3:5.5")
    assert result.code == 0, result.err
    assert result.out == f"{PARTS_STREAM}\n"
    assert result.err == ""
    sent = _sent(api, "POST", f"/video/{VIDEO_ID}/stream")
    assert sent == [{"timeline": [[0.0, 2.0], [3.0, 5.5]], "length": 6.0}]
    assert api.calls[0].request.url.params["collection_id"] == "default"


def test_stream_without_parts_prints_the_video_s_own(cli: Cli, api: respx.MockRouter) -> None:
    result = cli("stream", VIDEO_ID, "--collection", "c-1234")
    assert (result.code, result.out) == (0, f"{VIDEO['stream_url']}\n")
    assert [call.request.url.path for call in api.calls] == [f"/video/{VIDEO_ID}"]
    assert api.calls[0].request.url.params["collection_id"] == "c-1234"


def test_stream_json_prints_the_video_the_parts_and_the_url(
    cli: Cli, api: respx.MockRouter
) -> None:
    result = cli("stream", VIDEO_ID, "--part", "1.5:4", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "video_id": VIDEO_ID,
        "timeline": [[1.5, 4.0]],
        "stream_url": PARTS_STREAM,
    }
    whole = json.loads(cli("stream", VIDEO_ID, "--json").out)
    assert whole == {"video_id": VIDEO_ID, "timeline": None, "stream_url": VIDEO["stream_url"]}


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (["0:2", "3:9"], "--part 3:9 end 9.0 s is past the video's end (6 s)"),
        (["6.5:7"], "--part 6.5:7 start 6.5 s is past the video's end (6 s)"),
    ],
)
def test_a_part_outside_the_video_is_exit_2_naming_it(
    cli: Cli, api: respx.MockRouter, parts: list[str], message: str
) -> None:
    argv = [arg for part in parts for arg in ("--part", part)]
    result = cli("stream", VIDEO_ID, *argv)
    assert result.code == 2
    assert result.err == f"videodb-gen: error: {message}\n"
    assert result.out == ""
    assert not _sent(api, "POST", f"/video/{VIDEO_ID}/stream")  # the video was read, no more


# thumbnail


def test_thumbnail_prints_the_video_s_thumbnail_url(cli: Cli, api: respx.MockRouter) -> None:
    result = cli("thumbnail", VIDEO_ID)
    assert (result.code, result.out, result.err) == (0, f"{VIDEO['thumbnail_url']}\n", "")
    as_json = json.loads(cli("thumbnail", VIDEO_ID, "--json").out)
    assert as_json == {"video_id": VIDEO_ID, "thumbnail_url": VIDEO["thumbnail_url"], "file": None}


def test_thumbnail_o_downloads_it_without_the_key(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    cdn = api.get(VIDEO["thumbnail_url"]).respond(content=JPEG)
    target = tmp_path / "thumb.jpg"
    result = cli("thumbnail", VIDEO_ID, "-o", str(target))
    assert result.code == 0, result.err
    assert result.out == f"{VIDEO['thumbnail_url']}\n"  # still only the URL on stdout
    assert f"saved {target}" in result.err
    assert target.read_bytes() == JPEG
    assert "x-access-token" not in cdn.calls.last.request.headers
    assert _keys_by_host(api) == {"api.videodb.io": {KEY}, "cdn.example.net": {None}}


def test_thumbnail_time_makes_an_image_prints_and_downloads_it(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    api.get(url__startswith=f"{CDN}/images/").respond(content=PNG)
    target = tmp_path / "moment.png"
    result = cli("thumbnail", VIDEO_ID, "--time", "2.5", "-o", str(target))
    assert result.code == 0, result.err
    assert _sent(api, "POST", f"/video/{VIDEO_ID}/thumbnail") == [{"time": 2.5}]
    rows = _rows(result.out)
    assert (rows["id"], rows["size"], rows["file"]) == ("img-th1a", "640x360", str(target))
    assert target.read_bytes() == PNG
    assert _keys_by_host(api) == {"api.videodb.io": {KEY}, "cdn.example.net": {None}}


def test_thumbnail_time_json_prints_the_image_and_the_file(cli: Cli, api: respx.MockRouter) -> None:
    result = cli("thumbnail", VIDEO_ID, "--time", "0", "--json")
    assert result.code == 0, result.err
    printed = json.loads(result.out)
    assert (printed["id"], printed["width"], printed["file"]) == ("img-th1a", 640, None)
    assert _sent(api, "POST", f"/video/{VIDEO_ID}/thumbnail") == [{"time": 0.0}]


def test_a_time_past_the_video_s_end_is_exit_2(cli: Cli, api: respx.MockRouter) -> None:
    result = cli("thumbnail", VIDEO_ID, "--time", "7")
    assert result.code == 2
    assert result.err == "videodb-gen: error: --time 7.0 s is past the video's end (6 s)\n"
    assert not _sent(api, "POST", f"/video/{VIDEO_ID}/thumbnail")


# download


def test_download_waits_with_a_bar_prints_and_saves_the_mp4_without_the_key(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    cdn = api.get(url__startswith=f"{CDN}/downloads/").respond(content=MP4)
    target = tmp_path / "drone.mp4"
    result = cli("download", VIDEO_ID, "--name", "drone-city", "-o", str(target))
    assert result.code == 0, result.err
    assert _sent(api, "POST", "/download") == [
        {"stream_link": VIDEO["stream_url"], "name": "drone-city"}
    ]
    assert len(_sent(api, "GET", f"/download/{DOWNLOAD_ID}")) == 2
    assert result.out.splitlines() == [
        f"id            {DOWNLOAD_ID}",
        f"name          {VIDEO['name']}",  # as the API answered
        f"download_url  {MP4_URL}",
        f"file          {target}",
    ]
    assert result.err.startswith(f"waiting for {DOWNLOAD_ID}; Ctrl-C stops waiting")
    assert "done" in result.err  # the progress bar's last state
    assert target.read_bytes() == MP4
    assert "x-access-token" not in cdn.calls.last.request.headers
    assert _keys_by_host(api) == {"api.videodb.io": {KEY}, "cdn.example.net": {None}}


def test_download_json_prints_only_the_download(cli: Cli, api: respx.MockRouter) -> None:
    result = cli("download", VIDEO_ID, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "id": DOWNLOAD_ID,
        "download_url": MP4_URL,
        "name": VIDEO["name"],
        "status": "done",
        "file": None,
    }
    assert result.err == ""
    assert _sent(api, "POST", "/download") == [
        {"stream_link": VIDEO["stream_url"], "name": VIDEO["name"]}  # the video's, by default
    ]


def test_a_failed_download_is_exit_3_and_not_resumed(cli: Cli, api: respx.MockRouter) -> None:
    failed = _download_state("error") | {"success": False, "message": "the stream is gone"}
    api.get(f"{BASE}/download/{DOWNLOAD_ID}").respond(json=failed)
    result = cli("download", VIDEO_ID)
    assert result.code == 3
    assert f"job {DOWNLOAD_ID} failed: the stream is gone" in result.err
    assert "resume" not in result.err
    assert result.out == ""


@pytest.mark.usefixtures("no_waiting")
def test_a_download_that_times_out_is_exit_5_and_says_it_cannot_be_resumed(
    cli: Cli, api: respx.MockRouter
) -> None:
    api.get(f"{BASE}/download/{DOWNLOAD_ID}").respond(json=PROCESSING)
    result = cli("download", VIDEO_ID, "--timeout", "30")
    assert result.code == 5
    lines = result.err.strip().splitlines()
    assert f"videodb-gen: error: job {DOWNLOAD_ID} did not finish within 30 s" in lines
    assert lines[-1] == (
        f"{DOWNLOAD_ID} may still finish, but cannot be resumed: 'videodb-gen job' follows "
        "generations, not downloads; run this command again for a new one"
    )
    assert result.out == ""


def test_ctrl_c_while_a_download_runs_is_exit_130_and_says_what_to_do(
    cli: Cli, api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_clock, "sleep", interrupt)
    result = cli("download", VIDEO_ID)
    assert result.code == 130
    assert result.err.strip().splitlines()[-1] == (
        f"interrupted; {DOWNLOAD_ID} keeps running, but cannot be resumed: 'videodb-gen job' "
        "follows generations, not downloads; run this command again for a new one"
    )
    assert "videodb-gen job dl-" not in result.err


def test_ctrl_c_while_the_download_starts_names_no_job(
    cli: Cli, api: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    api.post(f"{BASE}/download").mock(side_effect=interrupt)
    result = cli("download", VIDEO_ID)
    assert (result.code, result.err) == (130, "interrupted\n")


def test_ctrl_c_while_saving_the_mp4_leaves_no_file(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    def interrupt(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    api.get(url__startswith=f"{CDN}/downloads/").mock(side_effect=interrupt)
    target = tmp_path / "drone.mp4"
    result = cli("download", VIDEO_ID, "-o", str(target), "--json")
    assert result.code == 130
    assert result.err == f"interrupted while saving {target}; nothing was saved\n"
    assert list(tmp_path.iterdir()) == []


def test_an_expired_download_url_is_exit_3_and_leaves_no_file(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    api.get(url__startswith=f"{CDN}/downloads/").respond(
        403, json={"success": False, "message": "signed URL expired"}
    )
    result = cli("download", VIDEO_ID, "-o", str(tmp_path / "late.mp4"), "--json")
    assert result.code == 3
    assert "403" in result.err
    assert f"/downloads/{DOWNLOAD_ID}.mp4" in result.err
    assert "mp4-signature" not in result.err
    assert list(tmp_path.iterdir()) == []
    assert result.out == ""


def test_a_saved_file_has_the_permissions_of_any_new_file(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    api.get(url__startswith=f"{CDN}/downloads/").respond(content=MP4)
    target = tmp_path / "shared.mp4"
    before = os.umask(0o022)
    try:
        result = cli("download", VIDEO_ID, "-o", str(target), "--json")
    finally:
        os.umask(before)
    assert result.code == 0, result.err
    assert target.stat().st_mode & 0o777 == 0o644  # not a temporary file's 0o600


# arguments


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["stream", "x-1"], "VIDEO_ID must start with 'm-'"),
        (["stream", "m-1?a=b"], "VIDEO_ID must not contain '?'"),
        (["stream", VIDEO_ID, "--collection", "a/b"], "--collection must not contain '/'"),
        (["stream", VIDEO_ID, "--part", "2:1"], "--part 2:1 must end after it starts"),
        (["stream", VIDEO_ID, "--part", "1:1"], "--part 1:1 must end after it starts"),
        (["stream", VIDEO_ID, "--part=-1:2"], "--part -1:2 start must be 0 or more seconds"),
        (
            ["stream", VIDEO_ID, "--part", "0:1", "--part", "3:2"],
            "--part 3:2 must end after it starts",
        ),
        (["stream", VIDEO_ID, *["--part", "0:0.001"] * 1001], "--part must hold at most 1000"),
        (["thumbnail", "img-th1a"], "VIDEO_ID must start with 'm-'"),
        (["thumbnail", VIDEO_ID, "--time", "-1"], "--time must be 0 or more seconds"),
        (["thumbnail", VIDEO_ID, "--time", "nan"], "--time must be a number of seconds"),
        (["thumbnail", VIDEO_ID, "-o", "/no/such/dir/x.png"], "-o/--output must be in an"),
        (["thumbnail", VIDEO_ID, "--time", "1", "-o", "."], "-o/--output must be a file name"),
        (["download", ""], "VIDEO_ID must be a non-empty string"),
        (["download", "job-1"], "VIDEO_ID must start with 'm-'"),
        (["download", VIDEO_ID, "--name", ""], "--name must be a non-empty string"),
        (["download", VIDEO_ID, "--name", "   "], "--name must be a non-empty string"),
        (["download", VIDEO_ID, "--timeout", "0"], "--timeout must be a finite, positive"),
        (["download", VIDEO_ID, "-o", "/no/such/dir/x.mp4"], "-o/--output must be in an"),
    ],
)
def test_bad_arguments_are_exit_2_before_any_request(
    cli: Cli, api: respx.MockRouter, argv: list[str], named: str
) -> None:
    result = cli(*argv)
    assert result.code == 2, result.err
    assert result.err.startswith("videodb-gen: error: ")
    assert named in result.err
    assert result.err.count("\n") == 1
    assert not api.calls


@pytest.mark.parametrize("video_id", ["abc", "img-th1a", "M-5f1a2b3c"])
async def test_the_sdk_and_the_command_both_refuse_a_video_id_without_m_before_any_request(
    cli: Cli, api: respx.MockRouter, video_id: str
) -> None:
    with videodb_gen.connect(api_key=KEY) as conn:
        for read in (
            conn.get_video,
            videodb_gen.Collection(id="default", engine=conn._engine).get_video,
        ):
            with pytest.raises(videodb_gen.InvalidInputError) as refused:
                read(video_id)
            assert refused.value.field == "video_id"
            assert f"must be a video id starting with 'm-', got {video_id!r}" in str(refused.value)
    async with videodb_gen.connect_async(api_key=KEY) as aconn:
        with pytest.raises(videodb_gen.InvalidInputError):
            await aconn.get_video(video_id)
    result = cli("video", video_id)
    assert result.code == 2
    assert result.err == f"videodb-gen: error: VIDEO_ID must start with 'm-', got {video_id!r}\n"
    assert not api.calls


@pytest.mark.parametrize(
    ("argv", "value"),
    [
        (["stream", VIDEO_ID, "--part", "0-2"], "'0-2'"),
        (["stream", VIDEO_ID, "--part", "2"], "'2'"),
        (["stream", VIDEO_ID, "--part", "0:x"], "'0:x'"),
        (["stream", VIDEO_ID, "--part", "1:2:3"], "'1:2:3'"),
        (["stream", VIDEO_ID, "--part", ":2"], "':2'"),
        (["stream", VIDEO_ID, "--part", "0:inf"], "'0:inf'"),
        (["stream", VIDEO_ID, "--part", "nan:1"], "'nan:1'"),
        (["thumbnail", VIDEO_ID, "--time", "soon"], "'soon'"),
    ],
)
def test_a_value_that_is_not_a_number_is_a_usage_error(
    cli: Cli, api: respx.MockRouter, argv: list[str], value: str
) -> None:
    result = cli(*argv)
    assert result.code == 2
    option = argv[2]
    assert f"argument {option}: " in result.err
    assert value in result.err
    assert result.err.startswith("usage: videodb-gen ")
    assert not api.calls
