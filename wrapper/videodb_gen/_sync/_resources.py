# Generated from _async/_resources.py by scripts/unasync.py: do not edit.
"""The handles a connection returns: a collection to generate in, and a generation job.

Each is the frozen data the API sent (`_results`) plus the engine that made it, excluded from
equality and `repr`; every method is one call to a public method of the engine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, overload

import attrs

from .. import _operations as op
from .. import _player
from .._arguments import (
    INLINE_TEXT_PROMPT_BYTES,
    check_positive_int,
    check_seconds_in,
    check_text_prompt,
    check_timeline,
)
from .._exceptions import InvalidInputError
from .._options import Waiting
from .._raw import RawCalls
from .._results import (
    AspectRatio,
    AudioInfo,
    CollectionInfo,
    DownloadResult,
    ImageInfo,
    JobState,
    TextResponseType,
    TextResult,
    VideoInfo,
)

if TYPE_CHECKING:
    from ._engine import Engine


R = TypeVar("R")


class WithRawResponse:
    """Gives a handle its ``with_raw_response`` (see `_raw`)."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> RawCalls:
        """This handle's methods, each returning an `APIResponse` (the HTTP answer: status,
        headers, body, request, time, retries) whose ``parse()`` is the method's result.
        A call that would wait for a job raises `InvalidInputError`: pass ``wait=False``."""
        return RawCalls(self)


