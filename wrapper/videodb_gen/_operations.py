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
from videodb_api.api.collection import get_collection
from videodb_api.api.generation import generate_video, get_async_response
from videodb_api.api.video import get_video
from videodb_api.types import UNSET, Unset

from ._arguments import Check, check_callback_url, check_id, check_prompt, check_video_duration
from ._results import CollectionInfo, JobState, Video

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
    """

    endpoint: ModuleType
    checks: Mapping[str, Check]
    answer: tuple[type[Any], ...]
    read: Callable[[Any, Mapping[str, Any]], ResultT_co]
    body: type[Any] | None = None
    billable: bool = False

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


#: The SDK's result class for each kind of thing a job makes, by its generated model.
RESULTS: dict[type[Any], type[attrs.AttrsInstance]] = {api.Video: Video}


def result_from(model: object) -> Any:
    """The SDK's result for what a finished job made.

    Raises:
        InvalidVideoIdError: A video id does not start with ``m-``.
        ValueError: No result type is known for the model, or a value breaks its rules.
    """
    if type(model) not in RESULTS:
        raise ValueError(f"no result type for {type(model).__name__}")
    return _same_fields(model, RESULTS[type(model)])


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
        InvalidVideoIdError: A finished job's video id does not start with ``m-``.
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


GET_COLLECTION: Operation[CollectionInfo] = Operation(
    endpoint=get_collection,
    checks={"collection_id": check_id},
    answer=(api.CollectionResponse,),
    read=lambda answer, _: _same_fields(answer.data, CollectionInfo),
)
GET_VIDEO: Operation[Video] = Operation(
    endpoint=get_video,
    checks={"video_id": check_id, "collection_id": check_id},
    answer=(api.VideoResponse,),
    read=lambda answer, _: _same_fields(answer.data, Video),
)
GET_JOB: Operation[JobState[Any]] = Operation(
    endpoint=get_async_response,
    checks={"job_id": check_id},
    answer=(api.JobDone, api.JobComplete, api.JobRunning, api.JobFailed),
    read=lambda answer, arguments: polled_job(arguments["job_id"], answer),
)
GENERATE_VIDEO: Operation[JobState[Video]] = Operation(
    endpoint=generate_video,
    checks={
        "collection_id": check_id,
        "prompt": check_prompt,
        "duration": check_video_duration,
        "callback_url": check_callback_url,
    },
    body=api.GenerateVideoRequest,
    answer=(api.GenerationStarted,),
    read=lambda answer, _: accepted_job(answer),
    billable=True,
)
