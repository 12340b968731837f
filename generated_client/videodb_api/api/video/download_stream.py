from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.download_request import DownloadRequest
from ...models.error_response import ErrorResponse
from ...models.generation_started import GenerationStarted
from ...types import Response


def _get_kwargs(
    *,
    body: DownloadRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/download",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | GenerationStarted | None:
    if response.status_code == 200:
        response_200 = GenerationStarted.from_dict(response.json())

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
) -> Response[ErrorResponse | GenerationStarted]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: DownloadRequest,
) -> Response[ErrorResponse | GenerationStarted]:
    """Start making an MP4 of a stream

     Starts a job that makes a downloadable MP4 (H.264, with AAC where the stream has
    sound) of a stream this API handed out (`stream_link`), and answers at once with the
    job, whose `output_url` is `getDownload`'s URL. Any other stream is answered with 404.

    Args:
        body (DownloadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GenerationStarted]
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
    body: DownloadRequest,
) -> ErrorResponse | GenerationStarted | None:
    """Start making an MP4 of a stream

     Starts a job that makes a downloadable MP4 (H.264, with AAC where the stream has
    sound) of a stream this API handed out (`stream_link`), and answers at once with the
    job, whose `output_url` is `getDownload`'s URL. Any other stream is answered with 404.

    Args:
        body (DownloadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GenerationStarted
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DownloadRequest,
) -> Response[ErrorResponse | GenerationStarted]:
    """Start making an MP4 of a stream

     Starts a job that makes a downloadable MP4 (H.264, with AAC where the stream has
    sound) of a stream this API handed out (`stream_link`), and answers at once with the
    job, whose `output_url` is `getDownload`'s URL. Any other stream is answered with 404.

    Args:
        body (DownloadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GenerationStarted]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: DownloadRequest,
) -> ErrorResponse | GenerationStarted | None:
    """Start making an MP4 of a stream

     Starts a job that makes a downloadable MP4 (H.264, with AAC where the stream has
    sound) of a stream this API handed out (`stream_link`), and answers at once with the
    job, whose `output_url` is `getDownload`'s URL. Any other stream is answered with 404.

    Args:
        body (DownloadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GenerationStarted
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
