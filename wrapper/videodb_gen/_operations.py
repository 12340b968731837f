"""The table of the API's operations: what each calls, checks, accepts and returns.

An `Operation` names the generated client's function, whether it starts billable work (which
decides its retry policy), a check per argument, the response models it accepts and how its
answer becomes the SDK's result. The engine (`_async/_engine.py`) runs any of them the same
way, so adding an operation is one entry here and one public method on a resource. Paths for
errors and logs are the ones the generated client actually requested.

Every shape the API sends for a job is accepted: running (`processing` or `in progress`),
finished flat (`status: done` + `data`) or wrapped (`status: complete` + `response`), and failed
(`success: false` with a `message`, at the top level or inside `response`). What a finished
job made is converted by its model's kind (`RESULTS`), so one poll serves every kind of job.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, Generic, Literal, TypeAlias, TypeVar

import attrs
from videodb_api import models as api
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

    The generated client's module and models are named, and imported when the operation is
    first sent (`endpoint`, `body`, `answer`): a program loads only those of the operations it
    calls, not all of them at ``import videodb_gen``.

    Attributes:
        endpoint_name: The full name of the generated client's module for the operation.
        checks: The check of each argument, by the generated function's parameter name.
        body_name: The generated request model (its name in ``videodb_api.models``) that
            takes the checked arguments that are not path or query parameters (None values
            are left unset); None when there is no body.
        answer_names: The response models a successful answer may parse to: names in
            ``videodb_api.models``, or classes.
        read: The SDK's result from the parsed answer and the checked arguments.
        billable: Whether the operation starts billable work: it is then retried only when
            the request surely did not start it.
        constants: Body fields the operation always sends as they are (``audio_type``).
    """

    endpoint_name: str
    checks: Mapping[str, Check]
    answer_names: tuple[str | type[Any], ...]
    read: Callable[[Any, Mapping[str, Any]], ResultT_co]
    body_name: str | None = None
    billable: bool = False
    constants: Mapping[str, object] = attrs.field(factory=dict)

    @functools.cached_property
    def endpoint(self) -> ModuleType:
        """The generated client's module for the operation."""
        return importlib.import_module(self.endpoint_name)

    @functools.cached_property
    def body(self) -> type[Any] | None:
        """The generated request model, or None."""
        return None if self.body_name is None else _model(self.body_name)

    @functools.cached_property
    def answer(self) -> tuple[type[Any], ...]:
        """The response models a successful answer may parse to."""
        return tuple(_model(a) if isinstance(a, str) else a for a in self.answer_names)

    def arguments(self, given: Mapping[str, object]) -> dict[str, Any]:
        """The generated function's keyword arguments from the caller's, each checked; one
        the caller left out is None (which an optional argument's check lets through).

        Raises:
            InvalidInputError: An argument breaks its rule.
        """
        checked = {name: check(name, given.get(name)) for name, check in self.checks.items()}
        model = self.body
        if model is None:
            return checked
        fields = _init_fields(model)
        body = {k: UNSET if v is None else v for k, v in checked.items() if k in fields}
        body |= self.constants
        params = {k: v for k, v in checked.items() if k not in fields}
        return {**params, "body": model(**body)}

    def accepts(self, parsed: object) -> bool:
        """Whether `parsed` is one of the models a successful answer may parse to."""
        return isinstance(parsed, self.answer)


def _model(name: str) -> type[Any]:
    """The generated model `name` (imported on first use)."""
    model: type[Any] = getattr(api, name)
    return model


def unset_as_none(value: T | Unset) -> T | None:
    """`value`, or None where the generated model left it unset."""
    return None if isinstance(value, Unset) else value


def _same_fields(model: object, result: type[R]) -> R:
    """A result class built from the generated model's fields of the same names (an unset
    field is None)."""
    return result(**{name: unset_as_none(getattr(model, name)) for name in _init_fields(result)})


def text_output(text: api.GeneratedText) -> TextResult[Any]:
    """The text a generation made: a string, or the JSON object as a dict."""
    output = text.output if isinstance(text.output, str) else text.output.to_dict()
    return TextResult(output)


