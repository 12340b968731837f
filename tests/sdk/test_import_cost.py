"""What ``import videodb_gen`` loads: no generated endpoint, no async twin, no asset, and only
the generated models it reads at once; every operation's module and models still resolve."""

from __future__ import annotations

import importlib
import subprocess
import sys
from types import ModuleType

import pytest
from videodb_gen import _composition_operations, _operations
from videodb_gen._operations import Operation

TABLE = [
    value
    for module in (_operations, _composition_operations)
    for value in vars(module).values()
    if isinstance(value, Operation)
]


def _loaded_after_import() -> list[str]:
    code = "import sys, videodb_gen; print('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run(  # noqa: S603 - the test suite's own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_importing_the_sdk_loads_no_endpoint_async_twin_or_asset() -> None:
    loaded = _loaded_after_import()
    assert [m for m in loaded if m.startswith("videodb_api.api.")] == []
    assert [m for m in loaded if m.startswith(("videodb_gen._async", "videodb_gen.asset"))] == []
    models = [m for m in loaded if m.startswith("videodb_api.models.")]
    # The Literal aliases the SDK re-exports (AspectRatio, TextResponseType), nothing more.
    assert len(models) <= 2, models


@pytest.mark.parametrize("op", TABLE, ids=lambda op: op.endpoint_name.rsplit(".", 1)[-1])
def test_every_operation_s_module_and_models_resolve(op: Operation[object]) -> None:
    assert isinstance(op.endpoint, ModuleType)
    assert callable(op.endpoint.sync_detailed)
    assert callable(op.endpoint.asyncio_detailed)
    assert op.answer
    assert all(isinstance(model, type) for model in op.answer)
    assert op.body is None or hasattr(op.body, "to_dict")


def test_the_names_the_sdk_re_exports_are_still_there() -> None:
    import videodb_gen

    for name in ("AsyncConnection", "connect_async", "AsyncVideo", "TextStyle"):
        home = importlib.import_module(videodb_gen._LAZY[name], "videodb_gen")
        assert getattr(videodb_gen, name) is getattr(home, name)
    assert set(videodb_gen.__all__) <= set(dir(videodb_gen)) | set(videodb_gen._LAZY)
