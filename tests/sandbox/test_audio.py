"""Generated audio: the job for each kind (music, sound effect, voice, and `speech`), getAudio,
the signed URL that downloads its AAC, the sandbox's bound on lengths, and what lasts."""

from __future__ import annotations

import asyncio
import contextlib
import io
import urllib.parse
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import av
import httpx
import pytest
import videodb_mock
from videodb_mock import SandboxConfig

from tests.sandbox._receiver import Receiver
from tests.sandbox.conftest import FakeClock
from tests.sandbox.test_callbacks import assert_generation_result
from tests.sandbox.test_images import ImageBox
from tests.sandbox.test_state_dir import Restarts

GENERATE_AUDIO = "/collection/default/generate/audio/"
SAMPLE_RATE = 24000
#: An AAC decoder may give up to one frame (1024 samples) less one of silence after the end.
AAC_PADDING = 1023


class AudioBox(ImageBox):
    """An `ImageBox` that makes audio."""

    async def start(self, **body: Any) -> httpx.Response:
        return await self.client.post(GENERATE_AUDIO, json=body)

    async def audio(self, **body: Any) -> dict[str, Any]:
        """Generate an audio (jobs finish at once) and return it."""
        started = await self.start(**body)
        assert started.status_code == 200, started.text
        state = (await self.client.get(started.json()["data"]["output_url"])).json()
        assert state["status"] == "done", state
        audio: dict[str, Any] = state["data"]
        return audio

    async def audio_url(self, audio: dict[str, Any]) -> str:
        answer = await self.client.post(
            f"/audio/{audio['id']}/generate_url", params={"collection_id": audio["collection_id"]}
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["success"] is True
        url: str = answer.json()["data"]["signed_url"]
        return url

    async def m4a(self, audio: dict[str, Any]) -> bytes:
        """The file of `audio`, downloaded through a signed URL without the API key."""
        download = await self.anonymous.get(await self.audio_url(audio))
        assert download.status_code == 200, download.text
        assert download.headers["content-type"] == "audio/mp4"
        return download.content


@contextlib.asynccontextmanager
async def audio_sandbox(**options: Any) -> AsyncIterator[AudioBox]:
    """A strict, seeded `AudioBox` that renders media and whose jobs finish at once, unless
    `options` say otherwise."""
    config = SandboxConfig(
        **{"strict": True, "seed": 7, "job_seconds": 0, "media": "render", **options}
    )
    clock, wall = FakeClock(), FakeClock(1_800_000_000.0)
    app = videodb_mock.create_app(
        config, base_url="http://sandbox.test", clock=clock, wall_clock=wall
    )
    box = AudioBox(app, clock, wall)
    try:
        yield box
    finally:
        await box.aclose()


def decoded_length(m4a: bytes) -> tuple[float, int]:
    """The length the file's container gives (seconds) and the samples its AAC decodes to."""
    with av.open(io.BytesIO(m4a), "r") as container:
        (stream,) = container.streams.audio
        assert stream.codec_context.name == "aac"
        assert (stream.sample_rate, stream.channels) == (SAMPLE_RATE, 1)
        assert container.duration is not None
        seconds = container.duration / av.time_base
        samples: int = sum(frame.samples for frame in container.decode(stream))
    return seconds, samples


def assert_lasts(m4a: bytes, seconds: float) -> None:
    """`m4a` is AAC of `seconds`: exactly in its container, and as decoded."""
    container, samples = decoded_length(m4a)
    assert container == pytest.approx(seconds, abs=0.001)
    wanted = round(seconds * SAMPLE_RATE)
    assert wanted <= samples <= wanted + AAC_PADDING, (samples, wanted)


LENGTHS: list[tuple[dict[str, Any], float]] = [
    ({"prompt": "Warm strings", "audio_type": "music", "duration": 7}, 7.0),
    ({"prompt": "Warm strings, default", "audio_type": "music"}, 5.0),
    ({"prompt": "Waves on rocks", "audio_type": "sound_effect", "duration": 3}, 3.0),
    ({"prompt": "A door, default", "audio_type": "sound_effect"}, 2.0),
    ({"text": "Every morning the keeper climbs the stairs.", "audio_type": "voice"}, 2.8),
    ({"text": "One two three four five", "audio_type": "speech"}, 2.0),
    ({"text": "Hi", "audio_type": "voice"}, 1.0),
]


async def test_each_kind_lasts_what_it_should_and_is_named_by_its_prompt_or_text() -> None:
    async with audio_sandbox() as box:
        for body, seconds in LENGTHS:
            audio = await box.audio(**body)
            assert audio["id"].startswith("a-")
            assert audio["collection_id"] == "default"
            assert audio["name"] == body.get("prompt", body.get("text"))
            assert audio["length"] == seconds, body
            got = await box.client.get(f"/audio/{audio['id']}", params={"collection_id": "default"})
            assert got.json() == {"success": True, "data": audio}
        stats = (await box.client.get("/_sandbox/stats")).json()
        assert (stats["audio"], stats["videos"], stats["dubs"], stats["jobs"]) == (7, 0, 0, 7)


async def test_a_length_may_be_a_numeric_string_and_the_result_wrapped() -> None:
    async with audio_sandbox(length_format="string", finished_shape="wrapped") as box:
        started = await box.start(text="one two three", audio_type="voice")
        state = (await box.client.get(started.json()["data"]["output_url"])).json()
        assert state["status"] == "complete"
        audio = state["response"]["data"]
        assert (audio["id"][:2], audio["length"]) == ("a-", "1.2")


async def test_the_signed_url_downloads_aac_of_the_audio_s_length_without_a_key() -> None:
    async with audio_sandbox() as box:
        bodies: list[dict[str, Any]] = [
            {"prompt": "A calm piano", "audio_type": "music", "duration": 3},
            {"prompt": "Rain", "audio_type": "sound_effect", "duration": 1},
            {"text": "one two three four five six seven", "audio_type": "voice"},
        ]
        for body in bodies:
            audio = await box.audio(**body)
            url = await box.audio_url(audio)
            assert url.startswith(f"http://sandbox.test/media/audio/{audio['id']}.m4a?")
            assert_lasts(await box.m4a(audio), audio["length"])
        head = await box.anonymous.head(url)
        assert (head.status_code, head.content) == (200, b"")
        assert head.headers["access-control-allow-origin"] == "*"


async def test_the_same_request_gives_the_same_bytes_and_another_voice_another() -> None:
    files = []
    for _ in range(2):
        async with audio_sandbox(seed=11) as box:
            made = [
                await box.m4a(await box.audio(prompt="Strings", audio_type="music", duration=2)),
                await box.m4a(await box.audio(text="Hello there", audio_type="voice")),
                await box.m4a(
                    await box.audio(text="Hello there", audio_type="voice", voice_name="Bella")
                ),
            ]
            files.append(made)
    assert files[0] == files[1]
    music, default_voice, other_voice = files[0]
    assert len({music, default_voice, other_voice}) == 3
    # `speech` is the same kind as `voice`.
    async with audio_sandbox() as box:
        speech = await box.m4a(await box.audio(text="Hello there", audio_type="speech"))
    assert speech == default_voice


async def test_the_official_clients_bodies_and_both_paths_are_answered() -> None:
    bodies = [
        {"prompt": "m", "duration": 5, "audio_type": "music", "callback_url": None},
        {
            "prompt": "s",
            "duration": 2,
            "audio_type": "sound_effect",
            "config": {},
            "callback_url": None,
        },
        {
            "text": "v",
            "audio_type": "voice",
            "voice_name": "Default",
            "model_name": "elevenlabs",
            "config": {},
            "callback_url": None,
            "sandbox_id": None,
            "voice_clone_id": None,
        },
        {
            "text": "v",
            "audio_type": "voice",
            "model_name": None,
            "config": None,
            "sandbox_id": "sb-1",
            "voice_clone_id": "vc-1",
        },
    ]
    async with audio_sandbox() as box:
        for body in bodies:
            for path in (GENERATE_AUDIO, GENERATE_AUDIO.rstrip("/")):
                started = await box.client.post(path, json=body)
                assert started.status_code == 200, started.text
                assert started.json()["data"]["id"].startswith("job-")
        assert box.sandbox.store.count("audio") == 8


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"prompt": "x"}, "audio_type"),
        ({"prompt": "x", "audio_type": "song"}, "audio_type"),
        ({"prompt": "x", "audio_type": None}, "audio_type"),
        ({"prompt": "x", "audio_type": "GenerateImageRequest"}, "audio_type"),
        ({"text": "0", "audio_type": [None, None]}, "audio_type"),
        ({"prompt": "x", "audio_type": "music", "duration": 0}, "duration"),
        ({"prompt": "x", "audio_type": "music", "duration": 2.5}, "duration"),
        ({"prompt": "x", "audio_type": "music", "duration": "5"}, "duration"),
        ({"prompt": "", "audio_type": "sound_effect"}, "prompt"),
        ({"audio_type": "music"}, "prompt"),
        ({"prompt": "x", "audio_type": "sound_effect", "config": []}, "config"),
        ({"audio_type": "voice"}, "text"),
        ({"text": "", "audio_type": "speech"}, "text"),
        ({"text": "x", "audio_type": "voice", "voice_name": ""}, "voice_name"),
        ({"text": "x", "audio_type": "voice", "callback_url": "not a url"}, "callback_url"),
    ],
)
async def test_bad_input_is_a_400_naming_the_field(body: dict[str, Any], field: str) -> None:
    async with audio_sandbox() as box:
        answer = await box.start(**body)
        assert answer.status_code == 400, answer.text
        assert answer.json()["success"] is False
        assert answer.json()["message"].startswith(f"{field}: ") or (
            f"'{field}' is a required property" in answer.json()["message"]
        ), answer.json()
        assert len(box.sandbox.store) == 0


