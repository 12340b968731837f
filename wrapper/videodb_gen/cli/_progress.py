"""The progress bar shown on stderr while the command waits for a generation job.

rich is imported here, only when a bar is shown, so that `import videodb_gen` and the commands
that print JSON do not pay for it. The description names the job as the API sent it, so it is
shown as plain text, never read as rich markup (``job-[/bold]`` would be a MarkupError, and
``[link=...]`` a hidden link), with its control characters escaped (`_safe`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .._sync._resources import GenerationJob
from . import _safe

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

__all__ = ["OnProgress", "progress_bar"]

OnProgress = Callable[[GenerationJob[Any]], None]


class _Bar:
    """Moves one task of a rich `Progress` as the job reports its state."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self._progress = progress
        self._task = task

    def __call__(self, job: GenerationJob[Any]) -> None:
        description = _safe.line(f"{job.id} {job.status}")
        if job.status == "done":
            self._progress.update(self._task, description=description, total=100, completed=100)
        elif job.percentage is not None:
            self._progress.update(
                self._task, description=description, total=100, completed=job.percentage
            )
        else:
            # No percentage yet: the bar pulses and the elapsed time still counts.
            self._progress.update(self._task, description=description)


@contextlib.contextmanager
def progress_bar(*, enabled: bool) -> Iterator[OnProgress | None]:
    """A bar on stderr with the job's percentage and the time elapsed.

    Yields the `on_progress` callback to hand to the SDK, or None when `enabled` is false.
    """
    if not enabled:
        yield None
        return
    from rich.console import Console  # noqa: PLC0415 - rich loads only when a bar is shown
    from rich.progress import (  # noqa: PLC0415
        BarColumn,
        Progress,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    ) as progress:
        yield _Bar(progress, progress.add_task("starting", total=None))
