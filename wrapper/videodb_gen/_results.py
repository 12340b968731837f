"""What the API sends back, as the SDK's results: frozen, slotted attrs data with no behaviour.

The handles that act (`Collection`, `GenerationJob`) build on these in the resource layer
(`_async/_resources.py`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
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


def to_length(value: float | str | None) -> float | None:
    """A length in seconds as a float, from a number or a numeric string; None stays None.

    Raises:
        ValueError: When the value is not a finite, non-negative number.
    """
    if value is None:
        return None
    try:  # a bool is an int to Python, but no length
        seconds = math.nan if isinstance(value, bool) else float(value)
    except (TypeError, ValueError):
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"length must be a finite number of seconds >= 0, got {value!r}")
    return seconds


@attrs.frozen
class Video:
    """A video in a collection, for example the one a generation made.

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
TextModel: TypeAlias = api.TextModel
TextResponseType: TypeAlias = api.TextResponseType

#: What a text generation makes: the text, or the JSON object for ``response_type="json"``.
TextOutput = str | dict[str, Any]


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
        result: What the job made once it is done: a `Video`, an `Image`, or the text (a
            string, or a dict for ``response_type="json"``).
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
    def video(self) -> Video | None:
        """The video a finished video generation made; None otherwise."""
        return self.result if isinstance(self.result, Video) else None

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