async def test_audio_longer_than_the_sandbox_makes_is_a_failed_job_naming_the_field() -> None:
    # The spec sets no longest duration, so the request is valid: its job fails, saying why.
    async with audio_sandbox(max_audio_seconds=10) as box:
        too_long: list[tuple[dict[str, Any], str]] = [
            ({"prompt": "x", "audio_type": "music", "duration": 11}, "duration"),
            ({"prompt": "x", "audio_type": "sound_effect", "duration": 10**30}, "duration"),
            ({"text": "word " * 26, "audio_type": "voice"}, "text"),
        ]
        for body, field in too_long:
            answer = await box.start(**body)
            assert answer.status_code == 200, answer.text
            state = (await box.client.get(answer.json()["data"]["output_url"])).json()
            assert state["success"] is False, state
            assert state["message"].startswith(f"{field}: "), state
            assert "--max-audio-seconds" in state["message"]
        assert (await box.audio(prompt="x", audio_type="music", duration=10))["length"] == 10.0
        assert (await box.audio(text="word " * 25, audio_type="voice"))["length"] == 10.0
    async with audio_sandbox() as box:
        answer = await box.start(prompt="an hour and a second", audio_type="music", duration=3601)
        state = (await box.client.get(answer.json()["data"]["output_url"])).json()
        assert "3600 seconds" in state["message"]


