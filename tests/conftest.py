"""Fixtures shared by every test folder: the spec, and the servers tests run against."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests._servers import SPEC, TEST_API_KEY, free_port, prism_command, running_server


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """The OpenAPI document, parsed."""
    with SPEC.open() as f:
        return yaml.safe_load(f)  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def api_key() -> str:
    return TEST_API_KEY


@pytest.fixture(scope="session")
def prism_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a Prism mock of the spec, started for this test session and stopped after."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = Path(tmp_path_factory.mktemp("prism")) / "prism.log"
    with running_server(
        prism_command(port),
        f"{url}/collection/default",
        headers={"x-access-token": TEST_API_KEY},
        log_path=log,
    ):
        yield url
