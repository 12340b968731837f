"""The spec itself: valid OpenAPI, the four operations, and schemas that say what the API does."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from openapi_schema_validator import OAS31Validator, oas31_format_checker
from openapi_spec_validator import validate
from videodb_gen import _composition_operations as composition_operations
from videodb_gen import _operations as operations
from videodb_gen._operations import Operation

from tests._servers import SPEC

OPERATIONS = {
    ("get", "/collection/{collection_id}"): "getCollection",
    ("post", "/collection/{collection_id}/generate/video/"): "generateVideo",
    ("get", "/async-response/{job_id}"): "getAsyncResponse",
    ("get", "/video/{video_id}"): "getVideo",
    ("post", "/collection/{collection_id}/generate/image/"): "generateImage",
    ("get", "/image/{image_id}"): "getImage",
    ("post", "/image/{image_id}/generate_url"): "getImageUrl",
    ("post", "/collection/{collection_id}/generate/text/"): "generateText",
    ("post", "/collection/{collection_id}/generate/audio/"): "generateAudio",
    ("get", "/audio/{audio_id}"): "getAudio",
    ("post", "/audio/{audio_id}/generate_url"): "getAudioUrl",
    ("post", "/collection/{collection_id}/generate/video/dub"): "dubVideo",
    ("get", "/collection/{collection_id}/upload_url"): "getUploadUrl",
    ("get", "/job/{job_id}"): "getJob",
    ("post", "/video/{video_id}/stream"): "generateVideoStream",
    ("get", "/video/{video_id}/thumbnail"): "getVideoThumbnail",
    ("post", "/video/{video_id}/thumbnail"): "generateVideoThumbnail",
    ("post", "/download"): "downloadStream",
    ("get", "/download/{download_id}"): "getDownload",
    ("post", "/timeline"): "compileTimeline",
    ("post", "/editor"): "composeEditorTimeline",
    ("post", "/editor/download"): "downloadEditorStream",
}

VIDEO = {
    "id": "m-abc",
    "collection_id": "default",
    "name": "n",
    "description": None,
    "stream_url": "https://stream.videodb.io/v3/x.m3u8",
    "player_url": "https://console.videodb.io/player?url=x",
    "thumbnail_url": None,
    "length": 6.0,
    "created_at": "2026-11-25T10:00:00Z",
}


def schema_validator(spec: dict[str, Any], name: str) -> OAS31Validator:
    """A validator for one component schema, resolving `$ref`s inside the spec."""
    root = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    return OAS31Validator(root, format_checker=oas31_format_checker)


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def media_examples(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """Every (where, schema, example value) pair of the spec's request and response bodies,
    callbacks included."""

    def from_content(
        where: str, content: dict[str, Any]
    ) -> Iterator[tuple[str, dict[str, Any], Any]]:
        for media_type, media in content.items():
            if "example" in media:
                yield f"{where} {media_type}", media["schema"], media["example"]
            for name, example in media.get("examples", {}).items():
                yield (
                    f"{where} {media_type} {name}",
                    media["schema"],
                    resolve(spec, example)["value"],
                )

    def from_operation(where: str, op: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], Any]]:
        if "requestBody" in op:
            yield from from_content(f"{where} request", resolve(spec, op["requestBody"])["content"])
        for status, response in op["responses"].items():
            yield from from_content(f"{where} {status}", resolve(spec, response).get("content", {}))
        for cb_name, callback in op.get("callbacks", {}).items():
            for expression, cb_item in callback.items():
                for method, cb_op in cb_item.items():
                    yield from from_operation(
                        f"{where} callback {cb_name} {expression} {method}", cb_op
                    )

    for path, item in spec["paths"].items():
        for method, op in item.items():
            yield from from_operation(f"{method.upper()} {path}", op)


def test_spec_is_valid_openapi() -> None:
    validate(__import__("yaml").safe_load(SPEC.read_text()))


def test_exactly_the_known_operations_with_ids_tags_and_auth(spec: dict[str, Any]) -> None:
    found = {
        (method, path): op["operationId"]
        for path, item in spec["paths"].items()
        for method, op in item.items()
    }
    assert found == OPERATIONS
    scheme = spec["components"]["securitySchemes"]["apiKey"]
    assert scheme == scheme | {"type": "apiKey", "in": "header", "name": "x-access-token"}
    for path, item in spec["paths"].items():
        for op in item.values():
            assert op["tags"], path
            assert op["security"] == [{"apiKey": []}], path


@pytest.mark.parametrize("status", ["400", "401", "404", "429", "500", "503"])
def test_every_operation_documents_the_json_error_body(spec: dict[str, Any], status: str) -> None:
    for path, item in spec["paths"].items():
        for op in item.values():
            response = resolve(spec, op["responses"][status])
            schema = response["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, (path, status)


def test_generation_documents_402_and_422(spec: dict[str, Any]) -> None:
    responses = spec["paths"]["/collection/{collection_id}/generate/video/"]["post"]["responses"]
    assert {"402", "422"} <= responses.keys()


def test_every_example_is_valid_against_its_schema(spec: dict[str, Any]) -> None:
    checked = 0
    for where, schema, value in media_examples(spec):
        validator = OAS31Validator(
            {**schema, "components": spec["components"]}, format_checker=oas31_format_checker
        )
        errors = [e.message for e in validator.iter_errors(value)]
        assert not errors, f"{where}: {errors}"
        checked += 1
    assert checked >= 20  # every body has examples; a walk that finds few has gone wrong


@pytest.mark.parametrize("kind", ["video/", "image/", "text/", "audio/", "video/dub"])
def test_links_drive_the_stateful_workflow(spec: dict[str, Any], kind: str) -> None:
    generate = spec["paths"][f"/collection/{{collection_id}}/generate/{kind}"]["post"]
    (link,) = generate["responses"]["200"]["links"].values()
    assert link == link | {
        "operationId": "getAsyncResponse",
        "parameters": {"job_id": "$response.body#/data/id"},
    }


@pytest.mark.parametrize(
    ("read", "param"),
    [("getVideo", "video_id"), ("getImage", "image_id"), ("getAudio", "audio_id")],
)
def test_a_finished_job_links_to_what_it_made(spec: dict[str, Any], read: str, param: str) -> None:
    poll_links = spec["paths"]["/async-response/{job_id}"]["get"]["responses"]["200"]["links"]
    reads = [link for link in poll_links.values() if link["operationId"] == read]
    assert {link["parameters"][param] for link in reads} == {
        "$response.body#/data/id",
        "$response.body#/response/data/id",
    }


@pytest.mark.parametrize("kind", ["image", "audio"])
def test_a_stored_item_links_to_its_download_url(spec: dict[str, Any], kind: str) -> None:
    links = spec["paths"][f"/{kind}/{{{kind}_id}}"]["get"]["responses"]["200"]["links"]
    (link,) = links.values()
    assert link["operationId"] == f"get{kind.title()}Url"
    assert link["parameters"][f"{kind}_id"] == "$response.body#/data/id"


def test_callback_describes_the_webhook(spec: dict[str, Any]) -> None:
    callbacks = spec["paths"]["/collection/{collection_id}/generate/video/"]["post"]["callbacks"]
    (callback,) = callbacks.values()
    body = callback["{$request.body#/callback_url}"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/GenerationResult"
    }


# --- the shapes the real API sends must validate; what it cannot send must not -----------------

ASYNC_ACCEPTED = {
    "running, processing": {"success": True, "status": "processing", "data": {"percentage": 40}},
    "running, in progress": {"success": True, "status": "in progress", "data": {}},
    "running, no data": {"status": "processing"},
    "done, flat": {"success": True, "status": "done", "data": VIDEO},
    "done, flat, length as string": {
        "success": True,
        "status": "done",
        "data": VIDEO | {"length": "6.5"},
    },
    "complete, wrapped": {"status": "complete", "response": {"success": True, "data": VIDEO}},
    "failed, flat": {"success": False, "status": "failed", "message": "boom"},
    "failed, wrapped": {"status": "complete", "response": {"success": False, "message": "boom"}},
}

ASYNC_REJECTED = {
    "done without a video": {"success": True, "status": "done"},
    "done with data null": {"success": True, "status": "done", "data": None},
    "running with data null": {"success": True, "status": "processing", "data": None},
    "done with a video id that is not m-": {
        "success": True,
        "status": "done",
        "data": VIDEO | {"id": "v-1"},
    },
    "done with a non-numeric length": {
        "success": True,
        "status": "done",
        "data": VIDEO | {"length": "six"},
    },
    "complete without a response": {"status": "complete"},
    "failed without a message": {"success": False, "status": "failed"},
    "an unknown status": {"success": True, "status": "queued"},
}


@pytest.mark.parametrize("body", ASYNC_ACCEPTED.values(), ids=ASYNC_ACCEPTED.keys())
def test_async_response_accepts_what_the_api_sends(
    spec: dict[str, Any], body: dict[str, Any]
) -> None:
    assert schema_validator(spec, "AsyncResponse").is_valid(body)


@pytest.mark.parametrize("body", ASYNC_REJECTED.values(), ids=ASYNC_REJECTED.keys())
def test_async_response_rejects_what_the_api_cannot_send(
    spec: dict[str, Any], body: dict[str, Any]
) -> None:
    assert not schema_validator(spec, "AsyncResponse").is_valid(body)


REQUEST_ACCEPTED = {
    "prompt only": {"prompt": "p"},
    "duration 5": {"prompt": "p", "duration": 5},
    "duration 8": {"prompt": "p", "duration": 8},
    "callback null": {"prompt": "p", "callback_url": None},
    "callback https": {"prompt": "p", "callback_url": "https://example.com/hook"},
}

REQUEST_REJECTED = {
    "no prompt": {"duration": 5},
    "empty prompt": {"prompt": ""},
    "duration 4": {"prompt": "p", "duration": 4},
    "duration 9": {"prompt": "p", "duration": 9},
    "duration float": {"prompt": "p", "duration": 5.5},
    "duration string": {"prompt": "p", "duration": "5"},
    "duration bool": {"prompt": "p", "duration": True},
    "relative callback": {"prompt": "p", "callback_url": "/hook"},
    "unknown property": {"prompt": "p", "style": "noir"},
}


@pytest.mark.parametrize("body", REQUEST_ACCEPTED.values(), ids=REQUEST_ACCEPTED.keys())
def test_generate_request_accepts_valid_bodies(spec: dict[str, Any], body: dict[str, Any]) -> None:
    assert schema_validator(spec, "GenerateVideoRequest").is_valid(body)


@pytest.mark.parametrize("body", REQUEST_REJECTED.values(), ids=REQUEST_REJECTED.keys())
def test_generate_request_rejects_invalid_bodies(
    spec: dict[str, Any], body: dict[str, Any]
) -> None:
    assert not schema_validator(spec, "GenerateVideoRequest").is_valid(body)


def test_generate_request_defaults_duration_to_5(spec: dict[str, Any]) -> None:
    duration = spec["components"]["schemas"]["GenerateVideoRequest"]["properties"]["duration"]
    assert duration["default"] == 5


# --- the rest of the family: what the official clients send is valid; what no client may is not

AUDIO = {"id": "a-1", "collection_id": "default", "name": "n", "length": 5.0}
FAMILY_ACCEPTED = {
    "music, as the clients send it": (
        "GenerateAudioRequest",
        {"prompt": "p", "duration": 5, "audio_type": "music", "callback_url": None},
    ),
    "sound effect": (
        "GenerateAudioRequest",
        {"prompt": "p", "duration": 2, "audio_type": "sound_effect", "config": {}},
    ),
    "voice, with the Python client's extras": (
        "GenerateAudioRequest",
        {
            "text": "Hello there",
            "audio_type": "voice",
            "voice_name": "Default",
            "config": {},
            "callback_url": None,
            "model_name": "elevenlabs",
            "sandbox_id": None,
            "voice_clone_id": None,
        },
    ),
    "voice as the published spec names it": (
        "GenerateAudioRequest",
        {"text": "Hello", "audio_type": "speech"},
    ),
    "a long music": (
        "GenerateAudioRequest",
        {"prompt": "p", "duration": 3600, "audio_type": "music"},
    ),
    "dub into Spanish": ("DubVideoRequest", {"video_id": "m-1", "language_code": "es"}),
    "dub into a region": ("DubVideoRequest", {"video_id": "m-1", "language_code": "en_us"}),
    "image, with the Python client's extras": (
        "GenerateImageRequest",
        {"prompt": "p", "aspect_ratio": "9:16", "callback_url": None, "config": {"steps": 4}},
    ),
    "text, as the Python client sends it": (
        "GenerateTextRequest",
        {
            "prompt": "p",
            "model_name": "basic",
            "response_type": "text",
            "callback_url": None,
            "sandbox_id": None,
            "max_tokens": None,
            "temperature": None,
            "model_config": None,
        },
    ),
    "an audio, done": ("AsyncResponse", {"success": True, "status": "done", "data": AUDIO}),
    "text from a hosted model, with an uploaded prompt": (
        "GenerateTextRequest",
        {"prompt_url": "https://uploads.example.net/u-1", "model_name": "Qwen/Qwen3.5-9B"},
    ),
    "a hosted model's job, as a generation's result": (
        "AsyncResponse",
        {"success": True, "status": "done", "data": {"job_id": "hj-1", "job_type": "tts"}},
    ),
    "a hosted model's job, done": (
        "HostedJobState",
        {"success": True, "status": "done", "data": AUDIO},
    ),
    "a stream of parts, as the official clients send it": (
        "VideoStreamRequest",
        {"timeline": [[0, 2], [3, 5.5]], "length": 6.0},
    ),
    "the whole stream, as the Node client sends it": ("VideoStreamRequest", {"length": None}),
    "a thumbnail, as the published spec names its time": (
        "VideoThumbnailRequest",
        {"timestamp": 2},
    ),
    "a download, done": (
        "DownloadState",
        {
            "success": True,
            "status": "done",
            "data": {"id": "dl-1", "status": "done", "download_url": "https://x.example/a.mp4"},
        },
    ),
}
FAMILY_REJECTED = {
    "music without a prompt": ("GenerateAudioRequest", {"duration": 5, "audio_type": "music"}),
    "music of 0 s": ("GenerateAudioRequest", {"prompt": "p", "duration": 0, "audio_type": "music"}),
    "music of 1.5 s": (
        "GenerateAudioRequest",
        {"prompt": "p", "duration": 1.5, "audio_type": "music"},
    ),
    "voice without text": ("GenerateAudioRequest", {"prompt": "p", "audio_type": "voice"}),
    "an unknown kind": ("GenerateAudioRequest", {"prompt": "p", "audio_type": "podcast"}),
    "no kind": ("GenerateAudioRequest", {"prompt": "p", "duration": 5}),
    "dub of a non-video": ("DubVideoRequest", {"video_id": "img-1", "language_code": "es"}),
    "dub into upper case": ("DubVideoRequest", {"video_id": "m-1", "language_code": "EN"}),
    "dub into a name": ("DubVideoRequest", {"video_id": "m-1", "language_code": "spanish"}),
    "an aspect ratio of 2:1": ("GenerateImageRequest", {"prompt": "p", "aspect_ratio": "2:1"}),
    "a temperature of 3": ("GenerateTextRequest", {"prompt": "p", "temperature": 3}),
    "0 tokens": ("GenerateTextRequest", {"prompt": "p", "max_tokens": 0}),
    "an empty model name": ("GenerateTextRequest", {"prompt": "p", "model_name": ""}),
    "neither a prompt nor its URL": ("GenerateTextRequest", {"model_name": "basic"}),
    "a stream part past a day": ("VideoStreamRequest", {"timeline": [[0, 86401]]}),
    "a stream part of three numbers": ("VideoStreamRequest", {"timeline": [[0, 1, 2]]}),
    "a negative thumbnail time": ("VideoThumbnailRequest", {"time": -1}),
    "a download without its stream": ("DownloadRequest", {"name": "x"}),
    "a hosted job of another type": ("HostedJob", {"job_id": "hj-1", "job_type": "video"}),
    "an audio id that is not a-": (
        "AsyncResponse",
        {"success": True, "status": "done", "data": AUDIO | {"id": "x-1"}},
    ),
}


@pytest.mark.parametrize(("schema", "body"), FAMILY_ACCEPTED.values(), ids=FAMILY_ACCEPTED.keys())
def test_the_family_s_requests_and_results_validate(
    spec: dict[str, Any], schema: str, body: dict[str, Any]
) -> None:
    assert schema_validator(spec, schema).is_valid(body)


@pytest.mark.parametrize(("schema", "body"), FAMILY_REJECTED.values(), ids=FAMILY_REJECTED.keys())
def test_the_family_s_invalid_requests_and_results_do_not(
    spec: dict[str, Any], schema: str, body: dict[str, Any]
) -> None:
    assert not schema_validator(spec, schema).is_valid(body)


def test_the_sdk_s_billable_operations_are_the_ones_the_spec_marks(spec: dict[str, Any]) -> None:
    marked = {
        op["operationId"]: op.get("x-billable", False)
        for item in spec["paths"].values()
        for op in item.values()
    }
    names = {**vars(operations), **vars(composition_operations)}
    table = [value for value in names.values() if isinstance(value, Operation)]
    # The upload to a presigned URL is not an operation of the API: it has no operation id.
    table = [op for op in table if op.endpoint.__name__.startswith("videodb_api.")]
    assert len(table) >= len(marked)
    for op in table:
        module = op.endpoint.__name__.rsplit(".", 1)[-1]
        first, *rest = module.split("_")
        operation_id = first + "".join(word.title() for word in rest)
        assert op.billable == marked[operation_id], operation_id
    assert {name for name, billable in marked.items() if billable} == {
        "generateVideo",
        "generateImage",
        "generateText",
        "generateAudio",
        "dubVideo",
    }
