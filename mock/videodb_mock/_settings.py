"""The sandbox's configuration: one frozen value, checked when it is made."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import attrs

FinishedShape = Literal["flat", "wrapped"]
RunningStatus = Literal["processing", "in progress"]
RequestType = Literal["sync", "async"]
LengthFormat = Literal["number", "string"]
MediaMode = Literal["render", "off"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 4011

#: The faults a server-wide rate may name (`--fault-rate`), besides HTTP error statuses.
RATE_FAULTS = frozenset({"drop", "malformed", "fail", "break-shape"})


def _non_negative(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, not {value}")


def _positive(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if value <= 0:
        raise ValueError(f"{attribute.name} must be > 0, not {value}")


def _check_rates(
    instance: object, attribute: attrs.Attribute[Mapping[str, float]], value: Mapping[str, float]
) -> None:
    for name, rate in value.items():
        if not is_rate_fault(name):
            raise ValueError(
                f"fault rate {name!r}: expected an HTTP error status (400-599) or one of "
                f"{', '.join(sorted(RATE_FAULTS))}"
            )
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"fault rate {name}={rate}: a rate is between 0 and 1")
    if sum(value.values()) > 1.0:
        raise ValueError("fault rates add up to more than 1")


def _check_collections(
    instance: object, attribute: attrs.Attribute[frozenset[str]], value: frozenset[str]
) -> None:
    for collection_id in value:
        if not collection_id.startswith("c-") or len(collection_id) < 3:
            raise ValueError(f"collection {collection_id!r}: extra collection ids start with 'c-'")


def _check_public_base_url(
    instance: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and not value.startswith(("http://", "https://")):
        raise ValueError(f"public base URL {value!r} must start with http:// or https://")


def _even_size(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value % 2 or not 64 <= value <= 3840:
        raise ValueError(
            f"{attribute.name} must be an even number of pixels from 64 to 3840, not {value}"
        )


def _strip_slash(url: str) -> str:
    return str(url).rstrip("/")


def is_rate_fault(name: str) -> bool:
    """Whether `name` is a fault a server-wide rate may inject."""
    return name in RATE_FAULTS or (name.isdigit() and 400 <= int(name) <= 599)


def _freeze_rates(value: Mapping[str, float]) -> Mapping[str, float]:
    return dict(value)


def _freeze_keys(value: frozenset[str] | set[str] | list[str] | None) -> frozenset[str] | None:
    return None if value is None else frozenset(value)


@attrs.frozen(kw_only=True)
class SandboxConfig:
    """How the sandbox behaves. Every field has a default that suits interactive use.

    Attributes:
        host: The address to listen on.
        port: The TCP port to listen on (0: any free port).
        public_base_url: The base of the URLs the sandbox hands out (`output_url`,
            `stream_url`, ...); `None` means `http://host:port` as actually listened on.
            Set it when the sandbox is reached through a port mapping or a proxy.
        job_seconds: How long a generation job runs before it is finished (0: at once).
        finished_shape: `flat` (`{"success", "status": "done", "data"}`) or `wrapped`
            (`{"status": "complete", "response": {...}}`): the shape of a finished job.
        running_status: The status word of a running job when polled.
        callback_request_type: The `request_type` a generation with a `callback_url` is
            answered with. `sync` (the default) keeps the official clients working (they
            return nothing for `async`); `async` lets clients test that branch.
        length_format: Whether a video's `length` is sent as a number or a numeric string.
        api_keys: The accepted API keys; `None` accepts any non-empty key.
        seed: Seeds job and video ids and the fault rates; `None` draws a random seed.
        ttl_seconds: How long a finished job and its video are kept before they expire.
        max_jobs: At most this many jobs are kept; the oldest are dropped first.
        collections: Extra collection ids (`c-...`) besides `default`.
        fault_rates: Server-wide fault rates, e.g. `{"500": 0.1, "429": 0.05}`.
        fault_header: Whether the `x-mock-fault` request header is honoured.
        strict: Validate every response against the spec; a violation becomes a 500
            that names it, is logged, and is listed at `/_sandbox/violations`.
        max_body_bytes: Request bodies larger than this are refused with a 400.
        callback_attempts: How many times a callback is tried before giving up.
        callback_backoff: Seconds before the first retry of a callback; doubled each time.
        callback_timeout: Seconds a callback receiver has to answer.
        access_log: Log every request.
        media: `render`: every video is rendered (H.264 over HLS, a JPEG thumbnail, a player
            page) while its job runs, and the job is done only when both its time is up and
            its render is finished. `off`: nothing is rendered and the media URLs answer 404.
            Off by default here, for code that embeds the sandbox (often with a test clock);
            the `videodb-gen mock` command renders by default.
        media_dir: Where rendered media are kept (and reused from, across runs); `None`
            means a temporary folder removed when the sandbox stops.
        render_workers: How many videos are rendered at once; the rest wait their turn.
        media_width: The rendered videos' width in pixels (even).
        media_height: The rendered videos' height in pixels (even).
        media_fps: The rendered videos' frames per second.
    """

    host: str = DEFAULT_HOST
    port: int = attrs.field(
        default=DEFAULT_PORT,
        validator=attrs.validators.and_(attrs.validators.ge(0), attrs.validators.le(65535)),
    )
    public_base_url: str | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(_strip_slash),
        validator=_check_public_base_url,
    )
    job_seconds: float = attrs.field(default=4.0, converter=float, validator=_non_negative)
    finished_shape: FinishedShape = attrs.field(
        default="flat", validator=attrs.validators.in_(("flat", "wrapped"))
    )
    running_status: RunningStatus = attrs.field(
        default="processing", validator=attrs.validators.in_(("processing", "in progress"))
    )
    callback_request_type: RequestType = attrs.field(
        default="sync", validator=attrs.validators.in_(("sync", "async"))
    )
    length_format: LengthFormat = attrs.field(
        default="number", validator=attrs.validators.in_(("number", "string"))
    )
    api_keys: frozenset[str] | None = attrs.field(default=None, converter=_freeze_keys)
    seed: int | None = None
    ttl_seconds: float = attrs.field(default=3600.0, converter=float, validator=_positive)
    max_jobs: int = attrs.field(default=100_000, validator=attrs.validators.ge(1))
    collections: frozenset[str] = attrs.field(
        default=frozenset(), converter=frozenset, validator=_check_collections
    )
    fault_rates: Mapping[str, float] = attrs.field(
        factory=dict, converter=_freeze_rates, validator=_check_rates
    )
    fault_header: bool = True
    strict: bool = False
    max_body_bytes: int = attrs.field(default=64 * 1024, validator=attrs.validators.ge(1))
    callback_attempts: int = attrs.field(default=5, validator=attrs.validators.ge(1))
    callback_backoff: float = attrs.field(default=0.5, converter=float, validator=_non_negative)
    callback_timeout: float = attrs.field(default=5.0, converter=float, validator=_positive)
    access_log: bool = False
    media: MediaMode = attrs.field(default="off", validator=attrs.validators.in_(("render", "off")))
    media_dir: str | None = None
    render_workers: int = attrs.field(default=1, validator=attrs.validators.ge(1))
    media_width: int = attrs.field(default=640, validator=_even_size)
    media_height: int = attrs.field(default=360, validator=_even_size)
    media_fps: int = attrs.field(
        default=24, validator=attrs.validators.and_(attrs.validators.ge(1), attrs.validators.le(60))
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
