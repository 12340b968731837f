"""The README's tables say what the spec and the SDK are: every operation, and every kind of
id the API can send wrong."""

from __future__ import annotations

import importlib
import re

import yaml

from tests._servers import ROOT, SPEC

README = (ROOT / "README.md").read_text()


def _section(heading: str) -> str:
    return README.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def test_the_operations_table_is_the_spec_s() -> None:
    spec = yaml.safe_load(SPEC.read_text())
    expected = {
        operation["operationId"]: (f"{method.upper()} {path}", bool(operation.get("x-billable")))
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    }
    section = _section("## The spec, the generator and the client")
    rows = re.findall(
        r"^\| `(\w+)` \| `(\w+ [^`?]+)[^`]*` \| `([\w.]+)` \| (yes|—) \|$", section, re.M
    )
    table = {op: (request, billable == "yes") for op, request, _, billable in rows}
    assert table == expected
    assert f"It describes {len(expected)} operations" in " ".join(section.split())
    for _, _, function, _ in rows:
        module, _, name = function.rpartition(".")
        assert hasattr(importlib.import_module(f"{module}.{name}"), "sync_detailed"), function


def test_the_errors_table_names_every_kind_of_id() -> None:
    errors = _section("### Errors")
    for name in ("InvalidVideoIdError", "InvalidImageIdError", "InvalidAudioIdError"):
        assert f"`{name}`" in errors
    retried = next(
        line for line in errors.splitlines() if line.startswith("| `InternalServerError`")
    )
    assert "generate_video` only" not in retried  # every generation, not only video's


def test_it_says_how_to_install_until_the_package_is_published() -> None:
    commands = [
        line.strip()
        for block in re.findall(r"```(?:sh|yaml)\n(.*?)```", README, re.DOTALL)
        for line in block.splitlines()
    ]
    # No command installs a name that no index publishes yet.
    assert not [c for c in commands if re.search(r"pip install '?videodb-gen\b", c)], commands
    for way in ("pip install .", "pip install '.[sandbox]'", "python -m build"):
        assert any(command.startswith(way) for command in commands), way
    assert "dist/videodb_gen-*.whl" in README


def test_it_says_where_the_command_comes_from_and_where_to_run_it() -> None:
    section = " ".join(_section("## The command line").split())
    assert "source .venv/bin/activate" in section
    assert ".venv/bin/videodb-gen" in section
    assert "from the clone's root" in section
