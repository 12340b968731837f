"""The wheel and the sdist, built with `python -m build` and installed into fresh venvs the way
users install them, run with no access to the source tree: the quickstart against the sandbox,
the player page with its hls.js, `videodb-gen --version`, a user's suite with the pytest plugin
(its manual clock and callback inbox), record and replay, and `import videodb_gen` without the
sandbox extra (which must not pull in PyAV, Starlette or uvicorn)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests._servers import ROOT, free_port, running_server
from tests.plugin.test_plugin_clock import _readme_example

pytestmark = [pytest.mark.packaging, pytest.mark.timeout(900)]

HEAVY = ("av", "starlette", "uvicorn", "PIL", "openapi_core")

# A user's test beside the README's clock example: a callback to the inbox's plain `url`, told
# apart by the result's id, arrives once the manual clock passes the job's end.
CALLBACK_TEST = """
import pytest
import videodb_gen


@pytest.mark.videodb_sandbox(clock="manual", job_seconds=3)
def test_an_image_s_callback_comes_as_the_clock_passes_its_end(videodb_sandbox):
    callbacks = videodb_sandbox.callbacks
    with videodb_sandbox.connect() as conn:
        job = conn.get_collection().generate_image(
            "A lighthouse on a cliff", callback_url=callbacks.url, wait=False
        )
        assert callbacks.deliveries == []
        videodb_sandbox.advance(3)
        image = job.refresh().result
    delivery = callbacks.wait_for(image.id, timeout=5)
    parsed = videodb_gen.parse_callback(delivery.body)
    assert isinstance(parsed, videodb_gen.ImageInfo)
    assert (delivery.key, parsed.id, parsed.width) == (None, image.id, image.width)
"""

# A session of SDK calls whose answers it prints, run once against a recorder, once against
# the replay of its recording.
SESSION = """
import json, sys
import attrs
import videodb_gen


def fields(thing):
    return attrs.asdict(thing, filter=lambda field, _: field.repr)


with videodb_gen.connect(api_key=sys.argv[2], base_url=sys.argv[1]) as conn:
    coll = conn.get_collection()
    image = coll.generate_image("A lighthouse on a cliff at dawn", aspect_ratio="16:9")
    text = coll.generate_text("A tagline for a coffee brand")
    names = coll.generate_text("Three names for a coffee brand", response_type="json")
    video = coll.generate_video("A drone flying over a city")
    answers = {
        "collection": fields(coll),
        "image": fields(image),
        "image_url": image.generate_url(),
        "text": text.output,
        "names": names.output,
        "video": fields(video),
    }
print(json.dumps(answers, indent=1, default=str))
"""


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(  # noqa: S603 - our own build and install steps
        [str(part) for part in command],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done.stdout


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that points Python at the source tree."""
    dropped = ("PYTHONPATH", "VIRTUAL_ENV", "VIDEO_DB_", "VIDEODB_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    return env | extra


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The wheel and the sdist of this checkout."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", out, ROOT, cwd=out)
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def _venv(where: Path, requirement: str) -> Path:
    """A fresh venv at `where` with `requirement` installed; its bin folder."""
    _run(sys.executable, "-m", "venv", where, cwd=where.parent)
    bin_dir = where / "bin"
    _run(
        bin_dir / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-c", ROOT / "constraints.txt", requirement,
        cwd=where, env=_clean_env(),
    )  # fmt: skip
    return bin_dir


@pytest.fixture(scope="module", params=["wheel", "sdist"])
def installed(
    request: pytest.FixtureRequest,
    artifacts: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, Path, Path]:
    """(kind, the bin folder of a venv with the sandbox extra, a folder outside the source)."""
    kind: str = request.param
    home = tmp_path_factory.mktemp(f"user-{kind}")
    return kind, _venv(home / "venv", f"{artifacts[kind]}[sandbox]"), home


