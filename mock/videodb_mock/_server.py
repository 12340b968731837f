"""Running the sandbox with uvicorn: bind, announce where it listens, stop cleanly on signals.

uvicorn uses `httptools` and `uvloop` when they are installed (about 1.5 times the requests
per second of its pure-Python HTTP parser and asyncio's loop), and works without them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import sys
import threading
from collections.abc import Callable, Generator

import uvicorn
from uvicorn.loops.auto import auto_loop_factory

from videodb_mock._app import create_app
from videodb_mock._replay import replay_app
from videodb_mock._replay.recording import RecordingError
from videodb_mock._settings import SandboxConfig
from videodb_mock._state.journal import StateFileError

logger = logging.getLogger("videodb_mock")

GRACEFUL_SHUTDOWN_SECONDS = 3


class _Server(uvicorn.Server):
    """uvicorn's server, stopping on SIGINT or SIGTERM without re-raising the signal, so the
    process exits with status 0 after a clean shutdown."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        handled = (signal.SIGINT, signal.SIGTERM)
        originals = {sig: signal.signal(sig, self.handle_exit) for sig in handled}
        try:
            yield
        finally:
            for sig, original in originals.items():
                signal.signal(sig, original)


def bind(host: str, port: int) -> socket.socket:
    """A listening-ready TCP socket bound to `host:port` (port 0: any free port).

    Raises:
        OSError: the address cannot be bound (in use, unknown host).
    """
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def listen_url(config: SandboxConfig, sock: socket.socket) -> str:
    """The URL the sandbox listens on (with the address as bound, e.g. `0.0.0.0`)."""
    port = int(sock.getsockname()[1])
    host = f"[{config.host}]" if ":" in config.host else config.host
    return f"http://{host}:{port}"


async def serve(
    config: SandboxConfig,
    *,
    sock: socket.socket | None = None,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the sandbox until SIGINT or SIGTERM (or the task is cancelled).

    `ready` is called with the listening URL once the server accepts connections.

    Raises:
        OSError: the address cannot be bound.
    """
    sock = sock or bind(config.host, config.port)
    url = listen_url(config, sock)
    base_url = config.base_url(int(sock.getsockname()[1]))
    # `--record` and `--replay` answer with their own apps instead of the sandbox's.
    app = replay_app(config, base_url) or create_app(config, base_url=base_url)
    server = _Server(
        uvicorn.Config(
            app,
            log_config=None,
            access_log=config.access_log,
            lifespan="on",
            http="auto",
            proxy_headers=False,
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
            backlog=2048,
        )
    )
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started and not task.done():  # noqa: ASYNC110 - uvicorn has no event
        await asyncio.sleep(0.01)
    if server.started and ready is not None:
        ready(url)
    try:
        await task
    except asyncio.CancelledError:
        server.should_exit = True
        raise
    finally:
        sock.close()


def configure_logging(level: int = logging.INFO) -> None:
    """Log the sandbox's events (callbacks, spec violations, requests) to standard error."""
    logging.basicConfig(
        level=level,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def hold_state_dir(config: SandboxConfig, stack: contextlib.ExitStack) -> str | None:
    """Take the lock of the sandbox's state folder (`--state-dir`) until `stack` closes, or
    say why not: another process holds it (two sandboxes on one folder would hand out the
    same ids). The lock is `videodb_gen._lock`'s, on `<state-dir>/.lock`, released by the
    operating system however the holder ends. Without a state folder there is nothing to lock.

    Returns:
        None once held (or with nothing to hold); else the refusal, naming the holder.
    """
    if config.state_dir is None:
        return None
    from videodb_gen._exceptions import StateLockedError  # noqa: PLC0415 - only for a folder
    from videodb_gen._lock import lock_state  # noqa: PLC0415

    try:
        stack.enter_context(lock_state(config.state_dir, folder=True))
    except StateLockedError as exc:
        return f"cannot use --state-dir: {exc}"
    return None


def run(config: SandboxConfig) -> int:
    """Serve the sandbox in this process until SIGINT or SIGTERM; return the exit status:
    2 at once, before binding the port, when another sandbox holds its `--state-dir`.

    Prints `videodb sandbox listening on <url>` once it accepts connections.
    """
    configure_logging()
    with contextlib.ExitStack() as held:
        refused = hold_state_dir(config, held)
        if refused is not None:
            print(f"videodb sandbox: {refused}", file=sys.stderr)
            return 2
        return _run(config)


def _run(config: SandboxConfig) -> int:
    try:
        sock = bind(config.host, config.port)
    except OSError as exc:
        print(
            f"videodb sandbox: cannot listen on {config.host}:{config.port}: {exc}", file=sys.stderr
        )
        return 1

    def announce(url: str) -> None:
        extra = ""
        if config.public_base_url is not None:
            extra = f" (public base URL {config.public_base_url})"
        print(f"videodb sandbox listening on {url}{extra}", flush=True)

    # uvloop's event loop when it is installed, asyncio's otherwise (as uvicorn chooses).
    try:
        with (
            contextlib.suppress(KeyboardInterrupt),
            asyncio.Runner(loop_factory=auto_loop_factory()) as runner,
        ):
            runner.run(serve(config, sock=sock, ready=announce))
    except (StateFileError, RecordingError) as exc:
        # A state folder or recording it cannot read: one line saying which file and what to do.
        sock.close()
        print(f"videodb sandbox: {exc}", file=sys.stderr)
        return 2
    print("videodb sandbox stopped", flush=True)
    return 0
