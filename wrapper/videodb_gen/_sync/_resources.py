# Generated from _async/_resources.py by scripts/unasync.py: do not edit.
"""The handles a connection returns: a collection to generate in, and a generation job.

Each is the frozen data the API sent (`_results`) plus the engine that made it, excluded from
equality and `repr`; every method is one call to a public method of the engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypeVar, Unpack, cast, overload

import attrs

from .. import _operations as op
from .._options import WaitArgs, Waiting
from .._results import (
    AspectRatio,
    AudioInfo,
    CollectionInfo,
    ImageInfo,
    JobState,
    TextModel,
    TextOutput,
    TextResponseType,
    Video,
)

if TYPE_CHECKING:
    from ._engine import Engine


R = TypeVar("R")


@attrs.frozen
class Collection(CollectionInfo):
    """A collection of the account's media (its fields are `CollectionInfo`'s: ``id``,
    ``name`` and the rest). Its methods make media in it: video, images, text, music, sound
    effects and voices, and dubbed videos.
    """

    _engine: Engine = attrs.field(eq=False, repr=False, kw_only=True, alias="engine")

    @overload
    def generate_video(
        self,
        prompt: str,
        duration: int = ...,
        callback_url: str | None = ...,
        *,
        wait: Literal[False],
        **waiting: Unpack[WaitArgs[GenerationJob[Video]]],
    ) -> GenerationJob[Video]: ...

    @overload
    def generate_video(
        self,
        prompt: str,
        duration: int = ...,
        callback_url: None = ...,
        *,
        wait: Literal[True] = ...,
        **waiting: Unpack[WaitArgs[GenerationJob[Video]]],
    ) -> Video: ...

    @overload
    def generate_video(  # any other call: a callback URL, and `wait` not a literal
        self,
        prompt: str,
        duration: int = 5,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[Video]]],
    ) -> Video | GenerationJob[Video]: ...

    def generate_video(
        self,
        prompt: str,
        duration: int = 5,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[Video]]],
    ) -> Video | GenerationJob[Video]:
        """Generate a video from `prompt` in this collection.

        Args:
            prompt: What the video should show; a non-empty string.
            duration: The video's length in seconds, an int from 5 to 8.
            callback_url: An absolute http(s) URL the API POSTs the result to when the job ends.
            wait: Wait for the video (True) or return the job at once (False).
            timeout: Seconds to wait for the job to end; None uses the connection's
                ``wait_timeout`` (600 s unless changed with `Connection.with_options`).
            poll_interval: A fixed number of seconds between polls; None polls adaptively.
            on_progress: Called with each new state of the job while waiting.

        Returns:
            The `Video` when waiting; the `GenerationJob` when ``wait=False``, or when a
            `callback_url` was given and the API answers ``request_type: "async"`` (it delivers
            the result there). Without a `callback_url` nothing else would deliver the result,
            so an ``async`` answer is waited for like any other: such a call is typed `Video`.

        Starting a generation is billable and not idempotent, so the request is retried only
        when it surely never reached the server (the connection could not be made) or when the
        server answers 429 or 503 with ``Retry-After``; never after a read timeout.

        Raises:
            InvalidInputError: An argument breaks its rule; nothing was sent.
            APIStatusError: The API refused (for example `PaymentRequiredError` on 402).
            APIConnectionError: No answer arrived (`APITimeoutError` when it timed out).
            APIResponseValidationError: The answer could not be read.
            GenerationFailedError: The job failed; carries the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout` (or the API could not
                be reached until then); carries the job id.
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        return self._engine.generate(
            op.GENERATE_VIDEO,
            {
                "collection_id": self.id,
                "prompt": prompt,
                "duration": duration,
                "callback_url": callback_url,
            },
            Waiting(wait, **waiting),
        )

    def get_video(self, video_id: str) -> Video:
        """Read a video of this collection.

        Raises:
            InvalidInputError: `video_id` is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: No such video.
            APIError: The request failed otherwise (see `Connection.get_video`).
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        return self._engine.call(op.GET_VIDEO, video_id=video_id, collection_id=self.id)

    @overload
    def generate_image(
        self,
        prompt: str,
        aspect_ratio: AspectRatio = ...,
        callback_url: str | None = ...,
        *,
        wait: Literal[False],
        **waiting: Unpack[WaitArgs[GenerationJob[Image]]],
    ) -> GenerationJob[Image]: ...

    @overload
    def generate_image(
        self,
        prompt: str,
        aspect_ratio: AspectRatio = ...,
        callback_url: None = ...,
        *,
        wait: Literal[True] = ...,
        **waiting: Unpack[WaitArgs[GenerationJob[Image]]],
    ) -> Image: ...

    @overload
    def generate_image(  # any other call: a callback URL, and `wait` not a literal
        self,
        prompt: str,
        aspect_ratio: AspectRatio = "1:1",
        callback_url: str | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[Image]]],
    ) -> Image | GenerationJob[Image]: ...

    def generate_image(
        self,
        prompt: str,
        aspect_ratio: AspectRatio = "1:1",
        callback_url: str | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[Image]]],
    ) -> Image | GenerationJob[Image]:
        """Generate an image from `prompt` in this collection.

        Args:
            prompt: What the image should show; a non-empty string.
            aspect_ratio: ``"1:1"``, ``"9:16"``, ``"16:9"``, ``"4:3"`` or ``"3:4"``.
            callback_url: An absolute http(s) URL the API POSTs the result to when the job ends.
            wait, timeout, poll_interval, on_progress: As for `generate_video`.

        Returns:
            The `Image` when waiting; otherwise the `GenerationJob`, as `generate_video` does.

        Starting a generation is billable: it is retried as `generate_video` is.

        Raises:
            InvalidInputError: An argument breaks its rule; nothing was sent.
            APIError: The API refused, could not be reached, or its answer could not be read.
            GenerationFailedError: The job failed; carries the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout`; carries the job id.
            InvalidImageIdError: The API sent an image id that does not start with ``img-``.
        """
        given: dict[str, object] = {"collection_id": self.id, "prompt": prompt}
        given |= {"aspect_ratio": aspect_ratio, "callback_url": callback_url}
        image = self._engine.generate(op.GENERATE_IMAGE, given, Waiting(wait, **waiting))
        return cast("Image | GenerationJob[Image]", image)

    def get_image(self, image_id: str) -> Image:
        """Read an image of this collection.

        Raises:
            InvalidInputError: `image_id` is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: No such image.
            APIError: The request failed otherwise, after its retries.
            InvalidImageIdError: The API sent an image id that does not start with ``img-``.
        """
        image = self._engine.call(op.GET_IMAGE, image_id=image_id, collection_id=self.id)
        return cast("Image", image)

    @overload
    def generate_text(
        self,
        prompt: str,
        model_name: TextModel = ...,
        response_type: TextResponseType = ...,
        callback_url: None = ...,
        max_tokens: int | None = ...,
        temperature: float | None = ...,
        *,
        wait: Literal[True] = ...,
        **waiting: Unpack[WaitArgs[GenerationJob[TextOutput]]],
    ) -> TextOutput: ...

    @overload
    def generate_text(  # any other call: a callback URL, and `wait` not a literal
        self,
        prompt: str,
        model_name: TextModel = "basic",
        response_type: TextResponseType = "text",
        callback_url: str | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[TextOutput]]],
    ) -> TextOutput | GenerationJob[TextOutput]: ...

    def generate_text(  # noqa: PLR0917 - the official call shape
        self,
        prompt: str,
        model_name: TextModel = "basic",
        response_type: TextResponseType = "text",
        callback_url: str | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[TextOutput]]],
    ) -> TextOutput | GenerationJob[TextOutput]:
        """Generate text from `prompt` with one of the API's text models.

        Args:
            prompt: What to write; a non-empty string of at most 256 KB as UTF-8. (The
                official client uploads a longer prompt and sends its URL; this SDK refuses it.)
            model_name: ``"basic"``, ``"pro"`` or ``"ultra"``.
            response_type: ``"text"`` for a string, ``"json"`` for a JSON object (a dict).
            callback_url: An absolute http(s) URL the API POSTs the result to when a job ends.
            max_tokens: The most tokens to generate, a positive int; None leaves it to the API.
            temperature: Sampling temperature, a number from 0 to 2; None leaves it to the API.
            wait, timeout, poll_interval, on_progress: As for `generate_video`.

        Returns:
            The text (a str), or the object (a dict) for ``response_type="json"``. The API
            answers with the text at once or with a job; a job is waited for, or returned when
            ``wait=False`` (or for an ``async`` answer to a call with a `callback_url`).

        Generating text is billable: it is retried as `generate_video` is.

        Raises:
            InvalidInputError: An argument breaks its rule; nothing was sent.
            APIError: The API refused, could not be reached, or its answer could not be read.
            GenerationFailedError: The job failed; carries the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout`; carries the job id.
        """
        given: dict[str, object] = {"collection_id": self.id, "prompt": prompt}
        given |= {"model_name": model_name, "response_type": response_type}
        given |= {"callback_url": callback_url, "max_tokens": max_tokens}
        given |= {"temperature": temperature}
        return self._engine.generate(op.GENERATE_TEXT, given, Waiting(wait, **waiting))

    @overload
    def generate_music(
        self,
        prompt: str,
        duration: int = ...,
        callback_url: str | None = ...,
        *,
        wait: Literal[False],
        **waiting: Unpack[WaitArgs[GenerationJob[Audio]]],
    ) -> GenerationJob[Audio]: ...

    @overload
    def generate_music(
        self,
        prompt: str,
        duration: int = ...,
        callback_url: None = ...,
        *,
        wait: Literal[True] = ...,
        **waiting: Unpack[WaitArgs[GenerationJob[Audio]]],
    ) -> Audio: ...

    @overload
    def generate_music(  # any other call: a callback URL, and `wait` not a literal
        self,
        prompt: str,
        duration: int = 5,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[Audio]]],
    ) -> Audio | GenerationJob[Audio]: ...

    def generate_music(
        self,
        prompt: str,
        duration: int = 5,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[Audio]]],
    ) -> Audio | GenerationJob[Audio]:
        """Generate music from `prompt` in this collection.

        Args:
            prompt: What the music should sound like; a non-empty string.
            duration: The length in seconds, a positive int (no upper bound is documented).
            callback_url: An absolute http(s) URL the API POSTs the result to when the job ends.
            wait, timeout, poll_interval, on_progress: As for `generate_video`.

        Returns:
            The `Audio` when waiting; otherwise the `GenerationJob`, as `generate_video` does.
            Starting a generation is billable: it is retried as `generate_video` is.

        Raises:
            InvalidInputError: An argument breaks its rule; nothing was sent.
            APIError: The API refused, could not be reached, or its answer could not be read.
            GenerationFailedError: The job failed; carries the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout`; carries the job id.
            InvalidAudioIdError: The API sent an audio id that does not start with ``a-``.
        """
        given: dict[str, object] = {
            "collection_id": self.id,
            "prompt": prompt,
            "duration": duration,
        }
        given |= {"callback_url": callback_url}
        made = self._engine.generate(op.GENERATE_MUSIC, given, Waiting(wait, **waiting))
        return cast("Audio | GenerationJob[Audio]", made)

    @overload
    def generate_sound_effect(
        self,
        prompt: str,
        duration: int = ...,
        config: dict[str, Any] | None = ...,
        callback_url: str | None = ...,
        *,
        wait: Literal[False],
        **waiting: Unpack[WaitArgs[GenerationJob[Audio]]],
    ) -> GenerationJob[Audio]: ...

    @overload
    def generate_sound_effect(
        self,
        prompt: str,
        duration: int = ...,
        config: dict[str, Any] | None = ...,
        callback_url: None = ...,
        *,
        wait: Literal[True] = ...,
        **waiting: Unpack[WaitArgs[GenerationJob[Audio]]],
    ) -> Audio: ...

    @overload
    def generate_sound_effect(  # any other call: a callback URL, and `wait` not a literal
        self,
        prompt: str,
        duration: int = 2,
        config: dict[str, Any] | None = None,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[Audio]]],
    ) -> Audio | GenerationJob[Audio]: ...

    def generate_sound_effect(
        self,
        prompt: str,
        duration: int = 2,
        config: dict[str, Any] | None = None,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[Audio]]],
    ) -> Audio | GenerationJob[Audio]:
        """Generate a sound effect from `prompt` in this collection.

        Args:
            prompt: What the sound effect should sound like; a non-empty string.
            duration: The length in seconds, a positive int (no upper bound is documented).
            config: The model's settings, a JSON object (a dict), sent as it is; None sends none.
            callback_url: An absolute http(s) URL the API POSTs the result to when the job ends.
            wait, timeout, poll_interval, on_progress: As for `generate_video`.

        Returns:
            The `Audio` when waiting; otherwise the `GenerationJob`, as `generate_video` does.

        Raises:
            InvalidInputError: An argument breaks its rule; nothing was sent.
            APIError: The API refused, could not be reached, or its answer could not be read.
            GenerationFailedError: The job failed; carries the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout`; carries the job id.
            InvalidAudioIdError: The API sent an audio id that does not start with ``a-``.
        """
        given: dict[str, object] = {
            "collection_id": self.id,
            "prompt": prompt,
            "duration": duration,
        }
        given |= {"config": config, "callback_url": callback_url}
        made = self._engine.generate(op.GENERATE_SOUND_EFFECT, given, Waiting(wait, **waiting))
        return cast("Audio | GenerationJob[Audio]", made)

    @overload
    def generate_voice(
        self,
        text: str,
        voice_name: str = ...,
        config: dict[str, Any] | None = ...,
        callback_url: str | None = ...,
        *,
        wait: Literal[False],
        **waiting: Unpack[WaitArgs[GenerationJob[Audio]]],
    ) -> GenerationJob[Audio]: ...

    @overload
    def generate_voice(
        self,
        text: str,
        voice_name: str = ...,
        config: dict[str, Any] | None = ...,
        callback_url: None = ...,
        *,
        wait: Literal[True] = ...,
        **waiting: Unpack[WaitArgs[GenerationJob[Audio]]],
    ) -> Audio: ...

    @overload
    def generate_voice(  # any other call: a callback URL, and `wait` not a literal
        self,
        text: str,
        voice_name: str = "Default",
        config: dict[str, Any] | None = None,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[Audio]]],
    ) -> Audio | GenerationJob[Audio]: ...

    def generate_voice(
        self,
        text: str,
        voice_name: str = "Default",
        config: dict[str, Any] | None = None,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[Audio]]],
    ) -> Audio | GenerationJob[Audio]:
        """Generate a voice speaking `text` in this collection; its length follows the text.

        Args:
            text: What the voice says; a non-empty string.
            voice_name: The voice to speak with; a non-empty string.
            config: The model's settings, a JSON object (a dict), sent as it is; None sends none.
            callback_url: An absolute http(s) URL the API POSTs the result to when the job ends.
            wait, timeout, poll_interval, on_progress: As for `generate_video`.

        Returns:
            The `Audio` when waiting; otherwise the `GenerationJob`, as `generate_video` does.

        Raises:
            InvalidInputError: An argument breaks its rule; nothing was sent.
            APIError: The API refused, could not be reached, or its answer could not be read.
            GenerationFailedError: The job failed; carries the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout`; carries the job id.
            InvalidAudioIdError: The API sent an audio id that does not start with ``a-``.
        """
        given: dict[str, object] = {
            "collection_id": self.id,
            "text": text,
            "voice_name": voice_name,
        }
        given |= {"config": config, "callback_url": callback_url}
        made = self._engine.generate(op.GENERATE_VOICE, given, Waiting(wait, **waiting))
        return cast("Audio | GenerationJob[Audio]", made)

    def get_audio(self, audio_id: str) -> Audio:
        """Read an audio of this collection.

        Raises:
            InvalidInputError: `audio_id` is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: No such audio.
            APIError: The request failed otherwise, after its retries.
            InvalidAudioIdError: The API sent an audio id that does not start with ``a-``.
        """
        audio = self._engine.call(op.GET_AUDIO, audio_id=audio_id, collection_id=self.id)
        return cast("Audio", audio)

    @overload
    def dub_video(
        self,
        video_id: str,
        language_code: str,
        callback_url: str | None = ...,
        *,
        wait: Literal[False],
        **waiting: Unpack[WaitArgs[GenerationJob[Video]]],
    ) -> GenerationJob[Video]: ...

    @overload
    def dub_video(
        self,
        video_id: str,
        language_code: str,
        callback_url: None = ...,
        *,
        wait: Literal[True] = ...,
        **waiting: Unpack[WaitArgs[GenerationJob[Video]]],
    ) -> Video: ...

    @overload
    def dub_video(  # any other call: a callback URL, and `wait` not a literal
        self,
        video_id: str,
        language_code: str,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[Video]]],
    ) -> Video | GenerationJob[Video]: ...

    def dub_video(
        self,
        video_id: str,
        language_code: str,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        **waiting: Unpack[WaitArgs[GenerationJob[Video]]],
    ) -> Video | GenerationJob[Video]:
        """Dub a video of this collection into another language: a new video with the same
        pictures and length, and a new audio track in the language.

        Args:
            video_id: The video to dub; an id starting with ``m-``.
            language_code: ISO 639-1 in lower case, optionally with a region after an
                underscore: ``"es"``, ``"en_us"``.
            callback_url: An absolute http(s) URL the API POSTs the result to when the job ends.
            wait, timeout, poll_interval, on_progress: As for `generate_video`.

        Returns:
            The new `Video` when waiting; otherwise the `GenerationJob`.

        Raises:
            InvalidInputError: An argument breaks its rule; nothing was sent.
            APIError: The API refused, could not be reached, or its answer could not be read.
            GenerationFailedError: The job failed; carries the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout`; carries the job id.
            NotFoundError: No such video in this collection.
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        given: dict[str, object] = {"collection_id": self.id, "video_id": video_id}
        given |= {"language_code": language_code, "callback_url": callback_url}
        return self._engine.generate(op.DUB_VIDEO, given, Waiting(wait, **waiting))


@attrs.frozen
class Image(ImageInfo):
    """An image in a collection (its fields are `ImageInfo`'s: ``id``, ``url``, ``width``,
    ``height`` and the rest); `generate_url` makes a signed URL to download it.
    """

    _engine: Engine = attrs.field(eq=False, repr=False, kw_only=True, alias="engine")

    def generate_url(self) -> str:
        """A signed URL that downloads the image without the API key, until it expires.

        Download it with a plain HTTP client: the URL may be on another origin than the API,
        and the connection never sends the API key there.

        Raises:
            NotFoundError: The API does not know the image.
            APIError: The request failed otherwise, after its retries.
        """
        collection_id = self.collection_id or "default"
        return self._engine.call(op.GET_IMAGE_URL, image_id=self.id, collection_id=collection_id)


@attrs.frozen
class Audio(AudioInfo):
    """An audio in a collection: music, a sound effect or a voice (its fields are
    `AudioInfo`'s: ``id``, ``length`` and the rest); `generate_url` makes a signed URL to
    download it.
    """

    _engine: Engine = attrs.field(eq=False, repr=False, kw_only=True, alias="engine")

    def generate_url(self) -> str:
        """A signed URL that downloads the audio without the API key, until it expires.

        Raises:
            NotFoundError: The API does not know the audio.
            APIError: The request failed otherwise, after its retries.
        """
        collection_id = self.collection_id or "default"
        return self._engine.call(op.GET_AUDIO_URL, audio_id=self.id, collection_id=collection_id)


@attrs.frozen
class GenerationJob(JobState[R]):
    """A generation job: its state as the API last reported it (``id``, ``status``,
    ``percentage``, ``result`` and the rest, as `JobState` describes them) and the calls that
    follow it. Jobs are immutable: `refresh` returns the job's new state.
    """

    _engine: Engine = attrs.field(eq=False, repr=False, kw_only=True, alias="engine")
    _started_at: float | None = attrs.field(
        default=None, eq=False, repr=False, kw_only=True, alias="started_at"
    )

    def refresh(self) -> GenerationJob[R]:
        """Ask the API for the job's current state.

        Returns:
            A new job; a failed job comes back with ``status == "failed"``.

        Raises:
            NotFoundError: The API does not know the job.
            APIError: The request failed otherwise (retried first on 429, 5xx, connection errors).
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        job, _ = self._engine.poll(self.id, started_at=self._started_at)
        return job

    def wait(self, **waiting: Unpack[WaitArgs[GenerationJob[R]]]) -> R:
        """Poll the job until it ends and return its result.

        Args:
            timeout: Seconds to wait; None uses the connection's ``wait_timeout``.
            poll_interval: A fixed number of seconds between polls; None polls adaptively.
            on_progress: Called with each new state of the job.

        Raises:
            GenerationFailedError: The job failed; carries the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout` (or the API could not
                be reached until then); carries the job id.
            InvalidInputError: `timeout` or `poll_interval` is not a positive number.
            APIError: A poll failed after its retries; its ``job_id`` names the job.
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        return self._engine.wait(self, Waiting(True, **waiting))


#: The handle class of each kind of data the engine returns, which it makes with `bind`.
HANDLES: dict[type[Any], type[Any]] = {
    CollectionInfo: Collection,
    ImageInfo: Image,
    AudioInfo: Audio,
}
