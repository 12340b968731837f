from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.image_response import ImageResponse
from ...models.video_thumbnail_request import VideoThumbnailRequest
from ...types import Response


def _get_kwargs(
    video_id: str,
    *,
    body: VideoThumbnailRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/video/{video_id}/thumbnail".format(
            video_id=quote(str(video_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ImageResponse | None:
    if response.status_code == 200:
        response_200 = ImageResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | ImageResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    video_id: str,
    *,
    client: AuthenticatedClient,
    body: VideoThumbnailRequest,
) -> Response[ErrorResponse | ImageResponse]:
    """Make a thumbnail of one moment of a video

     Makes an image of the video at `time` seconds (the published spec calls it
    `timestamp`; both are accepted), stored as an `Image` (`img-...`) of the video's
    collection. The time must lie within the video. Starts no billable work.

    Args:
        video_id (str):
        body (VideoThumbnailRequest): The moment to show, as `time` (the official clients) or
            `timestamp` (the published spec).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ImageResponse]
    """

    kwargs = _get_kwargs(
        video_id=video_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    video_id: str,
    *,
    client: AuthenticatedClient,
    body: VideoThumbnailRequest,
) -> ErrorResponse | ImageResponse | None:
    """Make a thumbnail of one moment of a video

     Makes an image of the video at `time` seconds (the published spec calls it
    `timestamp`; both are accepted), stored as an `Image` (`img-...`) of the video's
    collection. The time must lie within the video. Starts no billable work.

    Args:
        video_id (str):
        body (VideoThumbnailRequest): The moment to show, as `time` (the official clients) or
            `timestamp` (the published spec).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ImageResponse
    """

    return sync_detailed(
        video_id=video_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    video_id: str,
    *,
    client: AuthenticatedClient,
    body: VideoThumbnailRequest,
) -> Response[ErrorResponse | ImageResponse]:
    """Make a thumbnail of one moment of a video

     Makes an image of the video at `time` seconds (the published spec calls it
    `timestamp`; both are accepted), stored as an `Image` (`img-...`) of the video's
    collection. The time must lie within the video. Starts no billable work.

    Args:
        video_id (str):
        body (VideoThumbnailRequest): The moment to show, as `time` (the official clients) or
            `timestamp` (the published spec).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ImageResponse]
    """

    kwargs = _get_kwargs(
        video_id=video_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    video_id: str,
    *,
    client: AuthenticatedClient,
    body: VideoThumbnailRequest,
) -> ErrorResponse | ImageResponse | None:
    """Make a thumbnail of one moment of a video

     Makes an image of the video at `time` seconds (the published spec calls it
    `timestamp`; both are accepted), stored as an `Image` (`img-...`) of the video's
    collection. The time must lie within the video. Starts no billable work.

    Args:
        video_id (str):
        body (VideoThumbnailRequest): The moment to show, as `time` (the official clients) or
            `timestamp` (the published spec).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ImageResponse
    """

    return (
        await asyncio_detailed(
            video_id=video_id,
            client=client,
            body=body,
        )
    ).parsed
