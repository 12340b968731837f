"""A video's own calls over real HTTP, rendered by the sandbox's workers: a stream of parts
plays exactly those parts (decoded by PyAV from its URL), a thumbnail of a moment is that
frame, and a download is an MP4 of the stream."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import Any

import av
import httpx
import pytest
from PIL import Image
from videodb_mock._media.audio import SAMPLE_RATE
from videodb_mock._media.render import Picture

from tests.media._pictures import Source, as_picture, difference
from tests.media.conftest import finished_video
from tests.media.test_audio import floats, rms
from tests.sandbox.conftest import AUTH

WIDTH, HEIGHT, FPS = 320, 180, 12
SIZE = ("--media-width", str(WIDTH), "--media-height", str(HEIGHT), "--media-fps", str(FPS))
PROMPT = "A fox crossing a frozen river"


@pytest.fixture(scope="module")
def source() -> Source:
    return Source(Picture(PROMPT, 6, width=WIDTH, height=HEIGHT, fps=FPS))


def _decoded(url: str) -> tuple[list[av.VideoFrame], list[float], list[str]]:
    """The video frames and the audio samples of the media at `url` (an HLS playlist or an
    MP4), decoded by PyAV over HTTP, and its streams' codecs."""
    pictures: list[av.VideoFrame] = []
    samples: list[float] = []
    with av.open(url, timeout=30) as container:
        codecs = [s.codec_context.name for s in container.streams]
        streams = [*container.streams.video, *container.streams.audio]
        for frame in container.decode(*streams):
            if isinstance(frame, av.VideoFrame):
                pictures.append(frame)
            elif isinstance(frame, av.AudioFrame):
                samples += floats(frame)
    return pictures, samples, codecs


