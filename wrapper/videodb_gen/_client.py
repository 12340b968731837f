"""`connect` and the connection: configuration, and every call the SDK makes.

`Connection` and `AsyncConnection` are twins with identical signatures; what does not touch the
network (configuration, validation, shapes, the poll schedule) is shared, only the I/O differs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self, TypeVar
from urllib.parse import quote

import attrs
import httpx
from videodb_api import AuthenticatedClient
from videodb_api.api.collection import get_collection
from videodb_api.api.generation import generate_video, get_async_response
from videodb_api.api.video import get_video
from videodb_api.models import GenerateVideoRequest
from videodb_api.types import UNSET

from . import _clock, _shapes
from ._exceptions import (
    APIError,
    APIResponseValidationError,
    GenerationTimeoutError,
    InvalidVideoIdError,
)
from ._http import async_api, origin, sync_api
from ._models import (
    AsyncCollection,
    AsyncGenerationJob,
    Collection,
    GenerationJob,
    JobState,
    Video,
)
from ._options import (
    API_KEY_ENV,
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    Options,
    as_timeout,
)
from ._polling import PollSchedule
from ._requester import Answer, DeadlineReached, Operation, Settings, call_async, call_sync
from ._retries import parse_retry_after
from ._validation import (
    check_api_key,
    check_callback_url,
    check_duration,
    check_http_url,
    check_id,
    check_max_retries,
    check_prompt,
    check_seconds,
)

__all__ = ["AsyncConnection", "Connection", "connect", "connect_async"]

T = TypeVar("T")


def _resolve(
    api_key: str | None,
    base_url: str | None,
    timeout: float | httpx.Timeout,
    max_retries: int,
) -> tuple[str, str, Options]:
    key = check_api_key(api_key if api_key is not None else os.environ.get(API_KEY_ENV) or None)
    url = base_url if base_url is not None else os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    url = check_http_url("base_url", url).rstrip("/")
    if not isinstance(timeout, httpx.Timeout):
        timeout = check_seconds("timeout", timeout)
    options = Options(timeout=as_timeout(timeout), max_retries=check_max_retries(max_retries))
    return key, url, options


_MIN_REQUEST_SECONDS = 1.0


def _capped(timeout: httpx.Timeout, seconds: float) -> httpx.Timeout:
    """`timeout` with each of its limits at most `seconds`."""

    def cap(value: float | None) -> float:
        return seconds if value is None else min(value, seconds)

    return httpx.Timeout(
        connect=cap(timeout.connect),
        read=cap(timeout.read),
        write=cap(timeout.write),
        pool=cap(timeout.pool),
    )


def _q(value: str) -> str:
    return quote(value, safe="")


def _shape(op: Operation, build: Callable[[], T]) -> T:
    """Run a shape function on an answer; a value it cannot read becomes the SDK's error."""
    try:
        return build()
    except InvalidVideoIdError:
        raise
    except ValueError as exc:
        raise APIResponseValidationError(
            f"the answer could not be read ({exc})", method=op.method, path=op.path, status_code=200
        ) from exc


def _check_generation(
    prompt: object,
    duration: object,
    callback_url: object,
    timeout: object,
    poll_interval: object,
) -> GenerateVideoRequest:
    body = GenerateVideoRequest(
        prompt=check_prompt(prompt),
        duration=check_duration(duration),
        callback_url=UNSET if callback_url is None else check_callback_url(callback_url),
    )
    if timeout is not None:
        check_seconds("timeout", timeout)
    if poll_interval is not None:
        check_seconds("poll_interval", poll_interval)
    return body


