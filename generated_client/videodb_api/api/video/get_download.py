from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.download_state import DownloadState
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    download_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/download/{download_id}".format(
            download_id=quote(str(download_id), safe=""),
        ),
    }

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
    download_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[DownloadState | ErrorResponse]:
    """Poll a download

     The state of a download job. While it runs, `status` is `processing`; when it is done
    `data.download_url` serves the MP4 (without the API key); a failed download has
    `success: false`, `data.status` `error` and a `message`.

    Args:
        download_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DownloadState | ErrorResponse]
    """

    kwargs = _get_kwargs(
        download_id=download_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    download_id: str,
    *,
    client: AuthenticatedClient,
) -> DownloadState | ErrorResponse | None:
    """Poll a download

     The state of a download job. While it runs, `status` is `processing`; when it is done
    `data.download_url` serves the MP4 (without the API key); a failed download has
    `success: false`, `data.status` `error` and a `message`.

    Args:
        download_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DownloadState | ErrorResponse
    """

    return sync_detailed(
        download_id=download_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    download_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[DownloadState | ErrorResponse]:
    """Poll a download

     The state of a download job. While it runs, `status` is `processing`; when it is done
    `data.download_url` serves the MP4 (without the API key); a failed download has
    `success: false`, `data.status` `error` and a `message`.

    Args:
        download_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DownloadState | ErrorResponse]
    """

    kwargs = _get_kwargs(
        download_id=download_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    download_id: str,
    *,
    client: AuthenticatedClient,
) -> DownloadState | ErrorResponse | None:
    """Poll a download

     The state of a download job. While it runs, `status` is `processing`; when it is done
    `data.download_url` serves the MP4 (without the API key); a failed download has
    `success: false`, `data.status` `error` and a `message`.

    Args:
        download_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DownloadState | ErrorResponse
    """

    return (
        await asyncio_detailed(
            download_id=download_id,
            client=client,
        )
    ).parsed
