"""The `videodb-gen` command.

Subcommands:

* `generate`: generate a video from a prompt, with a progress bar, and print it.
* `image`: generate an image from a prompt, print it, and download it with `-o FILE`.
* `text`: generate text (or a JSON object, with `--json`) from a prompt and print it.
* `music`, `sound-effect`, `voice`: generate audio, print it, and download it with `-o FILE`.
* `dub`: dub a video into another language and print the new video.
* `batch`: run many generations from a file of JSON lines or CSV, resumably.
* `job`: print a generation job's state, or wait for it (`--wait`) and print its video.
* `video`: print a video.
* `stream`, `thumbnail`, `download`: a video's own calls: a stream of its parts, a thumbnail
  (or an image of one moment), an MP4 to download.
* `compose`: compose videos, audio, images and texts (a classic or an Editor timeline, from a
  JSON file) into one stream, and download it with `-o FILE`.
* `spec`: write the OpenAPI spec shipped in the package.
* `contract`: check a server against that spec with schemathesis (the `contract` extra).
* `mock`: run the offline sandbox server (`videodb-gen mock --help` lists its options).

Exit codes (`_exit_codes.EXIT_CODES`): 0 success, 1 the sandbox could not start (`mock`), 2 bad
input or usage, 3 API error, 4 authentication, 5 timeout, 130 interrupted (Ctrl-C), 143
terminated (SIGTERM, handled as Ctrl-C is: `_stopping`).

A mistyped command or option is a usage error that suggests the nearest one ("did you mean"),
under the usage of the command it was typed for.

rich and the sandbox are imported only when they are used, so `import videodb_gen` and the
other subcommands stay light.
"""

from __future__ import annotations

import argparse
import difflib
import inspect
import math
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import get_args

from .._options import API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL
from .._results import AspectRatio, TextModel
from .._version import __version__
from . import _batch, _commands, _contract
from ._exit_codes import ExitCode, exit_code_table
from ._output import hint
from ._stopping import sigterm_stops, stopped_code, stopped_word

Command = Callable[[argparse.Namespace, list[str]], int]

_EXAMPLES = """\
examples:
  export VIDEO_DB_API_KEY=sk-...
  videodb-gen generate "A drone flying over a futuristic city" --duration 6
  videodb-gen generate "A quiet harbour at dawn" --json
  videodb-gen image "A lighthouse at dawn" --aspect-ratio 16:9 -o lighthouse.png
  videodb-gen text "A tagline for a coffee brand" --model pro
  videodb-gen music "A calm piano melody at sunrise" --duration 10 -o melody.m4a
  videodb-gen voice "Every morning, the keeper climbs the stairs." -o voice.m4a
  videodb-gen dub m-1234abcd es
  videodb-gen batch prompts.jsonl --out results.jsonl --concurrency 32
  JOB=$(videodb-gen generate "A quiet harbour at dawn" --no-wait)
  videodb-gen job "$JOB" --wait
  videodb-gen video m-1234abcd --json
  videodb-gen stream m-1234abcd --part 0:2 --part 3:5
  videodb-gen download m-1234abcd -o drone.mp4
  videodb-gen compose film.json -o film.mp4

  videodb-gen mock --job-seconds 2 &      # an offline sandbox on port 4011
  VIDEO_DB_BASE_URL=http://127.0.0.1:4011 VIDEO_DB_API_KEY=any videodb-gen generate "a cat"
"""

_GENERATE_EXAMPLES = """\
examples:
  videodb-gen generate "A drone flying over a futuristic city" --duration 6
  videodb-gen generate "A drone flying over a futuristic city" --json > video.json
  videodb-gen generate "A quiet harbour at dawn" --no-wait      # prints the job id
  videodb-gen generate "A quiet harbour at dawn" --callback-url https://example.com/hook
"""

_IMAGE_EXAMPLES = """\
examples:
  videodb-gen image "A lighthouse on a cliff at dawn"
  videodb-gen image "A lighthouse on a cliff at dawn" --aspect-ratio 9:16 -o lighthouse.png
  videodb-gen image "A lighthouse on a cliff at dawn" --json > image.json
  videodb-gen image "A lighthouse on a cliff at dawn" --no-wait      # prints the job id
"""

