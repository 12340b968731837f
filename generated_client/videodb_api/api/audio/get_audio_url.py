from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.signed_url_response import SignedUrlResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    audio_id: str,
    *,
    collection_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["collection_id"] = collection_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/audio/{audio_id}/generate_url".format(
            audio_id=quote(str(audio_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | SignedUrlResponse | None:
    if response.status_code == 200:
        response_200 = SignedUrlResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | SignedUrlResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    audio_id: str,
    *,
    client: AuthenticatedClient,
    collection_id: str | Unset = UNSET,
) -> Response[ErrorResponse | SignedUrlResponse]:
    """Make a signed download URL for an audio

     Returns a signed URL that downloads the audio without the API key, until it expires.
    The URL may be on another origin than the API's: clients never send the API key to
    it. Making a URL starts no billable work; it may be repeated.

    Args:
        audio_id (str):
        collection_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SignedUrlResponse]
    """

    kwargs = _get_kwargs(
        audio_id=audio_id,
        collection_id=collection_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    audio_id: str,
    *,
    client: AuthenticatedClient,
    collection_id: str | Unset = UNSET,
) -> ErrorResponse | SignedUrlResponse | None:
    """Make a signed download URL for an audio

     Returns a signed URL that downloads the audio without the API key, until it expires.
    The URL may be on another origin than the API's: clients never send the API key to
    it. Making a URL starts no billable work; it may be repeated.

    Args:
        audio_id (str):
        collection_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SignedUrlResponse
    """

    return sync_detailed(
        audio_id=audio_id,
        client=client,
        collection_id=collection_id,
    ).parsed


async def asyncio_detailed(
    audio_id: str,
    *,
    client: AuthenticatedClient,
    collection_id: str | Unset = UNSET,
) -> Response[ErrorResponse | SignedUrlResponse]:
    """Make a signed download URL for an audio

     Returns a signed URL that downloads the audio without the API key, until it expires.
    The URL may be on another origin than the API's: clients never send the API key to
    it. Making a URL starts no billable work; it may be repeated.

    Args:
        audio_id (str):
        collection_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SignedUrlResponse]
    """

    kwargs = _get_kwargs(
        audio_id=audio_id,
        collection_id=collection_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    audio_id: str,
    *,
    client: AuthenticatedClient,
    collection_id: str | Unset = UNSET,
) -> ErrorResponse | SignedUrlResponse | None:
    """Make a signed download URL for an audio

     Returns a signed URL that downloads the audio without the API key, until it expires.
    The URL may be on another origin than the API's: clients never send the API key to
    it. Making a URL starts no billable work; it may be repeated.

    Args:
        audio_id (str):
        collection_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SignedUrlResponse
    """

    return (
        await asyncio_detailed(
            audio_id=audio_id,
            client=client,
            collection_id=collection_id,
        )
    ).parsed
