"""`generate`, `job` and `video` in-process against the sandbox: what they print on success."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import SANDBOX_KEY, Cli

PROMPT = "A drone flying over a futuristic city"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, sandbox_url: str, api_key: str) -> None:
    """The sandbox and a key, from the environment as a user would set them."""
    monkeypatch.setenv("VIDEO_DB_BASE_URL", sandbox_url)
    monkeypatch.setenv("VIDEO_DB_API_KEY", api_key)


def _rows(out: str) -> dict[str, str]:
    return dict(line.split(None, 1) for line in out.splitlines())


@pytest.mark.usefixtures("env")
def test_generate_prints_the_video_and_shows_progress_on_stderr(cli: Cli) -> None:
    result = cli("generate", PROMPT, "--duration", "6")
    assert result.code == 0, result.err
    rows = _rows(result.out)
    assert rows["id"].startswith("m-")
    assert rows["stream_url"].endswith(".m3u8")
    assert rows["player_url"].startswith("http")
    assert rows["length"] == "6 s"
    assert rows["name"] == PROMPT
    assert "waiting for job-" in result.err
    assert "done" in result.err  # the progress bar's last state


@pytest.mark.usefixtures("env")
def test_generate_json_prints_only_the_video(cli: Cli) -> None:
    result = cli("generate", PROMPT, "--duration", "7", "--json")
    assert result.code == 0, result.err
    video = json.loads(result.out)
    assert video["id"].startswith("m-")
    assert video["stream_url"].endswith(".m3u8")
    assert video["length"] == 7
    assert result.err == ""


@pytest.mark.usefixtures("env")
def test_no_wait_prints_the_job_id_then_job_follows_it(cli: Cli) -> None:
    started = cli("generate", PROMPT, "--no-wait")
    assert started.code == 0, started.err
    job_id = started.out.strip()
    assert job_id.startswith("job-")
    assert f"videodb-gen job {job_id} --wait" in started.err

    waited = cli("job", job_id, "--wait", "--json")
    assert waited.code == 0, waited.err
    video_id = json.loads(waited.out)["id"]

    state = cli("job", job_id)
    assert state.code == 0, state.err
    rows = _rows(state.out)
    assert rows["job"] == job_id
    assert rows["status"] == "done"
    assert rows["id"] == video_id
    assert rows["stream_url"].endswith(".m3u8")

    as_json = json.loads(cli("job", job_id, "--json").out)
    assert as_json["id"] == job_id
    assert as_json["status"] == "done"
    assert as_json["video"]["id"] == video_id

    shown = cli("video", rows["id"])
    assert shown.code == 0, shown.err
    assert _rows(shown.out)["stream_url"] == rows["stream_url"]
    assert json.loads(cli("video", rows["id"], "--json").out)["id"] == rows["id"]


@pytest.mark.usefixtures("env")
def test_no_wait_json_prints_the_job(cli: Cli) -> None:
    result = cli("generate", PROMPT, "--no-wait", "--json")
    assert result.code == 0, result.err
    job = json.loads(result.out)
    assert job["id"].startswith("job-")
    assert job["status"] == "processing"
    assert job["video"] is None


def test_options_override_the_environment(cli: Cli, sandbox_url: str, api_key: str) -> None:
    result = cli("generate", PROMPT, "--base-url", sandbox_url, "--api-key", api_key, "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["collection_id"] == "default"


def test_a_running_job_shows_its_percentage(cli: Cli, slow_sandbox: str) -> None:
    common = ("--base-url", slow_sandbox, "--api-key", SANDBOX_KEY)
    job_id = cli("generate", PROMPT, "--no-wait", *common).out.strip()
    rows = _rows(cli("job", job_id, *common).out)
    assert rows["status"] == "processing"
    assert rows["percentage"].endswith("%")


def test_an_async_answer_prints_the_job_and_does_not_wait(cli: Cli, slow_sandbox: str) -> None:
    result = cli(
        "generate",
        PROMPT,
        "--callback-url",
        "http://127.0.0.1:9/hook",
        "--base-url",
        slow_sandbox,
        "--api-key",
        SANDBOX_KEY,
    )
    assert result.code == 0, result.err
    assert result.out.strip().startswith("job-")
    assert "callback URL" in result.err


def test_a_failed_job_shows_its_message(cli: Cli, failing_sandbox: str) -> None:
    common = ("--base-url", failing_sandbox, "--api-key", SANDBOX_KEY)
    job_id = cli("generate", PROMPT, "--no-wait", *common).out.strip()
    result = cli("job", job_id, *common)
    assert result.code == 0, result.err
    rows = _rows(result.out)
    assert rows["status"] == "failed"
    assert "fail" in rows["message"]