def test_the_installed_command_runs_the_quickstart_and_the_player(
    installed: tuple[str, Path, Path],
) -> None:
    kind, bin_dir, home = installed
    version = _run(bin_dir / "videodb-gen", "--version", cwd=home, env=_clean_env())
    assert version.strip() == "videodb-gen 0.1.0", kind
    where = _run(
        bin_dir / "python", "-c", "import videodb_gen, videodb_mock; "
        "print(videodb_gen.__file__); print(videodb_mock.__file__)",
        cwd=home, env=_clean_env(),
    )  # fmt: skip
    for path in where.split():
        assert str(ROOT) not in path, f"{kind}: imported from the source tree: {path}"
        assert "site-packages" in path

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    sandbox = [bin_dir / "videodb-gen", "mock", "--port", str(port), "--job-seconds", "0"]
    sandbox += ["--media", "render"]  # as users get it, whatever the test suite's environment
    quickstart = home / "quickstart.py"
    quickstart.write_text((ROOT / "examples" / "quickstart.py").read_text())
    with running_server(
        [str(part) for part in sandbox], f"{url}/_sandbox/health", log_path=home / "sandbox.log"
    ):
        out = _run(
            bin_dir / "python", quickstart,
            cwd=home, env=_clean_env(VIDEO_DB_BASE_URL=url, VIDEO_DB_API_KEY="any"),
        )  # fmt: skip
        video_id, stream_url = out.split()
        assert video_id.startswith("m-"), kind
        assert stream_url.endswith(".m3u8"), kind
        with urllib.request.urlopen(f"{url}/media/hls.min.js", timeout=10) as answer:  # noqa: S310
            assert answer.status == 200
            assert len(answer.read()) > 100_000
        with urllib.request.urlopen(f"{url}/media/{video_id}/player", timeout=10) as page:  # noqa: S310
            assert "../hls.min.js" in page.read().decode()


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_the_sdk_alone_imports_without_the_sandbox_s_dependencies(
    kind: str, artifacts: dict[str, Path], tmp_path: Path
) -> None:
    bin_dir = _venv(tmp_path / "venv", str(artifacts[kind]))
    probe = (
        "import importlib.util, json, sys; import videodb_gen, videodb_gen.cli; "
        f"heavy = {HEAVY!r}; "
        "print(json.dumps({'loaded': [m for m in heavy if m in sys.modules], "
        "'installed': [m for m in heavy if importlib.util.find_spec(m)]}))"
    )
    found = json.loads(_run(bin_dir / "python", "-c", probe, cwd=tmp_path, env=_clean_env()))
    assert found == {"loaded": [], "installed": []}, kind
    version = _run(bin_dir / "videodb-gen", "--version", cwd=tmp_path, env=_clean_env())
    assert version.strip() == "videodb-gen 0.1.0"


def _sandbox(
    bin_dir: Path, port: int, *options: str | Path, log: Path
) -> contextlib.AbstractContextManager[subprocess.Popen[bytes]]:
    """The installed `videodb-gen mock` on `port`, run in `log`'s folder, away from the source."""
    command = [str(bin_dir / "videodb-gen"), "mock", "--port", str(port), *map(str, options)]
    return running_server(
        command,
        f"http://127.0.0.1:{port}/_sandbox/health",
        log_path=log,
        cwd=log.parent,
        env=_clean_env(),
    )


@pytest.mark.parametrize("installed", ["wheel"], indirect=True)
def test_the_plugin_s_clock_and_callbacks_and_record_and_replay_work_from_the_wheel(
    installed: tuple[str, Path, Path], tmp_path: Path
) -> None:
    """What the repository's own suite checks in place, checked from the installed wheel: a
    user's suite (the README's clock example and a callback test) passes with the plugin the
    wheel registers, and a session recorded through the installed command replays, with its
    upstream stopped, as the same answers."""
    _, bin_dir, _ = installed
    _run(
        bin_dir / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-c", ROOT / "constraints.txt", "pytest",
        cwd=tmp_path, env=_clean_env(),
    )  # fmt: skip
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "test_readme_clock.py").write_text(_readme_example())
    (suite / "test_callbacks.py").write_text(CALLBACK_TEST)
    out = _run(
        bin_dir / "python", "-m", "pytest", "-p", "no:cacheprovider", "-q",
        cwd=suite, env=_clean_env(),
    )  # fmt: skip
    assert "2 passed" in out, out

    session, recording, key = tmp_path / "session.py", tmp_path / "recording", "sk-recorded-key"
    session.write_text(SESSION)
    upstream, port = free_port(), free_port()
    url = f"http://127.0.0.1:{port}"
    with (
        _sandbox(bin_dir, upstream, "--job-seconds", "0", "--media", "off", "--seed", "1",
                 log=tmp_path / "upstream.log"),
        _sandbox(bin_dir, port, "--record", f"http://127.0.0.1:{upstream}",
                 "--state-dir", recording, log=tmp_path / "recorder.log"),
    ):  # fmt: skip
        recorded = _run(bin_dir / "python", session, url, key, cwd=tmp_path, env=_clean_env())
    # On the recorder's port, so the media URLs in the answers are the same text too.
    with _sandbox(bin_dir, port, "--replay", recording, log=tmp_path / "replay.log"):
        replayed = _run(bin_dir / "python", session, url, key, cwd=tmp_path, env=_clean_env())
    answers = json.loads(recorded)
    assert answers["image"]["id"].startswith("img-")
    assert answers["video"]["stream_url"].startswith(f"{url}/media/m-")
    assert replayed == recorded
    assert key not in (recording / "recording.json").read_text()
