"""The official `videodb` SDK works against the sandbox unchanged.

The SDK polls the absolute `output_url` with the API key, first at once and then every 5 s,
so these sandboxes finish jobs at once (`--job-seconds 0`) and no test waits for a poll.
"""

from __future__ import annotations

import io

import httpx
import PIL.Image
import pytest
import videodb
from videodb.audio import Audio
from videodb.exceptions import InvalidRequestError
from videodb.image import Image
from videodb.video import Video

from tests._servers import TEST_API_KEY
from tests.conftest import SandboxFactory
from tests.sandbox.test_audio import SAMPLE_RATE, decoded_length


def test_generate_video_with_the_official_sdk(sandbox_url: str) -> None:
    conn = videodb.connect(api_key=TEST_API_KEY, base_url=sandbox_url)
    coll = conn.get_collection()
    assert coll.id == "default"
    video = coll.generate_video(prompt="A drone flying over a futuristic city", duration=6)
    assert video.id.startswith("m-")
    assert video.collection_id == "default"
    assert video.stream_url.endswith(".m3u8")
    assert video.length == 6.0


def test_a_failed_job_surfaces_as_the_sdks_error(sandbox_url: str) -> None:
    conn = videodb.connect(api_key=TEST_API_KEY, base_url=sandbox_url, mock_fault="fail")
    coll = conn.get_collection()
    with pytest.raises(InvalidRequestError, match="could not be generated"):
        coll.generate_video(prompt="A drone flying over a futuristic city", duration=6)


@pytest.mark.parametrize("word", ["processing", "in progress"])
def test_the_official_sdk_takes_the_wrapped_shape(start_sandbox: SandboxFactory, word: str) -> None:
    url = start_sandbox("--finished-shape", "wrapped", "--running-status", word)
    coll = videodb.connect(api_key=TEST_API_KEY, base_url=url).get_collection()
    video = coll.generate_video(prompt="A drone", duration=5)
    assert video.id.startswith("m-")
    failing = videodb.connect(api_key=TEST_API_KEY, base_url=url, mock_fault="fail")
    with pytest.raises(InvalidRequestError, match="could not be generated"):
        failing.get_collection().generate_video(prompt="A drone", duration=5)


def test_a_wrong_key_surfaces_as_authentication_error(start_sandbox: SandboxFactory) -> None:
    from videodb.exceptions import AuthenticationError

    url = start_sandbox("--api-key", TEST_API_KEY)
    with pytest.raises(AuthenticationError):
        videodb.connect(api_key="sk-wrong", base_url=url).get_collection()


def test_images_and_texts_with_the_official_sdk(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--media", "render")
    coll = videodb.connect(api_key=TEST_API_KEY, base_url=url).get_collection()
    image = coll.generate_image(prompt="A lighthouse on a cliff at dawn", aspect_ratio="16:9")
    assert isinstance(image, Image)
    assert image.id.startswith("img-")
    assert image.collection_id == "default"
    assert image.name == "A lighthouse on a cliff at dawn"
    signed_url = image.generate_url()
    assert signed_url.startswith(f"{url}/media/images/{image.id}.png?")
    download = httpx.get(signed_url, timeout=30)  # no API key
    assert download.status_code == 200
    assert download.headers["content-type"] == "image/png"
    with PIL.Image.open(io.BytesIO(download.content)) as picture:
        assert (picture.format, picture.size) == ("PNG", (1024, 576))
    text = coll.generate_text(prompt="Write a tagline for a coffee brand", max_tokens=6)
    assert isinstance(text, dict)
    assert len(text["output"].split()) == 6
    data = coll.generate_text(prompt="Three names", response_type="json", model_name="pro")
    assert data["output"]["model"] == "pro"


def test_a_text_answered_at_once_with_the_official_sdk(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--text-answer", "at-once")
    coll = videodb.connect(api_key=TEST_API_KEY, base_url=url).get_collection()
    text = coll.generate_text(prompt="Write a tagline for a coffee brand", max_tokens=4)
    assert len(text["output"].split()) == 4
    failing = videodb.connect(api_key=TEST_API_KEY, base_url=url, mock_fault="fail")
    with pytest.raises(InvalidRequestError, match="could not be generated"):
        failing.get_collection().generate_text(prompt="x")


def test_audio_and_dubbing_with_the_official_sdk(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--media", "render")
    coll = videodb.connect(api_key=TEST_API_KEY, base_url=url).get_collection()
    music = coll.generate_music(prompt="Warm, hopeful strings", duration=3)
    assert isinstance(music, Audio)
    assert music.id.startswith("a-")
    assert (music.collection_id, music.name, music.length) == (
        "default",
        "Warm, hopeful strings",
        3.0,
    )
    effect = coll.generate_sound_effect(prompt="Waves crashing on rocks")
    assert isinstance(effect, Audio)
    assert effect.length == 2.0
    voice = coll.generate_voice(text="Every morning, the keeper climbs the stairs.")
    assert isinstance(voice, Audio)
    assert voice.length == 2.8  # seven words at 150 a minute
    signed_url = music.generate_url()
    assert signed_url.startswith(f"{url}/media/audio/{music.id}.m4a?")
    download = httpx.get(signed_url, timeout=30)  # no API key
    assert download.status_code == 200
    assert download.headers["content-type"] == "audio/mp4"
    seconds, samples = decoded_length(download.content)
    assert seconds == pytest.approx(3.0, abs=0.001)
    assert 3 * SAMPLE_RATE <= samples < 3 * SAMPLE_RATE + 1024
    video = coll.generate_video(prompt="A lighthouse on a cliff at dawn", duration=6)
    dubbed = coll.dub_video(video_id=video.id, language_code="es")
    assert isinstance(dubbed, Video)
    assert dubbed.id.startswith("m-")
    assert dubbed.id != video.id
    assert (dubbed.length, dubbed.name) == (6.0, "A lighthouse on a cliff at dawn (es)")
    playlist = httpx.get(dubbed.stream_url, timeout=30)
    assert playlist.status_code == 200
    assert playlist.text.startswith("#EXTM3U")
    with pytest.raises(InvalidRequestError, match="Video not found"):
        coll.dub_video(video_id="m-0123456789abcdef", language_code="es")
