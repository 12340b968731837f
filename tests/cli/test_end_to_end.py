"""`videodb-gen` run as a subprocess against the sandbox: real exit codes and real output."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image

from tests._servers import ROOT
from tests.cli.conftest import (
    SANDBOX_KEY,
    VIDEODB_GEN,
    Result,
    clean_environ,
    run_videodb_gen,
)
from tests.conftest import SandboxFactory

PROMPT = "A drone flying over a futuristic city"
SECRET = "sk-never-print-me-0815"


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
        out, err = proc.communicate(timeout=15)
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
