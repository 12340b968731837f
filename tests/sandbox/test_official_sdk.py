"""The official `videodb` SDK works against the sandbox unchanged.

The SDK polls the absolute `output_url` with the API key, first at once and then every 5 s,
so these sandboxes finish jobs at once (`--job-seconds 0`) and no test waits for a poll.
"""

from __future__ import annotations

import io

import av
import httpx
import PIL.Image
import pytest
import videodb
from videodb.audio import Audio
from videodb.exceptions import InvalidRequestError
from videodb.image import Image
from videodb.job import GenerationJob
from videodb.video import Video
from videodb_mock._media.render import Picture
from videodb_mock._state.text import output as text_output

from tests._servers import TEST_API_KEY
from tests.conftest import SandboxFactory
from tests.media._pictures import Source
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


def test_a_video_s_own_calls_with_the_official_sdk(start_sandbox: SandboxFactory) -> None:
    size = ("--media-width", "320", "--media-height", "180", "--media-fps", "12")
    url = start_sandbox("--media", "render", *size)
    coll = videodb.connect(api_key=TEST_API_KEY, base_url=url).get_collection()
    prompt = "A heron over a misty lake"
    video = coll.generate_video(prompt=prompt, duration=6)
    source = Source(Picture(prompt, 6, width=320, height=180, fps=12))
    own_stream, own_thumbnail = video.stream_url, video.thumbnail_url
    assert video.generate_stream() == own_stream
    parts = video.generate_stream([(0, 2), (3, 5)])
    assert parts.startswith(f"{url}/media/s-")
    assert parts.endswith("/stream.m3u8")
    assert video.stream_url == parts
    assert video.player_url == parts.replace("stream.m3u8", "player")
    with av.open(parts, timeout=30) as container:
        pictures = list(container.decode(video=0))
    assert len(pictures) == 4 * 12
    assert source.shown(pictures) == [*range(0, 24), *range(36, 60)]

    image = video.generate_thumbnail(2)
    assert isinstance(image, Image)
    assert image.id.startswith("img-")
    assert (image.collection_id, image.name) == ("default", f"{prompt} at 2 s")
    png = httpx.get(image.generate_url(), timeout=30)  # no API key
    assert png.headers["content-type"] == "image/png"
    with PIL.Image.open(io.BytesIO(png.content)) as picture:
        assert source.closest(picture.convert("RGB")) == (24, 0.0)
    assert video.generate_thumbnail() == own_thumbnail
    video.thumbnail_url = None  # asked of the API, not taken from the video
    assert video.generate_thumbnail() == own_thumbnail

    # The video's stream is now its parts' (as `generate_stream` left it): that is downloaded.
    result = video.download()
    assert set(result) == {"id", "name", "status", "download_url"}
    assert result["id"].startswith("dl-")
    assert (result["status"], result["name"]) == ("done", prompt)
    with av.open(result["download_url"], timeout=30) as container:
        assert [s.codec_context.name for s in container.streams] == ["h264"]
        assert sum(1 for _ in container.decode(video=0)) == 4 * 12
    whole = coll.get_video(video.id).download(name="heron")
    assert whole["name"] == "heron"
    with av.open(whole["download_url"], timeout=30) as container:
        assert sum(1 for _ in container.decode(video=0)) == 6 * 12
    with pytest.raises(InvalidRequestError, match="end 9 is past the video's end"):
        video.generate_stream([(0, 2), (3, 9)])
    with pytest.raises(InvalidRequestError, match="time: 7 is past"):
        video.generate_thumbnail(7)
    counts = httpx.get(f"{url}/_sandbox/stats", timeout=10).json()
    assert (counts["streams"], counts["thumbnails"], counts["downloads"]) == (1, 1, 2)


def test_a_dub_downloads_with_its_sound_with_the_official_sdk(
    start_sandbox: SandboxFactory,
) -> None:
    size = ("--media-width", "160", "--media-height", "90", "--media-fps", "6")
    url = start_sandbox("--media", "render", *size)
    coll = videodb.connect(api_key=TEST_API_KEY, base_url=url).get_collection()
    video = coll.generate_video(prompt="A kite on a beach", duration=5)
    dubbed = coll.dub_video(video_id=video.id, language_code="fr")
    result = dubbed.download()
    assert result["name"] == "A kite on a beach (fr)"
    with av.open(result["download_url"], timeout=30) as container:
        assert [s.codec_context.name for s in container.streams] == ["h264", "aac"]
        samples = sum(frame.samples for frame in container.decode(audio=0))
    assert 5 * SAMPLE_RATE <= samples < 5 * SAMPLE_RATE + 1024
    with pytest.raises(InvalidRequestError, match="Stream not found"):
        coll._connection.download("https://elsewhere.test/x.m3u8", "x")


