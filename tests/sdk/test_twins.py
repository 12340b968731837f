"""The sync and async twins keep identical signatures, method for method."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import pytest
import videodb_gen

EXPECTED = {
    "Connection": {"__init__", "get_collection", "get_video", "get_job", "with_options", "close"},
    "Collection": {"generate_video", "get_video"},
    "GenerationJob": {"refresh", "wait"},
}
PAIRS = [
    (videodb_gen.Connection, videodb_gen.AsyncConnection),
    (videodb_gen.Collection, videodb_gen.AsyncCollection),
    (videodb_gen.GenerationJob, videodb_gen.AsyncGenerationJob),
]


def _normalise(annotation: Any) -> str:
    """An annotation with the async twin's names mapped onto the sync ones."""
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return re.sub(r"\bAsync(?=[A-Z])", "", text)


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
        assert _shape(method) == _shape(twin), name
        if name not in ("__init__", "with_options"):
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
