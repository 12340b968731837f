from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.generate_music_request import GenerateMusicRequest
from ...models.generate_sound_effect_request import GenerateSoundEffectRequest
from ...models.generate_voice_request import GenerateVoiceRequest
from ...models.generation_started import GenerationStarted
from ...types import Response


def _get_kwargs(
    collection_id: str,
    *,
    body: GenerateMusicRequest | GenerateSoundEffectRequest | GenerateVoiceRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/collection/{collection_id}/generate/audio/".format(
            collection_id=quote(str(collection_id), safe=""),
        ),
    }

    if isinstance(body, GenerateMusicRequest) or isinstance(
        body, GenerateSoundEffectRequest
    ):
        _kwargs["json"] = body.to_dict()
    else:
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

    if response.status_code == 402:
        response_402 = ErrorResponse.from_dict(response.json())

        return response_402

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

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
    collection_id: str,
    *,
    client: AuthenticatedClient,
    body: GenerateMusicRequest | GenerateSoundEffectRequest | GenerateVoiceRequest,
) -> Response[ErrorResponse | GenerationStarted]:
    """Start generating audio from a prompt or a text

     Starts an asynchronous audio generation job and answers at once, as `generateVideo`
    does. One path makes three kinds, told apart by `audio_type`: `music` and
    `sound_effect` from a `prompt` and a `duration`, and `voice` speaking a `text`. The
    published spec's `speech` is accepted as another name of `voice`. The finished job's
    `data` is an `Audio`. No upper bound on a duration is documented.

    The official clients send this path without the trailing slash; servers answer both.
    Starting a generation is billable and not idempotent.

    Args:
        collection_id (str):
        body (GenerateMusicRequest | GenerateSoundEffectRequest | GenerateVoiceRequest): Music, a
            sound effect or a voice, told apart by `audio_type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GenerationStarted]
    """

    kwargs = _get_kwargs(
        collection_id=collection_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    body: GenerateMusicRequest | GenerateSoundEffectRequest | GenerateVoiceRequest,
) -> ErrorResponse | GenerationStarted | None:
    """Start generating audio from a prompt or a text

     Starts an asynchronous audio generation job and answers at once, as `generateVideo`
    does. One path makes three kinds, told apart by `audio_type`: `music` and
    `sound_effect` from a `prompt` and a `duration`, and `voice` speaking a `text`. The
    published spec's `speech` is accepted as another name of `voice`. The finished job's
    `data` is an `Audio`. No upper bound on a duration is documented.

    The official clients send this path without the trailing slash; servers answer both.
    Starting a generation is billable and not idempotent.

    Args:
        collection_id (str):
        body (GenerateMusicRequest | GenerateSoundEffectRequest | GenerateVoiceRequest): Music, a
            sound effect or a voice, told apart by `audio_type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GenerationStarted
    """

    return sync_detailed(
        collection_id=collection_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    body: GenerateMusicRequest | GenerateSoundEffectRequest | GenerateVoiceRequest,
) -> Response[ErrorResponse | GenerationStarted]:
    """Start generating audio from a prompt or a text

     Starts an asynchronous audio generation job and answers at once, as `generateVideo`
    does. One path makes three kinds, told apart by `audio_type`: `music` and
    `sound_effect` from a `prompt` and a `duration`, and `voice` speaking a `text`. The
    published spec's `speech` is accepted as another name of `voice`. The finished job's
    `data` is an `Audio`. No upper bound on a duration is documented.

    The official clients send this path without the trailing slash; servers answer both.
    Starting a generation is billable and not idempotent.

    Args:
        collection_id (str):
        body (GenerateMusicRequest | GenerateSoundEffectRequest | GenerateVoiceRequest): Music, a
            sound effect or a voice, told apart by `audio_type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GenerationStarted]
    """

    kwargs = _get_kwargs(
        collection_id=collection_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    collection_id: str,
    *,
    client: AuthenticatedClient,
    body: GenerateMusicRequest | GenerateSoundEffectRequest | GenerateVoiceRequest,
) -> ErrorResponse | GenerationStarted | None:
    """Start generating audio from a prompt or a text

     Starts an asynchronous audio generation job and answers at once, as `generateVideo`
    does. One path makes three kinds, told apart by `audio_type`: `music` and
    `sound_effect` from a `prompt` and a `duration`, and `voice` speaking a `text`. The
    published spec's `speech` is accepted as another name of `voice`. The finished job's
    `data` is an `Audio`. No upper bound on a duration is documented.

    The official clients send this path without the trailing slash; servers answer both.
    Starting a generation is billable and not idempotent.

    Args:
        collection_id (str):
        body (GenerateMusicRequest | GenerateSoundEffectRequest | GenerateVoiceRequest): Music, a
            sound effect or a voice, told apart by `audio_type`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GenerationStarted
    """

    return (
        await asyncio_detailed(
            collection_id=collection_id,
            client=client,
            body=body,
        )
    ).parsed
