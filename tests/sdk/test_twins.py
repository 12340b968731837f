"""The sync and async twins keep identical signatures, method for method."""

from __future__ import annotations

import importlib.util
import inspect
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import videodb_gen
from videodb_gen import editor, timeline

ROOT = Path(__file__).resolve().parents[2]

EXPECTED = {
    "Connection": {"__init__", "get_collection", "get_video", "get_job", "with_options", "close"},
    "Collection": {"generate_video", "get_video"},
    "GenerationJob": {"refresh", "wait"},
    "Video": {"generate_stream", "generate_thumbnail", "download", "play", "get_embed_code"},
    "Image": {"generate_url"},
    "Audio": {"generate_url"},
}
PAIRS = [
    (videodb_gen.Connection, videodb_gen.AsyncConnection),
    (videodb_gen.Collection, videodb_gen.AsyncCollection),
    (videodb_gen.GenerationJob, videodb_gen.AsyncGenerationJob),
    (videodb_gen.Video, videodb_gen.AsyncVideo),
    (videodb_gen.Image, videodb_gen.AsyncImage),
    (videodb_gen.Audio, videodb_gen.AsyncAudio),
]
#: Methods that do no I/O, so the async twin's are plain functions too.
NO_IO = {"__init__", "with_options", "play", "get_embed_code"}


def _normalise(annotation: Any) -> str:
    """An annotation with the async twin's names mapped onto the sync ones."""
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return re.sub(r"\bAsync(?=[A-Z])", "", text).replace("._async.", "._sync.")


def _shape(fn: Callable[..., Any]) -> list[tuple[str, str, str, str]]:
    signature = inspect.signature(fn)
    params = [
        (p.name, str(p.kind), repr(p.default), _normalise(p.annotation))
        for p in signature.parameters.values()
    ]
    return [*params, ("return", "", "", _normalise(signature.return_annotation))]


def _public_methods(cls: type) -> dict[str, Callable[..., Any]]:
    return {
        name: member
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_") or name == "__init__"
    }


@pytest.mark.parametrize(("sync", "async_"), PAIRS, ids=lambda c: c.__name__)
def test_twin_classes_have_the_same_public_methods_and_signatures(sync: type, async_: type) -> None:
    sync_methods = _public_methods(sync)
    async_methods = _public_methods(async_)
    assert sorted(sync_methods) == sorted(async_methods)
    assert set(sync_methods) >= EXPECTED[sync.__name__]
    for name, method in sync_methods.items():
        twin = async_methods[name]
        if twin is method:  # inherited by both from the shared data class
            continue
        assert _shape(method) == _shape(twin), name
        if name not in NO_IO:
            assert inspect.iscoroutinefunction(twin), name
            assert not inspect.iscoroutinefunction(method), name


def test_twin_properties_match() -> None:
    for sync, async_ in PAIRS:
        props = {n for n, m in inspect.getmembers(sync) if isinstance(m, property)}
        twin_props = {n for n, m in inspect.getmembers(async_) if isinstance(m, property)}
        assert props == twin_props


def test_connect_twins() -> None:
    assert _shape(videodb_gen.connect) == _shape(videodb_gen.connect_async)
    assert _shape(videodb_gen.connect)[:-1] == _shape(videodb_gen.Connection.__init__)[1:-1]


def test_the_normaliser_is_not_blind() -> None:
    def one(a: int, *, b: str = "x") -> None: ...

    def other(a: int, *, b: str = "y") -> None: ...

    assert _shape(one) != _shape(other)
    assert _normalise("AsyncGenerationJob | None") == "GenerationJob | None"


def _unasync_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("unasync", ROOT / "scripts" / "unasync.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sync_twin_is_generated_from_the_async_source() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/unasync.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_twin_check_notices_a_stale_twin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unasync = _unasync_script()
    source, twin = tmp_path / "_async", tmp_path / "_sync"
    source.mkdir()
    (source / "_mod.py").write_text(
        "# source\n"
        '"""A module."""\n\n\n'
        "async def get(conn: AsyncConnection) -> None:\n"
        "    await conn.aclose()\n"
    )
    monkeypatch.setattr(unasync, "SOURCE", source)
    monkeypatch.setattr(unasync, "TWIN", twin)
    assert unasync.main(["--check"]) == 1  # no twin yet
    assert unasync.main([]) == 0
    written = (twin / "_mod.py").read_text()
    assert "def get(conn: Connection) -> None:\n    conn.close()" in written
    assert "do not edit" in written.splitlines()[0]
    assert unasync.main(["--check"]) == 0
    (twin / "_mod.py").write_text(written.replace("conn.close()", "conn.close(1)"))
    assert unasync.main(["--check"]) == 1  # edited by hand
    (twin / "_extra.py").write_text("")
    assert unasync.main([]) == 0
    assert not (twin / "_extra.py").exists()


COMPOSITION_PAIRS = [
    (timeline.Timeline, timeline.AsyncTimeline),
    (editor.Timeline, editor.AsyncTimeline),
]
COMPOSITION_EXPECTED: dict[type, set[str]] = {
    timeline.Timeline: {"add_inline", "add_overlay", "to_json", "generate_stream", "download"},
    editor.Timeline: {"add_track", "to_json", "generate_stream", "download_stream"},
}


@pytest.mark.parametrize(("sync", "async_"), COMPOSITION_PAIRS, ids=lambda c: c.__module__)
def test_the_composition_twins_have_the_same_methods_and_signatures(
    sync: type, async_: type
) -> None:
    sync_methods = _public_methods(sync)
    async_methods = _public_methods(async_)
    assert sorted(sync_methods) == sorted(async_methods)
    assert set(sync_methods) >= COMPOSITION_EXPECTED[sync] | {"get_embed_code", "__init__"}
    for name, method in sync_methods.items():
        twin = async_methods[name]
        if twin is method:  # what the timeline holds: shared by both
            continue
        assert _shape(method) == _shape(twin), name
        if name != "__init__":  # every other call of its own talks to the API
            assert inspect.iscoroutinefunction(twin), name
            assert not inspect.iscoroutinefunction(method), name
    assert sync.__mro__[1] is async_.__mro__[1]  # one shared base
