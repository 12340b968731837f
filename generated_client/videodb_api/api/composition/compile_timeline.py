from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.stream_response import StreamResponse
from ...models.timeline_request import TimelineRequest
from ...types import Response


def _get_kwargs(
    *,
    body: TimelineRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/timeline",
    }

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
    body: TimelineRequest,
) -> Response[ErrorResponse | StreamResponse]:
    """Compose videos, audio, images and texts into one stream (the classic timeline)

     Compiles a timeline into one HLS stream and answers at once with its URLs. Inline
    videos (`m-...`) play one after another, each trimmed to its `start` and `end`, with
    hard cuts; the composition lasts their sum. Overlays stand at `overlay_start` seconds
    from the composition's start: audio (`a-...`) is mixed in, trimmed and faded (muting
    the videos' own sound when `disable_other_tracks`); images (`img-...`) are drawn at
    `x`, `y`, `width` by `height`; texts are drawn with their `style` (the keys of
    FFmpeg's `drawtext`). Every asset must exist: an unknown one is answered with 404
    naming it. The same timeline always gives the same stream. Compiling starts no
    billable work.

    Args:
        body (TimelineRequest):

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
    body: TimelineRequest,
) -> ErrorResponse | StreamResponse | None:
    """Compose videos, audio, images and texts into one stream (the classic timeline)

     Compiles a timeline into one HLS stream and answers at once with its URLs. Inline
    videos (`m-...`) play one after another, each trimmed to its `start` and `end`, with
    hard cuts; the composition lasts their sum. Overlays stand at `overlay_start` seconds
    from the composition's start: audio (`a-...`) is mixed in, trimmed and faded (muting
    the videos' own sound when `disable_other_tracks`); images (`img-...`) are drawn at
    `x`, `y`, `width` by `height`; texts are drawn with their `style` (the keys of
    FFmpeg's `drawtext`). Every asset must exist: an unknown one is answered with 404
    naming it. The same timeline always gives the same stream. Compiling starts no
    billable work.

    Args:
        body (TimelineRequest):

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
    body: TimelineRequest,
) -> Response[ErrorResponse | StreamResponse]:
    """Compose videos, audio, images and texts into one stream (the classic timeline)

     Compiles a timeline into one HLS stream and answers at once with its URLs. Inline
    videos (`m-...`) play one after another, each trimmed to its `start` and `end`, with
    hard cuts; the composition lasts their sum. Overlays stand at `overlay_start` seconds
    from the composition's start: audio (`a-...`) is mixed in, trimmed and faded (muting
    the videos' own sound when `disable_other_tracks`); images (`img-...`) are drawn at
    `x`, `y`, `width` by `height`; texts are drawn with their `style` (the keys of
    FFmpeg's `drawtext`). Every asset must exist: an unknown one is answered with 404
    naming it. The same timeline always gives the same stream. Compiling starts no
    billable work.

    Args:
        body (TimelineRequest):

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
    body: TimelineRequest,
) -> ErrorResponse | StreamResponse | None:
    """Compose videos, audio, images and texts into one stream (the classic timeline)

     Compiles a timeline into one HLS stream and answers at once with its URLs. Inline
    videos (`m-...`) play one after another, each trimmed to its `start` and `end`, with
    hard cuts; the composition lasts their sum. Overlays stand at `overlay_start` seconds
    from the composition's start: audio (`a-...`) is mixed in, trimmed and faded (muting
    the videos' own sound when `disable_other_tracks`); images (`img-...`) are drawn at
    `x`, `y`, `width` by `height`; texts are drawn with their `style` (the keys of
    FFmpeg's `drawtext`). Every asset must exist: an unknown one is answered with 404
    naming it. The same timeline always gives the same stream. Compiling starts no
    billable work.

    Args:
        body (TimelineRequest):

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
