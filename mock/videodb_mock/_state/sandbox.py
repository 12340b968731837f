"""The sandbox's state and its four operations, apart from the HTTP plumbing.

Each operation takes a validated `Call` (path and query parameters, the parsed body, the
faults asked for) and returns an `Answer` (status, JSON body, headers).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from videodb_mock._media.library import MediaLibrary, Renderer, default_renderer
from videodb_mock._media.render import Picture
from videodb_mock._settings import SandboxConfig
from videodb_mock._spec.checks import SpecValidator
from videodb_mock._spec.document import find_operation, load_spec, resolve
from videodb_mock._spec.paths import Router
from videodb_mock._state.bodies import Bodies, Body, collection, error
from videodb_mock._state.callbacks import CallbackDispatcher
from videodb_mock._state.faults import FaultPlan, Faults
from videodb_mock._state.store import Clock, Job, JobState, Phase, Store

MAX_RETRY_AFTER = 5
#: The time left reported for a job whose time is up but whose render is not finished.
RENDER_WAIT = 0.5


@attrs.frozen
class Answer:
    """What an operation answers: a status, a JSON body and extra headers."""

    status: int
    body: Body
    headers: Mapping[str, str] = attrs.field(factory=dict)


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

    With `media="render"` each video is rendered while its job runs (`media`, a
    `MediaLibrary`); `renderer` replaces the real renderer, for tests.
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
        self.media: MediaLibrary | None = None
        if config.media == "render":
            self.media = MediaLibrary(
                Path(config.media_dir) if config.media_dir else None,
                workers=config.render_workers,
                renderer=renderer or default_renderer(),
                on_failed=self._render_failed,
                max_age=config.ttl_seconds,
            )
        self.store = Store(
            job_seconds=config.job_seconds,
            ttl_seconds=config.ttl_seconds,
            max_jobs=config.max_jobs,
            seed=config.seed,
            clock=clock,
            wall_clock=wall_clock,
            on_forget=None if self.media is None else self._forget_media,
        )
        self.faults = FaultPlan(config.fault_rates, seed=config.seed, header=config.fault_header)
        self.callbacks = CallbackDispatcher(
            attempts=config.callback_attempts,
            backoff=config.callback_backoff,
            timeout=config.callback_timeout,
        )
        self.bodies = Bodies(config, base_url or config.base_url())
        self.violations: list[str] = []
        self._default_duration = _default_duration(spec)
        # Clients often repeat a prompt: a picture (and its cache key) is made once.
        self._picture = functools.lru_cache(maxsize=4096)(self._new_picture)
        self.operations: dict[str, Operation] = {
            "getCollection": self.get_collection,
            "generateVideo": self.generate_video,
            "getAsyncResponse": self.get_async_response,
            "getVideo": self.get_video,
        }
        declared = {op for route in self.router.routes for op in route.operations.values()}
        if declared - set(self.operations):
            raise ValueError(
                f"the spec declares operations the sandbox lacks: {declared - set(self.operations)}"
            )

    def _has_collection(self, collection_id: str) -> bool:
        return collection_id == "default" or collection_id in self.config.collections

    async def get_collection(self, call: Call) -> Answer:
        """`GET /collection/{collection_id}`."""
        collection_id = call.params["collection_id"]
        if not self._has_collection(collection_id):
            return fail(404, f"Collection not found: {collection_id}", "not_found")
        return Answer(200, collection(collection_id))

    async def generate_video(self, call: Call) -> Answer:
        """`POST /collection/{collection_id}/generate/video/`: start a job."""
        collection_id = call.params["collection_id"]
        if not self._has_collection(collection_id):
            return fail(404, f"Collection not found: {collection_id}", "not_found")
        body = call.body
        job = self.store.create_job(
            collection_id=collection_id,
            prompt=body["prompt"],
            duration=int(body.get("duration", self._default_duration)),
            callback_url=body.get("callback_url"),
            fail=call.faults.fail,
        )
        url = job.callback_url
        if self.media is not None and job.failure is None:
            settled = None if url is None else (lambda: self._schedule_callback(job, url))
            self.media.start(job.video_id, self._picture(job.prompt, job.duration), settled)
        elif url is not None:
            self._schedule_callback(job, url)
        return Answer(200, self.bodies.job_accepted(job))

    def _schedule_callback(self, job: Job, url: str) -> None:
        """Deliver `job`'s result to `url` when the job's time is up (at once if it is)."""
        self.callbacks.schedule(
            url,
            job.ends - self.store.now(),
            lambda: self.bodies.result(job),
            job.id,
        )

    def _new_picture(self, prompt: str, duration: int) -> Picture:
        config = self.config
        return Picture(
            prompt,
            duration,
            width=config.media_width,
            height=config.media_height,
            fps=config.media_fps,
        )

    def _render_failed(self, video_id: str, message: str) -> None:
        self.store.fail_video(video_id, f"The video could not be rendered: {message}")

    def _forget_media(self, job: Job) -> None:
        if self.media is not None:
            self.media.release(job.video_id)

    def job_state(self, job: Job) -> JobState:
        """`job`'s state now: done only when its time is up and its video is rendered; its
        percentage is the lesser of the time and the render done."""
        state = job.state(self.store.now())
        if self.media is None or job.failure is not None:
            return state
        fraction = self.media.fraction(job.video_id)
        if fraction >= 1.0:
            return state
        rendered = min(99, int(fraction * 100))
        if state.phase is Phase.RUNNING:
            return JobState(Phase.RUNNING, min(state.percentage, rendered), state.remaining)
        return JobState(Phase.RUNNING, rendered, RENDER_WAIT)

    async def get_async_response(self, call: Call) -> Answer:
        """`GET /async-response/{job_id}`: a job's state."""
        job = self.store.job(call.params["job_id"])
        if job is None:
            return fail(404, f"Job not found: {call.params['job_id']}", "not_found")
        state = self.job_state(job)
        headers = {}
        if state.phase is Phase.RUNNING:
            wait = max(1, math.ceil(min(state.remaining, MAX_RETRY_AFTER)))
            headers["Retry-After"] = str(wait)
        return Answer(200, self.bodies.job_state(job, state), headers)

    async def get_video(self, call: Call) -> Answer:
        """`GET /video/{video_id}`: a finished job's video."""
        video_id = call.params["video_id"]
        job = self.store.video(video_id)
        wanted = call.query.get("collection_id")
        if job is None or (wanted is not None and wanted != job.collection_id):
            return fail(404, f"Video not found: {video_id}", "not_found")
        if self.media is not None and not self.media.is_ready(video_id):
            return fail(404, f"Video not found: {video_id} (still rendering)", "not_found")
        return Answer(200, self.bodies.video_answer(job))

    def stats(self) -> Body:
        """Counts for `/_sandbox/stats`."""
        callbacks = self.callbacks.stats
        media: Body = {"mode": self.config.media}
        if self.media is not None:
            media.update(attrs.asdict(self.media.stats), pending=self.media.pending)
        return {
            "jobs": len(self.store),
            "videos": self.store.video_count,
            "violations": len(self.violations),
            "callbacks": {**attrs.asdict(callbacks), "pending": self.callbacks.pending},
            "media": media,
        }

    async def aclose(self) -> None:
        """Stop pending callbacks and renders."""
        await self.callbacks.aclose()
        if self.media is not None:
            await self.media.aclose()


def _default_duration(spec: Mapping[str, Any]) -> int:
    """The default of `duration` in the spec's generation request (5 if it gives none)."""
    operation = find_operation(spec, "generateVideo")
    body = resolve(spec, operation["requestBody"])
    schema = resolve(spec, body["content"]["application/json"]["schema"])
    return int(schema.get("properties", {}).get("duration", {}).get("default", 5))
