"""The generation methods take the official client's (0.5.1) arguments, names and order, read
from the installed official package; a keyword no method takes is Python's own TypeError,
naming the public method."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import videodb.asset as official_asset
import videodb.editor as official_editor
import videodb.timeline as official_timeline
import videodb_gen
from videodb._constants import TextStyle as OfficialTextStyle
from videodb.collection import Collection as OfficialCollection
from videodb.video import Video as OfficialVideo
from videodb_gen import asset, editor, timeline
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


#: Our composition classes and the official ones they stand for.
COMPOSITION_CLASSES = [
    (asset.VideoAsset, official_asset.VideoAsset),
    (asset.AudioAsset, official_asset.AudioAsset),
    (asset.ImageAsset, official_asset.ImageAsset),
    (asset.TextAsset, official_asset.TextAsset),
    (asset.MediaAsset, official_asset.MediaAsset),
    (asset.TextStyle, OfficialTextStyle),
    *(
        (getattr(editor, name), getattr(official_editor, name))
        for name in [
            "Offset",
            "Crop",
            "Transition",
            "VideoAsset",
            "ImageAsset",
            "AudioAsset",
            "Font",
            "Border",
            "Shadow",
            "Background",
            "Alignment",
            "TextAsset",
            "Clip",
            "TrackItem",
            "Track",
        ]
    ),
]


def _same_default(mine: object, theirs: object) -> bool:
    if isinstance(mine, asset.TextStyle):  # a value of the class it stands for
        return mine.to_json() == theirs.__dict__
    return mine == theirs


@pytest.mark.parametrize(
    ("ours", "official"), COMPOSITION_CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}"
)
def test_a_composition_value_takes_the_official_arguments_in_order(
    ours: Any, official: Any
) -> None:
    theirs = _positional(official.__init__)
    mine = _positional(ours.__init__)
    assert [p.name for p in mine] == [p.name for p in theirs]
    for a, b in zip(mine, theirs, strict=True):
        assert _same_default(a.default, b.default), (ours.__name__, a.name)


@pytest.mark.parametrize(
    ("ours", "official"),
    [
        (timeline.Timeline, official_timeline.Timeline),
        (timeline.AsyncTimeline, official_timeline.Timeline),
        (editor.Timeline, official_editor.Timeline),
        (editor.AsyncTimeline, official_editor.Timeline),
    ],
    ids=lambda c: f"{c.__module__}.{c.__name__}",
)
def test_a_timeline_has_the_official_calls(ours: type, official: type) -> None:
    public = {name for name in vars(official) if not name.startswith("_")}
    assert public <= set(dir(ours))
    for name in [*public, "__init__"]:
        theirs = getattr(official, name)
        if not callable(theirs):
            continue
        mine = _positional(getattr(ours, name))
        assert [(p.name, p.default) for p in mine] == [
            (p.name, p.default) for p in _positional(theirs)
        ], name


def test_the_editor_has_the_official_enums_with_their_members() -> None:
    for name in [
        "AssetType",
        "Fit",
        "Position",
        "Filter",
        "TextAlignment",
        "HorizontalAlignment",
        "VerticalAlignment",
    ]:
        ours, theirs = getattr(editor, name), getattr(official_editor, name)
        assert [m.name for m in ours] == [m.name for m in theirs], name


def test_the_top_level_names_only_what_the_official_does() -> None:
    import videodb

    assert "TextStyle" in videodb.__dict__
    assert videodb_gen.TextStyle is asset.TextStyle
    for name in ("Timeline", "VideoAsset", "Track", "Clip"):
        assert name not in videodb.__dict__
        assert name not in videodb_gen.__all__
