"""schemathesis against the sandbox: every check, valid and invalid data, no exclusions."""

from __future__ import annotations

import pytest

from tests.contract._run import assert_no_findings, run_schemathesis

pytestmark = pytest.mark.contract


def test_sandbox_conforms_to_the_spec(sandbox_url: str, api_key: str) -> None:
    assert_no_findings(run_schemathesis(sandbox_url, api_key, report_name="contract-sandbox.xml"))
