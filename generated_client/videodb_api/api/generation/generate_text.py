from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.generate_text_inline_request import GenerateTextInlineRequest
from ...models.generate_text_uploaded_request import GenerateTextUploadedRequest
from ...models.generation_started import GenerationStarted
from ...models.text_response import TextResponse
from ...types import Response


def _get_kwargs(
    collection_id: str,
    *,
    body: GenerateTextInlineRequest | GenerateTextUploadedRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/collection/{collection_id}/generate/text/".format(
            collection_id=quote(str(collection_id), safe=""),
        ),
    }

    if isinstance(body, GenerateTextInlineRequest):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | GenerationStarted | TextResponse | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> GenerationStarted | TextResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_generate_text_response_type_0 = (
                    GenerationStarted.from_dict(data)
                )

                return componentsschemas_generate_text_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_generate_text_response_type_1 = TextResponse.from_dict(
                data
            )

            return componentsschemas_generate_text_response_type_1

        response_200 = _parse_response_200(response.json())

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
) -> Response[ErrorResponse | GenerationStarted | TextResponse]:
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
    body: GenerateTextInlineRequest | GenerateTextUploadedRequest,
) -> Response[ErrorResponse | GenerationStarted | TextResponse]:
    """Generate text from a prompt

     Generates text (or a JSON object, with `response_type: json`). The answer is either a
    job, as `generateVideo` answers, whose finished `data` is a `GeneratedText`, or the
    `GeneratedText` at once in `data.output`.

    Request bodies over about 256 KB are refused by the API's gateway: a client uploads
    a longer prompt to a `getUploadUrl` URL and sends that URL as `prompt_url` instead of
    `prompt`. `model_name` is `basic`, `pro`, `ultra` or a hosted model's id; with
    `sandbox_id` (and `model_config`) the text is made on a dedicated inference sandbox.
    The official clients send this path without the trailing slash; servers answer both.
    Generating text is billable and not idempotent.

    Args:
        collection_id (str):
        body (GenerateTextInlineRequest | GenerateTextUploadedRequest): The prompt inline
            (`prompt`), or uploaded first (`prompt_url`, from `getUploadUrl`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GenerationStarted | TextResponse]
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
    body: GenerateTextInlineRequest | GenerateTextUploadedRequest,
) -> ErrorResponse | GenerationStarted | TextResponse | None:
    """Generate text from a prompt

     Generates text (or a JSON object, with `response_type: json`). The answer is either a
    job, as `generateVideo` answers, whose finished `data` is a `GeneratedText`, or the
    `GeneratedText` at once in `data.output`.

    Request bodies over about 256 KB are refused by the API's gateway: a client uploads
    a longer prompt to a `getUploadUrl` URL and sends that URL as `prompt_url` instead of
    `prompt`. `model_name` is `basic`, `pro`, `ultra` or a hosted model's id; with
    `sandbox_id` (and `model_config`) the text is made on a dedicated inference sandbox.
    The official clients send this path without the trailing slash; servers answer both.
    Generating text is billable and not idempotent.

    Args:
        collection_id (str):
        body (GenerateTextInlineRequest | GenerateTextUploadedRequest): The prompt inline
            (`prompt`), or uploaded first (`prompt_url`, from `getUploadUrl`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GenerationStarted | TextResponse
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
    body: GenerateTextInlineRequest | GenerateTextUploadedRequest,
) -> Response[ErrorResponse | GenerationStarted | TextResponse]:
    """Generate text from a prompt

     Generates text (or a JSON object, with `response_type: json`). The answer is either a
    job, as `generateVideo` answers, whose finished `data` is a `GeneratedText`, or the
    `GeneratedText` at once in `data.output`.

    Request bodies over about 256 KB are refused by the API's gateway: a client uploads
    a longer prompt to a `getUploadUrl` URL and sends that URL as `prompt_url` instead of
    `prompt`. `model_name` is `basic`, `pro`, `ultra` or a hosted model's id; with
    `sandbox_id` (and `model_config`) the text is made on a dedicated inference sandbox.
    The official clients send this path without the trailing slash; servers answer both.
    Generating text is billable and not idempotent.

    Args:
        collection_id (str):
        body (GenerateTextInlineRequest | GenerateTextUploadedRequest): The prompt inline
            (`prompt`), or uploaded first (`prompt_url`, from `getUploadUrl`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GenerationStarted | TextResponse]
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
    body: GenerateTextInlineRequest | GenerateTextUploadedRequest,
) -> ErrorResponse | GenerationStarted | TextResponse | None:
    """Generate text from a prompt

     Generates text (or a JSON object, with `response_type: json`). The answer is either a
    job, as `generateVideo` answers, whose finished `data` is a `GeneratedText`, or the
    `GeneratedText` at once in `data.output`.

    Request bodies over about 256 KB are refused by the API's gateway: a client uploads
    a longer prompt to a `getUploadUrl` URL and sends that URL as `prompt_url` instead of
    `prompt`. `model_name` is `basic`, `pro`, `ultra` or a hosted model's id; with
    `sandbox_id` (and `model_config`) the text is made on a dedicated inference sandbox.
    The official clients send this path without the trailing slash; servers answer both.
    Generating text is billable and not idempotent.

    Args:
        collection_id (str):
        body (GenerateTextInlineRequest | GenerateTextUploadedRequest): The prompt inline
            (`prompt`), or uploaded first (`prompt_url`, from `getUploadUrl`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | GenerationStarted | TextResponse
    """

    return (
        await asyncio_detailed(
            collection_id=collection_id,
            client=client,
            body=body,
        )
    ).parsed
