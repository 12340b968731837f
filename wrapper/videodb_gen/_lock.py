"""One process at a time on a state: a batch's state file, a sandbox's state folder.

Two batch runs on one state file would both start every job; two sandboxes on one state
folder would hand out the same ids. So whoever uses a state first takes its lock, for as long
as it runs, and a second one is refused at once, told who holds it.

The lock is the operating system's, on a lock file beside the state (``<state>.lock`` for a
file, ``<folder>/.lock`` for a folder): ``fcntl.flock``, exclusive and not waited for. The
operating system releases it when the holder closes it, exits or dies (``kill -9``
included), so a lock is never stale and there is nothing to clean up after a crash. The holder
writes its process id, host and start time into the file for the refusal to name; a holder
that ends cleanly removes the file (one killed leaves it, harmless: the next user takes it).
Removing it is safe because a process that locked a file just removed checks that the path is
still the file it locked, and tries again if not.

On Windows, where there is no ``fcntl``, ``msvcrt.locking`` locks one byte of the file past its
text (a locked byte cannot be read there), with the same release when the process ends; the
file is left in place (an open file cannot be removed there). Only the POSIX lock is tested.
``flock`` locks work on local file systems; on a network file system (NFS) they may not
exclude a process on another machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from ._exceptions import StateLockedError

__all__ = ["LOCK_NAME", "StateLock", "lock_file", "lock_state"]

#: The lock file inside a state folder.
LOCK_NAME = ".lock"
#: Where the Windows lock sits in the file: past any holder's text, which stays readable.
_WINDOWS_OFFSET = 1 << 20
#: How long a refused process waits for a holder that has just locked to write its name.
_NAME_WAIT = 0.2
#: Attempts at locking a file the holder removed just as it was opened.
_ATTEMPTS = 10


def lock_file(state: str | Path, *, folder: bool = False) -> Path:
    """The lock file of a state: ``<state>.lock`` beside a file, ``.lock`` in a folder."""
    return Path(state) / LOCK_NAME if folder else Path(f"{state}.lock")


class StateLock:
    """A state's lock, held by this process until `release` (or the end of a ``with``)."""

    def __init__(self, state: str, path: Path, fd: int) -> None:
        self.state = state
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        """Whether this process still holds the lock."""
        return self._fd is not None

    def release(self) -> None:
        """Release the lock and remove the lock file (again: nothing)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform == "win32":  # pragma: no cover - CI is Linux
            import msvcrt  # noqa: PLC0415

            os.lseek(fd, _WINDOWS_OFFSET, os.SEEK_SET)
            with contextlib.suppress(OSError):
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            # Removed while still held: whoever opened it meanwhile notices (`_same_file`).
            with contextlib.suppress(OSError):
                if _same_file(fd, self.path):
                    self.path.unlink()
        os.close(fd)

    def __enter__(self) -> StateLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"StateLock({str(self.path)!r}, held={self.held})"


def lock_state(state: str | Path, *, folder: bool = False) -> StateLock:
    """Take the lock of `state` (a file, or with `folder` a folder, created if needed), or
    refuse at once if another process holds it.

    Raises:
        StateLockedError: Another process holds the lock; it names the holder.
        OSError: The lock file cannot be created (no such folder, no permission).
    """
    path = lock_file(state, folder=folder)
    if folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(_ATTEMPTS):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # not inherited (PEP 446)
        try:
            locked = _try_lock(fd)
            if locked and _same_file(fd, path):
                _write_holder(fd)
                return StateLock(str(state), path, fd)
            if not locked:
                raise _refusal(str(state), path, _read_holder(fd))
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed the file as it was opened: open the new one
    raise _refusal(str(state), path, {})  # pragma: no cover - a file replaced ten times over


def _try_lock(fd: int) -> bool:
    """Lock the file without waiting; whether it was free."""
    if sys.platform == "win32":  # pragma: no cover - CI is Linux
        import msvcrt  # noqa: PLC0415

        os.lseek(fd, _WINDOWS_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl  # noqa: PLC0415 - not on Windows

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _same_file(fd: int, path: Path) -> bool:
    """Whether `path` is still the file open as `fd` (not removed, nor replaced)."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (found.st_dev, found.st_ino) == (opened.st_dev, opened.st_ino)


def _write_holder(fd: int) -> None:
    """Write this process's id, host and start time into the lock file."""
    holder = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, json.dumps(holder).encode() + b"\n")


def _read_holder(fd: int) -> dict[str, object]:
    """What the holder wrote into the lock file (waiting briefly for a holder that has only
    just locked it); empty if it cannot be read."""
    deadline = time.monotonic() + _NAME_WAIT
    while True:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 4096)
        if text.strip() or time.monotonic() >= deadline:
            break
        time.sleep(0.01)
    try:
        found = json.loads(text)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _refusal(state: str, path: Path, holder: dict[str, object]) -> StateLockedError:
    given_pid, given_host, given_start = (holder.get(k) for k in ("pid", "host", "started"))
    pid = given_pid if isinstance(given_pid, int) and not isinstance(given_pid, bool) else None
    host = given_host if isinstance(given_host, str) else None
    started = float(given_start) if isinstance(given_start, int | float) else None
    who = "another process" if pid is None else f"process {pid}"
    if host is not None:
        who += f" on {host}"
    if started is not None:
        when = datetime.fromtimestamp(started, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        who += f", since {when}"
    message = (
        f"{state} is in use by {who} (it holds the lock {path}); wait for it to end, or stop "
        "it: the lock is released when it ends, however it ends"
    )
    return StateLockedError(
        message, state=state, lock_file=str(path), pid=pid, host=host, started=started
    )
