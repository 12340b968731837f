"""Downloading a generated file from its signed URL, for `-o FILE`.

A signed URL carries its own authority and may be on another origin than the API (a CDN), so
it is fetched with a plain HTTP client: the API key is never sent with it. The file is written
beside its destination and moved into place only once complete, so an interrupted download
never leaves a truncated file under the name asked for; it gets the permissions of any new file
(the umask's), not the owner-only ones of a temporary file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from .._arguments import check_http_url
from .._exceptions import APIConnectionError, APIStatusError, InvalidInputError

__all__ = ["check_destination", "download"]


def check_destination(field: str, path: str) -> Path:
    """A file to write: its directory exists and it is not a directory itself.

    Raises:
        InvalidInputError: It cannot be written there.
    """
    destination = Path(path)
    if destination.is_dir():
        raise InvalidInputError(field, f"must be a file name, {path!r} is a directory")
    if not destination.parent.is_dir():
        raise InvalidInputError(field, f"must be in an existing directory, got {path!r}")
    return destination


def _umask() -> int:
    """The process's umask (reading it means setting it; the command runs one thread)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def download(url: str, destination: Path, *, timeout: float = 60.0) -> int:
    """Fetch `url` without the API key into `destination`; returns the bytes written.

    Raises:
        APIStatusError: The URL answered with an error status (for example 403 once expired).
        APIConnectionError: It could not be reached.
    """
    check_http_url("signed_url", url)
    path = urlsplit(url).path  # not the query: it is the signature
    handle, partial = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.")
    try:
        os.chmod(partial, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as out, httpx.stream("GET", url, timeout=timeout) as answer:
            if answer.status_code != httpx.codes.OK:
                answer.read()
                message = f"the download was refused ({answer.reason_phrase})"
                raise APIStatusError(
                    message,
                    method="GET",
                    path=path,
                    status_code=answer.status_code,
                    body=answer.text[:200],
                )
            for chunk in answer.iter_bytes():
                out.write(chunk)
        os.replace(partial, destination)
    except httpx.HTTPError as error:
        raise APIConnectionError(
            f"the download failed ({error})", method="GET", path=path
        ) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
    return destination.stat().st_size
