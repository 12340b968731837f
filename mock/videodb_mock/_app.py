"""The sandbox as an ASGI application: routing, auth, validation, faults, strict mode.

Every request to an API path goes through the same steps: match the path to the spec's
templates (404 if none, 405 with `Allow` if the method is not declared), apply the faults
asked for, read the body (bounded), check the API key (401), parse a JSON body strictly
(`_body`, 400), validate the request against the spec (400 naming the field), run the
operation, in strict mode validate the answer against the spec (a violation becomes a 500
that names it), and only if the answer is a success make the change the operation asked for
(`Answer.commit`): no request answered with an error leaves anything behind. Every error body
is `{"success": false, "message", "error_code"}`.

HEAD is answered wherever GET is, as GET without the body (RFC 9110), though the spec does
not declare it. The sandbox's own paths live under `/_sandbox/` (health, stats, spec
violations), and media under `/media/` (when the sandbox renders them), outside the API's
paths, and upload URLs (`getUploadUrl`) under `/uploads/`; the sandbox's clock is read and
moved at `/_sandbox/clock` (`_clock`). Every answer is counted by status for
`/_sandbox/stats`, and carries an `x-request-id` (`request_id`).
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import attrs
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send

from videodb_mock._body import BodyError, is_json, parse_json, read_body
from videodb_mock._clock import PATH as CLOCK_PATH
from videodb_mock._clock import ClockRoutes
from videodb_mock._echo import echoed
from videodb_mock._media.pool import Renderer
from videodb_mock._media.routes import PREFIX as MEDIA_PREFIX
from videodb_mock._media.routes import MediaRoutes
from videodb_mock._settings import SandboxConfig
from videodb_mock._spec.checks import SpecRequest, SpecResponse, describe_all
from videodb_mock._state.faults import BROKEN_BODY, HEADER, MALFORMED_BODY, FaultError, Faults
from videodb_mock._state.sandbox import Answer, Call, Sandbox, fail
from videodb_mock._state.store import Clock
from videodb_mock._state.uploads import PREFIX as UPLOAD_PREFIX
from videodb_mock._uploads import UploadRoutes

logger = logging.getLogger("videodb_mock")

API_KEY_HEADER = "x-access-token"
DROP_KEY = "videodb_mock.drop"
#: Set in a request's scope once its connection was dropped (the `drop` fault): no answer.
DROPPED_KEY = "videodb_mock.dropped"
#: Every answer names itself in this header: a caller's own id when it sent a usable one
#: (so it can follow a request across its logs and the sandbox's), else a new ``req-`` id.
REQUEST_ID_HEADER = "x-request-id"
_USABLE_REQUEST_ID = re.compile(rb"[A-Za-z0-9._:-]{1,128}")


def request_id(scope: Scope) -> str:
    """The id of the answer to the request in `scope`: the caller's ``x-request-id`` when it
    is 1 to 128 letters, digits or ``. _ : -`` (anything else could break a log line or a
    header), else ``req-`` and 16 random hex digits."""
    headers: list[tuple[bytes, bytes]] = scope["headers"]
    for name, value in headers:
        if name == b"x-request-id" and _USABLE_REQUEST_ID.fullmatch(value):
            return value.decode("ascii")
    return f"req-{secrets.token_hex(8)}"


class ConnectionDropped(Exception):
    """Raised for the `drop` fault when the server's connection cannot be reached (in-process)."""


def _json(answer: Answer) -> Response:
    return JSONResponse(answer.body, answer.status, headers=dict(answer.headers))


@attrs.define
class _Routed:
    """A request matched to one of the spec's operations, on its way through the steps."""

    request: Request
    spec: SpecRequest
    params: Mapping[str, str]
    operation_id: str
    faults: Faults
    #: The parsed JSON body, once read.
    body: Any = None


