"""The table of the API's operations: what each calls, checks, accepts and returns.

An `Operation` names the generated client's function, whether it starts billable work (which
decides its retry policy), a check per argument, the response models it accepts and how its
answer becomes the SDK's result. The engine (`_async/_engine.py`) runs any of them the same
way, so adding an operation is one entry here and one public method on a resource. Paths for
errors and logs are the ones the generated client actually requested.

Every shape the API sends for a job is accepted: running (`processing` or `in progress`),
finished flat (`status: done` + `data`) or wrapped (`status: complete` + `response`), and failed
(`success: false` with a `message`, at the top level or inside `response`). What a finished
job made is converted by its model's type (`RESULTS`), so one poll serves every kind of job.
"""

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, Generic, Literal, TypeVar

import attrs
from videodb_api import models as api
from videodb_api.api import audio, collection, composition, generation, image, video
from videodb_api.types import UNSET, Unset

from . import _upload
from ._arguments import (
    Check,
    check_callback_url,
    check_file_name,
    check_http_url,
    check_id,
    check_json_object,
    check_language_code,
    check_max_tokens,
    check_model_name,
    check_optional_temperature,
    check_positive_int,
    check_prompt,
    check_seconds_in,
    check_text,
    check_text_prompt,
    check_timeline,
    check_video_duration,
    check_video_ref,
    describe,
    one_of,
    optional,
)
from ._exceptions import InvalidIdError, InvalidInputError
from ._results import (
    AudioInfo,
    CollectionInfo,
    DownloadResult,
    HostedJobRef,
    ImageInfo,
    JobState,
    StreamInfo,
    TextResult,
    VideoInfo,
)

ResultT_co = TypeVar("ResultT_co", covariant=True)
T = TypeVar("T")
R = TypeVar("R", bound=attrs.AttrsInstance)


_INIT_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _init_fields(model: type[Any]) -> tuple[str, ...]:
    """The names an attrs class takes, in order (read once per class: every call needs them)."""
    names = _INIT_FIELDS.get(model)
    if names is None:
        names = _INIT_FIELDS[model] = tuple(f.name for f in attrs.fields(model) if f.init)
    return names


def field_values(value: attrs.AttrsInstance) -> dict[str, Any]:
    """The fields `value`'s class takes, by name, as they are (`attrs.asdict` without
    recursing, for less work on every call)."""
    return {name: getattr(value, name) for name in _init_fields(type(value))}


@attrs.frozen(kw_only=True)
class Operation(Generic[ResultT_co]):
    """One operation of the API.

    Attributes:
        endpoint: The generated client's module for the operation.
        checks: The check of each argument, by the generated function's parameter name.
        body: The generated request model that takes the checked arguments that are not path
            or query parameters (None values are left unset); None when there is no body.
        answer: The response models a successful answer may parse to.
        read: The SDK's result from the parsed answer and the checked arguments.
        billable: Whether the operation starts billable work: it is then retried only when
            the request surely did not start it.
        constants: Body fields the operation always sends as they are (``audio_type``).
    """

    endpoint: ModuleType
    checks: Mapping[str, Check]
    answer: tuple[type[Any], ...]
    read: Callable[[Any, Mapping[str, Any]], ResultT_co]
    body: type[Any] | None = None
    billable: bool = False
    constants: Mapping[str, object] = attrs.field(factory=dict)

    def arguments(self, given: Mapping[str, object]) -> dict[str, Any]:
        """The generated function's keyword arguments from the caller's, each checked; one
        the caller left out is None (which an optional argument's check lets through).

        Raises:
            InvalidInputError: An argument breaks its rule.
        """
        checked = {name: check(name, given.get(name)) for name, check in self.checks.items()}
        if self.body is None:
            return checked
        fields = _init_fields(self.body)
        body = {k: UNSET if v is None else v for k, v in checked.items() if k in fields}
        body |= self.constants
        params = {k: v for k, v in checked.items() if k not in fields}
        return {**params, "body": self.body(**body)}

    def accepts(self, parsed: object) -> bool:
        """Whether `parsed` is one of the models a successful answer may parse to."""
        return isinstance(parsed, self.answer)


def _opt(value: T | Unset) -> T | None:
    return None if isinstance(value, Unset) else value


def _same_fields(model: object, result: type[R]) -> R:
    """A result class built from the generated model's fields of the same names (an unset
    field is None)."""
    return result(**{name: _opt(getattr(model, name)) for name in _init_fields(result)})


