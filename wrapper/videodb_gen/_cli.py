"""The `videodb-gen` command.

Subcommands:

* `mock`: run the offline sandbox server (`videodb-gen mock --help` lists its options).

Each subcommand imports what it needs only when it runs, so `import videodb_gen` and the
other subcommands stay light.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

Command = Callable[[argparse.Namespace, list[str]], int]


def _mock(args: argparse.Namespace, rest: list[str]) -> int:
    """Run the sandbox; its own parser reads the options after `mock`."""
    from videodb_mock._options import main as mock_main  # noqa: PLC0415 - the server is heavy

    return mock_main(rest, prog="videodb-gen mock")


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser, with one subparser per subcommand."""
    parser = argparse.ArgumentParser(
        prog="videodb-gen",
        description="Generate videos with VideoDB, or run its offline sandbox.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    mock = commands.add_parser(
        "mock",
        help="run the offline sandbox server (see 'videodb-gen mock --help')",
        description="Run the offline VideoDB sandbox server.",
        add_help=False,
    )
    mock.set_defaults(handler=_mock, passthrough=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `videodb-gen` command with `argv` (default: the process's arguments).

    Returns the exit status.

    Raises:
        SystemExit: the arguments are invalid, or help was asked for.
    """
    parser = build_parser()
    args, rest = parser.parse_known_args(sys.argv[1:] if argv is None else list(argv))
    if rest and not getattr(args, "passthrough", False):
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    handler: Command = args.handler
    return handler(args, rest)


if __name__ == "__main__":
    sys.exit(main())