class _BaseConnection:
    """What both twins share: configuration, per-call options and the request plans."""

    _api: AuthenticatedClient
    _base_url: str
    _home: tuple[str, str, int | None]
    _options: Options
    _secret: str
    _owns_http: bool

    def _setup(self, api: AuthenticatedClient, key: str, url: str, options: Options) -> None:
        self._api = api
        self._secret = key
        self._base_url = url
        self._home = origin(httpx.URL(url))
        self._options = options

    @property
    def base_url(self) -> str:
        """The API's base URL; the API key is sent only to its origin."""
        return self._base_url

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r})"

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        wait_timeout: float | None = None,
        poll_interval: float | None = None,
        max_poll_interval: float | None = None,
    ) -> Self:
        """A copy of this connection with some settings changed; it shares the HTTP client.

        Args:
            timeout: The timeout of each HTTP request, in seconds or as an `httpx.Timeout`.
            max_retries: How often a failed request may be retried.
            wait_timeout: Seconds `generate_video` and `GenerationJob.wait` wait by default.
            poll_interval: Poll at this fixed interval instead of adaptively.
            max_poll_interval: The longest wait between two adaptive polls.

        Raises:
            InvalidInputError: A setting breaks its rule.
        """
        options = self._options
        changes: dict[str, Any] = {}
        if timeout is not None:
            if not isinstance(timeout, httpx.Timeout):
                timeout = check_seconds("timeout", timeout)
            changes["timeout"] = as_timeout(timeout)
        if max_retries is not None:
            changes["max_retries"] = check_max_retries(max_retries)
        if wait_timeout is not None:
            changes["wait_timeout"] = check_seconds("wait_timeout", wait_timeout)
        poll = options.poll
        if poll_interval is not None:
            poll = attrs.evolve(poll, fixed_interval=check_seconds("poll_interval", poll_interval))
        if max_poll_interval is not None:
            poll = attrs.evolve(
                poll, max_interval=check_seconds("max_poll_interval", max_poll_interval)
            )
        changes["poll"] = poll
        clone = object.__new__(type(self))
        clone._setup(self._api, self._secret, self._base_url, attrs.evolve(options, **changes))
        clone._owns_http = self._owns_http
        return clone

    def _settings(self, deadline: float | None = None) -> Settings:
        timeout = self._options.timeout
        if deadline is not None:
            timeout = _capped(timeout, max(deadline - _clock.monotonic(), _MIN_REQUEST_SECONDS))
        return Settings(
            timeout=timeout,
            max_retries=self._options.max_retries,
            home=self._home,
            secret=self._secret,
            deadline=deadline,
        )

    def _plan(
        self, timeout: float | None, poll_interval: float | None, started_at: float | None
    ) -> tuple[float, PollSchedule]:
        limit = self._options.wait_timeout if timeout is None else check_seconds("timeout", timeout)
        settings = self._options.poll
        if poll_interval is not None:
            fixed = check_seconds("poll_interval", poll_interval)
            settings = attrs.evolve(settings, fixed_interval=fixed)
        return limit, PollSchedule(settings, started_at=started_at)


def _collection_op(collection_id: str) -> Operation:
    return Operation("GET", f"/collection/{_q(check_id('collection_id', collection_id))}")


def _video_op(video_id: str, collection_id: str) -> Operation:
    check_id("collection_id", collection_id)
    return Operation("GET", f"/video/{_q(check_id('video_id', video_id))}")


def _poll_op(job_id: str) -> Operation:
    return Operation("GET", f"/async-response/{_q(check_id('job_id', job_id))}")


def _generate_op(collection_id: str) -> Operation:
    path = f"/collection/{_q(check_id('collection_id', collection_id))}/generate/video/"
    return Operation("POST", path, billable=True)


def _job_fields(state: JobState) -> dict[str, Any]:
    return {field.name: getattr(state, field.name) for field in attrs.fields(JobState)}


