"""Long prompts: `getUploadUrl`, the presigned URL that takes a file without the API key, and
`generateText` reading its prompt from `prompt_url`."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from videodb_mock._state.text import output as text_output
from videodb_mock._state.uploads import Uploads

from tests.sandbox.conftest import FakeClock
from tests.sandbox.test_images import ImageBox, image_sandbox

UPLOAD_URL = "/collection/default/upload_url"
GENERATE_TEXT = "/collection/default/generate/text/"
URL = re.compile(
    r"http://sandbox\.test/uploads/u-[0-9a-f]{32}\?expires=(\d+)&signature=[0-9a-f]{64}"
)
#: Longer than an inline prompt may be (262144 characters).
LONG_PROMPT = "The keeper climbs the stairs of the lighthouse at dawn. " * 6000
NAME = "generate_text_prompt_5b1c0a3e.txt"


@pytest.fixture
async def box() -> AsyncIterator[ImageBox]:
    """An in-process sandbox whose jobs end at once, with clocks the test moves."""
    async with image_sandbox(media="off", ttl_seconds=100, signed_url_seconds=50) as made:
        yield made


async def _upload_url(box: ImageBox, **params: str) -> str:
    answer = await box.client.get(UPLOAD_URL, params=params or {"name": NAME})
    assert answer.status_code == 200, answer.text
    assert set(answer.json()) == {"success", "data"}
    url: str = answer.json()["data"]["upload_url"]
    return url


async def _upload(box: ImageBox, content: bytes, url: str | None = None) -> str:
    """Upload `content` as the official client does, without the API key; the URL."""
    url = url or await _upload_url(box)
    files = {"file": (NAME, content, "text/plain; charset=utf-8")}
    answer = await box.anonymous.post(url, files=files)
    assert answer.status_code == 200, answer.text
    return url


async def _text(box: ImageBox, **body: Any) -> Any:
    answer = await box.client.post(GENERATE_TEXT, json=body)
    assert answer.status_code == 200, answer.text
    if "output" in answer.json()["data"]:
        return answer.json()["data"]["output"]
    state = (await box.client.get(answer.json()["data"]["output_url"])).json()
    assert state["status"] == "done", state
    return state["data"]["output"]


def _expected(prompt: str, **options: Any) -> Any:
    settings = {"model_name": "basic", "response_type": "text", "max_tokens": None, **options}
    return text_output(prompt, **settings)


async def test_a_long_prompt_is_uploaded_then_read_from_prompt_url(box: ImageBox) -> None:
    url = await _upload_url(box)
    match = URL.fullmatch(url)
    assert match is not None, url
    assert int(match[1]) == 1_800_000_000 + 50, "valid for signed_url_seconds"
    files = {"file": (NAME, LONG_PROMPT.encode(), "text/plain; charset=utf-8")}
    uploaded = await box.anonymous.post(url, files=files)  # no API key
    assert uploaded.status_code == 200, uploaded.text
    upload_id = urllib.parse.urlsplit(url).path.rsplit("/", 1)[1]
    assert uploaded.json() == {
        "success": True,
        "data": {"id": upload_id, "name": NAME, "bytes": len(LONG_PROMPT)},
    }
    assert len(LONG_PROMPT) > 262144
    output = await _text(box, prompt_url=url, max_tokens=9, model_name="Qwen/Qwen3.5-9B")
    assert output == _expected(LONG_PROMPT, max_tokens=9, model_name="Qwen/Qwen3.5-9B")
    assert len(output.split()) == 9
    # Read as often as asked, as an object store's file is.
    as_json = await _text(box, prompt_url=url, response_type="json")
    assert as_json == _expected(LONG_PROMPT, response_type="json")
    stats = (await box.client.get("/_sandbox/stats")).json()
    assert stats["uploads"] == {"files": 1, "bytes": len(LONG_PROMPT)}
    assert stats["texts"] == {"jobs": 2, "at_once": 0}


async def test_an_uploaded_prompt_answers_as_the_same_prompt_inline(box: ImageBox) -> None:
    prompt = "Une phrase accentuée: café, crème, 灯台."
    url = await _upload(box, prompt.encode())
    assert await _text(box, prompt_url=url) == await _text(box, prompt=prompt)


async def test_prompt_url_with_the_answer_at_once() -> None:
    async with image_sandbox(media="off", text_answer="at-once") as box:
        url = await _upload(box, b"A tagline, please")
        assert await _text(box, prompt_url=url, max_tokens=3) == _expected(
            "A tagline, please", max_tokens=3
        )
        assert len(box.sandbox.store) == 0


def _with_query(url: str, **changes: str) -> str:
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    query.update(changes)
    return parts._replace(query=urllib.parse.urlencode(query)).geturl()


async def _bad_prompt_urls(box: ImageBox) -> dict[str, tuple[str, int, str]]:
    """Each kind of prompt_url that names no usable prompt, with the status and what the
    answer says: 404 for a URL that names no file kept here (any URL is a valid request),
    400 for a file that is no prompt."""
    uploaded = await _upload(box, b"a prompt")
    not_ours = (404, "is not an upload URL of this sandbox")
    return {
        "another host": (uploaded.replace("sandbox.test", "example.com"), *not_ours),
        "another path": (uploaded.replace("/uploads/u-", "/uploads/u-0"), *not_ours),
        "a tampered signature": (_with_query(uploaded, signature="0" * 64), *not_ours),
        "a later expiry": (_with_query(uploaded, expires="1800000099"), *not_ours),
        "no signature": (uploaded.split("?")[0], *not_ours),
        "not a URL at all": ("https://example.com/prompt.txt", *not_ours),
        "no file yet": (await _upload_url(box), 404, "has taken no file yet"),
        "not UTF-8": (await _upload(box, b"caf\xe9 au lait"), 400, "is not UTF-8 text"),
        "empty": (await _upload(box, b""), 400, "has an empty file"),
    }


async def test_a_prompt_url_that_names_no_prompt_is_refused_and_keeps_nothing(
    box: ImageBox,
) -> None:
    codes = {404: "not_found", 400: "invalid_request"}
    for case, (url, status, problem) in (await _bad_prompt_urls(box)).items():
        answer = await box.client.post(GENERATE_TEXT, json={"prompt_url": url})
        assert answer.status_code == status, (case, answer.text)
        body = answer.json()
        assert body["error_code"] == codes[status], case
        assert body["message"].startswith("prompt_url: "), case
        assert problem in body["message"], (case, body["message"])
    assert len(box.sandbox.store) == 0
    assert box.sandbox.texts_at_once == 0


async def test_an_upload_expires_with_the_ttl(box: ImageBox) -> None:
    url = await _upload(box, b"kept a while")
    box.advance(99)  # its URL expired at 50 s: the file is still read
    assert await _text(box, prompt_url=url) == _expected("kept a while")
    box.advance(1)
    answer = await box.client.post(GENERATE_TEXT, json={"prompt_url": url})
    assert answer.status_code == 404
    assert "has expired, and keeps no file" in answer.json()["message"]
    assert box.sandbox.stats()["uploads"] == {"files": 0, "bytes": 0}
    async with image_sandbox(media="off", ttl_seconds=10) as short:
        url = await _upload(short, b"kept a little while")
        short.advance(9.5)
        assert await _text(short, prompt_url=url) == _expected("kept a little while")
        short.advance(0.5)
        answer = await short.client.post(GENERATE_TEXT, json={"prompt_url": url})
        assert answer.status_code == 404
        assert answer.json()["message"] == (
            "prompt_url: has taken no file yet, or its file has expired"
        )


async def test_an_upload_url_that_expired_takes_no_file(box: ImageBox) -> None:
    url = await _upload_url(box)
    box.advance(50)
    answer = await box.anonymous.post(url, files={"file": (NAME, b"late", "text/plain")})
    assert answer.status_code == 403
    assert answer.json() == {
        "success": False,
        "message": "Forbidden: this URL has expired: ask getUploadUrl for a new one",
        "error_code": "forbidden",
    }
    told = await box.client.post(GENERATE_TEXT, json={"prompt_url": url})
    assert "has expired, and keeps no file" in told.json()["message"]


async def test_an_upload_url_refuses_what_is_not_one_file_of_the_form(box: ImageBox) -> None:
    url = await _upload_url(box)
    file = {"file": (NAME, b"x", "text/plain")}
    refusals: list[tuple[str, httpx.Response, int, str]] = [
        (
            "no signature",
            await box.anonymous.post(url.split("?")[0], files=file),
            403,
            "not signed",
        ),
        (
            "a tampered signature",
            await box.anonymous.post(_with_query(url, signature="f" * 64), files=file),
            403,
            "signature does not match",
        ),
        ("JSON", await box.anonymous.post(url, json={"file": "x"}), 400, "multipart/form-data"),
        (
            "no file field",
            await box.anonymous.post(url, files={"prompt": (NAME, b"x", "text/plain")}),
            400,
            "no file in the field 'file'",
        ),
        (
            "a field, not a file",
            await box.anonymous.post(url, data={"file": "x"}, files={"other": ("a", b"")}),
            400,
            "no file in the field 'file'",
        ),
        (
            "two files",
            await box.anonymous.post(url, files=[("file", ("a", b"1")), ("file", ("b", b"2"))]),
            400,
            "Too many files",
        ),
        (
            "no boundary",
            await box.anonymous.post(
                url, content=b"x", headers={"content-type": "multipart/form-data"}
            ),
            400,
            "not a valid multipart/form-data form",
        ),
        (
            "a broken part",
            await box.anonymous.post(
                url,
                content=b"--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n",
                headers={"content-type": "multipart/form-data; boundary=b"},
            ),
            400,
            "not a valid multipart/form-data form",
        ),
        ("GET", await box.anonymous.get(url), 405, "allowed: POST, OPTIONS"),
        ("another path", await box.anonymous.post("/uploads/u-1", files=file), 404, "Not found"),
    ]
    for case, answer, status, message in refusals:
        assert answer.status_code == status, (case, answer.text)
        body = answer.json()
        assert set(body) == {"success", "message", "error_code"}, case
        assert body["success"] is False
        assert message in body["message"], (case, body["message"])
    assert len(box.sandbox.uploads) == 0
    assert (await box.anonymous.post(url, files=file)).status_code == 200
    assert (await box.anonymous.options(url)).status_code == 204


async def test_an_upload_url_takes_one_file(box: ImageBox) -> None:
    url = await _upload(box, b"the first")
    again = await box.anonymous.post(url, files={"file": (NAME, b"the first", "text/plain")})
    assert again.status_code == 200, "a retried upload is accepted"
    other = await box.anonymous.post(url, files={"file": (NAME, b"another", "text/plain")})
    assert other.status_code == 409
    assert other.json()["error_code"] == "conflict"
    assert await _text(box, prompt_url=url) == _expected("the first")


async def test_an_upload_is_bounded_as_any_request_body() -> None:
    async with image_sandbox(media="off", max_body_bytes=1000) as box:
        url = await _upload_url(box)
        big = await box.anonymous.post(url, files={"file": (NAME, b"x" * 1000, "text/plain")})
        assert big.status_code == 400
        assert big.json() == {
            "success": False,
            "message": "body: larger than 1000 bytes",
            "error_code": "invalid_request",
        }
        assert len(box.sandbox.uploads) == 0
        await _upload(box, b"x" * 700, url)  # with the form around it, under 1000 bytes


async def test_upload_urls_of_a_collection(box: ImageBox) -> None:
    first, second = await _upload_url(box), await _upload_url(box, name="n" * 255)
    assert first != second
    unknown = await box.client.get("/collection/c-none/upload_url")
    assert unknown.status_code == 404
    assert unknown.json()["error_code"] == "not_found"
    too_long = await box.client.get(UPLOAD_URL, params={"name": "n" * 256})
    assert too_long.status_code == 400
    assert "name" in too_long.json()["message"]
    no_key = await box.anonymous.get(UPLOAD_URL)
    assert no_key.status_code == 401
    without_name = await box.client.get(UPLOAD_URL)
    assert URL.fullmatch(without_name.json()["data"]["upload_url"])
    assert len(box.sandbox.uploads) == 0, "handing out a URL keeps nothing"


async def test_the_most_jobs_bound_keeps_the_newest_uploads() -> None:
    async with image_sandbox(media="off", max_jobs=2) as box:
        urls = [await _upload(box, f"prompt {n}".encode()) for n in range(3)]
        assert len(box.sandbox.uploads) == 2
        first = await box.client.post(GENERATE_TEXT, json={"prompt_url": urls[0]})
        assert first.status_code == 404
        assert await _text(box, prompt_url=urls[2]) == _expected("prompt 2")


def test_uploads_are_bounded_in_bytes_too() -> None:
    clock = FakeClock()
    uploads = Uploads(ttl_seconds=10, max_count=100, max_bytes=10, clock=clock)
    assert uploads.put("u-a", "a", b"12345")
    assert uploads.put("u-b", "b", b"1234")
    assert (len(uploads), uploads.bytes) == (2, 9)
    assert uploads.put("u-c", "c", b"123")
    assert (uploads.get("u-a"), len(uploads), uploads.bytes) == (None, 2, 7)
    assert not uploads.put("u-b", "b", b"other")
    clock.advance(10)
    assert (uploads.get("u-c"), len(uploads), uploads.bytes) == (None, 0, 0)