#: How the SDK's result is read from each kind of thing a job makes, by its generated model's
#: name (a name, so that the models are imported only when a job's answer is read).
RESULTS: dict[str, Callable[[Any], Any]] = {
    "Video": lambda model: _same_fields(model, VideoInfo),
    "Image": lambda model: _same_fields(model, ImageInfo),
    "Audio": lambda model: _same_fields(model, AudioInfo),
    "GeneratedText": text_output,
    "HostedJob": lambda model: _same_fields(model, HostedJobRef),
}


def result_from(model: object) -> Any:
    """The SDK's result for what a finished job made.

    Raises:
        InvalidIdError: An id does not start with its kind's prefix.
        ValueError: No result type is known for the model, or a value breaks its rules.
    """
    kind = type(model)
    read = RESULTS.get(kind.__name__) if kind.__module__.startswith("videodb_api.") else None
    if read is None:
        raise ValueError(f"no result type for {kind.__name__}")
    return read(model)


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
        request_type=unset_as_none(answer.request_type),
    )


PollAnswer: TypeAlias = "api.JobDone | api.JobComplete | api.JobRunning | api.JobFailed"


def polled_job(job_id: str, answer: PollAnswer) -> JobState[Any]:
    """The state of job `job_id` from a poll answer, in any of its shapes.

    Raises:
        InvalidIdError: A finished job's result has an id without its kind's prefix.
        UnreadableResultError: A finished job's result breaks its rules.
    """
    if isinstance(answer, api.JobRunning):
        progress = unset_as_none(answer.data)
        percentage = None if progress is None else unset_as_none(progress.percentage)
        clamped = None if percentage is None else min(100.0, max(0.0, float(percentage)))
        return JobState(id=job_id, status="processing", percentage=clamped)
    ended = answer.response if isinstance(answer, api.JobComplete) else answer  # wrapped or flat
    if isinstance(ended, api.JobFailed | api.ErrorResponse):
        code = unset_as_none(ended.error_code)
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
        message = unset_as_none(answer.message) or f"the hosted job {job_id} failed"
        return JobState(id=job_id, status="failed", message=message)
    made = unset_as_none(answer.data)
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
        message = unset_as_none(answer.message) or f"the download {data.id} failed"
        return JobState(id=data.id, status="failed", message=message)
    url = unset_as_none(data.download_url)
    if url is None:
        raise ValueError(f"the download {data.id} is done but has no download_url")
    result = DownloadResult(id=data.id, download_url=url, name=unset_as_none(data.name))
    return JobState(id=data.id, status="done", percentage=100.0, result=result)


def _generation(
    endpoint: str,
    body: str,
    constants: Mapping[str, object] | None = None,
    /,
    **checks: Check,
) -> Operation[Any]:
    """An operation that starts a billable job in a collection: `checks` for the arguments
    between ``collection_id`` (in the path) and ``callback_url``; `constants` in the body."""
    return Operation(
        endpoint_name=endpoint,
        checks={"collection_id": check_id, **checks, "callback_url": check_callback_url},
        body_name=body,
        constants=constants or {},
        answer_names=("GenerationStarted",),
        read=lambda answer, _: accepted_job(answer),
        billable=True,
    )


def _stored(endpoint: str, id_name: str, answer: str, read: Callable[[Any], Any]) -> Operation[Any]:
    """A read about one item stored in a collection: its id (`id_name`) in the path, and
    ``collection_id`` in the query; `read` makes the result from the answer's ``data``."""
    return Operation(
        endpoint_name=endpoint,
        checks={id_name: check_id, "collection_id": check_id},
        answer_names=(answer,),
        read=lambda parsed, _: read(parsed.data),
    )


def _audio_config(field: str, value: object) -> api.AudioConfig:
    return api.AudioConfig.from_dict(check_json_object(field, value))


def _model_config(field: str, value: object) -> api.ModelConfig:
    return api.ModelConfig.from_dict(check_json_object(field, value))


