"""Turn the generated client's models into the SDK's results. Pure functions; no I/O.

Every shape the API sends for a job is accepted: running (`processing` or `in progress`),
finished flat (`status: done` + `data`) or wrapped (`status: complete` + `response`), and failed
(`success: false` with a `message`, at the top level or inside `response`).
"""

from __future__ import annotations

from typing import Any, TypeVar

from videodb_api.models import (
    Collection as ApiCollection,
)
from videodb_api.models import (
    CollectionResponse,
    ErrorResponse,
    GenerateVideoResponse,
    JobComplete,
    JobDone,
    JobFailed,
    JobRunning,
    VideoResponse,
)
from videodb_api.models import (
    Video as ApiVideo,
)
from videodb_api.types import Unset

from ._models import JobState, Video

T = TypeVar("T")

PollAnswer = JobDone | JobComplete | JobRunning | JobFailed


def _opt(value: T | Unset) -> T | None:
    return None if isinstance(value, Unset) else value


def video_from(model: ApiVideo) -> Video:
    """The SDK's `Video` from the generated model.

    Raises:
        InvalidVideoIdError: The id does not start with ``m-``.
        ValueError: The length is not a number or a numeric string.
    """
    return Video(
        id=model.id,
        stream_url=model.stream_url,
        collection_id=_opt(model.collection_id),
        name=_opt(model.name),
        description=_opt(model.description),
        player_url=_opt(model.player_url),
        thumbnail_url=_opt(model.thumbnail_url),
        length=None if isinstance(model.length, Unset) else model.length,
        created_at=_opt(model.created_at),
    )


def collection_fields(model: ApiCollection) -> dict[str, Any]:
    """The keyword arguments of a `Collection` from the generated model."""
    return {
        "id": model.id,
        "name": _opt(model.name),
        "description": _opt(model.description),
        "is_public": _opt(model.is_public),
        "owner": _opt(model.owner),
        "created_at": _opt(model.created_at),
    }


def accepted_job(answer: GenerateVideoResponse) -> JobState:
    """The state of a job the API has just accepted."""
    return JobState(
        id=answer.data.id,
        status="processing",
        output_url=answer.data.output_url,
        request_type=_opt(answer.request_type),
    )


def _failed(job_id: str, failure: JobFailed | ErrorResponse) -> JobState:
    return JobState(
        id=job_id,
        status="failed",
        message=failure.message,
        error_code=_opt(failure.error_code),
    )


def polled_job(job_id: str, answer: PollAnswer) -> JobState:
    """The state of job `job_id` from a poll answer, in any of its shapes.

    Raises:
        InvalidVideoIdError: A finished job's video id does not start with ``m-``.
        ValueError: A finished job's length is not a number or a numeric string.
    """
    if isinstance(answer, JobRunning):
        progress = _opt(answer.data)
        percentage = _opt(progress.percentage) if progress is not None else None
        return JobState(
            id=job_id,
            status="processing",
            percentage=None if percentage is None else min(100.0, max(0.0, float(percentage))),
        )
    if isinstance(answer, JobFailed):
        return _failed(job_id, answer)
    if isinstance(answer, JobComplete):
        if isinstance(answer.response, ErrorResponse):
            return _failed(job_id, answer.response)
        model = answer.response.data
    else:
        model = answer.data
    return JobState(id=job_id, status="done", percentage=100.0, video=video_from(model))


def accept_collection(parsed: object) -> CollectionResponse | None:
    """`parsed` when it is a collection answer, else None."""
    return parsed if isinstance(parsed, CollectionResponse) else None


def accept_generation(parsed: object) -> GenerateVideoResponse | None:
    """`parsed` when it is the answer to starting a generation, else None."""
    return parsed if isinstance(parsed, GenerateVideoResponse) else None


def accept_poll(parsed: object) -> PollAnswer | None:
    """`parsed` when it is a job's state in one of its shapes, else None."""
    return parsed if isinstance(parsed, JobDone | JobComplete | JobRunning | JobFailed) else None


def accept_video(parsed: object) -> VideoResponse | None:
    """`parsed` when it is a video answer, else None."""
    return parsed if isinstance(parsed, VideoResponse) else None