class Handler:
    """Turns HTTP requests into operations of a `Sandbox` (the steps in the module doc)."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.config = sandbox.config

    async def handle(self, request: Request) -> Response:
        """Answer one request to an API path (or to an unknown path); errors are JSON."""
        try:
            return await self._handle(request)
        except ConnectionDropped:
            raise
        except Exception as exc:
            logger.exception("request %s %s failed", request.method, request.url.path)
            return _json(
                fail(500, f"Internal sandbox error: {type(exc).__name__}", "internal_error")
            )

    async def _handle(self, request: Request) -> Response:
        sandbox = self.sandbox
        path = request.url.path
        match = sandbox.router.match(path)
        if match is None:
            return _json(fail(404, f"Not found: no API path {echoed(path)}", "not_found"))
        route = match.route
        # HEAD is GET without the body (dropped as it is sent).
        method = "GET" if request.method == "HEAD" else request.method
        operation_id = route.operations.get(method)
        if operation_id is None:
            return _json(
                fail(
                    405,
                    f"Method {request.method} is not allowed on {route.template}; "
                    f"allowed: {route.allow}",
                    "method_not_allowed",
                    Allow=route.allow,
                )
            )
        spec_request = sandbox.validator.make_request(
            method=method,
            path=path,
            path_pattern=route.template,
            path_params=match.params,
            query=request.query_params,
            headers=request.headers,
            cookies=request.cookies,
            content_type=request.headers.get("content-type"),
            body=None,
        )
        try:
            faults = sandbox.faults.for_request(request.headers.get(HEADER))
        except FaultError as exc:
            return self._checked(spec_request, fail(400, str(exc), "invalid_fault"))
        return await self._with_faults(
            _Routed(request, spec_request, match.params, operation_id, faults)
        )

    async def _with_faults(self, routed: _Routed) -> Response:
        faults = routed.faults
        if faults.slow:
            await asyncio.sleep(faults.slow)
        if faults.drop:
            await _drop(routed.request)
            return Response(status_code=500)
        if faults.status is not None:
            return _json(_injected(faults))
        answer = await self._refusal(routed)
        if answer is None:
            answer = await self._answer(routed)
        if faults.malformed:
            response = Response(MALFORMED_BODY, 200, media_type="application/json")
        elif faults.break_shape:
            response = JSONResponse(BROKEN_BODY, 200)
        else:
            response = self._checked(routed.spec, answer)
        # Nothing is awaited between the operation and here: no other request came between.
        if response.status_code < 400:
            answer.commit()
        return response

    async def _refusal(self, routed: _Routed) -> Answer | None:
        """Read the body into the spec's request; the answer refusing the request, if any."""
        request, spec_request = routed.request, routed.spec
        if request.method in ("POST", "PUT", "PATCH"):
            body = await read_body(request, self.config.max_body_bytes)
            if body is None:
                return fail(
                    400,
                    f"body: larger than {self.config.max_body_bytes} bytes",
                    "invalid_request",
                )
            spec_request.body = body or None
        key = request.headers.get(API_KEY_HEADER, "").strip()
        if not key:
            return fail(
                401, "Missing API key: send it in the x-access-token header", "unauthorized"
            )
        if self.config.api_keys is not None and key not in self.config.api_keys:
            return fail(401, "Invalid API key", "unauthorized")
        if spec_request.body is not None and is_json(spec_request.content_type):
            try:
                routed.body = parse_json(spec_request.body)
            except BodyError as exc:
                return fail(400, str(exc), "invalid_request")
        problem = self.sandbox.validator.check_request(spec_request)
        if problem is not None:
            return fail(problem.status, problem.message, problem.error_code)
        return None

    async def _answer(self, routed: _Routed) -> Answer:
        """Run the operation on the request (whose body has been read and validated)."""
        query = routed.request.query_params
        call = Call(params=routed.params, query=query, body=routed.body, faults=routed.faults)
        try:
            return await self.sandbox.operations[routed.operation_id](call)
        except Exception as exc:
            logger.exception("operation %s failed", routed.operation_id)
            return fail(500, f"Internal sandbox error: {type(exc).__name__}", "internal_error")

    def _checked(self, spec_request: SpecRequest, answer: Answer) -> Response:
        response = _json(answer)
        if not self.config.strict:
            return response
        violations = self.sandbox.validator.check_response(
            spec_request,
            SpecResponse(
                status_code=response.status_code,
                content_type=response.headers.get("content-type", ""),
                headers=response.headers,
                data=bytes(response.body),
            ),
        )
        if not violations:
            return response
        message = (
            f"The sandbox's answer to {spec_request.method.upper()} {spec_request.path} "
            f"(HTTP {answer.status}) breaks the spec: {describe_all(violations)}"
        )
        logger.error(message)
        self.sandbox.violations.append(message)
        return _json(fail(500, message, "spec_violation"))


def _injected(faults: Faults) -> Answer:
    status = faults.status or 500
    headers = {}
    if status in (429, 503):
        headers["Retry-After"] = str(faults.retry_after)
    return fail(status, f"Injected fault: HTTP {status}", "injected_fault", **headers)


async def _drop(request: Request) -> None:
    """Close the client's connection without an answer."""
    drop = request.scope.get(DROP_KEY)
    if drop is None:
        raise ConnectionDropped("the drop fault needs a server connection to close")
    request.scope[DROPPED_KEY] = True
    await drop()


