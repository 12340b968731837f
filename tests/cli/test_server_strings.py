"""What a server sends is shown, never obeyed: control characters and escape sequences in its
ids, names, URLs, messages and texts are printed escaped, so they can neither drive the
terminal nor forge a line of output; rich never reads them as markup; and an id the server
handed out that the SDK refuses is the server's fault (exit 3), not bad input."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
import respx
from videodb_gen import GenerationJob
from videodb_gen.cli import _safe
from videodb_gen.cli._progress import progress_bar

from .conftest import Cli

KEY = "sk-cli-unit-strings-77aa"
BASE = "https://api.videodb.io"
CDN = "https://cdn.example.net"
JOB = "job-4e3d2c1b"
CLEAR = "\x1b[2J\x1b[H"  # clear the screen, cursor home
TITLE = "\x1b]0;owned\x07"  # set the window's title (OSC 0)
LINK = "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\"  # a hidden link (OSC 8)
FORGED = "\nid          m-forged"  # a newline, then a row that looks like the real one
CSI = "\x9b31m"  # the one-character C1 CSI
VIDEO: dict[str, Any] = {
    "id": "m-5f1a2b3c",
    "collection_id": "default",
    "name": f"A drone{TITLE}{FORGED}",
    "stream_url": f"{CDN}/s.m3u8{LINK}",
    "player_url": f"{CDN}/player{CLEAR}",
    "length": 6,
}
IMAGE = {"id": "img-1a2b", "collection_id": "default", "width": 64, "height": 64}


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[respx.MockRouter]:
    monkeypatch.setenv("VIDEO_DB_API_KEY", KEY)
    with respx.mock(assert_all_called=False) as router:
        router.get(f"{BASE}/collection/default").respond(
            json={"success": True, "data": {"id": "default"}}
        )
        router.get(f"{BASE}/video/m-5f1a2b3c").respond(json={"success": True, "data": VIDEO})
        yield router


def _starts(api: respx.MockRouter, kind: str, job_id: str = JOB) -> None:
    accepted = {"id": job_id, "output_url": f"{BASE}/async-response/{job_id}"}
    api.post(f"{BASE}/collection/default/generate/{kind}/").respond(
        json={"success": True, "status": "processing", "data": accepted}
    )


def _polls(api: respx.MockRouter, answer: dict[str, Any], job_id: str = JOB) -> None:
    api.get(f"{BASE}/async-response/{job_id}").respond(json=answer)


def _no_raw_controls(text: str) -> None:
    """`text` holds no control character but newlines, and no C1 or DEL."""
    raw = [ch for ch in text if ch != "\n" and (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F)]
    assert raw == [], text


def test_a_video_s_fields_are_shown_escaped_and_cannot_forge_a_row(
    cli: Cli, api: respx.MockRouter
) -> None:
    result = cli("video", "m-5f1a2b3c")
    assert result.code == 0, result.err
    _no_raw_controls(result.out)
    ids = [line for line in result.out.splitlines() if line.startswith("id")]
    assert ids == ["id          m-5f1a2b3c"], result.out
    rows = dict(line.split(None, 1) for line in result.out.splitlines())
    assert rows["name"] == "A drone\\x1b]0;owned\\x07\\nid          m-forged"
    link = "\\x1b]8;;https://evil.example/\\x1b\\click me\\x1b]8;;\\x1b\\"
    assert rows["stream_url"] == f"{CDN}/s.m3u8{link}"
    assert rows["player_url"] == f"{CDN}/player\\x1b[2J\\x1b[H"


def test_json_output_escapes_every_control_and_reads_back_the_same(
    cli: Cli, api: respx.MockRouter
) -> None:
    api.get(f"{BASE}/video/m-5f1a2b3c").respond(
        json={"success": True, "data": VIDEO | {"name": f"x{CSI}\u202e\x7f"}}
    )
    result = cli("video", "m-5f1a2b3c", "--json")
    assert result.code == 0, result.err
    assert result.out.isascii()  # ensure_ascii: C1 controls and bidi overrides as \u escapes
    _no_raw_controls(result.out)
    shown = json.loads(result.out)
    assert shown["name"] == f"x{CSI}\u202e\x7f"
    assert shown["stream_url"] == VIDEO["stream_url"]


def test_an_error_message_from_the_server_is_one_escaped_line(
    cli: Cli, api: respx.MockRouter
) -> None:
    api.get(f"{BASE}/video/m-5f1a2b3c").respond(
        404, json={"success": False, "message": f"gone{CLEAR}{FORGED}"}
    )
    result = cli("video", "m-5f1a2b3c")
    assert result.code == 3
    _no_raw_controls(result.err)
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("videodb-gen: error: 404 GET /video/m-5f1a2b3c: gone\\x1b[2J")
    assert lines[0].endswith("\\nid          m-forged")
    assert result.out == ""


def test_an_error_line_names_the_request_id_escaped(cli: Cli, api: respx.MockRouter) -> None:
    api.get(f"{BASE}/video/m-5f1a2b3c").respond(
        404, json={"success": False, "message": "gone"}, headers={"x-request-id": f"r-1{CLEAR}"}
    )
    result = cli("video", "m-5f1a2b3c")
    assert result.code == 3
    _no_raw_controls(result.err)
    expected = "videodb-gen: error: 404 GET /video/m-5f1a2b3c: gone (request id r-1\\x1b[2J\\x1b[H)"
    assert result.err.splitlines() == [expected]


def test_a_failure_message_is_one_escaped_line(cli: Cli, api: respx.MockRouter) -> None:
    _starts(api, "video")
    _polls(api, {"success": False, "status": "failed", "message": f"no{TITLE}{FORGED}"})
    result = cli("generate", "a cat", "--json")
    assert result.code == 3
    _no_raw_controls(result.err)
    (line,) = result.err.splitlines()
    assert (
        line == f"videodb-gen: error: job {JOB} failed: no\\x1b]0;owned\\x07\\nid          m-forged"
    )


def test_generated_text_keeps_its_lines_but_not_its_escapes(
    cli: Cli, api: respx.MockRouter
) -> None:
    _starts(api, "text")
    output = f"first line\n\tsecond line{CLEAR}{CSI}\rover"
    _polls(api, {"success": True, "status": "done", "data": {"output": output}})
    result = cli("text", "a tagline")
    assert result.code == 0, result.err
    _no_raw_controls(result.out.replace("\t", ""))
    assert result.out == "first line\n\tsecond line\\x1b[2J\\x1b[H\\x9b31m\\rover\n"


def test_the_progress_bar_shows_the_job_id_as_text_not_markup(
    cli: Cli, api: respx.MockRouter
) -> None:
    job_id = "job-[bold]x[blink]"  # an id the SDK accepts, which rich would read as markup
    _starts(api, "video", job_id)
    _polls(api, {"success": True, "status": "done", "data": VIDEO}, job_id)
    result = cli("generate", "a cat")
    assert result.code == 0, result.err
    assert f"{job_id} done" in result.err  # on the bar, its brackets as they were sent
    assert f"waiting for {job_id};" in result.err


@pytest.mark.parametrize(
    ("job_id", "shown"),
    [
        ("job-[/bold]", "job-[/bold]"),  # a MarkupError, were it read as markup
        ("job-[/]", "job-[/]"),
        ("job-[link=https://evil.example/]x", "job-[link=https://evil.example/]x"),
        (f"job-1{TITLE}", "job-1\\x1b]0;owned\\x07"),
    ],
)
def test_the_bar_never_reads_markup_nor_prints_controls(
    capsys: pytest.CaptureFixture[str], job_id: str, shown: str
) -> None:
    with progress_bar(enabled=True) as bar:
        assert bar is not None
        job = SimpleNamespace(id=job_id, status="processing", percentage=50.0)
        bar(cast(GenerationJob[Any], job))
    err = capsys.readouterr().err
    _no_raw_controls(err)
    assert f"{shown} processing" in err


def test_a_job_id_the_sdk_refuses_is_the_server_s_fault(cli: Cli, api: respx.MockRouter) -> None:
    job_id = "job-[/bold]"  # rich markup that is an error, and a '/' no id may hold
    _starts(api, "video", job_id)
    result = cli("generate", "a cat")
    assert result.code == 3, result.err  # the API's fault: not 2, bad input
    assert "Traceback" not in result.err
    assert "JOB_ID" not in result.err  # the user gave no job id
    last = result.err.strip().splitlines()[-1]
    assert last == (
        "videodb-gen: error: 200 POST /collection/default/generate/video/: the answer could not"
        " be read (the API sent an unusable job id 'job-[/bold]': it must not contain '/')"
    )
    assert "resume with" not in result.err  # that id cannot be followed
    no_wait = cli("generate", "a cat", "--no-wait")
    assert no_wait.code == 3
    assert no_wait.out == ""  # no id printed that `job` would refuse


def test_a_result_id_the_sdk_refuses_is_the_server_s_fault_and_the_job_resumable(
    cli: Cli, api: respx.MockRouter, tmp_path: Path
) -> None:
    _starts(api, "image")
    _polls(api, {"success": True, "status": "done", "data": IMAGE | {"id": "img-1/../x"}})
    result = cli("image", "a lighthouse", "-o", str(tmp_path / "x.png"))
    assert result.code == 3, result.err
    assert "the API sent an unusable image id: it must not contain '/'" in result.err
    assert f"resume with: videodb-gen job {JOB} --wait" in result.err
    assert list(tmp_path.iterdir()) == []


def test_a_download_id_the_sdk_refuses_is_the_server_s_fault(
    cli: Cli, api: respx.MockRouter
) -> None:
    clean = VIDEO | {"stream_url": f"{CDN}/s.m3u8", "player_url": f"{CDN}/player"}
    api.get(f"{BASE}/video/m-5f1a2b3c").respond(json={"success": True, "data": clean})
    api.post(f"{BASE}/download").respond(
        json={
            "success": True,
            "status": "processing",
            "data": {"id": "dl-1?x", "output_url": f"{BASE}/download/dl-1"},
        }
    )
    result = cli("download", "m-5f1a2b3c", "--json")
    assert result.code == 3, result.err
    (line,) = result.err.splitlines()
    assert line == (
        "videodb-gen: error: 200 POST /download: the answer could not be read"
        " (the API sent an unusable download id 'dl-1?x': it must not contain '?')"
    )


def test_a_stream_url_the_sdk_refuses_is_the_server_s_fault(
    cli: Cli, api: respx.MockRouter
) -> None:
    route = api.post(f"{BASE}/download").respond(500)
    result = cli("download", "m-5f1a2b3c")  # the video's stream_url holds escape sequences
    assert result.code == 3, result.err
    assert "the API sent an unusable stream URL: it must be an absolute http(s) URL" in result.err
    assert not route.called


@pytest.mark.parametrize(
    ("sent", "line", "text"),
    [
        ("plain", "plain", "plain"),
        ("a\nb", "a\\nb", "a\nb"),
        ("a\tb", "a\\tb", "a\tb"),
        ("a\rb", "a\\rb", "a\\rb"),
        ("\x00\x07\x08\x0b\x0c\x1b\x7f", "\\x00\\x07\\x08\\x0b\\x0c\\x1b\\x7f", None),
        ("\x85\x9b\x9f", "\\x85\\x9b\\x9f", None),
        ("\u2028\u2029\u202e\u2066", "\\u2028\\u2029\\u202e\\u2066", None),
        ("é ü 日本 \\x1b", "é ü 日本 \\x1b", None),  # text, and a backslash, as they are
    ],
)
def test_the_sanitiser(sent: str, line: str, text: str | None) -> None:
    assert _safe.line(sent) == line
    assert _safe.text(sent) == (line if text is None else text)
    assert "\n" not in _safe.line(sent)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", _safe.text(sent))
