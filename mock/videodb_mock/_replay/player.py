"""The replaying server (`--replay DIR`): each request is answered with the recorded answer to
the same request, offline.

A request matches a recorded one by method, path, query (the key removed) and its JSON body in
canonical form (sorted keys); `recording.request_key` says how. Identical requests are answered
in the recorded order (a job polled three times while recording answers processing, processing,
done), and once they are used up the last answer repeats. The upstream's base URL in recorded
answers (stored as `BASE_MARK`) is written as the player's own base URL, so media URLs lead back
to the player, which serves the recorded bytes.

A request not recorded is a 404 whose JSON body names it, or, with `--replay-fallback sandbox`,
is answered by the sandbox behind the player.
"""

from __future__ import annotations

from collections import defaultdict

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from videodb_mock._echo import echoed
from videodb_mock._replay.recording import (
    BASE_MARK,
    KEY_HEADER,
    Exchange,
    Recording,
    request_key,
)


class Player:
    """The ASGI app that replays `recording` (see the module's doc); `fallback` answers what
    it does not hold."""

    def __init__(self, recording: Recording, base_url: str, fallback: ASGIApp | None) -> None:
        self.recording = recording
        self.base_url = base_url.rstrip("/")
        self.fallback = fallback
        self._answers: dict[str, list[Exchange]] = defaultdict(list)
        for exchange in recording.exchanges:
            self._answers[exchange.key].append(exchange)
        self._served: dict[str, int] = defaultdict(int)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            if self.fallback is not None:
                await self.fallback(scope, receive, send)
                return
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        path = request.url.path
        body = await request.body()
        key = request_key(
            request.method,
            path,
            request.url.query,
            body,
            api_key=request.headers.get(KEY_HEADER),
            base_url=self.base_url,
        )
        recorded = self._answers.get(key)
        if recorded:
            index = min(self._served[key], len(recorded) - 1)
            self._served[key] += 1
            exchange = recorded[index]
            answer = self.recording.body(exchange).replace(
                BASE_MARK.encode(), self.base_url.encode()
            )
            headers = {"content-type": exchange.content_type} if exchange.content_type else None
            response: Response = Response(answer, exchange.status, headers=headers)
        elif path == "/_sandbox/health" and self.fallback is None:
            response = JSONResponse({"status": "ok", "replaying": str(self.recording.folder)})
        elif self.fallback is not None:
            await self.fallback(scope, _replayed(body), send)
            return
        else:
            refusal = (
                f"Not in the recording: {request.method} {echoed(path)}; record it with "
                "--record, or answer it with --replay-fallback sandbox"
            )
            response = JSONResponse(
                {"success": False, "message": refusal, "error_code": "not_recorded"}, 404
            )
        await response(scope, receive, send)


def _replayed(body: bytes) -> Receive:
    """A `receive` that hands the already read `body` to the fallback app."""
    sent = False

    async def receive() -> dict[str, object]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive
