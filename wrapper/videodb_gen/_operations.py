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
from typing import Any, Generic, TypeVar

import attrs
from videodb_api import models as api
from videodb_api.api import audio, collection, generation, image, video
from videodb_api.types import UNSET, Unset

from ._arguments import (
    Check,
    check_callback_url,
    check_id,
    check_json_object,
    check_language_code,
    check_max_tokens,
    check_optional_temperature,
    check_positive_int,
    check_prompt,
    check_text_prompt,
    check_video_duration,
    check_video_ref,
    one_of,
    optional,
)
from ._results import AudioInfo, CollectionInfo, ImageInfo, JobState, TextOutput, Video

ResultT_co = TypeVar("ResultT_co", covariant=True)
T = TypeVar("T")
R = TypeVar("R", bound=attrs.AttrsInstance)


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
        """The generated function's keyword arguments from the caller's, each checked.

        Raises:
            InvalidInputError: An argument breaks its rule.
        """
        checked = {name: check(name, given[name]) for name, check in self.checks.items()}
        if self.body is None:
            return checked
        fields = {field.name for field in attrs.fields(self.body) if field.init}
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
    return result(**{f.name: _opt(getattr(model, f.name)) for f in attrs.fields(result)})


def text_output(text: api.GeneratedText) -> TextOutput:
    """The text a generation made: a string, or the JSON object as a dict."""
    return text.output if isinstance(text.output, str) else text.output.to_dict()


#: How the SDK's result is read from each kind of thing a job makes, by its generated model.
RESULTS: dict[type[Any], Callable[[Any], Any]] = {
    api.Video: lambda model: _same_fields(model, Video),
    api.Image: lambda model: _same_fields(model, ImageInfo),
    api.Audio: lambda model: _same_fields(model, AudioInfo),
    api.GeneratedText: text_output,
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


def accepted_job(answer: api.GenerationStarted) -> JobState[Any]:
    """The state of a job the API has just accepted."""
    return JobState(
        id=answer.data.id,
        status="processing",
        output_url=answer.data.output_url,
        request_type=_opt(answer.request_type),
    )


PollAnswer = api.JobDone | api.JobComplete | api.JobRunning | api.JobFailed


def polled_job(job_id: str, answer: PollAnswer) -> JobState[Any]:
    """The state of job `job_id` from a poll answer, in any of its shapes.

    Raises:
        InvalidIdError: A finished job's result has an id without its kind's prefix.
        ValueError: A finished job's result breaks its rules.
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
    return JobState(id=job_id, status="done", percentage=100.0, result=result_from(ended.data))


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
GENERATE_VIDEO: Operation[JobState[Video] | Video] = _generation(
    generation.generate_video,
    api.GenerateVideoRequest,
    prompt=check_prompt,
    duration=check_video_duration,
)
GET_VIDEO: Operation[Video] = _stored(
    video.get_video, "video_id", api.VideoResponse, lambda data: _same_fields(data, Video)
)
GENERATE_IMAGE: Operation[JobState[ImageInfo] | ImageInfo] = _generation(
    generation.generate_image,
    api.GenerateImageRequest,
    prompt=check_prompt,
    aspect_ratio=one_of(api.AspectRatio),
)
GET_IMAGE: Operation[ImageInfo] = _stored(
    image.get_image, "image_id", api.ImageResponse, lambda data: _same_fields(data, ImageInfo)
)
GET_IMAGE_URL: Operation[str] = _stored(
    image.get_image_url, "image_id", api.SignedUrlResponse, lambda data: data.signed_url
)
GENERATE_TEXT: Operation[JobState[TextOutput] | TextOutput] = Operation(
    endpoint=generation.generate_text,
    checks={
        "collection_id": check_id,
        "prompt": check_text_prompt,
        "model_name": one_of(api.TextModel),
        "response_type": one_of(api.TextResponseType),
        "callback_url": check_callback_url,
        "max_tokens": check_max_tokens,
        "temperature": check_optional_temperature,
    },
    body=api.GenerateTextRequest,
    answer=(api.GenerationStarted, api.TextResponse),  # a job, or the text at once
    read=lambda answer, _: (
        text_output(answer.data) if isinstance(answer, api.TextResponse) else accepted_job(answer)
    ),
    billable=True,
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
)
GET_AUDIO: Operation[AudioInfo] = _stored(
    audio.get_audio, "audio_id", api.AudioResponse, lambda data: _same_fields(data, AudioInfo)
)
GET_AUDIO_URL: Operation[str] = _stored(
    audio.get_audio_url, "audio_id", api.SignedUrlResponse, lambda data: data.signed_url
)
DUB_VIDEO: Operation[JobState[Video] | Video] = _generation(
    generation.dub_video,
    api.DubVideoRequest,
    video_id=check_video_ref,
    language_code=check_language_code,
)
