"""Batch generation: many requests at once, resumable after a crash, gentle when rate limited.

`generate_batch_async` is the source; `generate_batch` runs it with `asyncio.run`. Both:

* check every request before any job starts (`_batch_input`);
* hold the state's lock (`_lock`) for the whole run, so that a second run on the same state
  is refused at once (`StateLockedError`) instead of starting every job again;
* record each job in a SQLite state database (`_batch_state`): an intent before the request
  that starts it, its id as soon as the API answers, its end; so a rerun after Ctrl-C, a crash
  or ``kill -9`` resumes the jobs it recorded by polling them, never redoes a finished one, and
  reports a request whose answer it never got as ``unknown`` (it may have started) instead of
  starting it again, unless told to (``retry_unknown``). A request is found again by its key:
  its content's unless it gives one, so that editing the requests around it changes nothing;
* keep at most ``concurrency`` requests to the API in flight (starting jobs and polling them;
  the jobs themselves run on the API's side), a limit that halves on each 429 (or 503 with
  ``Retry-After``), waits as ``Retry-After`` says, and grows back by one per round of answers
  that were not (AIMD).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
from collections import Counter
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, cast

import attrs
import httpx

from . import _clock
from ._arguments import check_flag, check_optional_seconds, check_positive_int, describe
from ._async._client import AsyncConnection
from ._async._resources import AsyncCollection, AsyncGenerationJob
from ._batch_input import BatchRequest, Checked, check_requests
from ._batch_state import BatchState, Lookup, Row
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    InvalidIdError,
    InvalidInputError,
    NotFoundError,
    StateError,
    VideoDBError,
)
from ._http import new_client
from ._lock import StateLock, lock_state
from ._operations import UnreadableResultError
from ._options import DEFAULT_TIMEOUT, Options, Waiting
from ._polling import PollSchedule
from ._results import public_fields
from ._retries import NOT_SENT, backoff, throttled_wait
from ._sync._client import Connection

__all__ = [
    "BatchReport",
    "BatchResult",
    "BatchStatus",
    "generate_batch",
    "generate_batch_async",
]

#: How a request of a batch ended in this run.
#: ``done``: its job made its result. ``failed``: its job failed, or the API refused to start
#: it. ``unknown``: a run stopped after sending the request that starts it and before
#: recording the answer, so it may have started (a rerun with ``retry_unknown`` starts it).
#: ``pending``: its job is recorded but did not end in this run (timeout, no answer); a rerun
#: resumes it. A job that ended but whose answer cannot be read (an id or a value the SDK
#: refuses) is ``failed``, with the reason: polling it again would read the same.
BatchStatus = Literal["done", "failed", "unknown", "pending"]

DEFAULT_CONCURRENCY = 8
#: The most connections one HTTP client of a batch holds (see `_connected`).
SHARD_SIZE = 8
#: How often a start refused with 429 (or 503 with Retry-After) is tried again by the batch,
#: beyond the SDK's own retries, before the request is reported failed (not started).
MAX_START_ATTEMPTS = 10
#: How long after the end learnt from earlier jobs a job's first poll goes.
_FIRST_POLL_MARGIN = 0.05
_UNKNOWN = (
    "may have started: a run stopped after sending its request and before recording the "
    "answer; not started again (pass retry_unknown / --retry-unknown to start it)"
)


@attrs.frozen
class BatchResult:
    """How one request of a batch ended.

    Attributes:
        key: The request's key: the one it gave, else one made of its content (the hash of
            its operation, collection and arguments, with ``#2``, ``#3`` added for the second
            and later of identical requests).
        index: Its position in the requests, from 0.
        op: Its operation (``video``, ``image``, ...).
        status: ``done``, ``failed``, ``unknown`` or ``pending`` (see `BatchStatus`).
        job_id: The job it started, when known; None for a text answered at once.
        result: What the job made, as JSON-ready fields: a video's, an image's or an audio's
            (``id``, ``stream_url``, ...), or ``{"output": ...}`` for a text.
        error: Why it did not end ``done``.
        resumed: Whether an earlier run started it (this run resumed or reported it).
        line: The line of the file it came from, when it came from one.
    """

    key: str
    index: int
    op: str
    status: BatchStatus
    job_id: str | None = None
    result: dict[str, Any] | None = None
    error: str | None = None
    resumed: bool = False
    line: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The result as one JSON object, as a results file holds it."""
        fields = {"line": self.line} if self.line is not None else {}
        return fields | {
            "key": self.key,
            "op": self.op,
            "job_id": self.job_id,
            "status": self.status,
            "result": self.result,
            "error": self.error,
            "resumed": self.resumed,
        }


