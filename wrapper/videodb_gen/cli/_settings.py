"""What the API subcommands read alike from their options and the environment: where the API
is (``--base-url``, then ``VIDEO_DB_BASE_URL``), its key (``--api-key``, then
``VIDEO_DB_API_KEY``), and ``--timeout``; each checked before any request."""

from __future__ import annotations

import argparse
import os

from .._arguments import check_api_key, check_base_url, check_seconds
from .._options import API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL
from ._exit_codes import MissingKeyError

__all__ = ["api_key", "base_url"]


def base_url(args: argparse.Namespace) -> str:
    """The API's URL, checked, and ``--timeout`` checked where the command has it.

    Raises:
        InvalidInputError: One of them breaks its rule.
    """
    url = args.base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    if getattr(args, "timeout", None) is not None:
        check_seconds("timeout", args.timeout)
    return check_base_url("base_url", url)


def api_key(args: argparse.Namespace) -> str:
    """The API key, checked; look it up after every other check (a missing key is exit 4).

    Raises:
        MissingKeyError: There is none.
        InvalidInputError: It cannot be sent as it is.
    """
    key = args.api_key if args.api_key is not None else os.environ.get(API_KEY_ENV)
    if key is None or not key.strip():
        raise MissingKeyError("api_key", f"is required: pass --api-key or set {API_KEY_ENV}")
    return check_api_key(key)
