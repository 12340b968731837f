"""The TypeScript client's types: in step with the spec."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests._servers import ROOT, SPEC

COMMITTED = ROOT / "clients" / "typescript" / "schema.d.ts"
OPENAPI_TYPESCRIPT = ROOT / "mock" / "node_modules" / ".bin" / "openapi-typescript"


def test_typescript_types_match_the_spec(tmp_path: Path) -> None:
    """Drift check: openapi-typescript on the committed spec gives the committed schema.d.ts."""
    fresh = tmp_path / "schema.d.ts"
    subprocess.run(  # noqa: S603
        [str(OPENAPI_TYPESCRIPT), str(SPEC), "--output", str(fresh)],
        check=True, capture_output=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert fresh.read_text() == COMMITTED.read_text(), "run `make generate` and commit the result"
