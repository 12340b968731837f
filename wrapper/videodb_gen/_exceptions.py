"""The errors the SDK raises: one hierarchy, keyed on HTTP status for API answers.

```
VideoDBError
├── APIError                       a request to the API went wrong
│   ├── APIStatusError             the API answered with an error status
│   │   ├── BadRequestError            400
│   │   ├── AuthenticationError        401
│   │   ├── PaymentRequiredError       402 (alias InsufficientCreditsError)
│   │   ├── NotFoundError              404
│   │   ├── UnprocessableEntityError   422
│   │   ├── RateLimitError             429
│   │   └── InternalServerError        5xx
│   ├── APIResponseValidationError the answer could not be decoded or broke the spec
│   │   └── ResponseTooLargeError      the answer's body is larger than max_response_bytes
│   └── APIConnectionError         no answer: the connection failed
│       └── APITimeoutError            the request timed out
├── GenerationFailedError          the generation job ended in failure
├── GenerationTimeoutError         the job did not end before the deadline
├── InvalidIdError                 the API sent an id without its kind's prefix
│   ├── InvalidVideoIdError            a video id that does not start with `m-`
│   ├── InvalidImageIdError            an image id that does not start with `img-`
│   └── InvalidAudioIdError            an audio id that does not start with `a-`
├── InvalidInputError              an argument was rejected before any request was sent
└── StateError                     a batch's state file could not be read or written
    └── StateLockedError               the state is in use by another process
```
"""

from collections.abc import Mapping
from typing import Any

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "GenerationFailedError",
    "GenerationTimeoutError",
    "InsufficientCreditsError",
    "InternalServerError",
    "InvalidAudioIdError",
    "InvalidCallbackError",
    "InvalidIdError",
    "InvalidImageIdError",
    "InvalidInputError",
    "InvalidVideoIdError",
    "NotFoundError",
    "PaymentRequiredError",
    "RateLimitError",
    "ResponseTooLargeError",
    "StateError",
    "StateLockedError",
    "UnprocessableEntityError",
    "VideoDBError",
]


#: The headers a server names its answer with, in order of preference: VideoDB documents
#: none, so the common ones are read (``request-id`` is what some gateways send).
REQUEST_ID_HEADERS = ("x-request-id", "request-id")


def request_id_of(headers: Mapping[str, str]) -> str | None:
    """The request id in an answer's `headers` (any case of the names), or None."""
    lowered = {name.lower(): value for name, value in headers.items()}
    for name in REQUEST_ID_HEADERS:
        value = lowered.get(name)
        if value:
            return value
    return None


class VideoDBError(Exception):
    """The base of every error this SDK raises."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class APIError(VideoDBError):
    """A request to the API failed.

    Attributes:
        method: The request's HTTP method, for example ``"GET"``.
        path: The request's path, for example ``"/collection/default"``.
        status_code: The HTTP status of the answer, or ``None`` when there was none.
        error_code: The API's machine-readable ``error_code``, when it sent one.
        job_id: The generation job a poll was about, to resume it with ``get_job``; else None.
        request_id: The id the server gave the answer (its ``x-request-id`` header), to quote
            when reporting a problem; None when there was no answer or it sent none.
    """

    def __init__(
        self,
        message: str,
        *,
        method: str,
        path: str,
        status_code: int | None = None,
        error_code: str | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.method = method
        self.path = path
        self.status_code = status_code
        self.error_code = error_code
        self.request_id = request_id
        self.job_id: str | None = None

    def __str__(self) -> str:
        status = f"{self.status_code} " if self.status_code is not None else ""
        code = f" [{self.error_code}]" if self.error_code else ""
        request = f" (request id {self.request_id})" if self.request_id else ""
        return f"{status}{self.method} {self.path}: {self.message}{code}{request}"


class APIStatusError(APIError):
    """The API answered with an error status (4xx or 5xx, or any status it should not send).

    Attributes:
        status_code: The HTTP status.
        headers: The answer's headers (never the request's, which hold the API key).
        body: The answer's body as text, shortened.
    """

    status_code: int

    def __init__(
        self,
        message: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: str = "",
        **where: Any,
    ) -> None:
        """`where` holds `APIError`'s keyword arguments: `method`, `path`, `status_code` and
        `error_code`; `request_id` defaults to the one in `headers`."""
        self.headers = dict(headers or {})
        where.setdefault("request_id", request_id_of(self.headers))
        super().__init__(message, **where)
        self.body = body


class BadRequestError(APIStatusError):
    """400: the request is invalid; the message names the field and the rule."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or unknown."""


class PaymentRequiredError(APIStatusError):
    """402: the account has not enough credits for this generation."""


InsufficientCreditsError = PaymentRequiredError


class NotFoundError(APIStatusError):
    """404: no such collection, job or video."""


class UnprocessableEntityError(APIStatusError):
    """422: the request is well formed but cannot be processed."""


class RateLimitError(APIStatusError):
    """429: too many requests; retried automatically as ``Retry-After`` says."""


