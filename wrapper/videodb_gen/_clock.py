"""Time, in one place, so that waits can be observed and skipped in tests."""

import time


def monotonic() -> float:
    """Seconds on a clock that never goes back."""
    return time.monotonic()


def sleep(seconds: float) -> None:
    """Block for `seconds`."""
    time.sleep(max(0.0, seconds))


async def async_sleep(seconds: float) -> None:
    """Suspend the task for `seconds`."""
    import asyncio  # noqa: PLC0415 - only async users pay for importing asyncio

    await asyncio.sleep(max(0.0, seconds))
