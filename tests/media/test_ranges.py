"""Range requests on media files, as RFC 9110 (section 14) says: a Range the server cannot read
is ignored (200 and the whole file), one with no range within the file is a 416 with
`Content-Range: bytes */<length>`, others get a 206 of what they ask for."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from videodb_mock._media.items import Media
from videodb_mock._media.routes import byte_ranges

from tests.media.conftest import Box, MakeBox

#: What the renderer below writes for every part: 1000 bytes, each telling where it is.
CONTENT = bytes(n % 251 for n in range(1000))
SIZE = len(CONTENT)


class Writer:
    """A renderer that writes `CONTENT` for every part, at once."""

    async def render(self, item: Media, name: str, path: Path) -> None:
        await asyncio.to_thread(path.write_bytes, CONTENT)

    def warm(self) -> None:
        pass

    async def aclose(self) -> None:
        pass


async def _thumbnail(box: Box) -> str:
    state = await box.until_done(await box.start())
    return box.media_url(state, "thumbnail.jpg")


@pytest.mark.parametrize(
    "header",
    [
        "bytes=5-2",  # the last byte before the first: invalid
        "bytes=0-1,5-2",  # one invalid range makes the whole Range invalid
        "bytes=abc",
        "bytes=-",
        "bytes=",
        "bytes=1-2-3",
        "bytes=+1-2",
        "bytes=1_0-20",
        "bytes=\u0663-9",  # an Arabic-Indic digit is not a DIGIT
        "items=0-9",  # a unit the server does not know
        "0-9",
        "bytes 0-9",
        "bytes=" + ",".join(["0-0"] * 101),  # more ranges than served
    ],
)
async def test_a_range_it_cannot_read_is_ignored(box: MakeBox, header: str) -> None:
    sandbox = await box(renderer=Writer())
    url = await _thumbnail(sandbox)
    asked = {b"Range": header.encode()}  # as bytes: a header may hold any octet
    answer = await sandbox.client.get(url, headers=asked)
    assert answer.status_code == 200, answer.text
    assert answer.content == CONTENT
    assert "content-range" not in answer.headers
    head = await sandbox.client.head(url, headers=asked)
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["content-length"] == str(SIZE)


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-9", 0, 9),
        ("bytes=990-", 990, 999),
        ("bytes=990-5000", 990, 999),
        ("bytes=-10", 990, 999),
        ("bytes=-5000", 0, 999),
        ("BYTES = 3-3", 3, 3),
        ("bytes=0-1, 999999-", 0, 1),  # a range past the end is left out
        ("bytes=10-19,,", 10, 19),  # a list's empty elements are allowed
    ],
)
async def test_a_range_within_the_file_is_a_206(
    box: MakeBox, header: str, first: int, last: int
) -> None:
    sandbox = await box(renderer=Writer())
    url = await _thumbnail(sandbox)
    answer = await sandbox.client.get(url, headers={"Range": header})
    assert answer.status_code == 206, answer.text
    assert answer.headers["content-range"] == f"bytes {first}-{last}/{SIZE}"
    assert answer.content == CONTENT[first : last + 1]
    assert answer.headers["access-control-allow-origin"] == "*"


async def test_several_ranges_are_sent_as_parts(box: MakeBox) -> None:
    sandbox = await box(renderer=Writer())
    url = await _thumbnail(sandbox)
    answer = await sandbox.client.get(url, headers={"Range": "bytes=0-1,10-11"})
    assert answer.status_code == 206
    assert answer.headers["content-type"].startswith("multipart/byteranges")
    assert b"Content-Range: bytes 0-1/1000" in answer.content
    assert b"Content-Range: bytes 10-11/1000" in answer.content


@pytest.mark.parametrize(
    "header",
    [
        "bytes=999999-",
        "bytes=1000-1000",
        "bytes=-0",
        "bytes=1000-,2000-",
        "bytes=" + "9" * 5000 + "-",
    ],
)
async def test_a_range_with_nothing_within_the_file_is_a_416(box: MakeBox, header: str) -> None:
    sandbox = await box(renderer=Writer())
    url = await _thumbnail(sandbox)
    answer = await sandbox.client.get(url, headers={"Range": header})
    assert answer.status_code == 416, answer.text
    assert answer.headers["content-range"] == f"bytes */{SIZE}"
    assert answer.headers["access-control-allow-origin"] == "*"
    body = answer.json()
    assert (body["success"], body["error_code"]) == (False, "range_not_satisfiable")
    assert len(body["message"]) < 400


async def test_if_range_that_no_longer_holds_sends_the_whole_file(box: MakeBox) -> None:
    sandbox = await box(renderer=Writer())
    url = await _thumbnail(sandbox)
    etag = (await sandbox.client.get(url)).headers["etag"]
    kept = await sandbox.client.get(url, headers={"Range": "bytes=0-9", "If-Range": etag})
    assert (kept.status_code, kept.content) == (206, CONTENT[:10])
    for stale in ('"another"', f"W/{etag}", "Mon, 01 Jan 2001 00:00:00 GMT"):
        for header in ("bytes=0-9", "bytes=999999-"):
            answer = await sandbox.client.get(url, headers={"Range": header, "If-Range": stale})
            assert (answer.status_code, answer.content) == (200, CONTENT), (stale, header)


def test_byte_ranges_reads_a_header_as_rfc_9110_does() -> None:
    assert byte_ranges("bytes=0-9", 100) == [(0, 10)]
    assert byte_ranges("bytes=5-2", 100) is None
    assert byte_ranges("bytes=50-,-10,0-0", 100) == [(50, 100), (90, 100), (0, 1)]
    assert byte_ranges("bytes=100-", 100) == []
    assert byte_ranges("bytes=-1", 0) == []
    assert byte_ranges("pages=1-2", 100) is None
