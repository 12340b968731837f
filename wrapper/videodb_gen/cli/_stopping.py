"""Stopping the command from outside: SIGTERM is handled as Ctrl-C is.

A process manager, a container runtime or ``timeout`` stops a command with SIGTERM. Python's
default for it ends the process at once, saying nothing: a wait would stop without printing the
job id to resume. While a command runs, SIGTERM raises `Terminated` instead, a `KeyboardInterrupt`,
so every command stops as on Ctrl-C (the progress bar closed, the job id and how to resume it
printed, a download's partial file removed), and exits 143 (128 + 15, as a shell reports a
process SIGTERM ended) where Ctrl-C exits 130 (128 + 2).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

import attrs

from ._exit_codes import ExitCode

__all__ = ["Terminated", "sigterm_stops", "stopped_code", "stopped_word"]


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: the command stops as on Ctrl-C, and exits 143."""


@attrs.define
class Sigterm:
    """Whether SIGTERM arrived while `sigterm_stops` was in force."""

    received: bool = False


@contextlib.contextmanager
def sigterm_stops() -> Iterator[Sigterm]:
    """While inside, SIGTERM raises `Terminated` (in the main thread; elsewhere nothing
    changes). A second SIGTERM, while the first is being handled, ends the process as
    Python's default does."""
    state = Sigterm()
    if threading.current_thread() is not threading.main_thread():
        yield state
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        state.received = True
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield state
    finally:
        signal.signal(signal.SIGTERM, previous)


def stopped_code(stop: KeyboardInterrupt) -> ExitCode:
    """The exit status after `stop`: 143 for SIGTERM, 130 for Ctrl-C."""
    return ExitCode.TERMINATED if isinstance(stop, Terminated) else ExitCode.INTERRUPTED


def stopped_word(stop: KeyboardInterrupt) -> str:
    """How the messages name `stop`: ``terminated`` or ``interrupted``."""
    return "terminated" if isinstance(stop, Terminated) else "interrupted"
