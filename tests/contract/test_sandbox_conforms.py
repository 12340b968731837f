"""schemathesis against the sandbox: every check, valid and invalid data, no exclusions."""

from __future__ import annotations

import pytest

from tests.conftest import SandboxFactory
from tests.contract._run import assert_no_findings, run_schemathesis

pytestmark = pytest.mark.contract

FORMS = {
    # Jobs finish at once: the stateful phase follows generate -> poll -> getVideo every time.
    "flat": ("--job-seconds", "0"),
    # Jobs run for a second: polls see the running form too, then the wrapped finished form.
    "wrapped-in-progress": (
        "--job-seconds", "1", "--finished-shape", "wrapped", "--running-status", "in progress",
        "--length-format", "string",
    ),
}  # fmt: skip


@pytest.mark.parametrize("form", FORMS)
def test_sandbox_conforms_to_the_spec(
    start_sandbox: SandboxFactory, api_key: str, form: str
) -> None:
    # Only the test key is accepted, as on a real server, so `ignored_auth` can be checked.
    url = start_sandbox("--api-key", api_key, *FORMS[form])
    assert_no_findings(run_schemathesis(url, api_key, report_name=f"contract-sandbox-{form}.xml"))
