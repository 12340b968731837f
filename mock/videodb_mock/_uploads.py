"""Serving upload URLs (`getUploadUrl`) over HTTP, outside the API's paths.

An upload URL is presigned, as an object store's is: it takes one file without the API key,
POSTed as `multipart/form-data` in the field `file`, as the official client sends it. Its body
is bounded as any request's (`max_body_bytes`), and every refusal carries the API's JSON error
body: 403 for a URL not signed, tampered with or expired, 400 for a body too large or not such
a form, 409 for a second file that differs from the first, 404 for a path that is no upload
URL. Answers allow any origin (CORS), so a page on another port can upload too.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import AsyncGenerator

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from videodb_mock._body import read_body
from videodb_mock._echo import echoed
from videodb_mock._state.bodies import error
from videodb_mock._state.signing import UrlSigner
from videodb_mock._state.uploads import PATH, Uploads

FIELD = "file"
ALLOWED = "POST, OPTIONS"
#: Fields besides the file that a form may hold (an object store's forms carry a few).
MAX_FIELDS = 16
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": ALLOWED,
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "600",
}
_FORM = "multipart/form-data"


def _error(status: int, message: str, code: str, **headers: str) -> Response:
    return JSONResponse(error(message, code), status, headers={**CORS, **headers})


def _bad_body(message: str) -> Response:
    return _error(400, f"body: {message}", "invalid_request")


async def _once(body: bytes) -> AsyncGenerator[bytes, None]:
    yield body


class UploadRoutes:
    """Answers requests to `/uploads/...`: keeps the file POSTed to a URL `signer` signed in
    `uploads`, refusing bodies over `max_body_bytes`."""

    def __init__(self, uploads: Uploads, signer: UrlSigner, max_body_bytes: int) -> None:
        self._uploads = uploads
        self._signer = signer
        self._limit = max_body_bytes

    async def respond(self, request: Request) -> Response:
        """The answer to `request`, whose path starts with `/uploads/`."""
        if request.method == "OPTIONS":
            return Response(status_code=204, headers=CORS)
        upload_id = self._target(request)
        if isinstance(upload_id, Response):
            return upload_id
        file = await self._file(request)
        if isinstance(file, Response):
            return file
        name, content = file
        if not self._uploads.put(upload_id, name, content):
            return _error(
                409,
                "This upload URL has taken another file already: ask getUploadUrl for a new one",
                "conflict",
            )
        data = {"id": upload_id, "name": name, "bytes": len(content)}
        return JSONResponse({"success": True, "data": data}, headers=CORS)

    def _target(self, request: Request) -> str | Response:
        """The id of the upload URL `request` POSTs to, or the answer refusing it."""
        method, path = request.method, request.url.path
        if method != "POST":
            return _error(
                405,
                f"Method {method} is not allowed on an upload URL; allowed: {ALLOWED}",
                "method_not_allowed",
                Allow=ALLOWED,
            )
        match = PATH.fullmatch(path)
        if match is None:
            return _error(404, f"Not found: no upload URL {echoed(path)}", "not_found")
        params = urllib.parse.parse_qs(request.url.query, keep_blank_values=True)
        expires, signature = (params.get(name, [None])[-1] for name in ("expires", "signature"))
        refusal = self._signer.refusal(path, expires, signature, ask="getUploadUrl")
        if refusal is not None:
            return _error(403, f"Forbidden: {refusal}", "forbidden")
        return match[1]

    async def _file(self, request: Request) -> tuple[str, bytes] | Response:
        """The name and bytes of the file `request` posts, or the answer refusing it."""
        body = await read_body(request, self._limit)
        if body is None:
            return _bad_body(f"larger than {self._limit} bytes")
        media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
        if media_type != _FORM:
            return _bad_body(f"expected {_FORM} with the file in the field {FIELD!r}")
        parser = MultiPartParser(
            request.headers,
            _once(body),
            max_files=1,
            max_fields=MAX_FIELDS,
            max_part_size=self._limit,
        )
        try:
            form = await parser.parse()
        except MultiPartException as exc:
            return _bad_body(f"not a valid {_FORM} form ({exc.message})")
        try:
            file = form.get(FIELD)
            if not isinstance(file, UploadFile):
                return _bad_body(f"the form has no file in the field {FIELD!r}")
            return file.filename or "", await file.read()
        finally:
            await form.close()
