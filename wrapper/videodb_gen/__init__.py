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

from . import _exceptions
from ._async._client import AsyncConnection, connect_async
from ._async._resources import AsyncCollection, AsyncGenerationJob
from ._exceptions import *  # noqa: F403 - the errors, listed in its __all__
from ._results import JobStatus, Video
from ._sync._client import Connection, connect
from ._sync._resources import Collection, GenerationJob
from ._version import __version__

__all__ = [
    "AsyncCollection",
    "AsyncConnection",
    "AsyncGenerationJob",
    "Collection",
    "Connection",
    "GenerationJob",
    "JobStatus",
    "Video",
    "__version__",
    "connect",
    "connect_async",
]
__all__ += _exceptions.__all__
