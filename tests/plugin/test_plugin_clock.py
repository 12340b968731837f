"""The plugin's manual clock, as a user's suite meets it (through `pytester`): the marker's
`clock="manual"`, `advance`, `move_to` and `now`, and what they say when they cannot move it;
the README's example runs as it is."""

from __future__ import annotations

import re

import pytest

from tests._servers import ROOT

pytest_plugins = ("pytester",)

USER_TESTS = """
import datetime
import pytest
import videodb_gen


@pytest.mark.videodb_sandbox(clock="manual", job_seconds=8, ttl=30)
def test_moves_the_clock_to_a_time_and_back_is_refused(videodb_sandbox):
    with videodb_sandbox.connect() as conn:
        job = conn.get_collection().generate_video("A lighthouse at dawn", wait=False)
        target = videodb_sandbox.now() + datetime.timedelta(seconds=6)
        assert videodb_sandbox.move_to(target) == target
        assert job.refresh().percentage == 75
        assert videodb_sandbox.move_to(target.isoformat()) == target
        with pytest.raises(ValueError, match="to: .* is before the clock's time"):
            videodb_sandbox.move_to(target - datetime.timedelta(seconds=1))
        with pytest.raises(ValueError, match="advance: must be 0 or more seconds"):
            videodb_sandbox.advance(-1)
        with pytest.raises(ValueError, match="NaN is not a JSON number"):
            videodb_sandbox.advance(float("nan"))
        assert videodb_sandbox.now() == target, "a refused move moves nothing"
        videodb_sandbox.advance(32)
        with pytest.raises(videodb_gen.NotFoundError):
            job.refresh()  # expired 30 s after its end


def test_the_wall_clock_cannot_be_moved(videodb_sandbox):
    now = videodb_sandbox.now()
    assert now.tzinfo is datetime.UTC
    assert abs((datetime.datetime.now(datetime.UTC) - now).total_seconds()) < 600
    with pytest.raises(RuntimeError, match="wall clock.*--clock manual"):
        videodb_sandbox.advance(1)
"""


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n**A clock you move.**", 1)[1].split("\n**", 1)[0]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found is not None, "the README's clock section has an example"
    return found.group(1)


def test_a_user_suite_moves_its_sandbox_s_clock(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS, test_readme=_readme_example())
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)
