"""The real clock the SDK waits on."""

from __future__ import annotations

from videodb_gen import _clock


async def test_real_clock_waits() -> None:
    start = _clock.monotonic()
    _clock.sleep(0)
    _clock.sleep(0.01)
    await _clock.async_sleep(-1)
    await _clock.async_sleep(0.01)
    assert _clock.monotonic() - start >= 0.02
