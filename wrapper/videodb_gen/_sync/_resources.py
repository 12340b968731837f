# Generated from _async/_resources.py by scripts/unasync.py: do not edit.
"""The handles a connection returns: a collection to generate in, and a generation job.

Each is the frozen data the API sent (`_results`) plus the engine that made it, excluded from
equality and `repr`; every method is one call to a public method of the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, TypeVar, overload

import attrs

from .._operations import GENERATE_VIDEO, GET_VIDEO
from .._options import Waiting
from .._results import CollectionInfo, JobState, Video

if TYPE_CHECKING:
    from ._engine import Engine


R = TypeVar("R")


@attrs.frozen
class Collection(CollectionInfo):
    """A collection of the account's media (its fields are `CollectionInfo`'s: ``id``,
    ``name`` and the rest); `generate_video` makes a video in it.
    """

    _engine: Engine = attrs.field(eq=False, repr=False, kw_only=True, alias="engine")

    @overload
    def generate_video(
        self,
        prompt: str,
        duration: int = ...,
        callback_url: str | None = ...,
        *,
        wait: Literal[False],
        timeout: float | None = ...,
        poll_interval: float | None = ...,
        on_progress: Callable[[GenerationJob[Video]], None] | None = ...,
    ) -> GenerationJob[Video]: ...

    @overload
    def generate_video(
        self,
        prompt: str,
        duration: int = ...,
        callback_url: None = ...,
        *,
        wait: Literal[True] = ...,
        timeout: float | None = ...,
        poll_interval: float | None = ...,
        on_progress: Callable[[GenerationJob[Video]], None] | None = ...,
    ) -> Video: ...

    @overload
    def generate_video(  # any other call: a callback URL, and `wait` not a literal
        self,
        prompt: str,
        duration: int = 5,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        timeout: float | None = ...,
        poll_interval: float | None = ...,
        on_progress: Callable[[GenerationJob[Video]], None] | None = ...,
    ) -> Video | GenerationJob[Video]: ...

    def generate_video(
        self,
        prompt: str,
        duration: int = 5,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Video]], None] | None = None,
    ) -> Video | GenerationJob[Video]:
        """Generate a video from `prompt` in this collection.

        Args:
            prompt: What the video should show; a non-empty string.
            duration: The video's length in seconds, an int from 5 to 8.
            callback_url: An absolute http(s) URL the API POSTs the result to when the job ends.
            wait: Wait for the video (True) or return the job at once (False).
            timeout: Seconds to wait for the job to end; None uses the connection's
                ``wait_timeout`` (600 s unless changed with `Connection.with_options`).
            poll_interval: A fixed number of seconds between polls; None polls adaptively.
            on_progress: Called with each new state of the job while waiting.

        Returns:
            The `Video` when waiting; the `GenerationJob` when ``wait=False``, or when a
            `callback_url` was given and the API answers ``request_type: "async"`` (it delivers
            the result there). Without a `callback_url` nothing else would deliver the result,
            so an ``async`` answer is waited for like any other: such a call is typed `Video`.

        Starting a generation is billable and not idempotent, so the request is retried only
        when it surely never reached the server (the connection could not be made) or when the
        server answers 429 or 503 with ``Retry-After``; never after a read timeout.

        Raises:
            InvalidInputError: An argument breaks its rule; nothing was sent.
            APIStatusError: The API refused (for example `PaymentRequiredError` on 402).
            APIConnectionError: No answer arrived (`APITimeoutError` when it timed out).
            APIResponseValidationError: The answer could not be read.
            GenerationFailedError: The job failed; carries the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout` (or the API could not
                be reached until then); carries the job id.
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        return self._engine.generate(
            GENERATE_VIDEO,
            {
                "collection_id": self.id,
                "prompt": prompt,
                "duration": duration,
                "callback_url": callback_url,
            },
            Waiting(wait, timeout, poll_interval, on_progress),
        )

    def get_video(self, video_id: str) -> Video:
        """Read a video of this collection.

        Raises:
            InvalidInputError: `video_id` is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: No such video.
            APIError: The request failed otherwise (see `Connection.get_video`).
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        return self._engine.call(GET_VIDEO, video_id=video_id, collection_id=self.id)


@attrs.frozen
class GenerationJob(JobState[R]):
    """A generation job: its state as the API last reported it (``id``, ``status``,
    ``percentage``, ``result`` and the rest, as `JobState` describes them) and the calls that
    follow it. Jobs are immutable: `refresh` returns the job's new state.
    """

    _engine: Engine = attrs.field(eq=False, repr=False, kw_only=True, alias="engine")
    _started_at: float | None = attrs.field(
        default=None, eq=False, repr=False, kw_only=True, alias="started_at"
    )

    def refresh(self) -> GenerationJob[R]:
        """Ask the API for the job's current state.

        Returns:
            A new job; a failed job comes back with ``status == "failed"``.

        Raises:
            NotFoundError: The API does not know the job.
            APIError: The request failed otherwise (retried first on 429, 5xx, connection errors).
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        job, _ = self._engine.poll(self.id, started_at=self._started_at)
        return job

    def wait(
        self,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[R]], None] | None = None,
    ) -> R:
        """Poll the job until it ends and return its result.

        Args:
            timeout: Seconds to wait; None uses the connection's ``wait_timeout``.
            poll_interval: A fixed number of seconds between polls; None polls adaptively.
            on_progress: Called with each new state of the job.

        Raises:
            GenerationFailedError: The job failed; carries the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout` (or the API could not
                be reached until then); carries the job id.
            InvalidInputError: `timeout` or `poll_interval` is not a positive number.
            APIError: A poll failed after its retries; its ``job_id`` names the job.
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        return self._engine.wait(self, Waiting(True, timeout, poll_interval, on_progress))
