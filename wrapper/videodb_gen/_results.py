"""What the API sends back, as the SDK's results: frozen, slotted attrs data with no behaviour.

The handles that act (`Collection`, `Video`, `Image`, `Audio`, `GenerationJob`) build on these
in the resource layer (`_async/_resources.py`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, Literal, TypeAlias, TypeVar

import attrs
from videodb_api import models as api

from ._exceptions import (
    GenerationFailedError,
    InvalidAudioIdError,
    InvalidIdError,
    InvalidImageIdError,
    InvalidVideoIdError,
)

ResultT = TypeVar("ResultT")

#: A job's state: running (`processing` or `in progress` on the wire), finished, or failed.
JobStatus = Literal["processing", "done", "failed"]


def _prefixed(error: type[InvalidIdError]) -> Callable[[object, attrs.Attribute[str], str], None]:
    """An attrs validator: the id starts with its kind's prefix, or `error` is raised."""

    def check(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not value.startswith(error.prefix):
            raise error(value)

    return check


#: The spec's pattern of a length sent as a string, in ASCII digits only (`re`'s ``[0-9]``).
_LENGTH_TEXT = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _seconds(value: object) -> float:
    """The seconds `value` stands for, as the spec allows a length: a number, or a string of
    ASCII digits with an optional decimal part (``"6"``, ``"6.5"``); NaN for anything else."""
    if isinstance(value, str):
        # fullmatch: `$` would let a trailing newline through; float() alone would take
        # "1_000", "-0", " 6", "inf" and digits of other scripts.
        return float(value) if _LENGTH_TEXT.fullmatch(value) else math.nan
    if isinstance(value, bool) or not isinstance(value, int | float):  # a bool is no length
        return math.nan
    try:
        return float(value)
    except OverflowError:  # an int too large for a float
        return math.nan


def to_length(value: float | str | None) -> float | None:
    """A length in seconds as a float, from a number or a numeric string as the spec writes
    them (``^[0-9]+(\\.[0-9]+)?$``); None stays None.

    Raises:
        ValueError: When the value is not a finite number >= 0, nor such a string; the
            message names the field.
    """
    if value is None:
        return None
    seconds = _seconds(value)
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(
            "length must be a finite number of seconds >= 0, or digits such as '6.5' as a"
            f" string, got {value!r:.80}"
        )
    return seconds + 0.0  # -0.0 is 0


@attrs.frozen
class VideoInfo:
    """A video's fields, as the API sends them; `Video` adds its calls (`generate_stream`,
    `generate_thumbnail`, `download`, `play`, `get_embed_code`).

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

    id: str = attrs.field(validator=_prefixed(InvalidVideoIdError))
    stream_url: str
    collection_id: str | None = None
    name: str | None = None
    description: str | None = None
    player_url: str | None = None
    thumbnail_url: str | None = None
    length: float | None = attrs.field(default=None, converter=to_length)
    created_at: str | None = None


@attrs.frozen
class ImageInfo:
    """An image's fields, as the API sends them; `Image` adds `generate_url`.

    Attributes:
        id: The image's id; always starts with ``img-`` (anything else raises
            `InvalidImageIdError`).
        collection_id: The collection that holds the image.
        name: The image's name.
        url: Where the image is, when the API says; may be None (use `generate_url`).
        width: The width in pixels.
        height: The height in pixels.
        created_at: When the image was made (ISO 8601), as the API sent it.
    """

    id: str = attrs.field(validator=_prefixed(InvalidImageIdError))
    collection_id: str | None = None
    name: str | None = None
    url: str | None = None
    width: int | None = None
    height: int | None = None
    created_at: str | None = None


@attrs.frozen
class AudioInfo:
    """An audio's fields (music, a sound effect or a voice), as the API sends them; `Audio`
    adds `generate_url`.

    Attributes:
        id: The audio's id; always starts with ``a-`` (anything else raises
            `InvalidAudioIdError`).
        length: The length in seconds, as a float whether the API sent a number or a string.
        collection_id: The collection that holds the audio.
        name: The audio's name.
        created_at: When the audio was made (ISO 8601), as the API sent it.
    """

    id: str = attrs.field(validator=_prefixed(InvalidAudioIdError))
    length: float = attrs.field(converter=to_length)
    collection_id: str | None = None
    name: str | None = None
    created_at: str | None = None


#: The choices the spec gives (its enums), under the SDK's names.
AspectRatio: TypeAlias = api.AspectRatio
TextResponseType: TypeAlias = api.TextResponseType
#: The API's own text models; `generate_text` also takes any hosted model's id.
TextModel: TypeAlias = Literal["basic", "pro", "ultra"]

#: What a text generation makes: the text, or the JSON object for ``response_type="json"``.
TextOutput = str | dict[str, Any]
OutputT = TypeVar("OutputT", bound=TextOutput)


@attrs.frozen
class TextResult(Mapping[str, OutputT]):
    """What `generate_text` made, as VideoDB's guides read it: ``result["output"]`` (or
    ``result.output``) is the text, or the JSON object (a dict) for ``response_type="json"``.

    It is a read-only mapping with the one key ``output``, like the answer's ``data`` the
    official client returns, so ``result.get("output")`` and ``dict(result)`` work too.

    Attributes:
        output: The text (a str), or the object (a dict) for ``response_type="json"``.
    """

    output: OutputT

    def __getitem__(self, key: str) -> OutputT:
        if key != "output":
            raise KeyError(key)
        return self.output

    def __iter__(self) -> Iterator[str]:
        return iter(("output",))

    def __len__(self) -> int:
        return 1

    def __str__(self) -> str:
        return self.output if isinstance(self.output, str) else repr(self.output)


@attrs.frozen
class HostedJobRef:
    """A generation run on a dedicated inference sandbox finished with a second job to follow
    (``GET /job/{job_id}``), which the SDK waits for.

    Attributes:
        job_id: The hosted job's id.
        job_type: ``image`` (it makes an `Image`) or ``tts`` (an `Audio`).
        output_url: The hosted job's URL, as the API gave it; the SDK polls by id.
        status: The hosted job's state when the generation finished.
    """

    job_id: str
    job_type: str
    output_url: str | None = None
    status: str | None = None


@attrs.frozen
class DownloadResult(Mapping[str, Any]):
    """A finished download of a stream: an MP4 at `download_url`.

    It also reads as the official client's dict: ``result["download_url"]``,
    ``result.get("name")``.

    Attributes:
        id: The download job's id.
        download_url: Serves the MP4 without the API key (download it with a plain HTTP
            client: it may be on another origin).
        name: The file's name.
        status: ``done``.
    """

    id: str
    download_url: str
    name: str | None = None
    status: str = "done"

    def __getitem__(self, key: str) -> Any:
        if key not in _DOWNLOAD_KEYS:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(_DOWNLOAD_KEYS)

    def __len__(self) -> int:
        return len(_DOWNLOAD_KEYS)


_DOWNLOAD_KEYS = ("id", "download_url", "name", "status")


@attrs.frozen
class StreamInfo:
    """A stream the API made (a composition's): its HLS playlist and its player.

    Attributes:
        stream_url: The HLS playlist (``.m3u8``).
        player_url: A page that plays it, where the API gives one.
    """

    stream_url: str
    player_url: str | None = None


@attrs.frozen
class CollectionInfo:
    """A collection's fields, as the API sends them.

    Attributes:
        id: ``default``, or ``c-...`` for other collections.
        name: The collection's name.
        description: The collection's description.
        is_public: Whether the collection is public.
        owner: The account that owns the collection.
        created_at: When the collection was made (ISO 8601).
    """

    id: str
    name: str | None = None
    description: str | None = None
    is_public: bool | None = None
    owner: str | None = None
    created_at: str | None = None


@attrs.frozen
class JobState(Generic[ResultT]):
    """The state of a generation job, as the API last reported it.

    Attributes:
        id: The job's id (``job-...``).
        status: ``processing`` while it runs, ``done`` when its result is ready, ``failed``.
        percentage: How much of the job is done (0 to 100), where the API says.
        result: What the job made once it is done: a `Video`, an `Image`, an `Audio`, a
            `TextResult`, or a `DownloadResult`.
        message: The API's message, when ``status`` is ``failed``.
        error_code: The API's machine-readable error code, when it failed with one.
        output_url: The URL the API gave for the job's state. The SDK never fetches it: it
            polls by job id on the connection's ``base_url``, so the API key stays there.
        request_type: ``sync`` or ``async`` as the API answered when the job was started;
            ``async`` means the result goes to the ``callback_url``.
    """

    id: str
    status: JobStatus
    percentage: float | None = None
    result: ResultT | None = None
    message: str | None = None
    error_code: str | None = None
    output_url: str | None = None
    request_type: str | None = None

    @property
    def finished(self) -> bool:
        """True once the job is done or failed."""
        return self.status != "processing"

    @property
    def video(self) -> VideoInfo | None:
        """The video a finished video generation made; None otherwise."""
        return self.result if isinstance(self.result, VideoInfo) else None

    def outcome(self) -> ResultT | None:
        """The result when done, None while running.

        Raises:
            GenerationFailedError: The job failed.
        """
        if self.status == "failed":
            raise GenerationFailedError(
                self.message or "the generation failed", job_id=self.id, error_code=self.error_code
            )
        return self.result


def public_fields(result: attrs.AttrsInstance) -> dict[str, Any]:
    """A result's fields as a JSON-ready dict; a handle's private ones (its engine) left out."""
    return attrs.asdict(result, filter=lambda field, _: not field.name.startswith("_"))
