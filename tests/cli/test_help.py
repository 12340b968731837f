"""`--help` at each level, `--version`, and what importing the package and the command loads."""

from __future__ import annotations

import subprocess
import sys

import pytest
import videodb_gen
from videodb_gen.cli._exit_codes import EXIT_CODES

from tests.cli.conftest import Cli


@pytest.mark.parametrize(
    "command", [[], ["generate"], ["job"], ["video"], ["stream"], ["thumbnail"], ["download"]]
)
def test_help_has_a_description_examples_and_the_exit_codes(cli: Cli, command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.code == 0
    assert result.out.startswith("usage: videodb-gen")
    assert "\nexamples:\n" in result.out
    assert f"\n  videodb-gen {(command or ['generate'])[0]} " in result.out
    assert "exit codes:" in result.out
    for code, meaning in EXIT_CODES:
        assert f"  {int(code):<5}{meaning}" in result.out


def test_generate_help_names_every_option(cli: Cli) -> None:
    out = cli("generate", "--help").out
    for option in ("--duration", "--callback-url", "--collection", "--no-wait", "--timeout"):
        assert option in out
    for option in ("--base-url", "--api-key", "--json", "VIDEO_DB_API_KEY", "VIDEO_DB_BASE_URL"):
        assert option in out


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("stream", ["VIDEO_ID", "--part START:END", "--collection"]),
        ("thumbnail", ["VIDEO_ID", "--time SECONDS", "-o FILE, --output FILE", "--collection"]),
        (
            "download",
            ["VIDEO_ID", "--name NAME", "-o FILE, --output FILE", "--timeout", "--collection"],
        ),
    ],
)
def test_a_video_s_calls_name_every_option(cli: Cli, command: str, options: list[str]) -> None:
    out = cli(command, "--help").out
    for option in [*options, "--base-url", "--api-key", "--json"]:
        assert option in out


def test_top_level_help_lists_every_command(cli: Cli) -> None:
    out = cli("--help").out
    for command in ("generate", "job", "video", "stream", "thumbnail", "download", "mock"):
        assert f"\n    {command} " in out


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"videodb-gen {videodb_gen.__version__}"


def test_python_m_runs_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "videodb_gen.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"videodb-gen {videodb_gen.__version__}"


def test_mock_help_is_the_sandbox_s(cli: Cli) -> None:
    result = cli("mock", "--help")
    assert result.code == 0
    assert "--job-seconds" in result.out


def test_importing_the_package_or_the_command_loads_neither_rich_nor_the_sandbox() -> None:
    # httpx imports its own command line (click, pygments, rich) when all three are installed,
    # as they are here; a plain install has no click, which this subprocess reproduces.
    code = (
        "import sys; sys.modules['click'] = None; "
        "import videodb_gen, videodb_gen.cli; "
        "heavy = [m for m in ('rich', 'videodb_mock', 'starlette', 'uvicorn', 'openapi_core') "
        "if m in sys.modules]; print(heavy)"
    )
    done = subprocess.run(  # noqa: S603 - the test suite's own command
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
