"""The sandbox's state and its operations, apart from the HTTP plumbing.

Each operation takes a validated `Call` (path and query parameters, the parsed body, the
faults asked for) and returns an `Answer` (status, JSON body, headers). An operation that
changes state says how in its answer's `commit`, which the HTTP layer runs only once the answer
is known to go out as a success: an answer that fails on the way (a broken body, a response
against the spec) leaves nothing behind.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any, Literal

import attrs

from videodb_mock._echo import echoed
from videodb_mock._media.audio import WORDS_PER_MINUTE, Sound, voice_seconds
from videodb_mock._media.compose import Composition
from videodb_mock._media.cuts import Cut, picture_of, spans
from videodb_mock._media.dubbing import Dub
from videodb_mock._media.frames import Still, frame_at
from videodb_mock._media.items import Media, describe, from_description
from videodb_mock._media.library import MediaLibrary
from videodb_mock._media.mp4 import Streamed, whole
from videodb_mock._media.pool import Renderer, WorkerPool
from videodb_mock._media.render import Picture, image_picture
from videodb_mock._settings import SandboxConfig
from videodb_mock._spec.checks import SpecValidator
from videodb_mock._spec.document import find_operation, load_spec, resolve
from videodb_mock._spec.paths import Router
from videodb_mock._state import compositions, downloads, streams
from videodb_mock._state.bodies import Bodies, Body, collection, dub_detail, error
from videodb_mock._state.callbacks import CallbackDispatcher
from videodb_mock._state.clock import ManualClock, SandboxClock, SystemClock
from videodb_mock._state.faults import FaultPlan, Faults
from videodb_mock._state.hosted import HOSTED_AUDIO, is_hosted, state_body
from videodb_mock._state.journal import Journal
from videodb_mock._state.signing import KEY_NAME, UrlSigner, new_key
from videodb_mock._state.store import (
    IMAGE_KINDS,
    VIDEO_KINDS,
    Clock,
    Job,
    JobKind,
    JobState,
    Phase,
    Store,
)
from videodb_mock._state.text import output as text_output
from videodb_mock._state.uploads import Uploads, new_path

MAX_RETRY_AFTER = 5
#: Seconds of real time a move of the manual clock waits, past one callback attempt's
#: timeout, for the callbacks it made due.
SETTLE_MARGIN = 1.0
#: In the state folder (`--state-dir`), where rendered media are kept.
STATE_MEDIA = "media"
#: Kinds of result stored under an id of their own, read and downloaded alike.
StoredKind = Literal["image", "audio"]
#: Where each is downloaded from, under the public base URL (with a signature).
DOWNLOAD_PATHS: dict[StoredKind, str] = {
    "image": "/media/images/{id}.png",
    "audio": "/media/audio/{id}.m4a",
}
#: `audio_type`s that name another: the published spec's `speech` is the clients' `voice`.
AUDIO_TYPE_ALIASES = {"speech": "voice"}
#: The kinds of audio `generateAudio` makes.
AUDIO_TYPES = ("music", "sound_effect", "voice")
#: The most of a prompt drawn: more never fits a picture the sandbox renders (at most 3840
#: pixels wide, 16 lines), and keeping more in the pictures' cache would only hold memory.
DRAWN_PROMPT = 16384


def _no_commit() -> None:
    """Nothing to do once the answer is sent."""


@attrs.frozen
class Answer:
    """What an operation answers: a status, a JSON body and extra headers, and `commit`, the
    change it makes, to be done only if the answer goes out as a success."""

    status: int
    body: Body
    headers: Mapping[str, str] = attrs.field(factory=dict)
    commit: Callable[[], None] = _no_commit


def fail(status: int, message: str, error_code: str, **headers: str) -> Answer:
    """An error answer with the API's error body."""
    return Answer(status, error(message, error_code), headers)


@attrs.frozen
class Call:
    """One validated API request, as an operation reads it."""

    params: Mapping[str, str]
    query: Mapping[str, str]
    body: Any
    faults: Faults


Operation = Callable[[Call], Awaitable[Answer]]


