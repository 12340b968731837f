"""A connection's settings, and the defaults."""

from __future__ import annotations

import attrs
import httpx

from ._polling import PollSettings

DEFAULT_BASE_URL = "https://api.videodb.io"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_WAIT_TIMEOUT = 600.0
API_KEY_ENV = "VIDEO_DB_API_KEY"
BASE_URL_ENV = "VIDEO_DB_BASE_URL"


def as_timeout(value: float | httpx.Timeout) -> httpx.Timeout:
    """An httpx timeout from seconds or an `httpx.Timeout`."""
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value)


@attrs.frozen
class Options:
    """The settings a connection applies to each call.

    Attributes:
        timeout: The timeout of each HTTP request.
        max_retries: How often a failed request is retried (see the retry rules).
        wait_timeout: Seconds to wait for a generation job to end, by default.
        poll: How to poll a running job.
    """

    timeout: httpx.Timeout = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    wait_timeout: float = DEFAULT_WAIT_TIMEOUT
    poll: PollSettings = attrs.field(factory=PollSettings)
