from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.upload_url_response import UploadUrlResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    collection_id: str,
    *,
    name: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["name"] = name

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/collection/{collection_id}/upload_url".format(
            collection_id=quote(str(collection_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | UploadUrlResponse | None:
    if response.status_code == 200:
        response_200 = UploadUrlResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | UploadUrlResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    name: str | Unset = UNSET,
) -> Response[ErrorResponse | UploadUrlResponse]:
    """Make a presigned URL to upload a file to

     Returns a presigned URL that takes one file, POSTed to it as `multipart/form-data`
    (the field `file`) without the API key. The official Python client uses it for a
    `generateText` prompt over 250 KiB: it uploads the prompt, then sends the URL as
    `prompt_url` instead of `prompt`. An upload is bounded like any request body. Making a
    URL starts no billable work.

    Args:
        collection_id (str):
        name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UploadUrlResponse]
    """

    kwargs = _get_kwargs(
        collection_id=collection_id,
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    name: str | Unset = UNSET,
) -> ErrorResponse | UploadUrlResponse | None:
    """Make a presigned URL to upload a file to

     Returns a presigned URL that takes one file, POSTed to it as `multipart/form-data`
    (the field `file`) without the API key. The official Python client uses it for a
    `generateText` prompt over 250 KiB: it uploads the prompt, then sends the URL as
    `prompt_url` instead of `prompt`. An upload is bounded like any request body. Making a
    URL starts no billable work.

    Args:
        collection_id (str):
        name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UploadUrlResponse
    """

    return sync_detailed(
        collection_id=collection_id,
        client=client,
        name=name,
    ).parsed


async def asyncio_detailed(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    name: str | Unset = UNSET,
) -> Response[ErrorResponse | UploadUrlResponse]:
    """Make a presigned URL to upload a file to

     Returns a presigned URL that takes one file, POSTed to it as `multipart/form-data`
    (the field `file`) without the API key. The official Python client uses it for a
    `generateText` prompt over 250 KiB: it uploads the prompt, then sends the URL as
    `prompt_url` instead of `prompt`. An upload is bounded like any request body. Making a
    URL starts no billable work.

    Args:
        collection_id (str):
        name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | UploadUrlResponse]
    """

    kwargs = _get_kwargs(
        collection_id=collection_id,
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    name: str | Unset = UNSET,
) -> ErrorResponse | UploadUrlResponse | None:
    """Make a presigned URL to upload a file to

     Returns a presigned URL that takes one file, POSTed to it as `multipart/form-data`
    (the field `file`) without the API key. The official Python client uses it for a
    `generateText` prompt over 250 KiB: it uploads the prompt, then sends the URL as
    `prompt_url` instead of `prompt`. An upload is bounded like any request body. Making a
    URL starts no billable work.

    Args:
        collection_id (str):
        name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | UploadUrlResponse
    """

    return (
        await asyncio_detailed(
            collection_id=collection_id,
            client=client,
            name=name,
        )
    ).parsed
