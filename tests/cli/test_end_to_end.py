"""`videodb-gen` run as a subprocess against the sandbox: real exit codes and real output, and
a video's own calls on media the sandbox renders: a stream of parts, a thumbnail and an MP4,
decoded."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import av
import pytest
from PIL import Image

from tests._servers import ROOT
from tests.cli.conftest import (
    RENDER_FPS,
    RENDER_HEIGHT,
    RENDER_WIDTH,
    SANDBOX_KEY,
    VIDEODB_GEN,
    Result,
    clean_environ,
    keyed_sandbox,
    run_videodb_gen,
)
from tests.conftest import SandboxFactory

PROMPT = "A drone flying over a futuristic city"
SECRET = "sk-never-print-me-0815"
# How long a stopped command may take to exit: generous, as a loaded machine is slow to
# start a process and to deliver a signal, and a hang is still caught.
STOPPING_SECONDS = 90


@pytest.fixture
def env(sandbox_url: str, api_key: str) -> dict[str, str]:
    return clean_environ(VIDEO_DB_BASE_URL=sandbox_url, VIDEO_DB_API_KEY=api_key)


def _rows(out: str) -> dict[str, str]:
    return dict(line.split(None, 1) for line in out.splitlines())


def _clean(result: Result, code: int) -> None:
    assert result.code == code, result.out + result.err
    assert "Traceback" not in result.out + result.err


def test_generate_prints_the_video(env: dict[str, str]) -> None:
    result = run_videodb_gen("generate", PROMPT, "--duration", "6", env=env)
    _clean(result, 0)
    rows = _rows(result.out)
    assert rows["id"].startswith("m-")
    assert rows["stream_url"].endswith(".m3u8")
    assert rows["player_url"].startswith("http")


def test_generate_json_is_for_scripts(env: dict[str, str]) -> None:
    result = run_videodb_gen("generate", PROMPT, "--duration", "6", "--json", env=env)
    _clean(result, 0)
    video = json.loads(result.out)
    assert video["id"].startswith("m-")
    assert video["stream_url"].endswith(".m3u8")
    assert video["length"] == 6


def test_no_wait_then_job_wait_then_video(env: dict[str, str]) -> None:
    started = run_videodb_gen("generate", PROMPT, "--no-wait", env=env)
    _clean(started, 0)
    job_id = started.out.strip()
    assert job_id.startswith("job-")

    waited = run_videodb_gen("job", job_id, "--wait", env=env)
    _clean(waited, 0)
    video_id = _rows(waited.out)["id"]
    assert video_id.startswith("m-")

    shown = run_videodb_gen("video", video_id, "--json", env=env)
    _clean(shown, 0)
    assert json.loads(shown.out)["id"] == video_id


def test_bad_input_is_exit_2_without_any_server_or_key() -> None:
    for args in (["generate", "", "--duration", "6"], ["generate", PROMPT, "--duration", "9"]):
        result = run_videodb_gen(*args)
        _clean(result, 2)
        assert result.err.count("\n") == 1
        assert result.err.startswith("videodb-gen: error: ")


def test_a_missing_or_rejected_key_is_exit_4(failing_sandbox: str) -> None:
    _clean(run_videodb_gen("video", "m-1"), 4)
    env = clean_environ(VIDEO_DB_BASE_URL=failing_sandbox, VIDEO_DB_API_KEY=SECRET)
    result = run_videodb_gen("generate", PROMPT, env=env)
    _clean(result, 4)
    assert SECRET not in result.out + result.err


def test_api_errors_are_exit_3(failing_sandbox: str, env: dict[str, str]) -> None:
    failed = run_videodb_gen(
        "generate", PROMPT, "--base-url", failing_sandbox, "--api-key", SANDBOX_KEY
    )
    _clean(failed, 3)
    assert "failed" in failed.err
    missing = run_videodb_gen("video", "m-doesnotexist", env=env)
    _clean(missing, 3)
    assert "404" in missing.err


def test_a_timeout_is_exit_5(slow_sandbox: str) -> None:
    env = clean_environ(VIDEO_DB_BASE_URL=slow_sandbox, VIDEO_DB_API_KEY=SANDBOX_KEY)
    result = run_videodb_gen("generate", PROMPT, "--timeout", "1", env=env)
    _clean(result, 5)
    assert "resume with: videodb-gen job job-" in result.err


def test_ctrl_c_while_waiting_is_exit_130_and_names_the_job(slow_sandbox: str) -> None:
    env = clean_environ(VIDEO_DB_BASE_URL=slow_sandbox, VIDEO_DB_API_KEY=SANDBOX_KEY)
    proc = subprocess.Popen(  # noqa: S603 - the test suite's own command
        [VIDEODB_GEN, "generate", PROMPT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        assert proc.stderr is not None
        waiting = proc.stderr.readline()  # printed when the wait begins
        assert waiting.startswith("waiting for job-"), waiting
        job_id = waiting.split()[2].rstrip(";")
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=STOPPING_SECONDS)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    _clean(Result(proc.returncode, out, err), 130)
    assert f"interrupted; resume with: videodb-gen job {job_id} --wait" in err


def test_image_o_saves_a_png_of_the_ratio_asked_for(
    start_sandbox: SandboxFactory, api_key: str, tmp_path: Path
) -> None:
    url = start_sandbox("--media", "render")
    env = clean_environ(VIDEO_DB_BASE_URL=url, VIDEO_DB_API_KEY=api_key)
    target = tmp_path / "portrait.png"
    result = run_videodb_gen("image", PROMPT, "--aspect-ratio", "9:16", "-o", str(target), env=env)
    _clean(result, 0)
    assert _rows(result.out)["file"] == str(target)
    with Image.open(target) as picture:
        assert (picture.format, picture.size) == ("PNG", (576, 1024))


def test_text_json_prints_a_json_object(env: dict[str, str]) -> None:
    result = run_videodb_gen("text", "Three names for a lighthouse", "--json", env=env)
    _clean(result, 0)
    assert isinstance(json.loads(result.out), dict)


# A video's own calls, on a video the sandbox rendered.


@pytest.fixture(scope="module")
def rendered(rendering_sandbox: str) -> tuple[dict[str, str], dict[str, Any]]:
    """The environment of the rendering sandbox, and a 6 s video generated there."""
    env = clean_environ(VIDEO_DB_BASE_URL=rendering_sandbox, VIDEO_DB_API_KEY=SANDBOX_KEY)
    result = run_videodb_gen("generate", PROMPT, "--duration", "6", "--json", env=env)
    _clean(result, 0)
    video: dict[str, Any] = json.loads(result.out)
    return env, video


def _frames(url_or_path: str) -> tuple[int, list[str]]:
    """How many video frames the media at `url_or_path` (an HLS playlist, an MP4) decodes to,
    and its streams' codecs."""
    with av.open(url_or_path, timeout=30) as container:
        codecs = [stream.codec_context.name for stream in container.streams]
        return sum(1 for _ in container.decode(video=0)), codecs


