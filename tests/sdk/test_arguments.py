"""Inputs are checked before any network call, with errors naming the field and the rule."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
import respx
import videodb_gen
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from videodb_gen import AspectRatio, InvalidInputError
from videodb_gen._arguments import (
    Check,
    check_callback_url,
    check_id,
    check_language_code,
    check_max_tokens,
    check_optional_temperature,
    check_prompt,
    check_text_prompt,
    one_of,
)
from videodb_gen._arguments import check_video_duration as check_duration

from .conftest import FakeClock, collection_of, job_of

ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.binary(),
    st.lists(st.integers(), max_size=2),
)


def _accepts_exactly(check: Check, value: Any, ok: bool) -> InvalidInputError | None:
    """`check` returns `value` when `ok`, else refuses it naming the field; the refusal."""
    if ok:
        assert check("field", value) == value
        return None
    with pytest.raises(InvalidInputError) as info:
        check("field", value)
    assert info.value.field == "field"
    return info.value


@given(ANYTHING)
def test_duration_accepts_exactly_the_ints_from_5_to_8(value: Any) -> None:
    refused = _accepts_exactly(check_duration, value, type(value) is int and 5 <= value <= 8)
    if refused is not None:
        assert "5" in refused.rule
        assert "8" in refused.rule


def _sendable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@given(ANYTHING)
def test_prompt_accepts_exactly_non_blank_strings(value: Any) -> None:
    ok = isinstance(value, str) and bool(value.strip()) and _sendable(value)
    _accepts_exactly(check_prompt, value, ok)


@given(st.one_of(ANYTHING, st.text(alphabet="/?#ab-. \n\x00\ud800é", min_size=0, max_size=6)))
def test_ids_are_one_printable_path_segment(value: Any) -> None:
    ok = (
        isinstance(value, str)
        and value not in ("", ".", "..")
        and _sendable(value)
        and all(c.isprintable() and not c.isspace() for c in value)
        and not any(c in value for c in "/?#")
    )
    _accepts_exactly(check_id, value, ok)


@given(
    st.sampled_from(["http", "https", "HTTPS", "ftp", "file", ""]),
    st.sampled_from(["example.com", "127.0.0.1:8080", "", "a b.com", "h:99999"]),
    st.sampled_from(["", "/hook", "/a?b=1"]),
)
def test_callback_url_must_be_absolute_http(scheme: str, host: str, path: str) -> None:
    url = f"{scheme}://{host}{path}" if scheme else f"{host}{path}"
    ok = scheme.lower() in ("http", "https") and host in ("example.com", "127.0.0.1:8080")
    if ok:
        assert check_callback_url("callback_url", url) == url
    else:
        with pytest.raises(InvalidInputError) as info:
            check_callback_url("callback_url", url)
        assert info.value.field == "callback_url"


def test_callback_url_none_and_non_strings() -> None:
    assert check_callback_url("callback_url", None) is None
    with pytest.raises(InvalidInputError, match="callback_url"):
        check_callback_url("callback_url", b"https://example.com")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"prompt": ""}, "prompt"),
        ({"prompt": "   "}, "prompt"),
        ({"prompt": None}, "prompt"),
        ({"prompt": "p", "duration": 4}, "duration"),
        ({"prompt": "p", "duration": 9}, "duration"),
        ({"prompt": "p", "duration": 6.0}, "duration"),
        ({"prompt": "p", "duration": "6"}, "duration"),
        ({"prompt": "p", "duration": True}, "duration"),
        ({"prompt": "p", "callback_url": "example.com/hook"}, "callback_url"),
        ({"prompt": "p", "callback_url": "ftp://example.com"}, "callback_url"),
        ({"prompt": "p", "timeout": 0}, "timeout"),
        ({"prompt": "p", "poll_interval": -1}, "poll_interval"),
    ],
)
def test_generate_video_checks_before_any_request(
    kwargs: dict[str, Any], field: str, clock: FakeClock
) -> None:
    with respx.mock(assert_all_mocked=True, assert_all_called=False) as router:
        route = router.route().respond(500)
        conn = videodb_gen.connect(api_key="sk-x")
        coll = collection_of(conn)
        with pytest.raises(InvalidInputError) as info:
            coll.generate_video(**kwargs)
        assert info.value.field == field
        assert str(info.value).startswith(f"{field}: ")
        assert not route.called


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=30)
@given(st.text(alphabet="/?#", min_size=1, max_size=3))
def test_connection_methods_check_ids_before_any_request(bad: str) -> None:
    with respx.mock(assert_all_called=False) as router:
        route = router.route().respond(500)
        conn = videodb_gen.connect(api_key="sk-x")
        for call in (
            lambda: conn.get_collection(bad),
            lambda: conn.get_video(bad),
            lambda: conn.get_video("m-1", collection_id=bad),
            lambda: conn.get_job(bad),
            lambda: conn.get_job(""),
            lambda: collection_of(conn, bad).generate_video("p"),
        ):
            with pytest.raises(InvalidInputError):
                call()
        assert not route.called


async def test_async_checks_before_any_request() -> None:
    with respx.mock(assert_all_called=False) as router:
        route = router.route().respond(500)
        conn = videodb_gen.connect_async(api_key="sk-x")
        coll = collection_of(conn)
        with pytest.raises(InvalidInputError, match="duration"):
            await coll.generate_video("p", duration=10)
        with pytest.raises(InvalidInputError, match="job_id"):
            await conn.get_job("a/b")
        with pytest.raises(InvalidInputError, match="timeout"):
            await job_of(conn, "j").wait(timeout=-1)
        assert not route.called
        await conn.close()


def test_invalid_input_error_is_a_value_error() -> None:
    err = InvalidInputError("duration", "must be from 5 to 8 seconds, got 9")
    assert isinstance(err, ValueError)
    assert isinstance(err, videodb_gen.VideoDBError)
    assert str(err) == "duration: must be from 5 to 8 seconds, got 9"


def test_long_values_are_shortened_in_messages() -> None:
    with pytest.raises(InvalidInputError) as info:
        check_duration("duration", "9" * 500)
    assert len(str(info.value)) < 150
    assert str(info.value).endswith("...9999999999999' (str)")


@given(ANYTHING)
def test_max_tokens_accepts_exactly_positive_ints_or_none(value: Any) -> None:
    ok = value is None or (type(value) is int and value >= 1)
    _accepts_exactly(check_max_tokens, value, ok)


@given(st.one_of(ANYTHING, st.floats(min_value=-0.5, max_value=2.5)))
def test_temperature_accepts_exactly_finite_numbers_from_0_to_2_or_none(value: Any) -> None:
    number = type(value) in (int, float)
    ok = value is None or (number and math.isfinite(value) and 0 <= value <= 2)
    refused = _accepts_exactly(check_optional_temperature, value, ok)
    if refused is not None:
        assert refused.rule.startswith("must be a number from 0 to 2")


RATIOS = ("1:1", "9:16", "16:9", "4:3", "3:4")


@given(st.one_of(ANYTHING, st.sampled_from([*RATIOS, "1:2", " 1:1", "1:1 "])))
def test_aspect_ratio_accepts_exactly_the_five_ratios(value: Any) -> None:
    refused = _accepts_exactly(
        one_of(AspectRatio), value, isinstance(value, str) and value in RATIOS
    )
    if refused is not None:
        assert all(repr(ratio) in refused.rule for ratio in RATIOS)


@pytest.mark.parametrize(
    ("prompt", "ok"),
    [
        ("a" * 256 * 1024, True),
        ("é" * 300 * 1024, True),  # longer than any inline body: it is uploaded
        (" ", False),
        ("", False),
        ("\ud800", False),
    ],
    ids=["256-kb", "600-kb", "blank", "empty", "lone-surrogate"],
)
def test_a_text_prompt_has_no_upper_bound_but_must_be_text(prompt: str, ok: bool) -> None:
    _accepts_exactly(check_text_prompt, prompt, ok)


@given(
    st.one_of(
        ANYTHING, st.from_regex(r"\A[a-zA-Z_\-]{1,7}\Z"), st.sampled_from(["es", "en_us", "EN"])
    )
)
def test_language_code_accepts_exactly_iso_639_1_with_an_optional_region(value: Any) -> None:
    ok = isinstance(value, str) and re.fullmatch(r"[a-z]{2}(_[a-z]{2})?", value) is not None
    refused = _accepts_exactly(check_language_code, value, ok)
    if refused is not None:
        assert "ISO 639-1" in refused.rule
