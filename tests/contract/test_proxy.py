"""`make proxy`: Prism as a validating proxy flags an upstream whose answers break the spec."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests._servers import PRISM, SPEC, free_port, running_server

pytestmark = pytest.mark.contract


@pytest.fixture
def proxy_url(sandbox_url: str, api_key: str, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [
        str(PRISM),
        "proxy",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--errors",
        str(SPEC),
        sandbox_url,
    ]
    with running_server(
        cmd,
        f"{url}/collection/default",
        headers={"x-access-token": api_key},
        log_path=tmp_path / "proxy.log",
    ):
        yield url


def test_proxy_passes_conforming_traffic(proxy_url: str, api_key: str) -> None:
    response = httpx.get(f"{proxy_url}/collection/default", headers={"x-access-token": api_key})
    assert response.status_code == 200
    assert "sl-violations" not in response.headers
    assert response.json()["data"]["id"] == "default"


def test_proxy_flags_a_response_that_breaks_the_spec(proxy_url: str, api_key: str) -> None:
    headers = {"x-access-token": api_key, "x-mock-fault": "break-shape"}
    response = httpx.get(f"{proxy_url}/collection/default", headers=headers)
    violations = json.loads(response.headers.get("sl-violations", "[]"))
    assert response.status_code == 500 or violations, response.text
    flagged = violations or response.json().get("validation", [])
    assert any("response" in str(v.get("location", "")) for v in flagged), response.text
