"""The sandbox's settings: one frozen value, checked when it is made, each setting declared once.

Every field of `SandboxConfig` declares in one place its default, its checks, and how it is
set from outside: an `Option` in the field's metadata holds its help text, how its text is
parsed, and its command-line flag when that is not the field's name. Its `VIDEODB_MOCK_*`
environment variable is named after the flag (a repeatable flag's after the field, as it holds
several values). The command (`_command`) derives every flag and every variable from these
declarations, so no setting can lack either.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal, get_args

import attrs

from videodb_mock._echo import echoed

FinishedShape = Literal["flat", "wrapped"]
RunningStatus = Literal["processing", "in progress"]
RequestType = Literal["sync", "async"]
LengthFormat = Literal["number", "string"]
MediaMode = Literal["render", "off"]
TextAnswer = Literal["job", "at-once"]
#: The sandbox's time (`_state.clock.ClockMode`): the machine's, or one moved by hand.
ClockMode = Literal["wall", "manual"]
#: What a replaying sandbox does with a request not in its recording (`--replay-fallback`).
ReplayFallback = Literal["none", "sandbox"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 4011
#: Every setting can be given in an environment variable named with this prefix.
ENV_PREFIX = "VIDEODB_MOCK_"

#: The longest audio the sandbox makes (the renderer's bound, `audio.MAX_SECONDS`).
MAX_AUDIO_SECONDS = 3600

#: The faults a server-wide rate may name (`--fault-rate`), besides HTTP error statuses.
RATE_FAULTS = frozenset({"drop", "malformed", "fail", "fail-hosted", "break-shape"})

#: The longest extra collection id (`--collection`).
MAX_COLLECTION_ID = 128
#: An extra collection id: `c-` (the spec's `c-...`), then characters that a URL's path holds
#: as they are, so the id is one segment of the paths that name it, sent unchanged.
_COLLECTION_ID = re.compile(rf"c-[A-Za-z0-9._~-]{{1,{MAX_COLLECTION_ID - 2}}}")


class Kind(enum.Enum):
    """How a setting is written on the command line and in its environment variable."""

    #: `--flag VALUE`; the variable holds the same text.
    VALUE = "value"
    #: `--flag` alone turns the default around; the variable does it when 1, true, yes or on.
    SWITCH = "switch"
    #: `--flag VALUE`, repeatable; the variable holds the values comma-separated.
    LIST = "list"


_SAME = object()


@attrs.frozen
class Option:
    """How one setting is given from outside: see the module's doc."""

    help: str
    kind: Kind = Kind.VALUE
    parse: Callable[[str], Any] = str
    choices: tuple[str, ...] = ()
    #: The flag, when it is not `--` and the field's name with dashes.
    flag: str | None = None
    #: The command's default, when it differs from the field's (`_SAME`).
    command_default: Any = _SAME


def option(
    help: str,
    *,
    kind: Kind = Kind.VALUE,
    parse: Callable[[str], Any] = str,
    choices: Any = None,
    flag: str | None = None,
    command_default: Any = _SAME,
) -> dict[str, Option]:
    """A field's metadata declaring its `Option`; `choices` is a `Literal` type."""
    allowed = get_args(choices) if choices is not None else ()
    return {"option": Option(help, kind, parse, allowed, flag, command_default)}


@attrs.frozen
class Setting:
    """One setting, as the command offers it: a field of `SandboxConfig` and its option."""

    name: str
    flag: str
    env: str
    default: Any
    option: Option


def settings() -> Iterator[Setting]:
    """Every field of `SandboxConfig`, with its flag, its variable and the command's default.

    Raises:
        TypeError: a field declares no `Option` (every setting must).
    """
    defaults = SandboxConfig()
    for field in attrs.fields(SandboxConfig):
        declared = field.metadata.get("option")
        if not isinstance(declared, Option):
            raise TypeError(f"SandboxConfig.{field.name} declares no option (see option())")
        default = declared.command_default
        if default is _SAME:
            default = getattr(defaults, field.name)
        flag = declared.flag or "--" + field.name.replace("_", "-")
        # A variable is named after its flag, but a list's after its field (it holds several).
        env = field.name if declared.kind is Kind.LIST else flag[2:].replace("-", "_")
        yield Setting(field.name, flag, ENV_PREFIX + env.upper(), default, declared)


class SettingError(ValueError):
    """A setting's value breaks its rule.

    Attributes:
        field: The setting (the field of `SandboxConfig`); the command names its flag instead.
        rule: The rule, as it follows the setting's name: ``must be 0 or more seconds, got -1``.
    """

    def __init__(self, field: str, rule: str) -> None:
        super().__init__(f"{field} {rule}")
        self.field = field
        self.rule = rule


