"""`make contract`: the read-only contract run against any server; without a key it fails, as
nothing was tested, unless ALLOW_SKIP=1 asks for a skip."""

from __future__ import annotations

import os
import subprocess
from xml.etree import ElementTree

import pytest

from tests._servers import ROOT
from tests.conftest import SandboxFactory

pytestmark = pytest.mark.contract


def make_contract(*args: str, key: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    env.pop("VIDEO_DB_API_KEY", None)
    env.pop("ALLOW_SKIP", None)
    if key is not None:
        env["VIDEO_DB_API_KEY"] = key
    return subprocess.run(  # noqa: S603 - our own Makefile
        ["make", "--no-print-directory", "contract", *args],  # noqa: S607 - make from PATH
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300, check=False,
    )  # fmt: skip


def test_without_a_key_it_fails_loudly_as_nothing_was_tested() -> None:
    result = make_contract("BASE_URL=http://127.0.0.1:9", key=None)
    assert result.returncode != 0, result.stdout + result.stderr  # a CI job goes red
    assert "SKIPPED" in result.stdout
    assert "Nothing was tested" in result.stdout
    assert "ALLOW_SKIP=1" in result.stdout


@pytest.mark.parametrize("allow", ["0", "yes", ""])
def test_only_allow_skip_1_makes_the_skip_a_success(allow: str) -> None:
    result = make_contract("BASE_URL=http://127.0.0.1:9", f"ALLOW_SKIP={allow}", key=None)
    assert result.returncode != 0, result.stdout


def test_with_allow_skip_a_run_without_a_key_is_skipped_loudly() -> None:
    result = make_contract("BASE_URL=http://127.0.0.1:9", "ALLOW_SKIP=1", key=None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SKIPPED" in result.stdout
    assert "Nothing was tested" in result.stdout


def test_without_a_base_url_it_is_a_usage_error() -> None:
    result = make_contract(key="k")
    assert result.returncode != 0
    assert "usage: make contract" in result.stdout


def test_read_only_run_against_a_server(start_sandbox: SandboxFactory, api_key: str) -> None:
    url = start_sandbox("--api-key", api_key)
    result = make_contract(f"BASE_URL={url}", key=api_key)
    assert result.returncode == 0, result.stdout[-10000:] + result.stderr[-3000:]
    report = ElementTree.parse(ROOT / "reports" / "contract-read-only.xml")  # noqa: S314 - ours
    names = {case.get("name", "") for case in report.iter("testcase")}
    assert any("GET /collection/" in n for n in names), names
    # Starting a generation is billable: never without BILLABLE=1. Making a signed URL is not.
    assert not any(n.startswith("POST") and "/generate/" in n for n in names), names
    for kind in ("image", "audio"):
        assert any(n.startswith(f"POST /{kind}/{{{kind}_id}}/generate_url") for n in names), names
