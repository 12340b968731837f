"""videodb_gen: a typed Python SDK for VideoDB's AI generation: video, images, text, music,
sound effects, voices and dubbing.

The call shape is the official ``videodb`` SDK's::

    import videodb_gen as videodb

    conn = videodb.connect(api_key="...")  # or VIDEO_DB_API_KEY in the environment
    coll = conn.get_collection()
    video = coll.generate_video(prompt="A drone flying over a futuristic city", duration=6)
    print(video.id, video.stream_url)
    image = coll.generate_image("A lighthouse at dawn", aspect_ratio="16:9")
    print(image.id, image.generate_url())
    print(coll.generate_text("A tagline for a coffee brand")["output"])
    print(video.generate_stream([(0, 2), (3, 5)]), video.download().download_url)

`connect_async` returns the async twin, `AsyncConnection`, whose methods are coroutines.
`generate_batch` (and `generate_batch_async`) runs many generations at once, resumably.
`parse_callback` reads what the API POSTs to a ``callback_url``; `CallbackDedup` handles each once.
Every error the SDK raises derives from `VideoDBError`. ``with_raw_response`` on any handle
gives the HTTP answer of a call (`APIResponse`); ``VIDEODB_LOG=debug`` logs each request.
"""

import importlib
from typing import TYPE_CHECKING, Any

from . import _exceptions
from ._exceptions import *  # noqa: F403 - the errors, listed in its __all__
from ._logging import setup_from_env as _setup_logging
from ._raw import APIResponse
from ._results import (
    AspectRatio,
    AudioInfo,
    DownloadResult,
    ImageInfo,
    JobStatus,
    TextModel,
    TextOutput,
    TextResponseType,
    TextResult,
    VideoInfo,
)
from ._sync._client import Connection, connect
from ._sync._resources import Audio, Collection, GenerationJob, Image, Video
from ._version import __version__

# VIDEODB_LOG=debug (or info) logs each request to stderr; see _logging.
_setup_logging()

if TYPE_CHECKING:
    from ._async._client import AsyncConnection, connect_async
    from ._async._resources import (
        AsyncAudio,
        AsyncCollection,
        AsyncGenerationJob,
        AsyncImage,
        AsyncVideo,
    )
    from ._batch import BatchReport, BatchResult, BatchStatus, generate_batch, generate_batch_async
    from ._batch_input import BatchInputError, BatchRequest, read_batch_file
    from ._callbacks import CallbackDedup, CallbackResult, parse_callback
    from .asset import TextStyle

#: Names imported when first used: batch generation loads sqlite3, csv and more that most
#: programs never need; a sync program needs none of the async twins, and one that does not
#: compose needs no asset.
_LAZY = {
    "AsyncConnection": "._async._client",
    "connect_async": "._async._client",
    "AsyncAudio": "._async._resources",
    "AsyncCollection": "._async._resources",
    "AsyncGenerationJob": "._async._resources",
    "AsyncImage": "._async._resources",
    "AsyncVideo": "._async._resources",
    "BatchReport": "._batch",
    "BatchResult": "._batch",
    "BatchStatus": "._batch",
    "generate_batch": "._batch",
    "generate_batch_async": "._batch",
    "BatchInputError": "._batch_input",
    "BatchRequest": "._batch_input",
    "read_batch_file": "._batch_input",
    "CallbackDedup": "._callbacks",
    "CallbackResult": "._callbacks",
    "parse_callback": "._callbacks",
    "TextStyle": ".asset",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "APIResponse",
    "AspectRatio",
    "AsyncAudio",
    "AsyncCollection",
    "AsyncConnection",
    "AsyncGenerationJob",
    "AsyncImage",
    "AsyncVideo",
    "Audio",
    "AudioInfo",
    "BatchInputError",
    "BatchReport",
    "BatchRequest",
    "BatchResult",
    "BatchStatus",
    "CallbackDedup",
    "CallbackResult",
    "Collection",
    "Connection",
    "DownloadResult",
    "GenerationJob",
    "Image",
    "ImageInfo",
    "JobStatus",
    "TextModel",
    "TextOutput",
    "TextResponseType",
    "TextResult",
    "TextStyle",
    "Video",
    "VideoInfo",
    "__version__",
    "connect",
    "connect_async",
    "generate_batch",
    "generate_batch_async",
    "parse_callback",
    "read_batch_file",
]
__all__ += _exceptions.__all__
