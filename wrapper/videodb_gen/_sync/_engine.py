# Generated from _async/_engine.py by scripts/unasync.py: do not edit.
"""The engine under a connection: it runs any operation of the table (`_operations`), with
retries, and starts, polls and waits for generation jobs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

import attrs
import httpx
from videodb_api import Client
from videodb_api.types import Response

from .. import _clock, _logging, _outcomes, _raw
from .._exceptions import APIError, GenerationTimeoutError
from .._http import CURRENT_CALL, CallContext, origin
from .._operations import GET_HOSTED_JOB, GET_JOB, Operation, field_values
from .._options import Config, Options, Waiting
from .._results import HostedJobRef, JobState
from .._retries import parse_retry_after
from ._resources import HANDLES, GenerationJob

R = TypeVar("R")


class Engine:
    """Runs operations on one generated client with one configuration."""

    def __init__(self, api: Client, config: Config, *, owns_http: bool) -> None:
        self._api = api
        self.config = config
        self._home = origin(httpx.URL(config.base_url))
        self._owns_http = owns_http

    def with_options(self, options: Options) -> Engine:
        """An engine with other options on the same HTTP client, which it does not own."""
        return Engine(self._api, attrs.evolve(self.config, options=options), owns_http=False)

    def close(self) -> None:
        """Close the HTTP client if this engine made it."""
        if self._owns_http:
            self._api.get_httpx_client().close()

    def call(self, op: Operation[R], /, **given: object) -> R:
        """Check the arguments, send `op` (retrying as allowed) and read its answer.

        Raises:
            InvalidInputError: An argument breaks its rule; nothing was sent.
            APIError: The last attempt's failure, as the SDK's error.
        """
        answer = self._send(op, op.arguments(given))
        result: R = answer.result
        return self.bind(result)

    def bind(self, value: R) -> R:
        """`value` as a handle of this engine's where its type has one (`HANDLES`)."""
        handle = HANDLES.get(type(value))
        if handle is None:
            return value
        bound: R = handle(**field_values(cast(attrs.AttrsInstance, value)), engine=self)
        return bound

    def _send(
        self, op: Operation[Any], arguments: Mapping[str, Any], deadline: float | None = None
    ) -> _outcomes.Answer:
        options = self.config.options
        retries = 0
        while True:
            timeout, ends_by = options.request_limits(deadline)
            call = CallContext(
                timeout, self._home, self.config.api_key, options.max_response_bytes, ends_by
            )
            token = CURRENT_CALL.set(call)
            started = _clock.monotonic()
            response: Response[Any] | None = None
            try:
                response = op.endpoint.sync_detailed(client=self._api, **arguments)
            except _outcomes.ATTEMPT_ERRORS as error:
                call.error = error
            finally:
                CURRENT_CALL.reset(token)
            result = _outcomes.outcome(op, call, response, arguments)
            seconds = _clock.monotonic() - started
            _logging.request(op, call, seconds, retries)
            if isinstance(result, _outcomes.Answer):
                _raw.record(call, seconds, retries)
                return result
            delay = _outcomes.retry_wait(
                op, call, retry_number=retries, max_retries=options.max_retries
            )
            if delay is None:
                raise result from call.error
            if deadline is not None and _clock.monotonic() + delay >= deadline:
                raise _outcomes.DeadlineReached(result) from call.error
            _logging.retrying(op, call, delay, retries + 1, options.max_retries)
            _clock.sleep(delay)
            retries += 1

    def job(
        self,
        state: JobState[R],
        started_at: float | None,
        poll: Operation[JobState[Any]] = GET_JOB,
    ) -> GenerationJob[R]:
        """A handle on a job in `state`, as this engine's, polled with `poll`."""
        fields = field_values(state) | {"result": self.bind(state.result)}
        return GenerationJob(**fields, engine=self, started_at=started_at, poll=poll)

    def poll(
        self,
        job_id: str,
        *,
        started_at: float | None,
        deadline: float | None = None,
        op: Operation[JobState[Any]] = GET_JOB,
    ) -> tuple[GenerationJob[Any], float | None]:
        """The job's current state (read with `op`, whose one argument is the job's id), and
        the server's hint (seconds) for the next poll.

        Raises:
            InvalidInputError: `job_id` breaks the rule of ids.
            APIError: The poll failed after its retries; its ``job_id`` names the job.
            DeadlineReached: Only with `deadline`: a retry would end after it.
        """
        (id_name,) = op.checks
        try:
            answer = self._send(op, op.arguments({id_name: job_id}), deadline)
        except (APIError, _outcomes.DeadlineReached) as failure:
            (
                failure.error if isinstance(failure, _outcomes.DeadlineReached) else failure
            ).job_id = job_id
            raise
        state: JobState[Any] = answer.result
        return self.job(state, started_at, op), parse_retry_after(answer.headers)

    def generate(
        self,
        op: Operation[JobState[R] | R],
        given: Mapping[str, object],
        waiting: Waiting,
        poll: Operation[JobState[Any]] = GET_JOB,
    ) -> R | GenerationJob[R]:
        """Start a generation (or any job: `poll` reads its state); wait for its result
        unless told not to.

        A result the API answers with at once is returned as it is: there is no job. An
        ``async`` answer to a call with a ``callback_url`` returns the job: the result goes
        there. Without one nothing else would deliver the result, so it is waited for.
        """
        if waiting.wait:
            _raw.refuse_waiting()
        started = _clock.monotonic()
        accepted = self.call(op, **given)
        if not isinstance(accepted, JobState):
            return accepted
        job: GenerationJob[R] = self.job(accepted, started, poll)
        if not waiting.wait or (job.request_type == "async" and given.get("callback_url")):
            return job
        return self.wait(job, waiting)

    def wait(self, job: GenerationJob[R], waiting: Waiting) -> R:
        """Poll `job` until it ends and return its result; see `GenerationJob.wait`.

        A generation that finished with a hosted model's second job (`HostedJobRef`) is
        followed to what that job makes, within the same deadline.
        """
        _raw.refuse_waiting()
        limit, schedule = self.config.options.schedule(waiting, job._started_at)
        deadline = _clock.monotonic() + limit
        retry_after: float | None = None
        reported: tuple[str, str, float | None] | None = None
        while True:
            if waiting.on_progress is not None and (job.id, job.status, job.percentage) != reported:
                reported = (job.id, job.status, job.percentage)
                waiting.on_progress(job)
            result = job.outcome()
            if isinstance(result, HostedJobRef):
                hosted = JobState[R](
                    id=result.job_id, status="processing", output_url=result.output_url
                )
                job = self.job(hosted, job._started_at, GET_HOSTED_JOB)
                continue
            if result is not None:
                return result
            now = _clock.monotonic()
            schedule.observe(now, job.percentage)
            if now >= deadline:
                raise GenerationTimeoutError(job_id=job.id, timeout=limit)
            delay = min(schedule.next_delay(now, retry_after), deadline - now)
            _logging.polling(job.id, job.status, job.percentage, delay)
            _clock.sleep(delay)
            try:
                job, retry_after = self.poll(
                    job.id, started_at=job._started_at, deadline=deadline, op=job._poll
                )
            except _outcomes.DeadlineReached as late:
                raise GenerationTimeoutError(job_id=job.id, timeout=limit) from late.error
