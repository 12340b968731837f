"""The results the SDK returns: frozen, slotted attrs classes.

`Collection` and `GenerationJob` keep a reference to the connection that made them (excluded from
equality and `repr`) so that they can call back into it; `AsyncCollection` and
`AsyncGenerationJob` are their twins whose methods are coroutines.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, overload

import attrs

from ._exceptions import GenerationFailedError, InvalidVideoIdError

if TYPE_CHECKING:
    from ._client import AsyncConnection, Connection

__all__ = [
    "AsyncCollection",
    "AsyncGenerationJob",
    "Collection",
    "GenerationJob",
    "JobStatus",
    "Video",
]

JobStatus = Literal["processing", "done", "failed"]
"""A job's state: running (`processing` or `in progress` on the wire), finished, or failed."""


def _check_video_id(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.startswith("m-"):
        raise InvalidVideoIdError(value)


def to_length(value: float | str | None) -> float | None:
    """A length in seconds as a float, from a number or a numeric string; None stays None.

    Raises:
        ValueError: When the value is not a finite, non-negative number.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"length must be a number or a numeric string, got {value!r}")
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"length must be a number or a numeric string, got {value!r}") from None
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"length must be a finite number of seconds >= 0, got {value!r}")
    return seconds


@attrs.frozen
class Video:
    """A video in a collection, for example the one a generation made.

    Attributes:
        id: The video's id; always starts with ``m-`` (anything else raises
            `InvalidVideoIdError`).
        stream_url: An HLS playlist (``.m3u8``) URL to play the video.
        collection_id: The collection that holds the video.
        name: The video's name.
        description: The video's description.
        player_url: A web page that plays the video.
        thumbnail_url: An image of the video.
        length: The length in seconds, as a float whether the API sent a number or a string.
        created_at: When the video was made (ISO 8601), as the API sent it.
    """

    id: str = attrs.field(validator=_check_video_id)
    stream_url: str
    collection_id: str | None = None
    name: str | None = None
    description: str | None = None
    player_url: str | None = None
    thumbnail_url: str | None = None
    length: float | None = attrs.field(default=None, converter=to_length)
    created_at: str | None = None


@attrs.frozen
class _CollectionFields:
    """The fields of `Collection` and `AsyncCollection`."""

    id: str
    name: str | None = None
    description: str | None = None
    is_public: bool | None = None
    owner: str | None = None
    created_at: str | None = None


@attrs.frozen
class Collection(_CollectionFields):
    """A collection of the account's media; `generate_video` makes a video in it.

    Attributes:
        id: ``default``, or ``c-...`` for other collections.
        name: The collection's name.
        description: The collection's description.
        is_public: Whether the collection is public.
        owner: The account that owns the collection.
        created_at: When the collection was made (ISO 8601).
    """

    _conn: Connection = attrs.field(eq=False, repr=False, kw_only=True, alias="conn")

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
        on_progress: Callable[[GenerationJob], None] | None = ...,
    ) -> GenerationJob: ...

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
        on_progress: Callable[[GenerationJob], None] | None = ...,
    ) -> Video: ...

    @overload
    def generate_video(
        self,
        prompt: str,
        duration: int = ...,
        callback_url: str | None = ...,
        *,
        wait: bool = ...,
        timeout: float | None = ...,
        poll_interval: float | None = ...,
        on_progress: Callable[[GenerationJob], None] | None = ...,
    ) -> Video | GenerationJob: ...

    def generate_video(
        self,
        prompt: str,
        duration: int = 5,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob], None] | None = None,
    ) -> Video | GenerationJob:
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
        return self._conn._generate_video(
            self.id,
            prompt,
            duration,
            callback_url,
            wait=wait,
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    def get_video(self, video_id: str) -> Video:
        """Read a video of this collection.

        Raises:
            InvalidInputError: `video_id` is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: No such video.
            APIError: The request failed otherwise (see `Connection.get_video`).
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        return self._conn.get_video(video_id, collection_id=self.id)


