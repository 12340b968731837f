"""Routing, auth and request validation: every answer is JSON, and never a 500."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests._servers import TEST_API_KEY
from tests.conftest import SandboxFactory
from tests.sandbox.conftest import AUTH, GENERATE


@pytest.fixture
def client(sandbox_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox_url, headers=AUTH, timeout=10) as client:
        yield client


def assert_error(response: httpx.Response, status: int) -> str:
    """Check an error answer's status and body; return its message."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["success"] is False
    assert isinstance(body["message"], str)
    assert body["message"]
    assert isinstance(body["error_code"], str)
    return str(body["message"])


@pytest.mark.parametrize(
    "path",
    [
        "/collection/default",
        "/collection/default/",
    ],
)
def test_get_collection_with_and_without_trailing_slash(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.json()["data"] == {
        "id": "default",
        "name": "Default Collection",
        "description": "The account's default collection",
        "is_public": False,
        "owner": "u-sandbox",
        "created_at": "2026-01-01T00:00:00Z",
    }


@pytest.mark.parametrize("path", [GENERATE, GENERATE.rstrip("/")])
def test_generate_with_and_without_trailing_slash(client: httpx.Client, path: str) -> None:
    response = client.post(path, json={"prompt": "a drone", "duration": 5})
    assert response.status_code == 200
    job_id = response.json()["data"]["id"]
    assert client.get(f"/async-response/{job_id}/").status_code == 200
    video_id = client.get(f"/async-response/{job_id}").json()["data"]["id"]
    assert client.get(f"/video/{video_id}/").status_code == 200


def test_unknown_things_are_404_json(client: httpx.Client) -> None:
    assert_error(client.get("/nothing/here"), 404)
    assert_error(client.get("/collection/c-unknown"), 404)
    assert_error(client.post("/collection/c-unknown/generate/video", json={"prompt": "x"}), 404)
    assert_error(client.get("/async-response/job-0000000000000000"), 404)
    assert_error(client.get("/video/m-0000000000000000"), 404)


def test_video_in_another_collection_is_404(client: httpx.Client) -> None:
    job_id = client.post(GENERATE, json={"prompt": "x"}).json()["data"]["id"]
    video_id = client.get(f"/async-response/{job_id}").json()["data"]["id"]
    assert client.get(f"/video/{video_id}", params={"collection_id": "default"}).status_code == 200
    assert_error(client.get(f"/video/{video_id}", params={"collection_id": "c-other"}), 404)


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/collection/default", "GET, HEAD"),
        ("POST", "/collection/default/", "GET, HEAD"),
        ("GET", GENERATE, "POST"),
        ("HEAD", GENERATE, "POST"),
        ("PUT", GENERATE.rstrip("/"), "POST"),
        ("POST", "/async-response/job-1", "GET, HEAD"),
        ("PATCH", "/video/m-1", "GET, HEAD"),
    ],
)
def test_undeclared_method_is_405_with_allow(
    client: httpx.Client, method: str, path: str, allow: str
) -> None:
    response = client.request(method, path)
    if method == "HEAD":  # the error, without its body
        assert (response.status_code, response.content) == (405, b"")
    else:
        assert_error(response, 405)
    assert response.headers["allow"] == allow


@pytest.mark.parametrize("headers", [{}, {"x-access-token": ""}])
def test_missing_api_key_is_401(sandbox_url: str, headers: dict[str, str]) -> None:
    with httpx.Client(base_url=sandbox_url, timeout=10) as anonymous:
        assert_error(anonymous.get("/collection/default", headers=headers), 401)
        assert_error(anonymous.post(GENERATE, json={"prompt": "x"}, headers=headers), 401)
        assert_error(anonymous.get("/async-response/job-1", headers=headers), 401)
        assert_error(anonymous.get("/video/m-1", headers=headers), 401)


def test_any_non_empty_key_is_accepted_by_default(client: httpx.Client) -> None:
    assert (
        client.get("/collection/default", headers={"x-access-token": "anything"}).status_code == 200
    )


