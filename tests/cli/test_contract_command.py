"""`videodb-gen spec` and `videodb-gen contract`: the shipped spec, and schemathesis run with it
against a server, read-only unless asked, with a one-line summary and a JUnit report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml
from videodb_gen.cli._contract import Outcome, operation_count

from tests._servers import SPEC, free_port, running_server
from tests.cli.conftest import Cli, run_videodb_gen
from tests.conftest import SandboxFactory


def test_spec_writes_the_spec_the_sdk_was_generated_from(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "videodb.yaml"
    result = cli("spec", "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_text() == SPEC.read_text()
    printed = cli("spec")
    assert printed.out == SPEC.read_text()


def test_spec_into_a_directory_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("spec", "-o", str(tmp_path))
    assert result.code == 2
    assert "-o/--output" in result.err


def _operation_ids(billable: bool | None = None) -> set[str]:
    """The spec's operationIds: all, or only those `billable` says."""
    return {
        op["operationId"]
        for item in yaml.safe_load(SPEC.read_text())["paths"].values()
        for op in item.values()
        if billable is None or bool(op.get("x-billable")) is billable
    }


def _billable_ids() -> set[str]:
    return _operation_ids(billable=True)


_REPORT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites errors="1" failures="1" skipped="1" tests="{tests}">
  <testsuite name="schemathesis" errors="1" failures="1" skipped="1" tests="{tests}">
    <testcase name="GET /collection/{{collection_id}}" />
    <testcase name="GET /video/{{video_id}}"><failure message="500">boom</failure></testcase>
    <testcase name="GET /image/{{image_id}}"><skipped /></testcase>
    <testcase name="GET /audio/{{audio_id}}" />
    {stateful}
  </testsuite>
</testsuites>
"""


@pytest.mark.parametrize(
    ("stateful", "phase", "findings"),
    [
        ('<testcase name="Stateful tests" />', "passed", True),
        ('<testcase name="Stateful tests"><error message="x">x</error></testcase>', "failed", True),
        ("", "not run", True),
    ],
)
def test_the_summary_counts_operations_not_the_stateful_phase(
    tmp_path: Path, stateful: str, phase: str, findings: bool
) -> None:
    report = tmp_path / "r.xml"
    report.write_text(_REPORT.format(tests=5, stateful=stateful))
    outcome = Outcome.read(report)
    assert (outcome.tested, outcome.failed, outcome.stateful) == (3, 1, phase)
    assert outcome.findings is findings
    assert outcome.summary(12) == f"3 of 12 operations tested, 1 failed, stateful phase {phase}"


def test_a_clean_report_has_no_findings_and_an_unreadable_one_has(tmp_path: Path) -> None:
    report = tmp_path / "r.xml"
    report.write_text(
        '<testsuite tests="2"><testcase name="GET /x" /><testcase name="Stateful tests" />'
        "</testsuite>"
    )
    assert not Outcome.read(report).findings
    assert (
        Outcome.read(report).summary(1)
        == "1 of 1 operations tested, 0 failed, stateful phase passed"
    )
    report.write_text("<testsuite")
    assert Outcome.read(report).findings
    assert Outcome.read(tmp_path / "missing.xml").summary(1) == "the report could not be read"


def test_operation_count_is_the_spec_s(tmp_path: Path) -> None:
    assert operation_count(yaml.safe_load(SPEC.read_text())) == len(_operation_ids()) == 22


def _report_names(report: Path) -> set[str]:
    tree = ElementTree.parse(report)  # noqa: S314 - schemathesis' report of our own run
    return {case.get("name", "") for case in tree.iter("testcase")}


@pytest.mark.contract
def test_a_read_only_run_against_the_sandbox_finds_nothing_and_starts_nothing(
    start_sandbox: SandboxFactory, api_key: str, tmp_path: Path
) -> None:
    url = start_sandbox("--api-key", api_key)
    report = tmp_path / "contract.xml"
    result = run_videodb_gen(
        "contract", "--base-url", url, "--api-key", api_key, "--junit", str(report), timeout=600
    )
    assert result.code == 0, result.out[-5000:] + result.err[-2000:]
    summary = result.out.strip().splitlines()[-1]
    read_only = _operation_ids() - _billable_ids()
    assert summary.startswith(
        f"contract: no findings: {len(read_only)} of {len(read_only)} operations tested, "
        "0 failed, stateful phase passed (read-only, 5 billable left out); "
    ), summary
    assert f"server: {url};" in summary
    assert str(report) in summary
    names = _report_names(report)
    assert any(name.startswith("GET /collection/") for name in names), names
    assert not any(name.startswith("POST") and "/generate/" in name for name in names), names
    assert any(name.startswith("POST /image/{image_id}/generate_url") for name in names)


@pytest.mark.contract
def test_a_server_that_breaks_the_spec_is_a_finding(api_key: str, tmp_path: Path) -> None:
    port = free_port()
    root = tmp_path / "site"
    root.mkdir()
    server = [sys.executable, "-m", "http.server", str(port), "-b", "127.0.0.1", "-d", str(root)]
    with running_server(server, f"http://127.0.0.1:{port}/", log_path=tmp_path / "server.log"):
        result = run_videodb_gen(
            "contract",
            "--base-url",
            f"http://127.0.0.1:{port}",
            "--api-key",
            api_key,
            "--junit",
            str(tmp_path / "broken.xml"),
            timeout=600,
        )
    assert result.code == 3, result.out[-3000:]
    assert result.out.strip().splitlines()[-1].startswith("contract: FINDINGS: ")


def test_billable_runs_every_operation_and_read_only_leaves_the_marked_ones_out(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    commands: list[list[str]] = []

    def fake_run(command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        commands.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(subprocess, "run", fake_run)
    report = str(tmp_path / "r.xml")
    base = ("contract", "--base-url", "http://127.0.0.1:9", "--api-key", "k", "--junit", report)
    cli(*base)
    cli(*base, "--billable")
    read_only, billable = commands
    billable_ids = _billable_ids()
    left_out = {arg.split("=", 1)[1] for arg in read_only if arg.startswith("--exclude-")}
    assert left_out == billable_ids
    assert not any(arg.startswith("--exclude-") for arg in billable)


def test_without_schemathesis_it_says_which_extra_to_install(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "schemathesis", None)
    result = cli("contract", "--base-url", "http://127.0.0.1:9", "--api-key", "k")
    assert result.code == 2
    assert "videodb-gen[contract]" in result.err


def test_without_a_key_it_is_exit_4(cli: Cli) -> None:
    result = cli("contract", "--base-url", "http://127.0.0.1:9")
    assert result.code == 4