def text_output(text: api.GeneratedText) -> TextResult[Any]:
    """The text a generation made: a string, or the JSON object as a dict."""
    output = text.output if isinstance(text.output, str) else text.output.to_dict()
    return TextResult(output)


#: How the SDK's result is read from each kind of thing a job makes, by its generated model.
RESULTS: dict[type[Any], Callable[[Any], Any]] = {
    api.Video: lambda model: _same_fields(model, VideoInfo),
    api.Image: lambda model: _same_fields(model, ImageInfo),
    api.Audio: lambda model: _same_fields(model, AudioInfo),
    api.GeneratedText: text_output,
    api.HostedJob: lambda model: _same_fields(model, HostedJobRef),
}


def result_from(model: object) -> Any:
    """The SDK's result for what a finished job made.

    Raises:
        InvalidIdError: An id does not start with its kind's prefix.
        ValueError: No result type is known for the model, or a value breaks its rules.
    """
    if type(model) not in RESULTS:
        raise ValueError(f"no result type for {type(model).__name__}")
    return RESULTS[type(model)](model)


class UnreadableResultError(ValueError):
    """A finished job's result breaks the SDK's rules (a length below zero, say), or a done
    job sent nothing the SDK knows: the job has ended, and polling it again reads the same.
    The engine raises the `APIResponseValidationError` of such an answer from this (its
    ``__cause__``), so that a caller can tell it from an answer that may read well later."""


def _finished(job_id: str, model: object) -> JobState[Any]:
    """The state of job `job_id`, done, with what it made.

    Raises:
        InvalidIdError: An id does not start with its kind's prefix.
        UnreadableResultError: What it made breaks its rules.
    """
    try:
        result = result_from(model)
    except InvalidIdError:
        raise
    except ValueError as error:
        raise UnreadableResultError(str(error)) from error
    return JobState(id=job_id, status="done", percentage=100.0, result=result)


def sent_id(field: str, value: str) -> str:
    """An id the API sent, which the SDK will send back in a path: checked by the rules of an
    argument, as it is the API's fault when it breaks them.

    Raises:
        ValueError: It breaks them (the SDK's call then raises `APIResponseValidationError`).
    """
    try:
        return check_id(field, value)
    except InvalidInputError as error:
        what = field.replace("_", " ")
        raise ValueError(f"the API sent an unusable {what} {value!r}: it {error.rule}") from None


def accepted_job(answer: api.GenerationStarted, field: str = "job_id") -> JobState[Any]:
    """The state of a job the API has just accepted; `field` names its id.

    Raises:
        ValueError: The job's id cannot be sent back (`sent_id`).
    """
    return JobState(
        id=sent_id(field, answer.data.id),
        status="processing",
        output_url=answer.data.output_url,
        request_type=_opt(answer.request_type),
    )


PollAnswer = api.JobDone | api.JobComplete | api.JobRunning | api.JobFailed


def polled_job(job_id: str, answer: PollAnswer) -> JobState[Any]:
    """The state of job `job_id` from a poll answer, in any of its shapes.

    Raises:
        InvalidIdError: A finished job's result has an id without its kind's prefix.
        UnreadableResultError: A finished job's result breaks its rules.
    """
    if isinstance(answer, api.JobRunning):
        progress = _opt(answer.data)
        percentage = None if progress is None else _opt(progress.percentage)
        clamped = None if percentage is None else min(100.0, max(0.0, float(percentage)))
        return JobState(id=job_id, status="processing", percentage=clamped)
    ended = answer.response if isinstance(answer, api.JobComplete) else answer  # wrapped or flat
    if isinstance(ended, api.JobFailed | api.ErrorResponse):
        code = _opt(ended.error_code)
        return JobState(id=job_id, status="failed", message=ended.message, error_code=code)
    return _finished(job_id, ended.data)


def polled_hosted_job(job_id: str, answer: api.HostedJobState) -> JobState[Any]:
    """The state of hosted job `job_id` from its poll answer (``GET /job/{job_id}``).

    Raises:
        InvalidIdError: The image or audio it made has an id without its kind's prefix.
        UnreadableResultError: What it made breaks its rules, or a done job made nothing known.
    """
    status = answer.status
    if status == "processing":
        return JobState(id=job_id, status="processing")
    if status == "failed" or answer.success is False:
        message = _opt(answer.message) or f"the hosted job {job_id} failed"
        return JobState(id=job_id, status="failed", message=message)
    made = _opt(answer.data)
    if not isinstance(made, api.Image | api.Audio):
        raise UnreadableResultError(f"the hosted job {job_id} is done but sent no image or audio")
    return _finished(job_id, made)