class Sandbox:
    """The sandbox's state and operations, independent of the HTTP plumbing.

    With `media="render"` every video's media can be fetched (`media`, a `MediaLibrary`),
    rendered when first asked for; `renderer` replaces the worker processes, for tests. With
    a `state_dir`, jobs are kept on disk (a `Journal`) and media in its `media` folder.

    Its time is `clock`: the machine's (or `clock` and `wall_clock`, for tests), or with
    `clock="manual"` a `ManualClock` that `move_clock` moves. A manual clock starts at the
    wall time (to the second), or on a state folder where it stood when last moved or stopped
    there (unless a sandbox on the wall clock used the folder since).
    """

    def __init__(
        self,
        config: SandboxConfig,
        *,
        base_url: str | None = None,
        clock: Clock | None = None,
        wall_clock: Clock | None = None,
        renderer: Renderer | None = None,
    ) -> None:
        self.config = config
        spec = load_spec()
        self.router = Router(spec)
        self.validator = SpecValidator(spec)
        state = None if config.state_dir is None else Path(config.state_dir)
        self.media: MediaLibrary | None = None
        if config.media == "render":
            folder = config.media_dir or (state / STATE_MEDIA if state is not None else None)
            self.media = MediaLibrary(
                None if folder is None else Path(folder),
                workers=config.render_workers,
                queue=config.render_queue,
                renderer=renderer or WorkerPool(),
                max_age=config.ttl_seconds,
            )
        self._journal = None if state is None else Journal(state)
        self.clock: SandboxClock = SystemClock(clock, wall_clock)
        if config.clock == "wall" and self._journal is not None:
            # A later manual clock starts at the wall time, not before what this one dates.
            self._journal.forget_clock_time()
        if config.clock == "manual":
            saved = None if self._journal is None else self._journal.clock_time()
            # A whole second: the times it shows are written back exactly (`to`).
            self.clock = ManualClock(math.floor(self.clock.wall()) if saved is None else saved)
        self.store = Store(
            job_seconds=config.job_seconds,
            ttl_seconds=config.ttl_seconds,
            max_jobs=config.max_jobs,
            seed=config.seed,
            clock=self.clock.monotonic,
            wall_clock=self.clock.wall,
            on_forget=None if self.media is None else self._forget_media,
            journal=self._journal,
        )
        self.faults = FaultPlan(config.fault_rates, seed=config.seed, header=config.fault_header)
        self.callbacks = CallbackDispatcher(
            attempts=config.callback_attempts,
            backoff=config.callback_backoff,
            timeout=config.callback_timeout,
            clock=self.clock,
        )
        self.bodies = Bodies(config, base_url or config.base_url())
        self.signer = UrlSigner(
            self.store.secret(KEY_NAME, new_key), config.signed_url_seconds, self.store.wall_now
        )
        self.uploads = Uploads(
            ttl_seconds=config.ttl_seconds, max_count=config.max_jobs, clock=self.store.now
        )
        self.violations: list[str] = []
        #: Texts answered at once (`text_answer="at-once"`): they start no job.
        self.texts_at_once = 0
        self._default_duration = _default_duration(spec)
        self._audio_durations = {
            kind: _schema_default(spec, schema, "duration", 5)
            for kind, schema in (
                ("music", "GenerateMusicRequest"),
                ("sound_effect", "GenerateSoundEffectRequest"),
            )
        }
        # Players ask for a video's parts one by one: its picture (and key) is made once.
        self._picture = functools.lru_cache(maxsize=1024)(self._new_picture)
        self._image_picture = functools.lru_cache(maxsize=256)(image_picture)
        self._sound = functools.lru_cache(maxsize=256)(_sound)
        self._described = functools.lru_cache(maxsize=256)(_described)
        self.operations: dict[str, Operation] = {
            "getCollection": self.get_collection,
            "generateVideo": self.generate_video,
            "getAsyncResponse": self.get_async_response,
            "getVideo": self.get_video,
            "generateImage": self.generate_image,
            "getImage": self.get_image,
            "getImageUrl": self.get_image_url,
            "generateText": self.generate_text,
            "generateAudio": self.generate_audio,
            "getAudio": self.get_audio,
            "getAudioUrl": self.get_audio_url,
            "dubVideo": self.dub_video,
            "getJob": self.get_job,
            "getUploadUrl": self.get_upload_url,
            "generateVideoStream": self.generate_video_stream,
            "getVideoThumbnail": self.get_video_thumbnail,
            "generateVideoThumbnail": self.generate_video_thumbnail,
            "downloadStream": self.download_stream,
            "getDownload": self.get_download,
            "compileTimeline": self.compile_timeline,
            "composeEditorTimeline": self.compose_editor_timeline,
            "downloadEditorStream": self.download_editor_stream,
        }
        declared = {op for route in self.router.routes for op in route.operations.values()}
        if declared - set(self.operations):
            raise ValueError(
                f"the spec declares operations the sandbox lacks: {declared - set(self.operations)}"
            )

    def start(self) -> None:
        """Resume what a restart interrupted: callbacks of kept jobs not delivered yet. Must
        run inside the event loop."""
        for job in self.store.callbacks_to_resume():
            if job.callback_url is not None:
                self._schedule_callback(job, job.callback_url)

    def _has_collection(self, collection_id: str) -> bool:
        return collection_id == "default" or collection_id in self.config.collections

    async def get_collection(self, call: Call) -> Answer:
        """`GET /collection/{collection_id}`."""
        collection_id = call.params["collection_id"]
        if not self._has_collection(collection_id):
            return fail(404, f"Collection not found: {echoed(collection_id)}", "not_found")
        return Answer(200, collection(collection_id))

    async def generate_video(self, call: Call) -> Answer:
        """`POST /collection/{collection_id}/generate/video/`: start a job (once answered)."""
        duration = int(call.body.get("duration", self._default_duration))
        return self._start(call, "video", duration=duration)

    async def generate_image(self, call: Call) -> Answer:
        """`POST /collection/{collection_id}/generate/image/`: start a job (once answered)
        whose result is an image; with a `sandbox_id`, a hosted model's (`hosted`). `model_name`
        and `config` are accepted and change nothing."""
        return self._start(
            call,
            "image",
            detail=str(call.body.get("aspect_ratio", "1:1")),
            hosted=is_hosted(call.body),
        )

    async def generate_text(self, call: Call) -> Answer:
        """`POST /collection/{collection_id}/generate/text/`: start a job whose result is a
        text, or answer with the text at once (`text_answer`). Without `prompt`, the prompt is
        the file uploaded to `prompt_url` (`getUploadUrl`): one that names no file kept here
        is a 404 (as an unknown video to dub is), an empty file or one not UTF-8 text a 400.
        `model_name` is any model's name (a hosted model's too); `temperature`, `sandbox_id`
        and `model_config` are accepted and change nothing."""
        body = call.body
        if not self._has_collection(call.params["collection_id"]):
            return _no_collection(call)
        prompt = body.get("prompt")
        if prompt is None:
            prompt = self._uploaded_prompt(str(body["prompt_url"]))
            if isinstance(prompt, Answer):
                return prompt
        output = text_output(
            prompt,
            model_name=str(body.get("model_name") or "basic"),
            response_type=str(body.get("response_type") or "text"),
            max_tokens=None if body.get("max_tokens") is None else int(body["max_tokens"]),
        )
        if self.config.text_answer == "job":
            return self._start(call, "text", prompt=prompt, detail=json.dumps(output))
        if call.faults.fail:
            message = "The text could not be generated: the sandbox was asked to fail it."
            return fail(422, message, "generation_failed")

        def count() -> None:
            self.texts_at_once += 1

        return Answer(200, self.bodies.text_answer(output), commit=count)

    def _uploaded_prompt(self, url: str) -> str | Answer:
        """The prompt uploaded to `url` (a `prompt_url`), or the 404 or 400 that says why
        there is none."""
        upload = self.uploads.named(url, self.bodies.base_url, self.signer)
        if isinstance(upload, str):
            # Any URL is a valid request: one that names no file is not found, not malformed.
            return fail(404, f"prompt_url: {upload}", "not_found")
        try:
            prompt = upload.content.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _bad_prompt_url(
                f"has a file that is not UTF-8 text ({exc.reason} at byte {exc.start})"
            )
        return prompt or _bad_prompt_url("has an empty file")

    async def generate_audio(self, call: Call) -> Answer:
        """`POST /collection/{collection_id}/generate/audio/`: start a job whose result is an
        audio: music or a sound effect of `duration` seconds, or a voice saying `text` at 150
        words a minute (`speech` is `voice`). The spec sets no longest length, so a request
        for more than the sandbox renders (`max_audio_seconds`) is accepted, and its job fails
        with a message naming the field and the limit. `config`, `model_name`, `sandbox_id`
        and `voice_clone_id` are accepted and change nothing; `voice_name` chooses the voice's
        pitch and tune. A voice with a `sandbox_id` is a hosted model's (`hosted`)."""
        body = call.body
        if not self._has_collection(call.params["collection_id"]):
            return _no_collection(call)
        asked = body["audio_type"]
        audio_type = AUDIO_TYPE_ALIASES.get(asked, asked) if isinstance(asked, str) else None
        if audio_type not in AUDIO_TYPES:
            # The spec's discriminator also takes the name of any of its schemas.
            expected = ", ".join([*AUDIO_TYPES, *AUDIO_TYPE_ALIASES])
            return fail(
                400,
                f"audio_type: {echoed(repr(asked))} is not one of {expected}",
                "invalid_request",
            )
        limit = self.config.max_audio_seconds
        detail: dict[str, object] = {"type": audio_type}
        failure = None
        if audio_type == "voice":
            prompt = str(body["text"])
            seconds = voice_seconds(prompt)
            detail["voice"] = str(body.get("voice_name") or "Default")
            if seconds > limit:
                words = limit * WORDS_PER_MINUTE // 60
                failure = (
                    f"text: takes {seconds:g} seconds to say, longer than the sandbox renders "
                    f"({limit} seconds, --max-audio-seconds: at most {words} words)"
                )
        else:
            prompt = str(body["prompt"])
            duration = int(body.get("duration", self._audio_durations[audio_type]))
            seconds = float(duration)
            if duration > limit:
                failure = (
                    f"duration: {duration} seconds is longer than the sandbox renders "
                    f"({limit} seconds, --max-audio-seconds)"
                )
        if failure is not None:
            seconds = 0.0  # nothing is rendered for a failed job
        detail["seconds"] = seconds
        return self._start(
            call,
            "audio",
            prompt=prompt,
            duration=math.ceil(seconds),
            detail=json.dumps(detail),
            failure=failure,
            hosted=audio_type == HOSTED_AUDIO and is_hosted(body),
        )

    async def dub_video(self, call: Call) -> Answer:
        """`POST /collection/{collection_id}/generate/video/dub`: start a job whose result is a
        new video with the pictures and length of `video_id` (a finished video of this
        collection, else 404) and a voice in `language_code`, named after both."""
        collection_id = call.params["collection_id"]
        if not self._has_collection(collection_id):
            return _no_collection(call)
        video_id = str(call.body["video_id"])
        source = self.store.video(video_id)
        if source is None or source.collection_id != collection_id:
            return fail(404, f"Video not found: {echoed(video_id)}", "not_found")
        language = str(call.body["language_code"])
        detail = {
            "language": language,
            "name": f"{self.bodies.video(source)['name']} ({language})",
            "source": source.result_id,
        }
        return self._start(
            call, "dub", prompt=source.prompt, duration=source.duration, detail=json.dumps(detail)
        )

    def _start(
        self,
        call: Call,
        kind: JobKind,
        *,
        prompt: str | None = None,
        duration: int = 0,
        detail: str = "",
        failure: str | None = None,
        hosted: bool = False,
    ) -> Answer:
        """Answer a generation with a job that makes a `kind` (kept once answered), from
        `prompt` (default: the body's); with a `failure` message, the job will fail with it.
        A `hosted` job hands over to a hosted model's job (`hosted`)."""
        collection_id = call.params["collection_id"]
        if not self._has_collection(collection_id):
            return _no_collection(call)
        body = call.body
        job = self.store.new_job(
            collection_id=collection_id,
            prompt=body["prompt"] if prompt is None else prompt,
            duration=duration,
            callback_url=body.get("callback_url"),
            fail=call.faults.fail,
            kind=kind,
            detail=detail,
            failure=failure,
            hosted=hosted,
            fail_hosted=call.faults.fail_hosted,
        )

        def start() -> None:
            self.store.add(job)
            if job.callback_url is not None:
                self._schedule_callback(job, job.callback_url)

        return Answer(200, self.bodies.job_accepted(job), commit=start)

    def _schedule_callback(self, job: Job, url: str) -> None:
        """Deliver `job`'s result to `url` when the job's time is up (at once if it is)."""
        self.callbacks.schedule(
            url,
            job.ends - self.store.now(),
            lambda: self.bodies.result(job),
            job.id,
            lambda: self.store.callback_settled(job),
        )

    def media_item(self, job: Job) -> Media:
        """What `job` made, as rendered: its video's pictures in the configured format, its
        image, its audio, or its dub (its source's pictures and a voice); a stream of parts, a
        thumbnail or a download, as its record describes it."""
        if job.kind in ("stream", "composition", "thumbnail", "download"):
            return self._described(job.detail)
        if job.kind == "image":
            return self._image_picture(job.prompt[:DRAWN_PROMPT], job.detail)
        if job.kind == "audio":
            return self._sound(job.prompt, job.detail)
        picture = self._picture(job.prompt[:DRAWN_PROMPT], job.duration)
        if job.kind == "dub":
            return Dub(picture, dub_detail(job)["language"].replace("_", "-"))
        return picture

    @staticmethod
    def file_name(job: Job) -> str | None:
        """The name `job`'s file is downloaded as, if it has one of its own: a download's."""
        if job.kind != "download":
            return None
        return downloads.file_name(downloads.download_detail(job)["name"])

    def _new_picture(self, prompt: str, duration: int) -> Picture:
        config = self.config
        return Picture(
            prompt,
            duration,
            width=config.media_width,
            height=config.media_height,
            fps=config.media_fps,
        )

    def _forget_media(self, job: Job) -> None:
        if self.media is not None:
            self.media.release(job.result_id)

    async def get_async_response(self, call: Call) -> Answer:
        """`GET /async-response/{job_id}`: a job's state."""
        job = self.store.job(call.params["job_id"])
        # A video's own calls keep jobs that no generation handed out.
        if job is None or job.kind in ("stream", "composition", "thumbnail", "download"):
            return fail(404, f"Job not found: {echoed(call.params['job_id'])}", "not_found")
        state = job.state(self.store.now())
        return Answer(200, self.bodies.job_state(job, state), _retry_after(state))

    async def get_video(self, call: Call) -> Answer:
        """`GET /video/{video_id}`: a finished job's video."""
        job = self._video_of(call)
        return job if isinstance(job, Answer) else Answer(200, self.bodies.video_answer(job))

    def _stored(self, call: Call, kind: StoredKind) -> Job | Answer:
        """The finished `kind` the call names (``{kind}_id``), if it is in the collection the
        call names; else the 404 that says so."""
        item_id = call.params[f"{kind}_id"]
        job = self.store.result(item_id, *(IMAGE_KINDS if kind == "image" else (kind,)))
        wanted = call.query.get("collection_id")
        if job is None or (wanted is not None and wanted != job.collection_id):
            return fail(404, f"{kind.title()} not found: {echoed(item_id)}", "not_found")
        return job

    def _read(self, call: Call, kind: StoredKind, answer: Callable[[Job], Body]) -> Answer:
        job = self._stored(call, kind)
        return job if isinstance(job, Answer) else Answer(200, answer(job))

    def _signed_url(self, call: Call, kind: StoredKind) -> Answer:
        job = self._stored(call, kind)
        if isinstance(job, Answer):
            return job
        path = DOWNLOAD_PATHS[kind].format(id=job.result_id)
        return Answer(200, self.bodies.signed_url_answer(self.signer.sign(path)))

    async def get_image(self, call: Call) -> Answer:
        """`GET /image/{image_id}`: a finished job's image."""
        return self._read(call, "image", self.bodies.image_answer)

    async def get_audio(self, call: Call) -> Answer:
        """`GET /audio/{audio_id}`: a finished job's audio."""
        return self._read(call, "audio", self.bodies.audio_answer)

    async def get_image_url(self, call: Call) -> Answer:
        """`POST /image/{image_id}/generate_url`: a signed URL that downloads the image's PNG
        without the API key, for `signed_url_seconds`."""
        return self._signed_url(call, "image")

    async def get_audio_url(self, call: Call) -> Answer:
        """`POST /audio/{audio_id}/generate_url`: a signed URL that downloads the audio's
        `.m4a` without the API key, for `signed_url_seconds`."""
        return self._signed_url(call, "audio")

    async def get_job(self, call: Call) -> Answer:
        """`GET /job/{job_id}`: the state of a hosted model's job (`hosted`), from the end of
        the generation that hands over to it: running as long as a generation, then done with
        the image or audio, or failed. 404 if it is unknown, not started yet or expired."""
        hosted_id = call.params["job_id"]
        job = self.store.hosted(hosted_id)
        if job is None:
            return fail(404, f"Job not found: {echoed(hosted_id)}", "not_found")
        state = job.hosted_state(self.store.now())
        made: Body = {}
        if state.phase is Phase.DONE:
            made = self.bodies.image(job) if job.kind == "image" else self.bodies.audio(job)
        body = state_body(job, state, self.bodies.base_url, made)
        return Answer(200, body, _retry_after(state))

    async def get_upload_url(self, call: Call) -> Answer:
        """`GET /collection/{collection_id}/upload_url`: a presigned URL that takes one file
        without the API key (`uploads`) for `signed_url_seconds`. Handing it out keeps
        nothing; `name` is accepted, and the file keeps the name the form gives it."""
        if not self._has_collection(call.params["collection_id"]):
            return _no_collection(call)
        url = f"{self.bodies.base_url}{self.signer.sign(new_path())}"
        return Answer(200, {"success": True, "data": {"upload_url": url}})

    async def generate_video_stream(self, call: Call) -> Answer:
        """`POST /video/{video_id}/stream`: without a `timeline`, the video's own stream;
        with one, a stream of those parts of the video (`streams`), the same stream for the
        same parts, kept once answered. 404 for an unknown video; 400 for a part not within
        the video or not ending after it starts. `length`, `format` and `quality` are
        accepted and change nothing."""
        source = self._video_of(call)
        if isinstance(source, Answer):
            return source
        timeline = call.body.get("timeline")
        if timeline is None:
            video = self.bodies.video(source)
            data = {"stream_url": video["stream_url"], "player_url": video["player_url"]}
            return Answer(200, {"success": True, "data": data})
        try:
            parts = streams.timeline_parts(timeline, source.duration)
        except streams.CallError as exc:
            return fail(400, str(exc), "invalid_request")
        item = self.media_item(source)
        if not isinstance(item, Picture | Dub):
            raise TypeError(f"a video shows a picture, not {item!r}")
        cut = Cut(item, spans(picture_of(item), parts))
        stream_id = streams.stream_id(source.video_id, cut.spans)
        answer = streams.stream_answer(self.bodies.base_url, stream_id)
        if self.store.result(stream_id, "stream") is not None:
            return Answer(200, answer)
        detail = {"video": source.video_id, "name": self.bodies.video(source)["name"]}
        job = self.store.new_job(
            collection_id=source.collection_id,
            prompt=source.prompt,
            duration=source.duration,
            kind="stream",
            detail=json.dumps({**detail, "media": describe(cut)}),
            seconds=0,
            result_id=stream_id,
        )

        def keep() -> None:
            # The same stream may have been asked for meanwhile: one is kept.
            if self.store.result(stream_id, "stream") is None:
                self.store.add(job)

        return Answer(200, answer, commit=keep)

    async def get_video_thumbnail(self, call: Call) -> Answer:
        """`GET /video/{video_id}/thumbnail`: the URL of the video's thumbnail (its
        `thumbnail_url`). 404 for an unknown video."""
        source = self._video_of(call)
        if isinstance(source, Answer):
            return source
        url = self.bodies.video(source)["thumbnail_url"]
        return Answer(200, {"success": True, "data": {"thumbnail_url": url}})

    async def generate_video_thumbnail(self, call: Call) -> Answer:
        """`POST /video/{video_id}/thumbnail`: an image (`img-...`) of the video's collection
        showing the frame on screen at `time` (or `timestamp`) seconds, kept (once answered)
        and read as a generated image is. 404 for an unknown video; 400 without a time or for
        one past the video's end."""
        source = self._video_of(call)
        if isinstance(source, Answer):
            return source
        try:
            seconds = streams.thumbnail_time(call.body, source.duration)
        except streams.CallError as exc:
            return fail(400, str(exc), "invalid_request")
        item = self.media_item(source)
        if not isinstance(item, Picture | Dub):
            raise TypeError(f"a video shows a picture, not {item!r}")
        picture = picture_of(item)
        still = Still(picture, frame_at(picture, seconds))
        name = streams.thumbnail_name(self.bodies.video(source)["name"], seconds)
        detail = {"video": source.video_id, "time": seconds, "name": name}
        job = self.store.new_job(
            collection_id=source.collection_id,
            prompt=source.prompt,
            duration=source.duration,
            kind="thumbnail",
            detail=json.dumps({**detail, "media": describe(still)}),
            seconds=0,
        )
        return Answer(200, self.bodies.image_answer(job), commit=lambda: self.store.add(job))

    async def download_stream(self, call: Call) -> Answer:
        """`POST /download`: start a job (once answered) that makes an MP4 of `stream_link`, a
        video's `stream_url` or a stream of parts this sandbox handed out (`downloads`), named
        `name` or after the video. 404 for any other link; the job of a stream longer than
        the sandbox downloads fails, saying so."""
        made = self._download_job(
            str(call.body["stream_link"]), call.body.get("name"), call.faults.fail
        )
        if isinstance(made, Answer):
            return made
        body = downloads.accepted(self.bodies.base_url, made)
        return Answer(200, body, commit=lambda: self.store.add(made))

    def _download_job(
        self, link: str, name: str | None, failed: bool, seconds: float | None = None
    ) -> Job | Answer:
        """A new download job (not kept yet) of `link`, a stream this sandbox handed out,
        named `name` or after what it shows, running `seconds` (by default `job_seconds`);
        `failed`: made to fail. The 404 for any other link."""
        stream = downloads.linked_stream(self.bodies.base_url, link)
        job = None
        if stream is not None:
            job = self.store.result(stream, "stream", "composition", *VIDEO_KINDS)
        if job is None:
            return fail(404, f"Stream not found: {echoed(link)}", "not_found")
        item = self.media_item(job)
        if not isinstance(item, Streamed):
            raise TypeError(f"a stream shows a picture, not {item!r}")
        if job.kind in ("stream", "composition"):
            video_name = json.loads(job.detail)["name"]
        else:
            video_name = self.bodies.video(job)["name"]
        length = item.seconds if isinstance(item, Composition) else whole(item).seconds
        return self.store.new_job(
            collection_id=job.collection_id,
            prompt=job.prompt,
            duration=math.ceil(length),
            kind="download",
            detail=json.dumps(
                {"name": name or video_name, "stream": stream, "media": describe(item)}
            ),
            fail=failed,
            failure=downloads.too_long(length),
            seconds=seconds,
        )

    async def get_download(self, call: Call) -> Answer:
        """`GET /download/{download_id}`: a download's state: running for `job_seconds`, then
        done with a signed `download_url` of its MP4 (for `signed_url_seconds`), or failed.
        404 for an unknown or expired download."""
        download_id = call.params["download_id"]
        job = self.store.job(download_id)
        if job is None or job.kind != "download":
            return fail(404, f"Download not found: {echoed(download_id)}", "not_found")
        state = job.state(self.store.now())
        url = None
        if state.phase is Phase.DONE:
            url = self.bodies.base_url + self.signer.sign(downloads.FILE_PATH.format(id=job.id))
        return Answer(200, downloads.state(job, state, url), _retry_after(state))

    async def compile_timeline(self, call: Call) -> Answer:
        """`POST /timeline`: the stream of a classic timeline (`compositions`), answered at
        once and kept once answered; the same timeline gives the same stream. 404 naming an
        asset that does not exist, 400 for a timeline the sandbox cannot compose; neither
        keeps anything."""
        config = self.config
        try:
            composition = compositions.from_timeline(
                call.body["timeline"],
                self._assets(),
                width=config.media_width,
                height=config.media_height,
                fps=config.media_fps,
            )
        except compositions.CompositionError as exc:
            return _refused(exc)
        return self._composed(composition, "Timeline")

    async def compose_editor_timeline(self, call: Call) -> Answer:
        """`POST /editor`: the stream of an Editor timeline (`compositions`), inline or
        uploaded (`timeline_url`, checked against the spec as a body is), answered at once
        and kept once answered. 404 naming an asset that does not exist, or an upload URL
        with no file; 400 for a timeline the sandbox cannot compose."""
        body = call.body
        if "timeline_url" in body:
            upload = self.uploads.named(
                str(body["timeline_url"]), self.bodies.base_url, self.signer
            )
            if isinstance(upload, str):
                return fail(404, f"timeline_url: {upload}", "not_found")
            problem = self.validator.check_body("post", "/editor", upload.content)
            if problem is not None:
                return fail(400, f"timeline_url: {problem.message}", problem.error_code)
            try:
                body = compositions.editor_document(upload.content)
            except compositions.CompositionError as exc:
                return _refused(exc)
        try:
            composition = compositions.from_editor(
                body["timeline"], self._assets(), fps=self.config.media_fps
            )
        except compositions.CompositionError as exc:
            return _refused(exc)
        return self._composed(composition, "Editor timeline")

    def _assets(self) -> compositions.Assets:
        """A composition's assets as this sandbox keeps them, in any collection."""

        def video(video_id: str) -> Picture | Dub | None:
            job = self.store.video(video_id)
            item = None if job is None else self.media_item(job)
            return item if isinstance(item, Picture | Dub) else None

        def sound(audio_id: str) -> Sound | None:
            job = self.store.result(audio_id, "audio")
            item = None if job is None else self.media_item(job)
            return item if isinstance(item, Sound) else None

        def image(image_id: str) -> Picture | Still | None:
            job = self.store.result(image_id, *IMAGE_KINDS)
            item = None if job is None else self.media_item(job)
            return item if isinstance(item, Picture | Still) else None

        return compositions.Assets(video=video, audio=sound, image=image)

    def _composed(self, composition: Composition, name: str) -> Answer:
        """The answer with the stream of `composition`, kept (once answered) as a
        `composition` result named `name`, unless the same one is kept already."""
        stream_id = compositions.composition_id(composition)
        answer = streams.stream_answer(self.bodies.base_url, stream_id)
        if self.store.result(stream_id, "composition") is not None:
            return Answer(200, answer)
        job = self.store.new_job(
            collection_id="default",
            prompt=name,
            duration=math.ceil(composition.seconds),
            kind="composition",
            detail=json.dumps({"name": name, "media": describe(composition)}),
            seconds=0,
            result_id=stream_id,
        )

        def keep() -> None:
            # The same composition may have been asked for meanwhile: one is kept.
            if self.store.result(stream_id, "composition") is None:
                self.store.add(job)

        return Answer(200, answer, commit=keep)

    async def download_editor_stream(self, call: Call) -> Answer:
        """`POST /editor/download`: a download of `stream_url` (a stream this sandbox handed
        out), already done: its `download_url` serves the MP4, rendered when first fetched.
        404 for any other stream; 400 for one longer than the sandbox downloads."""
        link = str(call.body["stream_url"])
        made = self._download_job(link, None, call.faults.fail, seconds=0)
        if isinstance(made, Answer):
            return made
        if made.failure is not None:
            return fail(400, made.failure, "invalid_request")
        state = made.state(self.store.now())
        url = self.bodies.base_url + self.signer.sign(downloads.FILE_PATH.format(id=made.id))
        return Answer(200, downloads.state(made, state, url), commit=lambda: self.store.add(made))

    def _video_of(self, call: Call) -> Job | Answer:
        """The finished video the call names (`video_id`), in the collection it names if it
        names one (a video's own calls name none); else the 404 that says so."""
        video_id = call.params["video_id"]
        job = self.store.video(video_id)
        wanted = call.query.get("collection_id")
        if job is None or (wanted is not None and wanted != job.collection_id):
            return fail(404, f"Video not found: {echoed(video_id)}", "not_found")
        return job

    def stats(self) -> Body:
        """Counts for `/_sandbox/stats` (the HTTP layer adds the requests answered)."""
        callbacks = self.callbacks.stats
        media: Body = {"mode": self.config.media}
        if self.media is not None:
            media.update(attrs.asdict(self.media.stats), pending=self.media.pending)
        return {
            "jobs": len(self.store),
            "videos": self.store.video_count,
            "images": self.store.count("image"),
            "texts": {"jobs": self.store.count("text"), "at_once": self.texts_at_once},
            "audio": self.store.count("audio"),
            "dubs": self.store.count("dub"),
            "streams": self.store.count("stream"),
            "compositions": self.store.count("composition"),
            "thumbnails": self.store.count("thumbnail"),
            "downloads": self.store.count("download"),
            "hosted_jobs": self.store.hosted_count,
            "uploads": {"files": len(self.uploads), "bytes": self.uploads.bytes},
            "violations": len(self.violations),
            "callbacks": {**attrs.asdict(callbacks), "pending": self.callbacks.pending},
            "media": media,
        }

    async def move_clock(self, when: float | Callable[[float], float]) -> None:
        """Move the manual clock forward to `when` (seconds since the epoch; or the time a
        callable gives for the clock's time, once other moves are done): jobs due by then
        end, and their callbacks are sent (each attempt bounded by `callback_timeout`) before
        this returns. The time is kept in the state folder, if any.

        Raises:
            TypeError: the sandbox runs on the wall clock.
        """
        if not isinstance(self.clock, ManualClock):
            raise TypeError("the wall clock cannot be moved")
        # One attempt against a receiver that hangs, and a little for the others' turns.
        await self.clock.advance_to(when, settle=self.config.callback_timeout + SETTLE_MARGIN)
        self.store.sweep()
        if self._journal is not None:
            self._journal.keep_clock_time(self.clock.wall())

    async def aclose(self) -> None:
        """Stop pending callbacks and renders, and close the journal."""
        if self._journal is not None and isinstance(self.clock, ManualClock):
            self._journal.keep_clock_time(self.clock.wall())
            self._journal = None  # closed below: a second close keeps nothing
        await self.callbacks.aclose()
        if self.media is not None:
            await self.media.aclose()
        self.store.close()


