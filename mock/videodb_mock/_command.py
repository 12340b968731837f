"""Command-line options of the sandbox, with defaults from `VIDEODB_MOCK_*` environment variables.

Shared by `python -m videodb_mock` and `videodb-gen mock`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
from collections.abc import Mapping, Sequence

from videodb_mock._server import run
from videodb_mock._settings import DEFAULT_HOST, DEFAULT_PORT, SandboxConfig, parse_fault_rates

ENV_PREFIX = "VIDEODB_MOCK_"
_TRUE = {"1", "true", "yes", "on"}


def _env(
    name: str, default: str | None = None, environ: Mapping[str, str] | None = None
) -> str | None:
    return (os.environ if environ is None else environ).get(ENV_PREFIX + name, default)


def _flag(name: str, environ: Mapping[str, str] | None) -> bool:
    return (_env(name, "", environ) or "").strip().lower() in _TRUE


def _split(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def build_parser(
    prog: str | None = None, environ: Mapping[str, str] | None = None
) -> argparse.ArgumentParser:
    """The sandbox's argument parser; `environ` (default `os.environ`) supplies defaults."""
    defaults = SandboxConfig()
    parser = argparse.ArgumentParser(
        prog=prog,
        description=(
            "Run the offline VideoDB sandbox: a stateful server of the generate-video API, "
            "validated against openapi/videodb.yaml. Every option can also be set with the "
            f"environment variable named in its help ({ENV_PREFIX}...)."
        ),
        epilog=(
            "Per-request faults: send the header 'x-mock-fault' with comma-separated items: "
            "an error status (e.g. 500, 503, 429), retry-after=N, slow=SECONDS, drop, "
            "malformed, fail (the job fails), break-shape (a 200 that breaks the spec)."
        ),
    )
    env = environ
    add = parser.add_argument
    add("--host", default=_env("HOST", DEFAULT_HOST, env), help="address to listen on [HOST]")
    add(
        "--port",
        type=int,
        default=_env("PORT", str(DEFAULT_PORT), env),
        help="port; 0 for any [PORT]",
    )
    add(
        "--public-base-url",
        default=_env("PUBLIC_BASE_URL", None, env),
        help="base of the URLs handed out (output_url, stream_url, ...); default: the "
        "listening http://host:port [PUBLIC_BASE_URL]",
    )
    add(
        "--job-seconds",
        type=float,
        default=_env("JOB_SECONDS", str(defaults.job_seconds), env),
        help="how long a generation job runs; 0 finishes at once "
        f"(default {defaults.job_seconds:g}) [JOB_SECONDS]",
    )
    add(
        "--finished-shape",
        choices=("flat", "wrapped"),
        default=_env("FINISHED_SHAPE", defaults.finished_shape, env),
        help="finished job: flat {status: done, data} or wrapped "
        "{status: complete, response} [FINISHED_SHAPE]",
    )
    add(
        "--running-status",
        choices=("processing", "in progress"),
        default=_env("RUNNING_STATUS", defaults.running_status, env),
        help="status word of a running job when polled [RUNNING_STATUS]",
    )
    add(
        "--callback-request-type",
        choices=("sync", "async"),
        default=_env("CALLBACK_REQUEST_TYPE", defaults.callback_request_type, env),
        help="request_type answered when a callback_url is given (default sync: the official "
        "clients return nothing for async) [CALLBACK_REQUEST_TYPE]",
    )
    add(
        "--length-format",
        choices=("number", "string"),
        default=_env("LENGTH_FORMAT", defaults.length_format, env),
        help="send a video's length as a number or a numeric string [LENGTH_FORMAT]",
    )
    add(
        "--api-key",
        action="append",
        dest="api_keys",
        default=None,
        help="an accepted API key; repeat for more; default: any non-empty key "
        "[API_KEYS, comma-separated]",
    )
    add(
        "--seed",
        type=int,
        default=_env("SEED", None, env),
        help="seed for ids and fault rates [SEED]",
    )
    add(
        "--ttl",
        type=float,
        default=_env("TTL", str(defaults.ttl_seconds), env),
        help="seconds a finished job and its video are kept "
        f"(default {defaults.ttl_seconds:g}) [TTL]",
    )
    add(
        "--max-jobs",
        type=int,
        default=_env("MAX_JOBS", str(defaults.max_jobs), env),
        help="most jobs kept; the oldest go first [MAX_JOBS]",
    )
    add(
        "--collection",
        action="append",
        dest="collections",
        default=None,
        help="an extra collection id (c-...); repeat for more [COLLECTIONS, comma-separated]",
    )
    add(
        "--fault-rate",
        default=_env("FAULT_RATE", "", env),
        help="server-wide fault rates, e.g. 500=0.1,429=0.05,drop=0.01,fail=0.1 [FAULT_RATE]",
    )
    add(
        "--no-fault-header",
        action="store_true",
        default=_flag("NO_FAULT_HEADER", env),
        help="ignore the x-mock-fault request header [NO_FAULT_HEADER=1]",
    )
    add(
        "--strict",
        action="store_true",
        default=_flag("STRICT", env),
        help="validate every answer against the spec; a violation becomes a 500 naming it "
        "[STRICT=1]",
    )
    add(
        "--max-body-bytes",
        type=int,
        default=_env("MAX_BODY_BYTES", str(defaults.max_body_bytes), env),
        help="larger request bodies are refused [MAX_BODY_BYTES]",
    )
    add(
        "--callback-attempts",
        type=int,
        default=_env("CALLBACK_ATTEMPTS", str(defaults.callback_attempts), env),
        help="deliveries tried per callback [CALLBACK_ATTEMPTS]",
    )
    add(
        "--callback-backoff",
        type=float,
        default=_env("CALLBACK_BACKOFF", str(defaults.callback_backoff), env),
        help="seconds before the first callback retry, doubled each time [CALLBACK_BACKOFF]",
    )
    add(
        "--callback-timeout",
        type=float,
        default=_env("CALLBACK_TIMEOUT", str(defaults.callback_timeout), env),
        help="seconds a callback receiver has to answer [CALLBACK_TIMEOUT]",
    )
    add(
        "--media",
        choices=("render", "off"),
        default=_env("MEDIA", "render", env),
        help="render: every video is rendered while its job runs (H.264 HLS stream, JPEG "
        "thumbnail, player page; a job is done once both its time is up and its render is "
        "finished); off: nothing is rendered and media URLs answer 404 (default render) [MEDIA]",
    )
    add(
        "--media-dir",
        default=_env("MEDIA_DIR", None, env),
        help="folder where rendered media are kept and reused; default: a temporary folder "
        "removed on exit [MEDIA_DIR]",
    )
    add(
        "--render-workers",
        type=int,
        default=_env("RENDER_WORKERS", str(defaults.render_workers), env),
        help=f"videos rendered at once (default {defaults.render_workers}) [RENDER_WORKERS]",
    )
    add(
        "--access-log",
        action="store_true",
        default=_flag("ACCESS_LOG", env),
        help="log every request [ACCESS_LOG=1]",
    )
    parser.set_defaults(
        _env_api_keys=_split(_env("API_KEYS", None, env)),
        _env_collections=_split(_env("COLLECTIONS", None, env)),
    )
    return parser


