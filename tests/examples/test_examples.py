"""Each script in examples/ runs against the sandbox and prints what its docstring promises."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests._servers import ROOT
from tests.conftest import SandboxFactory

EXAMPLES = ROOT / "examples"
VIDEO = re.compile(r"(m-[0-9a-z]+) (http\S+\.m3u8)")


def _run(
    name: str,
    base_url: str,
    api_key: str,
    *args: str,
    code: str | None = None,
    cwd: Path = ROOT,
    timeout: float = 60,
    ignore: str | None = None,
) -> str:
    """Run examples/`name` (or `code`) with `args`, in `cwd`, with the sandbox in the
    environment; returns its stdout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIDEO_DB_")}
    env |= {"VIDEO_DB_BASE_URL": base_url, "VIDEO_DB_API_KEY": api_key}
    if ignore is not None:  # a warning the code is known to give, as the official SDK does
        env["PYTHONWARNINGS"] = f"ignore::{ignore}"
    done = subprocess.run(  # noqa: S603 - the project's own example scripts
        [sys.executable, *(["-c", code] if code else [str(EXAMPLES / name), *args])],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    return done.stdout


def test_quickstart(sandbox_url: str, api_key: str) -> None:
    out = _run("quickstart.py", sandbox_url, api_key)
    assert VIDEO.fullmatch(out.strip()), out


def test_async_generate_makes_three_videos(sandbox_url: str, api_key: str) -> None:
    out = _run("async_generate.py", sandbox_url, api_key)
    assert len(re.findall(r"^started job-", out, re.MULTILINE)) == 3
    videos = VIDEO.findall(out)
    assert len(videos) == 3
    assert len({video_id for video_id, _ in videos}) == 3


def test_resume_job(sandbox_url: str, api_key: str) -> None:
    out = _run("resume_job.py", sandbox_url, api_key).splitlines()
    job_id = out[0].removeprefix("started ")
    assert job_id.startswith("job-")
    assert out[1].startswith(f"{job_id} is ")
    assert VIDEO.fullmatch(out[2])


def test_callbacks_prints_the_delivered_payload(sandbox_url: str, api_key: str) -> None:
    out = _run("callbacks.py", sandbox_url, api_key).splitlines()
    generated = out[0].removeprefix("generated ")
    payload = json.loads(out[1].removeprefix("callback payload: "))
    assert payload["success"] is True
    assert payload["data"]["id"] == generated
    assert out[2].startswith(f"callback delivered {generated} ")


def test_errors_catches_each_kind(start_sandbox: SandboxFactory, api_key: str) -> None:
    url = start_sandbox("--job-seconds", "1")
    out = _run("errors.py", url, api_key).splitlines()
    assert out[0] == "bad input: duration must be from 5 to 8 seconds, got 9"
    assert out[1].startswith("API error: 404 ")
    assert re.fullmatch(r"timed out: job job-\S+ after 0.2 s; resuming", out[2])
    assert VIDEO.search(out[3])
    assert out[4].startswith("generation failed: job job-")
    assert len(out) == 5


def test_images_and_text_saves_the_png_where_it_is_asked_to(
    start_sandbox: SandboxFactory, api_key: str, tmp_path: Path
) -> None:
    url = start_sandbox("--media", "render")  # the PNG is downloaded
    here = tmp_path / "here"
    here.mkdir()
    in_cwd = _run("images_and_text.py", url, api_key, cwd=here).splitlines()
    saved_here = re.fullmatch(r"saved \d+ bytes to (img-\S+\.png)", in_cwd[1])
    assert saved_here, in_cwd
    assert (here / saved_here.group(1)).is_file()  # the current directory, by default
    out = _run("images_and_text.py", url, api_key, str(tmp_path)).splitlines()
    assert re.fullmatch(r"image img-\S+ 1024x576", out[0]), out
    saved = re.fullmatch(r"saved (\d+) bytes to (\S+/img-\S+\.png)", out[1])
    assert saved, out
    png = Path(saved.group(2))
    assert png.parent == tmp_path
    assert png.read_bytes().startswith(b"\x89PNG")  # the file it names is there, and kept
    assert png.stat().st_size == int(saved.group(1)) > 1000
    assert out[2].startswith("tagline: ")
    assert len(out[2]) > len("tagline: ")
    assert isinstance(json.loads(out[3].removeprefix("json: ")), dict)
    assert len(out) == 4


def _readme_code(heading: str) -> str:
    """The first Python block of the README's section `heading`."""
    section = (ROOT / "README.md").read_text().split(f"\n{heading}\n", 1)[1].split("\n#", 1)[0]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found is not None, f"no Python block under {heading}"
    return found.group(1)


def test_the_readme_s_images_and_text_block_runs(
    start_sandbox: SandboxFactory, api_key: str
) -> None:
    url = start_sandbox("--media", "render")
    out = _run("", url, api_key, code=_readme_code("#### Images and text")).splitlines()
    assert re.fullmatch(r"img-\S+ 1024 576", out[0]), out
    tagline, _, names = out[1].partition(" {")
    assert tagline
    assert names.endswith("}")


def test_short_ad_makes_every_part_from_prompts(sandbox_url: str, api_key: str) -> None:
    out = _run("short_ad.py", sandbox_url, api_key).splitlines()
    video = re.fullmatch(r"video (m-\S+) 6\.0 s (http\S+\.m3u8)", out[0])
    assert video, out
    assert re.fullmatch(r"music a-\S+ 6 s", out[1]), out
    voice = re.fullmatch(r"voice a-\S+ ([0-9.]+) s: (.+)", out[2])
    assert voice, out
    assert float(voice.group(1)) > 0
    assert re.fullmatch(r"still img-\S+ 1024x576", out[3]), out
    dubbed = re.fullmatch(r"dubbed (m-\S+) 6\.0 s (http\S+\.m3u8)", out[4])
    assert dubbed, out
    assert dubbed.group(1) != video.group(1)
    assert out[5].startswith("still url http")
    assert out[6].startswith("music url http")
    assert len(out) == 7


def test_the_readme_s_audio_and_dubbing_block_runs(
    start_sandbox: SandboxFactory, api_key: str
) -> None:
    url = start_sandbox("--media", "render")
    out = _run("", url, api_key, code=_readme_code("#### Audio and dubbing")).splitlines()
    assert re.fullmatch(r"a-\S+ 8\.0 3\.0 [0-9.]+", out[0]), out
    assert re.fullmatch(r"m-\S+ 6\.0 http\S+\.m3u8", out[1]), out
    assert len(out) == 2


def test_the_generative_media_guide_runs_with_only_the_import_changed(
    start_sandbox: SandboxFactory, api_key: str
) -> None:
    import av
    import httpx

    url = start_sandbox("--media", "render", "--job-seconds", "1")
    out = dict(
        line.split(" ", 1) for line in _run("generative_guide.py", url, api_key).splitlines()
    )
    assert re.fullmatch(r"img-\S+ http\S+", out["image"]), out
    video_id, stream = out["video"].split()
    assert video_id.startswith("m-")
    assert stream.endswith(".m3u8")
    assert out["player"] == f"{url}/media/{video_id}/player"  # the sandbox's own player page
    assert re.fullmatch(r"a-\S+ a-\S+ a-\S+", out["audio"]), out
    assert out["text"].strip()
    assert out["json"].startswith("[")
    dubbed_id, dubbed_player = out["dubbed"].split()
    assert dubbed_player == f"{url}/media/{dubbed_id}/player"
    assert out["parts"].startswith(url)
    assert out["parts"].endswith(".m3u8")
    assert out["parts"] != stream
    assert re.fullmatch(r"img-\S+ \d+ \d+", out["thumbnail"]), out
    mp4 = httpx.get(out["download"], timeout=60)
    assert mp4.status_code == 200
    with av.open(io.BytesIO(mp4.content), "r") as container:
        assert container.streams.video[0].codec_context.name == "h264"
        seconds = float(container.duration or 0) / av.time_base
    assert abs(seconds - 5.0) < 0.2, seconds


def test_the_readme_s_video_calls_block_runs(start_sandbox: SandboxFactory, api_key: str) -> None:
    url = start_sandbox("--media", "render", "--job-seconds", "1")
    out = _run("", url, api_key, code=_readme_code("#### A video's own calls")).splitlines()
    assert re.fullmatch(rf"{re.escape(url)}/media/m-\S+/stream\.m3u8", out[0]), out
    parts, still, downloaded = out[1].split()
    assert parts.startswith(url)
    assert parts.endswith(".m3u8")
    assert parts != out[0]
    assert still.startswith("img-")
    assert downloaded == "True"
    assert re.fullmatch(rf"{re.escape(url)}/media/m-\S+/player", out[2]), out
    assert len(out) == 3


def test_the_readme_s_composition_block_runs(start_sandbox: SandboxFactory, api_key: str) -> None:
    import av

    url = start_sandbox("--media", "render", "--job-seconds", "0")
    code = _readme_code("#### Composing: from generated parts to one film")
    # The classic timeline warns that it is deprecated, as the official one does.
    stream = _run("", url, api_key, code=code, timeout=120, ignore="DeprecationWarning").strip()
    assert re.fullmatch(rf"{re.escape(url)}/media/c-[0-9a-f]+/stream\.m3u8", stream), stream
    with av.open(stream, "r", timeout=30) as container:
        frames = sum(1 for _ in container.decode(video=0))
    assert frames == 5 * 24


def test_the_readme_s_debugging_block_runs(sandbox_url: str, api_key: str) -> None:
    out = _run("", sandbox_url, api_key, code=_readme_code("### Debugging")).splitlines()
    assert re.fullmatch(r"200 req-[0-9a-f]{16} 0 default", out[0]), out
    assert out[1] == "POST /collection/default/generate/video/ processing"
    assert re.fullmatch(r"m-\S+", out[2]), out
    request_id, _, error = out[3].partition(" | ")
    assert request_id.startswith("req-")
    assert error.startswith("404 GET /collection/c-missing: ")
    assert error.endswith(f"(request id {request_id})")
    assert len(out) == 4