@attrs.frozen
class AsyncCollection(_CollectionFields):
    """The async twin of `Collection`: its methods are coroutines."""

    _conn: AsyncConnection = attrs.field(eq=False, repr=False, kw_only=True, alias="conn")

    @overload
    async def generate_video(
        self,
        prompt: str,
        duration: int = ...,
        callback_url: str | None = ...,
        *,
        wait: Literal[False],
        timeout: float | None = ...,  # noqa: ASYNC109 - the sync twin's signature, kept identical
        poll_interval: float | None = ...,
        on_progress: Callable[[AsyncGenerationJob], None] | None = ...,
    ) -> AsyncGenerationJob: ...

    @overload
    async def generate_video(
        self,
        prompt: str,
        duration: int = ...,
        callback_url: None = ...,
        *,
        wait: Literal[True] = ...,
        timeout: float | None = ...,  # noqa: ASYNC109 - the sync twin's signature, kept identical
        poll_interval: float | None = ...,
        on_progress: Callable[[AsyncGenerationJob], None] | None = ...,
    ) -> Video: ...

    @overload
    async def generate_video(
        self,
        prompt: str,
        duration: int = ...,
        callback_url: str | None = ...,
        *,
        wait: bool = ...,
        timeout: float | None = ...,  # noqa: ASYNC109 - the sync twin's signature, kept identical
        poll_interval: float | None = ...,
        on_progress: Callable[[AsyncGenerationJob], None] | None = ...,
    ) -> Video | AsyncGenerationJob: ...

    async def generate_video(
        self,
        prompt: str,
        duration: int = 5,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - the sync twin's signature, kept identical
        poll_interval: float | None = None,
        on_progress: Callable[[AsyncGenerationJob], None] | None = None,
    ) -> Video | AsyncGenerationJob:
        """Generate a video from `prompt` in this collection; see `Collection.generate_video`.

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
        return await self._conn._generate_video(
            self.id,
            prompt,
            duration,
            callback_url,
            wait=wait,
            timeout=timeout,
            poll_interval=poll_interval,
            on_progress=on_progress,
        )

    async def get_video(self, video_id: str) -> Video:
        """Read a video of this collection; see `Collection.get_video`.

        Raises:
            InvalidInputError: `video_id` is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: No such video.
            APIError: The request failed otherwise.
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        return await self._conn.get_video(video_id, collection_id=self.id)


@attrs.frozen
class JobState:
    """The state of a generation job, as the API last reported it: the fields of
    `GenerationJob` and `AsyncGenerationJob`."""

    id: str
    status: JobStatus
    percentage: float | None = None
    video: Video | None = None
    message: str | None = None
    error_code: str | None = None
    output_url: str | None = None
    request_type: str | None = None

    @property
    def finished(self) -> bool:
        """True once the job is done or failed."""
        return self.status != "processing"

    def _result(self) -> Video | None:
        """The video when done, None while running.

        Raises:
            GenerationFailedError: The job failed.
        """
        if self.status == "failed":
            raise GenerationFailedError(
                self.message or "the generation failed", job_id=self.id, error_code=self.error_code
            )
        return self.video


@attrs.frozen
class GenerationJob(JobState):
    """A generation job. Jobs are immutable: `refresh` returns the job's new state.

    Attributes:
        id: The job's id (``job-...``).
        status: ``processing`` while it runs, ``done`` when the video is ready, ``failed``.
        percentage: How much of the job is done (0 to 100), where the API says.
        video: The video, once ``status`` is ``done``.
        message: The API's message, when ``status`` is ``failed``.
        error_code: The API's machine-readable error code, when it failed with one.
        output_url: The URL the API gave for the job's state. The SDK never fetches it: it
            polls by job id on the connection's ``base_url``, so the API key stays there.
        request_type: ``sync`` or ``async`` as the API answered when the job was started;
            ``async`` means the result goes to the ``callback_url``.
    """

    _conn: Connection = attrs.field(eq=False, repr=False, kw_only=True, alias="conn")
    _started_at: float | None = attrs.field(
        default=None, eq=False, repr=False, kw_only=True, alias="started_at"
    )

    def refresh(self) -> GenerationJob:
        """Ask the API for the job's current state.

        Returns:
            A new `GenerationJob`; a failed job comes back with ``status == "failed"``.

        Raises:
            NotFoundError: The API does not know the job.
            APIError: The request failed otherwise (retried first on 429, 5xx, connection errors).
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        return self._conn._poll(self.id, started_at=self._started_at)[0]

    def wait(
        self,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob], None] | None = None,
    ) -> Video:
        """Poll the job until it ends and return its video.

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
        return self._conn._wait(
            self, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress
        )


@attrs.frozen
class AsyncGenerationJob(JobState):
    """The async twin of `GenerationJob`: its methods are coroutines."""

    _conn: AsyncConnection = attrs.field(eq=False, repr=False, kw_only=True, alias="conn")
    _started_at: float | None = attrs.field(
        default=None, eq=False, repr=False, kw_only=True, alias="started_at"
    )

    async def refresh(self) -> AsyncGenerationJob:
        """Ask the API for the job's current state; see `GenerationJob.refresh`.

        Raises:
            NotFoundError: The API does not know the job.
            APIError: The request failed otherwise.
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        return (await self._conn._poll(self.id, started_at=self._started_at))[0]

    async def wait(
        self,
        *,
        timeout: float | None = None,  # noqa: ASYNC109 - the sync twin's signature, kept identical
        poll_interval: float | None = None,
        on_progress: Callable[[AsyncGenerationJob], None] | None = None,
    ) -> Video:
        """Poll the job until it ends and return its video; see `GenerationJob.wait`.

        Raises:
            GenerationFailedError: The job failed; carries the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout` (or the API could not
                be reached until then); carries the job id.
            InvalidInputError: `timeout` or `poll_interval` is not a positive number.
            APIError: A poll failed after its retries; its ``job_id`` names the job.
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        return await self._conn._wait(
            self, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress
        )
