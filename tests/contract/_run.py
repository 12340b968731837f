"""One way to run schemathesis for every contract test: the committed schemathesis.toml, every
check, a JUnit report under reports/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests._servers import ROOT, SPEC

REPORTS = ROOT / "reports"


def run_schemathesis(
    base_url: str, api_key: str, *extra: str, report_name: str, hooks: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`st run` against `base_url`; `hooks` names a hooks module (SCHEMATHESIS_HOOKS) or None."""
    REPORTS.mkdir(exist_ok=True)
    env = {**os.environ, "VIDEO_DB_API_KEY": api_key}
    env.pop("SCHEMATHESIS_HOOKS", None)
    if hooks:
        env["SCHEMATHESIS_HOOKS"] = hooks
    st = Path(sys.executable).parent / "st"
    return subprocess.run(  # noqa: S603 - our own command line
        [
            str(st), "run", str(SPEC),
            "--url", base_url,
            "--checks", "all",
            "--report", "junit", "--report-junit-path", str(REPORTS / report_name),
            *extra,
        ],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600, check=False,
    )  # fmt: skip


def assert_no_findings(result: subprocess.CompletedProcess[str]) -> None:
    """The run passed, tested every operation of the spec in every phase and found nothing.

    Warnings (such as "an operation repeatedly returned 404" for ids made up by the fuzzer) are
    shown in the output but are not findings.
    """
    output = result.stdout[-20000:] + result.stderr[-5000:]
    assert result.returncode == 0, output
    assert "Failures:" not in result.stdout, output
    assert "Errors:" not in result.stdout, output
    assert f"Tested: {_operations()}" in result.stdout, output
    for phase in ("Examples", "Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in result.stdout, output


def _operations() -> int:
    """How many operations the spec declares."""
    paths = yaml.safe_load(SPEC.read_text())["paths"]
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    return sum(method in methods for item in paths.values() for method in item)