def _post(url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = httpx.post(f"{url}{path}", json=body, headers=AUTH, timeout=30)
    assert answer.status_code == 200, answer.text
    data: dict[str, Any] = answer.json()
    return data


def _dubbed(url: str, video_id: str) -> dict[str, Any]:
    started = _post(
        url, "/collection/default/generate/video/dub", {"video_id": video_id, "language_code": "es"}
    )
    state = _polled(started["data"]["output_url"])
    assert state["status"] == "done", state
    made: dict[str, Any] = state["data"]
    return made


def _polled(output_url: str) -> dict[str, Any]:
    """Poll a job (of a sandbox with short jobs) until it is no longer processing; its state."""
    while (state := httpx.get(output_url, headers=AUTH, timeout=10).json())[
        "status"
    ] == "processing":
        time.sleep(0.05)  # within the job's time: polling is what a client does
    done: dict[str, Any] = state
    return done


def test_a_stream_of_parts_plays_those_parts_of_the_video(
    rendering: Callable[..., str], source: Source
) -> None:
    url = rendering(*SIZE)
    video = finished_video(url, PROMPT, 6)
    parts = [(0.0, 2.0), (3.0, 5.0), (5.5, 6.0)]
    stream = _post(url, f"/video/{video['id']}/stream", {"timeline": parts, "length": 6})["data"]
    pictures, samples, codecs = _decoded(stream["stream_url"])
    assert codecs == ["h264"]
    assert not samples
    assert len(pictures) / FPS == sum(end - start for start, end in parts) == 4.5
    assert source.shown(pictures) == [*range(0, 24), *range(36, 60), *range(66, 72)]
    player = httpx.get(stream["player_url"], timeout=10)
    assert player.status_code == 200
    assert "stream.m3u8" in player.text
    thumbnail = stream["stream_url"].replace("stream.m3u8", "thumbnail.jpg")
    assert httpx.get(thumbnail, timeout=10).status_code == 404
    assert httpx.get(f"{url}/_sandbox/stats", timeout=10).json()["streams"] == 1


def test_a_stream_of_parts_of_a_dub_keeps_their_sound(
    rendering: Callable[..., str], source: Source
) -> None:
    url = rendering(*SIZE)
    video = finished_video(url, PROMPT, 6)
    dubbed = _dubbed(url, video["id"])
    _, voice, _ = _decoded(dubbed["stream_url"])
    parts = [[4, 5], [1, 2.5]]
    stream = _post(url, f"/video/{dubbed['id']}/stream", {"timeline": parts})["data"]
    pictures, samples, codecs = _decoded(stream["stream_url"])
    assert sorted(codecs) == ["aac", "h264"]
    assert source.shown(pictures) == [*range(48, 60), *range(12, 30)]
    assert 2.5 * SAMPLE_RATE <= len(samples) < 2.5 * SAMPLE_RATE + 1024
    # Loud where the dub speaks at those moments, quiet where it pauses.
    window = SAMPLE_RATE // 20
    mapped = voice[4 * SAMPLE_RATE : 5 * SAMPLE_RATE] + voice[SAMPLE_RATE : 5 * SAMPLE_RATE // 2]
    steps = range(0, len(mapped) - window, window)
    got = [rms(samples[i : i + window]) for i in steps]
    expected = [rms(mapped[i : i + window]) for i in steps]
    assert max(abs(a - b) for a, b in zip(got, expected, strict=True)) < 0.05
    assert min(expected) < max(expected) / 5


def test_a_thumbnail_of_a_moment_is_that_frame(
    rendering: Callable[..., str], source: Source
) -> None:
    url = rendering(*SIZE)
    video = finished_video(url, PROMPT, 6)
    pngs = []
    for _ in range(2):
        image = _post(url, f"/video/{video['id']}/thumbnail", {"time": 2.5})["data"]
        assert (image["width"], image["height"]) == (WIDTH, HEIGHT)
        signed = _post(url, f"/image/{image['id']}/generate_url", {})["data"]["signed_url"]
        answer = httpx.get(signed, timeout=30)  # no API key
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "image/png"
        pngs.append(answer.content)
    assert pngs[0] == pngs[1], "the same video and time give the same bytes"
    with Image.open(io.BytesIO(pngs[0])) as picture:
        assert (picture.format, picture.size) == ("PNG", (WIDTH, HEIGHT))
        shown = picture.convert("RGB")
    assert difference(shown, source.frames[30]) == 0
    assert source.closest(shown) == (30, 0.0)
    # And the stream's own frame at that moment, decoded, is very close to it.
    pictures, _, _ = _decoded(video["stream_url"])
    assert difference(shown, as_picture(pictures[30])) < 2.0


@pytest.mark.parametrize("dubbed", [False, True])
def test_a_download_is_an_mp4_of_the_stream(
    rendering: Callable[..., str], source: Source, dubbed: bool
) -> None:
    url = rendering(*SIZE, "--job-seconds", "0.2")
    video = finished_video(url, PROMPT, 6)
    if dubbed:
        video = _dubbed(url, video["id"])
    stream = _post(url, f"/video/{video['id']}/stream", {"timeline": [[1, 3], [0, 1]]})["data"]
    job = _post(url, "/download", {"stream_link": stream["stream_url"], "name": "fox-parts"})
    poll = job["data"]["output_url"]
    assert httpx.get(poll, headers=AUTH, timeout=10).json()["status"] == "processing"
    state = _polled(poll)
    assert state["status"] == "done", state
    link = state["data"]["download_url"]
    answer = httpx.get(link, timeout=60)  # no API key
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "video/mp4"
    assert answer.headers["content-disposition"] == 'attachment; filename="fox-parts.mp4"'
    part = httpx.get(link, headers={"Range": "bytes=100-199"}, timeout=30)
    assert part.status_code == 206
    assert part.content == answer.content[100:200]
    pictures, samples, codecs = _decoded(link)
    assert codecs == (["h264", "aac"] if dubbed else ["h264"])
    assert len(pictures) == 3 * FPS
    assert source.shown(pictures) == [*range(12, 36), *range(0, 12)]
    if dubbed:
        assert 3 * SAMPLE_RATE <= len(samples) < 3 * SAMPLE_RATE + 1024
    else:
        assert not samples
    unsigned = link.split("?", 1)[0]
    assert httpx.get(unsigned, timeout=10).status_code == 403
    counts = httpx.get(f"{url}/_sandbox/stats", timeout=10).json()
    assert (counts["streams"], counts["downloads"]) == (1, 1)