_TEXT_EXAMPLES = """\
examples:
  videodb-gen text "Write a tagline for a coffee brand"
  videodb-gen text "Write a tagline for a coffee brand" --model ultra --max-tokens 20
  videodb-gen text "Three names for a coffee brand, as a JSON object" --json > names.json
"""

_MUSIC_EXAMPLES = """\
examples:
  videodb-gen music "A calm piano melody at sunrise"
  videodb-gen music "A calm piano melody at sunrise" --duration 30 -o melody.m4a
"""

_SOUND_EFFECT_EXAMPLES = """\
examples:
  videodb-gen sound-effect "Waves crashing on rocks" --duration 3 -o waves.m4a
  videodb-gen sound-effect "A door creaks open" --config '{"intensity": 0.5}' --json
"""

_VOICE_EXAMPLES = """\
examples:
  videodb-gen voice "Every morning, the keeper climbs the stairs." -o voice.m4a
  videodb-gen voice "Welcome aboard." --voice-name Narrator --json
"""

_DUB_EXAMPLES = """\
examples:
  videodb-gen dub m-z3f8a6c1b2d4e5f6 es
  videodb-gen dub m-z3f8a6c1b2d4e5f6 en_us --json
"""

_SPEC_EXAMPLES = """\
examples:
  videodb-gen spec -o videodb.yaml
  videodb-gen spec | npx openapi-typescript /dev/stdin -o schema.d.ts
"""

_CONTRACT_EXAMPLES = """\
examples:
  VIDEO_DB_API_KEY=... videodb-gen contract --base-url https://api.videodb.io
  videodb-gen contract --base-url http://127.0.0.1:4011 --api-key any --billable --junit c.xml
"""

_JOB_EXAMPLES = """\
examples:
  videodb-gen job job-5b1c0a3e9d2f4e67              # its status and percentage
  videodb-gen job job-5b1c0a3e9d2f4e67 --wait       # wait, then print the video
  videodb-gen job job-5b1c0a3e9d2f4e67 --json
"""

_VIDEO_EXAMPLES = """\
examples:
  videodb-gen video m-z3f8a6c1b2d4e5f6
  videodb-gen video m-z3f8a6c1b2d4e5f6 --collection c-1234 --json
"""


_STREAM_EXAMPLES = """\
examples:
  videodb-gen stream m-z3f8a6c1b2d4e5f6 --part 0:2 --part 3:5     # two parts, in order
  videodb-gen stream m-z3f8a6c1b2d4e5f6 --part 1.5:4 --json
  videodb-gen stream m-z3f8a6c1b2d4e5f6                            # the whole video
"""

_THUMBNAIL_EXAMPLES = """\
examples:
  videodb-gen thumbnail m-z3f8a6c1b2d4e5f6                         # its thumbnail's URL
  videodb-gen thumbnail m-z3f8a6c1b2d4e5f6 --time 2.5 -o frame.png # an image of 2.5 s in
  videodb-gen thumbnail m-z3f8a6c1b2d4e5f6 --time 1 --json
"""

_DOWNLOAD_EXAMPLES = """\
examples:
  videodb-gen download m-z3f8a6c1b2d4e5f6                          # its download URL
  videodb-gen download m-z3f8a6c1b2d4e5f6 --name drone-city -o drone-city.mp4
  videodb-gen download m-z3f8a6c1b2d4e5f6 --timeout 1200 --json
"""


_COMPOSE_EXAMPLES = """\
examples:
  videodb-gen compose film.json                  # its stream URL and player URL
  videodb-gen compose film.json -o film.mp4      # and its MP4, downloaded
  videodb-gen compose film.json --json

  a classic timeline:  {"timeline": [{"asset_id": "m-...", "start": 0, "end": 4},
                         {"asset_id": "a-...", "fade_in_duration": 1, "overlay_start": 0}]}
  an Editor timeline:  {"timeline": {"tracks": [{"clips": [{"start": 0, "clip":
                         {"asset": {"type": "video", "id": "m-..."}, "duration": 5}}]}]}}
"""


def _mock(args: argparse.Namespace, rest: list[str]) -> int:
    """Run the sandbox; its own parser reads the options after `mock`."""
    from videodb_mock import main as mock_main  # noqa: PLC0415 - the server is heavy

    return mock_main(rest, prog="videodb-gen mock")


