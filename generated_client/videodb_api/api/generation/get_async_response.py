from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.job_complete import JobComplete
from ...models.job_done import JobDone
from ...models.job_failed import JobFailed
from ...models.job_running import JobRunning
from ...types import Response


def _get_kwargs(
    job_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/async-response/{job_id}".format(
            job_id=quote(str(job_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | JobComplete | JobDone | JobFailed | JobRunning | None:
    if response.status_code == 200:

        def _parse_response_200(
            data: object,
        ) -> JobComplete | JobDone | JobFailed | JobRunning:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_async_response_type_0 = JobDone.from_dict(data)

                return componentsschemas_async_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_async_response_type_1 = JobComplete.from_dict(data)

                return componentsschemas_async_response_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_async_response_type_2 = JobRunning.from_dict(data)

                return componentsschemas_async_response_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_async_response_type_3 = JobFailed.from_dict(data)

            return componentsschemas_async_response_type_3

        response_200 = _parse_response_200(response.json())

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
) -> Response[ErrorResponse | JobComplete | JobDone | JobFailed | JobRunning]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | JobComplete | JobDone | JobFailed | JobRunning]:
    """Poll a generation job

     Returns the state of a generation job. While it runs, `status` is `processing` or
    `in progress`, with `data.percentage` where known, and the answer may carry a
    `Retry-After` header. When it is finished what it made (a video, an image, a text or an
    audio) comes flat (`status: done`, `data`) or wrapped (`status: complete`, `response`). A failed job
    has
    `success: false` and a `message`, at the top level or inside `response`.

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JobComplete | JobDone | JobFailed | JobRunning]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | JobComplete | JobDone | JobFailed | JobRunning | None:
    """Poll a generation job

     Returns the state of a generation job. While it runs, `status` is `processing` or
    `in progress`, with `data.percentage` where known, and the answer may carry a
    `Retry-After` header. When it is finished what it made (a video, an image, a text or an
    audio) comes flat (`status: done`, `data`) or wrapped (`status: complete`, `response`). A failed job
    has
    `success: false` and a `message`, at the top level or inside `response`.

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JobComplete | JobDone | JobFailed | JobRunning
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | JobComplete | JobDone | JobFailed | JobRunning]:
    """Poll a generation job

     Returns the state of a generation job. While it runs, `status` is `processing` or
    `in progress`, with `data.percentage` where known, and the answer may carry a
    `Retry-After` header. When it is finished what it made (a video, an image, a text or an
    audio) comes flat (`status: done`, `data`) or wrapped (`status: complete`, `response`). A failed job
    has
    `success: false` and a `message`, at the top level or inside `response`.

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | JobComplete | JobDone | JobFailed | JobRunning]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | JobComplete | JobDone | JobFailed | JobRunning | None:
    """Poll a generation job

     Returns the state of a generation job. While it runs, `status` is `processing` or
    `in progress`, with `data.percentage` where known, and the answer may carry a
    `Retry-After` header. When it is finished what it made (a video, an image, a text or an
    audio) comes flat (`status: done`, `data`) or wrapped (`status: complete`, `response`). A failed job
    has
    `success: false` and a `message`, at the top level or inside `response`.

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | JobComplete | JobDone | JobFailed | JobRunning
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
        )
    ).parsed
