"""Faults on demand: per request with the `x-mock-fault` header, or server-wide by rate.

The header holds one or more comma-separated items:

* an HTTP error status, `400`..`599` (e.g. `500`, `503`, `429`): answered at once with that
  status and the JSON error body, before anything is done (no job is started). A `429`
  carries `Retry-After` (1 s, or `retry-after=N`).
* `retry-after=N`: the `Retry-After` seconds of an injected `429`/`503`.
* `slow=S`: wait `S` seconds (at most 60) before answering normally.
* `drop`: close the connection without any answer (no job is started).
* `malformed`: do the work, then answer 200 with a truncated, non-JSON body.
* `fail`: the generation job this request starts will fail.
* `fail-hosted`: the generation this request starts, handed to a hosted model (`sandbox_id`),
  ends well, and the hosted job it hands over to (`getJob`) fails. Without `sandbox_id` it
  changes nothing.
* `break-shape`: do the work, then answer 200 with a body that breaks the spec.

Server-wide rates (`--fault-rate 500=0.1,429=0.05,drop=0.01`) draw at most one fault per API
request from a random generator seeded with the sandbox's seed, so a run is reproducible.
Injected faults are deliberate, so strict response validation does not check them.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

import attrs

from videodb_mock._echo import echoed

HEADER = "x-mock-fault"
MAX_SLOW_SECONDS = 60.0

#: The body of a `malformed` answer: JSON cut off in the middle.
MALFORMED_BODY = b'{"success": true, "status": "proc'

#: The body of a `break-shape` answer. `success` must be a boolean constant in every
#: answer of the spec, so this body breaks the schema of every operation.
BROKEN_BODY: dict[str, object] = {"success": "maybe", "status": "done", "data": {"id": 42}}


class FaultError(ValueError):
    """The `x-mock-fault` header cannot be understood."""


@attrs.frozen
class Faults:
    """The faults to inject into one request."""

    status: int | None = None
    retry_after: int = 1
    slow: float = 0.0
    drop: bool = False
    malformed: bool = False
    fail: bool = False
    fail_hosted: bool = False
    break_shape: bool = False

    @property
    def alters_answer(self) -> bool:
        """Whether the answer is deliberately not the normal one."""
        return self.status is not None or self.drop or self.malformed or self.break_shape


NO_FAULTS = Faults()


def _number(item: str, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise FaultError(f"{HEADER}: {echoed(repr(item))} needs a number") from None
    if not 0 <= number <= MAX_SLOW_SECONDS:
        raise FaultError(
            f"{HEADER}: {echoed(repr(item))} must be between 0 and {MAX_SLOW_SECONDS:g}"
        )
    return number


def parse_faults(header: str) -> Faults:
    """Parse an `x-mock-fault` header value.

    Raises:
        FaultError: an item is unknown or its value is out of range.
    """
    faults = NO_FAULTS
    for raw in header.split(","):
        item = raw.strip().lower()
        if not item:
            continue
        name, _, value = item.partition("=")
        name = name.strip()
        # ASCII digits only: str.isdigit takes other scripts' digits, and int() refuses
        # more than 4,300 of them.
        if name.isascii() and name.isdigit():
            if not (len(name) == 3 and 400 <= int(name) <= 599):
                raise FaultError(
                    f"{HEADER}: status {echoed(name)} is not an error status (400-599)"
                )
            faults = attrs.evolve(faults, status=int(name))
        elif name == "retry-after":
            faults = attrs.evolve(faults, retry_after=max(0, int(_number(item, value))))
        elif name == "slow":
            faults = attrs.evolve(faults, slow=_number(item, value))
        elif name in ("drop", "malformed", "fail", "fail-hosted", "break-shape") and not value:
            faults = attrs.evolve(faults, **{name.replace("-", "_"): True})
        else:
            raise FaultError(
                f"{HEADER}: unknown fault {echoed(repr(item))}; expected an error status "
                "(e.g. 503), slow=S, retry-after=N, drop, malformed, fail, fail-hosted or "
                "break-shape"
            )
    return faults


def _from_name(name: str) -> Faults:
    if name.isdigit():
        return Faults(status=int(name))
    return attrs.evolve(NO_FAULTS, **{name.replace("-", "_"): True})


class FaultPlan:
    """Decides the faults of each request: from its header, else from the server-wide rates."""

    def __init__(self, rates: Mapping[str, float], *, seed: int | None, header: bool) -> None:
        self._random = random.Random(seed)  # noqa: S311 - reproducible faults, not secrets
        self._header = header
        self._thresholds: list[tuple[float, Faults]] = []
        total = 0.0
        for name, rate in rates.items():
            if rate > 0:
                total += rate
                self._thresholds.append((total, _from_name(name)))

    def for_request(self, header: str | None) -> Faults:
        """The faults for a request whose `x-mock-fault` header is `header`.

        Raises:
            FaultError: the header cannot be understood.
        """
        if header is not None and self._header:
            return parse_faults(header)
        if not self._thresholds:
            return NO_FAULTS
        draw = self._random.random()
        for threshold, faults in self._thresholds:
            if draw < threshold:
                return faults
        return NO_FAULTS
