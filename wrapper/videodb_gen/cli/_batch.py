"""`videodb-gen batch FILE`: many generations from a file of JSON lines or CSV, resumably.

Every line is checked before any job starts (a bad line is exit 2, naming its line number, the
field and the rule). Results go to ``--out`` (or stdout) as JSON lines as they end; every job
is recorded in a SQLite state file first, so running the same command again after Ctrl-C, a
crash or ``kill -9`` resumes where it stopped without starting any job twice. One run at a time
uses a state file: a second is refused (exit 2), naming the run that holds it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .._arguments import check_positive_int
from .._batch import DEFAULT_CONCURRENCY, BatchReport, BatchResult, generate_batch_async
from .._batch_input import BatchInputError, BatchRequest, read_batch_file
from .._exceptions import InvalidInputError, StateError, VideoDBError
from . import _settings as settings
from ._exit_codes import ExitCode, describe, exit_code_for
from ._output import hint, print_error, terminal_json

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

__all__ = ["EXAMPLES", "add_arguments", "batch"]

EXAMPLES = """\
examples:
  videodb-gen batch prompts.jsonl --out results.jsonl
  videodb-gen batch prompts.csv --out results.jsonl --concurrency 32
  videodb-gen batch prompts.jsonl --out results.jsonl     # again: resumes, starts nothing twice

  prompts.jsonl, one generation a line (op defaults to video):
    {"prompt": "A drone flying over a futuristic city", "duration": 6}
    {"op": "image", "prompt": "A lighthouse at dawn", "aspect_ratio": "16:9"}
    {"op": "voice", "text": "Welcome aboard.", "key": "welcome"}
  prompts.csv, a header naming the arguments:
    op,prompt,duration
    video,A drone flying over a futuristic city,6
    music,Warm hopeful strings,10
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `batch`, besides the connection and output ones every command has."""
    parser.add_argument(
        "file",
        metavar="FILE",
        help="JSON lines (.jsonl) or CSV (.csv), one generation a line: op (video, image, "
        "text, music, sound_effect, voice, dub; default video), an optional key, the arguments",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        metavar="N",
        help="requests to the API in flight at once, halved on 429 "
        f"(default {DEFAULT_CONCURRENCY})",
    )
    parser.add_argument(
        "--out", metavar="FILE", help="write the results here as JSON lines (default: stdout)"
    )
    parser.add_argument(
        "--state",
        metavar="FILE",
        help="the SQLite file that records every job (default: --out, else FILE, "
        "with .state.sqlite added); one run at a time uses it",
    )
    parser.add_argument(
        "--collection",
        default="default",
        metavar="ID",
        help="the collection to generate in (default: default)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="wait this long for each job (default 600); a rerun resumes the ones left",
    )
    parser.add_argument(
        "--retry-unknown",
        action="store_true",
        help="start again the lines an earlier run sent but never heard back about "
        "(they may have started: this may run them twice)",
    )


class _Results:
    """Where results go as they end: the ``--out`` file (opened at the first result, so that
    a refused run leaves the last one as it was) or stdout; and the progress bar."""

    def __init__(self, out: Path | None, progress: _Bar | None) -> None:
        self._out = out
        self._file: IO[str] | None = None
        self._progress = progress

    def started(self, result: BatchResult) -> None:
        if self._progress is not None:
            self._progress.started(result)

    def __call__(self, result: BatchResult) -> None:
        stream = self._stream()
        # A file keeps the text as UTF-8; a terminal gets what a server sent escaped.
        data = result.to_json()
        shown = json.dumps(data, ensure_ascii=False) if self._out else terminal_json(data)
        stream.write(shown + "\n")
        stream.flush()
        if self._progress is not None:
            self._progress.ended(result)

    def _stream(self) -> IO[str]:
        if self._out is None:
            return sys.stdout
        if self._file is None:
            self._file = self._out.open("w", encoding="utf-8")
        return self._file

    def close(self, *, complete: bool) -> None:
        """Close the file; a complete run that had no result still writes an empty one."""
        if self._file is not None or (complete and self._out is not None):
            self._stream().close()


class _Bar:
    """A rich bar on stderr: lines ended out of all, done, failed, running, and the ETA."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self._progress = progress
        self._task = task
        self.counts = {"done": 0, "failed": 0, "other": 0, "running": 0}

        self._running: set[str] = set()

    def started(self, result: BatchResult) -> None:
        self._running.add(result.key)
        self.counts["running"] = len(self._running)
        self._show(advance=0)

    def ended(self, result: BatchResult) -> None:
        self._running.discard(result.key)
        self.counts["running"] = len(self._running)
        kind = result.status if result.status in ("done", "failed") else "other"
        self.counts[kind] += 1
        self._show(advance=1)

    def _show(self, advance: int) -> None:
        c = self.counts
        text = f"done {c['done']}  failed {c['failed']}  running {c['running']}"
        if c["other"]:
            text += f"  unknown or pending {c['other']}"
        self._progress.update(self._task, advance=advance, description=text)