@attrs.frozen
class Collection(CollectionInfo, WithRawResponse):
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
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Video]], None] | None = None,
    ) -> GenerationJob[Video]: ...

    @overload
    def generate_video(
        self,
        prompt: str,
        duration: int = ...,
        callback_url: None = ...,
        *,
        wait: Literal[True] = ...,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Video]], None] | None = None,
    ) -> Video: ...

    @overload
    def generate_video(  # any other call: a callback URL, and `wait` not a literal
        self,
        prompt: str,
        duration: int = 5,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Video]], None] | None = None,
    ) -> Video | GenerationJob[Video]: ...

    def generate_video(
        self,
        prompt: str,
        duration: int = 5,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Video]], None] | None = None,
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
        given = {"collection_id": self.id, "prompt": prompt, "duration": duration}
        given |= {"callback_url": callback_url}
        waiting = Waiting(wait, timeout, poll_interval, on_progress)
        made = self._engine.generate(op.GENERATE_VIDEO, given, waiting)
        return cast("Video | GenerationJob[Video]", made)

    def get_video(self, video_id: str) -> Video:
        """Read a video of this collection.

        Raises:
            InvalidInputError: `video_id` is empty or holds ``/``, ``?`` or ``#``.
            NotFoundError: No such video.
            APIError: The request failed otherwise (see `Connection.get_video`).
            InvalidVideoIdError: The API sent a video id that does not start with ``m-``.
        """
        video = self._engine.call(op.GET_VIDEO, video_id=video_id, collection_id=self.id)
        return cast("Video", video)

    @overload
    def generate_image(
        self,
        prompt: str,
        aspect_ratio: AspectRatio = ...,
        callback_url: str | None = ...,
        model_name: str | None = ...,
        config: dict[str, Any] | None = ...,
        sandbox_id: str | None = ...,
        *,
        wait: Literal[False],
        poll_interval: float | None = ...,
        timeout: float | None = ...,
        on_progress: Callable[[GenerationJob[Image]], None] | None = ...,
    ) -> GenerationJob[Image]: ...

    @overload
    def generate_image(
        self,
        prompt: str,
        aspect_ratio: AspectRatio = ...,
        callback_url: None = ...,
        model_name: str | None = ...,
        config: dict[str, Any] | None = ...,
        sandbox_id: str | None = ...,
        wait: Literal[True] = ...,
        poll_interval: float | None = ...,
        timeout: float | None = ...,
        *,
        on_progress: Callable[[GenerationJob[Image]], None] | None = ...,
    ) -> Image: ...

    @overload
    def generate_image(  # any other call: a callback URL, and `wait` not a literal
        self,
        prompt: str,
        aspect_ratio: AspectRatio = "1:1",
        callback_url: str | None = None,
        model_name: str | None = None,
        config: dict[str, Any] | None = None,
        sandbox_id: str | None = None,
        wait: bool = True,
        poll_interval: float | None = None,
        timeout: float | None = None,
        *,
        on_progress: Callable[[GenerationJob[Image]], None] | None = None,
    ) -> Image | GenerationJob[Image]: ...

    def generate_image(  # noqa: PLR0917 - the official call shape
        self,
        prompt: str,
        aspect_ratio: AspectRatio = "1:1",
        callback_url: str | None = None,
        model_name: str | None = None,
        config: dict[str, Any] | None = None,
        sandbox_id: str | None = None,
        wait: bool = True,
        poll_interval: float | None = None,
        timeout: float | None = None,
        *,
        on_progress: Callable[[GenerationJob[Image]], None] | None = None,
    ) -> Image | GenerationJob[Image]:
        """Generate an image from `prompt` in this collection.

        The arguments are the official client's (0.5.1), in its order.

        Args:
            prompt: What the image should show; a non-empty string.
            aspect_ratio: ``"1:1"``, ``"9:16"``, ``"16:9"``, ``"4:3"`` or ``"3:4"``.
            callback_url: An absolute http(s) URL the API POSTs the result to when the job ends.
            model_name: A hosted model's id (``"black-forest-labs/FLUX.1-dev"``), sent as it is.
            config: The hosted model's settings, a JSON object (a dict), sent as it is.
            sandbox_id: The dedicated inference sandbox to run on. The generation then ends
                with a second job (``GET /job/{job_id}``), which is followed to the image
                within the same `timeout`.
            wait: Wait for the image (True, the default) or return the job at once (False).
                (In the official client ``wait`` only decides whether a hosted model's second
                job is waited for; here it decides for the whole generation.)
            poll_interval, timeout, on_progress: As for `generate_video`.

        Returns:
            The `Image` when waiting; otherwise the `GenerationJob`, as `generate_video` does.

        Starting a generation is billable: it is retried as `generate_video` is.

        Raises:
            InvalidInputError: An argument breaks its rule; nothing was sent.
            APIError: The API refused, could not be reached, or its answer could not be read.
            GenerationFailedError: The job (or the hosted model's second job) failed; carries
                the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout`; carries the job id.
            InvalidImageIdError: The API sent an image id that does not start with ``img-``.
        """
        given: dict[str, object] = {"collection_id": self.id, "prompt": prompt}
        given |= {"aspect_ratio": aspect_ratio, "callback_url": callback_url}
        given |= {"model_name": model_name, "config": config, "sandbox_id": sandbox_id}
        waiting = Waiting(wait, timeout, poll_interval, on_progress)
        image = self._engine.generate(op.GENERATE_IMAGE, given, waiting)
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
        model_name: str = ...,
        response_type: Literal["text"] = ...,
        wait: Literal[True] = ...,
        callback_url: None = ...,
        sandbox_id: str | None = ...,
        max_tokens: int | None = ...,
        temperature: float | None = ...,
        model_config: dict[str, Any] | None = ...,
        *,
        timeout: float | None = ...,
        poll_interval: float | None = ...,
        on_progress: Callable[[GenerationJob[TextResult[Any]]], None] | None = ...,
    ) -> TextResult[str]: ...

    @overload
    def generate_text(
        self,
        prompt: str,
        model_name: str = ...,
        *,
        response_type: Literal["json"],
        wait: Literal[True] = ...,
        callback_url: None = ...,
        sandbox_id: str | None = ...,
        max_tokens: int | None = ...,
        temperature: float | None = ...,
        model_config: dict[str, Any] | None = ...,
        timeout: float | None = ...,
        poll_interval: float | None = ...,
        on_progress: Callable[[GenerationJob[TextResult[Any]]], None] | None = ...,
    ) -> TextResult[dict[str, Any]]: ...

    @overload
    def generate_text(
        self,
        prompt: str,
        model_name: str = ...,
        response_type: TextResponseType = ...,
        *,
        wait: Literal[False],
        callback_url: str | None = ...,
        sandbox_id: str | None = ...,
        max_tokens: int | None = ...,
        temperature: float | None = ...,
        model_config: dict[str, Any] | None = ...,
        timeout: float | None = ...,
        poll_interval: float | None = ...,
        on_progress: Callable[[GenerationJob[TextResult[Any]]], None] | None = ...,
    ) -> TextResult[Any] | GenerationJob[TextResult[Any]]: ...

    @overload
    def generate_text(  # any other call: a callback URL, and `wait` not a literal
        self,
        prompt: str,
        model_name: str = "basic",
        response_type: TextResponseType = "text",
        wait: bool = True,
        callback_url: str | None = None,
        sandbox_id: str | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        model_config: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[TextResult[Any]]], None] | None = None,
    ) -> TextResult[Any] | GenerationJob[TextResult[Any]]: ...

    def generate_text(  # noqa: PLR0917 - the official call shape
        self,
        prompt: str,
        model_name: str = "basic",
        response_type: TextResponseType = "text",
        wait: bool = True,
        callback_url: str | None = None,
        sandbox_id: str | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        model_config: dict[str, Any] | None = None,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[TextResult[Any]]], None] | None = None,
    ) -> TextResult[Any] | GenerationJob[TextResult[Any]]:
        """Generate text from `prompt` with one of the API's text models or a hosted one.

        The arguments are the official client's (0.5.1), in its order.

        Args:
            prompt: What to write; a non-empty string. One over 250 KiB as UTF-8 is uploaded
                first (``GET /collection/{id}/upload_url``) and sent as ``prompt_url``, as
                the official client does: the API's gateway refuses larger bodies.
            model_name: ``"basic"``, ``"pro"``, ``"ultra"``, or a hosted model's id such as
                ``"Qwen/Qwen3.5-9B"``; any non-empty string of at most 256 characters.
            response_type: ``"text"`` for a string, ``"json"`` for a JSON object (a dict).
            wait: Wait for the text (True) or return a job at once (False) when the API
                answers with one.
            callback_url: An absolute http(s) URL the API POSTs the result to when a job ends.
            sandbox_id: The dedicated inference sandbox a hosted model runs on.
            max_tokens: The most tokens to generate, a positive int; None leaves it to the API.
            temperature: Sampling temperature, a number from 0 to 2; None leaves it to the API.
            model_config: A hosted model's settings, a JSON object (a dict), sent as it is.
            timeout, poll_interval, on_progress: As for `generate_video`.

        Returns:
            A `TextResult`: ``result["output"]`` (or ``result.output``) is the text, or the
            object (a dict) for ``response_type="json"``, as VideoDB's guides read it. The API
            answers with the text at once or with a job; a job is waited for, or returned when
            ``wait=False`` (or for an ``async`` answer to a call with a `callback_url`).

        Generating text is billable: it is retried as `generate_video` is.

        Raises:
            InvalidInputError: An argument breaks its rule; nothing was sent.
            APIError: The API refused, could not be reached, or its answer could not be read
                (the prompt's upload included).
            GenerationFailedError: The job failed; carries the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout`; carries the job id.
        """
        waiting = Waiting(wait, timeout, poll_interval, on_progress)
        given: dict[str, object] = {"collection_id": self.id, "model_name": model_name}
        given |= {"response_type": response_type, "callback_url": callback_url}
        given |= {"sandbox_id": sandbox_id, "max_tokens": max_tokens}
        given |= {"temperature": temperature, "model_config": model_config}
        text = check_text_prompt("prompt", prompt)
        if len(text.encode("utf-8")) <= INLINE_TEXT_PROMPT_BYTES:
            return self._engine.generate(op.GENERATE_TEXT, given | {"prompt": text}, waiting)
        # Every other argument is checked before the upload, so a bad one costs no request.
        op.GENERATE_TEXT_UPLOADED.arguments(given | {"prompt_url": "https://upload.invalid/"})
        name = f"generate_text_prompt_{os.urandom(16).hex()}.txt"
        url = self._engine.call(op.GET_UPLOAD_URL, collection_id=self.id, name=name)
        self._engine.call(op.UPLOAD, upload_url=url, name=name, content=text)
        return self._engine.generate(
            op.GENERATE_TEXT_UPLOADED, given | {"prompt_url": url}, waiting
        )

    @overload
    def generate_music(
        self,
        prompt: str,
        duration: int = ...,
        callback_url: str | None = ...,
        *,
        wait: Literal[False],
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Audio]], None] | None = None,
    ) -> GenerationJob[Audio]: ...

    @overload
    def generate_music(
        self,
        prompt: str,
        duration: int = ...,
        callback_url: None = ...,
        *,
        wait: Literal[True] = ...,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Audio]], None] | None = None,
    ) -> Audio: ...

    @overload
    def generate_music(  # any other call: a callback URL, and `wait` not a literal
        self,
        prompt: str,
        duration: int = 5,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Audio]], None] | None = None,
    ) -> Audio | GenerationJob[Audio]: ...

    def generate_music(
        self,
        prompt: str,
        duration: int = 5,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Audio]], None] | None = None,
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
        waiting = Waiting(wait, timeout, poll_interval, on_progress)
        made = self._engine.generate(op.GENERATE_MUSIC, given, waiting)
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
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Audio]], None] | None = None,
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
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Audio]], None] | None = None,
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
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Audio]], None] | None = None,
    ) -> Audio | GenerationJob[Audio]: ...

    def generate_sound_effect(
        self,
        prompt: str,
        duration: int = 2,
        config: dict[str, Any] | None = None,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Audio]], None] | None = None,
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
        waiting = Waiting(wait, timeout, poll_interval, on_progress)
        made = self._engine.generate(op.GENERATE_SOUND_EFFECT, given, waiting)
        return cast("Audio | GenerationJob[Audio]", made)

    @overload
    def generate_voice(
        self,
        text: str,
        voice_name: str = ...,
        config: dict[str, Any] | None = ...,
        callback_url: str | None = ...,
        model_name: str | None = ...,
        sandbox_id: str | None = ...,
        voice_clone_id: str | None = ...,
        clone_voice_id: str | None = ...,
        *,
        wait: Literal[False],
        poll_interval: float | None = ...,
        timeout: float | None = ...,
        on_progress: Callable[[GenerationJob[Audio]], None] | None = ...,
    ) -> GenerationJob[Audio]: ...

    @overload
    def generate_voice(
        self,
        text: str,
        voice_name: str = ...,
        config: dict[str, Any] | None = ...,
        callback_url: None = ...,
        model_name: str | None = ...,
        sandbox_id: str | None = ...,
        voice_clone_id: str | None = ...,
        clone_voice_id: str | None = ...,
        wait: Literal[True] = ...,
        poll_interval: float | None = ...,
        timeout: float | None = ...,
        *,
        on_progress: Callable[[GenerationJob[Audio]], None] | None = ...,
    ) -> Audio: ...

    @overload
    def generate_voice(  # any other call: a callback URL, and `wait` not a literal
        self,
        text: str,
        voice_name: str = "Default",
        config: dict[str, Any] | None = None,
        callback_url: str | None = None,
        model_name: str | None = "elevenlabs",
        sandbox_id: str | None = None,
        voice_clone_id: str | None = None,
        clone_voice_id: str | None = None,
        wait: bool = True,
        poll_interval: float | None = None,
        timeout: float | None = None,
        *,
        on_progress: Callable[[GenerationJob[Audio]], None] | None = None,
    ) -> Audio | GenerationJob[Audio]: ...

    def generate_voice(  # noqa: PLR0917 - the official call shape
        self,
        text: str,
        voice_name: str = "Default",
        config: dict[str, Any] | None = None,
        callback_url: str | None = None,
        model_name: str | None = "elevenlabs",
        sandbox_id: str | None = None,
        voice_clone_id: str | None = None,
        clone_voice_id: str | None = None,
        wait: bool = True,
        poll_interval: float | None = None,
        timeout: float | None = None,
        *,
        on_progress: Callable[[GenerationJob[Audio]], None] | None = None,
    ) -> Audio | GenerationJob[Audio]:
        """Generate a voice speaking `text` in this collection; its length follows the text.

        The arguments are the official client's (0.5.1), in its order.

        Args:
            text: What the voice says; a non-empty string.
            voice_name: The voice to speak with; a non-empty string.
            config: The model's settings, a JSON object (a dict), sent as it is; None sends none.
            callback_url: An absolute http(s) URL the API POSTs the result to when the job ends.
            model_name: The voice model (``"elevenlabs"``, or a hosted one such as
                ``"k2-fsa/OmniVoice"``); None sends none.
            sandbox_id: The dedicated inference sandbox to run on; the generation then ends
                with a second job, followed to the audio as `generate_image` does.
            voice_clone_id: A cloned voice to speak with.
            clone_voice_id: Another name for `voice_clone_id` (both may be given if equal).
            wait: Wait for the audio (True, the default) or return the job at once (False).
            poll_interval, timeout, on_progress: As for `generate_video`.

        Returns:
            The `Audio` when waiting; otherwise the `GenerationJob`, as `generate_video` does.

        Raises:
            InvalidInputError: An argument breaks its rule (or `voice_clone_id` and
                `clone_voice_id` differ); nothing was sent.
            APIError: The API refused, could not be reached, or its answer could not be read.
            GenerationFailedError: The job (or the hosted model's second job) failed; carries
                the API's message and the job id.
            GenerationTimeoutError: The job did not end within `timeout`; carries the job id.
            InvalidAudioIdError: The API sent an audio id that does not start with ``a-``.
        """
        if voice_clone_id is not None and clone_voice_id not in (None, voice_clone_id):
            rule = f"must equal voice_clone_id ({voice_clone_id!r}) when both are given"
            raise InvalidInputError("clone_voice_id", rule)
        given: dict[str, object] = {"collection_id": self.id, "text": text}
        given |= {"voice_name": voice_name, "config": config, "callback_url": callback_url}
        given |= {"model_name": model_name, "sandbox_id": sandbox_id}
        given |= {
            "voice_clone_id": voice_clone_id if voice_clone_id is not None else clone_voice_id
        }
        waiting = Waiting(wait, timeout, poll_interval, on_progress)
        made = self._engine.generate(op.GENERATE_VOICE, given, waiting)
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
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Video]], None] | None = None,
    ) -> GenerationJob[Video]: ...

    @overload
    def dub_video(
        self,
        video_id: str,
        language_code: str,
        callback_url: None = ...,
        *,
        wait: Literal[True] = ...,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Video]], None] | None = None,
    ) -> Video: ...

    @overload
    def dub_video(  # any other call: a callback URL, and `wait` not a literal
        self,
        video_id: str,
        language_code: str,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Video]], None] | None = None,
    ) -> Video | GenerationJob[Video]: ...

    def dub_video(
        self,
        video_id: str,
        language_code: str,
        callback_url: str | None = None,
        *,
        wait: bool = True,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[Video]], None] | None = None,
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
        waiting = Waiting(wait, timeout, poll_interval, on_progress)
        made = self._engine.generate(op.DUB_VIDEO, given, waiting)
        return cast("Video | GenerationJob[Video]", made)


