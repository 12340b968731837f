"""Generation jobs and what they make (a video, an image, a text, an audio or a dubbed video),
kept in memory until they expire, and on disk too with a journal (`--state-dir`).

A job's state is computed from the clock (it was created at `created`, it ends at `ends`),
so no task runs per job and thousands of jobs cost only their records. A job is done when its
time is up, and expires `ttl` seconds after that: a running job never expires. Jobs end in the
order they were created (every job runs for the same time), so expiry sweeps from the oldest
end of an ordered dict.

A job is made (`new_job`) apart from being kept (`add`): the sandbox keeps it only once the
request that started it is answered with success, so an answer that fails leaves nothing.

Ids come from a counter of the jobs started, through a keyed hash: unpredictable, and never
the same twice from one journal. Seeded with a journal, they are the same for the same seed
on a new folder; without a journal the key is new at every start, so a restarted sandbox never
hands out an id it handed out before (it has no way to know which ones).
"""

from __future__ import annotations

import enum
import hashlib
import os
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from typing import Literal

import attrs

from videodb_mock._state.journal import Journal, Record

Clock = Callable[[], float]
#: What a job makes: a `dub` makes a video too (`m-...`), from another.
JobKind = Literal["video", "image", "text", "audio", "dub"]
#: The kinds of job that make a video.
VIDEO_KINDS: tuple[JobKind, ...] = ("video", "dub")

#: The message of a job made to fail (the `fail` fault), by what it was to make.
FAILURE_MESSAGES: dict[str, str] = {
    **{
        kind: f"The {kind} could not be generated: the sandbox was asked to fail this job."
        for kind in ("video", "image", "text", "audio")
    },
    "dub": "The video could not be dubbed: the sandbox was asked to fail this job.",
}
FAILURE_MESSAGE = FAILURE_MESSAGES["video"]


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
    """One generation job and what it makes (visible once the job is done): a video
    (`result_id` `m-...`), an image (`img-...`), a text (no id of its own), an audio (`a-...`)
    or a dubbed video (`m-...`).

    `created`, `ends` and `expires` are on the store's monotonic clock; `started_at` is when
    it started on the wall clock. `detail` is what the kind needs besides the prompt: an
    image's aspect ratio, a text's output as JSON, an audio's kind (and voice) as JSON, a
    dub's language and name as JSON; empty for a video. A dub's `prompt` and `duration` are
    its source video's.
    """

    number: int
    id: str
    collection_id: str
    prompt: str
    duration: int
    created: float
    ends: float
    expires: float
    started_at: float
    result_id: str
    failure: str | None = None
    callback_url: str | None = None
    kind: JobKind = "video"
    detail: str = ""

    @property
    def video_id(self) -> str:
        """The id of what the job makes (`m-...` for a video)."""
        return self.result_id

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
    """Job, video, image and audio ids (`job-...`, `m-...`, `img-...`, `a-...`) for the
    `number`-th job started: a hash of the number keyed with `key`, so they do not reveal it
    and differ from key to key."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def _hex(self, kind: str, number: int) -> str:
        digest = hashlib.blake2b(f"{kind}:{number}".encode(), key=self._key, digest_size=8)
        return digest.hexdigest()

    def job_id(self, number: int) -> str:
        """The id of job `number`."""
        return f"job-{self._hex('job', number)}"

    def video_id(self, number: int) -> str:
        """The id of job `number`'s video; always starts with `m-`."""
        return f"m-{self._hex('video', number)}"

    def image_id(self, number: int) -> str:
        """The id of job `number`'s image; always starts with `img-`."""
        return f"img-{self._hex('image', number)}"

    def result_id(self, kind: JobKind, number: int) -> str:
        """The id of what job `number` makes: a video's, an image's, or a text's job id."""
        if kind == "image":
            return self.image_id(number)
        if kind == "text":
            return f"txt-{self._hex('text', number)}"
        if kind == "audio":
            return f"a-{self._hex('audio', number)}"
        return self.video_id(number)


def id_key(seed: int | None, *, kept: bool) -> bytes:
    """The key of the ids: from `seed` when jobs are `kept` on disk (their count goes on from
    one start to the next), else new at every start."""
    if seed is None or not kept:
        return os.urandom(16)
    return hashlib.sha256(f"videodb-mock ids {seed}".encode()).digest()[:16]