def _epilog(examples: str) -> str:
    return f"{examples}\n{exit_code_table()}"


def _api_options() -> argparse.ArgumentParser:
    """The options every API subcommand takes: where, who, and how to print."""
    shared = argparse.ArgumentParser(add_help=False)
    group = shared.add_argument_group("connection and output")
    group.add_argument(
        "--base-url",
        metavar="URL",
        help=f"the API's URL (default: ${BASE_URL_ENV}, else {DEFAULT_BASE_URL})",
    )
    group.add_argument(
        "--api-key",
        metavar="KEY",
        help=f"the API key (default: ${API_KEY_ENV}; prefer the variable, "
        "a key on the command line is visible to other users of the machine)",
    )
    group.add_argument(
        "--json",
        action="store_true",
        help="print the result as JSON on stdout, for scripts; no progress bar",
    )
    return shared


def _subparser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    handler: Command,
    examples: str,
    *,
    api: bool = True,
) -> argparse.ArgumentParser:
    """The subcommand named as its handler (``_`` as ``-``), with the API's options unless
    `api` is false; the handler's docstring gives its summary (first line) and description
    (the rest)."""
    summary, _, description = inspect.cleandoc(handler.__doc__ or "").partition("\n\n")
    parser = commands.add_parser(
        handler.__name__.replace("_", "-"),
        help=summary,
        description=textwrap.fill(" ".join(description.split()), width=78),
        epilog=_epilog(examples),
        parents=[_api_options()] if api else [],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler, timeout=None)
    return parser


def _add_timeout(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="stop waiting after this many seconds (default 600); exit 5, the job keeps running",
    )


def _add_generation_options(parser: argparse.ArgumentParser) -> None:
    """The options every generation takes: where the result goes, and how to wait for it."""
    parser.add_argument(
        "--callback-url", metavar="URL", help="an http(s) URL the API POSTs the result to"
    )
    parser.add_argument(
        "--collection",
        default="default",
        metavar="ID",
        help="the collection to generate in (default: default)",
    )
    parser.add_argument(
        "--no-wait",
        action="store_true",
        help="print the job id and return at once; follow it with 'videodb-gen job ID --wait'",
    )
    _add_timeout(parser)


def _add_generate(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = _subparser(commands, _commands.generate, _GENERATE_EXAMPLES)
    parser.add_argument("prompt", metavar="PROMPT", help="what the video should show")
    parser.add_argument(
        "--duration", type=int, default=5, metavar="SECONDS", help="5 to 8 seconds (default 5)"
    )
    _add_generation_options(parser)


def _add_image(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = _subparser(commands, _commands.image, _IMAGE_EXAMPLES)
    parser.add_argument("prompt", metavar="PROMPT", help="what the image should show")
    parser.add_argument(
        "--aspect-ratio",
        default="1:1",
        metavar="RATIO",
        help=f"one of {', '.join(get_args(AspectRatio))} (default 1:1)",
    )
    _add_output(parser, "image")
    _add_generation_options(parser)


def _add_output(parser: argparse.ArgumentParser, kind: str) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=f"download the {kind} to FILE (from a signed URL, without the API key)",
    )


def _whole_seconds(value: str) -> int:
    """`--duration` of music or a sound effect: an integer, as the spec says (``type: integer,
    minimum: 1``); the SDK's check refuses one below 1."""
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a whole number of seconds, 1 or more, got {value!r}"
        ) from None


def _add_duration(parser: argparse.ArgumentParser, default: int) -> None:
    parser.add_argument(
        "--duration",
        type=_whole_seconds,
        default=default,
        metavar="SECONDS",
        help=f"a whole number of seconds, 1 or more (default {default})",
    )


def _add_config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", metavar="JSON", help="the model's settings, a JSON object sent as it is"
    )


