"""When to retry a request, and how long to wait first. Pure functions; no I/O.

Reads (a collection, a job's state, a video) are idempotent: they are retried on connection
errors, on 408, 429 and 5xx. Starting a generation is billable and not idempotent: it is retried
only when the request surely never reached the server (the connection could not be made, or no
pooled connection was free), or on 429 and 503 that carry a `Retry-After` header (the server
says it did not start the job). It is never retried after a read timeout or a broken connection,
where the job may have started.
"""

import random
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

INITIAL_BACKOFF = 0.5
MAX_BACKOFF = 8.0
MAX_RETRY_AFTER = 60.0
_RETRY_STATUSES = frozenset({408, 429})
_BILLABLE_RETRY_STATUSES = frozenset({429, 503})
#: Transport errors after which the request surely never reached the server.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def parse_retry_after(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header (seconds or an HTTP date), or None.

    A value that cannot be read, is negative or exceeds `MAX_RETRY_AFTER` gives None.
    """
    value = headers.get("retry-after", "").strip()
    if not value:  # most answers: no header, nothing to parse
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
    return seconds if 0 <= seconds <= MAX_RETRY_AFTER else None


def backoff(retry_number: int, *, rng: random.Random | None = None) -> float:
    """The wait before retry `retry_number` (0 for the first): exponential, capped, jittered."""
    base = min(MAX_BACKOFF, INITIAL_BACKOFF * 2.0**retry_number)
    jitter = 1.0 - 0.25 * (rng or random).random()
    return base * jitter


def throttled_wait(status: int, headers: Mapping[str, str]) -> float | None:
    """The wait an answer that says "too many, come back later" asks for: a 429 (its
    `Retry-After`, else 0), or a 503 with `Retry-After`; None for any other answer. Such an
    answer started nothing."""
    retry_after = parse_retry_after(headers)
    if status == 429:
        return retry_after or 0.0
    return retry_after if status == 503 else None


def _status_retry(status: int, retry_after: float | None, billable: bool) -> bool:
    if billable:
        return status in _BILLABLE_RETRY_STATUSES and retry_after is not None
    return status in _RETRY_STATUSES or status >= 500


def retry_delay(
    answer: httpx.Response | None,
    error: httpx.RequestError | None,
    *,
    retry_number: int,
    max_retries: int,
    billable: bool,
) -> float | None:
    """Seconds to wait before retrying an attempt that got `answer` (or the transport `error`
    instead), or None when it must not be retried.

    `retry_number` counts the retries already made (0 before the first retry).
    """
    if retry_number >= max_retries:
        return None
    if error is not None:
        safe = not billable or isinstance(error, NOT_SENT)
        return backoff(retry_number) if safe else None
    if answer is None:
        return None
    if answer.status_code < 300:  # an answer that could not be read
        return None if billable else backoff(retry_number)
    retry_after = parse_retry_after(answer.headers)
    if not _status_retry(answer.status_code, retry_after, billable):
        return None
    return retry_after if retry_after is not None else backoff(retry_number)