def _retry_after(state: JobState) -> dict[str, str]:
    """The headers of a job's state: for a running job, when to poll again."""
    if state.phase is not Phase.RUNNING:
        return {}
    return {"Retry-After": str(max(1, math.ceil(min(state.remaining, MAX_RETRY_AFTER))))}


def _refused(exc: compositions.CompositionError) -> Answer:
    code = "not_found" if exc.status == 404 else "invalid_request"
    return fail(exc.status, str(exc), code)


def _bad_prompt_url(problem: str) -> Answer:
    return fail(400, f"prompt_url: {problem}", "invalid_request")


def _no_collection(call: Call) -> Answer:
    collection_id = call.params["collection_id"]
    return fail(404, f"Collection not found: {echoed(collection_id)}", "not_found")


def _described(detail: str) -> Media:
    """What a stream of parts, a thumbnail or a download shows, from its record's `detail`."""
    return from_description(json.loads(detail)["media"])


def _sound(prompt: str, detail: str) -> Sound:
    """The sound an audio job of `prompt` with `detail` (`bodies.audio_detail`) makes: a voice's
    tune follows its voice's name."""
    kept = json.loads(detail)
    seed = 0
    if kept["type"] == "voice":
        digest = hashlib.sha256(f"voice\0{kept.get('voice', '')}".encode()).digest()
        seed = int.from_bytes(digest[:4], "big")
    return Sound(kept["type"], prompt, kept["seconds"], seed)


def _schema_default(spec: Mapping[str, Any], schema: str, name: str, otherwise: int) -> int:
    """The default of property `name` of the spec's component schema `schema`."""
    properties = spec["components"]["schemas"][schema].get("properties", {})
    return int(properties.get(name, {}).get("default", otherwise))


def _default_duration(spec: Mapping[str, Any]) -> int:
    """The default of `duration` in the spec's generation request (5 if it gives none)."""
    operation = find_operation(spec, "generateVideo")
    body = resolve(spec, operation["requestBody"])
    schema = resolve(spec, body["content"]["application/json"]["schema"])
    return int(schema.get("properties", {}).get("duration", {}).get("default", 5))
