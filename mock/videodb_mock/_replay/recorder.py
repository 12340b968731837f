"""The recording proxy (`--record UPSTREAM --state-dir DIR`): every request is forwarded to the
upstream with the caller's key, and its answer is kept in DIR with the key removed.

Answers name the upstream's base URL (a video's `stream_url`, an image's signed URL); the
recorder rewrites it to its own base URL, so a client fetches media through the recorder too,
and those bytes (HLS playlists and segments, images, audio, downloads) are recorded like any
answer. An upstream that cannot be reached, or takes longer than `TIMEOUT`, or answers more
than `MAX_ANSWER_BYTES`, is a 502 naming the upstream.

Each answer is kept with the time it was given (`Exchange.at`). When the upstream is a sandbox
on a manual clock (its `/_sandbox/clock` says so), that is the upstream's time, read after each
answer, so a job recorded while a test moved the upstream's clock replays at the same moments;
otherwise it is the recorder's own clock. The sandbox's own paths (`/_sandbox/...`) are
forwarded but not recorded: they are the sandbox's controls, not the API.
"""

from __future__ import annotations

import asyncio
import time
import urllib.parse

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from videodb_mock._clock import PATH as CLOCK_PATH
from videodb_mock._echo import echoed
from videodb_mock._replay.recording import (
    BASE_MARK,
    KEY_HEADER,
    Recording,
    request_key,
    scrub_bytes,
)

#: How long the upstream has to connect, and to answer each read.
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
#: The largest answer kept (a long MP4 download fits).
MAX_ANSWER_BYTES = 512 * 1024 * 1024
#: The sandbox's own paths: forwarded, never recorded.
SANDBOX_PREFIX = "/_sandbox/"
#: Request headers forwarded to the upstream; the others (host, length) are httpx's to set.
FORWARDED = ("content-type", "accept", KEY_HEADER)


class UpstreamError(Exception):
    """The upstream could not answer; the message names it."""


class Recorder:
    """The ASGI app that records (see the module's doc)."""

    def __init__(self, upstream: str, folder: str, base_url: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.base_url = base_url.rstrip("/")
        self.recording = Recording(folder)
        self._lock = asyncio.Lock()
        self._client: httpx.AsyncClient | None = None
        #: Whether the upstream's time is a manual clock's; None until asked.
        self._upstream_manual: bool | None = None
        self._last_upstream_time = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    if self._client is not None:
                        await self._client.aclose()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        if request.url.path == "/_sandbox/health":
            response: Response = JSONResponse({"status": "ok", "recording": self.upstream})
        else:
            response = await self._forward(request)
        await response(scope, receive, send)

    async def _forward(self, request: Request) -> Response:
        body = await request.body()
        api_key = request.headers.get(KEY_HEADER)
        query = request.url.query
        path = request.url.path
        # Media URLs the client sends back (as `POST /download` does) name us: the upstream's.
        upstream_query = query.replace(self.base_url, self.upstream).replace(
            urllib.parse.quote(self.base_url, safe=""), urllib.parse.quote(self.upstream, safe="")
        )
        url = self.upstream + path + (f"?{upstream_query}" if upstream_query else "")
        upstream_body = body.replace(self.base_url.encode(), self.upstream.encode())
        try:
            status, content_type, answer = await self._fetch(request, url, upstream_body)
        except UpstreamError as exc:
            return JSONResponse(
                {"success": False, "message": str(exc), "error_code": "upstream_unreachable"}, 502
            )
        answer_after = answer.replace(self.upstream.encode(), self.base_url.encode())
        headers = {"content-type": content_type} if content_type else None
        if path.startswith(SANDBOX_PREFIX):
            return Response(answer_after, status, headers=headers)
        at = await self._time()
        # Media URLs name the upstream: the stored form names BASE_MARK, the caller gets ours.
        stored = scrub_bytes(answer.replace(self.upstream.encode(), BASE_MARK.encode()), api_key)
        key = request_key(
            request.method, path, query, body, api_key=api_key, base_url=self.base_url
        )
        async with self._lock:
            await asyncio.to_thread(self.recording.add, key, status, content_type, stored, at)
        return Response(answer_after, status, headers=headers)

    async def _time(self) -> float:
        """Now on the recording's clock: the upstream's if it is a sandbox on a manual clock,
        else the recorder's own (see the module's doc)."""
        if self._upstream_manual is not False:
            reading = await self._upstream_clock()
            if self._upstream_manual is None:
                self._upstream_manual = reading is not None
            if reading is not None:
                self._last_upstream_time = reading
            # A reading missed now and then keeps to the upstream's timeline.
            if self._upstream_manual:
                return self._last_upstream_time
        return time.time()

    async def _upstream_clock(self) -> float | None:
        """The upstream's manual clock's time, or None when it has no such clock (the real
        API, a sandbox on the wall clock) or cannot tell."""
        try:
            answer = await self._http().get(self.upstream + CLOCK_PATH)
            reading = answer.json() if answer.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            return None
        if not isinstance(reading, dict) or reading.get("clock") != "manual":
            return None
        timestamp = reading.get("timestamp")
        if isinstance(timestamp, bool) or not isinstance(timestamp, int | float):
            return None
        return float(timestamp)

    def _http(self) -> httpx.AsyncClient:
        """The client to the upstream, made on first use (inside the event loop)."""
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False)
        return self._client

    async def _fetch(
        self, request: Request, url: str, body: bytes
    ) -> tuple[int, str | None, bytes]:
        headers = {name: value for name in FORWARDED if (value := request.headers.get(name))}
        try:
            async with self._http().stream(
                request.method, url, content=body or None, headers=headers
            ) as answer:
                chunks: list[bytes] = []
                size = 0
                async for chunk in answer.aiter_bytes():
                    size += len(chunk)
                    if size > MAX_ANSWER_BYTES:
                        raise UpstreamError(
                            f"upstream {self.upstream} answered {echoed(url)} with more than "
                            f"{MAX_ANSWER_BYTES} bytes"
                        )
                    chunks.append(chunk)
                return answer.status_code, answer.headers.get("content-type"), b"".join(chunks)
        except httpx.HTTPError as exc:
            raise UpstreamError(
                f"upstream {self.upstream} did not answer {request.method} {echoed(url)}: "
                f"{type(exc).__name__}: {echoed(str(exc))}"
            ) from None