@attrs.frozen
class BatchReport:
    """What a batch did.

    Attributes:
        results: One result per request, in the requests' order.
        concurrency: The requests in flight allowed at first (and at most).
        lowest_concurrency: The lowest that limit fell to, rate limited.
        rate_limited: How many answers were 429 (or 503 with ``Retry-After``).
        state: The state database's path.
    """

    results: list[BatchResult]
    concurrency: int
    lowest_concurrency: int
    rate_limited: int
    state: str

    @property
    def counts(self) -> dict[BatchStatus, int]:
        """How many requests ended in each status (every status is present)."""
        found = Counter(result.status for result in self.results)
        statuses: tuple[BatchStatus, ...] = ("done", "failed", "unknown", "pending")
        return {status: found[status] for status in statuses}

    @property
    def ok(self) -> bool:
        """Whether every request is done."""
        return all(result.status == "done" for result in self.results)


class Limiter:
    """At most `limit` requests in flight: a limit that halves when the API says it is too
    many (at most once per `Retry-After` or second), pauses new requests until the
    ``Retry-After`` moment, and grows by one each time a limit's worth of answers came back
    without complaint (additive increase, multiplicative decrease)."""

    def __init__(self, ceiling: int) -> None:
        self.ceiling = ceiling
        self.limit = float(ceiling)
        self.lowest = ceiling
        self.active = 0
        self.throttled_count = 0
        self._cond = asyncio.Condition()
        self._resume_at = 0.0
        self._calm_after = 0.0

    @property
    def allowed(self) -> int:
        """The requests allowed in flight now."""
        return max(1, int(self.limit))

    async def acquire(self) -> None:
        """Wait for room for one more request (and for any pause the API asked for)."""
        while (pause := self._resume_at - _clock.monotonic()) > 0:
            await _clock.async_sleep(pause)
        async with self._cond:
            await self._cond.wait_for(lambda: self.active < self.allowed)
            self.active += 1

    async def release(self) -> None:
        """Give back the room of one request."""
        async with self._cond:
            self.active -= 1
            self._cond.notify()

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Room for one request while in the block."""
        await self.acquire()
        try:
            yield
        finally:
            await self.release()

    def throttled(self, retry_after: float | None) -> None:
        """The API answered 429 (or 503 with `retry_after`): halve the limit, once per
        pause, and hold new requests until `retry_after` has passed."""
        self.throttled_count += 1
        now = _clock.monotonic()
        wait = retry_after or 0.0
        self._resume_at = max(self._resume_at, now + wait)
        if now >= self._calm_after:
            self.limit = max(1.0, self.limit / 2)
            self.lowest = min(self.lowest, self.allowed)
            self._calm_after = now + max(wait, 1.0)

    def answered(self) -> None:
        """An answer without complaint: grow the limit by 1 / limit (one per round)."""
        if self.limit < self.ceiling:
            before = self.allowed
            self.limit = min(float(self.ceiling), self.limit + 1.0 / self.limit)
            if self.allowed > before:
                asyncio.get_running_loop().create_task(self._wake())

    async def _wake(self) -> None:
        async with self._cond:
            self._cond.notify(self.allowed - self.active)


def _fields(result: object) -> dict[str, Any]:
    """What a job made, as JSON-ready fields (a handle's engine left out)."""
    if attrs.has(type(result)):
        return public_fields(cast(attrs.AttrsInstance, result))
    return {"output": result}  # a text: a str, or a dict for JSON


def _started_nothing(error: VideoDBError) -> bool:
    """Whether a failed start surely started no job: the API refused it (4xx, or 503 with
    ``Retry-After``), or the request never left (no connection could be made)."""
    if isinstance(error, InvalidInputError):
        return True
    if isinstance(error, APIStatusError):
        return error.status_code < 500 or _rate_limited(error) is not None
    if isinstance(error, APIConnectionError):
        return isinstance(error.__cause__, NOT_SENT)
    return False


def _ended_for_good(job_id: str, error: VideoDBError) -> str | None:
    """Why polling the job again is pointless, from a poll's error, or None when a poll may
    still tell how it ends: the API does not know it (404), or it ended but its answer can
    never be read (an id without its kind's prefix, or a result that breaks the SDK's rules;
    not an answer that could not be decoded, which may read well the next time)."""
    if isinstance(error, NotFoundError):
        return f"job {job_id} is gone: {error}"
    unreadable = isinstance(error, APIResponseValidationError) and isinstance(
        error.__cause__, UnreadableResultError
    )
    if unreadable or isinstance(error, InvalidIdError):
        return f"job {job_id} ended, but its answer cannot be read: {error}"
    return None


def _rate_limited(error: VideoDBError) -> float | None:
    """The wait a 429 (or a 503 with ``Retry-After``) asks for, or None for other errors."""
    if isinstance(error, APIStatusError):
        return throttled_wait(error.status_code, error.headers)
    return None


class _Durations:
    """How long each operation's jobs take, as the batch has learnt it: the shortest end a
    job's progress predicted, or the shortest a finished job took. The first poll of a job
    started later goes there, instead of a short first poll that only learns the same."""

    def __init__(self) -> None:
        self._shortest: dict[str, float] = {}

    def note(self, op_name: str, seconds: float) -> None:
        if seconds > 0:
            self._shortest[op_name] = min(seconds, self._shortest.get(op_name, math.inf))

    def get(self, op_name: str) -> float | None:
        return self._shortest.get(op_name)


class _Run:
    """One run of a batch: the connection, the state, the limiter and the results."""

    def __init__(
        self,
        shards: list[tuple[AsyncConnection, AsyncCollection]],
        state: BatchState,
        limiter: Limiter,
        *,
        timeout: float | None,
        retry_unknown: bool,
        on_result: Callable[[BatchResult], object] | None,
        on_started: Callable[[BatchResult], object] | None,
        size: int,
    ) -> None:
        self.shards = shards
        self.state = state
        self.limiter = limiter
        self.timeout = timeout
        self.retry_unknown = retry_unknown
        self.on_result = on_result
        self.on_started = on_started
        self.results: list[BatchResult | None] = [None] * size
        self.refused: AuthenticationError | None = None
        self.crashed: BaseException | None = None
        self.durations = _Durations()

    def watch(self, task: asyncio.Task[None]) -> None:
        """Note the first task that raised (a callback's error), to stop starting others."""
        if not task.cancelled() and task.exception() is not None and self.crashed is None:
            self.crashed = task.exception()

    def emit(self, result: BatchResult) -> None:
        self.results[result.index] = result
        if self.on_result is not None:
            self.on_result(result)

    def result(self, item: Checked, status: BatchStatus, **fields: Any) -> BatchResult:
        return BatchResult(
            key=item.key,
            index=item.index,
            op=item.kind.name,
            status=status,
            line=item.request.line,
            **fields,
        )

    async def end(self, item: Checked, status: Literal["done", "failed"], **fields: Any) -> None:
        """Record and report how a job ended."""
        result = self.result(item, status, **fields)
        outcome = {"result": result.result, "error": result.error}
        await self.state.ended(item.key, item.digest, status, result.job_id, outcome)
        self.emit(result)

    def recorded(self, item: Checked, row: Row) -> BatchResult:
        """The result an earlier run recorded."""
        outcome = row.outcome or {}
        return self.result(
            item,
            "done" if row.status == "done" else "failed",
            job_id=row.job_id,
            result=outcome.get("result"),
            error=outcome.get("error"),
            resumed=True,
        )

    async def start(self, item: Checked) -> None:
        """Start the request's job (a slot is already held), record it, and follow it."""
        await self.state.intend(item.key, item.digest, item.kind.name, dict(item.arguments))
        held = True
        try:
            method = getattr(self.shards[item.index % len(self.shards)][1], item.kind.method)
            for attempt in range(1, MAX_START_ATTEMPTS + 1):
                started_at = _clock.monotonic()
                try:
                    made = await method(**item.arguments, wait=False)
                    break
                except VideoDBError as error:
                    wait = _rate_limited(error)
                    if wait is None or attempt == MAX_START_ATTEMPTS:
                        raise
                await self.limiter.release()
                held = False
                await _clock.async_sleep(max(wait, backoff(min(attempt, 4))))
                await self.limiter.acquire()
                held = True
        except VideoDBError as error:
            await self.start_failed(item, error)
            return
        finally:
            if held:
                await self.limiter.release()
        if not isinstance(made, AsyncGenerationJob):  # a text the API answered at once
            await self.end(item, "done", result=_fields(made))
            return
        await self.state.started(item.key, item.digest, made.id)
        if self.on_started is not None:
            self.on_started(self.result(item, "pending", job_id=made.id))
        await self.follow(item, made.id, made, started_at, resumed=False)

    async def start_failed(self, item: Checked, error: VideoDBError) -> None:
        if isinstance(error, AuthenticationError):
            self.refused = self.refused or error
        if _started_nothing(error):
            await self.state.forget(item.key, item.digest)
            self.emit(self.result(item, "failed", error=f"not started: {error}"))
        else:
            self.emit(self.result(item, "unknown", error=f"{_UNKNOWN} ({error})"))

    async def ended(self, item: Checked, job: AsyncGenerationJob[Any], *, resumed: bool) -> bool:
        """Record and report the job if it ended; whether it did."""
        if job.status == "done":
            result = _fields(job.result)
            await self.end(item, "done", job_id=job.id, result=result, resumed=resumed)
            return True
        if job.status == "failed":
            code = f" [{job.error_code}]" if job.error_code else ""
            error = f"job {job.id} failed: {job.message}{code}"
            await self.end(item, "failed", job_id=job.id, error=error, resumed=resumed)
            return True
        return False

    def delay(
        self,
        item: Checked,
        job: AsyncGenerationJob[Any] | None,
        schedule: PollSchedule,
        *,
        started_at: float | None,
        errors: int,
        polls: int,
    ) -> float:
        """Seconds until the next poll: the first at the end learnt from earlier jobs; then
        as the SDK's schedule says; after an error, a back-off."""
        now = _clock.monotonic()
        if job is None:
            return backoff(min(errors, 4))
        learnt = self.durations.get(item.kind.name)
        if polls == 0 and learnt is not None and started_at is not None:
            return max(started_at + learnt + _FIRST_POLL_MARGIN - now, 0.0)
        return schedule.next_delay(now)

    async def follow(
        self,
        item: Checked,
        job_id: str,
        job: AsyncGenerationJob[Any] | None,
        started_at: float | None,
        *,
        resumed: bool,
    ) -> None:
        """Poll the job until it ends (or the wait times out) and record how it ended."""
        connection = self.shards[item.index % len(self.shards)][0]
        options = connection._engine.config.options
        limit, schedule = options.schedule(Waiting(True, timeout=self.timeout), started_at)
        deadline = _clock.monotonic() + limit
        errors = polls = 0
        last_error: VideoDBError | None = None
        fresh = job is not None
        while True:
            if job is not None and fresh:
                if await self.ended(item, job, resumed=resumed):
                    return
                schedule.observe(_clock.monotonic(), job.percentage)
                end = schedule.estimated_end()
                if end is not None and started_at is not None:
                    self.durations.note(item.kind.name, end - started_at)
            now = _clock.monotonic()
            if now >= deadline or self.refused is not None:
                why = f"did not end within {limit:g} s" if self.refused is None else "stopped"
                if last_error is not None:
                    why += f" (last error: {last_error})"
                error = f"job {job_id} {why}; it may still finish: a rerun resumes it"
                self.emit(self.result(item, "pending", job_id=job_id, error=error, resumed=resumed))
                return
            if job is not None or errors:
                delay = self.delay(
                    item, job, schedule, started_at=started_at, errors=errors, polls=polls
                )
                await _clock.async_sleep(min(delay, deadline - now))
            try:
                async with self.limiter.slot():
                    if job is None:
                        job = await connection.get_job(job_id)
                    else:
                        job = await job.refresh()
                fresh = True
                polls += 1
            except AuthenticationError as refused:
                self.refused = self.refused or refused
                fresh = False
            except VideoDBError as failure:  # no answer, or none readable: try again later,
                ended = _ended_for_good(job_id, failure)  # unless none ever will be
                if ended is not None:
                    await self.end(item, "failed", job_id=job_id, error=ended, resumed=resumed)
                    return
                errors += 1
                last_error = failure
                fresh = False


def _observe(limiter: Limiter, response: httpx.Response) -> None:
    """The response hook that tells the limiter what the API answered."""
    wait = throttled_wait(response.status_code, response.headers)
    if wait is not None:
        limiter.throttled(wait)
    elif response.status_code < 400:
        limiter.answered()


@attrs.frozen
class _Settings:
    """How to connect when the batch is given no `AsyncConnection`."""

    api_key: str | None = None
    base_url: str | None = None
    options: Options | None = None


async def _collection(
    connection: AsyncConnection, collection_id: str, limiter: Limiter
) -> AsyncCollection:
    async with limiter.slot():
        return await connection.get_collection(collection_id)


@contextlib.asynccontextmanager
async def _connected(
    connection: AsyncConnection | None, settings: _Settings, limiter: Limiter
) -> AsyncIterator[list[AsyncConnection]]:
    """The connections to run on, with the limiter's response hook on their HTTP clients.

    Given a connection, that one. Otherwise one per `SHARD_SIZE` requests of concurrency,
    each with its own HTTP client: httpcore looks through every connection of its pool for
    each request, so one pool of hundreds of connections costs more than the requests.
    """
    clients: list[httpx.AsyncClient] = []
    connections = [] if connection is None else [connection]
    try:
        if connection is None:
            timeout = DEFAULT_TIMEOUT if settings.options is None else settings.options.timeout
            shards = math.ceil(limiter.ceiling / SHARD_SIZE)
            room = math.ceil(limiter.ceiling / shards)
            tls = httpx.create_ssl_context()  # made once: each takes 20 ms
            for _ in range(shards):
                client = new_client(
                    httpx.AsyncClient,
                    limits=httpx.Limits(max_connections=room, max_keepalive_connections=room),
                    timeout=timeout,
                    verify=tls,
                )
                clients.append(client)
                made = AsyncConnection(
                    api_key=settings.api_key, base_url=settings.base_url, http_client=client
                )
                if settings.options is not None:
                    engine = made._engine
                    engine.config = attrs.evolve(engine.config, options=settings.options)
                connections.append(made)

        async def hook(response: httpx.Response) -> None:
            _observe(limiter, response)

        hooked = [conn._engine._api.get_async_httpx_client() for conn in connections]
        for client in hooked:
            hooks = client.event_hooks
            hooks["response"] = [*hooks.get("response", []), hook]
            client.event_hooks = hooks
        try:
            yield connections
        finally:
            for client in hooked:
                hooks = client.event_hooks
                hooks["response"] = [h for h in hooks.get("response", []) if h is not hook]
                client.event_hooks = hooks
    finally:
        for client in clients:
            await client.aclose()


async def generate_batch_async(
    requests: Iterable[BatchRequest | Mapping[str, Any]],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    state: str | Path = "batch.sqlite",
    on_result: Callable[[BatchResult], object] | None = None,
    on_started: Callable[[BatchResult], object] | None = None,
    connection: AsyncConnection | None = None,
    collection_id: str = "default",
    timeout: float | None = None,  # noqa: ASYNC109 - each job's wait, as in generate_batch
    retry_unknown: bool = False,
    api_key: str | None = None,
    base_url: str | None = None,
) -> BatchReport:
    """Run many generations at once, resumably: the async source of `generate_batch`, with
    the same arguments, except that `connection` is an `AsyncConnection` (its HTTP client gets
    a response hook for the run, to see rate limits). Without one, the batch connects with
    `api_key` and `base_url` (or the environment) on an HTTP client sized for `concurrency`.

    Raises:
        BatchInputError: A request breaks a rule; every problem is listed and nothing started.
        InvalidInputError: An option breaks its rule, no API key was found, or the state
            database belongs to another API URL.
        AuthenticationError: The API rejected the key (nothing refused is recorded; jobs
            already started are, and a rerun resumes them).
        NotFoundError: No such collection.
        APIError: The collection could not be read (after its retries); nothing started.
        StateLockedError: Another process runs a batch on the same state (it holds the
            state's lock, ``<state>.lock``); nothing started. The error names it.
        StateError: The state database could not be read or written (another program holds
            it locked, the disk is full); jobs recorded until then are resumed by a rerun.
        Exception: Whatever `on_result` or `on_started` raise stops the batch.
    """
    settings = _Settings(api_key=api_key, base_url=base_url)
    return await _generate(
        requests,
        concurrency=concurrency,
        state=state,
        on_result=on_result,
        on_started=on_started,
        connection=connection,
        collection_id=collection_id,
        timeout=timeout,
        retry_unknown=retry_unknown,
        settings=settings,
    )


async def _generate(
    requests: Iterable[BatchRequest | Mapping[str, Any]],
    *,
    concurrency: int,
    state: str | Path,
    on_result: Callable[[BatchResult], object] | None,
    on_started: Callable[[BatchResult], object] | None,
    connection: AsyncConnection | None,
    collection_id: str,
    timeout: float | None,  # noqa: ASYNC109 - each job's wait
    retry_unknown: bool,
    settings: _Settings,
) -> BatchReport:
    check_positive_int("concurrency", concurrency)
    check_optional_seconds("timeout", timeout)
    check_flag("retry_unknown", retry_unknown)
    if not isinstance(state, str | Path):
        raise InvalidInputError("state", f"must be a path, got {describe(state)}")
    items = check_requests(requests, collection_id)
    limiter = Limiter(concurrency)
    with _locked(state):
        async with _connected(connection, settings, limiter) as connections:
            store = await BatchState.open(state, connections[0].base_url)
            try:
                collections = await asyncio.gather(
                    *(_collection(conn, collection_id, limiter) for conn in connections)
                )
                run = _Run(
                    list(zip(connections, collections, strict=True)),
                    store,
                    limiter,
                    timeout=timeout,
                    retry_unknown=retry_unknown,
                    on_result=on_result,
                    on_started=on_started,
                    size=len(items),
                )
                await _run_all(run, items)
            finally:
                await store.close()
    if run.refused is not None:
        raise run.refused
    return BatchReport(
        results=[result for result in run.results if result is not None],
        concurrency=concurrency,
        lowest_concurrency=limiter.lowest,
        rate_limited=limiter.throttled_count,
        state=str(state),
    )


def _locked(state: str | Path) -> StateLock:
    """The state's lock, held for the run.

    Raises:
        StateLockedError: Another process holds it.
        StateError: Its lock file cannot be created.
    """
    try:
        return lock_state(state)
    except OSError as error:
        why = f"the state file {state} cannot be locked: {error.strerror or error}"
        raise StateError(why, state=str(state)) from None


async def _run_all(run: _Run, items: list[Checked]) -> None:
    """Report what earlier runs finished, resume what they started, then start the rest."""
    tasks: list[asyncio.Task[None]] = []
    fresh: list[Checked] = []
    lookups = [Lookup(item.key, item.digest, item.legacy_key) for item in items]
    try:
        for item, row in zip(items, await run.state.find(lookups), strict=True):
            if row is None:
                fresh.append(item)
            elif row.status in ("done", "failed"):
                run.emit(run.recorded(item, row))
            elif row.job_id is not None:
                if run.on_started is not None:
                    run.on_started(run.result(item, "pending", job_id=row.job_id, resumed=True))
                follow = run.follow(item, row.job_id, None, None, resumed=True)
                tasks.append(_task(run, follow))
            elif run.retry_unknown:
                fresh.append(item)
            else:
                run.emit(run.result(item, "unknown", error=_UNKNOWN, resumed=True))
        for item in fresh:
            await run.limiter.acquire()
            if run.crashed is not None:
                await run.limiter.release()
                break
            if run.refused is not None:
                await run.limiter.release()
                run.emit(run.result(item, "failed", error=f"not started: {run.refused}"))
                continue
            tasks.append(_task(run, run.start(item)))
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def _task(run: _Run, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
    task = asyncio.create_task(work)
    task.add_done_callback(run.watch)
    return task


def generate_batch(
    requests: Iterable[BatchRequest | Mapping[str, Any]],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    state: str | Path = "batch.sqlite",
    on_result: Callable[[BatchResult], object] | None = None,
    on_started: Callable[[BatchResult], object] | None = None,
    connection: Connection | None = None,
    collection_id: str = "default",
    timeout: float | None = None,
    retry_unknown: bool = False,
    api_key: str | None = None,
    base_url: str | None = None,
) -> BatchReport:
    """Run many generations at once, resumably, and return how each ended.

    Each request is a `BatchRequest` or a dict as a JSON line holds it (``op``, an optional
    ``key``, and the arguments of the collection method: ``{"op": "image", "prompt": "...",
    "aspect_ratio": "16:9"}``). Every request is checked before any job starts.

    Every job is recorded in the SQLite database `state` before it is waited for, keyed by
    the request's key and a hash of what it asks; run the same requests again after Ctrl-C,
    a crash or ``kill -9`` and the batch resumes the recorded jobs by polling them, reports the
    finished ones without redoing them, and starts the rest. A request without a key is keyed
    by its content, so the requests may be edited between runs (added, removed, reordered):
    only new or changed ones start. One run at a time uses a state: the run holds its lock
    (the file ``<state>.lock``) until it ends, and another is refused. A request sent just
    before the run stopped, whose answer was never recorded, is reported ``unknown`` (it may
    have started) and not started again unless `retry_unknown`.

    This runs its own event loop (`asyncio.run`), so it cannot be called from a running one
    (inside ``async def`` code): await `generate_batch_async` there.

    Args:
        requests: The generations to run.
        concurrency: The most requests to the API in flight at once (starting jobs and polling
            them; the jobs themselves all run on the API's side). Halved on each 429 and grown
            back slowly.
        state: The state database's path (created if needed; its folder must exist).
        on_result: Called with each `BatchResult` as it ends, first the ones earlier runs
            finished.
        on_started: Called with a ``pending`` `BatchResult` when a job is started or resumed.
        connection: A `Connection` whose key, URL and options to use (the batch runs on its
            own async HTTP client); None connects with `api_key` and `base_url`.
        collection_id: The collection to generate in.
        timeout: Seconds to wait for each job (default: the connection's ``wait_timeout``,
            600 s); a job still running then is reported ``pending``, and a rerun resumes it.
        retry_unknown: Start again the requests whose earlier start is ``unknown``.
        api_key, base_url: As for `connect`, when no `connection` is given.

    Returns:
        A `BatchReport`: one `BatchResult` per request, in their order, and how rate limits
        lowered the concurrency.

    Raises:
        RuntimeError: Called from a running event loop.
        BatchInputError: A request breaks a rule; every problem is listed and nothing started.
        InvalidInputError: An option breaks its rule, no API key was found, or the state
            database belongs to another API URL.
        AuthenticationError: The API rejected the key.
        StateLockedError: Another process runs a batch on the same state (it holds the
            state's lock, ``<state>.lock``); nothing started. The error names it.
        StateError: The state database could not be read or written (another program holds
            it locked, the disk is full); jobs recorded until then are resumed by a rerun.
        Exception: Whatever `on_result` or `on_started` raise stops the batch.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        raise RuntimeError(
            "generate_batch runs its own event loop; in async code, await generate_batch_async"
        )
    settings = _Settings(api_key=api_key, base_url=base_url)
    if connection is not None:
        config = connection._engine.config
        settings = _Settings(config.api_key, config.base_url, config.options)
    return asyncio.run(
        _generate(
            requests,
            concurrency=concurrency,
            state=state,
            on_result=on_result,
            on_started=on_started,
            connection=None,
            collection_id=collection_id,
            timeout=timeout,
            retry_unknown=retry_unknown,
            settings=settings,
        )
    )