def polled_download(answer: api.DownloadState) -> JobState[Any]:
    """The state of a download job from its poll answer (``GET /download/{id}``).

    Raises:
        ValueError: A done download has no ``download_url``.
    """
    data = answer.data
    if data.status == "processing":
        return JobState(id=data.id, status="processing")
    if data.status == "error" or answer.success is False:
        message = _opt(answer.message) or f"the download {data.id} failed"
        return JobState(id=data.id, status="failed", message=message)
    url = _opt(data.download_url)
    if url is None:
        raise ValueError(f"the download {data.id} is done but has no download_url")
    result = DownloadResult(id=data.id, download_url=url, name=_opt(data.name))
    return JobState(id=data.id, status="done", percentage=100.0, result=result)


def _generation(
    endpoint: ModuleType,
    body: type[Any],
    constants: Mapping[str, object] | None = None,
    /,
    **checks: Check,
) -> Operation[Any]:
    """An operation that starts a billable job in a collection: `checks` for the arguments
    between ``collection_id`` (in the path) and ``callback_url``; `constants` in the body."""
    return Operation(
        endpoint=endpoint,
        checks={"collection_id": check_id, **checks, "callback_url": check_callback_url},
        body=body,
        constants=constants or {},
        answer=(api.GenerationStarted,),
        read=lambda answer, _: accepted_job(answer),
        billable=True,
    )


def _stored(
    endpoint: ModuleType, id_name: str, answer: type[Any], read: Callable[[Any], Any]
) -> Operation[Any]:
    """A read about one item stored in a collection: its id (`id_name`) in the path, and
    ``collection_id`` in the query; `read` makes the result from the answer's ``data``."""
    return Operation(
        endpoint=endpoint,
        checks={id_name: check_id, "collection_id": check_id},
        answer=(answer,),
        read=lambda parsed, _: read(parsed.data),
    )


def _audio_config(field: str, value: object) -> api.AudioConfig:
    return api.AudioConfig.from_dict(check_json_object(field, value))


def _model_config(field: str, value: object) -> api.ModelConfig:
    return api.ModelConfig.from_dict(check_json_object(field, value))


GET_COLLECTION: Operation[CollectionInfo] = Operation(
    endpoint=collection.get_collection,
    checks={"collection_id": check_id},
    answer=(api.CollectionResponse,),
    read=lambda answer, _: _same_fields(answer.data, CollectionInfo),
)
GET_JOB: Operation[JobState[Any]] = Operation(
    endpoint=generation.get_async_response,
    checks={"job_id": check_id},
    answer=(api.JobDone, api.JobComplete, api.JobRunning, api.JobFailed),
    read=lambda answer, arguments: polled_job(arguments["job_id"], answer),
)
GENERATE_VIDEO: Operation[JobState[VideoInfo] | VideoInfo] = _generation(
    generation.generate_video,
    api.GenerateVideoRequest,
    prompt=check_prompt,
    duration=check_video_duration,
)
# Every video id starts with m-: any other cannot be found, so it is refused before any request.
GET_VIDEO: Operation[VideoInfo] = Operation(
    endpoint=video.get_video,
    checks={"video_id": check_video_ref, "collection_id": check_id},
    answer=(api.VideoResponse,),
    read=lambda answer, _: _same_fields(answer.data, VideoInfo),
)
GENERATE_IMAGE: Operation[JobState[ImageInfo] | ImageInfo] = _generation(
    generation.generate_image,
    api.GenerateImageRequest,
    prompt=check_prompt,
    aspect_ratio=one_of(api.AspectRatio),
    model_name=optional(check_model_name),
    config=optional(_model_config),
    sandbox_id=optional(check_id),
)
GET_IMAGE: Operation[ImageInfo] = _stored(
    image.get_image, "image_id", api.ImageResponse, lambda data: _same_fields(data, ImageInfo)
)
GET_IMAGE_URL: Operation[str] = _stored(
    image.get_image_url, "image_id", api.SignedUrlResponse, lambda data: data.signed_url
)
_TEXT_CHECKS: dict[str, Check] = {
    "collection_id": check_id,
    "model_name": check_model_name,
    "response_type": one_of(api.TextResponseType),
    "callback_url": check_callback_url,
    "sandbox_id": optional(check_id),
    "max_tokens": check_max_tokens,
    "temperature": check_optional_temperature,
    "model_config": optional(_model_config),
}


