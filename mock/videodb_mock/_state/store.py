"""Generation jobs and their videos, kept in memory until they expire.

A job's state is computed from the clock (it was created at `created`, it ends at `ends`),
so no task runs per job and thousands of jobs cost only their records. Jobs end in the
order they were created (every job runs for the same time), so expiry sweeps from the
oldest end of an ordered dict.
"""

from __future__ import annotations

import enum
import random
import time
from collections import OrderedDict
from collections.abc import Callable

import attrs

Clock = Callable[[], float]

#: The message of a job made to fail (the `fail` fault).
FAILURE_MESSAGE = "The video could not be generated: the sandbox was asked to fail this job."


class Phase(enum.Enum):
    """Where a job is in its life."""

    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@attrs.frozen
class JobState:
    """A job's state at one moment: its phase, and for a running job its progress."""

    phase: Phase
    percentage: int = 0
    remaining: float = 0.0


@attrs.define(slots=True)
class Job:
    """One generation job and the video it makes (visible once the job is done)."""

    id: str
    collection_id: str
    prompt: str
    duration: int
    created: float
    ends: float
    expires: float
    started_at: float
    video_id: str
    failure: str | None = None
    callback_url: str | None = None

    def state(self, now: float) -> JobState:
        """The job's state at monotonic time `now`."""
        if now < self.ends:
            span = self.ends - self.created
            done = (now - self.created) / span if span > 0 else 1.0
            return JobState(Phase.RUNNING, min(99, max(0, int(done * 100))), self.ends - now)
        return JobState(Phase.FAILED if self.failure else Phase.DONE)

    @property
    def finished_at(self) -> float:
        """Wall-clock time (seconds since the epoch) at which the job ends."""
        return self.started_at + (self.ends - self.created)


class IdFactory:
    """Job and video ids (`job-...`, `m-...`), reproducible when seeded."""

    def __init__(self, seed: int | None) -> None:
        self._random = random.Random(seed)  # noqa: S311 - ids for a sandbox, not secrets

    def _hex(self) -> str:
        return f"{self._random.getrandbits(64):016x}"

    def job_id(self) -> str:
        """A new job id."""
        return f"job-{self._hex()}"

    def video_id(self) -> str:
        """A new video id; always starts with `m-`."""
        return f"m-{self._hex()}"


class Store:
    """The sandbox's jobs and videos, with expiry and a bound on their number.

    `clock` (monotonic seconds, default `time.monotonic`) drives job state and expiry;
    `wall_clock` (seconds since the epoch, default `time.time`) dates the videos;
    `on_forget` is called with every job that expires or is dropped.
    """

    def __init__(
        self,
        *,
        job_seconds: float,
        ttl_seconds: float,
        max_jobs: int,
        seed: int | None,
        clock: Clock | None = None,
        wall_clock: Clock | None = None,
        on_forget: Callable[[Job], None] | None = None,
    ) -> None:
        self._job_seconds = job_seconds
        self._on_forget = on_forget
        self._ttl = ttl_seconds
        self._max_jobs = max_jobs
        self._ids = IdFactory(seed)
        self._clock = clock or time.monotonic
        self._wall_clock = wall_clock or time.time
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._videos: dict[str, Job] = {}

    def now(self) -> float:
        """The store's monotonic time."""
        return self._clock()

    def create_job(
        self,
        *,
        collection_id: str,
        prompt: str,
        duration: int,
        callback_url: str | None = None,
        fail: bool = False,
    ) -> Job:
        """Start a job; it runs for the configured time, then is done (or failed if `fail`)."""
        now = self._clock()
        self._sweep(now)
        ends = now + self._job_seconds
        job = Job(
            id=self._ids.job_id(),
            collection_id=collection_id,
            prompt=prompt,
            duration=duration,
            created=now,
            ends=ends,
            expires=ends + self._ttl,
            started_at=self._wall_clock(),
            video_id=self._ids.video_id(),
            failure=FAILURE_MESSAGE if fail else None,
            callback_url=callback_url,
        )
        self._jobs[job.id] = job
        if not fail:
            self._videos[job.video_id] = job
        while len(self._jobs) > self._max_jobs:
            self._forget(next(iter(self._jobs.values())))
        return job

    def job(self, job_id: str) -> Job | None:
        """The job `job_id`, or `None` if it is unknown or expired."""
        job = self._jobs.get(job_id)
        if job is None:
            return None
        if self._clock() >= job.expires:
            self._forget(job)
            return None
        return job

    def video(self, video_id: str) -> Job | None:
        """The job whose video is `video_id`, if that video exists yet and has not expired."""
        job = self._videos.get(video_id)
        if job is None:
            return None
        now = self._clock()
        if now >= job.expires:
            self._forget(job)
            return None
        if now < job.ends:
            return None
        return job

    def fail_video(self, video_id: str, message: str) -> None:
        """Make the job of `video_id` fail with `message` (when its time is up), if it is kept."""
        job = self._videos.pop(video_id, None)
        if job is not None:
            job.failure = message

    def __len__(self) -> int:
        return len(self._jobs)

    @property
    def video_count(self) -> int:
        """How many videos are kept (finished or not yet finished)."""
        return len(self._videos)

    def _sweep(self, now: float) -> None:
        while self._jobs:
            oldest = next(iter(self._jobs.values()))
            if now < oldest.expires:
                return
            self._forget(oldest)

    def _forget(self, job: Job) -> None:
        self._jobs.pop(job.id, None)
        self._videos.pop(job.video_id, None)
        if self._on_forget is not None:
            self._on_forget(job)
