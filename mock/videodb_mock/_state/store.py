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

A generation handed to a hosted model (`sandbox_id`) makes its image or audio in a second job
(`hosted_id`, `hj-...`) that starts when the generation ends and runs as long: what it makes
is readable only then, and the job expires `ttl` seconds after that. Such a job thus expires
a job's time later than one started with it; the sweep, which stops at the first job not
expired, may keep the jobs after it that much longer, though no lookup finds them. Streams
of parts and thumbnails are made at once (no job's time): they expire up to a job's time
before jobs started just before them, with the same effect.
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
#: What a job makes: a `dub` makes a video too (`m-...`), from another. A video's own calls
#: keep theirs as jobs too: a `stream` of parts of a video (`s-...`, made at once), a
#: `thumbnail` of one moment (an image, `img-...`, made at once) and a `download`, an MP4 of a
#: stream (`dl-...`, its job's id too, as it is polled by it).
JobKind = Literal[
    "video", "image", "text", "audio", "dub", "stream", "composition", "thumbnail", "download"
]
#: The kinds of job that make a video.
VIDEO_KINDS: tuple[JobKind, ...] = ("video", "dub")
#: The kinds of job that make an image (`img-...`), read and downloaded alike.
IMAGE_KINDS: tuple[JobKind, ...] = ("image", "thumbnail")

#: The message of a job made to fail (the `fail` fault), by what it was to make.
FAILURE_MESSAGES: dict[str, str] = {
    **{
        kind: f"The {kind} could not be generated: the sandbox was asked to fail this job."
        for kind in ("video", "image", "text", "audio")
    },
    "dub": "The video could not be dubbed: the sandbox was asked to fail this job.",
    "download": "The stream could not be downloaded: the sandbox was asked to fail this job.",
}
FAILURE_MESSAGE = FAILURE_MESSAGES["video"]
#: The message of a hosted job made to fail (the `fail-hosted` fault), by what it was to make.
HOSTED_FAILURE_MESSAGES: dict[str, str] = {
    kind: f"The inference sandbox could not make the {kind}: the sandbox was asked to fail "
    "this hosted job."
    for kind in ("image", "audio")
}


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


def _running(start: float, end: float, now: float) -> JobState:
    """The state at `now` of a job running from `start` to `end`."""
    span = end - start
    done = (now - start) / span if span > 0 else 1.0
    return JobState(Phase.RUNNING, min(99, max(0, int(done * 100))), end - now)


def _ready(created: float, ends: float, *, hosted: bool) -> float:
    """When what a job created at `created` and ending at `ends` can be read: at its end, or
    for a hosted job once its second job, as long, has ended too."""
    return ends + (ends - created if hosted else 0.0)


@attrs.define(slots=True)
class Job:
    """One generation job and what it makes (visible once the job is done): a video
    (`result_id` `m-...`), an image (`img-...`), a text (no id of its own), an audio (`a-...`)
    or a dubbed video (`m-...`).

    `created`, `ends` and `expires` are on the store's monotonic clock; `started_at` is when
    it started on the wall clock. `detail` is what the kind needs besides the prompt: an
    image's aspect ratio, a text's output as JSON, an audio's kind (and voice) as JSON, a
    dub's language and name as JSON; empty for a video. A dub's `prompt` and `duration` are
    its source video's. A job handed to a hosted model has a `hosted_id` (`hj-...`), and a
    `hosted_failure` if that second job is to fail.
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
    hosted_id: str | None = None
    hosted_failure: str | None = None

    @property
    def video_id(self) -> str:
        """The id of what the job makes (`m-...` for a video)."""
        return self.result_id

    def state(self, now: float) -> JobState:
        """The job's state at monotonic time `now`."""
        if now < self.ends:
            return _running(self.created, self.ends, now)
        return JobState(Phase.FAILED if self.failure else Phase.DONE)

    @property
    def ready(self) -> float:
        """When what the job makes can be read, on the monotonic clock (see `_ready`)."""
        return _ready(self.created, self.ends, hosted=self.hosted_id is not None)

    def hosted_state(self, now: float) -> JobState:
        """The state of the job's hosted job at monotonic time `now`, from the generation's
        end (the caller checks it has ended)."""
        if now < self.ready:
            return _running(self.ends, self.ready, now)
        return JobState(Phase.FAILED if self.hosted_failure else Phase.DONE)

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

    def job_id(self, number: int, kind: JobKind = "video") -> str:
        """The id of job `number`, making a `kind`: a download's is `dl-...`."""
        if kind == "download":
            return f"dl-{self._hex('download', number)}"
        return f"job-{self._hex('job', number)}"

    def video_id(self, number: int) -> str:
        """The id of job `number`'s video; always starts with `m-`."""
        return f"m-{self._hex('video', number)}"

    def image_id(self, number: int) -> str:
        """The id of job `number`'s image; always starts with `img-`."""
        return f"img-{self._hex('image', number)}"

    def hosted_id(self, number: int) -> str:
        """The id of job `number`'s hosted job; always starts with `hj-`."""
        return f"hj-{self._hex('hosted', number)}"

    def result_id(self, kind: JobKind, number: int) -> str:
        """The id of what job `number` makes: a video's, an image's, or a text's job id."""
        if kind in ("image", "thumbnail"):
            return self.image_id(number)
        if kind == "download":
            return self.job_id(number, kind)
        if kind == "stream":
            return f"s-{self._hex('stream', number)}"
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
        #: Jobs by the id of their hosted job, for those whose generation does not fail.
        self._hosted: dict[str, Job] = {}
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
        hosted: bool = False,
        fail_hosted: bool = False,
        seconds: float | None = None,
        result_id: str | None = None,
    ) -> Job:
        """A job that runs for the configured time, then is done, or failed if `fail` (with the
        fault's message) or with a `failure` message; it is not kept until `add` is called.
        `kind` is what it makes, `detail` as in `Job`. A `hosted` job (an image or an audio)
        then hands over to a second job as long, which fails if `fail_hosted`. `seconds` is how
        long it runs instead of the configured time (0: done at once), and `result_id` the id
        of what it makes, when that id follows from what it is (a stream of parts)."""
        now = self._clock()
        ends = now + (self._job_seconds if seconds is None else seconds)
        number = self._started
        return Job(
            number=number,
            id=self._ids.job_id(number, kind),
            collection_id=collection_id,
            prompt=prompt,
            duration=duration,
            created=now,
            ends=ends,
            expires=_ready(now, ends, hosted=hosted) + self._ttl,
            started_at=self._wall_clock(),
            result_id=result_id or self._ids.result_id(kind, number),
            failure=FAILURE_MESSAGES[kind] if fail else failure,
            callback_url=callback_url,
            kind=kind,
            detail=detail,
            hosted_id=self._ids.hosted_id(number) if hosted else None,
            hosted_failure=HOSTED_FAILURE_MESSAGES[kind] if hosted and fail_hosted else None,
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
        if now < job.ready:
            return None
        return job

    def hosted(self, hosted_id: str) -> Job | None:
        """The job whose hosted job is `hosted_id`, if its generation has ended (handing over
        to it) and it has not expired."""
        job = self._hosted.get(hosted_id)
        if job is None:
            return None
        now = self._clock()
        if now >= job.expires:
            self._forget(job)
            return None
        return None if now < job.ends else job

    def sweep(self) -> None:
        """Forget the jobs expired by now (lookups forget them too, when they come to them)."""
        self._sweep(self._clock())

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

    @property
    def hosted_count(self) -> int:
        """How many hosted jobs are kept (running, or not started yet, or ended)."""
        return len(self._hosted)

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
        if job.failure is not None:
            return
        if job.hosted_id is not None:
            self._hosted[job.hosted_id] = job
        if job.hosted_failure is None:
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
        if job.hosted_id is not None:
            self._hosted.pop(job.hosted_id, None)
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
    created, ends = record.started_at + offset, record.ends_at + offset
    expires = _ready(created, ends, hosted=record.hosted_id is not None) + ttl
    return Job(**shared, created=created, ends=ends, expires=expires)