async def test_unknown_or_unfinished_audio_and_other_collections_are_404() -> None:
    async with audio_sandbox(job_seconds=5, collections={"c-other"}) as box:
        first = (await box.start(prompt="done soon", audio_type="music")).json()["data"]
        image_job = await box.client.post(
            "/collection/default/generate/image", json={"prompt": "an image"}
        )
        box.advance(5)
        audio = (await box.client.get(first["output_url"])).json()["data"]
        image = (await box.client.get(image_job.json()["data"]["output_url"])).json()["data"]
        pending = (await box.start(text="still running", audio_type="voice")).json()["data"]
        unfinished = box.sandbox.store.job(pending["id"])
        assert unfinished is not None
        for audio_id, collection in [
            ("a-0123456789abcdef", "default"),
            (audio["id"], "c-other"),
            (image["id"], "default"),
            (unfinished.result_id, "default"),
        ]:
            for method, path in [
                ("GET", f"/audio/{audio_id}"),
                ("POST", f"/audio/{audio_id}/generate_url"),
            ]:
                answer = await box.client.request(
                    method, path, params={"collection_id": collection}
                )
                assert answer.status_code == 404, (method, path, collection)
                assert answer.json()["success"] is False
                assert answer.json()["error_code"] == "not_found"
        assert (await box.client.get(f"/audio/{audio['id']}")).status_code == 200
        gone = await box.client.post(
            "/collection/c-none/generate/audio", json={"prompt": "x", "audio_type": "music"}
        )
        assert gone.status_code == 404


def _with(url: str, **changes: str) -> str:
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    path = changes.pop("path", parts.path)
    query.update(changes)
    return urllib.parse.urlunsplit(parts._replace(path=path, query=urllib.parse.urlencode(query)))


async def test_a_tampered_unsigned_or_expired_url_is_forbidden() -> None:
    async with audio_sandbox(signed_url_seconds=60) as box:
        audio = await box.audio(prompt="signed", audio_type="sound_effect", duration=1)
        other = await box.audio(prompt="another", audio_type="sound_effect", duration=1)
        url = await box.audio_url(audio)
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        assert set(query) == {"expires", "signature"}
        assert int(query["expires"]) == 1_800_000_000 + 60
        flipped = ("0" if query["signature"][0] != "0" else "1") + query["signature"][1:]
        refused = [
            _with(url, signature=flipped),
            _with(url, signature=""),
            _with(url, expires=str(int(query["expires"]) + 1)),
            _with(url, path=f"/media/audio/{other['id']}.m4a"),
            _with(url, path=f"/media/images/img-{audio['id'][2:]}.png"),
            url.split("?")[0],
        ]
        for bad in refused:
            answer = await box.anonymous.get(bad)
            assert answer.status_code == 403, bad
            assert answer.json()["error_code"] == "forbidden"
        assert (await box.anonymous.get(url)).status_code == 200
        box.advance(60)
        expired = await box.anonymous.get(url)
        assert expired.status_code == 403
        assert "expired" in expired.json()["message"]
        assert (await box.anonymous.get(await box.audio_url(audio))).status_code == 200


async def test_an_audio_expires_with_its_job_and_without_media_its_url_is_404() -> None:
    async with audio_sandbox(ttl_seconds=100, signed_url_seconds=1000) as box:
        audio = await box.audio(prompt="expiring", audio_type="music", duration=1)
        url = await box.audio_url(audio)
        assert (await box.anonymous.get(url)).status_code == 200
        box.advance(100)
        assert (await box.client.get(f"/audio/{audio['id']}")).status_code == 404
        assert (await box.anonymous.get(url)).status_code == 404
        assert box.sandbox.store.count("audio") == 0
    async with audio_sandbox(media="off") as box:
        audio = await box.audio(prompt="not rendered", audio_type="music", duration=1)
        assert (await box.anonymous.get(await box.audio_url(audio))).status_code == 404


async def test_a_running_job_reports_progress_then_the_audio() -> None:
    async with audio_sandbox(job_seconds=10) as box:
        started = (await box.start(text="slowly", audio_type="voice")).json()["data"]
        box.advance(4)
        running = await box.client.get(started["output_url"])
        assert running.json()["data"] == {"percentage": 40}
        assert "retry-after" in running.headers
        box.advance(6)
        assert (await box.client.get(started["output_url"])).json()["data"]["length"] == 1.0


async def test_a_callback_delivers_the_audio_or_the_failure(spec: dict[str, Any]) -> None:
    async with audio_sandbox(callback_backoff=0.01) as box:
        with Receiver() as receiver:
            hook = f"{receiver.url}/hook"
            started = await box.start(
                prompt="called back", audio_type="music", duration=4, callback_url=hook
            )
            failing = await box.client.post(
                GENERATE_AUDIO,
                json={"text": "failing", "audio_type": "voice", "callback_url": hook},
                headers={"x-mock-fault": "fail"},
            )
            deliveries = await asyncio.to_thread(receiver.wait_for, 2)
        by_success = {d.body["success"]: d.body for d in deliveries}
        for body in by_success.values():
            assert_generation_result(spec, body)
        state = (await box.client.get(started.json()["data"]["output_url"])).json()
        assert by_success[True]["data"] == state["data"]
        assert state["data"]["length"] == 4.0
        assert "audio could not be generated" in by_success[False]["message"]
        failed = (await box.client.get(failing.json()["data"]["output_url"])).json()
        assert failed["success"] is False


async def test_audio_and_its_urls_survive_a_restart(tmp_path: Path) -> None:
    runs = Restarts(tmp_path, job_seconds=0, media="render", seed=3)

    async def download(url: str) -> httpx.Response:
        assert runs.app is not None
        transport = httpx.ASGITransport(app=runs.app)
        async with httpx.AsyncClient(transport=transport) as anonymous:
            return await anonymous.get(url)

    async with runs.start() as client:
        body = {"text": "kept for later", "audio_type": "voice"}
        job = await client.post(GENERATE_AUDIO, json=body)
        audio = (await client.get(job.json()["data"]["output_url"])).json()["data"]
        assert audio["length"] == 1.2
        url = (await client.post(f"/audio/{audio['id']}/generate_url")).json()["data"]["signed_url"]
        first = await download(url)
        assert first.status_code == 200
    runs.advance(600)
    async with runs.start() as client:
        assert (await client.get(f"/audio/{audio['id']}")).json()["data"] == audio
        again = await download(url)
        assert (again.status_code, again.content) == (200, first.content)
        assert runs.app is not None
        assert runs.app.sandbox.media is not None
        assert runs.app.sandbox.media.stats.rendered == 0, "kept on disk"
        stats = (await client.get("/_sandbox/stats")).json()
        assert stats["audio"] == 1
        assert (await download(_with(url, expires="1"))).status_code == 403
