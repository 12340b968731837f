"""A connection's settings: the defaults, where they come from, and how a call applies them."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Generic, TypedDict, TypeVar, Unpack

import attrs
import httpx

from . import _clock
from ._arguments import (
    check_api_key,
    check_base_url,
    check_callable,
    check_flag,
    check_max_retries,
    check_optional_seconds,
    check_positive_int,
    check_seconds,
    optional,
    rule,
)
from ._polling import PollSchedule, PollSettings

DEFAULT_BASE_URL = "https://api.videodb.io"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_WAIT_TIMEOUT = 600.0
#: The largest answer body read, decoded. The API's largest answers are small JSON; a text
#: generation's answer can echo a prompt of up to 2 MiB.
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
API_KEY_ENV = "VIDEO_DB_API_KEY"
BASE_URL_ENV = "VIDEO_DB_BASE_URL"
# A request near the end of a wait still gets this long, so that it can answer at all.
MIN_REQUEST_SECONDS = 1.0


def as_timeout(value: float | httpx.Timeout) -> httpx.Timeout:
    """An httpx timeout from seconds or an `httpx.Timeout`.

    Raises:
        InvalidInputError: Seconds that are not a finite, positive number.
    """
    if isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(check_seconds("timeout", value))


def _capped(timeout: httpx.Timeout, seconds: float) -> httpx.Timeout:
    """`timeout` with each of its limits at most `seconds`."""
    limits = timeout.as_dict().items()
    return httpx.Timeout(**{k: seconds if v is None else min(v, seconds) for k, v in limits})


def whole_request_seconds(timeout: httpx.Timeout) -> float | None:
    """How long a whole request may take under `timeout`: its longest limit; None when one
    of its steps has no limit."""
    limits = timeout.as_dict().values()
    return None if None in limits else max(v for v in limits if v is not None)


class OptionChanges(TypedDict, total=False):
    """What `Connection.with_options` may change (see there)."""

    timeout: float | httpx.Timeout
    max_retries: int
    wait_timeout: float
    poll_interval: float
    max_poll_interval: float
    max_response_bytes: int


@attrs.frozen
class Options:
    """The settings a connection applies to each call, checked when they are made.

    Attributes:
        timeout: The timeout of each step of an HTTP request; its longest limit also bounds
            each request as a whole.
        max_retries: How often a failed request is retried (see the retry rules).
        wait_timeout: Seconds to wait for a generation job to end, by default.
        poll: How to poll a running job.
        max_response_bytes: The largest answer body (decoded) read; a larger one is a
            `ResponseTooLargeError`.
    """

    timeout: httpx.Timeout = attrs.field(default=DEFAULT_TIMEOUT, converter=as_timeout)
    max_retries: int = attrs.field(default=DEFAULT_MAX_RETRIES, validator=rule(check_max_retries))
    wait_timeout: float = attrs.field(default=DEFAULT_WAIT_TIMEOUT, validator=rule(check_seconds))
    poll: PollSettings = attrs.field(factory=PollSettings)
    max_response_bytes: int = attrs.field(
        default=DEFAULT_MAX_RESPONSE_BYTES, validator=rule(check_positive_int)
    )
    _whole: float | None = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        # How long a whole request may take; worked out once, it is asked for each request.
        object.__setattr__(self, "_whole", whole_request_seconds(self.timeout))

    def changed(self, **changes: Unpack[OptionChanges]) -> Options:
        """These options with some settings changed (see `Connection.with_options`); a None
        keeps a setting.

        Raises:
            InvalidInputError: A setting breaks its rule.
        """
        given: dict[str, Any] = {k: v for k, v in changes.items() if v is not None}
        poll = {k: given.pop(k) for k in ("poll_interval", "max_poll_interval") if k in given}
        return attrs.evolve(self, **given, poll=attrs.evolve(self.poll, **poll))

    def request_limits(self, deadline: float | None) -> tuple[httpx.Timeout, float | None]:
        """The timeout of each step of a request starting now, and when (a `_clock.monotonic`
        time) the whole request must have ended, None for never.

        The request must end within the connection's timeout (its longest limit), and by
        `deadline` (a wait's) when one is given, though it always gets `MIN_REQUEST_SECONDS`
        so that it can answer at all. Each step's limit is cut to that time too.
        """
        now = _clock.monotonic()
        seconds = self._whole
        if deadline is None:  # the longest limit: no step's limit needs cutting
            return self.timeout, None if seconds is None else now + seconds
        left = max(deadline - now, MIN_REQUEST_SECONDS)
        seconds = left if seconds is None else min(seconds, left)
        return _capped(self.timeout, seconds), now + seconds

    def schedule(self, waiting: Waiting, started_at: float | None) -> tuple[float, PollSchedule]:
        """How long to wait for a job, and the schedule of its polls."""
        limit = self.wait_timeout if waiting.timeout is None else waiting.timeout
        settings = self.poll
        if waiting.poll_interval is not None:
            settings = attrs.evolve(settings, poll_interval=waiting.poll_interval)
        return limit, PollSchedule(settings, started_at=started_at)


J = TypeVar("J")


class WaitArgs(TypedDict, Generic[J], total=False):
    """The keyword arguments of a generation call that say how it waits for job `J`."""

    timeout: float | None
    poll_interval: float | None
    on_progress: Callable[[J], None] | None


@attrs.frozen
class Waiting:
    """How a call waits for a generation job (see `GenerationJob.wait`), checked at once.

    Attributes:
        wait: Whether to wait for the result at all.
        timeout: Seconds to wait; None uses the connection's ``wait_timeout``.
        poll_interval: A fixed number of seconds between polls; None polls adaptively.
        on_progress: Called with each new state of the job while waiting.
    """

    wait: bool = attrs.field(default=True, validator=rule(check_flag))
    timeout: float | None = attrs.field(default=None, validator=rule(check_optional_seconds))
    poll_interval: float | None = attrs.field(default=None, validator=rule(check_optional_seconds))
    on_progress: Callable[[Any], None] | None = attrs.field(
        default=None, validator=rule(optional(check_callable))
    )


@attrs.frozen
class Config:
    """Where a connection sends its requests, with which key, and its options."""

    api_key: str = attrs.field(repr=False)
    base_url: str
    options: Options


def resolve(
    api_key: str | None,
    base_url: str | None,
    timeout: float | httpx.Timeout,
    max_retries: int,
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
) -> Config:
    """The configuration from `connect`'s arguments, falling back to the environment.

    Raises:
        InvalidInputError: No API key was given or found, or a setting breaks its rule.
    """
    key = check_api_key(api_key if api_key is not None else os.environ.get(API_KEY_ENV) or None)
    url = base_url if base_url is not None else os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    options = Options(
        timeout=timeout, max_retries=max_retries, max_response_bytes=max_response_bytes
    )
    return Config(key, check_base_url("base_url", url).rstrip("/"), options)
