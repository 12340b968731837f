"""Configuration values, option parsing and validation messages."""

from __future__ import annotations

import attrs
import pytest
from videodb_mock import SandboxConfig, parse_fault_rates
from videodb_mock._command import build_parser, config_from_args, shown_default
from videodb_mock._settings import Kind, settings
from videodb_mock._spec.document import load_spec
from videodb_mock._spec.paths import Router

from tests._servers import ROOT


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
        {"signed_url_seconds": 0},
        {"text_answer": "later"},
        {"max_audio_seconds": 0},
        {"max_audio_seconds": 3601},
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


#: For every setting, a value other than the command's default as written after its flag and
#: in its variable: text, several texts (a repeatable flag), or `None` (a switch).
SAMPLES: dict[str, tuple[str | list[str] | None, object]] = {
    "host": ("0.0.0.0", "0.0.0.0"),
    "port": ("8080", 8080),
    "public_base_url": ("https://sandbox.example/", "https://sandbox.example"),
    "job_seconds": ("2.5", 2.5),
    "finished_shape": ("wrapped", "wrapped"),
    "running_status": ("in progress", "in progress"),
    "callback_request_type": ("async", "async"),
    "length_format": ("string", "string"),
    "api_keys": (["k1", "k2"], frozenset({"k1", "k2"})),
    "seed": ("7", 7),
    "ttl_seconds": ("60", 60.0),
    "max_jobs": ("10", 10),
    "state_dir": ("/srv/state", "/srv/state"),
    "collections": (["c-1", "c-2"], frozenset({"c-1", "c-2"})),
    "fault_rates": ("500=0.25,drop=0.5", {"500": 0.25, "drop": 0.5}),
    "fault_header": (None, False),
    "strict": (None, True),
    "max_body_bytes": ("1024", 1024),
    "text_answer": ("at-once", "at-once"),
    "signed_url_seconds": ("60", 60.0),
    "max_audio_seconds": ("600", 600),
    "callback_attempts": ("2", 2),
    "callback_backoff": ("0.1", 0.1),
    "callback_timeout": ("1.5", 1.5),
    "access_log": (None, True),
    "clock": ("manual", "manual"),
    "record": ("https://api.videodb.io", "https://api.videodb.io"),
    "replay": ("/srv/rec", "/srv/rec"),
    "replay_fallback": ("sandbox", "sandbox"),
    "media": ("off", "off"),
    "media_dir": ("/srv/media", "/srv/media"),
    "render_workers": ("3", 3),
    "render_queue": ("4", 4),
    "media_width": ("1280", 1280),
    "media_height": ("720", 720),
    "media_fps": ("30", 30),
}


def test_every_setting_has_a_flag_and_a_variable() -> None:
    declared = list(settings())
    assert [s.name for s in declared] == [f.name for f in attrs.fields(SandboxConfig)]
    assert set(SAMPLES) == {s.name for s in declared}, "give every new setting a sample here"
    assert len({s.flag for s in declared}) == len(declared)
    assert len({s.env for s in declared}) == len(declared)
    assert all(s.env.startswith("VIDEODB_MOCK_") for s in declared)
    shown = " ".join(build_parser(environ={}).format_help().split())
    for setting in declared:
        assert setting.flag in shown, setting.name
        assert f"[{setting.env}" in shown, setting.name


@pytest.mark.parametrize("name", list(SAMPLES))
def test_every_setting_round_trips_through_its_flag_and_its_variable(name: str) -> None:
    setting = next(s for s in settings() if s.name == name)
    text, expected = SAMPLES[name]
    unchanged = config_from_args(build_parser(environ={}).parse_args([]))
    assert getattr(unchanged, name) != expected
    if text is None:
        argv, env = [setting.flag], "1"
    elif isinstance(text, list):
        argv, env = [arg for item in text for arg in (setting.flag, item)], ",".join(text)
    else:
        argv, env = [setting.flag, text], text
    from_flag = config_from_args(build_parser(environ={}).parse_args(argv))
    from_env = config_from_args(build_parser(environ={setting.env: env}).parse_args([]))
    for config in (from_flag, from_env):
        assert getattr(config, name) == expected
        # ... and nothing else changed.
        assert attrs.evolve(config, **{name: getattr(unchanged, name)}) == unchanged


def test_help_shows_the_defaults() -> None:
    shown = " ".join(build_parser(environ={}).format_help().split())
    assert "--max-jobs MAX_JOBS most jobs kept; the oldest go first (default 100000)" in shown
    assert "(default 4011) [VIDEODB_MOCK_PORT]" in shown
    assert "(default render) [VIDEODB_MOCK_MEDIA]" in shown
    env = {"VIDEODB_MOCK_MAX_JOBS": "12"}
    assert build_parser(environ=env).parse_args([]).max_jobs == 12


def _readme_options() -> list[str]:
    """The rows of the README's table of the sandbox's options."""
    text = (ROOT / "README.md").read_text()
    section = text[text.index("### The sandbox: `videodb-gen mock`") :]
    section = section[section.index("| option | meaning |") :]
    return [line for line in section.splitlines()[2:] if line.startswith("|")][: len(SAMPLES)]


def test_the_readme_gives_every_option_and_its_default() -> None:
    rows = _readme_options()
    for setting in settings():
        row = next((row for row in rows if f"`{setting.flag}" in row), None)
        assert row is not None, f"the README's table of options lacks {setting.flag}"
        default = setting.default
        if setting.option.kind is Kind.VALUE and default not in (None, "", {}):
            assert shown_default(default) in row, f"the README gives no default of {setting.flag}"


def test_a_malformed_variable_is_an_error_of_the_command() -> None:
    with pytest.raises(SystemExit):
        build_parser(environ={"VIDEODB_MOCK_PORT": "eighty"}).parse_args([])
    with pytest.raises(ValueError, match="finished_shape"):
        config_from_args(build_parser(environ={"VIDEODB_MOCK_FINISHED_SHAPE": "x"}).parse_args([]))