def _headless(send: Send) -> Send:
    """`send` for an answer to HEAD: the headers of the answer to GET, without its body."""

    async def headless(message: Message) -> None:
        if message.get("body"):
            message = {**message, "body": b""}
        await send(message)

    return headless


def _dropper(send: Send) -> Callable[[], Awaitable[None]] | None:
    """A function that closes the connection `send` writes to, if the server exposes it.

    uvicorn's `send` is a method of the request cycle, which holds the transport.
    """
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None or not hasattr(transport, "close"):
        return None

    async def drop() -> None:
        transport.close()
        # Let the server see the connection is gone, so it sends nothing more.
        for _ in range(10):
            await asyncio.sleep(0)
            if getattr(send.__self__, "disconnected", True):  # type: ignore[attr-defined]
                return

    return drop


class SandboxApp:
    """The ASGI application.

    A plain ASGI callable rather than a Starlette application: the sandbox does its own
    routing from the spec, and skipping Starlette's router and middleware stack keeps the
    cost of a request low. Starlette's `Request` and `Response` still do the HTTP work.
    """

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self._handler = Handler(sandbox)
        #: Answers sent, by status.
        self.answered: Counter[int] = Counter()
        self._own: dict[str, Callable[[], Response]] = {
            "/_sandbox/health": lambda: JSONResponse({"status": "ok"}),
            "/_sandbox/stats": lambda: JSONResponse(self.stats()),
            "/_sandbox/violations": lambda: JSONResponse({"violations": sandbox.violations}),
        }
        self._media = (
            None
            if sandbox.media is None
            else MediaRoutes(
                sandbox.store,
                sandbox.media,
                sandbox.media_item,
                sandbox.signer,
                sandbox.file_name,
            )
        )
        self._uploads = UploadRoutes(sandbox.uploads, sandbox.signer, sandbox.config.max_body_bytes)
        self._clock = ClockRoutes(sandbox)
        self._started = False

    def stats(self) -> dict[str, Any]:
        """The sandbox's counts, with the requests answered so far."""
        requests = {
            "total": sum(self.answered.values()),
            "by_status": {str(status): n for status, n in sorted(self.answered.items())},
        }
        return {"requests": requests, **self.sandbox.stats()}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        if not self._started:
            self._start()
        path, method = scope["path"], scope["method"]
        own = self._own.get(path)
        if own is not None and method in ("GET", "HEAD"):
            response = own()
        elif self._media is not None and path.startswith(MEDIA_PREFIX):
            query = scope.get("query_string", b"").decode("latin-1")
            response = await self._media.respond(method, path, query)
        elif path.startswith(UPLOAD_PREFIX):
            response = await self._uploads.respond(Request(scope, receive))
        elif path == CLOCK_PATH:
            response = await self._clock.respond(Request(scope, receive))
        else:
            drop = _dropper(send)
            if drop is not None:
                scope[DROP_KEY] = drop
            response = await self._handler.handle(Request(scope, receive))
        response.headers[REQUEST_ID_HEADER] = request_id(scope)
        await response(scope, receive, _headless(send) if method == "HEAD" else send)
        if not scope.get(DROPPED_KEY):
            self.answered[response.status_code] += 1

    def _start(self) -> None:
        """Once, on the event loop: resume what the sandbox had under way before a restart."""
        if not self._started:
            self._started = True
            self.sandbox.start()

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self._start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.sandbox.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return


def create_app(
    config: SandboxConfig | None = None,
    *,
    base_url: str | None = None,
    clock: Clock | None = None,
    wall_clock: Clock | None = None,
    renderer: Renderer | None = None,
) -> SandboxApp:
    """The sandbox as an ASGI application, for uvicorn or in-process use (httpx's ASGI transport).

    `base_url` overrides the public base URL of the URLs handed out (by default the
    configuration's `public_base_url`, else `http://host:port`); `clock` (monotonic seconds)
    and `wall_clock` (seconds since the epoch) let tests control time, and `renderer`
    replaces the render worker processes (with `media="render"`).

    Raises:
        OSError: the spec file is missing from the installation, or the media or state
            folder cannot be made.
        StateFileError: the state folder's database cannot be used (`journal`): its message,
            one line, names the file and says what to do.
        ValueError: the spec declares an operation the sandbox does not implement.
    """
    sandbox = Sandbox(
        config or SandboxConfig(),
        base_url=base_url,
        clock=clock,
        wall_clock=wall_clock,
        renderer=renderer,
    )
    return SandboxApp(sandbox)
