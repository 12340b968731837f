"""A rendering sandbox over real HTTP: the stream decodes to the requested duration and size,
the thumbnail is a JPEG of that size, and every media answer has its content type and CORS."""

from __future__ import annotations

import struct
from collections.abc import Callable

import av
import httpx
import pytest

from tests.conftest import SandboxFactory, assert_no_spec_violations
from tests.media.conftest import finished_video
from tests.sandbox._receiver import Receiver
from tests.sandbox.conftest import AUTH, GENERATE

WIDTH, HEIGHT, FPS = 640, 360, 24


def _decoded_seconds(stream_url: str) -> tuple[float, int, int, str]:
    """Decode the HLS stream over HTTP: (seconds of video, width, height, codec)."""
    with av.open(stream_url, timeout=30) as container:
        video = container.streams.video[0]
        count = 0
        first = last = None
        for frame in container.decode(video):
            count += 1
            assert frame.time is not None
            first = frame.time if first is None else min(first, frame.time)
            last = frame.time if last is None else max(last, frame.time)
        assert first is not None
        assert last is not None
        assert abs(count / FPS - (last - first + 1 / FPS)) < 1e-6, "frames missing or doubled"
        return count / FPS, video.codec_context.width, video.codec_context.height, video.codec.name


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a JPEG's start-of-frame marker."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    at = 2
    while at < len(data):
        assert data[at] == 0xFF, f"bad marker at {at}"
        marker = data[at + 1]
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in (0xC0, 0xC1, 0xC2):  # baseline, extended, progressive
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    raise AssertionError("no start-of-frame marker")


@pytest.mark.parametrize("duration", [5, 8])
def test_stream_lasts_the_requested_duration(rendering: Callable[..., str], duration: int) -> None:
    url = rendering()
    video = finished_video(url, f"A {duration} second drone flight", duration)
    seconds, width, height, codec = _decoded_seconds(video["stream_url"])
    assert abs(seconds - duration) < 0.1
    assert (width, height, codec) == (WIDTH, HEIGHT, "h264")
    playlist = httpx.get(video["stream_url"], timeout=10).text
    listed = sum(
        float(line[8:].rstrip(",")) for line in playlist.splitlines() if line.startswith("#EXTINF:")
    )
    assert abs(listed - duration) < 0.1
    assert "#EXT-X-ENDLIST" in playlist


def test_thumbnail_is_a_jpeg_of_the_frame_size(rendering: Callable[..., str]) -> None:
    url = rendering()
    video = finished_video(url, "a thumbnail", 5)
    answer = httpx.get(video["thumbnail_url"], timeout=10)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/jpeg"
    assert _jpeg_size(answer.content) == (WIDTH, HEIGHT)


def test_content_types_and_cors(rendering: Callable[..., str]) -> None:
    url = rendering()
    video = finished_video(url, "content types", 5)
    base = video["stream_url"].rsplit("/", 1)[0]
    expected = {
        video["stream_url"]: "application/vnd.apple.mpegurl",
        f"{base}/seg000.ts": "video/mp2t",
        video["thumbnail_url"]: "image/jpeg",
        video["player_url"]: "text/html; charset=utf-8",
        f"{url}/media/hls.min.js": "text/javascript; charset=utf-8",
    }
    origin = {"Origin": "http://localhost:3000"}
    for media_url, content_type in expected.items():
        answer = httpx.get(media_url, headers=origin, timeout=10)
        assert answer.status_code == 200, (media_url, answer.text)
        assert answer.headers["content-type"] == content_type, media_url
        assert answer.headers["access-control-allow-origin"] == "*", media_url
        head = httpx.head(media_url, headers=origin, timeout=10)
        assert head.status_code == 200, media_url
    preflight = httpx.options(
        video["stream_url"],
        headers={**origin, "Access-Control-Request-Method": "GET"},
        timeout=10,
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "GET" in preflight.headers["access-control-allow-methods"]


def test_player_page_names_the_stream_and_the_player_script(rendering: Callable[..., str]) -> None:
    url = rendering()
    video = finished_video(url, "<b>escaped</b> & shown", 5)
    page = httpx.get(video["player_url"], timeout=10).text
    assert 'src="../hls.min.js"' in page
    assert '"stream.m3u8"' in page
    assert "&lt;b&gt;escaped&lt;/b&gt; &amp; shown" in page
    assert "<b>escaped" not in page


def test_unknown_media_are_404_and_other_methods_405(rendering: Callable[..., str]) -> None:
    url = rendering()
    video = finished_video(url, "not found", 5)
    base = video["stream_url"].rsplit("/", 1)[0]
    for path in (
        "/media/m-0000000000000000/stream.m3u8",
        "/media/m-0000000000000000/player",
        f"{httpx.URL(base).path}/seg999.ts",
        f"{httpx.URL(base).path}/other.txt",
        "/media/m-00/..%2F..%2Fetc%2Fpasswd",
        "/media/",
    ):
        answer = httpx.get(f"{url}{path}", timeout=10)
        assert answer.status_code == 404, path
        assert answer.json()["success"] is False, path
        assert answer.headers["access-control-allow-origin"] == "*", path
    refused = httpx.post(video["stream_url"], timeout=10)
    assert refused.status_code == 405
    assert refused.headers["allow"] == "GET, HEAD, OPTIONS"


def test_a_running_job_reports_its_progress(rendering: Callable[..., str]) -> None:
    url = rendering("--job-seconds", "30")
    with httpx.Client(base_url=url, headers=AUTH, timeout=10) as client:
        job = client.post(GENERATE, json={"prompt": "still running", "duration": 5}).json()["data"]
        state = client.get(job["output_url"]).json()
        assert state["status"] == "processing"
        assert 0 <= state["data"]["percentage"] < 100
        stats = client.get("/_sandbox/stats").json()["media"]
        assert stats["mode"] == "render"


def test_callback_arrives_once_the_media_can_be_fetched(rendering: Callable[..., str]) -> None:
    url = rendering()
    with Receiver() as receiver, httpx.Client(base_url=url, headers=AUTH, timeout=10) as client:
        body = {"prompt": "called back", "duration": 6, "callback_url": f"{receiver.url}/hook"}
        assert client.post(GENERATE, json=body).status_code == 200
        (delivery,) = receiver.wait_for(1)
        video = delivery.body["data"]
        answer = httpx.get(video["stream_url"], timeout=10)
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/vnd.apple.mpegurl"


def test_test_sandboxes_do_not_render_unless_asked(sandbox_url: str) -> None:
    """The shared test sandbox finishes jobs at once (no render) and stays within the spec."""
    with httpx.Client(base_url=sandbox_url, headers=AUTH, timeout=10) as client:
        job = client.post(GENERATE, json={"prompt": "quick", "duration": 5}).json()["data"]
        assert client.get(job["output_url"]).json()["status"] == "done"
        assert client.get("/_sandbox/stats").json()["media"] == {"mode": "off"}
    assert_no_spec_violations(sandbox_url)


def test_strict_rendering_sandbox_answers_within_the_spec(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--media", "render", "--job-seconds", "0.3", "--finished-shape", "wrapped")
    with httpx.Client(base_url=url, headers=AUTH, timeout=10) as client:
        job = client.post(GENERATE, json={"prompt": "wrapped", "duration": 5}).json()["data"]
        while (state := client.get(job["output_url"]).json())["status"] != "complete":
            assert state["status"] == "processing"
        video_id = state["response"]["data"]["id"]
        assert client.get(f"/video/{video_id}").status_code == 200
    assert_no_spec_violations(url)