def config_from_args(args: argparse.Namespace) -> SandboxConfig:
    """The configuration the parsed options describe.

    Raises:
        ValueError: an option's value is out of range or malformed.
    """
    keys = args.api_keys if args.api_keys is not None else args._env_api_keys
    collections = args.collections if args.collections is not None else args._env_collections
    return SandboxConfig(
        host=args.host,
        port=args.port,
        public_base_url=args.public_base_url or None,
        job_seconds=args.job_seconds,
        finished_shape=args.finished_shape,
        running_status=args.running_status,
        callback_request_type=args.callback_request_type,
        length_format=args.length_format,
        api_keys=frozenset(keys) if keys else None,
        seed=args.seed,
        ttl_seconds=args.ttl,
        max_jobs=args.max_jobs,
        collections=frozenset(collections),
        fault_rates=parse_fault_rates(args.fault_rate or ""),
        fault_header=not args.no_fault_header,
        strict=args.strict,
        max_body_bytes=args.max_body_bytes,
        callback_attempts=args.callback_attempts,
        callback_backoff=args.callback_backoff,
        callback_timeout=args.callback_timeout,
        access_log=args.access_log,
        media=args.media,
        media_dir=args.media_dir or None,
        render_workers=args.render_workers,
    )


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """Parse `argv`, run the sandbox until SIGINT or SIGTERM, and return the exit status.

    Raises:
        SystemExit: the options are invalid (status 2) or `--help` was asked for (status 0).
    """
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    try:
        config = config_from_args(args)
    except (ValueError, TypeError) as exc:
        parser.error(str(exc))
    if config.media == "render" and importlib.util.find_spec("av") is None:
        parser.error("rendering media needs PyAV (pip install av); or run with --media off")
    return run(config)