def _text(body: type[Any], prompt: str, check: Check) -> Operation[Any]:
    """`generateText` with the prompt in `body`'s field `prompt` (inline, or its URL)."""
    return Operation(
        endpoint=generation.generate_text,
        checks={"collection_id": check_id, prompt: check, **_TEXT_CHECKS},
        body=body,
        answer=(api.GenerationStarted, api.TextResponse),  # a job, or the text at once
        read=lambda answer, _: (
            text_output(answer.data)
            if isinstance(answer, api.TextResponse)
            else accepted_job(answer)
        ),
        billable=True,
    )


GENERATE_TEXT: Operation[JobState[TextResult[Any]] | TextResult[Any]] = _text(
    api.GenerateTextInlineRequest, "prompt", check_text_prompt
)
#: `generateText` for a prompt uploaded first (`GET_UPLOAD_URL`, `UPLOAD`).
GENERATE_TEXT_UPLOADED: Operation[JobState[TextResult[Any]] | TextResult[Any]] = _text(
    api.GenerateTextUploadedRequest, "prompt_url", check_http_url
)
GET_UPLOAD_URL: Operation[str] = Operation(
    endpoint=collection.get_upload_url,
    checks={"collection_id": check_id, "name": check_id},
    answer=(api.UploadUrlResponse,),
    read=lambda answer, _: answer.data.upload_url,
)
UploadType = Literal["text/plain; charset=utf-8", "application/json"]
UPLOAD: Operation[str] = Operation(
    endpoint=_upload,
    checks={
        "upload_url": check_http_url,
        "name": check_id,
        "content": check_text,
        "content_type": optional(one_of(UploadType)),
    },
    answer=(_upload.Uploaded,),
    read=lambda _, arguments: arguments["upload_url"],
)
# One path makes three kinds of audio; the body's `audio_type` tells them apart.
GENERATE_MUSIC: Operation[JobState[AudioInfo] | AudioInfo] = _generation(
    generation.generate_audio,
    api.GenerateMusicRequest,
    {"audio_type": "music"},
    prompt=check_prompt,
    duration=check_positive_int,
)
GENERATE_SOUND_EFFECT: Operation[JobState[AudioInfo] | AudioInfo] = _generation(
    generation.generate_audio,
    api.GenerateSoundEffectRequest,
    {"audio_type": "sound_effect"},
    prompt=check_prompt,
    duration=check_positive_int,
    config=optional(_audio_config),
)
GENERATE_VOICE: Operation[JobState[AudioInfo] | AudioInfo] = _generation(
    generation.generate_audio,
    api.GenerateVoiceRequest,
    {"audio_type": "voice"},  # as the official clients send; the spec's "speech" is the same
    text=check_prompt,
    voice_name=check_prompt,
    config=optional(_audio_config),
    model_name=optional(check_model_name),
    sandbox_id=optional(check_id),
    voice_clone_id=optional(check_id),
)
GET_AUDIO: Operation[AudioInfo] = _stored(
    audio.get_audio, "audio_id", api.AudioResponse, lambda data: _same_fields(data, AudioInfo)
)
GET_AUDIO_URL: Operation[str] = _stored(
    audio.get_audio_url, "audio_id", api.SignedUrlResponse, lambda data: data.signed_url
)
DUB_VIDEO: Operation[JobState[VideoInfo] | VideoInfo] = _generation(
    generation.dub_video,
    api.DubVideoRequest,
    video_id=check_video_ref,
    language_code=check_language_code,
)
GET_HOSTED_JOB: Operation[JobState[Any]] = Operation(
    endpoint=generation.get_job,
    checks={"job_id": check_id},
    answer=(api.HostedJobState,),
    read=lambda answer, arguments: polled_hosted_job(arguments["job_id"], answer),
)


def _parts(field: str, value: object) -> list[list[float]]:
    # The video's own call checks the parts against its length first; here only their shape.
    return check_timeline(field, value, None)


def _moment(field: str, value: object) -> float:
    return check_seconds_in(field, value, None)