@attrs.frozen
class Video(VideoInfo, WithRawResponse):
    """A video in a collection (its fields are `VideoInfo`'s: ``id``, ``stream_url``,
    ``length`` and the rest), with the official client's calls on a video: a stream of its
    parts, a thumbnail, an MP4 download, a player.
    """

    _engine: Engine = attrs.field(eq=False, repr=False, kw_only=True, alias="engine")

    def generate_stream(self, timeline: Sequence[Sequence[float]] | None = None) -> str:
        """The URL of an HLS stream of the video, or of some of its parts.

        Args:
            timeline: The parts to play, in order, as ``[(start, end), ...]`` in seconds; each
                within the video and ending after it starts. None plays the whole video: its
                own `stream_url` is returned without a request.

        Returns:
            The stream's URL (an ``.m3u8`` playlist). The video itself is unchanged: it is
            frozen, so its `stream_url` stays the whole video's.

        Raises:
            InvalidInputError: `timeline` is empty, not a list of pairs, or a part lies outside
                the video or ends before it starts; nothing was sent.
            NotFoundError: The API does not know the video.
            APIError: The request failed otherwise, after its retries.
        """
        if timeline is None:
            return self.stream_url
        parts = check_timeline("timeline", timeline, self.length)
        return self._engine.call(
            op.GENERATE_VIDEO_STREAM, video_id=self.id, timeline=parts, length=self.length
        )

    @overload
    def generate_thumbnail(self, time: None = ...) -> str: ...

    @overload
    def generate_thumbnail(self, time: float) -> Image: ...

    def generate_thumbnail(self, time: float | None = None) -> str | Image:
        """The video's thumbnail URL, or a new image of one moment of it.

        Args:
            time: Seconds from the video's start, within the video. None gives the video's
                own `thumbnail_url` (read from the API when the video has none).

        Returns:
            The thumbnail's URL (a str) without a time; with one, an `Image` (``img-...``)
            of that moment, stored in the video's collection.

        Raises:
            InvalidInputError: `time` is not a number of seconds within the video.
            NotFoundError: The API does not know the video.
            APIError: The request failed otherwise, after its retries.
            InvalidImageIdError: The API sent an image id that does not start with ``img-``.
        """
        if time is None:
            if self.thumbnail_url is not None:
                return self.thumbnail_url
            return self._engine.call(op.GET_VIDEO_THUMBNAIL, video_id=self.id)
        moment = check_seconds_in("time", time, self.length)
        image = self._engine.call(op.GENERATE_VIDEO_THUMBNAIL, video_id=self.id, time=moment)
        return cast("Image", image)

    def download(
        self,
        name: str | None = None,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[DownloadResult]], None] | None = None,
    ) -> DownloadResult:
        """Make an MP4 of the video's stream and wait until it can be downloaded.

        Args:
            name: The file's name; by default the video's name (or ``video_<id>``).
            timeout, poll_interval, on_progress: How to wait, as for `generate_video`.

        Returns:
            A `DownloadResult`: ``download_url`` (also ``result["download_url"]``, as the
            official client's dict) serves the MP4 without the API key.

        Raises:
            InvalidInputError: `name` is not a non-empty string, or a waiting setting breaks
                its rule; nothing was sent.
            NotFoundError: The API does not know the stream.
            APIError: A request failed otherwise, after its retries.
            GenerationFailedError: The download failed; carries the API's message and its id.
            GenerationTimeoutError: It did not end within `timeout`; carries its id.
        """
        waiting = Waiting(True, timeout, poll_interval, on_progress)
        given = {"stream_link": self.stream_url, "name": name or self.name or f"video_{self.id}"}
        made = self._engine.generate(op.DOWNLOAD_STREAM, given, waiting, op.GET_DOWNLOAD)
        return cast(DownloadResult, made)

    def play(self) -> _player.Played:
        """Open the video's player in a browser, where this machine has one, and return it.

        The player is the server's own page when it serves one on the API's origin (the
        sandbox's `player_url`); otherwise VideoDB's console player with the `stream_url`.
        Nothing is opened on a machine without a desktop (no browser is started in a
        terminal), and nothing blocks.

        Returns:
            The player's URL; in a notebook, an ``IPython.display.IFrame`` of it.
        """
        url = _player.player_for(self.stream_url, self.player_url, self._engine.config.base_url)
        return _player.show(url)

    def get_embed_code(
        self,
        width: str = "100%",
        height: int = 405,
        title: str = "VideoDB Player",
        allow_fullscreen: bool = True,
        auto_generate: bool = True,
    ) -> str:
        """An HTML ``<iframe>`` that embeds the video's player, as the official client makes.

        Args:
            width: The frame's width, as HTML takes it (``"100%"``, ``"640"``).
            height: The frame's height in pixels, a positive int.
            title: The frame's title.
            allow_fullscreen: Whether the frame may go full screen.
            auto_generate: Without a `player_url`, embed VideoDB's console player of the
                `stream_url` (False raises instead).

        Raises:
            InvalidInputError: `height` is not a positive int, or the video has no
                `player_url` and `auto_generate` is False.
        """
        check_positive_int("height", height)
        player = self.player_url
        if player is None:
            if not auto_generate:
                raise InvalidInputError("auto_generate", "is False and the video has no player_url")
            player = _player.console_player(self.stream_url)
        return _player.embed_code(player, width, height, title, allow_fullscreen)


