"""When to poll a running generation job next. Pure: it is given the time, it does no I/O.

Without any information it starts short and backs off with jitter to a cap of a few seconds.
A server hint (`Retry-After` on a running answer) replaces that back-off. Once the job has
reported its `percentage` twice (or once, when the job's start time is known), the schedule
estimates when the job ends and polls just after that moment (or at the hint, if sooner), then
briefly and often until the job is over. No hint brings a poll sooner than the schedule's
shortest wait, nor sooner than a fixed interval the caller chose: ``Retry-After: 0`` or a date
in the past cannot make it poll in a loop.
"""

import random

import attrs

from ._arguments import check_optional_seconds, check_seconds, rule


@attrs.frozen
class PollSettings:
    """How to poll a running job.

    Attributes:
        first_delay: Seconds before the first poll, and the base of the back-off.
        max_interval: The longest wait between two polls.
        multiplier: How much the wait grows after each poll without an estimate.
        jitter: The fraction (0 to 1) by which a back-off wait is randomly shortened or lengthened.
        min_interval: The shortest wait, used when the estimated end has passed.
        eta_margin: Seconds added to the estimated end before polling it.
        fixed_interval: When set, poll at this interval; a server hint may only lengthen it.
    """

    first_delay: float = 0.3
    max_interval: float = attrs.field(
        default=3.0, alias="max_poll_interval", validator=rule(check_seconds)
    )
    multiplier: float = 1.6
    jitter: float = 0.2
    min_interval: float = 0.1
    eta_margin: float = 0.05
    fixed_interval: float | None = attrs.field(
        default=None, alias="poll_interval", validator=rule(check_optional_seconds)
    )


# One generator for every schedule's jitter: seeding one takes the OS's entropy each time.
_JITTER = random.Random()  # noqa: S311 - jitter, not security


class PollSchedule:
    """The waits between the polls of one job."""

    def __init__(
        self,
        settings: PollSettings,
        *,
        started_at: float | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._settings = settings
        self._rng = rng or _JITTER
        # When the job started counts as 0% done.
        self._origin = None if started_at is None else (started_at, 0.0)
        self._latest: tuple[float, float] | None = None
        self._polls = 0
        self._overdue = 0

    def observe(self, now: float, percentage: float | None) -> None:
        """Record the job's `percentage` (None when unknown) as seen at `now`."""
        if percentage is None:
            return
        if percentage == int(percentage) and 0 < percentage < 100:
            # Whole percentages are usually truncated: the true value is half a point higher
            # on average, and without this the estimate is late by half a point of the job.
            percentage += 0.5
        sample = (now, percentage)
        if self._origin is None or (self._latest is not None and percentage < self._latest[1]):
            self._origin = sample
            self._latest = None
            return
        self._latest = sample

    def estimated_end(self) -> float | None:
        """When the job should end, extrapolating its progress; None when unknown."""
        if self._origin is None or self._latest is None:
            return None
        (t0, p0), (t1, p1) = self._origin, self._latest
        if t1 <= t0 or p1 <= p0:
            return None
        rate = (p1 - p0) / (t1 - t0)
        return t1 + max(0.0, 100.0 - p1) / rate

    def _planned(self, now: float) -> float | None:
        """The wait that lands just after the estimated end, capped; None without an estimate."""
        settings = self._settings
        end = self.estimated_end()
        if end is None:
            return None
        remaining = end - now
        if remaining > settings.min_interval:
            self._overdue = 0
            return min(remaining + settings.eta_margin, settings.max_interval)
        overdue, self._overdue = self._overdue, self._overdue + 1
        return min(settings.min_interval * 1.5**overdue, settings.max_interval)

    def next_delay(self, now: float, retry_after: float | None = None) -> float:
        """Seconds to wait before the next poll; counts that poll as made.

        `retry_after` is the server's hint from the last answer. Without an estimate of the
        end it is followed as given; with one, the earlier of the two wins (a hint in whole
        seconds overshoots the end by up to a second). Either way the wait is at least the
        shortest one (``min_interval``), and with a fixed interval at least that interval.
        """
        settings = self._settings
        polls, self._polls = self._polls, self._polls + 1
        hint = None if retry_after is None else max(settings.min_interval, retry_after)
        if settings.fixed_interval is not None:
            fixed = settings.fixed_interval
            return fixed if hint is None else max(fixed, hint)
        planned = self._planned(now)
        if planned is not None:
            return planned if hint is None else min(planned, hint)
        if hint is not None:
            return hint
        base = min(settings.first_delay * settings.multiplier**polls, settings.max_interval)
        spread = settings.jitter * (2.0 * self._rng.random() - 1.0)
        return min(settings.max_interval, max(settings.min_interval, base * (1.0 + spread)))
