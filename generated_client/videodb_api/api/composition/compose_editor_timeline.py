from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.editor_inline_request import EditorInlineRequest
from ...models.editor_uploaded_request import EditorUploadedRequest
from ...models.error_response import ErrorResponse
from ...models.stream_response import StreamResponse
from ...types import Response


def _get_kwargs(
    *,
    body: EditorInlineRequest | EditorUploadedRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/editor",
    }

    if isinstance(body, EditorInlineRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | StreamResponse | None:
    if response.status_code == 200:
        response_200 = StreamResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | StreamResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: EditorInlineRequest | EditorUploadedRequest,
) -> Response[ErrorResponse | StreamResponse]:
    """Compose tracks of clips into one stream (the Editor)

     Renders an Editor timeline into one HLS stream and answers at once with its URLs.
    Tracks layer by `z_index` (higher on top; clips of a track by their own `z_index`,
    then in order); each clip shows its asset from its track's `start` for `duration`
    seconds, scaled (`scale`), fitted (`fit`), placed (`position`, `offset` in fractions of
    the frame) and blended (`opacity`). Audio and the videos' own sound follow `volume`.
    The composition lasts until its last clip ends. A large timeline may be uploaded
    first (`getUploadUrl`) and named by `timeline_url`. Every asset must exist: an unknown
    one is answered with 404 naming it. Caption assets need a spoken-word index, which
    this API does not make here. Composing starts no billable work.

    Args:
        body (EditorInlineRequest | EditorUploadedRequest): An Editor timeline, inline or uploaded
            (`timeline_url`, as the official clients send one over 100 KiB).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | StreamResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: EditorInlineRequest | EditorUploadedRequest,
) -> ErrorResponse | StreamResponse | None:
    """Compose tracks of clips into one stream (the Editor)

     Renders an Editor timeline into one HLS stream and answers at once with its URLs.
    Tracks layer by `z_index` (higher on top; clips of a track by their own `z_index`,
    then in order); each clip shows its asset from its track's `start` for `duration`
    seconds, scaled (`scale`), fitted (`fit`), placed (`position`, `offset` in fractions of
    the frame) and blended (`opacity`). Audio and the videos' own sound follow `volume`.
    The composition lasts until its last clip ends. A large timeline may be uploaded
    first (`getUploadUrl`) and named by `timeline_url`. Every asset must exist: an unknown
    one is answered with 404 naming it. Caption assets need a spoken-word index, which
    this API does not make here. Composing starts no billable work.

    Args:
        body (EditorInlineRequest | EditorUploadedRequest): An Editor timeline, inline or uploaded
            (`timeline_url`, as the official clients send one over 100 KiB).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | StreamResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: EditorInlineRequest | EditorUploadedRequest,
) -> Response[ErrorResponse | StreamResponse]:
    """Compose tracks of clips into one stream (the Editor)

     Renders an Editor timeline into one HLS stream and answers at once with its URLs.
    Tracks layer by `z_index` (higher on top; clips of a track by their own `z_index`,
    then in order); each clip shows its asset from its track's `start` for `duration`
    seconds, scaled (`scale`), fitted (`fit`), placed (`position`, `offset` in fractions of
    the frame) and blended (`opacity`). Audio and the videos' own sound follow `volume`.
    The composition lasts until its last clip ends. A large timeline may be uploaded
    first (`getUploadUrl`) and named by `timeline_url`. Every asset must exist: an unknown
    one is answered with 404 naming it. Caption assets need a spoken-word index, which
    this API does not make here. Composing starts no billable work.

    Args:
        body (EditorInlineRequest | EditorUploadedRequest): An Editor timeline, inline or uploaded
            (`timeline_url`, as the official clients send one over 100 KiB).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | StreamResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: EditorInlineRequest | EditorUploadedRequest,
) -> ErrorResponse | StreamResponse | None:
    """Compose tracks of clips into one stream (the Editor)

     Renders an Editor timeline into one HLS stream and answers at once with its URLs.
    Tracks layer by `z_index` (higher on top; clips of a track by their own `z_index`,
    then in order); each clip shows its asset from its track's `start` for `duration`
    seconds, scaled (`scale`), fitted (`fit`), placed (`position`, `offset` in fractions of
    the frame) and blended (`opacity`). Audio and the videos' own sound follow `volume`.
    The composition lasts until its last clip ends. A large timeline may be uploaded
    first (`getUploadUrl`) and named by `timeline_url`. Every asset must exist: an unknown
    one is answered with 404 naming it. Caption assets need a spoken-word index, which
    this API does not make here. Composing starts no billable work.

    Args:
        body (EditorInlineRequest | EditorUploadedRequest): An Editor timeline, inline or uploaded
            (`timeline_url`, as the official clients send one over 100 KiB).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | StreamResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
