"""A callback inbox for tests: an HTTP receiver in a thread that keeps every POST it is sent,
waits for one, and answers with a status (and delay) chosen by the test, to exercise redelivery.

Standard library only: the pytest plugin serves it without loading the sandbox's dependencies.

A callback's body carries no job id (``{"success": true, "data": <what the job made>}``), and
the sandbox, like the API, sends no header naming the job. So a test tells its callbacks apart
by a key of its own in the URL (`CallbackInbox.url_for`), or by the result's id in the body.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

__all__ = ["CallbackInbox", "CallbackNotReceived", "Delivery"]

#: The largest body kept; a larger one is answered 413 (the sandbox's bodies are far smaller).
MAX_BODY_BYTES = 8 * 1024 * 1024
#: How many deliveries are kept, the oldest forgotten first.
MAX_DELIVERIES = 10_000
#: The longest delay `respond` takes: a test that holds an answer longer waits for nothing.
MAX_DELAY = 60.0
#: The query parameter `url_for` puts its key in.
KEY_PARAMETER = "key"


@dataclass(frozen=True)
class Delivery:
    """One POST the inbox was sent.

    Attributes:
        path: The request's path and query, as sent.
        key: The key of `CallbackInbox.url_for` in the URL, or None for `CallbackInbox.url`.
        headers: The request's headers, names in lower case.
        body: The body, as bytes (pass it to ``videodb_gen.parse_callback``).
        received_at: When it arrived, on `time.monotonic`'s clock (to measure retry gaps).
        status: The status the inbox answered (200, or one chosen with `respond`).
        delay: The seconds the inbox waited before answering (`respond`'s ``delay``). A sender
            that gave up sooner delivers again, though the status says it was accepted.
    """

    path: str
    key: str | None
    headers: Mapping[str, str]
    body: bytes
    received_at: float
    status: int
    delay: float = 0.0

    @property
    def accepted(self) -> bool:
        """Whether the inbox took it (answered 2xx): a sender stops retrying then."""
        return 200 <= self.status < 300

    def json(self) -> Any:
        """The body, decoded from JSON.

        Raises:
            ValueError: The body is not UTF-8 JSON.
        """
        return json.loads(self.body)

    def result_id(self) -> str | None:
        """The id of what the job made (``data.id``), when the body has one."""
        with contextlib.suppress(ValueError, RecursionError):
            document = self.json()
            data = document.get("data") if isinstance(document, dict) else None
            made = data.get("id") if isinstance(data, dict) else None
            return made if isinstance(made, str) else None
        return None

    def describe(self) -> str:
        """One line for error messages: its key, result id and answer."""
        key = f"key={self.key!r}" if self.key is not None else "no key"
        return f"{key}, data.id={self.result_id()!r}, answered {self.status}"


class CallbackNotReceived(AssertionError):
    """`CallbackInbox.wait_for` timed out; the message names what it waited for and lists
    what did arrive."""


@dataclass
class _Answer:
    """An answer `respond` set: for the next `times` deliveries (to `key`, if given)."""

    status: int
    delay: float
    times: int | None
    key: str | None


Match = str | Callable[[Delivery], bool]


@dataclass
class _State:
    lock: threading.Lock = field(default_factory=threading.Lock)
    deliveries: deque[Delivery] = field(default_factory=lambda: deque(maxlen=MAX_DELIVERIES))
    answers: list[_Answer] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.arrived = threading.Condition(self.lock)

    def answer_for(self, key: str | None) -> _Answer | None:
        """The answer set for a delivery to `key`, used up by one. Call with the lock held."""
        for answer in self.answers:
            if answer.key is None or answer.key == key:
                if answer.times is not None:
                    answer.times -= 1
                    if answer.times <= 0:
                        self.answers.remove(answer)
                return answer
        return None


def _key_of(path: str) -> str | None:
    query = urllib.parse.urlsplit(path).query
    values = urllib.parse.parse_qs(query, keep_blank_values=True).get(KEY_PARAMETER)
    return values[0] if values else None


def _handler(state: _State) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _reply(self, status: int, document: Mapping[str, object]) -> None:
            # 204 and 205 answers carry no body, by HTTP's rules.
            body = b"" if status in (204, 205) else json.dumps(document).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the sender may have hung up
                self.wfile.write(body)

        def _refuse(self, status: int, message: str) -> None:
            with state.lock:
                state.refused.append(f"{self.command} {self.path}: {message}")
                state.arrived.notify_all()
            self.close_connection = True
            self._reply(status, {"success": False, "message": message})

        def do_POST(self) -> None:
            length_text = self.headers.get("Content-Length")
            if length_text is None or not length_text.isdigit():
                self._refuse(411, "a callback needs a Content-Length")
                return
            length = int(length_text)
            if length > MAX_BODY_BYTES:
                self._refuse(413, f"the body is over {MAX_BODY_BYTES} bytes ({length})")
                return
            body = self.rfile.read(length)
            key = _key_of(self.path)
            with state.lock:
                answer = state.answer_for(key)
            status, delay = (200, 0.0) if answer is None else (answer.status, answer.delay)
            delivery = Delivery(
                path=self.path,
                key=key,
                headers={name.lower(): value for name, value in self.headers.items()},
                body=body,
                received_at=time.monotonic(),
                status=status,
                delay=delay,
            )
            with state.lock:
                state.deliveries.append(delivery)
                state.arrived.notify_all()
            if delay > 0:
                time.sleep(delay)
            accepted = 200 <= status < 300
            self._reply(status, {"success": accepted})

        def _not_allowed(self) -> None:
            self._refuse(405, f"the inbox takes POST, not {self.command}")

        do_GET = do_PUT = do_PATCH = do_DELETE = _not_allowed

        def log_message(self, format: str, *args: Any) -> None:
            pass  # a test's output is not the place for an access log

    return Handler


class CallbackInbox:
    """A receiver for ``callback_url``: keeps every delivery, waits for one, and answers as
    the test chooses. Serves on 127.0.0.1, on a free port, in a daemon thread, until `close`.

    ::

        with CallbackInbox() as inbox:
            coll.generate_video("…", callback_url=inbox.url_for("launch"), wait=False)
            delivery = inbox.wait_for("launch")
    """

    def __init__(self) -> None:
        self._state = _State()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self._state))
        self._server.daemon_threads = True
        port = self._server.server_address[1]
        #: The URL to pass as ``callback_url``; its deliveries have no key.
        self.url = f"http://127.0.0.1:{port}/callbacks"
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="videodb-callback-inbox", daemon=True
        )
        self._thread.start()
        self._closed = False

    def __repr__(self) -> str:
        return f"CallbackInbox(url={self.url!r}, deliveries={len(self.deliveries)})"

    def url_for(self, key: str) -> str:
        """A ``callback_url`` whose deliveries carry `key` (``?key=...``): pass a key per job,
        then ``wait_for(key)``. The body names no job, so this is how a test tells its
        callbacks apart.

        Raises:
            ValueError: `key` is not a non-empty string.
        """
        if not isinstance(key, str) or not key:
            raise ValueError(f"key must be a non-empty string, got {key!r:.80}")
        return f"{self.url}?{urllib.parse.urlencode({KEY_PARAMETER: key})}"

    @property
    def deliveries(self) -> list[Delivery]:
        """Every delivery so far, oldest first (those answered with an error too)."""
        with self._state.lock:
            return list(self._state.deliveries)

    def deliveries_for(self, match: Match) -> list[Delivery]:
        """The deliveries that `match` (as `wait_for` takes it), oldest first."""
        test = _matcher(match)
        return [delivery for delivery in self.deliveries if test(delivery)]

    def respond(
        self,
        status: int = 200,
        *,
        times: int | None = 1,
        delay: float = 0.0,
        key: str | None = None,
    ) -> None:
        """Answer the next `times` deliveries (all of them, with None) with `status`, after
        `delay` seconds; only those to `url_for(key)` when `key` is given. Answers set
        earlier are used up first. A sender retries after a status other than 2xx, and after
        a delay longer than its own time limit (the sandbox's ``--callback-timeout``).

        Raises:
            ValueError: `status` is not from 200 to 599, `times` not a positive int or None,
                or `delay` not from 0 to 60 seconds.
        """
        if isinstance(status, bool) or not isinstance(status, int) or not 200 <= status <= 599:
            raise ValueError(f"status must be an HTTP status from 200 to 599, got {status!r}")
        if times is not None and (
            isinstance(times, bool) or not isinstance(times, int) or times < 1
        ):
            raise ValueError(f"times must be a positive int or None (always), got {times!r}")
        if not isinstance(delay, int | float) or not 0 <= delay <= MAX_DELAY:
            raise ValueError(f"delay must be from 0 to {MAX_DELAY:g} seconds, got {delay!r}")
        with self._state.lock:
            self._state.answers.append(_Answer(status, float(delay), times, key))

    def wait_for(self, match: Match, timeout: float = 10.0, *, accepted: bool = True) -> Delivery:
        """The first delivery that matches, waiting up to `timeout` seconds for it.

        Args:
            match: A key given to `url_for`, or the id of what the job made (``data.id``, as
                ``"m-..."``), or a function of a `Delivery` that says whether it is the one.
            timeout: The most seconds to wait.
            accepted: Only deliveries the inbox took (answered 2xx), that is the one that
                ended the sender's retries; False takes any attempt.

        Raises:
            CallbackNotReceived: None came in time; the message lists what did arrive.
            ValueError: `match` is an empty string, or `timeout` not a number >= 0.
        """
        test = _matcher(match)
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout >= 0:
            raise ValueError(f"timeout must be a number of seconds >= 0, got {timeout!r}")
        deadline = time.monotonic() + timeout
        state = self._state
        with state.arrived:
            while True:
                for delivery in state.deliveries:
                    if (delivery.accepted or not accepted) and test(delivery):
                        return delivery
                left = deadline - time.monotonic()
                if left <= 0:
                    raise CallbackNotReceived(self._missing(match, timeout, accepted))
                state.arrived.wait(left)

    def _missing(self, match: Match, timeout: float, accepted: bool) -> str:
        """What `wait_for` waited for and what arrived instead. Call with the lock held."""
        wanted = (
            repr(match) if isinstance(match, str) else getattr(match, "__name__", "a predicate")
        )
        kind = "accepted callback" if accepted else "callback"
        lines = [f"no {kind} matching {wanted} within {timeout:g} s at {self.url}"]
        arrived = list(self._state.deliveries)
        lines.append(f"{len(arrived)} arrived" + (":" if arrived else ""))
        lines += [f"  {delivery.describe()}" for delivery in arrived[-20:]]
        lines += [f"  refused {problem}" for problem in self._state.refused[-5:]]
        if isinstance(match, str) and match.startswith("job-"):
            lines.append(
                "a callback carries no job id: pass url_for(key) as each job's callback_url"
                " and wait for the key, or wait for the result's id"
            )
        return "\n".join(lines)

    def clear(self) -> None:
        """Forget the deliveries and the answers set with `respond`."""
        with self._state.lock:
            self._state.deliveries.clear()
            self._state.answers.clear()
            self._state.refused.clear()

    def close(self) -> None:
        """Stop serving (waits for the thread; a delivery being answered is cut off)."""
        if self._closed:
            return
        self._closed = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> CallbackInbox:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _matcher(match: Match) -> Callable[[Delivery], bool]:
    if callable(match):
        return match
    if not isinstance(match, str) or not match:
        raise ValueError(f"match must be a key, a result id or a function, got {match!r:.80}")
    return lambda delivery: delivery.key == match or delivery.result_id() == match
