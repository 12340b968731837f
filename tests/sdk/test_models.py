"""The result classes: frozen, slotted, typed; the m- id rule; length as a float."""

from __future__ import annotations

import math
from decimal import Decimal

import attrs
import pytest
import videodb_gen
from hypothesis import given
from hypothesis import strategies as st
from videodb_gen import InvalidVideoIdError, VideoInfo
from videodb_gen._results import JobState, to_length

from .conftest import KEY, VIDEO, collection_of, job_of


def test_results_are_frozen_and_slotted() -> None:
    video = VideoInfo(**VIDEO)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        video.id = "m-2"  # type: ignore[misc]
    for cls in (
        VideoInfo,
        videodb_gen.Video,
        videodb_gen.AsyncVideo,
        videodb_gen.TextResult,
        videodb_gen.DownloadResult,
        videodb_gen.Collection,
        videodb_gen.AsyncCollection,
        videodb_gen.GenerationJob,
        videodb_gen.AsyncGenerationJob,
    ):
        assert "__slots__" in cls.__dict__
        assert attrs.has(cls)


def test_connection_is_excluded_from_eq_and_repr() -> None:
    one = videodb_gen.connect(api_key=KEY)
    two = videodb_gen.connect(api_key=KEY, base_url="http://other.test")
    a = collection_of(one)
    b = collection_of(two)
    assert a == b
    assert repr(a) == (
        "Collection(id='default', name=None, description=None, is_public=None, owner=None, "
        "created_at=None)"
    )
    job = job_of(one, "job-1", started_at=1.0)
    assert job == job_of(two, "job-1")
    assert "conn" not in repr(job)
    assert "started_at" not in repr(job)
    one.close()
    two.close()


@pytest.mark.parametrize("bad", ["", "v-1", "M-1", "job-1", " m-1"])
def test_video_id_must_start_with_m(bad: str) -> None:
    with pytest.raises(InvalidVideoIdError) as info:
        VideoInfo(id=bad, stream_url="https://s/x.m3u8")
    assert info.value.video_id == bad
    assert repr(bad) in str(info.value)


def test_non_string_video_id_is_named() -> None:
    with pytest.raises(InvalidVideoIdError, match="123"):
        VideoInfo(id=123, stream_url="s")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "expected"), [(6, 6.0), (6.5, 6.5), ("6.0", 6.0), ("12", 12.0), (None, None)]
)
def test_length_is_a_float_from_number_or_numeric_string(
    raw: float | str | None, expected: float | None
) -> None:
    video = VideoInfo(id="m-1", stream_url="s", length=raw)
    assert video.length == expected
    if expected is not None:
        assert type(video.length) is float


@pytest.mark.parametrize("bad", ["six", "", "nan", "inf", "-1", -0.5, True, [6]])
def test_length_rejects_what_is_not_a_length(bad: object) -> None:
    with pytest.raises(ValueError, match="length"):
        to_length(bad)  # type: ignore[arg-type]


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False))
def test_length_round_trips_every_non_negative_number(seconds: float) -> None:
    assert to_length(seconds) == seconds
    exact = format(Decimal(seconds), "f")  # the spec's form of a string: digits[.digits]
    assert to_length(exact) == seconds
    assert math.isfinite(to_length(str(int(seconds))) or 0.0)
    if "e" in repr(seconds):  # an exponent is not the spec's form
        with pytest.raises(ValueError, match="length"):
            to_length(repr(seconds))


def test_job_state_result() -> None:
    running: JobState[VideoInfo] = JobState(id="job-1", status="processing", percentage=5)
    assert running.outcome() is None
    assert not running.finished
    video = VideoInfo(id="m-1", stream_url="s")
    assert JobState(id="job-1", status="done", result=video).outcome() is video
    failed: JobState[VideoInfo] = JobState(id="job-1", status="failed")
    with pytest.raises(videodb_gen.GenerationFailedError, match="the generation failed"):
        failed.outcome()
