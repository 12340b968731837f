# Generated from _async/_client.py by scripts/unasync.py: do not edit.
"""`connect` and `Connection`: configuration, and the calls made on a connection."""

from typing import Any, Self, Unpack, cast

import httpx
from videodb_api import Client

from .._http import SYNC_HOOKS, attach, new_client
from .._operations import GET_COLLECTION, GET_VIDEO
from .._options import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    OptionChanges,
    resolve,
)
from ._engine import Engine
from ._resources import Collection, GenerationJob, Video, WithRawResponse


class Connection(WithRawResponse):
    """A connection to the VideoDB API; `connect` is another name for this class.

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
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        """Connect to the VideoDB API. No request is sent until a method needs one.

        Args:
            api_key: The account's API key; defaults to the ``VIDEO_DB_API_KEY`` variable.
            base_url: The API's URL; defaults to the ``VIDEO_DB_BASE_URL`` variable, then
                ``https://api.videodb.io``. The key is sent only to this URL's origin.
            timeout: The timeout of each HTTP request (seconds, or an `httpx.Timeout`): each
                step (connecting, each read and write) and the request as a whole, connect
                to last byte, end within it (the whole within its longest limit).
            max_retries: How often a failed request may be retried. Reads are retried on
                connection errors, 408, 429 and 5xx; starting a generation (billable) only when
                it surely never reached the server, or on 429/503 with ``Retry-After``.
            http_client: An httpx client to send requests with (for proxies, transports,
                tests).
                The SDK sets its base URL and adds event hooks; `close` leaves it open.
                Without one the SDK makes its own, which keeps no cookies (the API uses none).
            max_response_bytes: The largest answer body (decoded) the SDK reads, 32 MiB by
                default; a larger one is a `ResponseTooLargeError`, and memory stays bounded.

        Raises:
            InvalidInputError: No API key was given or found in the environment, or a setting
                breaks its rule.
        """
        config = resolve(api_key, base_url, timeout, max_retries, max_response_bytes)
        http = http_client or new_client(httpx.Client, timeout=config.options.timeout)
        attach(http, config.base_url, SYNC_HOOKS)
        # The generated client gets no key: `on_request` adds it to each request to the home
        # origin only. As the generated client's own header it would go to every origin.
        api = Client(base_url=config.base_url, timeout=config.options.timeout)
        api.set_httpx_client(http)
        self._engine = Engine(api, config, owns_http=http_client is None)

    @property
    def base_url(self) -> str:
        """The API's base URL; the API key is sent only to its origin."""
        return self._engine.config.base_url

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def with_options(self, **changes: Unpack[OptionChanges]) -> Self:
        """A copy of this connection with some settings changed; it shares the HTTP client.

        Args:
            timeout: The timeout of each HTTP request, in seconds or as an `httpx.Timeout`.
            max_retries: How often a failed request may be retried.
            wait_timeout: Seconds `generate_video` and `GenerationJob.wait` wait by default.
            poll_interval: Poll at this fixed interval instead of adaptively.
            max_poll_interval: The longest wait between two adaptive polls.
            max_response_bytes: The largest answer body (decoded) read.

        Raises:
            InvalidInputError: A setting breaks its rule.
        """
        clone = object.__new__(type(self))
        clone._engine = self._engine.with_options(self._engine.config.options.changed(**changes))
        return clone

    def get_collection(self, collection_id: str = "default") -> Collection:
        """Read a collection; every account has ``default``.

        Raises:
            InvalidInputError: `collection_id` is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: No such collection.
            AuthenticationError: The API key is missing or unknown.
            APIError: The request failed otherwise, after its retries.
        """
        collection = self._engine.call(GET_COLLECTION, collection_id=collection_id)
        return cast(Collection, collection)

    def get_video(self, video_id: str, collection_id: str = "default") -> Video:
        """Read a video.

        Raises:
            InvalidInputError: An id is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: No such video.
            APIError: The request failed otherwise, after its retries.
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        video = self._engine.call(GET_VIDEO, video_id=video_id, collection_id=collection_id)
        return cast(Video, video)

    def get_job(self, job_id: str) -> GenerationJob[Any]:
        """Read a generation job's state, for example to resume waiting after a timeout. Its
        result is whatever the job makes: a `Video`, an `Image` or a text.

        Raises:
            InvalidInputError: `job_id` is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: The API does not know the job.
            APIError: The request failed otherwise, after its retries.
            InvalidIdError: The API sent a result whose id lacks its kind's prefix.
        """
        job, _ = self._engine.poll(job_id, started_at=None)
        return job

    def close(self) -> None:
        """Close the HTTP client, unless it was passed in as `http_client` or this connection
        is a `with_options` copy (the original owns it)."""
        self._engine.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


#: The official SDK's call shape: ``connect(api_key=...)`` makes an `Connection`.
connect = Connection
