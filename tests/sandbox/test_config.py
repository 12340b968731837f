"""Configuration values, option parsing and validation messages."""

from __future__ import annotations

import pytest
from videodb_mock import SandboxConfig, parse_fault_rates
from videodb_mock._command import build_parser, config_from_args
from videodb_mock._spec.document import load_spec
from videodb_mock._spec.paths import Router


def test_defaults() -> None:
    config = SandboxConfig()
    assert (config.host, config.port) == ("127.0.0.1", 4011)
    assert config.base_url() == "http://127.0.0.1:4011"
    assert config.job_seconds > 1
    assert config.finished_shape == "flat"
    assert config.running_status == "processing"
    assert config.callback_request_type == "sync"
    assert config.api_keys is None
    assert not config.strict


def test_base_url() -> None:
    assert SandboxConfig(host="0.0.0.0", port=80).base_url() == "http://127.0.0.1:80"
    assert SandboxConfig(host="::1").base_url(5) == "http://[::1]:5"
    assert SandboxConfig(public_base_url="https://x.example/").base_url(5) == "https://x.example"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"job_seconds": -1},
        {"ttl_seconds": 0},
        {"finished_shape": "round"},
        {"running_status": "busy"},
        {"collections": {"default2"}},
        {"fault_rates": {"500": 1.5}},
        {"fault_rates": {"500": 0.6, "429": 0.6}},
        {"fault_rates": {"200": 0.1}},
        {"public_base_url": "ftp://x"},
        {"port": 70000},
    ],
)
def test_invalid_config_is_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        SandboxConfig(**kwargs)  # type: ignore[arg-type]


def test_parse_fault_rates() -> None:
    assert parse_fault_rates(" 500=0.1, 429=0.05,,drop=0.01 ") == {
        "500": 0.1,
        "429": 0.05,
        "drop": 0.01,
    }
    for bad in ("500", "500=x"):
        with pytest.raises(ValueError, match="fault rate"):
            parse_fault_rates(bad)


def test_options_and_environment() -> None:
    env = {
        "VIDEODB_MOCK_JOB_SECONDS": "2",
        "VIDEODB_MOCK_STRICT": "yes",
        "VIDEODB_MOCK_API_KEYS": "a,b",
    }
    args = build_parser(environ=env).parse_args(["--seed", "4", "--collection", "c-1"])
    config = config_from_args(args)
    assert config.job_seconds == 2
    assert config.strict
    assert config.api_keys == frozenset({"a", "b"})
    assert config.seed == 4
    assert config.collections == frozenset({"c-1"})
    args = build_parser(environ=env).parse_args(["--api-key", "c", "--job-seconds", "0"])
    config = config_from_args(args)
    assert config.api_keys == frozenset({"c"})
    assert config.job_seconds == 0


def test_routes_come_from_the_spec() -> None:
    spec = load_spec()
    router = Router(spec)
    assert {route.template for route in router.routes} == set(spec["paths"])
    found = router.match("/collection/default/generate/video")
    assert found is not None
    assert found.route.operations == {"POST": "generateVideo"}
    assert found.params == {"collection_id": "default"}
    assert router.match("/collection/default/generate/video//") is None
    assert router.match("/collection//generate/video") is None
    assert router.match("/collection/a/b") is None
