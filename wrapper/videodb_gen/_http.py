"""The HTTP layer under the generated client: the httpx clients, their event hooks, and the
per-call settings the hooks apply.

The API key is not a default header of the httpx client. For each request the SDK makes, a
request hook adds it when the request's origin (scheme, host and port) is the origin of
``base_url`` and removes it otherwise, redirects included; so the key never reaches another
origin, whatever URL is asked for. The hook reads the key, the origin and the timeout from the
current call (a context variable), so one httpx client can serve several connections. A response
hook records the answer, so that an answer the generated client cannot decode still yields its
status.
"""

from contextvars import ContextVar
from typing import Any

import attrs
import httpx

from ._exceptions import InvalidInputError
from ._version import __version__

AUTH_HEADER = "x-access-token"
CLIENT_HEADER = "x-videodb-client"
CLIENT_NAME = f"videodb-gen/{__version__}"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: httpx.URL) -> tuple[str, str, int | None]:
    """The (scheme, host, port) of `url`, with the scheme's default port filled in."""
    scheme = url.scheme.lower()
    return scheme, url.host.lower(), url.port or _DEFAULT_PORTS.get(scheme)


@attrs.define
class CallContext:
    """What one request attempt is made with, the request made, and what it got: an answer,
    or what the generated client raised."""

    timeout: httpx.Timeout
    home: tuple[str, str, int | None]
    api_key: str = attrs.field(repr=False)
    request: httpx.Request | None = None
    response: httpx.Response | None = None
    error: BaseException | None = None


CURRENT_CALL: ContextVar[CallContext | None] = ContextVar("videodb_gen_call", default=None)


def on_request(request: httpx.Request) -> None:
    """Apply the current call's settings; the key goes only to the call's own origin."""
    call = CURRENT_CALL.get()
    if call is None:
        return
    call.request = request
    request.headers[CLIENT_HEADER] = CLIENT_NAME
    if origin(request.url) == call.home:
        request.headers[AUTH_HEADER] = call.api_key
    else:
        request.headers.pop(AUTH_HEADER, None)
    request.extensions["timeout"] = call.timeout.as_dict()


def on_response(response: httpx.Response) -> None:
    """Record the answer for the current call."""
    call = CURRENT_CALL.get()
    if call is not None:
        call.response = response


async def on_request_async(request: httpx.Request) -> None:
    """`on_request` for an `httpx.AsyncClient`."""
    on_request(request)


async def on_response_async(response: httpx.Response) -> None:
    """`on_response` for an `httpx.AsyncClient`."""
    on_response(response)


SYNC_HOOKS = (on_request, on_response)
ASYNC_HOOKS = (on_request_async, on_response_async)


def attach(client: httpx.Client | httpx.AsyncClient, base_url: str, hooks: tuple[Any, Any]) -> None:
    """Point `client` at `base_url` and add the SDK's hooks once; its other settings are
    kept, and it may serve several connections to that URL.

    Raises:
        InvalidInputError: `client` already has another base URL.
    """
    wanted = httpx.URL(base_url)
    current_url = str(client.base_url).rstrip("/")
    if current_url and current_url != str(wanted).rstrip("/"):
        raise InvalidInputError("http_client", f"has base_url {current_url!r}, not {base_url!r}")
    client.base_url = wanted
    current = client.event_hooks
    for kind, hook in zip(("request", "response"), hooks, strict=True):
        if hook not in current.get(kind, []):
            current[kind] = [*current.get(kind, []), hook]
    client.event_hooks = current
