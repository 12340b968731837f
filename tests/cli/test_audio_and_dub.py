"""`videodb-gen music`, `sound-effect`, `voice` and `dub` against mocked answers: what each
sends, that `-o` downloads without the API key, and bad arguments refused before any request."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import respx

from .conftest import Cli

KEY = "sk-cli-unit-audio-77aa"
BASE = "https://api.videodb.io"
CDN = "https://cdn.example.net"
JOB = "job-9f8e7d"
AUDIO = {"id": "a-9f8e", "collection_id": "default", "name": "melody", "length": 10}
SIGNED = f"{CDN}/audio/a-9f8e.m4a?expires=1795600000&signature=audio-signature"
VIDEO = {"id": "m-dub9", "stream_url": f"{BASE}/media/m-dub9/stream.m3u8", "length": 6}


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[respx.MockRouter]:
    monkeypatch.setenv("VIDEO_DB_API_KEY", KEY)
    with respx.mock(assert_all_called=False) as router:
        router.get(f"{BASE}/collection/default").respond(
            json={"success": True, "data": {"id": "default"}}
        )
        accepted = {"id": JOB, "output_url": f"{BASE}/async-response/{JOB}"}
        for path in ("audio/", "video/dub"):
            router.post(f"{BASE}/collection/default/generate/{path}").respond(
                json={"success": True, "status": "processing", "data": accepted}
            )
        router.post(f"{BASE}/audio/a-9f8e/generate_url").respond(
            json={"success": True, "data": {"signed_url": SIGNED}}
        )
        yield router


def _finishes_with(api: respx.MockRouter, data: object) -> None:
    api.get(f"{BASE}/async-response/{JOB}").respond(
        json={"success": True, "status": "done", "data": data}
    )


@pytest.mark.parametrize(
    ("argv", "body"),
    [
        (
            ["music", "A calm melody", "--duration", "10"],
            {"prompt": "A calm melody", "duration": 10, "audio_type": "music"},
        ),
        (
            ["sound-effect", "Waves", "--config", '{"intensity": 0.5}'],
            {
                "prompt": "Waves",
                "duration": 2,
                "audio_type": "sound_effect",
                "config": {"intensity": 0.5},
            },
        ),
        (
            ["voice", "Welcome aboard.", "--voice-name", "Narrator"],
            {
                "text": "Welcome aboard.",
                "voice_name": "Narrator",
                "audio_type": "voice",
                "model_name": "elevenlabs",  # as the official client sends by default
            },
        ),
    ],
    ids=["music", "sound-effect", "voice"],
)
def test_audio_commands_send_their_body_and_download_without_the_key(
    cli: Cli, api: respx.MockRouter, tmp_path: Path, argv: list[str], body: dict[str, object]
) -> None:
    _finishes_with(api, AUDIO)
    cdn = api.get(url__startswith=f"{CDN}/audio/").respond(content=b"audio bytes")
    target = tmp_path / "out.m4a"
    result = cli(*argv, "-o", str(target))
    assert result.code == 0, result.err
    assert json.loads(api.calls[1].request.content) == body
    assert target.read_bytes() == b"audio bytes"
    assert "x-access-token" not in cdn.calls.last.request.headers
    assert "10 s" in result.out
    assert str(target) in result.out


def test_dub_prints_the_new_video(cli: Cli, api: respx.MockRouter) -> None:
    _finishes_with(api, VIDEO)
    result = cli("dub", "m-source1", "en_us", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["id"] == "m-dub9"
    sent = json.loads(api.calls[1].request.content)
    assert sent == {"video_id": "m-source1", "language_code": "en_us"}


def test_dub_of_an_unknown_video_is_exit_3(cli: Cli, api: respx.MockRouter) -> None:
    api.post(f"{BASE}/collection/default/generate/video/dub").respond(
        404, json={"success": False, "message": "Video not found", "error_code": "not_found"}
    )
    result = cli("dub", "m-gone", "es")
    assert result.code == 3
    assert "404" in result.err


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["music", "p", "--duration", "0"], "--duration"),
        (["music", "p", "-o", "/no/such/dir/x.m4a"], "-o/--output"),
        (["sound-effect", "p", "--config", "[1]"], "--config"),
        (["sound-effect", "p", "--config", "{bad"], "--config"),
        (["voice", ""], "TEXT"),
        (["voice", "hi", "--voice-name", ""], "--voice-name"),
        (["dub", "img-1", "es"], "VIDEO_ID"),
        (["dub", "m-1", "Spanish"], "LANGUAGE"),
    ],
)
def test_bad_arguments_are_exit_2_before_any_request(
    cli: Cli, api: respx.MockRouter, argv: list[str], named: str
) -> None:
    result = cli(*argv)
    assert result.code == 2, result.err
    assert named in result.err
    assert not api.calls