GENERATE_VIDEO_STREAM: Operation[str] = Operation(
    endpoint=video.generate_video_stream,
    checks={
        "video_id": check_id,
        "timeline": _parts,
        "length": optional(_moment),
    },
    body=api.VideoStreamRequest,
    answer=(api.StreamResponse,),
    read=lambda answer, _: answer.data.stream_url,
)
GET_VIDEO_THUMBNAIL: Operation[str] = Operation(
    endpoint=video.get_video_thumbnail,
    checks={"video_id": check_id},
    answer=(api.ThumbnailResponse,),
    read=lambda answer, _: answer.data.thumbnail_url,
)
GENERATE_VIDEO_THUMBNAIL: Operation[ImageInfo] = Operation(
    endpoint=video.generate_video_thumbnail,
    checks={"video_id": check_id, "time": _moment},
    body=api.VideoThumbnailRequest,
    answer=(api.ImageResponse,),
    read=lambda answer, _: _same_fields(answer.data, ImageInfo),
)
DOWNLOAD_STREAM: Operation[JobState[Any]] = Operation(
    endpoint=video.download_stream,
    checks={"stream_link": check_http_url, "name": optional(check_file_name)},
    body=api.DownloadRequest,
    answer=(api.GenerationStarted,),
    read=lambda answer, _: accepted_job(answer, "download_id"),
)
GET_DOWNLOAD: Operation[JobState[Any]] = Operation(
    endpoint=video.get_download,
    checks={"download_id": check_id},
    answer=(api.DownloadState,),
    read=lambda answer, _: polled_download(answer),
)


# Composition. A composition's JSON is made and checked by its values (`videodb_gen.asset`,
# `videodb_gen.editor`); here it becomes the generated request models, by the kind of each item.
#: The generated model of a classic timeline's item, by its asset id's prefix.
_TIMELINE_ITEMS: tuple[tuple[str, type[Any]], ...] = (
    ("m-", api.TimelineVideo),
    ("a-", api.TimelineAudioOverlay),
    ("img-", api.TimelineImageOverlay),
    ("txt-", api.TimelineTextOverlay),
)
#: The most items a classic timeline may hold, as the spec says.
MAX_TIMELINE_ITEMS = 1000


def _model(field: str, model: type[T], data: object) -> T:
    """`data`, a JSON object, as the generated `model`.

    Raises:
        InvalidInputError: It is not one `model` can read.
    """
    if not isinstance(data, dict):
        raise InvalidInputError(field, f"must be a JSON object, got {describe(data)}")
    try:
        parsed: T = model.from_dict(data)  # type: ignore[attr-defined]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InvalidInputError(field, f"is not a {model.__name__} ({error!r})") from None
    return parsed


def _timeline_items(field: str, value: object) -> list[Any]:
    """A classic timeline's items (`Timeline.to_json`'s), as the generated models."""
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_TIMELINE_ITEMS:
        rule = f"must be a list of 1 to {MAX_TIMELINE_ITEMS} items, got {describe(value)}"
        raise InvalidInputError(field, rule)
    items = []
    for index, item in enumerate(value):
        where = f"{field}[{index}]"
        asset = item.get("asset_id") if isinstance(item, dict) else None
        kinds = _TIMELINE_ITEMS if isinstance(asset, str) else ()
        model = next((m for prefix, m in kinds if str(asset).startswith(prefix)), None)
        if model is None:
            raise InvalidInputError(f"{where}.asset_id", f"is of no known kind: {describe(asset)}")
        items.append(_model(where, model, item))
    return items


def _editor_timeline(field: str, value: object) -> api.EditorTimeline:
    return _model(field, api.EditorTimeline, value)


def _stream(answer: api.StreamResponse) -> StreamInfo:
    return StreamInfo(stream_url=answer.data.stream_url, player_url=_opt(answer.data.player_url))


COMPILE_TIMELINE: Operation[StreamInfo] = Operation(
    endpoint=composition.compile_timeline,
    checks={"timeline": _timeline_items},
    body=api.TimelineRequest,
    constants={"request_type": "compile"},
    answer=(api.StreamResponse,),
    read=lambda answer, _: _stream(answer),
)
COMPOSE_EDITOR_TIMELINE: Operation[StreamInfo] = Operation(
    endpoint=composition.compose_editor_timeline,
    checks={"timeline": _editor_timeline},
    body=api.EditorInlineRequest,
    answer=(api.StreamResponse,),
    read=lambda answer, _: _stream(answer),
)
#: `composeEditorTimeline` for a timeline uploaded first (`GET_UPLOAD_URL`, `UPLOAD`).
COMPOSE_EDITOR_TIMELINE_UPLOADED: Operation[StreamInfo] = Operation(
    endpoint=composition.compose_editor_timeline,
    checks={"timeline_url": check_http_url},
    body=api.EditorUploadedRequest,
    answer=(api.StreamResponse,),
    read=lambda answer, _: _stream(answer),
)
# Answered done at once, as the spec says; a download still running is polled as any other.
DOWNLOAD_EDITOR_STREAM: Operation[JobState[Any]] = Operation(
    endpoint=composition.download_editor_stream,
    checks={"stream_url": check_http_url},
    body=api.EditorDownloadRequest,
    answer=(api.DownloadState,),
    read=lambda answer, _: polled_download(answer),
)
