"""The callback inbox (`videodb_sandbox.callbacks`): a real sandbox delivers to it, a test
waits for the delivery by key or result id, chooses the answers to exercise redelivery, and
reads the body with `parse_callback`; what it refuses, and what `wait_for` says when nothing
came."""

from __future__ import annotations

import http.client
import json
import urllib.parse

import pytest
import videodb_gen
from videodb_gen import CallbackDedup, GenerationFailedError, VideoInfo, parse_callback
from videodb_mock._inbox import MAX_BODY_BYTES, CallbackInbox, CallbackNotReceived
from videodb_mock.pytest_plugin import SandboxServer

pytestmark = pytest.mark.sandbox
pytest_plugins = ("pytester",)


def _post(url: str, body: bytes, method: str = "POST", **headers: str) -> tuple[int, object]:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=10)
    try:
        connection.request(method, parts.path + "?" + parts.query, body=body, headers=headers)
        answer = connection.getresponse()
        body = answer.read()
        return answer.status, json.loads(body) if body else None
    finally:
        connection.close()


def test_a_job_delivers_its_video_to_the_inbox(videodb_sandbox: SandboxServer) -> None:
    inbox = videodb_sandbox.callbacks
    with videodb_sandbox.connect() as conn:
        job = conn.get_collection().generate_video(
            "A lighthouse at dawn", callback_url=inbox.url_for("lighthouse"), wait=False
        )
        video = job.wait()
    delivery = inbox.wait_for("lighthouse")
    assert delivery.key == "lighthouse"
    assert delivery.headers["content-type"] == "application/json"
    assert delivery.accepted
    assert delivery.status == 200
    parsed = parse_callback(delivery.body)
    assert isinstance(parsed, VideoInfo)
    assert parsed.id == video.id
    assert inbox.wait_for(video.id) == delivery  # the result's id matches too


def test_a_refused_delivery_is_delivered_again(videodb_sandbox: SandboxServer) -> None:
    inbox = videodb_sandbox.callbacks
    inbox.respond(500, times=2, key="retried")
    with videodb_sandbox.connect() as conn:
        video = conn.get_collection().generate_video(
            "A lighthouse at dawn", callback_url=inbox.url_for("retried")
        )
    taken = inbox.wait_for("retried")
    attempts = inbox.deliveries_for("retried")
    assert [attempt.status for attempt in attempts] == [500, 500, 200]
    assert attempts[-1] == taken
    assert attempts[0].received_at < attempts[1].received_at < taken.received_at
    assert {attempt.body for attempt in attempts} == {taken.body}  # the same result each time

    dedup = CallbackDedup()
    handled = [parse_callback(a.body) for a in attempts if not dedup.seen(video.id)]
    assert handled == [parse_callback(taken.body)]


def test_a_failed_job_delivers_its_failure(videodb_sandbox: SandboxServer) -> None:
    inbox = videodb_sandbox.callbacks
    with videodb_sandbox.connect(fault="fail") as conn:
        conn.get_collection().generate_video(
            "A lighthouse at dawn", callback_url=inbox.url_for("failing"), wait=False
        )
    delivery = inbox.wait_for("failing")
    with pytest.raises(GenerationFailedError, match="failing") as caught:
        parse_callback(delivery.body, job_id="failing")
    assert caught.value.job_id == "failing"


@pytest.mark.videodb_sandbox(job_seconds=0, callback_backoff=0.05, callback_timeout=0.3)
def test_an_answer_slower_than_the_sandbox_waits_is_delivered_again(
    videodb_sandbox: SandboxServer,
) -> None:
    inbox = videodb_sandbox.callbacks
    inbox.respond(200, delay=2.0, key="slow")  # past the sandbox's --callback-timeout
    with videodb_sandbox.connect() as conn:
        conn.get_collection().generate_video("A lighthouse", callback_url=inbox.url_for("slow"))
    again = inbox.wait_for(lambda delivery: delivery.key == "slow" and delivery.delay == 0)
    first, *_ = inbox.deliveries_for("slow")
    assert (first.delay, first.status) == (2.0, 200)
    assert first.body == again.body
    assert first.received_at < again.received_at


def test_wait_for_names_what_it_waited_for_and_what_arrived() -> None:
    with CallbackInbox() as inbox:
        inbox.respond(503, times=None)
        status, answer = _post(inbox.url_for("other"), b'{"success": true, "data": {"id": "m-9"}}')
        assert (status, answer) == (503, {"success": False})
        with pytest.raises(CallbackNotReceived) as caught:
            inbox.wait_for("mine", timeout=0.05)
        message = str(caught.value)
        assert "no accepted callback matching 'mine' within 0.05 s" in message
        assert "1 arrived:" in message
        assert "key='other', data.id='m-9', answered 503" in message
        # not accepted, but there: an attempt can be waited for too
        assert inbox.wait_for("m-9", accepted=False).status == 503

        def is_audio(delivery: object) -> bool:
            return False

        with pytest.raises(CallbackNotReceived, match="matching is_audio"):
            inbox.wait_for(is_audio, timeout=0)
        with pytest.raises(CallbackNotReceived, match="a callback carries no job id: pass url_for"):
            inbox.wait_for("job-123", timeout=0)


