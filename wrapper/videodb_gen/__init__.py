"""videodb_gen: a typed Python SDK for VideoDB's AI video generation.

The call shape is the official ``videodb`` SDK's::

    import videodb_gen as videodb

    conn = videodb.connect(api_key="...")  # or VIDEO_DB_API_KEY in the environment
    coll = conn.get_collection()
    video = coll.generate_video(prompt="A drone flying over a futuristic city", duration=6)
    print(video.id, video.stream_url)

`connect_async` returns the async twin, `AsyncConnection`, whose methods are coroutines.
Every error the SDK raises derives from `VideoDBError`.
"""

from ._client import AsyncConnection, Connection, connect, connect_async
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    GenerationFailedError,
    GenerationTimeoutError,
    InsufficientCreditsError,
    InternalServerError,
    InvalidInputError,
    InvalidVideoIdError,
    NotFoundError,
    PaymentRequiredError,
    RateLimitError,
    UnprocessableEntityError,
    VideoDBError,
)
from ._models import (
    AsyncCollection,
    AsyncGenerationJob,
    Collection,
    GenerationJob,
    JobStatus,
    Video,
)
from ._version import __version__

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncCollection",
    "AsyncConnection",
    "AsyncGenerationJob",
    "AuthenticationError",
    "BadRequestError",
    "Collection",
    "Connection",
    "GenerationFailedError",
    "GenerationJob",
    "GenerationTimeoutError",
    "InsufficientCreditsError",
    "InternalServerError",
    "InvalidInputError",
    "InvalidVideoIdError",
    "JobStatus",
    "NotFoundError",
    "PaymentRequiredError",
    "RateLimitError",
    "UnprocessableEntityError",
    "Video",
    "VideoDBError",
    "__version__",
    "connect",
    "connect_async",
]