def _add_audio(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    music = _subparser(commands, _commands.music, _MUSIC_EXAMPLES)
    music.add_argument("prompt", metavar="PROMPT", help="what the music should sound like")
    _add_duration(music, 5)
    effect = _subparser(commands, _commands.sound_effect, _SOUND_EFFECT_EXAMPLES)
    effect.add_argument("prompt", metavar="PROMPT", help="what the effect should sound like")
    _add_duration(effect, 2)
    _add_config(effect)
    voice = _subparser(commands, _commands.voice, _VOICE_EXAMPLES)
    voice.add_argument("text", metavar="TEXT", help="what the voice says")
    voice.add_argument(
        "--voice-name", default="Default", metavar="NAME", help="the voice (default Default)"
    )
    _add_config(voice)
    for parser in (music, effect, voice):
        _add_output(parser, "audio")
        _add_generation_options(parser)


def _add_dub(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = _subparser(commands, _commands.dub, _DUB_EXAMPLES)
    parser.add_argument("video_id", metavar="VIDEO_ID", help="the video to dub (m-...)")
    parser.add_argument(
        "language_code", metavar="LANGUAGE", help="ISO 639-1, optionally with a region: es, en_us"
    )
    _add_generation_options(parser)


def _add_spec_and_contract(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    spec = _subparser(commands, _contract.spec, _SPEC_EXAMPLES, api=False)
    spec.add_argument("-o", "--output", metavar="FILE", help="write it to FILE (default: stdout)")
    contract = _subparser(commands, _contract.contract, _CONTRACT_EXAMPLES, api=False)
    contract.add_argument("--base-url", required=True, metavar="URL", help="the server to check")
    contract.add_argument("--api-key", metavar="KEY", help=f"the API key (default: ${API_KEY_ENV})")
    contract.add_argument(
        "--billable",
        action="store_true",
        help="also run the operations that start paid generations (x-billable in the spec)",
    )
    contract.add_argument(
        "--junit",
        metavar="FILE",
        help="the JUnit report (default: reports/contract-read-only.xml, or -full with --billable)",
    )


def _add_text(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = _subparser(commands, _commands.text, _TEXT_EXAMPLES)
    parser.add_argument(
        "prompt", metavar="PROMPT", help="what to write (over 250 KiB it is uploaded first)"
    )
    parser.add_argument(
        "--model",
        default="basic",
        metavar="MODEL",
        help=f"{', '.join(get_args(TextModel))} (default basic), or a hosted model's id",
    )
    parser.add_argument("--max-tokens", type=int, metavar="N", help="the most tokens to generate")
    parser.add_argument(
        "--temperature", type=float, metavar="T", help="sampling temperature, from 0 to 2"
    )
    _add_generation_options(parser)


def _add_batch(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = _subparser(commands, _batch.batch, _batch.EXAMPLES)
    _batch.add_arguments(parser)


def _add_job(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = _subparser(commands, _commands.job, _JOB_EXAMPLES)
    parser.add_argument("job_id", metavar="JOB_ID", help="the job's id (job-...)")
    parser.add_argument("--wait", action="store_true", help="wait for the job, print its video")
    _add_timeout(parser)


def _add_video_ref(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("video_id", metavar="VIDEO_ID", help="the video's id (m-...)")
    parser.add_argument(
        "--collection",
        default="default",
        metavar="ID",
        help="the collection that holds the video (default: default)",
    )


def _add_video(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    _add_video_ref(_subparser(commands, _commands.video, _VIDEO_EXAMPLES))


def _part(value: str) -> tuple[float, float]:
    """`--part START:END`: two numbers of seconds; anything else is a usage error."""
    start, colon, end = value.partition(":")
    try:
        part = (float(start), float(end)) if colon else None
    except ValueError:
        part = None
    if part is None or not all(map(math.isfinite, part)):
        raise argparse.ArgumentTypeError(
            f"must be START:END, two numbers of seconds such as 0:2.5, got {value!r}"
        )
    return part


def _add_video_calls(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    stream = _subparser(commands, _commands.stream, _STREAM_EXAMPLES)
    _add_video_ref(stream)
    stream.add_argument(
        "--part",
        action="append",
        type=_part,
        metavar="START:END",
        help="a part to play, in seconds from the video's start (such as 0:2.5); repeat it "
        "for more parts, played in the order given (default: the whole video)",
    )
    thumbnail = _subparser(commands, _commands.thumbnail, _THUMBNAIL_EXAMPLES)
    _add_video_ref(thumbnail)
    thumbnail.add_argument(
        "--time",
        type=float,
        metavar="SECONDS",
        help="make an image of this moment, in seconds from the video's start, and print it "
        "(default: print the URL of the video's thumbnail)",
    )
    thumbnail.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="download the thumbnail (with --time, the image) to FILE, without the API key",
    )
    download = _subparser(commands, _commands.download, _DOWNLOAD_EXAMPLES)
    _add_video_ref(download)
    download.add_argument(
        "--name", metavar="NAME", help="the MP4's name (default: the video's name)"
    )
    download.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="download the MP4 to FILE (from its download URL, without the API key)",
    )
    _add_timeout(download)


def _add_compose(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    compose = _subparser(commands, _commands.compose, _COMPOSE_EXAMPLES)
    compose.add_argument("file", metavar="FILE", help="the composition, a JSON document")
    compose.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="make an MP4 of it and download it to FILE (without the API key)",
    )
    _add_timeout(compose)


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser, with one subparser per subcommand."""
    parser = argparse.ArgumentParser(
        prog="videodb-gen",
        description="Generate media with VideoDB (video, images, text, audio, dubbing), or run "
        "its offline sandbox.",
        epilog=_epilog(_EXAMPLES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_generate(commands)
    _add_image(commands)
    _add_text(commands)
    _add_audio(commands)
    _add_dub(commands)
    _add_batch(commands)
    _add_job(commands)
    _add_spec_and_contract(commands)
    _add_video(commands)
    _add_video_calls(commands)
    _add_compose(commands)
    mock = commands.add_parser(
        "mock",
        help="run the offline sandbox server (see 'videodb-gen mock --help')",
        description="Run the offline VideoDB sandbox server.",
        add_help=False,
    )
    mock.set_defaults(handler=_mock, passthrough=True)
    return parser


def _commands_of(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommands' parsers, by name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise LookupError("the parser has no subcommands")  # pragma: no cover - build_parser's


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f"; did you mean {close[0]}?" if close else ""


def _refuse_unknown_command(parser: argparse.ArgumentParser, arguments: Sequence[str]) -> None:
    """A first word that is no command is a usage error that suggests the nearest command.

    Raises:
        SystemExit: it is not a command (status 2).
    """
    commands = _commands_of(parser)
    for argument in arguments:
        if argument in ("-h", "--help", "--version"):
            return  # argparse answers those before it reads the command
        if not argument.startswith("-"):
            if argument not in commands:
                parser.error(
                    f"unknown command {argument!r}{_did_you_mean(argument, list(commands))} "
                    "('videodb-gen --help' lists them)"
                )
            return


def _unrecognized(parser: argparse.ArgumentParser, rest: Sequence[str]) -> str:
    """The usage error for arguments `parser` does not take, suggesting the nearest options."""
    options = [name for action in parser._actions for name in action.option_strings]
    guesses = []
    for argument in rest:
        name = argument.partition("=")[0]
        close = difflib.get_close_matches(name, options, n=1) if name.startswith("-") else []
        if close:
            guesses.append((close[0], name))
    message = f"unrecognized arguments: {' '.join(rest)}"
    if len(guesses) == 1:
        return f"{message}; did you mean {guesses[0][0]}?"
    if guesses:
        return f"{message}; did you mean {', '.join(f'{o} for {n}' for o, n in guesses)}?"
    return message


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `videodb-gen` command with `argv` (default: the process's arguments).

    Returns the exit status (see `_exit_codes.EXIT_CODES`). SIGTERM stops a command as Ctrl-C
    does (`_stopping`), with status 143.

    Raises:
        SystemExit: the arguments are invalid (status 2), or help was asked for (status 0).
    """
    parser = build_parser()
    arguments = sys.argv[1:] if argv is None else list(argv)
    _refuse_unknown_command(parser, arguments)
    args, rest = parser.parse_known_args(arguments)
    handler: Command = args.handler
    if getattr(args, "passthrough", False):
        return handler(args, rest)  # the sandbox reads its options and handles its signals
    if rest:
        command = _commands_of(parser)[args.command]
        command.error(_unrecognized(command, rest))
    with sigterm_stops() as sigterm:
        try:
            code = handler(args, rest)
        except KeyboardInterrupt as stop:  # a command that says nothing more itself
            hint(stopped_word(stop))
            return stopped_code(stop)
    if sigterm.received and code == ExitCode.INTERRUPTED:
        return ExitCode.TERMINATED  # a command that reported the stop as Ctrl-C (batch)
    return code