class Connection(_BaseConnection):
    """A connection to the VideoDB API. Make one with `connect`.

    Requests use the generated client; reads are retried on connection errors, 408, 429 and
    5xx with jittered exponential back-off, honouring ``Retry-After``. Close the connection
    (or use it as a context manager) to release its HTTP client.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
    ) -> None:
        """See `connect`.

        Raises:
            InvalidInputError: The API key is missing, or a setting breaks its rule.
        """
        key, url, options = _resolve(api_key, base_url, timeout, max_retries)
        self._setup(sync_api(url, options.timeout, http_client), key, url, options)
        self._owns_http = http_client is None

    def get_collection(self, collection_id: str = "default") -> Collection:
        """Read a collection; every account has ``default``.

        Raises:
            InvalidInputError: `collection_id` is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: No such collection.
            AuthenticationError: The API key is missing or unknown.
            APIError: The request failed otherwise, after its retries.
        """
        op = _collection_op(collection_id)
        answer = call_sync(
            op,
            self._settings(),
            lambda: get_collection.sync_detailed(collection_id=collection_id, client=self._api),
            _shapes.accept_collection,
        )
        return Collection(**_shapes.collection_fields(answer.parsed.data), conn=self)

    def get_video(self, video_id: str, collection_id: str = "default") -> Video:
        """Read a video.

        Raises:
            InvalidInputError: An id is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: No such video.
            APIError: The request failed otherwise, after its retries.
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        op = _video_op(video_id, collection_id)
        answer = call_sync(
            op,
            self._settings(),
            lambda: get_video.sync_detailed(
                video_id=video_id, client=self._api, collection_id=collection_id
            ),
            _shapes.accept_video,
        )
        return _shape(op, lambda: _shapes.video_from(answer.parsed.data))

    def get_job(self, job_id: str) -> GenerationJob:
        """Read a generation job's state, for example to resume waiting after a timeout.

        Raises:
            InvalidInputError: `job_id` is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: The API does not know the job.
            APIError: The request failed otherwise, after its retries.
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        return self._poll(job_id, started_at=None)[0]

    def close(self) -> None:
        """Close the HTTP client, unless it was passed in as `http_client`."""
        if self._owns_http:
            self._api.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _poll(
        self, job_id: str, *, started_at: float | None, deadline: float | None = None
    ) -> tuple[GenerationJob, float | None]:
        op = _poll_op(job_id)
        try:
            answer: Answer[_shapes.PollAnswer] = call_sync(
                op,
                self._settings(deadline),
                lambda: get_async_response.sync_detailed(job_id=job_id, client=self._api),
                _shapes.accept_poll,
            )
        except APIError as error:
            error.job_id = job_id
            raise
        except DeadlineReached as late:
            late.error.job_id = job_id
            raise
        state = _shape(op, lambda: _shapes.polled_job(job_id, answer.parsed))
        job = GenerationJob(**_job_fields(state), conn=self, started_at=started_at)
        return job, parse_retry_after(answer.headers)

    def _generate_video(
        self,
        collection_id: str,
        prompt: str,
        duration: int,
        callback_url: str | None,
        *,
        wait: bool,
        timeout: float | None,
        poll_interval: float | None,
        on_progress: Callable[[GenerationJob], None] | None,
    ) -> Video | GenerationJob:
        op = _generate_op(collection_id)
        body = _check_generation(prompt, duration, callback_url, timeout, poll_interval)
        started = _clock.monotonic()
        answer = call_sync(
            op,
            self._settings(),
            lambda: generate_video.sync_detailed(
                collection_id=collection_id, client=self._api, body=body
            ),
            _shapes.accept_generation,
        )
        state = _shapes.accepted_job(answer.parsed)
        job = GenerationJob(**_job_fields(state), conn=self, started_at=started)
        if not wait or (job.request_type == "async" and callback_url is not None):
            return job
        return self._wait(
            job, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress
        )

    def _wait(
        self,
        job: GenerationJob,
        *,
        timeout: float | None,
        poll_interval: float | None,
        on_progress: Callable[[GenerationJob], None] | None,
    ) -> Video:
        limit, schedule = self._plan(timeout, poll_interval, job._started_at)
        deadline = _clock.monotonic() + limit
        retry_after: float | None = None
        reported: tuple[str, float | None] | None = None
        while True:
            if on_progress is not None and (job.status, job.percentage) != reported:
                reported = (job.status, job.percentage)
                on_progress(job)
            video = job._result()
            if video is not None:
                return video
            now = _clock.monotonic()
            schedule.observe(now, job.percentage)
            if now >= deadline:
                raise GenerationTimeoutError(job_id=job.id, timeout=limit)
            _clock.sleep(min(schedule.next_delay(now, retry_after), deadline - now))
            try:
                job, retry_after = self._poll(job.id, started_at=job._started_at, deadline=deadline)
            except DeadlineReached as late:
                raise GenerationTimeoutError(job_id=job.id, timeout=limit) from late.error


class AsyncConnection(_BaseConnection):
    """The async twin of `Connection`: the same methods, as coroutines. Make one with
    `connect_async`."""

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        """See `connect_async`.

        Raises:
            InvalidInputError: The API key is missing, or a setting breaks its rule.
        """
        key, url, options = _resolve(api_key, base_url, timeout, max_retries)
        self._setup(async_api(url, options.timeout, http_client), key, url, options)
        self._owns_http = http_client is None

    async def get_collection(self, collection_id: str = "default") -> AsyncCollection:
        """Read a collection; see `Connection.get_collection`.

        Raises:
            InvalidInputError: `collection_id` is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: No such collection.
            AuthenticationError: The API key is missing or unknown.
            APIError: The request failed otherwise, after its retries.
        """
        op = _collection_op(collection_id)
        answer = await call_async(
            op,
            self._settings(),
            lambda: get_collection.asyncio_detailed(collection_id=collection_id, client=self._api),
            _shapes.accept_collection,
        )
        return AsyncCollection(**_shapes.collection_fields(answer.parsed.data), conn=self)

    async def get_video(self, video_id: str, collection_id: str = "default") -> Video:
        """Read a video; see `Connection.get_video`.

        Raises:
            InvalidInputError: An id is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: No such video.
            APIError: The request failed otherwise, after its retries.
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        op = _video_op(video_id, collection_id)
        answer = await call_async(
            op,
            self._settings(),
            lambda: get_video.asyncio_detailed(
                video_id=video_id, client=self._api, collection_id=collection_id
            ),
            _shapes.accept_video,
        )
        return _shape(op, lambda: _shapes.video_from(answer.parsed.data))

    async def get_job(self, job_id: str) -> AsyncGenerationJob:
        """Read a generation job's state; see `Connection.get_job`.

        Raises:
            InvalidInputError: `job_id` is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: The API does not know the job.
            APIError: The request failed otherwise, after its retries.
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        return (await self._poll(job_id, started_at=None))[0]

    async def close(self) -> None:
        """Close the HTTP client, unless it was passed in as `http_client`."""
        if self._owns_http:
            await self._api.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def _poll(
        self, job_id: str, *, started_at: float | None, deadline: float | None = None
    ) -> tuple[AsyncGenerationJob, float | None]:
        op = _poll_op(job_id)
        try:
            answer: Answer[_shapes.PollAnswer] = await call_async(
                op,
                self._settings(deadline),
                lambda: get_async_response.asyncio_detailed(job_id=job_id, client=self._api),
                _shapes.accept_poll,
            )
        except APIError as error:
            error.job_id = job_id
            raise
        except DeadlineReached as late:
            late.error.job_id = job_id
            raise
        state = _shape(op, lambda: _shapes.polled_job(job_id, answer.parsed))
        job = AsyncGenerationJob(**_job_fields(state), conn=self, started_at=started_at)
        return job, parse_retry_after(answer.headers)

    async def _generate_video(
        self,
        collection_id: str,
        prompt: str,
        duration: int,
        callback_url: str | None,
        *,
        wait: bool,
        timeout: float | None,  # noqa: ASYNC109 - the sync twin's signature, kept identical
        poll_interval: float | None,
        on_progress: Callable[[AsyncGenerationJob], None] | None,
    ) -> Video | AsyncGenerationJob:
        op = _generate_op(collection_id)
        body = _check_generation(prompt, duration, callback_url, timeout, poll_interval)
        started = _clock.monotonic()
        answer = await call_async(
            op,
            self._settings(),
            lambda: generate_video.asyncio_detailed(
                collection_id=collection_id, client=self._api, body=body
            ),
            _shapes.accept_generation,
        )
        state = _shapes.accepted_job(answer.parsed)
        job = AsyncGenerationJob(**_job_fields(state), conn=self, started_at=started)
        if not wait or (job.request_type == "async" and callback_url is not None):
            return job
        return await self._wait(
            job, timeout=timeout, poll_interval=poll_interval, on_progress=on_progress
        )

    async def _wait(
        self,
        job: AsyncGenerationJob,
        *,
        timeout: float | None,  # noqa: ASYNC109 - the sync twin's signature, kept identical
        poll_interval: float | None,
        on_progress: Callable[[AsyncGenerationJob], None] | None,
    ) -> Video:
        limit, schedule = self._plan(timeout, poll_interval, job._started_at)
        deadline = _clock.monotonic() + limit
        retry_after: float | None = None
        reported: tuple[str, float | None] | None = None
        while True:
            if on_progress is not None and (job.status, job.percentage) != reported:
                reported = (job.status, job.percentage)
                on_progress(job)
            video = job._result()
            if video is not None:
                return video
            now = _clock.monotonic()
            schedule.observe(now, job.percentage)
            if now >= deadline:
                raise GenerationTimeoutError(job_id=job.id, timeout=limit)
            await _clock.async_sleep(min(schedule.next_delay(now, retry_after), deadline - now))
            try:
                job, retry_after = await self._poll(
                    job.id, started_at=job._started_at, deadline=deadline
                )
            except DeadlineReached as late:
                raise GenerationTimeoutError(job_id=job.id, timeout=limit) from late.error


def connect(
    api_key: str | None = None,
    base_url: str | None = None,
    *,
    timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
    max_retries: int = DEFAULT_MAX_RETRIES,
    http_client: httpx.Client | None = None,
) -> Connection:
    """Connect to the VideoDB API. No request is sent until a method needs one.

    Args:
        api_key: The account's API key; defaults to the ``VIDEO_DB_API_KEY`` variable.
        base_url: The API's URL; defaults to the ``VIDEO_DB_BASE_URL`` variable, then
            ``https://api.videodb.io``. The key is sent only to this URL's origin.
        timeout: The timeout of each HTTP request (seconds, or an `httpx.Timeout`).
        max_retries: How often a failed request may be retried. Reads are retried on
            connection errors, 408, 429 and 5xx; starting a generation (billable) only when it
            surely never reached the server, or on 429/503 with ``Retry-After``.
        http_client: An `httpx.Client` to send requests with (for proxies, transports, tests).
            The SDK sets its base URL and adds event hooks; `Connection.close` leaves it open.

    Raises:
        InvalidInputError: No API key was given or found in the environment, or a setting
            breaks its rule.
    """
    return Connection(
        api_key, base_url, timeout=timeout, max_retries=max_retries, http_client=http_client
    )


def connect_async(
    api_key: str | None = None,
    base_url: str | None = None,
    *,
    timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
    max_retries: int = DEFAULT_MAX_RETRIES,
    http_client: httpx.AsyncClient | None = None,
) -> AsyncConnection:
    """The async twin of `connect`: returns an `AsyncConnection`, whose methods are coroutines.

    Raises:
        InvalidInputError: No API key was given or found in the environment, or a setting
            breaks its rule.
    """
    return AsyncConnection(
        api_key, base_url, timeout=timeout, max_retries=max_retries, http_client=http_client
    )
