"""The README's "Callbacks" blocks run as written: the receiver that handles each result once,
and the test of a redelivered callback, in a user's suite (through `pytester`)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from videodb_gen import VideoInfo

from tests._servers import ROOT

pytest_plugins = ("pytester",)


def _blocks() -> list[str]:
    section = (ROOT / "README.md").read_text().split("\n### Callbacks\n", 1)[1]
    section = section.split("\n### ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


def test_the_receiver_handles_a_redelivered_video_once(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    receiver: dict[str, Any] = {}
    exec(_blocks()[1], receiver)  # noqa: S102 - the README's own code
    published: list[VideoInfo] = []
    receiver["publish"] = published.append
    body = json.dumps(
        {"success": True, "data": {"id": "m-1", "stream_url": "https://s.example/m-1.m3u8"}}
    ).encode()
    receiver["on_callback"](body)
    receiver["on_callback"](body)
    assert [video.id for video in published] == ["m-1"]
    receiver["dedup"].close()
    assert (tmp_path / "seen.sqlite3").is_file()


def test_the_redelivery_test_passes_in_a_user_suite(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_callbacks=_blocks()[2])
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