def test_hosted_images_and_voices_with_the_official_sdk(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--media", "render")
    coll = videodb.connect(api_key=TEST_API_KEY, base_url=url).get_collection()
    job = coll.generate_image(
        "A lighthouse on a cliff at dawn", aspect_ratio="16:9", sandbox_id="sb-1"
    )
    assert isinstance(job, GenerationJob)
    assert job.job_id.startswith("hj-")
    assert (job.result_type, job.status, job.output_url) == (
        "image",
        "processing",
        f"{url}/job/{job.job_id}",
    )
    image = job.wait()
    assert isinstance(image, Image)
    assert image.id.startswith("img-")
    assert (image.collection_id, image.name) == ("default", "A lighthouse on a cliff at dawn")
    assert job.status == "done"
    download = httpx.get(image.generate_url(), timeout=30)  # no API key
    assert download.status_code == 200
    with PIL.Image.open(io.BytesIO(download.content)) as picture:
        assert (picture.format, picture.size) == ("PNG", (1024, 576))
    waited = coll.generate_image("A red fox", sandbox_id="sb-1", wait=True)
    assert isinstance(waited, Image)
    assert (waited.name, waited.id != image.id) == ("A red fox", True)
    voice = coll.generate_voice(
        "Every morning, the keeper climbs the stairs.",
        sandbox_id="sb-1",
        model_name="k2-fsa/OmniVoice",
        wait=True,
    )
    assert isinstance(voice, Audio)
    assert voice.id.startswith("a-")
    assert voice.length == 2.8  # seven words at 150 a minute
    sound = httpx.get(voice.generate_url(), timeout=30)
    assert sound.status_code == 200
    assert decoded_length(sound.content)[0] == pytest.approx(2.8, abs=0.001)
    stats = httpx.get(f"{url}/_sandbox/stats", timeout=10).json()
    assert (stats["hosted_jobs"], stats["images"], stats["audio"]) == (3, 2, 1)


def test_a_failed_hosted_job_surfaces_as_the_sdks_error(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox()
    failing = videodb.connect(api_key=TEST_API_KEY, base_url=url, mock_fault="fail-hosted")
    job = failing.get_collection().generate_image("A lighthouse", sandbox_id="sb-1")
    assert isinstance(job, GenerationJob)
    with pytest.raises(InvalidRequestError, match=f"Generation job {job.job_id} failed"):
        job.wait()
    assert job.status == "failed"
    with pytest.raises(InvalidRequestError, match="failed"):
        failing.get_collection().generate_voice("Hello there", sandbox_id="sb-1", wait=True)
    with pytest.raises(InvalidRequestError, match="Job not found"):
        failing.get_job_status("hj-0123456789abcdef")


def test_long_prompts_and_hosted_text_models_with_the_official_sdk(
    start_sandbox: SandboxFactory,
) -> None:
    url = start_sandbox()
    coll = videodb.connect(api_key=TEST_API_KEY, base_url=url).get_collection()
    prompt = "x" * 300_000  # over the official client's inline limit: it uploads the prompt
    data = coll.generate_text(prompt)
    expected = text_output(prompt, model_name="basic", response_type="text", max_tokens=None)
    assert data == {"output": expected}
    stats = httpx.get(f"{url}/_sandbox/stats", timeout=10).json()
    assert stats["uploads"] == {"files": 1, "bytes": 300_000}
    assert stats["texts"]["jobs"] == 1
    tagline = "Write a tagline for a coffee brand"
    hosted = coll.generate_text(tagline, model_name="Qwen/Qwen3.5-9B", max_tokens=5)
    assert hosted == {
        "output": text_output(
            tagline, model_name="Qwen/Qwen3.5-9B", response_type="text", max_tokens=5
        )
    }
    assert len(hosted["output"].split()) == 5
    assert hosted != coll.generate_text(tagline, max_tokens=5)
