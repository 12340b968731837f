"""The sandbox's command: `python -m videodb_mock` and `videodb-gen mock`.

Its flags and their `VIDEODB_MOCK_*` environment variables are derived from the settings'
declarations (`_settings`): a variable gives a setting's default, a flag overrides it.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
from collections.abc import Mapping, Sequence
from typing import Any

from videodb_mock._server import run
from videodb_mock._settings import ENV_PREFIX, Kind, SandboxConfig, Setting, settings

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
        type=option.parse,
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
    parser = argparse.ArgumentParser(
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
        ValueError: an option's value is out of range or malformed.
    """
    return SandboxConfig(**{setting.name: getattr(args, setting.name) for setting in settings()})


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """Parse `argv`, run the sandbox until SIGINT or SIGTERM, and return the exit status.

    Raises:
        SystemExit: the options are invalid (status 2) or `--help` was asked for (status 0).
    """
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    try:
        config = config_from_args(args)
    except (ValueError, TypeError) as exc:
        parser.error(str(exc))
    if config.media == "render":
        needed = {"PyAV": "av", "Pillow": "PIL"}
        missing = [
            name for name, module in needed.items() if importlib.util.find_spec(module) is None
        ]
        if missing:
            parser.error(
                f"rendering media needs {' and '.join(missing)} "
                "(pip install 'videodb-gen[sandbox]'); or run with --media off"
            )
    return run(config)
