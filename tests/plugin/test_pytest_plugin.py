"""The `videodb_sandbox` pytest plugin, as a user's test suite meets it (through `pytester`):
one sandbox for the session, one of its own for a marked test, faults per connection, and
every sandbox stopped at the end."""

from __future__ import annotations

import importlib.util
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from videodb_mock import pytest_plugin

from tests._servers import ROOT

pytest_plugins = ("pytester",)

USER_TESTS = """
import json
import pytest
import videodb_gen
from pathlib import Path

SEEN = Path(__file__).with_name("seen.jsonl")


def _note(name, sandbox):
    row = {"test": name, "url": sandbox.base_url, "stats": sandbox.stats()}
    with SEEN.open("a") as out:
        out.write(json.dumps(row) + "\\n")


def test_generates_a_video(videodb_sandbox):
    with videodb_sandbox.connect() as conn:
        video = conn.get_collection().generate_video("A lighthouse at dawn")
    assert video.id.startswith("m-")
    _note("first", videodb_sandbox)


def test_shares_the_session_sandbox(videodb_sandbox):
    with videodb_sandbox.connect() as conn:
        conn.get_collection().generate_image("A lighthouse at dawn")
    _note("second", videodb_sandbox)


@pytest.mark.videodb_sandbox(job_seconds=1, collection="c-extra")
def test_has_its_own(videodb_sandbox):
    assert videodb_sandbox.options == ("--job-seconds", "1", "--collection", "c-extra")
    with videodb_sandbox.connect() as conn:
        assert conn.get_collection("c-extra").id == "c-extra"
    _note("own", videodb_sandbox)


def test_asks_for_faults(videodb_sandbox):
    with videodb_sandbox.connect(fault="fail") as conn:
        with pytest.raises(videodb_gen.GenerationFailedError):
            conn.get_collection().generate_video("A lighthouse at dawn")


async def test_has_an_async_connection(videodb_sandbox):
    async with videodb_sandbox.connect_async() as conn:
        coll = await conn.get_collection()
        assert (await coll.generate_text("A tagline"))["output"].strip()
"""


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_sandbox/health", timeout=2):  # noqa: S310
            return True
    except (urllib.error.URLError, OSError):
        return False


def test_a_user_suite_gets_its_sandboxes_and_they_stop(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    pytester.makeini("[pytest]\nasyncio_mode = auto\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=5)
    seen = {
        row["test"]: row
        for row in map(json.loads, (pytester.path / "seen.jsonl").read_text().splitlines())
    }
    assert seen["first"]["url"] == seen["second"]["url"] != seen["own"]["url"]
    assert seen["second"]["stats"]["jobs"] == 2  # a video, then an image
    for row in seen.values():
        assert not _answers(row["url"]), f"{row['url']} still answers after the session"


def test_without_the_sandbox_extra_the_fixture_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name: None if name == "av" else object(),
    )
    with pytest.raises(pytest.fail.Exception, match=r"videodb-gen\[sandbox\].*|missing: av"):
        pytest_plugin._check_installed()


def test_marker_options_become_command_line_options() -> None:
    assert pytest_plugin.sandbox_options(
        "--seed", "1", job_seconds=2, strict=True, media=None, fault_rate="429=0.2"
    ) == ["--seed", "1", "--job-seconds", "2", "--strict", "--fault-rate", "429=0.2"]


def test_the_plugin_is_registered_by_its_entry_point(pytestconfig: pytest.Config) -> None:
    plugin = pytestconfig.pluginmanager.get_plugin("videodb_sandbox")
    assert plugin is pytest_plugin
    assert Path(plugin.__file__ or "").name == "pytest_plugin.py"


def test_the_readme_s_example_runs_as_it_is(pytester: pytest.Pytester) -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n**A pytest plugin.**", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found is not None
    pytester.makepyfile(test_readme=found.group(1))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)