def test_stream_of_parts_plays_those_parts(rendered: tuple[dict[str, str], dict[str, Any]]) -> None:
    env, video = rendered
    result = run_videodb_gen("stream", video["id"], "--part", "0:2", "--part", "3:4.5", env=env)
    _clean(result, 0)
    url = result.out.strip()
    assert url.endswith(".m3u8")
    assert url != video["stream_url"]
    frames, codecs = _frames(url)
    assert codecs == ["h264"]
    assert frames == (2 + 1.5) * RENDER_FPS
    whole = run_videodb_gen("stream", video["id"], "--json", env=env)
    _clean(whole, 0)
    assert json.loads(whole.out)["stream_url"] == video["stream_url"]


def test_a_part_past_the_video_s_end_is_exit_2(
    rendered: tuple[dict[str, str], dict[str, Any]],
) -> None:
    env, video = rendered
    result = run_videodb_gen("stream", video["id"], "--part", "5:7", env=env)
    _clean(result, 2)
    assert result.err == "videodb-gen: error: --part 5:7 end 7.0 s is past the video's end (6 s)\n"


def test_thumbnail_time_o_saves_a_picture_of_the_video(
    rendered: tuple[dict[str, str], dict[str, Any]], tmp_path: Path
) -> None:
    env, video = rendered
    target = tmp_path / "moment.png"
    result = run_videodb_gen("thumbnail", video["id"], "--time", "1", "-o", str(target), env=env)
    _clean(result, 0)
    rows = _rows(result.out)
    assert rows["id"].startswith("img-")
    assert rows["size"] == f"{RENDER_WIDTH}x{RENDER_HEIGHT}"
    assert rows["file"] == str(target)
    with Image.open(target) as picture:
        assert picture.format in {"PNG", "JPEG"}
        assert picture.size == (RENDER_WIDTH, RENDER_HEIGHT)
        picture.load()  # the whole picture decodes, not just its header