@contextlib.contextmanager
def _progress(total: int, *, enabled: bool) -> Iterator[_Bar | None]:
    if not enabled:
        yield None
        return
    from rich.console import Console  # noqa: PLC0415 - rich loads only when a bar is shown
    from rich.progress import (  # noqa: PLC0415
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    ) as progress:
        yield _Bar(progress, progress.add_task("starting", total=total))


def _state_path(args: argparse.Namespace) -> Path:
    if args.state is not None:
        return Path(args.state)
    return Path(f"{args.out or args.file}.state.sqlite")


def _summary(report: BatchReport, out: Path | None, state: Path) -> dict[str, Any]:
    counts: dict[str, Any] = dict(report.counts.items())
    return {
        **counts,
        "total": len(report.results),
        "out": None if out is None else str(out),
        "state": str(state),
        "concurrency": report.concurrency,
        "lowest_concurrency": report.lowest_concurrency,
        "rate_limited": report.rate_limited,
    }


def _exit_code(report: BatchReport) -> int:
    counts = report.counts
    if counts["failed"] or counts["unknown"]:
        return ExitCode.API_ERROR
    if counts["pending"]:
        return ExitCode.TIMEOUT
    return ExitCode.OK


def _check(args: argparse.Namespace) -> tuple[list[BatchRequest], Path | None, Path, str]:
    """Every check before any request: options, the file's lines, where results go, the key.

    Raises:
        InvalidInputError: An option or a line breaks its rule (`BatchInputError` for lines).
        OSError: The file cannot be read.
    """
    check_positive_int("concurrency", args.concurrency)
    base_url = settings.base_url(args)
    requests = read_batch_file(args.file, collection_id=args.collection)
    out = None if args.out is None else Path(args.out)
    state = _state_path(args)
    source = Path(args.file)
    for name, path in (("--out", out), ("--state", state)):
        if path is not None and not path.resolve().parent.is_dir():
            raise InvalidInputError(name, f"must be in a folder that exists: {path}")
    if out is not None and _same_file(out, source):
        rule = f"is the input file {source} ({out}): the results would overwrite the requests"
        raise InvalidInputError("--out", rule)
    if out is not None and _same_file(out, state):
        rule = f"is the state file --state {state} ({out}): the results would destroy the record"
        raise InvalidInputError("--out", rule)
    if _same_file(state, source):
        rule = f"is the input file {source} ({state}): the record would overwrite the requests"
        raise InvalidInputError("--state", rule)
    return requests, out, state, base_url


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file: the same file once both exist (through symbolic or
    hard links), else the same path once resolved."""
    if one.exists() and other.exists():
        return os.path.samefile(one, other)
    return one.resolve() == other.resolve()


def batch(args: argparse.Namespace, _rest: list[str]) -> int:
    """Run many generations from a file of JSON lines or CSV, resumably.

    Every line is checked before any job starts. Results are written as JSON lines as they
    end (to --out, or stdout), and every job is recorded in a SQLite state file before it is
    waited for: run the same command again after Ctrl-C, a crash or kill -9 and it resumes
    the recorded jobs, reports the finished ones without redoing them, and starts the rest. A
    line sent just before the run stopped, whose answer was never recorded, is reported
    unknown rather than started twice, unless --retry-unknown. Rate limited (429), it lowers
    its concurrency and grows it back slowly.
    """
    try:
        requests, out, state, base_url = _check(args)
        key = settings.api_key(args)
    except BatchInputError as error:
        for problem in error.problems:
            print_error(str(problem))
        hint("nothing was started")
        return ExitCode.BAD_INPUT
    except VideoDBError as error:
        print_error(describe(error))
        return exit_code_for(error)
    except OSError as error:
        print_error(f"cannot read {args.file}: {error.strerror or error}")
        return ExitCode.BAD_INPUT
    enabled = not args.json and sys.stderr.isatty()
    with _progress(len(requests), enabled=enabled) as bar:
        results = _Results(out, bar)
        complete = False
        try:
            report = asyncio.run(
                generate_batch_async(
                    requests,
                    concurrency=args.concurrency,
                    state=state,
                    on_result=results,
                    on_started=results.started,
                    collection_id=args.collection,
                    timeout=args.timeout,
                    retry_unknown=args.retry_unknown,
                    api_key=key,
                    base_url=base_url,
                )
            )
            complete = True
        except KeyboardInterrupt:
            hint(f"interrupted; run the same command again to resume (state: {state})")
            return ExitCode.INTERRUPTED
        except VideoDBError as error:
            print_error(describe(error))
            # A state in use by another run, or unusable, is bad input like a bad --state.
            return ExitCode.BAD_INPUT if isinstance(error, StateError) else exit_code_for(error)
        finally:
            results.close(complete=complete)
    summary = _summary(report, out, state)
    if args.json and out is not None:
        print(json.dumps(summary))
    elif not args.json:
        counts = ", ".join(f"{summary[s]} {s}" for s in ("done", "failed", "unknown", "pending"))
        where = f"results in {out}; " if out is not None else ""
        lowered = ""
        if report.rate_limited:
            lowered = (
                f"; rate limited {report.rate_limited} times, concurrency lowered to "
                f"{report.lowest_concurrency}"
            )
        hint(f"{counts}; {where}state in {state}{lowered}")
    return _exit_code(report)
