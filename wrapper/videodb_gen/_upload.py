"""The upload of a long text prompt to a presigned URL, in the generated endpoints' shape.

A presigned upload URL (from ``GET /collection/{id}/upload_url``) is not an operation of the
API: it takes one ``multipart/form-data`` POST, field ``file``. This module gives it the shape
of a generated endpoint module (``sync_detailed`` and ``asyncio_detailed`` returning a
`Response`), so the engine sends it like any operation: with the same retries, timeouts, error
mapping, and the hooks that send the API key to the API's own origin only (a presigned URL on
another origin never gets it).
"""

from __future__ import annotations

from http import HTTPStatus

import attrs
import httpx
from videodb_api import Client
from videodb_api.types import Response

CONTENT_TYPE = "text/plain; charset=utf-8"


@attrs.frozen
class Uploaded:
    """The upload was taken (any 2xx answer)."""


def _files(name: str, content: str, content_type: str | None) -> dict[str, tuple[str, bytes, str]]:
    return {"file": (name, content.encode("utf-8"), content_type or CONTENT_TYPE)}


def _response(answer: httpx.Response) -> Response[Uploaded]:
    taken = 200 <= answer.status_code < 300
    return Response(
        status_code=HTTPStatus(answer.status_code),
        content=answer.content,
        headers=answer.headers,
        parsed=Uploaded() if taken else None,
    )


def sync_detailed(
    *,
    client: Client,
    upload_url: str,
    name: str,
    content: str,
    content_type: str | None = None,
) -> Response[Uploaded]:
    """POST `content` as the file `name` (of `content_type`, plain text by default) to
    `upload_url`."""
    files = _files(name, content, content_type)
    answer = client.get_httpx_client().post(upload_url, files=files)
    return _response(answer)


async def asyncio_detailed(
    *,
    client: Client,
    upload_url: str,
    name: str,
    content: str,
    content_type: str | None = None,
) -> Response[Uploaded]:
    """POST `content` as the file `name` (of `content_type`, plain text by default) to
    `upload_url`."""
    files = _files(name, content, content_type)
    answer = await client.get_async_httpx_client().post(upload_url, files=files)
    return _response(answer)