def test_thumbnail_o_saves_the_video_s_thumbnail(
    rendered: tuple[dict[str, str], dict[str, Any]], tmp_path: Path
) -> None:
    env, video = rendered
    target = tmp_path / "thumbnail.jpg"
    result = run_videodb_gen("thumbnail", video["id"], "-o", str(target), "--json", env=env)
    _clean(result, 0)
    assert json.loads(result.out)["file"] == str(target)
    with Image.open(target) as picture:
        assert picture.format == "JPEG"
        picture.load()


def test_download_o_saves_an_mp4_of_the_video_s_length(
    rendered: tuple[dict[str, str], dict[str, Any]], tmp_path: Path
) -> None:
    env, video = rendered
    target = tmp_path / "drone.mp4"
    result = run_videodb_gen("download", video["id"], "--name", "drone", "-o", str(target), env=env)
    _clean(result, 0)
    rows = _rows(result.out)
    assert rows["id"].startswith("dl-")
    assert rows["name"] == "drone"
    assert rows["file"] == str(target)
    assert f"waiting for {rows['id']}" in result.err
    frames, codecs = _frames(str(target))
    assert codecs == ["h264"]
    assert frames == video["length"] * RENDER_FPS
    with av.open(str(target)) as container:
        assert container.duration is not None
        assert abs(container.duration / av.time_base - video["length"]) < 0.1


def test_a_download_that_times_out_is_exit_5(
    rendered: tuple[dict[str, str], dict[str, Any]],
) -> None:
    env, video = rendered
    result = run_videodb_gen("download", video["id"], "--timeout", "0.5", env=env)
    _clean(result, 5)
    assert "did not finish within 0.5 s" in result.err
    assert "cannot be resumed" in result.err
    assert "videodb-gen job dl-" not in result.err


@pytest.fixture(scope="module")
def slow_download(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, str], str]]:
    """The environment of a rendering sandbox whose downloads take a minute, and the id of a
    video it holds: made by a fast sandbox on the same state folder, so that only the download
    is slow, and a loaded machine cannot finish it before the test stops it."""
    state = tmp_path_factory.mktemp("slow-download")
    size = ("--media-width", str(RENDER_WIDTH), "--media-height", str(RENDER_HEIGHT))
    fps = ("--media-fps", str(RENDER_FPS))
    options = ("--media", "render", *size, *fps, "--state-dir", str(state))
    with keyed_sandbox(tmp_path_factory.mktemp("fast"), "--job-seconds", "0", *options) as url:
        env = clean_environ(VIDEO_DB_BASE_URL=url, VIDEO_DB_API_KEY=SANDBOX_KEY)
        made = run_videodb_gen("generate", PROMPT, "--duration", "5", "--json", env=env)
    _clean(made, 0)
    video_id: str = json.loads(made.out)["id"]
    with keyed_sandbox(tmp_path_factory.mktemp("slow"), "--job-seconds", "60", *options) as url:
        yield clean_environ(VIDEO_DB_BASE_URL=url, VIDEO_DB_API_KEY=SANDBOX_KEY), video_id


def test_ctrl_c_while_a_download_runs_is_exit_130_and_says_what_to_do(
    slow_download: tuple[dict[str, str], str],
) -> None:
    env, video_id = slow_download
    proc = subprocess.Popen(  # noqa: S603 - the test suite's own command
        [VIDEODB_GEN, "download", video_id],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        assert proc.stderr is not None
        waiting = proc.stderr.readline()  # printed when the download has started
        assert waiting.startswith("waiting for dl-"), waiting
        download_id = waiting.split()[2].rstrip(";")
        proc.send_signal(signal.SIGINT)  # the download takes a minute
        out, err = proc.communicate(timeout=STOPPING_SECONDS)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    _clean(Result(proc.returncode, out, err), 130)
    assert f"interrupted; {download_id} keeps running, but cannot be resumed" in err
    assert out == ""
