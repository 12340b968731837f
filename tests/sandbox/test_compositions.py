"""Compositions as answers and as state: the classic timeline (`POST /timeline`) and the Editor
(`POST /editor`, `POST /editor/download`), what each refuses (naming the place and the rule),
and that a refusal keeps nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.sandbox.conftest import InProcess, MakeInProcess
from tests.sandbox.test_video_calls import BASE, finished

MUSIC = "/collection/default/generate/audio/"
IMAGE = "/collection/default/generate/image/"


async def _parts(box: InProcess) -> dict[str, str]:
    """A 6 s video, a 5 s video, 8 s of music and an image, generated."""
    first = await finished(box)
    second = await finished(box, prompt="waves", duration=5)
    music = await finished(box, MUSIC, prompt="strings", audio_type="music", duration=8)
    image = await finished(box, IMAGE, prompt="a logo", aspect_ratio="1:1")
    return {"first": first["id"], "second": second["id"], "music": music["id"], "logo": image["id"]}


def _timeline(ids: dict[str, str], **changes: Any) -> dict[str, Any]:
    items = [
        {"asset_id": ids["first"], "start": 1, "end": 4},
        {"asset_id": ids["second"], "start": 0, "end": None},
        {
            "asset_id": ids["music"],
            "start": 0,
            "end": None,
            "disable_other_tracks": True,
            "fade_in_duration": 1,
            "fade_out_duration": 2,
            "overlay_start": 0,
        },
        {"asset_id": ids["logo"], "width": 60, "height": 60, "x": 560, "y": 20, "overlay_start": 0},
        {
            "asset_id": "txt-1234",
            "text": "A title",
            "duration": 2,
            "style": {"fontsize": 24, "x": "(main_w-text_w)/2", "y": "main_h-text_h-20"},
            "overlay_start": 1,
        },
    ]
    for index, change in changes.items():
        items[int(index.removeprefix("item"))].update(change)
    return {"request_type": "compile", "timeline": items}


def _editor(ids: dict[str, str], **timeline: Any) -> dict[str, Any]:
    clip = {
        "asset": {"type": "video", "id": ids["first"], "start": 1, "volume": 1},
        "duration": 3,
        "scale": 1,
        "opacity": 1,
        "fit": "crop",
        "position": "center",
        "offset": {"x": 0, "y": 0},
        "z_index": 0,
    }
    logo = {"asset": {"type": "image", "id": ids["logo"]}, "duration": 4, "scale": 0.2}
    sound = {"asset": {"type": "audio", "id": ids["music"], "volume": 0.5}, "duration": 6}
    text = {"asset": {"type": "text", "text": "Hello", "font": {"size": 30}}, "duration": 2}
    return {
        "timeline": {
            "background": "#000000",
            "resolution": "640x360",
            "tracks": [
                {"z_index": 0, "clips": [{"start": 0, "clip": clip}]},
                {"z_index": 1, "clips": [{"start": 0, "clip": logo}, {"start": 1, "clip": text}]},
                {"z_index": 2, "clips": [{"start": 0, "clip": sound}]},
            ],
            **timeline,
        }
    }


async def test_a_timeline_is_one_stream_lasting_its_inline_clips(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0, media="render")
    ids = await _parts(box)
    answer = await box.client.post("/timeline", json=_timeline(ids))
    assert answer.status_code == 200, answer.text
    data = answer.json()["data"]
    stream = data["stream_url"].removeprefix(f"{BASE}/media/").removesuffix("/stream.m3u8")
    assert stream.startswith("c-")
    assert data["player_url"] == f"{BASE}/media/{stream}/player"
    playlist = await box.client.get(data["stream_url"])
    assert playlist.status_code == 200
    lengths = [
        float(line[8:-1]) for line in playlist.text.splitlines() if line.startswith("#EXTINF")
    ]
    assert sum(lengths) == pytest.approx(3 + 5)
    jobs = len(box.sandbox.store)
    again = await box.client.post("/timeline", json=_timeline(ids))
    assert again.json() == answer.json()
    assert len(box.sandbox.store) == jobs
    other = await box.client.post("/timeline", json=_timeline(ids, item4={"text": "Another"}))
    assert other.json()["data"]["stream_url"] != data["stream_url"]
    assert box.app.stats()["compositions"] == 2


async def test_an_editor_timeline_lasts_until_its_last_clip(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0, media="render")
    ids = await _parts(box)
    answer = await box.client.post("/editor", json=_editor(ids))
    assert answer.status_code == 200, answer.text
    url = answer.json()["data"]["stream_url"]
    playlist = (await box.client.get(url)).text
    lengths = [float(line[8:-1]) for line in playlist.splitlines() if line.startswith("#EXTINF")]
    assert sum(lengths) == pytest.approx(6)
    download = await box.client.post("/editor/download", json={"stream_url": url})
    assert download.status_code == 200, download.text
    body = download.json()
    assert body["status"] == "done"
    assert body["data"]["download_url"].startswith(f"{BASE}/media/downloads/dl-")
    # The classic path downloads a composition too.
    started = await box.client.post("/download", json={"stream_link": url, "name": "film"})
    assert started.status_code == 200, started.text


async def test_an_uploaded_editor_timeline_is_read(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0)
    ids = await _parts(box)
    upload = await box.client.get("/collection/default/upload_url", params={"name": "t.json"})
    target = upload.json()["data"]["upload_url"]
    content = json.dumps(_editor(ids)).encode()
    sent = await box.client.post(target, files={"file": ("t.json", content, "application/json")})
    assert sent.status_code < 300, sent.text
    answer = await box.client.post("/editor", json={"timeline_url": target})
    assert answer.status_code == 200, answer.text
    inline = await box.client.post("/editor", json=_editor(ids))
    assert inline.json() == answer.json()
    bad = json.dumps({"timeline": {"tracks": [{"clips": [{"start": -1}]}]}}).encode()
    upload = await box.client.get("/collection/default/upload_url", params={"name": "b.json"})
    other = upload.json()["data"]["upload_url"]
    await box.client.post(other, files={"file": ("b.json", bad, "application/json")})
    refused = await box.client.post("/editor", json={"timeline_url": other})
    assert refused.status_code == 400, refused.text
    assert refused.json()["message"].startswith("timeline_url: ")


@pytest.mark.parametrize(
    ("changes", "status", "words"),
    [
        (
            {"item0": {"asset_id": "m-0000000000000000"}},
            404,
            "timeline[0].asset_id: Video not found",
        ),
        (
            {"item2": {"asset_id": "a-0000000000000000"}},
            404,
            "timeline[2].asset_id: Audio not found",
        ),
        (
            {"item3": {"asset_id": "img-00000000000000"}},
            404,
            "timeline[3].asset_id: Image not found",
        ),
        ({"item0": {"end": 9}}, 400, "timeline[0].end: 9 is past the video's end (6 s)"),
        ({"item0": {"start": 3, "end": 2}}, 400, "timeline[0].end: 2 is not after its start 3"),
        ({"item2": {"end": 20}}, 400, "timeline[2].end: 20 is past the audio's end (8 s)"),
        ({"item3": {"overlay_start": 30}}, 400, "timeline[3].overlay_start: 30 is not before"),
        ({"item3": {"x": "sin(1)"}}, 400, "timeline[3].x: the sandbox reads numbers"),
        ({"item3": {"width": "main_w*10"}}, 400, "timeline[3].width: must come to 1 to 4096"),
        (
            {"item4": {"style": {"fontcolor": "glitter"}}},
            400,
            "timeline[4].style.fontcolor: 'glitter' is not a colour",
        ),
        (
            {"item4": {"style": {"x": "text_w*text_w"}}},
            400,
            "a size times a size",
        ),
    ],
)
async def test_what_a_timeline_refuses_names_the_place_and_keeps_nothing(
    inprocess: MakeInProcess, changes: dict[str, Any], status: int, words: str
) -> None:
    box = await inprocess(job_seconds=0)
    ids = await _parts(box)
    jobs = len(box.sandbox.store)
    answer = await box.client.post("/timeline", json=_timeline(ids, **changes))
    assert answer.status_code == status, answer.text
    assert words in answer.json()["message"]
    assert len(box.sandbox.store) == jobs
    assert box.app.stats()["compositions"] == 0


async def test_the_spec_bounds_what_no_renderer_could_make(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0)
    ids = await _parts(box)
    many = {"request_type": "compile", "timeline": [{"asset_id": ids["first"]}] * 10_000}
    answer = await box.client.post("/timeline", json=many)
    assert answer.status_code == 400
    assert "timeline" in answer.json()["message"]
    huge = _timeline(ids, item3={"width": 100_000})
    assert (await box.client.post("/timeline", json=huge)).status_code == 400
    fade = _timeline(ids, item2={"fade_in_duration": 7})
    assert (await box.client.post("/timeline", json=fade)).status_code == 400
    day = _editor(ids)
    day["timeline"]["tracks"][1]["clips"][0]["clip"]["duration"] = 86_400
    long = await box.client.post("/editor", json=day)
    assert long.status_code == 400
    assert "longer than the sandbox composes (600 s)" in long.json()["message"]
    assert box.app.stats()["compositions"] == 0


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"resolution": "641x360"}, 400, "timeline.resolution: 641x360 must be even"),
        ({"resolution": "4000x2000"}, 400, "outside what the sandbox renders"),
        ({"tracks": []}, 400, "timeline.tracks: has no clips"),
    ],
)
async def test_what_an_editor_timeline_refuses(
    inprocess: MakeInProcess, change: dict[str, Any], status: int, words: str
) -> None:
    box = await inprocess(job_seconds=0)
    ids = await _parts(box)
    answer = await box.client.post("/editor", json=_editor(ids, **change))
    assert answer.status_code == status, answer.text
    assert words in answer.json()["message"]


async def test_an_editor_clip_past_its_video_s_end_is_refused(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0)
    ids = await _parts(box)
    body = _editor(ids)
    body["timeline"]["tracks"][0]["clips"][0]["clip"]["duration"] = 9
    answer = await box.client.post("/editor", json=body)
    assert answer.status_code == 400
    message = answer.json()["message"]
    assert message.startswith("timeline.tracks[0].clips[0].clip.duration: 9 s from the video's 1 s")
    missing = _editor(ids)
    missing["timeline"]["tracks"][2]["clips"][0]["clip"]["asset"]["id"] = "a-0000000000000000"
    answer = await box.client.post("/editor", json=missing)
    assert answer.status_code == 404
    assert "timeline.tracks[2].clips[0].clip.asset.id: Audio not found" in answer.json()["message"]


async def test_an_unknown_stream_is_not_downloaded(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0)
    answer = await box.client.post(
        "/editor/download", json={"stream_url": f"{BASE}/media/c-0123456789abcdef/stream.m3u8"}
    )
    assert answer.status_code == 404
    assert "Stream not found" in answer.json()["message"]
