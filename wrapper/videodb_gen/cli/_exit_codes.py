"""The `videodb-gen` command's exit codes, and the one-line message for each expected error.

| code | meaning |
|---|---|
| 0 | success |
| 1 | `mock` only: the sandbox could not start (for example, the port is in use) |
| 2 | bad input: an invalid argument or option, or a usage error; nothing was sent |
| 3 | API error: the generation failed, not found, rate limited, a server or connection error |
| 4 | authentication: the API key is missing or was rejected |
| 5 | timeout: the job did not finish within `--timeout`; it may still finish |
| 130 | interrupted (Ctrl-C) while waiting; the job keeps running |
| 143 | terminated (SIGTERM) while waiting; the job keeps running |

SIGTERM stops a command as Ctrl-C does (the job id and how to resume are printed), with the
shell's own convention for each signal: 128 + 2 for SIGINT, 128 + 15 for SIGTERM.
"""

from __future__ import annotations

from enum import IntEnum

from .._exceptions import (
    APIError,
    AuthenticationError,
    GenerationFailedError,
    GenerationTimeoutError,
    InvalidInputError,
    VideoDBError,
)

__all__ = [
    "EXIT_CODES",
    "ExitCode",
    "MissingKeyError",
    "UnusableAnswerError",
    "describe",
    "exit_code_for",
    "exit_code_table",
]


class MissingKeyError(InvalidInputError):
    """No API key was given: an authentication failure (exit 4), where a key that cannot be
    sent (a stray newline from a .env file, say) is bad input (exit 2)."""


class UnusableAnswerError(VideoDBError):
    """The API sent a value (an id, a URL) the SDK refuses to send back to it: the API's
    fault, so an API error (exit 3), not the bad input (exit 2) the SDK's check would say."""


class ExitCode(IntEnum):
    """What the command's exit status means."""

    OK = 0
    SANDBOX_FAILED = 1
    BAD_INPUT = 2
    API_ERROR = 3
    AUTHENTICATION = 4
    TIMEOUT = 5
    INTERRUPTED = 130
    TERMINATED = 143


EXIT_CODES: tuple[tuple[ExitCode, str], ...] = (
    (ExitCode.OK, "success"),
    (ExitCode.SANDBOX_FAILED, "mock only: the sandbox could not start (e.g. the port is in use)"),
    (ExitCode.BAD_INPUT, "bad input: an invalid argument or a usage error; nothing was sent"),
    (
        ExitCode.API_ERROR,
        "API error: the generation failed, not found, rate limited, server or connection error",
    ),
    (ExitCode.AUTHENTICATION, "authentication: the API key is missing or was rejected"),
    (ExitCode.TIMEOUT, "timeout: the job did not finish within --timeout (it may still finish)"),
    (ExitCode.INTERRUPTED, "interrupted (Ctrl-C) while waiting; the job keeps running"),
    (ExitCode.TERMINATED, "terminated (SIGTERM) while waiting; the job keeps running"),
)

# The SDK names arguments as Python does; the command names them as the user typed them.
_CLI_NAMES = {
    "prompt": "PROMPT",
    "duration": "--duration",
    "callback_url": "--callback-url",
    "timeout": "--timeout",
    "collection_id": "--collection",
    "base_url": "--base-url",
    "api_key": "--api-key",
    "job_id": "JOB_ID",
    "video_id": "VIDEO_ID",
    "aspect_ratio": "--aspect-ratio",
    "output": "-o/--output",
    "model_name": "--model",
    "max_tokens": "--max-tokens",
    "temperature": "--temperature",
    "text": "TEXT",
    "voice_name": "--voice-name",
    "config": "--config",
    "language_code": "LANGUAGE",
    "timeline": "--part",
    "time": "--time",
    "name": "--name",
    "concurrency": "--concurrency",
}


def exit_code_table() -> str:
    """The exit codes as an indented table, for the end of `--help`."""
    rows = "\n".join(f"  {int(code):<5}{meaning}" for code, meaning in EXIT_CODES)
    return f"exit codes:\n{rows}"


def exit_code_for(error: VideoDBError) -> ExitCode:
    """The exit status for an error the SDK raised (or the command raised in its name)."""
    if isinstance(error, InvalidInputError):
        missing = isinstance(error, MissingKeyError)
        return ExitCode.AUTHENTICATION if missing else ExitCode.BAD_INPUT
    if isinstance(error, AuthenticationError):
        return ExitCode.AUTHENTICATION
    if isinstance(error, GenerationTimeoutError):
        return ExitCode.TIMEOUT
    return ExitCode.API_ERROR


def describe(error: VideoDBError) -> str:
    """One line that says what went wrong, in the command's terms; never the API key."""
    if isinstance(error, InvalidInputError):
        return f"{_CLI_NAMES.get(error.field, error.field)} {error.rule}"
    if isinstance(error, AuthenticationError):
        return f"the API key was rejected ({error})"
    if isinstance(error, GenerationTimeoutError):
        return f"job {error.job_id} did not finish within {error.timeout:g} s"
    if isinstance(error, GenerationFailedError):
        code = f" [{error.error_code}]" if error.error_code else ""
        return f"job {error.job_id} failed: {error.message}{code}"
    if isinstance(error, APIError):
        return str(error)
    return error.message