class Store:
    """The sandbox's jobs and videos, with expiry and a bound on their number.

    `clock` (monotonic seconds, default `time.monotonic`) drives job state and expiry;
    `wall_clock` (seconds since the epoch, default `time.time`) dates the videos;
    `on_forget` is called with every job that expires or is dropped. With a `journal` every
    change is written to disk, and the jobs it holds are kept again, at their own age.
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
        journal: Journal | None = None,
    ) -> None:
        self._job_seconds = job_seconds
        self._on_forget = on_forget
        self._ttl = ttl_seconds
        self._max_jobs = max_jobs
        self._ids = IdFactory(id_key(seed, kept=journal is not None))
        self._clock = clock or time.monotonic
        self._wall_clock = wall_clock or time.time
        self._journal = journal
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        #: Jobs by the id of what they make (texts too, by an id no request can name).
        self._results: dict[str, Job] = {}
        self._counts: Counter[str] = Counter()
        self._started = 0
        self._callbacks_due: list[Job] = []
        if journal is not None:
            self._load(journal)

    def now(self) -> float:
        """The store's monotonic time."""
        return self._clock()

    def wall_now(self) -> float:
        """The store's wall-clock time (seconds since the epoch)."""
        return self._wall_clock()

    def new_job(
        self,
        *,
        collection_id: str,
        prompt: str,
        duration: int,
        callback_url: str | None = None,
        fail: bool = False,
        kind: JobKind = "video",
        detail: str = "",
        failure: str | None = None,
    ) -> Job:
        """A job that runs for the configured time, then is done, or failed if `fail` (with the
        fault's message) or with a `failure` message; it is not kept until `add` is called.
        `kind` is what it makes, `detail` as in `Job`."""
        now = self._clock()
        ends = now + self._job_seconds
        number = self._started
        return Job(
            number=number,
            id=self._ids.job_id(number),
            collection_id=collection_id,
            prompt=prompt,
            duration=duration,
            created=now,
            ends=ends,
            expires=ends + self._ttl,
            started_at=self._wall_clock(),
            result_id=self._ids.result_id(kind, number),
            failure=FAILURE_MESSAGES[kind] if fail else failure,
            callback_url=callback_url,
            kind=kind,
            detail=detail,
        )

    def add(self, job: Job) -> None:
        """Keep `job`, made by the last `new_job`.

        Raises:
            ValueError: another job was kept since `job` was made.
            sqlite3.Error: the journal could not be written (then nothing is kept).
        """
        if job.number != self._started:
            raise ValueError(f"job {job.id} is out of date: another job started since")
        self._sweep(self._clock())
        if self._journal is not None:
            self._journal.add(_record(job))
        self._started += 1
        self._keep(job)
        while len(self._jobs) > self._max_jobs:
            self._forget(next(iter(self._jobs.values())))

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
        """The job whose video (generated or dubbed) is `video_id`, if that video exists yet and
        has not expired."""
        return self.result(video_id, *VIDEO_KINDS)

    def result(self, result_id: str, *kinds: JobKind) -> Job | None:
        """The job that made `result_id`, one of `kinds`, if it exists yet and has not expired."""
        job = self._results.get(result_id)
        if job is None or job.kind not in kinds:
            return None
        now = self._clock()
        if now >= job.expires:
            self._forget(job)
            return None
        if now < job.ends:
            return None
        return job

    def callback_settled(self, job: Job) -> None:
        """`job`'s callback was delivered or given up: a restart does not deliver it again."""
        if self._journal is not None:
            self._journal.callback_settled(job.id)

    def callbacks_to_resume(self) -> list[Job]:
        """The jobs kept again from the journal whose callbacks are still to be delivered."""
        due, self._callbacks_due = self._callbacks_due, []
        return due

    def __len__(self) -> int:
        return len(self._jobs)

    @property
    def video_count(self) -> int:
        """How many generated videos are kept (finished or not yet finished); dubbed videos
        are counted apart (`count("dub")`)."""
        return self._counts["video"]

    def count(self, kind: JobKind) -> int:
        """How many results of `kind` are kept (finished or not yet finished)."""
        return self._counts[kind]

    def secret(self, name: str, make: Callable[[], bytes]) -> bytes:
        """The secret `name`: kept in the journal if there is one (made by `make()` the first
        time), else made now."""
        if self._journal is None:
            return make()
        return self._journal.secret(name, make)

    def close(self) -> None:
        """Close the journal, if any."""
        if self._journal is not None:
            self._journal.close()

    def _keep(self, job: Job) -> None:
        self._jobs[job.id] = job
        if job.failure is None:
            self._results[job.result_id] = job
            self._counts[job.kind] += 1

    def _load(self, journal: Journal) -> None:
        """Keep the jobs `journal` holds that have not expired, on this store's clocks."""
        self._started = journal.started()
        # A moment on the wall clock is this far from the same moment on the monotonic clock.
        offset = self._clock() - self._wall_clock()
        expired = []
        for record in journal.records():
            job = _job(record, offset, self._ttl)
            if self._clock() >= job.expires:
                expired.append(job.id)
                continue
            self._keep(job)
            if record.callback_pending and job.callback_url is not None:
                self._callbacks_due.append(job)
        journal.remove(expired)
        while len(self._jobs) > self._max_jobs:
            self._forget(next(iter(self._jobs.values())))

    def _sweep(self, now: float) -> None:
        while self._jobs:
            oldest = next(iter(self._jobs.values()))
            if now < oldest.expires:
                return
            self._forget(oldest)

    def _forget(self, job: Job) -> None:
        self._jobs.pop(job.id, None)
        if self._results.pop(job.result_id, None) is not None:
            self._counts[job.kind] -= 1
        if self._journal is not None:
            self._journal.remove([job.id])
        if self._on_forget is not None:
            self._on_forget(job)


#: What a job and its record on disk have in common, by name.
_SHARED = [name for name in attrs.fields_dict(Record) if name in attrs.fields_dict(Job)]


def _record(job: Job) -> Record:
    """`job` as the journal keeps it."""
    shared = {name: getattr(job, name) for name in _SHARED}
    return Record(**shared, ends_at=job.finished_at, callback_pending=job.callback_url is not None)


def _job(record: Record, offset: float, ttl: float) -> Job:
    """The job `record` describes, on a monotonic clock `offset` seconds from the wall clock."""
    shared = {name: getattr(record, name) for name in _SHARED}
    ends = record.ends_at + offset
    return Job(**shared, created=record.started_at + offset, ends=ends, expires=ends + ttl)
