"""Dubbed videos: a new video with the source's pictures and length and a voice in the
language, named after both, and streamed like any generated video."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import av
import pytest

from tests.sandbox._receiver import Receiver
from tests.sandbox.test_audio import SAMPLE_RATE, AudioBox, audio_sandbox
from tests.sandbox.test_callbacks import assert_generation_result

GENERATE_VIDEO = "/collection/{collection}/generate/video"
DUB = "/collection/{collection}/generate/video/dub"


async def finished(box: AudioBox, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """Start a job at `path` with `body` (jobs finish at once) and return what it made."""
    started = await box.client.post(path, json=body)
    assert started.status_code == 200, started.text
    state = (await box.client.get(started.json()["data"]["output_url"])).json()
    assert state["status"] == "done", state
    made: dict[str, Any] = state["data"]
    return made


async def video(box: AudioBox, prompt: str, duration: int = 6, collection: str = "default") -> Any:
    path = GENERATE_VIDEO.format(collection=collection)
    return await finished(box, path, {"prompt": prompt, "duration": duration})


async def dub(box: AudioBox, video_id: str, language: str, collection: str = "default") -> Any:
    path = DUB.format(collection=collection)
    return await finished(box, path, {"video_id": video_id, "language_code": language})


async def test_a_dub_is_a_new_video_of_the_same_length_named_with_its_language() -> None:
    async with audio_sandbox() as box:
        source = await video(box, "A lighthouse at dawn", 7)
        dubbed = await dub(box, source["id"], "es")
        assert dubbed["id"].startswith("m-")
        assert dubbed["id"] != source["id"]
        assert dubbed["collection_id"] == "default"
        assert dubbed["length"] == source["length"] == 7.0
        assert dubbed["name"] == "A lighthouse at dawn (es)"
        assert dubbed["stream_url"] == f"http://sandbox.test/media/{dubbed['id']}/stream.m3u8"
        got = await box.client.get(f"/video/{dubbed['id']}", params={"collection_id": "default"})
        assert got.json() == {"success": True, "data": dubbed}
        # A dub of a dub, into a regional variant, by the other path form.
        again = await dub(box, dubbed["id"], "en_us")
        assert again["name"] == "A lighthouse at dawn (es) (en_us)"
        assert again["length"] == 7.0
        slash = await box.client.post(
            DUB.format(collection="default") + "/",
            json={"video_id": source["id"], "language_code": "fr", "callback_url": None},
        )
        assert slash.status_code == 200, slash.text
        stats = (await box.client.get("/_sandbox/stats")).json()
        assert (stats["videos"], stats["dubs"], stats["jobs"]) == (1, 3, 4)


async def test_an_unknown_video_or_another_collection_s_is_404() -> None:
    async with audio_sandbox(job_seconds=5, collections={"c-other"}) as box:
        theirs = await box.client.post(
            GENERATE_VIDEO.format(collection="c-other"), json={"prompt": "theirs"}
        )
        box.advance(5)
        other = (await box.client.get(theirs.json()["data"]["output_url"])).json()["data"]
        running = await box.client.post(
            GENERATE_VIDEO.format(collection="default"), json={"prompt": "x"}
        )
        job = box.sandbox.store.job(running.json()["data"]["id"])
        assert job is not None
        for collection, video_id in [
            ("default", "m-0123456789abcdef"),
            ("default", other["id"]),
            ("default", job.result_id),
            ("c-none", other["id"]),
        ]:
            answer = await box.client.post(
                DUB.format(collection=collection),
                json={"video_id": video_id, "language_code": "es"},
            )
            assert answer.status_code == 404, (collection, video_id)
            assert answer.json()["success"] is False
            assert answer.json()["error_code"] == "not_found"
        assert len(box.sandbox.store) == 2, "no job started"
        ours = await box.client.post(
            DUB.format(collection="c-other"), json={"video_id": other["id"], "language_code": "de"}
        )
        box.advance(5)
        dubbed = (await box.client.get(ours.json()["data"]["output_url"])).json()["data"]
        assert dubbed["collection_id"] == "c-other"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"video_id": "img-1", "language_code": "es"}, "video_id"),
        ({"video_id": "m-1", "language_code": "EN"}, "language_code"),
        ({"video_id": "m-1", "language_code": "spanish"}, "language_code"),
        ({"video_id": "m-1"}, "language_code"),
        ({"language_code": "es"}, "video_id"),
        ({"video_id": "m-1", "language_code": "es", "callback_url": "nope"}, "callback_url"),
    ],
)
async def test_bad_input_is_a_400_naming_the_field(body: dict[str, Any], field: str) -> None:
    async with audio_sandbox() as box:
        answer = await box.client.post(DUB.format(collection="default"), json=body)
        assert answer.status_code == 400, answer.text
        assert field in answer.json()["message"]


async def test_the_dub_streams_the_source_s_pictures_with_a_voice() -> None:
    async with audio_sandbox() as box:
        source = await video(box, "A fox in the snow", 5)
        dubbed = await dub(box, source["id"], "fr")
        playlist = await box.anonymous.get(dubbed["stream_url"])
        assert playlist.status_code == 200
        original = await box.anonymous.get(source["stream_url"])
        assert playlist.text == original.text
        assert playlist.text.count("seg") == 3
        segment = await box.anonymous.get(dubbed["stream_url"].replace("stream.m3u8", "seg001.ts"))
        assert segment.status_code == 200
        assert segment.headers["content-type"] == "video/mp2t"
        with av.open(io.BytesIO(segment.content), "r") as container:
            (pictures,) = container.streams.video
            (sound,) = container.streams.audio
            assert pictures.codec_context.name == "h264"
            assert (pictures.codec_context.width, pictures.codec_context.height) == (640, 360)
            assert (sound.codec_context.name, sound.sample_rate) == ("aac", SAMPLE_RATE)
            frames = list(container.decode(pictures))
            assert len(frames) == 48, "two seconds at 24 frames a second"
        plain = await box.anonymous.get(source["stream_url"].replace("stream.m3u8", "seg001.ts"))
        with av.open(io.BytesIO(plain.content), "r") as container:
            assert not container.streams.audio, "the source has no voice"
        thumbnail = await box.anonymous.get(dubbed["thumbnail_url"])
        assert (thumbnail.status_code, thumbnail.content[:2]) == (200, b"\xff\xd8")
        player = await box.anonymous.get(dubbed["player_url"])
        assert player.status_code == 200
        missing = await box.anonymous.get(dubbed["stream_url"].replace("stream.m3u8", "seg003.ts"))
        assert missing.status_code == 404


async def test_a_dub_fails_on_demand_and_calls_back(spec: dict[str, Any]) -> None:
    async with audio_sandbox(callback_backoff=0.01) as box:
        source = await video(box, "called back")
        with Receiver() as receiver:
            hook = f"{receiver.url}/hook"
            body = {"video_id": source["id"], "language_code": "it", "callback_url": hook}
            started = await box.client.post(DUB.format(collection="default"), json=body)
            failing = await box.client.post(
                DUB.format(collection="default"), json=body, headers={"x-mock-fault": "fail"}
            )
            deliveries = await asyncio.to_thread(receiver.wait_for, 2)
        by_success = {d.body["success"]: d.body for d in deliveries}
        for delivered in by_success.values():
            assert_generation_result(spec, delivered)
        state = (await box.client.get(started.json()["data"]["output_url"])).json()
        assert by_success[True]["data"] == state["data"]
        assert state["data"]["name"] == "called back (it)"
        assert "could not be dubbed" in by_success[False]["message"]
        failed = (await box.client.get(failing.json()["data"]["output_url"])).json()
        assert (failed["success"], failed["status"]) == (False, "failed")