def test_answers_are_used_up_in_order_and_clear_forgets_everything() -> None:
    with CallbackInbox() as inbox:
        inbox.respond(500)
        inbox.respond(204, times=1)
        statuses = [_post(inbox.url, b"{}")[0] for _ in range(3)]
        assert statuses == [500, 204, 200]
        assert [d.key for d in inbox.deliveries] == [None, None, None]
        assert inbox.deliveries[0].json() == {}
        assert inbox.deliveries[0].result_id() is None
        inbox.respond(500, times=None)
        inbox.clear()
        assert inbox.deliveries == []
        assert _post(inbox.url, b"not json")[0] == 200
        assert inbox.deliveries[0].result_id() is None
        assert "deliveries=1" in repr(inbox)


def test_a_delayed_answer_comes_after_the_delay() -> None:
    with CallbackInbox() as inbox:
        inbox.respond(200, delay=0.2)
        status, _ = _post(inbox.url, b"{}")
        assert status == 200
        assert inbox.wait_for(lambda d: d.key is None).accepted


def test_what_the_inbox_refuses_gets_a_json_error() -> None:
    with CallbackInbox() as inbox:
        status, answer = _post(inbox.url, b"", method="GET")
        assert (status, answer) == (
            405,
            {"success": False, "message": "the inbox takes POST, not GET"},
        )
        big = str(MAX_BODY_BYTES + 1)
        status, answer = _post(inbox.url, b"{}", **{"Content-Length": big})
        assert status == 413
        assert inbox.deliveries == []
        with pytest.raises(CallbackNotReceived, match="refused POST /callbacks"):
            inbox.wait_for("anything", timeout=0)


def test_a_post_without_a_length_is_refused() -> None:
    with CallbackInbox() as inbox:
        parts = urllib.parse.urlsplit(inbox.url)
        connection = http.client.HTTPConnection(parts.netloc, timeout=10)
        try:
            connection.putrequest("POST", parts.path)
            connection.putheader("Transfer-Encoding", "chunked")
            connection.endheaders()
            connection.send(b"0\r\n\r\n")
            assert connection.getresponse().status == 411
        finally:
            connection.close()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda inbox: inbox.respond(100), "status must be an HTTP status"),
        (lambda inbox: inbox.respond(True), "status must be an HTTP status"),
        (lambda inbox: inbox.respond(500, times=0), "times must be a positive int"),
        (lambda inbox: inbox.respond(500, delay=61), "delay must be from 0 to 60"),
        (lambda inbox: inbox.url_for(""), "key must be a non-empty string"),
        (lambda inbox: inbox.wait_for(""), "match must be a key"),
        (lambda inbox: inbox.wait_for("k", timeout=float("nan")), "timeout must be a number"),
        (lambda inbox: inbox.wait_for("k", timeout=-1), "timeout must be a number"),
    ],
)
def test_bad_arguments_are_refused_naming_the_argument(call: object, message: str) -> None:
    with CallbackInbox() as inbox, pytest.raises(ValueError, match=message):
        call(inbox)  # type: ignore[operator]


@pytest.mark.videodb_sandbox(job_seconds=0, callback_backoff=0.05)
def test_a_marked_sandbox_has_an_inbox_of_its_own(
    videodb_sandbox: SandboxServer, videodb_sandbox_session: SandboxServer
) -> None:
    own = videodb_sandbox.callbacks
    assert own is not videodb_sandbox_session.callbacks
    assert own is videodb_sandbox.callbacks  # started once
    with videodb_sandbox.connect() as conn:
        conn.get_collection().generate_image("A lighthouse", callback_url=own.url)
    image = parse_callback(own.wait_for(lambda delivery: delivery.key is None).body)
    assert isinstance(image, videodb_gen.ImageInfo)


USER_TESTS = """
import urllib.request
from pathlib import Path


def _post(url):
    request = urllib.request.Request(url, data=b"{}", method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_first_sets_answers(videodb_sandbox):
    videodb_sandbox.callbacks.respond(500, times=None)
    assert _post(videodb_sandbox.callbacks.url) == 500
    Path(__file__).with_name("inbox.txt").write_text(videodb_sandbox.callbacks.url)


def test_next_finds_the_inbox_empty(videodb_sandbox):
    assert videodb_sandbox.callbacks.url == Path(__file__).with_name("inbox.txt").read_text()
    assert videodb_sandbox.callbacks.deliveries == []
    assert _post(videodb_sandbox.callbacks.url) == 200
"""


def test_the_session_inbox_is_emptied_between_tests_and_stopped_after(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
    url = (pytester.path / "inbox.txt").read_text()
    with pytest.raises(ConnectionRefusedError):  # nothing listens there any more
        _post(url, b"{}")
