"""`parse_callback` reads what the API POSTs to a `callback_url` as the SDK's result types,
with the SDK's id checks, and refuses anything else with `InvalidCallbackError`;
`CallbackDedup` tells a redelivery from a first delivery, in memory or in SQLite."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import videodb_gen
from hypothesis import given
from hypothesis import strategies as st
from videodb_gen import (
    AudioInfo,
    CallbackDedup,
    GenerationFailedError,
    ImageInfo,
    InvalidAudioIdError,
    InvalidCallbackError,
    InvalidImageIdError,
    InvalidInputError,
    InvalidVideoIdError,
    TextResult,
    VideoInfo,
    parse_callback,
)
from videodb_gen._callbacks import MAX_CALLBACK_BYTES
from videodb_gen._results import HostedJobRef

VIDEO = {
    "id": "m-abc",
    "collection_id": "default",
    "name": "A lighthouse",
    "stream_url": "https://stream.example/m-abc.m3u8",
    "length": "6.5",
}


def _body(data: dict[str, Any]) -> bytes:
    return json.dumps({"success": True, "data": data}).encode()


def test_a_video_callback_is_a_video_info_with_its_length_as_a_float() -> None:
    video = parse_callback(_body(VIDEO))
    assert isinstance(video, VideoInfo)
    assert (video.id, video.stream_url, video.length) == ("m-abc", VIDEO["stream_url"], 6.5)


@pytest.mark.parametrize(
    ("data", "kind", "expected"),
    [
        ({"id": "img-1", "width": 512, "height": 512, "url": None}, ImageInfo, "img-1"),
        ({"id": "a-1", "length": 3}, AudioInfo, "a-1"),
        ({"job_id": "hj-1", "job_type": "image"}, HostedJobRef, "hj-1"),
    ],
)
def test_each_kind_of_result_reads_as_its_type(
    data: dict[str, Any], kind: type[Any], expected: str
) -> None:
    made = parse_callback(json.dumps({"success": True, "data": data}))  # a str body
    assert isinstance(made, kind)
    assert getattr(made, "id", getattr(made, "job_id", None)) == expected


def test_a_text_callback_is_a_text_result_from_a_mapping() -> None:
    text = parse_callback({"success": True, "data": {"output": {"tagline": "Dawn"}}})
    assert isinstance(text, TextResult)
    assert text["output"] == {"tagline": "Dawn"}


def test_a_failure_raises_generation_failed_with_the_message_code_and_given_job() -> None:
    body = {"success": False, "message": "the model refused", "error_code": "REFUSED"}
    with pytest.raises(GenerationFailedError) as caught:
        parse_callback(body, job_id="job-7")
    assert (caught.value.message, caught.value.error_code) == ("the model refused", "REFUSED")
    assert str(caught.value) == "generation job job-7 failed: the model refused"
    with pytest.raises(GenerationFailedError, match=r"^generation failed: the model refused$"):
        parse_callback(body)  # a callback names no job


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({**VIDEO, "id": "x-abc"}, InvalidVideoIdError),
        ({"id": "m-1", "width": 3}, InvalidImageIdError),  # no stream_url: not a video
        ({"id": "img-1", "length": 2}, InvalidAudioIdError),
    ],
)
def test_ids_are_checked_as_the_sdk_checks_results(
    data: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        parse_callback(_body(data))


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"\xff\xfe{}", "not UTF-8 (byte 0)"),
        (b"{not json", "not JSON"),
        (b'{"success": true, "data": {"length": NaN}}', "NaN is not JSON"),
        (b"[1, 2]", "expected a JSON object, got list"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"hello": "world"}', "got the keys ['hello']"),
        (b'{"success": false, "message": 5}', "message must be a string"),
        (_body({**VIDEO, "length": -1}), "length must be a finite number"),
        (_body({"output": 5}), "could not be read"),
        (b" " * (MAX_CALLBACK_BYTES + 1), f"over {MAX_CALLBACK_BYTES} bytes"),
    ],
)
def test_a_body_that_is_no_callback_is_refused_saying_why(body: bytes, reason: str) -> None:
    with pytest.raises(InvalidCallbackError) as caught:
        parse_callback(body)
    assert reason in caught.value.reason
    assert str(caught.value).startswith("not a generation callback: ")
    assert isinstance(caught.value, ValueError)  # `except ValueError` catches it too


def test_a_mapping_of_another_shape_is_refused_naming_its_keys() -> None:
    with pytest.raises(InvalidCallbackError, match=r"got the keys \['1', 'b'\]"):
        parse_callback({1: "a", "b": 2})  # type: ignore[dict-item]


def test_max_bytes_bounds_what_is_read_and_other_types_are_refused() -> None:
    with pytest.raises(InvalidCallbackError, match="over 10 bytes"):
        parse_callback(_body(VIDEO), max_bytes=10)
    with pytest.raises(InvalidCallbackError, match="expected bytes, str or a mapping, got int"):
        parse_callback(5)  # type: ignore[arg-type]


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_any_body_ends_in_a_result_or_an_sdk_error(body: bytes | str) -> None:
    errors = (InvalidCallbackError, GenerationFailedError, videodb_gen.InvalidIdError)
    with contextlib.suppress(*errors):
        made = parse_callback(body)
        assert isinstance(made, VideoInfo | ImageInfo | AudioInfo | TextResult | HostedJobRef)


def test_the_names_are_public() -> None:
    for name in ("parse_callback", "CallbackDedup", "CallbackResult", "InvalidCallbackError"):
        assert name in videodb_gen.__all__
        assert getattr(videodb_gen, name) is not None


@pytest.fixture(params=["memory", "sqlite"])
def dedup(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CallbackDedup]:
    with CallbackDedup(None if request.param == "memory" else tmp_path / "seen.sqlite3") as made:
        yield made


def test_seen_is_false_the_first_time_and_true_after(dedup: CallbackDedup) -> None:
    assert "m-1" not in dedup
    assert dedup.seen("m-1") is False
    assert dedup.seen("m-1") is True
    assert dedup.seen("m-2") is False
    assert ("m-1" in dedup, len(dedup), 5 in dedup) == (True, 2, False)


def test_forget_makes_the_next_delivery_new(dedup: CallbackDedup) -> None:
    dedup.seen("m-1")
    dedup.forget("m-1")
    dedup.forget("m-never")
    assert dedup.seen("m-1") is False


@pytest.mark.parametrize("key", ["", None, 3])
def test_a_key_must_be_a_non_empty_string(dedup: CallbackDedup, key: object) -> None:
    with pytest.raises(InvalidInputError, match=r"^key: must be a non-empty string"):
        dedup.seen(key)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        dedup.forget(key)  # type: ignore[arg-type]


def test_of_many_threads_delivering_the_same_key_exactly_one_is_first(
    dedup: CallbackDedup,
) -> None:
    firsts: list[str] = []
    start = threading.Barrier(8)

    def deliver(worker: int) -> None:
        start.wait()
        for n in range(50):
            if not dedup.seen(f"m-{n}"):
                firsts.append(f"m-{n}")

    threads = [threading.Thread(target=deliver, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(firsts) == sorted(f"m-{n}" for n in range(50))
    assert len(dedup) == 50


def test_a_sqlite_dedup_remembers_across_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "seen.sqlite3"
    with CallbackDedup(path) as first:
        assert first.seen("m-1") is False
    with CallbackDedup(str(path)) as again:
        assert again.seen("m-1") is True
        assert len(again) == 1


def test_a_closed_dedup_refuses_use(dedup: CallbackDedup) -> None:
    dedup.close()
    dedup.close()  # twice is fine
    for use in (lambda: dedup.seen("m-1"), lambda: dedup.forget("m-1"), lambda: len(dedup)):
        with pytest.raises(ValueError, match="closed"):
            use()
    with pytest.raises(ValueError, match="closed"):
        assert "m-1" in dedup