GET_COLLECTION: Operation[CollectionInfo] = Operation(
    endpoint_name="videodb_api.api.collection.get_collection",
    checks={"collection_id": check_id},
    answer_names=("CollectionResponse",),
    read=lambda answer, _: _same_fields(answer.data, CollectionInfo),
)
GET_JOB: Operation[JobState[Any]] = Operation(
    endpoint_name="videodb_api.api.generation.get_async_response",
    checks={"job_id": check_id},
    answer_names=("JobDone", "JobComplete", "JobRunning", "JobFailed"),
    read=lambda answer, arguments: polled_job(arguments["job_id"], answer),
)
GENERATE_VIDEO: Operation[JobState[VideoInfo] | VideoInfo] = _generation(
    "videodb_api.api.generation.generate_video",
    "GenerateVideoRequest",
    prompt=check_prompt,
    duration=check_video_duration,
)
# Every video id starts with m-: any other cannot be found, so it is refused before any request.
GET_VIDEO: Operation[VideoInfo] = Operation(
    endpoint_name="videodb_api.api.video.get_video",
    checks={"video_id": check_video_ref, "collection_id": check_id},
    answer_names=("VideoResponse",),
    read=lambda answer, _: _same_fields(answer.data, VideoInfo),
)
GENERATE_IMAGE: Operation[JobState[ImageInfo] | ImageInfo] = _generation(
    "videodb_api.api.generation.generate_image",
    "GenerateImageRequest",
    prompt=check_prompt,
    aspect_ratio=one_of(api.AspectRatio),
    model_name=optional(check_model_name),
    config=optional(_model_config),
    sandbox_id=optional(check_id),
)
GET_IMAGE: Operation[ImageInfo] = _stored(
    "videodb_api.api.image.get_image",
    "image_id",
    "ImageResponse",
    lambda data: _same_fields(data, ImageInfo),
)
GET_IMAGE_URL: Operation[str] = _stored(
    "videodb_api.api.image.get_image_url",
    "image_id",
    "SignedUrlResponse",
    lambda data: data.signed_url,
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


def _text(body: str, prompt: str, check: Check) -> Operation[Any]:
    """`generateText` with the prompt in `body`'s field `prompt` (inline, or its URL)."""
    return Operation(
        endpoint_name="videodb_api.api.generation.generate_text",
        checks={"collection_id": check_id, prompt: check, **_TEXT_CHECKS},
        body_name=body,
        answer_names=("GenerationStarted", "TextResponse"),  # a job, or the text at once
        read=lambda answer, _: (
            text_output(answer.data)
            if isinstance(answer, api.TextResponse)
            else accepted_job(answer)
        ),
        billable=True,
    )


GENERATE_TEXT: Operation[JobState[TextResult[Any]] | TextResult[Any]] = _text(
    "GenerateTextInlineRequest", "prompt", check_text_prompt
)
#: `generateText` for a prompt uploaded first (`GET_UPLOAD_URL`, `UPLOAD`).
GENERATE_TEXT_UPLOADED: Operation[JobState[TextResult[Any]] | TextResult[Any]] = _text(
    "GenerateTextUploadedRequest", "prompt_url", check_http_url
)
GET_UPLOAD_URL: Operation[str] = Operation(
    endpoint_name="videodb_api.api.collection.get_upload_url",
    checks={"collection_id": check_id, "name": check_id},
    answer_names=("UploadUrlResponse",),
    read=lambda answer, _: answer.data.upload_url,
)
UploadType = Literal["text/plain; charset=utf-8", "application/json"]
UPLOAD: Operation[str] = Operation(
    endpoint_name="videodb_gen._upload",
    checks={
        "upload_url": check_http_url,
        "name": check_id,
        "content": check_text,
        "content_type": optional(one_of(UploadType)),
    },
    answer_names=(_upload.Uploaded,),
    read=lambda _, arguments: arguments["upload_url"],
)
# One path makes three kinds of audio; the body's `audio_type` tells them apart.
GENERATE_MUSIC: Operation[JobState[AudioInfo] | AudioInfo] = _generation(
    "videodb_api.api.generation.generate_audio",
    "GenerateMusicRequest",
    {"audio_type": "music"},
    prompt=check_prompt,
    duration=check_positive_int,
)
GENERATE_SOUND_EFFECT: Operation[JobState[AudioInfo] | AudioInfo] = _generation(
    "videodb_api.api.generation.generate_audio",
    "GenerateSoundEffectRequest",
    {"audio_type": "sound_effect"},
    prompt=check_prompt,
    duration=check_positive_int,
    config=optional(_audio_config),
)
GENERATE_VOICE: Operation[JobState[AudioInfo] | AudioInfo] = _generation(
    "videodb_api.api.generation.generate_audio",
    "GenerateVoiceRequest",
    {"audio_type": "voice"},  # as the official clients send; the spec's "speech" is the same
    text=check_prompt,
    voice_name=check_prompt,
    config=optional(_audio_config),
    model_name=optional(check_model_name),
    sandbox_id=optional(check_id),
    voice_clone_id=optional(check_id),
)
GET_AUDIO: Operation[AudioInfo] = _stored(
    "videodb_api.api.audio.get_audio",
    "audio_id",
    "AudioResponse",
    lambda data: _same_fields(data, AudioInfo),
)
GET_AUDIO_URL: Operation[str] = _stored(
    "videodb_api.api.audio.get_audio_url",
    "audio_id",
    "SignedUrlResponse",
    lambda data: data.signed_url,
)
DUB_VIDEO: Operation[JobState[VideoInfo] | VideoInfo] = _generation(
    "videodb_api.api.generation.dub_video",
    "DubVideoRequest",
    video_id=check_video_ref,
    language_code=check_language_code,
)
GET_HOSTED_JOB: Operation[JobState[Any]] = Operation(
    endpoint_name="videodb_api.api.generation.get_job",
    checks={"job_id": check_id},
    answer_names=("HostedJobState",),
    read=lambda answer, arguments: polled_hosted_job(arguments["job_id"], answer),
)


def _parts(field: str, value: object) -> list[list[float]]:
    # The video's own call checks the parts against its length first; here only their shape.
    return check_timeline(field, value, None)


def _moment(field: str, value: object) -> float:
    return check_seconds_in(field, value, None)


GENERATE_VIDEO_STREAM: Operation[str] = Operation(
    endpoint_name="videodb_api.api.video.generate_video_stream",
    checks={
        "video_id": check_id,
        "timeline": _parts,
        "length": optional(_moment),
    },
    body_name="VideoStreamRequest",
    answer_names=("StreamResponse",),
    read=lambda answer, _: answer.data.stream_url,
)
GET_VIDEO_THUMBNAIL: Operation[str] = Operation(
    endpoint_name="videodb_api.api.video.get_video_thumbnail",
    checks={"video_id": check_id},
    answer_names=("ThumbnailResponse",),
    read=lambda answer, _: answer.data.thumbnail_url,
)
GENERATE_VIDEO_THUMBNAIL: Operation[ImageInfo] = Operation(
    endpoint_name="videodb_api.api.video.generate_video_thumbnail",
    checks={"video_id": check_id, "time": _moment},
    body_name="VideoThumbnailRequest",
    answer_names=("ImageResponse",),
    read=lambda answer, _: _same_fields(answer.data, ImageInfo),
)
DOWNLOAD_STREAM: Operation[JobState[Any]] = Operation(
    endpoint_name="videodb_api.api.video.download_stream",
    checks={"stream_link": check_http_url, "name": optional(check_file_name)},
    body_name="DownloadRequest",
    answer_names=("GenerationStarted",),
    read=lambda answer, _: accepted_job(answer, "download_id"),
)
GET_DOWNLOAD: Operation[JobState[Any]] = Operation(
    endpoint_name="videodb_api.api.video.get_download",
    checks={"download_id": check_id},
    answer_names=("DownloadState",),
    read=lambda answer, _: polled_download(answer),
)