def _shown(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else repr(value)


def _non_negative(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if value < 0:
        raise SettingError(attribute.name, f"must be 0 or more seconds, got {_shown(value)}")


def _positive(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if value <= 0:
        raise SettingError(attribute.name, f"must be more than 0 seconds, got {_shown(value)}")


def _within(least: int, most: int | None = None) -> Callable[[object, Any, int], None]:
    """A validator: an integer from `least` to `most` (no upper bound when None)."""
    bounds = f"from {least} to {most}" if most is not None else f"{least} or more"

    def check(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
        if value < least or (most is not None and value > most):
            raise SettingError(attribute.name, f"must be {bounds}, got {_shown(value)}")

    return check


def _one_of(choices: Any) -> Callable[[object, Any, str], None]:
    """A validator: one of the words of the `Literal` type `choices`."""
    words = get_args(choices)

    def check(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in words:
            rule = f"must be one of {', '.join(words)}, got {_shown(value)}"
            raise SettingError(attribute.name, rule)

    return check


def _check_rates(
    instance: object, attribute: attrs.Attribute[Mapping[str, float]], value: Mapping[str, float]
) -> None:
    for name, rate in value.items():
        if not is_rate_fault(name):
            raise SettingError(
                attribute.name,
                f"names {name!r}: a fault is an HTTP error status (400-599) or one of "
                f"{', '.join(sorted(RATE_FAULTS))}",
            )
        if not 0.0 <= rate <= 1.0:
            raise SettingError(attribute.name, f"gives {name}={rate:g}: a rate is from 0 to 1")
    if sum(value.values()) > 1.0:
        raise SettingError(attribute.name, "must add up to 1 or less")


def _check_collections(
    instance: object, attribute: attrs.Attribute[frozenset[str]], value: frozenset[str]
) -> None:
    for collection_id in sorted(value):
        if not _COLLECTION_ID.fullmatch(collection_id):
            raise SettingError(
                attribute.name,
                f"names {echoed(repr(collection_id))}: an extra collection id is c- then 1 to "
                f"{MAX_COLLECTION_ID - 2} letters, digits, '.', '_', '~' or '-' (one segment "
                "of a URL's path, as the API's paths name it)",
            )


def _check_public_base_url(
    instance: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and not value.startswith(("http://", "https://")):
        raise SettingError(attribute.name, f"must start with http:// or https://, got {value!r}")


def _even_size(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value % 2 or not 64 <= value <= 3840:
        rule = f"must be an even number of pixels from 64 to 3840, got {value}"
        raise SettingError(attribute.name, rule)


def _strip_slash(url: str) -> str:
    return str(url).rstrip("/")


def _text_or_none(text: str) -> str | None:
    """An optional text setting: empty means not set."""
    return text or None


def is_rate_fault(name: str) -> bool:
    """Whether `name` is a fault a server-wide rate may inject."""
    return name in RATE_FAULTS or (name.isdigit() and 400 <= int(name) <= 599)


def _freeze_rates(value: Mapping[str, float]) -> Mapping[str, float]:
    return dict(value)


def _freeze_keys(value: frozenset[str] | set[str] | list[str] | None) -> frozenset[str] | None:
    return None if value is None else frozenset(value)


def parse_fault_rates(text: str) -> dict[str, float]:
    """Parse `500=0.1,429=0.05` into `{"500": 0.1, "429": 0.05}`.

    Raises:
        ValueError: an item is not `name=rate` or the rate is not a number.
    """
    rates: dict[str, float] = {}
    for raw in text.split(","):
        item = raw.strip()
        if not item:
            continue
        name, sep, rate = item.partition("=")
        if not sep:
            raise ValueError(f"fault rate {item!r}: expected name=rate, e.g. 500=0.1")
        try:
            rates[name.strip().lower()] = float(rate)
        except ValueError:
            raise ValueError(f"fault rate {item!r}: {rate!r} is not a number") from None
    return rates


# What settings of one kind have in common, as arguments of `attrs.field`.


def _seconds(help: str, *, positive: bool = False, flag: str | None = None) -> dict[str, Any]:
    """A duration in seconds: >= 0, or > 0 if `positive`."""
    return {
        "converter": float,
        "validator": _positive if positive else _non_negative,
        "metadata": option(help, parse=float, flag=flag),
    }


def _count(help: str) -> dict[str, Any]:
    """A number of things, at least 1."""
    return {"validator": _within(1), "metadata": option(help, parse=int)}


def _pixels(help: str) -> dict[str, Any]:
    """A size in pixels of the rendered videos."""
    return {
        "validator": _even_size,
        "metadata": option(f"{help} in pixels (even, 64 to 3840)", parse=int),
    }


def _choice(choices: Any, help: str, *, command_default: Any = _SAME) -> dict[str, Any]:
    """One of the words of the `Literal` type `choices`."""
    return {
        "validator": _one_of(choices),
        "metadata": option(help, choices=choices, command_default=command_default),
    }


def _switch(help: str, *, flag: str | None = None) -> dict[str, Any]:
    """On or off; its flag turns the default around."""
    return {"metadata": option(help, kind=Kind.SWITCH, flag=flag)}


def _list(help: str, flag: str) -> dict[str, Any]:
    """Several texts: a repeatable `flag`, or a variable holding them comma-separated."""
    return {"metadata": option(help, kind=Kind.LIST, flag=flag)}


def _text(help: str) -> dict[str, Any]:
    """A text that may be left out (`None`); from outside, an empty text leaves it out."""
    return {"metadata": option(help, parse=_text_or_none)}


# Record and replay (`_replay`): which flags go together.


#: The index of a recording in its folder (`_replay.recording`).
RECORDING_INDEX = "recording.json"


def _check_upstream(
    instance: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and not value.startswith(("http://", "https://")):
        raise SettingError(
            attribute.name, f"must be an http:// or https:// URL, got {echoed(value)!r}"
        )


def check_combinations(config: SandboxConfig) -> None:
    """Refuse `--record` and `--replay` together, `--record` without `--state-dir`, and a
    `--replay` folder that holds no recording (checked by the command, after each setting).

    Raises:
        SettingError: naming the setting whose flag is refused.
    """
    if config.record is not None and config.replay is not None:
        raise SettingError("record", "cannot be used with --replay: record first, then replay")
    if config.record is not None and config.state_dir is None:
        raise SettingError("record", "needs --state-dir, the folder the recording is kept in")
    if config.replay is not None and not os.path.isfile(
        os.path.join(config.replay, RECORDING_INDEX)
    ):
        raise SettingError(
            "replay",
            f"names {echoed(config.replay)!r}, which holds no recording ({RECORDING_INDEX}); "
            "record one with --record",
        )


@attrs.frozen(kw_only=True)
class SandboxConfig:
    """How the sandbox behaves. Every field has a default that suits interactive use.

    Each field's meaning is its option's help (`settings()`; `videodb-gen mock --help` lists
    them all). Code that embeds the sandbox gets `media="off"` by default, often with a test
    clock; the command renders by default.
    """

    host: str = attrs.field(default=DEFAULT_HOST, metadata=option("address to listen on"))
    port: int = attrs.field(
        default=DEFAULT_PORT,
        validator=_within(0, 65535),
        metadata=option("TCP port to listen on; 0 for any free port", parse=int),
    )
    public_base_url: str | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(_strip_slash),
        validator=_check_public_base_url,
        **_text(
            "base of the URLs handed out (output_url, stream_url, ...), for a port mapping or a "
            "proxy; default: http://host:port as listened on"
        ),
    )
    job_seconds: float = attrs.field(
        default=4.0, **_seconds("how long a generation job runs; 0 finishes at once")
    )
    finished_shape: FinishedShape = attrs.field(
        default="flat",
        **_choice(
            FinishedShape,
            "a finished job: flat {status: done, data} or wrapped {status: complete, response}",
        ),
    )
    running_status: RunningStatus = attrs.field(
        default="processing",
        **_choice(RunningStatus, "status word of a running job when polled"),
    )
    callback_request_type: RequestType = attrs.field(
        default="sync",
        **_choice(
            RequestType,
            "request_type answered when a callback_url is given; sync keeps the official "
            "clients working, as they return nothing for async",
        ),
    )
    length_format: LengthFormat = attrs.field(
        default="number",
        **_choice(
            LengthFormat, "send a video's or an audio's length as a number or a numeric string"
        ),
    )
    api_keys: frozenset[str] | None = attrs.field(
        default=None,
        converter=_freeze_keys,
        **_list("an accepted API key; repeat for more; default: any non-empty key", "--api-key"),
    )
    seed: int | None = attrs.field(
        default=None,
        metadata=option(
            "seed for fault rates, and for job and video ids with a new --state-dir (a restart "
            "never hands out an id again); default: random",
            parse=int,
        ),
    )
    ttl_seconds: float = attrs.field(
        default=3600.0,
        **_seconds("seconds a finished job and its video are kept", positive=True, flag="--ttl"),
    )
    max_jobs: int = attrs.field(default=100_000, **_count("most jobs kept; the oldest go first"))
    state_dir: str | None = attrs.field(
        default=None,
        **_text(
            "folder where jobs, videos (SQLite) and rendered media are kept, so they survive a "
            "restart; default: none, everything is kept in memory and lost on exit"
        ),
    )
    collections: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=frozenset,
        validator=_check_collections,
        **_list("an extra collection id (c-...) besides default; repeat for more", "--collection"),
    )
    fault_rates: Mapping[str, float] = attrs.field(
        factory=dict,
        converter=_freeze_rates,
        validator=_check_rates,
        metadata=option(
            "server-wide fault rates, seeded, e.g. 500=0.1,429=0.05,drop=0.01,fail=0.1",
            parse=parse_fault_rates,
            flag="--fault-rate",
        ),
    )
    fault_header: bool = attrs.field(
        default=True, **_switch("ignore the x-mock-fault request header", flag="--no-fault-header")
    )
    strict: bool = attrs.field(
        default=False,
        **_switch(
            "validate every answer against the spec; a violation becomes a 500 that names it, "
            "is logged, and is listed at /_sandbox/violations"
        ),
    )
    max_body_bytes: int = attrs.field(
        default=2 * 1024 * 1024,
        **_count(
            "larger request bodies are refused with a 400; the default fits generateText's "
            "longest prompt (262144 characters) even written as JSON escapes"
        ),
    )
    text_answer: TextAnswer = attrs.field(
        default="job",
        **_choice(
            TextAnswer,
            "how generateText answers: job (a job to poll, as generateVideo) or at-once "
            "({success, data: {output}} in the answer itself)",
        ),
    )
    signed_url_seconds: float = attrs.field(
        default=3600.0,
        **_seconds(
            "seconds a signed URL (getImageUrl, getAudioUrl) downloads its file", positive=True
        ),
    )
    max_audio_seconds: int = attrs.field(
        default=MAX_AUDIO_SECONDS,
        validator=_within(1, MAX_AUDIO_SECONDS),
        metadata=option(
            "longest audio generateAudio makes, in seconds (1 to 3600): the job of a longer music "
            "or sound effect duration, or of a voice's text that takes longer to say, fails with "
            "a message naming the field (the API documents no bound)",
            parse=int,
        ),
    )
    callback_attempts: int = attrs.field(default=5, **_count("deliveries tried per callback"))
    callback_backoff: float = attrs.field(
        default=0.5, **_seconds("seconds before the first callback retry, doubled each time")
    )
    callback_timeout: float = attrs.field(
        default=5.0,
        **_seconds(
            "seconds each callback attempt has in all, from connecting to the answer's status",
            positive=True,
        ),
    )
    access_log: bool = attrs.field(default=False, **_switch("log every request"))
    clock: ClockMode = attrs.field(
        default="wall",
        **_choice(
            ClockMode,
            "the sandbox's time: wall (the machine's) or manual (it stands still until "
            'POST /_sandbox/clock moves it with {"advance": seconds} or {"to": ISO time}; '
            "jobs, callbacks, expiry and signed URLs follow it)",
        ),
    )
    # Record and replay (`_replay`).
    record: str | None = attrs.field(
        default=None,
        validator=_check_upstream,
        **_text(
            "UPSTREAM: forward every request to this server (e.g. https://api.videodb.io) with "
            "the caller's key, and keep its answers in --state-dir with the key removed"
        ),
    )
    replay: str | None = attrs.field(
        default=None,
        **_text("folder of a recording (--record) to answer from, offline"),
    )
    replay_fallback: ReplayFallback = attrs.field(
        default="none",
        **_choice(
            ReplayFallback,
            "a request not in the recording: none (a 404 naming it) or sandbox (the sandbox "
            "answers it)",
        ),
    )
    media: MediaMode = attrs.field(
        default="off",
        **_choice(
            MediaMode,
            "render: every video's media can be fetched (H.264 HLS stream, JPEG thumbnail, "
            "player page), each part rendered when first fetched; off: media URLs answer 404",
            command_default="render",
        ),
    )
    media_dir: str | None = attrs.field(
        default=None,
        **_text(
            "folder where rendered media are kept and reused across runs; default: the media "
            "folder of --state-dir, else a temporary folder removed on exit"
        ),
    )
    render_workers: int = attrs.field(
        default=1,
        **_count(
            "worker processes rendering media at once, started when media are first fetched "
            "and stopped when idle"
        ),
    )
    render_queue: int = attrs.field(
        default=32,
        **_count(
            "parts of videos (segments, thumbnails) that may wait for a render worker; more "
            "are answered 503 with Retry-After"
        ),
    )
    media_width: int = attrs.field(default=640, **_pixels("rendered videos' width"))
    media_height: int = attrs.field(default=360, **_pixels("rendered videos' height"))
    media_fps: int = attrs.field(
        default=24,
        validator=_within(1, 60),
        metadata=option("rendered videos' frames per second (1 to 60)", parse=int),
    )

    def base_url(self, port: int | None = None) -> str:
        """The public base URL: the configured one, or `http://host:port`."""
        if self.public_base_url is not None:
            return self.public_base_url
        host = self.host
        if host in ("0.0.0.0", "::", ""):  # noqa: S104 - naming the wildcard, not binding it
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port if port is None else port}"