class InternalServerError(APIStatusError):
    """5xx: the server failed; reads are retried automatically."""


class APIResponseValidationError(APIError):
    """The answer's body could not be decoded, or its shape breaks the API's specification."""


class ResponseTooLargeError(APIResponseValidationError):
    """The answer's body (decoded) is larger than the connection's ``max_response_bytes``; it
    was not read further, and the request is not retried.

    Attributes:
        limit: The ``max_response_bytes`` that was passed.
    """

    def __init__(self, message: str, *, limit: int, **where: Any) -> None:
        """`where` holds `APIError`'s keyword arguments."""
        super().__init__(message, **where)
        self.limit = limit


class APIConnectionError(APIError):
    """No answer arrived: the connection could not be made or was broken."""


class APITimeoutError(APIConnectionError):
    """The request timed out (connecting, sending or reading)."""


class GenerationFailedError(VideoDBError):
    """The generation job ended in failure.

    Attributes:
        job_id: The failed job's id.
        error_code: The API's machine-readable ``error_code``, when it sent one.
    """

    def __init__(self, message: str, *, job_id: str, error_code: str | None = None) -> None:
        super().__init__(message)
        self.job_id = job_id
        self.error_code = error_code

    def __str__(self) -> str:
        if not self.job_id:  # a callback carries no job id
            return f"generation failed: {self.message}"
        return f"generation job {self.job_id} failed: {self.message}"


class GenerationTimeoutError(VideoDBError, TimeoutError):
    """The generation job did not end before the deadline. The job may still finish:
    resume it with ``Connection.get_job(error.job_id)``.

    Attributes:
        job_id: The job's id.
        timeout: The deadline, in seconds, that passed.
    """

    def __init__(self, *, job_id: str, timeout: float) -> None:
        super().__init__(
            f"generation job {job_id} did not finish within {timeout:g} s; "
            f"resume it with get_job({job_id!r})"
        )
        self.job_id = job_id
        self.timeout = timeout


class InvalidIdError(VideoDBError, ValueError):
    """The API sent a result whose id does not start with its kind's prefix.

    Attributes:
        kind: What the id names (``video``, ``image``).
        prefix: The prefix every id of that kind starts with.
        id: The id received.
    """

    kind = "result"
    prefix = ""

    def __init__(self, id: object) -> None:
        expected = f"expected the {self.kind}'s id to start with {self.prefix!r}"
        super().__init__(f"{expected}, received {id!r}")
        self.id = str(id)


class InvalidVideoIdError(InvalidIdError):
    """The API sent a video whose id does not start with ``m-`` (``video_id`` is its id)."""

    kind, prefix = "video", "m-"

    @property
    def video_id(self) -> str:
        """The id received."""
        return self.id


class InvalidImageIdError(InvalidIdError):
    """The API sent an image whose id does not start with ``img-``."""

    kind, prefix = "image", "img-"


class InvalidAudioIdError(InvalidIdError):
    """The API sent an audio whose id does not start with ``a-``."""

    kind, prefix = "audio", "a-"


class InvalidInputError(VideoDBError, ValueError):
    """An argument was rejected before any request was sent.

    Attributes:
        field: The argument's name.
        rule: The rule it broke.
    """

    def __init__(self, field: str, rule: str) -> None:
        super().__init__(f"{field}: {rule}")
        self.field = field
        self.rule = rule


class InvalidCallbackError(VideoDBError, ValueError):
    """A body given to `parse_callback` is not a generation callback: not UTF-8 JSON, too
    large, nested too deeply, or not one of the shapes the API POSTs to a ``callback_url``.

    Attributes:
        reason: What is wrong with the body.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(f"not a generation callback: {reason}")
        self.reason = reason


class StateError(VideoDBError):
    """A batch's state file could not be read or written (another program holds a lock on it,
    the disk is full, it cannot be opened). Jobs recorded before it are kept: a rerun resumes
    them.

    Attributes:
        state: The state's path.
    """

    def __init__(self, message: str, *, state: str) -> None:
        super().__init__(message)
        self.state = state


class StateLockedError(StateError):
    """The state (a batch's state file, a sandbox's state folder) is in use by another process,
    which holds its lock; nothing was started. The lock is released when that process ends,
    however it ends.

    Attributes:
        state: The state's path.
        lock_file: The lock file held, beside the state.
        pid: The holder's process id, when it could be read from the lock file.
        host: The holder's host name, when it could be read.
        started: When the holder took the lock, in seconds since the epoch, when it could be read.
    """

    def __init__(
        self,
        message: str,
        *,
        state: str,
        lock_file: str,
        pid: int | None = None,
        host: str | None = None,
        started: float | None = None,
    ) -> None:
        super().__init__(message, state=state)
        self.lock_file = lock_file
        self.pid = pid
        self.host = host
        self.started = started


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    404: NotFoundError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The error class for an HTTP status: a dedicated one where there is one, else the base."""
    if status_code >= 500:
        return InternalServerError
    return _BY_STATUS.get(status_code, APIStatusError)
