"""`generate_music`, `generate_sound_effect`, `generate_voice`, `get_audio`,
`Audio.generate_url` and `dub_video` against mocked answers: the bodies they send, what they
return, and what they refuse before any request."""

from __future__ import annotations

import json
from typing import Any

import pytest
import respx
import videodb_gen
from videodb_gen import Audio, InvalidAudioIdError, InvalidIdError, InvalidInputError, Video

from .conftest import JOB, VIDEO, accepted, collection_of, complete, done

GEN_AUDIO = "/collection/default/generate/audio/"
DUB = "/collection/default/generate/video/dub"
POLL = f"/async-response/{JOB}"
SIGNED = "https://cdn.example.net/a-7d3f.m4a?expires=1795600000&signature=8c2d"
AUDIO: dict[str, Any] = {
    "id": "a-7d3f9b2c1e5a4b6d",
    "collection_id": "default",
    "name": "A calm piano melody",
    "length": "10.0",
}


def _sent(route: respx.Route) -> Any:
    return json.loads(route.calls.last.request.content)


@pytest.mark.parametrize(
    ("call", "body"),
    [
        (
            lambda coll: coll.generate_music("A calm piano melody", 10),
            {"prompt": "A calm piano melody", "duration": 10, "audio_type": "music"},
        ),
        (
            lambda coll: coll.generate_music("A calm piano melody"),
            {"prompt": "A calm piano melody", "duration": 5, "audio_type": "music"},
        ),
        (
            lambda coll: coll.generate_sound_effect("Waves", config={"intensity": [1, 2]}),
            {
                "prompt": "Waves",
                "duration": 2,
                "audio_type": "sound_effect",
                "config": {"intensity": [1, 2]},
            },
        ),
        (
            lambda coll: coll.generate_voice("Every morning, the keeper climbs."),
            {
                "text": "Every morning, the keeper climbs.",
                "voice_name": "Default",
                "audio_type": "voice",
                "model_name": "elevenlabs",
            },
        ),
        (
            lambda coll: coll.generate_voice(
                "Hi", "Narrator", {}, "https://example.com/h", "k2-fsa/OmniVoice", "sb-1", "vc-1"
            ),
            {
                "text": "Hi",
                "voice_name": "Narrator",
                "audio_type": "voice",
                "config": {},
                "callback_url": "https://example.com/h",
                "model_name": "k2-fsa/OmniVoice",
                "sandbox_id": "sb-1",
                "voice_clone_id": "vc-1",
            },
        ),
    ],
    ids=["music", "music-default-duration", "sound-effect", "voice", "voice-all-arguments"],
)
def test_each_kind_of_audio_sends_its_body_and_returns_an_audio(
    api: respx.MockRouter, conn: videodb_gen.Connection, call: Any, body: dict[str, Any]
) -> None:
    started = api.post(GEN_AUDIO).respond(json=accepted())
    api.get(POLL).respond(json=complete(AUDIO))
    audio = call(collection_of(conn))
    assert _sent(started) == body
    assert isinstance(audio, Audio)
    assert audio.id == AUDIO["id"]
    assert audio.length == 10.0  # a float, though sent as a string