@attrs.frozen
class Image(ImageInfo, WithRawResponse):
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
class Audio(AudioInfo, WithRawResponse):
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
class GenerationJob(JobState[R], WithRawResponse):
    """A generation job: its state as the API last reported it (``id``, ``status``,
    ``percentage``, ``result`` and the rest, as `JobState` describes them) and the calls that
    follow it. Jobs are immutable: `refresh` returns the job's new state.
    """

    _engine: Engine = attrs.field(eq=False, repr=False, kw_only=True, alias="engine")
    _started_at: float | None = attrs.field(
        default=None, eq=False, repr=False, kw_only=True, alias="started_at"
    )
    #: How the job's state is read: a generation's, a hosted model's or a download's.
    _poll: op.Operation[JobState[Any]] = attrs.field(
        default=op.GET_JOB, eq=False, repr=False, kw_only=True, alias="poll"
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
        job, _ = self._engine.poll(self.id, started_at=self._started_at, op=self._poll)
        return job

    def wait(
        self,
        *,
        timeout: float | None = None,
        poll_interval: float | None = None,
        on_progress: Callable[[GenerationJob[R]], None] | None = None,
    ) -> R:
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
        return self._engine.wait(self, Waiting(True, timeout, poll_interval, on_progress))


#: The handle class of each kind of data the engine returns, which it makes with `bind`.
HANDLES: dict[type[Any], type[Any]] = {
    CollectionInfo: Collection,
    VideoInfo: Video,
    ImageInfo: Image,
    AudioInfo: Audio,
}
