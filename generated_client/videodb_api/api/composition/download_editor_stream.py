from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.download_state import DownloadState
from ...models.editor_download_request import EditorDownloadRequest
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    *,
    body: EditorDownloadRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/editor/download",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DownloadState | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = DownloadState.from_dict(response.json())

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
) -> Response[DownloadState | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: EditorDownloadRequest,
) -> Response[DownloadState | ErrorResponse]:
    """An MP4 of a composed stream

     Answers with a download of a stream this API handed out (`stream_url`, a
    composition's or a video's), already done: `data.download_url` serves the MP4
    (H.264, with AAC where the stream has sound) without the API key; it is rendered when
    first fetched. Any other stream is answered with 404.

    Args:
        body (EditorDownloadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DownloadState | ErrorResponse]
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
    body: EditorDownloadRequest,
) -> DownloadState | ErrorResponse | None:
    """An MP4 of a composed stream

     Answers with a download of a stream this API handed out (`stream_url`, a
    composition's or a video's), already done: `data.download_url` serves the MP4
    (H.264, with AAC where the stream has sound) without the API key; it is rendered when
    first fetched. Any other stream is answered with 404.

    Args:
        body (EditorDownloadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DownloadState | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: EditorDownloadRequest,
) -> Response[DownloadState | ErrorResponse]:
    """An MP4 of a composed stream

     Answers with a download of a stream this API handed out (`stream_url`, a
    composition's or a video's), already done: `data.download_url` serves the MP4
    (H.264, with AAC where the stream has sound) without the API key; it is rendered when
    first fetched. Any other stream is answered with 404.

    Args:
        body (EditorDownloadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DownloadState | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: EditorDownloadRequest,
) -> DownloadState | ErrorResponse | None:
    """An MP4 of a composed stream

     Answers with a download of a stream this API handed out (`stream_url`, a
    composition's or a video's), already done: `data.download_url` serves the MP4
    (H.264, with AAC where the stream has sound) without the API key; it is rendered when
    first fetched. Any other stream is answered with 404.

    Args:
        body (EditorDownloadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DownloadState | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