def test_an_audio_makes_its_signed_url_and_is_read_by_id(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.get(f"/audio/{AUDIO['id']}").respond(json={"success": True, "data": AUDIO})
    url = api.post(f"/audio/{AUDIO['id']}/generate_url").respond(
        json={"success": True, "data": {"signed_url": SIGNED}}
    )
    audio = collection_of(conn).get_audio(AUDIO["id"])
    assert audio.generate_url() == SIGNED
    assert url.calls.last.request.url.params["collection_id"] == "default"


@pytest.mark.parametrize("bad", ["m-1", "audio-1", "img-1"])
def test_an_audio_id_without_a_is_refused_naming_the_kind(
    api: respx.MockRouter, conn: videodb_gen.Connection, bad: str
) -> None:
    api.post(GEN_AUDIO).respond(json=accepted())
    api.get(POLL).respond(json=done({**AUDIO, "id": bad}))
    with pytest.raises(InvalidAudioIdError) as info:
        collection_of(conn).generate_music("p")
    assert isinstance(info.value, InvalidIdError)
    assert (info.value.kind, info.value.prefix, info.value.id) == ("audio", "a-", bad)


def test_a_dub_is_a_new_video(api: respx.MockRouter, conn: videodb_gen.Connection) -> None:
    started = api.post(DUB).respond(json=accepted())
    dubbed = VIDEO | {"id": "m-dub1", "name": "A drone flying (es)"}
    api.get(POLL).respond(json=done(dubbed))
    video = collection_of(conn).dub_video("m-z3f8a6c1b2d4e5f6", "es")
    assert _sent(started) == {"video_id": "m-z3f8a6c1b2d4e5f6", "language_code": "es"}
    assert isinstance(video, Video)
    assert video.id == "m-dub1"


def test_a_dub_without_waiting_is_its_job(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    api.post(DUB).respond(json=accepted())
    job = collection_of(conn).dub_video("m-1", "en_us", wait=False)
    assert isinstance(job, videodb_gen.GenerationJob)
    assert job.id == JOB


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.generate_music("p", 0), "duration"),
        (lambda c: c.generate_music("p", -5), "duration"),
        (lambda c: c.generate_music("p", 2.5), "duration"),
        (lambda c: c.generate_music("p", True), "duration"),
        (lambda c: c.generate_music("", 5), "prompt"),
        (lambda c: c.generate_sound_effect("p", 0), "duration"),
        (lambda c: c.generate_sound_effect("p", config=[1]), "config"),
        (lambda c: c.generate_sound_effect("p", config={1: "a"}), "config"),
        (lambda c: c.generate_sound_effect("p", config={"x": float("nan")}), "config"),
        (lambda c: c.generate_sound_effect("p", config={"x": object()}), "config"),
        (lambda c: c.generate_voice(""), "text"),
        (lambda c: c.generate_voice("   "), "text"),
        (lambda c: c.generate_voice("hi", ""), "voice_name"),
        (lambda c: c.generate_voice("hi", callback_url="mailto:a@b"), "callback_url"),
        (lambda c: c.dub_video("img-1", "es"), "video_id"),
        (lambda c: c.dub_video("1", "es"), "video_id"),
        (lambda c: c.dub_video("m-1/../x", "es"), "video_id"),
        (lambda c: c.dub_video("m-1", "ES"), "language_code"),
        (lambda c: c.dub_video("m-1", "spanish"), "language_code"),
        (lambda c: c.dub_video("m-1", "en-us"), "language_code"),
        (lambda c: c.dub_video("m-1", "en_usa"), "language_code"),
        (lambda c: c.dub_video("m-1", None), "language_code"),
    ],
)
def test_audio_and_dub_arguments_are_checked_before_the_billable_request(
    api: respx.MockRouter, conn: videodb_gen.Connection, call: Any, field: str
) -> None:
    started = api.post(GEN_AUDIO).respond(json=accepted())
    dub = api.post(DUB).respond(json=accepted())
    with pytest.raises(InvalidInputError) as info:
        call(collection_of(conn))
    assert info.value.field == field
    assert not started.called
    assert not dub.called


def test_no_upper_bound_is_invented_for_durations(
    api: respx.MockRouter, conn: videodb_gen.Connection
) -> None:
    started = api.post(GEN_AUDIO).respond(json=accepted())
    job = collection_of(conn).generate_music("A long suite", 3600, wait=False)
    assert job.id == JOB
    assert _sent(started)["duration"] == 3600


async def test_the_async_twins_make_audio_and_dub(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection
) -> None:
    api.post(GEN_AUDIO).respond(json=accepted())
    api.post(DUB).respond(json=accepted())
    api.get(POLL).respond(json=done(AUDIO))
    api.post(f"/audio/{AUDIO['id']}/generate_url").respond(
        json={"success": True, "data": {"signed_url": SIGNED}}
    )
    coll = collection_of(aconn)
    voice = await coll.generate_voice("Hello")
    assert isinstance(voice, videodb_gen.AsyncAudio)
    assert await voice.generate_url() == SIGNED
    job = await coll.dub_video("m-1", "fr", wait=False)
    assert isinstance(job, videodb_gen.AsyncGenerationJob)


async def test_the_async_twins_read_stored_items_and_make_sound_effects(
    api: respx.MockRouter, aconn: videodb_gen.AsyncConnection
) -> None:
    image = {"id": "img-1", "collection_id": "default", "width": 8, "height": 8}
    api.get("/image/img-1").respond(json={"success": True, "data": image})
    api.get(f"/audio/{AUDIO['id']}").respond(json={"success": True, "data": AUDIO})
    started = api.post(GEN_AUDIO).respond(json=accepted())
    api.get(POLL).respond(json=done(AUDIO))
    coll = collection_of(aconn)
    assert isinstance(await coll.get_image("img-1"), videodb_gen.AsyncImage)
    assert (await coll.get_audio(AUDIO["id"])).length == 10.0
    effect = await coll.generate_sound_effect("Waves", 3, {"intensity": 1})
    assert isinstance(effect, videodb_gen.AsyncAudio)
    assert _sent(started)["config"] == {"intensity": 1}
