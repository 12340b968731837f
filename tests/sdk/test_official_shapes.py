"""The generation methods take the official client's (0.5.1) arguments, names and order, read
from the installed official package; a keyword no method takes is Python's own TypeError,
naming the public method."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import videodb_gen
from videodb.collection import Collection as OfficialCollection
from videodb.video import Video as OfficialVideo
from videodb_gen._results import JobState

from .conftest import KEY, collection_of

METHODS = [
    "generate_video",
    "generate_image",
    "generate_text",
    "generate_music",
    "generate_sound_effect",
    "generate_voice",
    "dub_video",
]
VIDEO_METHODS = ["generate_stream", "generate_thumbnail", "download", "play", "get_embed_code"]
#: Where ours knowingly differ from 0.5.1, and why (the README says so too).
OUR_DEFAULTS = {
    # `wait` means "wait for the result" here, and is True by default (see the README).
    "wait": True,
    # None: poll adaptively, and wait for the connection's wait_timeout (600 s by default).
    "poll_interval": None,
    "timeout": None,
}


def _positional(fn: Any) -> list[inspect.Parameter]:
    params = list(inspect.signature(fn).parameters.values())[1:]  # without self
    return [p for p in params if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]


def _default(param: inspect.Parameter) -> object:
    if param.name in OUR_DEFAULTS:
        return OUR_DEFAULTS[param.name]
    if param.default == {}:  # a mutable default there; None here, which sends the same
        return None
    return param.default


@pytest.mark.parametrize("cls", [videodb_gen.Collection, videodb_gen.AsyncCollection])
@pytest.mark.parametrize("name", METHODS)
def test_every_generation_method_takes_the_official_arguments_in_order(
    cls: type, name: str
) -> None:
    official = _positional(getattr(OfficialCollection, name))
    ours = _positional(getattr(cls, name))
    assert [p.name for p in ours] == [p.name for p in official]
    for mine, theirs in zip(ours, official, strict=True):
        assert mine.default == _default(theirs), (name, mine.name)


@pytest.mark.parametrize("cls", [videodb_gen.Video, videodb_gen.AsyncVideo])
@pytest.mark.parametrize("name", VIDEO_METHODS)
def test_a_video_has_the_official_video_calls(cls: type, name: str) -> None:
    official = _positional(getattr(OfficialVideo, name))
    ours = _positional(getattr(cls, name))
    assert [(p.name, p.default) for p in ours] == [(p.name, p.default) for p in official]


@pytest.mark.parametrize(
    ("call", "method", "argument"),
    [
        (lambda c: c.generate_video("x", durration=6), "generate_video", "durration"),
        (lambda c: c.generate_image("x", aspect="1:1"), "generate_image", "aspect"),
        (lambda c: c.generate_text("x", model="pro"), "generate_text", "model"),
        (lambda c: c.generate_voice("x", voice="Bob"), "generate_voice", "voice"),
        (lambda c: c.dub_video("m-1", "es", on_progres=print), "dub_video", "on_progres"),
    ],
)
def test_a_stray_keyword_is_a_type_error_naming_the_public_method(
    call: Any, method: str, argument: str
) -> None:
    with (
        videodb_gen.connect(api_key=KEY, base_url="http://127.0.0.1:9") as conn,
        pytest.raises(TypeError) as info,
    ):
        call(collection_of(conn))
    message = str(info.value)
    assert f"Collection.{method}() got an unexpected keyword argument '{argument}'" in message
    assert "Waiting" not in message


def test_a_job_s_wait_names_itself_too() -> None:
    with videodb_gen.connect(api_key=KEY, base_url="http://127.0.0.1:9") as conn:
        job: videodb_gen.GenerationJob[Any] = conn._engine.job(
            JobState(id="job-1", status="done"), None
        )
        with pytest.raises(TypeError, match=r"GenerationJob.wait\(\) got an unexpected keyword"):
            job.wait(time_out=5)  # type: ignore[call-arg]
