"""schemathesis against Prism: the spec and a mock generated from it agree on every operation."""

from __future__ import annotations

import pytest

from tests.contract._run import assert_no_findings, run_schemathesis

pytestmark = pytest.mark.contract

# Checks a stateless, lax mock cannot pass; the sandbox and real servers run them all.
PRISM_EXCLUDED_CHECKS = [
    # Prism accepts any value of the x-access-token key, so a made-up key is not refused.
    "ignored_auth",
    # Prism answers undeclared methods with 405 but without the `Allow` header.
    "unsupported_method",
    # Prism validates request bodies but not every parameter constraint (an empty
    # `collection_id` query value, against minLength 1, gets a 200).
    "negative_data_rejection",
]


def test_prism_conforms_to_the_spec(prism_url: str, api_key: str) -> None:
    result = run_schemathesis(
        prism_url,
        api_key,
        "--exclude-checks",
        ",".join(PRISM_EXCLUDED_CHECKS),
        report_name="contract-prism.xml",
        # Filters the bodies Prism itself cannot take (see the module).
        hooks="tests.contract.prism_hooks",
    )
    assert_no_findings(result)