def test_configured_keys_only(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--api-key", TEST_API_KEY, "--api-key", "sk-second")
    with httpx.Client(base_url=url, timeout=10) as client:
        for key in (TEST_API_KEY, "sk-second"):
            assert (
                client.get("/collection/default", headers={"x-access-token": key}).status_code
                == 200
            )
        message = assert_error(
            client.get("/collection/default", headers={"x-access-token": "sk-wrong"}), 401
        )
        assert "API key" in message


def test_configured_collection(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox("--collection", "c-team")
    with httpx.Client(base_url=url, headers=AUTH, timeout=10) as client:
        assert client.get("/collection/c-team").json()["data"]["id"] == "c-team"
        job = client.post("/collection/c-team/generate/video", json={"prompt": "x"}).json()
        video = client.get(job["data"]["output_url"]).json()["data"]
        assert video["collection_id"] == "c-team"
        assert_error(client.get("/collection/c-other"), 404)


JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("content", "headers", "field"),
    [
        (b'{"prompt": "x", "duration": 9}', JSON, "duration"),
        (b'{"prompt": "x", "duration": 4}', JSON, "duration"),
        (b'{"prompt": "x", "duration": "6"}', JSON, "duration"),
        (b'{"prompt": "x", "duration": 5.5}', JSON, "duration"),
        (b'{"prompt": ""}', JSON, "prompt"),
        (b'{"prompt": 12}', JSON, "prompt"),
        (b'{"duration": 6}', JSON, "prompt"),
        (b'{"prompt": "x", "colour": "red"}', JSON, "colour"),
        (b'{"prompt": "x", "callback_url": "not a url"}', JSON, "callback_url"),
        (b'{"prompt": "x", "callback_url": 5}', JSON, "callback_url"),
        (b"[1, 2]", JSON, "body"),
        (b"null", JSON, "body"),
        (b'{"prompt": "x"', JSON, "JSON"),
        (b"\xff\xfe\x00junk\x80\x81", JSON, "JSON"),
        ('{"prompt": "caf\u00e9 \u2603", "d\u00fcration": 6}'.encode(), JSON, "d\u00fcration"),
        (b"", JSON, "body"),
        (b'{"prompt": "x"}', {"content-type": "text/plain"}, "content-type"),
        (b'{"prompt": "x"}', {"content-type": "application/x-www-form-urlencoded"}, "content-type"),
        (b'{"prompt": "x"}', {}, "content-type"),
        (b'{"prompt": "' + b"x" * 2_200_000 + b'"}', JSON, "body"),
    ],
)
def test_invalid_generation_is_400_naming_the_field(
    client: httpx.Client, content: bytes, headers: dict[str, str], field: str
) -> None:
    response = client.post(GENERATE, content=content, headers=headers)
    message = assert_error(response, 400)
    assert field in message


def test_validation_message_reads_like_the_spec_example(client: httpx.Client) -> None:
    response = client.post(GENERATE, json={"prompt": "x", "duration": 9})
    assert assert_error(response, 400) == "duration: 9 is greater than the maximum of 8"


def test_null_callback_url_and_charset_are_accepted(client: httpx.Client) -> None:
    response = client.post(
        GENERATE.rstrip("/"),
        content=b'{"prompt": "x", "duration": 6, "callback_url": null}',
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 200
    assert response.json()["request_type"] == "sync"


def test_empty_query_parameter_is_400(client: httpx.Client) -> None:
    message = assert_error(client.get("/video/m-1?collection_id="), 400)
    assert "collection_id" in message


def test_errors_after_a_bad_request_leave_the_server_healthy(client: httpx.Client) -> None:
    for _ in range(3):
        client.post(GENERATE, content=b"\x00" * 100_000, headers=JSON)
    assert client.get("/collection/default").status_code == 200


def test_health_is_outside_the_api(client: httpx.Client) -> None:
    response = client.get("/_sandbox/health", headers={})
    assert response.json() == {"status": "ok"}


def test_head_answers_like_get_without_a_body(client: httpx.Client) -> None:
    job = client.post(GENERATE, json={"prompt": "a drone", "duration": 5}).json()["data"]
    video_id = client.get(job["output_url"]).json()["data"]["id"]
    for path in (
        "/collection/default",
        f"/async-response/{job['id']}",
        f"/video/{video_id}?collection_id=default",
        "/collection/c-none",
        "/_sandbox/health",
        "/_sandbox/stats",
    ):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code, (path, head.text)
        assert head.content == b"", path
        assert head.headers["content-type"] == got.headers["content-type"], path
        if not path.endswith("stats"):
            assert head.headers["content-length"] == str(len(got.content)), path
    anonymous = client.head("/collection/default", headers={"x-access-token": ""})
    assert (anonymous.status_code, anonymous.content) == (401, b"")
    refused = client.request("PATCH", "/video/m-1")
    assert refused.headers["allow"] == "GET, HEAD"


def test_stats_count_the_requests_answered(start_sandbox: SandboxFactory) -> None:
    url = start_sandbox()
    with httpx.Client(base_url=url, headers=AUTH, timeout=10) as client:
        before = client.get("/_sandbox/stats").json()["requests"]
        client.get("/collection/default")
        client.get("/collection/c-none")
        client.post(GENERATE, json={"prompt": 1})
        after = client.get("/_sandbox/stats").json()["requests"]
    # A stats request is counted once it is answered, so it is not in its own count.
    counted = {s: n - before["by_status"].get(s, 0) for s, n in after["by_status"].items()}
    assert counted == {"200": 2, "400": 1, "404": 1}
    assert after["total"] - before["total"] == 4
    assert after["total"] == sum(after["by_status"].values())
