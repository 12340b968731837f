"""What the sandbox refuses, and how it says so: a state file it cannot read and a collection id
no path can reach, at start; and errors that echo a client's id, bounded."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from videodb_mock import SandboxConfig
from videodb_mock._echo import ECHO_LIMIT, ELLIPSIS, echoed
from videodb_mock._state.journal import FILE_NAME, Journal, Record, StateFileError

from tests._servers import ROOT, free_port
from tests.conftest import sandbox_command
from tests.sandbox.conftest import AUTH, MakeInProcess


def _start(*options: str) -> subprocess.CompletedProcess[str]:
    """Run the sandbox's command, which is to refuse to start (60 s at most)."""
    command = sandbox_command(free_port(), "--media", "off", *options)
    return subprocess.run(  # noqa: S603 - the test suite's own command
        command, capture_output=True, text=True, timeout=60, cwd=ROOT, check=False
    )


def _record(number: int) -> Record:
    return Record(
        number=number,
        id=f"job-{number}",
        result_id=f"m-{number}",
        collection_id="default",
        prompt="a drone over a frozen lake " * 8,
        duration=5,
        started_at=1_800_000_000.0,
        ends_at=1_800_000_005.0,
        failure=None,
        callback_url=None,
        callback_pending=False,
    )


def _damaged(folder: Path, how: str) -> Path:
    """A state folder whose database is damaged `how`; its file."""
    journal = Journal(folder)
    for number in range(2000):
        journal.add(_record(number))
    journal.close()
    path = folder / FILE_NAME
    data = path.read_bytes()
    if how == "not a database":
        path.write_bytes(b"not SQLite at all\n" * 300)
    elif how == "cut short":
        path.write_bytes(data[: len(data) // 2])
    elif how == "a page overwritten":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + b"\xff" * 4096 + data[middle + 4096 :])
    else:  # another program's database
        path.unlink()
        with sqlite3.connect(path) as other:
            other.execute("CREATE TABLE jobs (name TEXT)")
    return path


HOW = ["not a database", "cut short", "a page overwritten", "another program's"]


@pytest.mark.parametrize("how", HOW)
def test_a_state_file_it_cannot_read_is_refused_naming_it(tmp_path: Path, how: str) -> None:
    path = _damaged(tmp_path, how)
    kept = path.read_bytes()
    with pytest.raises(StateFileError) as refused:
        Journal(tmp_path)
    message = str(refused.value)
    assert "\n" not in message
    assert str(path) in message
    assert "move it away" in message
    assert path.read_bytes() == kept, "the file is left as it was"


@pytest.mark.parametrize("how", ["not a database", "a page overwritten"])
def test_the_command_refuses_a_state_file_it_cannot_read_in_one_line(
    tmp_path: Path, how: str
) -> None:
    path = _damaged(tmp_path / "state", how)
    finished = _start("--state-dir", str(tmp_path / "state"))
    assert finished.returncode == 2, finished.stderr
    assert "Traceback" not in finished.stderr
    (line,) = finished.stderr.strip().splitlines()
    assert str(path) in line
    assert "move it away" in line
    assert "listening" not in finished.stdout
    # Moved away, the folder is a new one.
    shutil.move(path, tmp_path / "damaged.sqlite3")
    Journal(tmp_path / "state").close()


BAD_COLLECTIONS = ["c-a/b", "c-", "default", "x-1", "c-a b", "c-é", "c-a?b", "c-" + "x" * 127]


@pytest.mark.parametrize("collection_id", BAD_COLLECTIONS)
def test_a_collection_id_no_path_can_reach_is_refused(collection_id: str) -> None:
    options: dict[str, Any] = {"collections": ["c-fine", collection_id]}
    with pytest.raises(ValueError, match="an extra collection id is c- then") as refused:
        SandboxConfig(**options)
    assert len(str(refused.value)) < 2 * ECHO_LIMIT + 200


def test_the_command_refuses_a_bad_collection_naming_the_flag() -> None:
    finished = _start("--collection", "c-1", "--collection", "c-a/b")
    assert finished.returncode == 2
    assert "--collection" in finished.stderr
    assert "'c-a/b'" in finished.stderr
    assert "Traceback" not in finished.stderr


async def test_every_collection_id_allowed_is_reached(inprocess: MakeInProcess) -> None:
    allowed = ["c-1", "c-my.collection_2~x-Y", "c-" + "x" * 126]
    box = await inprocess(collections=allowed)
    for collection_id in allowed:
        answer = await box.client.get(f"/collection/{collection_id}")
        assert answer.status_code == 200, answer.text
        assert answer.json()["data"]["id"] == collection_id


def test_echoed_bounds_a_value() -> None:
    assert echoed("m-1") == "m-1"
    assert echoed("x" * ECHO_LIMIT) == "x" * ECHO_LIMIT
    assert echoed("x" * 70_000) == "x" * ECHO_LIMIT + ELLIPSIS
    assert echoed(12345, limit=3) == "123" + ELLIPSIS


#: A long id, in a URL as long as an HTTP client sends (httpx: at most 65536 characters).
LONG = "x" * 60_000
DUB = "/collection/default/generate/video/dub"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", f"/video/m-{LONG}", None),
        ("GET", f"/collection/c-{LONG}", None),
        ("POST", f"/collection/c-{LONG}/generate/video", {"prompt": "x"}),
        ("GET", f"/async-response/job-{LONG}", None),
        ("GET", f"/image/img-{LONG}", None),
        ("GET", f"/audio/a-{LONG}", None),
        ("GET", f"/job/hj-{LONG}", None),
        ("GET", f"/download/dl-{LONG}", None),
        ("GET", f"/no-such-path/{LONG}", None),
        ("POST", f"/uploads/u-{LONG}", None),
        ("POST", DUB, {"video_id": f"m-{LONG}", "language_code": "es"}),
        ("POST", DUB, {"video_id": LONG, "language_code": "es"}),
        ("POST", "/download", {"stream_link": f"http://sandbox.test/{LONG}", "name": "x"}),
        ("POST", "/collection/default/generate/audio", {"audio_type": LONG, "prompt": "x"}),
    ],
)
async def test_errors_echo_a_long_id_bounded(
    inprocess: MakeInProcess, method: str, path: str, body: object
) -> None:
    box = await inprocess(media="render")
    answer = await box.client.request(method, path, json=body, headers=AUTH)
    assert 400 <= answer.status_code < 500, answer.text[:300]
    message = answer.json()["message"]
    assert ELLIPSIS in message, message[:300]
    assert len(message) < 4 * ECHO_LIMIT + 300, f"{len(message)} characters: {message[:300]}"


async def test_media_errors_echo_a_long_path_bounded(inprocess: MakeInProcess) -> None:
    box = await inprocess(media="render")
    answer = await box.client.get(f"/media/m-{LONG}/stream.m3u8")
    assert answer.status_code == 404
    message = answer.json()["message"]
    assert message.endswith(ELLIPSIS)
    assert len(message) < ECHO_LIMIT + 100
