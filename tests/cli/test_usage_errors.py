"""Usage errors say what was meant: a mistyped command or option suggests the nearest one
under the usage of the command it was typed for, every message names the flag as typed, and
each option's help, the README and the check agree on the rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from videodb_gen.cli import _commands

from tests._servers import ROOT
from tests.cli.conftest import Cli


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the command connected")

    monkeypatch.setattr(_commands, "connect", refuse)


@pytest.mark.parametrize(
    ("argv", "usage", "message"),
    [
        (
            ["generate", "a cat", "--durtion", "6"],
            "usage: videodb-gen generate ",
            "videodb-gen generate: error: unrecognized arguments: --durtion 6; "
            "did you mean --duration?",
        ),
        (
            ["image", "a cat", "--aspect-ration=16:9"],
            "usage: videodb-gen image ",
            "unrecognized arguments: --aspect-ration=16:9; did you mean --aspect-ratio?",
        ),
        (
            ["video", "m-1", "--colection", "c-1", "--jsn"],
            "usage: videodb-gen video ",
            "did you mean --collection for --colection, --json for --jsn?",
        ),
        (
            ["download", "m-1", "extra"],
            "usage: videodb-gen download ",
            "videodb-gen download: error: unrecognized arguments: extra",
        ),
        (
            ["generat", "a cat"],
            "usage: videodb-gen [-h]",
            "videodb-gen: error: unknown command 'generat'; did you mean generate? "
            "('videodb-gen --help' lists them)",
        ),
        (
            ["sound_effect", "waves"],
            "usage: videodb-gen [-h]",
            "unknown command 'sound_effect'; did you mean sound-effect?",
        ),
        (["xyzzy"], "usage: videodb-gen [-h]", "unknown command 'xyzzy' ('videodb-gen --help'"),
    ],
)
def test_a_mistyped_command_or_option_suggests_the_nearest_under_its_own_usage(
    cli: Cli, argv: list[str], usage: str, message: str
) -> None:
    result = cli(*argv)
    assert result.code == 2
    assert result.err.startswith(usage), result.err
    assert message in result.err.strip().splitlines()[-1], result.err


def test_help_and_version_still_come_first(cli: Cli) -> None:
    assert cli("--help", "generat").code == 0
    assert cli("--version").code == 0
    assert cli("generate", "--help").out.startswith("usage: videodb-gen generate ")


@pytest.mark.parametrize("command", ["music", "sound-effect"])
@pytest.mark.parametrize("value", ["2.5", "five", "1e3"])
def test_an_audio_duration_is_a_whole_number_of_seconds(cli: Cli, command: str, value: str) -> None:
    result = cli(command, "x", "--duration", value)
    assert result.code == 2
    assert (
        f"argument --duration: must be a whole number of seconds, 1 or more, got {value!r}"
        in result.err
    )


@pytest.mark.parametrize("command", ["music", "sound-effect"])
def test_an_audio_duration_below_1_is_refused_naming_the_flag(cli: Cli, command: str) -> None:
    result = cli(command, "x", "--duration", "0")
    assert result.code == 2
    assert result.err.startswith("videodb-gen: error: --duration must be a positive integer, got 0")
    assert result.err.count("\n") == 1


@pytest.mark.parametrize("command", ["music", "sound-effect"])
def test_the_help_and_the_readme_say_what_the_check_does(cli: Cli, command: str) -> None:
    out = " ".join(cli(command, "--help").out.split())
    assert "a whole number of seconds, 1 or more" in out
    readme = " ".join((ROOT / "README.md").read_text().split())
    assert "any positive number of seconds" not in readme
    assert "a whole number of seconds, 1 or more" in readme


def test_batch_names_the_concurrency_flag(cli: Cli, tmp_path: Path) -> None:
    prompts = tmp_path / "prompts.jsonl"
    prompts.write_text('{"prompt": "a cat"}\n')
    result = cli("batch", str(prompts), "--concurrency", "0", "--api-key", "k")
    assert result.code == 2
    assert "videodb-gen: error: --concurrency must be a positive integer, got 0" in result.err
