"""A video's own calls: a stream of its parts, its thumbnail and a thumbnail of a moment, and a
download of a stream, as answers and as state (what is kept, for how long, and what is not)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.sandbox.conftest import GENERATE, InProcess, MakeInProcess

DUB = "/collection/default/generate/video/dub"
BASE = "http://sandbox.test"


async def finished(box: InProcess, path: str = GENERATE, **body: Any) -> dict[str, Any]:
    """Start a job at `path` with `body` (default: a 6 s video) and move the clock to its end;
    what it made."""
    started = await box.client.post(path, json=body or {"prompt": "a drone", "duration": 6})
    assert started.status_code == 200, started.text
    box.clock.advance(box.sandbox.config.job_seconds)
    state = (await box.client.get(started.json()["data"]["output_url"])).json()
    assert state["status"] == "done", state
    made: dict[str, Any] = state["data"]
    return made


async def stats(box: InProcess) -> dict[str, Any]:
    return box.app.stats()


async def test_a_stream_of_parts_is_named_after_its_video_and_parts(
    inprocess: MakeInProcess,
) -> None:
    box = await inprocess(job_seconds=0)
    video = await finished(box)
    path = f"/video/{video['id']}/stream"
    answer = await box.client.post(path, json={"timeline": [[0, 2], [3, 5]], "length": 6.0})
    assert answer.status_code == 200, answer.text
    data = answer.json()["data"]
    stream = data["stream_url"].removeprefix(f"{BASE}/media/").removesuffix("/stream.m3u8")
    assert stream.startswith("s-")
    assert data == {
        "stream_url": f"{BASE}/media/{stream}/stream.m3u8",
        "player_url": f"{BASE}/media/{stream}/player",
    }
    jobs = len(box.sandbox.store)
    # The same parts (however written), the same stream, and nothing more kept.
    again = await box.client.post(
        path, json={"timeline": [[0.0, 2.0], [3, 5.0]], "format": "hls", "quality": "high"}
    )
    assert again.json() == answer.json()
    assert len(box.sandbox.store) == jobs
    other = await box.client.post(path, json={"timeline": [[3, 5], [0, 2]]})
    assert other.json()["data"]["stream_url"] != data["stream_url"]
    assert box.app.stats()["streams"] == 2
    # Another video's same parts are another stream.
    second = await finished(box)
    theirs = await box.client.post(
        f"/video/{second['id']}/stream", json={"timeline": [[0, 2], [3, 5]]}
    )
    assert theirs.json()["data"]["stream_url"] != data["stream_url"]


@pytest.mark.parametrize("body", [{}, {"timeline": None}, {"timeline": None, "length": 6}])
async def test_without_a_timeline_the_video_s_own_stream(
    inprocess: MakeInProcess, body: dict[str, Any]
) -> None:
    box = await inprocess(job_seconds=0)
    video = await finished(box)
    answer = await box.client.post(f"/video/{video['id']}/stream", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "success": True,
        "data": {"stream_url": video["stream_url"], "player_url": video["player_url"]},
    }
    assert box.app.stats()["streams"] == 0


@pytest.mark.parametrize(
    ("timeline", "message"),
    [
        ([[0, 2], [3, 9]], "timeline[1]: end 9 is past the video's end (6 s)"),
        ([[7, 8]], "timeline[0]: start 7 is past the video's end (6 s)"),
        ([[3, 2]], "timeline[0]: end 2 is not after its start 3"),
        ([[0, 1], [2.5, 2.5]], "timeline[1]: end 2.5 is not after its start 2.5"),
        ([[0, 1, 2]], "timeline"),
        ([[-1, 2]], "timeline"),
        ([], "timeline"),
        ([[0, "2"]], "timeline"),
    ],
)
async def test_bad_parts_are_400_naming_the_part_and_keep_nothing(
    inprocess: MakeInProcess, timeline: Any, message: str
) -> None:
    box = await inprocess(job_seconds=0)
    video = await finished(box)
    before = len(box.sandbox.store)
    answer = await box.client.post(f"/video/{video['id']}/stream", json={"timeline": timeline})
    assert answer.status_code == 400, answer.text
    assert answer.json()["success"] is False
    assert message in answer.json()["message"]
    assert len(box.sandbox.store) == before
    assert box.app.stats()["streams"] == 0


async def test_a_video_s_calls_find_it_in_any_collection_and_404_an_unknown_one(
    inprocess: MakeInProcess,
) -> None:
    box = await inprocess(job_seconds=0, collections=("c-other",))
    video = await finished(box, "/collection/c-other/generate/video/", prompt="x", duration=5)
    calls = [
        ("POST", "stream", {"timeline": [[0, 1]]}),
        ("GET", "thumbnail", None),
        ("POST", "thumbnail", {"time": 1}),
    ]
    for method, tail, body in calls:
        found = await box.client.request(method, f"/video/{video['id']}/{tail}", json=body)
        assert found.status_code == 200, found.text
        missing = await box.client.request(method, f"/video/m-0123456789abcdef/{tail}", json=body)
        assert missing.status_code == 404
        assert missing.json() == {
            "success": False,
            "message": "Video not found: m-0123456789abcdef",
            "error_code": "not_found",
        }


async def test_a_thumbnail_of_a_moment_is_an_image_of_the_video_s_collection(
    inprocess: MakeInProcess,
) -> None:
    box = await inprocess(job_seconds=0, media_width=320, media_height=180)
    video = await finished(box)
    own = await box.client.get(f"/video/{video['id']}/thumbnail")
    assert own.json() == {"success": True, "data": {"thumbnail_url": video["thumbnail_url"]}}
    answer = await box.client.post(f"/video/{video['id']}/thumbnail", json={"time": 2.5})
    assert answer.status_code == 200, answer.text
    image = answer.json()["data"]
    assert image["id"].startswith("img-")
    assert (image["collection_id"], image["name"], image["url"]) == (
        "default",
        "a drone at 2.5 s",
        None,
    )
    assert (image["width"], image["height"]) == (320, 180)
    read = await box.client.get(f"/image/{image['id']}", params={"collection_id": "default"})
    assert read.json() == answer.json()
    signed = await box.client.post(f"/image/{image['id']}/generate_url")
    assert signed.json()["data"]["signed_url"].startswith(f"{BASE}/media/images/{image['id']}.png?")
    # The published spec's name for the time; the end of the video is a moment of it.
    for body in ({"timestamp": 1}, {"time": 6}, {"time": 0}):
        assert (await box.client.post(f"/video/{video['id']}/thumbnail", json=body)).is_success
    counts = box.app.stats()
    assert (counts["thumbnails"], counts["images"]) == (4, 0)
    other = await box.client.get(f"/image/{image['id']}", params={"collection_id": "c-x"})
    assert other.status_code == 404


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "time: required"),
        ({"time": 6.5}, "time: 6.5 is past the video's end (6 s)"),
        ({"timestamp": 60}, "time: 60 is past the video's end (6 s)"),
        ({"time": -1}, "time"),
        ({"time": "2"}, "time"),
    ],
)
async def test_a_thumbnail_needs_a_time_within_the_video(
    inprocess: MakeInProcess, body: dict[str, Any], message: str
) -> None:
    box = await inprocess(job_seconds=0)
    video = await finished(box)
    before = len(box.sandbox.store)
    answer = await box.client.post(f"/video/{video['id']}/thumbnail", json=body)
    assert answer.status_code == 400, answer.text
    assert answer.json()["message"].startswith(message) or message in answer.json()["message"]
    assert len(box.sandbox.store) == before


async def test_a_download_runs_as_a_job_then_gives_a_signed_url(
    inprocess: MakeInProcess,
) -> None:
    box = await inprocess(job_seconds=3)
    video = await finished(box, prompt="A drone over the sea", duration=6)
    answer = await box.client.post("/download", json={"stream_link": video["stream_url"]})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    download = body["data"]["id"]
    assert download.startswith("dl-")
    assert body == {
        "success": True,
        "status": "processing",
        "request_type": "sync",
        "data": {"id": download, "output_url": f"{BASE}/download/{download}"},
    }
    running = await box.client.get(body["data"]["output_url"])
    assert running.headers["retry-after"] == "3"
    assert running.json() == {
        "success": True,
        "status": "processing",
        "data": {"id": download, "name": "A drone over the sea", "status": "processing"},
    }
    box.clock.advance(3)
    done = await box.client.get(f"/download/{download}")
    assert "retry-after" not in done.headers
    data = done.json()["data"]
    assert done.json()["status"] == "done"
    assert (data["id"], data["name"], data["status"]) == (download, "A drone over the sea", "done")
    assert data["download_url"].startswith(f"{BASE}/media/downloads/{download}.mp4?expires=")
    assert "&signature=" in data["download_url"]
    # Polled at its own path only.
    assert (await box.client.get(f"/async-response/{download}")).status_code == 404
    assert box.app.stats()["downloads"] == 1


async def test_a_stream_of_parts_and_a_dub_download_named_as_asked_or_after_the_video(
    inprocess: MakeInProcess,
) -> None:
    box = await inprocess(job_seconds=0)
    video = await finished(box, prompt="A fox", duration=5)
    dubbed = await finished(box, DUB, video_id=video["id"], language_code="fr")
    parts = await box.client.post(f"/video/{dubbed['id']}/stream", json={"timeline": [[1, 2]]})
    for link, name, expected in [
        (parts.json()["data"]["stream_url"], None, "A fox (fr)"),
        (dubbed["stream_url"], "my-dub", "my-dub"),
    ]:
        started = await box.client.post("/download", json={"stream_link": link, "name": name})
        assert started.status_code == 200, started.text
        state = (await box.client.get(started.json()["data"]["output_url"])).json()
        assert (state["status"], state["data"]["name"]) == ("done", expected)


@pytest.mark.parametrize(
    "link",
    [
        "http://elsewhere.test/media/{id}/stream.m3u8",
        f"{BASE}/media/m-0123456789abcdef/stream.m3u8",
        f"{BASE}/media/s-0123456789abcdef/stream.m3u8",
        f"{BASE}/media/{{id}}/player",
        f"{BASE}/media/{{id}}/stream.m3u8?x=1",
        "https://stream.videodb.io/v3/published/manifests/5f1a2b3c.m3u8",
    ],
)
async def test_a_download_of_a_stream_not_handed_out_here_is_404(
    inprocess: MakeInProcess, link: str
) -> None:
    box = await inprocess(job_seconds=0)
    video = await finished(box)
    link = link.format(id=video["id"])
    before = len(box.sandbox.store)
    answer = await box.client.post("/download", json={"stream_link": link})
    assert answer.status_code == 404
    assert answer.json()["message"] == f"Stream not found: {link}"
    assert len(box.sandbox.store) == before


async def test_an_unknown_download_is_404_and_a_failed_one_says_why(
    inprocess: MakeInProcess,
) -> None:
    box = await inprocess(job_seconds=0)
    assert (await box.client.get("/download/dl-0123456789abcdef")).status_code == 404
    video = await finished(box)
    # A generation's job is not a download.
    started = await box.client.post(GENERATE, json={"prompt": "x", "duration": 5})
    job = started.json()["data"]["id"]
    assert (await box.client.get(f"/download/{job}")).status_code == 404
    failing = await box.client.post(
        "/download", json={"stream_link": video["stream_url"]}, headers={"x-mock-fault": "fail"}
    )
    state = await box.client.get(failing.json()["data"]["output_url"])
    assert state.status_code == 200
    body = state.json()
    assert (body["success"], body["status"], body["data"]["status"]) == (False, "error", "error")
    assert "could not be downloaded" in body["message"]
    assert "download_url" not in body["data"]


async def test_a_video_s_calls_expire_with_the_ttl(inprocess: MakeInProcess) -> None:
    box = await inprocess(job_seconds=0, ttl_seconds=100)
    video = await finished(box)
    parts = await box.client.post(f"/video/{video['id']}/stream", json={"timeline": [[0, 1]]})
    image = await box.client.post(f"/video/{video['id']}/thumbnail", json={"time": 1})
    download = await box.client.post("/download", json={"stream_link": video["stream_url"]})
    stream_link = parts.json()["data"]["stream_url"]
    assert (await box.client.post("/download", json={"stream_link": stream_link})).is_success
    box.clock.advance(101)
    assert (await box.client.get(download.json()["data"]["output_url"])).status_code == 404
    assert (await box.client.get(f"/image/{image.json()['data']['id']}")).status_code == 404
    gone = await box.client.post("/download", json={"stream_link": stream_link})
    assert gone.status_code == 404
    await finished(box)  # a new job sweeps the expired ones away
    counts = box.app.stats()
    assert (counts["streams"], counts["thumbnails"], counts["downloads"]) == (0, 0, 0)


async def test_a_video_s_calls_survive_a_restart_with_a_state_folder(
    inprocess: MakeInProcess, tmp_path: Path
) -> None:
    first = await inprocess(job_seconds=0, state_dir=str(tmp_path))
    video = await finished(first)
    parts = await first.client.post(f"/video/{video['id']}/stream", json={"timeline": [[0, 1]]})
    image = await first.client.post(f"/video/{video['id']}/thumbnail", json={"time": 1})
    download = await first.client.post(
        "/download", json={"stream_link": parts.json()["data"]["stream_url"], "name": "kept"}
    )
    await first.aclose()
    second = await inprocess(job_seconds=0, state_dir=str(tmp_path))
    again = await second.client.post(f"/video/{video['id']}/stream", json={"timeline": [[0, 1]]})
    assert again.json() == parts.json()
    read = await second.client.get(f"/image/{image.json()['data']['id']}")
    assert read.json() == image.json()
    state = (await second.client.get(download.json()["data"]["output_url"])).json()
    assert (state["status"], state["data"]["name"]) == ("done", "kept")
    counts = second.app.stats()
    assert (counts["streams"], counts["thumbnails"], counts["downloads"]) == (1, 1, 1)
