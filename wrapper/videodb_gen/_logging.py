"""What the SDK logs, through the stdlib logger ``videodb_gen``, and ``VIDEODB_LOG``.

With ``VIDEODB_LOG=info`` (or ``debug``) in the environment the SDK puts a handler on stderr
on its logger at import, as openai-python does with ``OPENAI_LOG``; without it the SDK adds no
handler and the application's logging configuration decides, as for any library.

- INFO: one line per HTTP request (each attempt of a call): method, path, status (or the
  error that stopped it), time in ms, the retries before it and the server's request id.
- DEBUG: also why and how long the SDK waits before a retry, and each poll of a job it waits
  for.

Nothing logged holds the API key: no request header is ever formatted into a message, and
paths are the ones requested (the key is a header, never in a URL). Each line's values are
also the record's attributes (``method``, ``path``, ``status``, ``elapsed_ms``, ``retries``,
``request_id``) for log processors.

Logging off costs one `Logger.isEnabledFor` check per request (the logging module caches its
answer), and no string is built.
"""

import logging
import os
import sys
import warnings
from collections.abc import Mapping
from typing import Any

from ._exceptions import request_id_of
from ._http import CallContext
from ._operations import Operation
from ._outcomes import _where as where
from ._outcomes import sent_error

logger = logging.getLogger("videodb_gen")

ENV_VAR = "VIDEODB_LOG"
LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_FORMAT = "[%(asctime)s %(name)s %(levelname)s] %(message)s"


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler ``VIDEODB_LOG`` adds, told apart so that it is added only once."""


def setup_from_env(environ: Mapping[str, str] = os.environ) -> int | None:
    """Log to stderr at the level ``VIDEODB_LOG`` names (``debug`` or ``info``, any case).

    Returns:
        The level set, or None when the variable is unset or empty (nothing is changed).

    Warns:
        RuntimeWarning: The variable holds another value; it is ignored.
    """
    value = environ.get(ENV_VAR, "").strip()
    if not value:
        return None
    level = LEVELS.get(value.lower())
    if level is None:
        rule = f"{ENV_VAR}: must be one of {', '.join(LEVELS)}, got {value[:40]!r}; ignored"
        warnings.warn(rule, RuntimeWarning, stacklevel=2)
        return None
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        logger.addHandler(handler)
    logger.setLevel(level)
    return level


def request(op: Operation[Any], call: CallContext, seconds: float, retries: int) -> None:
    """The INFO line of one HTTP request (an attempt): ``GET /collection/default -> 200 in
    1.2 ms, retries 0, request id req-...``."""
    if not logger.isEnabledFor(logging.INFO):
        return
    at, answer = where(op, call), call.response
    error = sent_error(call)
    status: int | str
    if answer is not None and error is None:
        status = answer.status_code
    else:
        status = type(error or call.error).__name__
    request_id = None if answer is None or error else request_id_of(answer.headers)
    fields = {
        "method": at["method"],
        "path": at["path"],
        "status": status,
        "elapsed_ms": round(seconds * 1000, 1),
        "retries": retries,
        "request_id": request_id,
    }
    line = "%s %s -> %s in %.1f ms, retries %d"
    args: tuple[object, ...] = (at["method"], at["path"], status, seconds * 1000, retries)
    if request_id:
        line, args = f"{line}, request id %s", (*args, request_id)
    logger.info(line, *args, extra=fields)


def retrying(op: Operation[Any], call: CallContext, delay: float, retry: int, most: int) -> None:
    """The DEBUG line before a retry: which request, after how long, and which retry."""
    if logger.isEnabledFor(logging.DEBUG):
        at = where(op, call)
        line = "retrying %s %s in %.2f s (retry %d of %d)"
        logger.debug(line, at["method"], at["path"], delay, retry, most)


def polling(job_id: str, status: str, percentage: float | None, delay: float) -> None:
    """The DEBUG line of a job being waited for, before the next poll."""
    if logger.isEnabledFor(logging.DEBUG):
        done = "" if percentage is None else f" {percentage:g}%"
        logger.debug("job %s %s%s; next poll in %.2f s", job_id, status, done, delay)
