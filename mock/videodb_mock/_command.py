"""The sandbox's command: `python -m videodb_mock` and `videodb-gen mock`.

Its flags and their `VIDEODB_MOCK_*` environment variables are derived from the settings'
declarations (`_settings`): a variable gives a setting's default, a flag overrides it.

A bad option is two lines on stderr, exit 2: the flag (or the variable it came from) with the
rule it breaks, and a hint to run ``--help``; the usage of some forty options is not repeated
after every mistake. Without the ``sandbox`` extra (uvicorn, Starlette, ...) the command says
which extra to install, exit 2; ``--help`` works without it.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn

from videodb_mock._settings import (
    ENV_PREFIX,
    Kind,
    SandboxConfig,
    Setting,
    SettingError,
    check_combinations,
    settings,
)

#: How to install what the server needs (as the pytest fixture and `videodb-gen contract` say).
EXTRA = "pip install 'videodb-gen[sandbox]' (in a clone: pip install '.[sandbox]')"

_TRUE = {"1", "true", "yes", "on"}


class _Collect(argparse.Action):
    """A repeatable flag: its values, once given, replace the default (from the environment)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        collected = getattr(namespace, self.dest)
        if collected is self.default:
            collected = []
        setattr(namespace, self.dest, [*collected, values])


class _Parser(argparse.ArgumentParser):
    """The sandbox's parser: an error is one line naming the flag and the rule, then a hint
    to run ``--help``."""

    def error(self, message: str) -> NoReturn:
        # argparse writes "argument --port: ..."; the flag alone says it.
        message = re.sub(r"^argument (\S+): ", r"\1: ", message)
        hint = f"run '{self.prog} --help' for every option"
        self.exit(2, f"{self.prog}: error: {message}\n{self.prog}: {hint}\n")


#: What argparse's own parsers are called in messages.
_EXPECTED: dict[object, str] = {int: "an integer", float: "a number"}


def _parsing(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """`parse`, with a ValueError as a message that says the rule (argparse's own would name
    the function: "invalid parse_fault_rates value")."""

    def parse_text(text: str) -> Any:
        try:
            return parse(text)
        except ValueError as error:
            expected = _EXPECTED.get(parse)
            rule = str(error) if expected is None else f"must be {expected}, got {text!r}"
            raise argparse.ArgumentTypeError(rule) from None

    return parse_text


def shown_default(value: Any) -> str:
    """A default as `--help` shows it."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _add(parser: argparse.ArgumentParser, setting: Setting, environ: Mapping[str, str]) -> None:
    """Add `setting`'s flag, with its default taken from `environ` when its variable is set."""
    option = setting.option
    text = environ.get(setting.env)
    help_text = option.help
    if option.kind is Kind.SWITCH:
        flipped = not setting.default
        on = text is not None and text.strip().lower() in _TRUE
        parser.add_argument(
            setting.flag,
            dest=setting.name,
            action="store_const",
            const=flipped,
            default=flipped if on else setting.default,
            help=f"{help_text} [{setting.env}=1]",
        )
        return
    if setting.default not in (None, "", frozenset(), {}):
        help_text += f" (default {shown_default(setting.default)})"
    if option.kind is Kind.LIST:
        items = [item.strip() for item in (text or "").split(",") if item.strip()]
        parser.add_argument(
            setting.flag,
            dest=setting.name,
            action=_Collect,
            default=items or setting.default,
            metavar=setting.flag.removeprefix("--").replace("-", "_").upper(),
            help=f"{help_text} [{setting.env}, comma-separated]",
        )
        return
    # A text default (from the variable) is parsed as the flag's value would be.
    parser.add_argument(
        setting.flag,
        dest=setting.name,
        type=_parsing(option.parse),
        choices=option.choices or None,
        default=setting.default if text is None else text,
        metavar=None if option.choices else setting.env.removeprefix(ENV_PREFIX),
        help=f"{help_text} [{setting.env}]",
    )


def build_parser(
    prog: str | None = None, environ: Mapping[str, str] | None = None
) -> argparse.ArgumentParser:
    """The sandbox's argument parser; `environ` (default `os.environ`) supplies defaults.

    Raises:
        TypeError: a setting declares no option.
    """
    parser = _Parser(
        prog=prog,
        description=(
            "Run the offline VideoDB sandbox: a stateful server of the generate-video API, "
            "validated against openapi/videodb.yaml. Every option can also be set with the "
            f"environment variable named in its help ({ENV_PREFIX}...)."
        ),
        epilog=(
            "Per-request faults: send the header 'x-mock-fault' with comma-separated items: "
            "an error status (e.g. 500, 503, 429), retry-after=N, slow=SECONDS, drop, "
            "malformed, fail (the job fails), fail-hosted (a hosted model's job, getJob, "
            "fails), break-shape (a 200 that breaks the spec)."
        ),
    )
    for setting in settings():
        _add(parser, setting, os.environ if environ is None else environ)
    return parser


def config_from_args(args: argparse.Namespace) -> SandboxConfig:
    """The configuration the parsed options describe.

    Raises:
        SettingError: an option's value breaks its rule (a `ValueError`).
    """
    return SandboxConfig(**{setting.name: getattr(args, setting.name) for setting in settings()})


def _given_as(setting: Setting, argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """How the user gave `setting`: its flag, or its variable when only that was set."""
    on_command_line = any(arg == setting.flag or arg.startswith(f"{setting.flag}=") for arg in argv)
    if not on_command_line and setting.env in environ:
        return setting.env
    return setting.flag


def _unrecognized(parser: argparse.ArgumentParser, extras: Sequence[str]) -> str:
    """The error for arguments the sandbox does not take, with the nearest flags."""
    flags = [name for action in parser._actions for name in action.option_strings]
    close = [
        found[0]
        for arg in extras
        if arg.startswith("-")
        and (found := difflib.get_close_matches(arg.partition("=")[0], flags, n=1))
    ]
    guess = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unrecognized arguments: {' '.join(extras)}{guess}"


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """Parse `argv`, run the sandbox until SIGINT or SIGTERM, and return the exit status.

    Raises:
        SystemExit: the options are invalid or the sandbox extra is missing (status 2), or
            `--help` was asked for (status 0).
    """
    parser = build_parser(prog)
    arguments = sys.argv[1:] if argv is None else list(argv)
    args, extras = parser.parse_known_args(arguments)
    if extras:
        parser.error(_unrecognized(parser, extras))
    try:
        config = config_from_args(args)
        check_combinations(config)
    except SettingError as exc:
        by_name = {setting.name: setting for setting in settings()}
        named = _given_as(by_name[exc.field], arguments, os.environ)
        parser.error(f"{named}: {exc.rule}")
    except (ValueError, TypeError) as exc:  # a check that names its flag itself
        parser.error(str(exc))
    if config.media == "render":
        needed = {"PyAV": "av", "Pillow": "PIL"}
        missing = [
            name for name, module in needed.items() if importlib.util.find_spec(module) is None
        ]
        if missing:
            parser.error(
                f"--media render needs {' and '.join(missing)}: {EXTRA}; or run with --media off"
            )
    try:
        from videodb_mock._server import run  # noqa: PLC0415 - the server's dependencies
    except ModuleNotFoundError as missing_module:
        if (missing_module.name or "").startswith("videodb_mock"):
            raise
        parser.exit(
            2,
            f"{parser.prog}: error: the sandbox needs the sandbox extra "
            f"({missing_module.name} is not installed): {EXTRA}\n",
        )
    return run(config)
