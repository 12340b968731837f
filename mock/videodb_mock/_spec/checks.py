"""Request and response validation against the spec file, with openapi-core.

Why openapi-core and not connexion: openapi-core validates requests *and* responses
against the spec file itself and plugs into Starlette as a library, leaving routing, state
and the error body to us. The API's error body is `{"success": false, "message",
"error_code"}`, and the sandbox needs its own routing (every path with and without its
trailing slash), its own state (jobs over time) and its own 405/404 answers. connexion
imposes its own application structure and answers errors with `application/problem+json`
bodies that the API never sends, so we would fight it on every one of those points.

The validators are built once, when the sandbox starts, with memoising plug-ins (`memo`) so
that what depends only on the spec is built once too; each outcome is remembered on the
exact inputs it depends on, so a repeated request (a poll) is not validated twice.
openapi-core's messages are turned into one line that names the field and the rule, for
example `duration: 9 is greater than the maximum of 8`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.deserializing.media_types.exceptions import MediaTypeDeserializeError
from openapi_core.templating.media_types.exceptions import MediaTypeNotFound
from openapi_core.validation.request import (
    V31RequestBodyValidator,
    V31RequestParametersValidator,
    V31RequestSecurityValidator,
)
from openapi_core.validation.request.exceptions import (
    MissingRequestBody,
    MissingRequestBodyError,
    ParameterValidationError,
    RequestBodyValidationError,
    SecurityValidationError,
)
from openapi_core.validation.schemas.exceptions import InvalidSchemaValue
from openapi_schema_validator import OAS31Validator, oas31_format_checker

from videodb_mock._echo import ECHO_LIMIT, echoed
from videodb_mock._spec.document import HTTP_METHODS, resolve
from videodb_mock._spec.memo import (
    MemoPathFinder,
    MemoSchemaValidators,
    MemoStyleDeserializers,
    Outcomes,
)

#: How many validation outcomes are remembered, and the largest body that is.
MEMO_ENTRIES = 4096
MEMO_BODY_BYTES = 2048


@attrs.frozen
class Problem:
    """Why a request was refused: the status, and the error body's message and code."""

    status: int
    message: str
    error_code: str


@attrs.define
class SpecRequest:
    """A request as openapi-core reads it (its `Request` protocol).

    `path_pattern` is the spec's path template the router matched, so openapi-core does
    not search the paths again, and a path sent without its trailing slash validates as
    the spec's path.
    """

    host_url: str
    path: str
    path_pattern: str
    method: str
    parameters: RequestParameters
    content_type: str = "application/octet-stream"
    body: bytes | None = None

    @property
    def full_url_pattern(self) -> str:
        """The server URL followed by the path template."""
        return self.host_url + self.path_pattern


@attrs.frozen
class SpecResponse:
    """A response as openapi-core reads it (its `Response` protocol)."""

    status_code: int
    content_type: str
    headers: Mapping[str, str]
    data: bytes


def _schema_errors(cause: BaseException | None) -> list[str]:
    if not isinstance(cause, InvalidSchemaValue):
        return []
    lines = []
    for error in cause.schema_errors:
        # jsonschema's errors carry where (`absolute_path`) and what (`message`).
        path = getattr(error, "absolute_path", ())
        where = ".".join(str(part) for part in path) or "body"
        discriminated = _discriminator_error(error)
        if discriminated is not None:
            lines.append(f"{where + '.' if path else ''}{discriminated}")
            continue
        message = getattr(error, "message", None) or _safe_str(error)
        lines.append(f"{where}: {_bounded(message, getattr(error, 'instance', None))}")
    return lines


def _bounded(message: str, instance: Any) -> str:
    """jsonschema's `message`, which quotes the client's value `instance` whole, with that
    value shown as every error shows what a client sent (`echoed`)."""
    quoted = repr(instance)
    if len(quoted) > ECHO_LIMIT:
        message = message.replace(quoted, echoed(quoted))
    return echoed(message, 4 * ECHO_LIMIT)


def _discriminator_error(error: Any) -> str | None:
    """The problem with a body whose discriminating property (`audio_type`) is missing or names
    no schema, naming that property; `None` for any other error. (The validator's own message
    quotes the whole body and names no field.)"""
    schema = getattr(error, "schema", None)
    if not isinstance(schema, Mapping) or not isinstance(schema.get("discriminator"), Mapping):
        return None
    if getattr(error, "context", None):
        return None  # an error inside the chosen schema: described as any other
    discriminator = schema["discriminator"]
    name = discriminator.get("propertyName", "type")
    instance = getattr(error, "instance", None)
    value = instance.get(name) if isinstance(instance, Mapping) else None
    expected = ", ".join(discriminator.get("mapping", {}))
    if not isinstance(instance, Mapping):
        return None
    if value is None:
        return f"{name}: a required property, one of {expected}"
    return f"{name}: {echoed(repr(value))} is not one of {expected}"


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # some openapi-core messages fail on undecodable bodies
        return type(exc).__name__


def describe_request_error(error: BaseException) -> Problem:
    """Turn an openapi-core request error into the problem the client is told about."""
    if isinstance(error, SecurityValidationError):
        return Problem(401, "Invalid API key: send it in the x-access-token header", "unauthorized")
    cause = error.__cause__
    if isinstance(error, ParameterValidationError):
        details = _schema_errors(cause)
        reason = "; ".join(details) if details else _safe_str(cause or error)
        return Problem(400, f"{error.name} ({error.location}): {reason}", "invalid_request")
    if isinstance(error, MissingRequestBodyError):
        return Problem(400, "body: a JSON request body is required", "invalid_request")
    if isinstance(error, RequestBodyValidationError):
        return _describe_body_error(error, cause)
    return Problem(400, f"request: {_safe_str(error)}", "invalid_request")


def _describe_body_error(error: BaseException, cause: BaseException | None) -> Problem:
    if isinstance(cause, MediaTypeNotFound):
        expected = ", ".join(cause.availableMimetypes)
        message = f"content-type: {cause.mimetype} is not accepted; send {expected}"
    elif isinstance(cause, MediaTypeDeserializeError):
        message = "body: not valid JSON"
    else:
        message = "; ".join(_schema_errors(cause)) or f"body: {_safe_str(error)}"
    return Problem(400, message, "invalid_request")


def _named_inputs(spec: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The header and cookie names the spec validates (parameters and API key schemes)."""
    headers: set[str] = set()
    cookies: set[str] = set()
    for item in spec.get("paths", {}).values():
        parameters = list(item.get("parameters", []))
        for method in HTTP_METHODS:
            parameters += item.get(method, {}).get("parameters", [])
        for parameter in parameters:
            found = resolve(spec, parameter)
            if found.get("in") == "header":
                headers.add(str(found["name"]).lower())
            elif found.get("in") == "cookie":
                cookies.add(str(found["name"]))
    for declared in spec.get("components", {}).get("securitySchemes", {}).values():
        scheme = resolve(spec, declared)
        if scheme.get("type") == "http":
            headers.add("authorization")
        elif scheme.get("in") == "header":
            headers.add(str(scheme["name"]).lower())
        elif scheme.get("in") == "cookie":
            cookies.add(str(scheme["name"]))
    return tuple(sorted(headers)), tuple(sorted(cookies))


#: A memo key's stand-in for path parameter values that their schemas accept.
_VALID_PATH = ("valid path parameters",)


def _string_path_validators(
    spec: Mapping[str, Any],
) -> dict[tuple[str, str], dict[str, OAS31Validator]]:
    """For each (method, path template) whose path parameters are all plain strings, a
    validator of each parameter's schema, compiled from the spec.

    openapi-core's outcome for the parameters part depends on a plain string path parameter
    only through its schema: once these validators accept the values, any other accepted
    values give the same outcome, so the memo need not tell them apart. A new job id in each
    poll would otherwise miss the memo every time.
    """
    found: dict[tuple[str, str], dict[str, OAS31Validator]] = {}
    for template, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method not in item:
                continue
            declared = [resolve(spec, p) for p in item.get("parameters", [])]
            declared += [resolve(spec, p) for p in item[method].get("parameters", [])]
            in_path = [p for p in declared if p.get("in") == "path"]
            schemas = [resolve(spec, p.get("schema", {})) for p in in_path]
            if not in_path or any(s.get("type") != "string" or "$ref" in str(s) for s in schemas):
                continue
            found[(method, template)] = {
                str(p["name"]): OAS31Validator(dict(s), format_checker=oas31_format_checker)
                for p, s in zip(in_path, schemas, strict=True)
            }
    return found


def _first_problem(errors: Iterable[BaseException]) -> Problem | None:
    for error in errors:
        # A missing body that is not required is no problem (as openapi-core's request
        # validator has it); a missing required body is `MissingRequiredRequestBody`.
        if isinstance(error, MissingRequestBody):
            continue
        return describe_request_error(error)
    return None


def _body_discriminators(spec: Mapping[str, Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    """The discriminators of the JSON request bodies' schemas, by method and path template."""
    found = {}
    for template, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, Mapping) or "requestBody" not in operation:
                continue
            body = resolve(spec, operation["requestBody"])
            media = body.get("content", {}).get("application/json", {})
            schema = resolve(spec, media.get("schema", {}))
            if isinstance(schema.get("discriminator"), Mapping):
                found[(method, template)] = schema["discriminator"]
    return found


def _unhashable_discriminator(
    body: bytes | None, discriminator: Mapping[str, Any]
) -> Problem | None:
    """The problem with a JSON `body` whose discriminating property is a list or an object,
    which openapi-core's validator cannot look up (it fails with a `TypeError`)."""
    if body is None:
        return None
    try:
        value = json.loads(body)
    except ValueError:
        return None  # the body's own check says what is wrong
    name = discriminator.get("propertyName", "type")
    if not isinstance(value, dict) or not isinstance(value.get(name), list | dict):
        return None
    expected = ", ".join(discriminator.get("mapping", {}))
    shown = json.dumps(value[name])
    shown = shown if len(shown) <= 80 else f"{shown[:77]}..."
    return Problem(400, f"{name}: {shown} is not one of {expected}", "invalid_request")


class SpecValidator:
    """openapi-core's request and response validators for one spec, built once.

    A request is checked as openapi-core's request validator does it: security first, then
    the parameters, then the body, and the first problem found is the answer. Each of the
    three parts is checked by openapi-core's own validator for it, and its outcome is
    remembered (a bounded LRU memo) keyed on every input that part reads: method and path
    template, and the API key headers and cookies (security); the path parameters, query,
    and the headers and cookies the spec names (parameters); content type and body (body).
    A request that differs in any input a part reads is validated anew by that part.

    Raises:
        ValueError: the document is not OpenAPI 3.1.
    """

    def __init__(self, spec: Mapping[str, Any]) -> None:
        if not str(spec.get("openapi", "")).startswith("3.1"):
            raise ValueError("the sandbox validates OpenAPI 3.1 documents")
        config = Config(
            path_finder_cls=MemoPathFinder,
            schema_validators_factory=MemoSchemaValidators(),
            style_deserializers_factory=MemoStyleDeserializers(),
        )
        self._openapi = OpenAPI.from_dict(dict(spec), config=config)
        servers = spec.get("servers") or [{"url": "/"}]
        #: Requests are validated as if sent to the spec's first server, whatever the
        #: sandbox's own address is.
        self.server_url: str = str(servers[0]["url"]).rstrip("/")
        self._security = self._part(V31RequestSecurityValidator)
        self._parameters = self._part(V31RequestParametersValidator)
        self._body = self._part(V31RequestBodyValidator)
        self._responses = self._openapi.response_validator
        self._headers, self._cookies = _named_inputs(spec)
        self._path_validators = _string_path_validators(spec)
        self._discriminators = _body_discriminators(spec)
        self._outcomes = Outcomes(MEMO_ENTRIES)

    def _part(self, cls: Any) -> Any:
        config = self._openapi.config
        return cls(
            self._openapi.spec,
            base_url=config.server_base_url,
            style_deserializers_factory=config.style_deserializers_factory,
            media_type_deserializers_factory=config.media_type_deserializers_factory,
            schema_casters_factory=config.schema_casters_factory,
            schema_validators_factory=config.schema_validators_factory,
            path_finder_cls=config.path_finder_cls,
            extra_format_validators=config.extra_format_validators,
            extra_media_type_deserializers=config.extra_media_type_deserializers,
            security_provider_factory=config.security_provider_factory,
        )

    def make_request(
        self,
        *,
        method: str,
        path: str,
        path_pattern: str,
        path_params: Mapping[str, str],
        query: Mapping[str, Any],
        headers: Mapping[str, str],
        cookies: Mapping[str, str],
        content_type: str | None,
        body: bytes | None,
    ) -> SpecRequest:
        """A request for openapi-core; `path_pattern` is the spec's template for `path`."""
        return SpecRequest(
            host_url=self.server_url,
            path=path,
            path_pattern=path_pattern,
            method=method.lower(),
            parameters=RequestParameters(
                query=query, header=headers, cookie=cookies, path=dict(path_params)
            ),
            content_type=content_type or "application/octet-stream",
            body=body,
        )

    def check_request(self, request: SpecRequest) -> Problem | None:
        """The first problem openapi-core finds with `request`, or `None` if it is valid."""
        parameters = request.parameters
        query = parameters.query
        items = tuple(query.multi_items() if hasattr(query, "multi_items") else query.items())
        headers = tuple(parameters.header.get(name) for name in self._headers)
        cookies = tuple(parameters.cookie.get(name) for name in self._cookies)
        where = (request.method, request.path_pattern)
        body = request.body
        body_key = None
        if body is None or len(body) <= MEMO_BODY_BYTES:
            body_key = ("body", where, request.content_type, body)
        for key, part in (
            (("security", where, items, headers, cookies), self._security),
            (
                (
                    "parameters",
                    where,
                    self._path_key(where, parameters.path),
                    items,
                    headers,
                    cookies,
                ),
                self._parameters,
            ),
            (body_key, self._body),
        ):
            if part is self._body and where in self._discriminators:
                problem = _unhashable_discriminator(body, self._discriminators[where])
                if problem is not None:
                    return problem
            problem = self._check(key, part, request)
            if problem is not None:
                return problem
        return None

    def check_body(self, method: str, path: str, body: bytes) -> Problem | None:
        """The first problem openapi-core finds with `body` as the JSON body of `method path`
        (a path with no parameters), or `None`: for a document a request names rather than
        sends (an uploaded timeline)."""
        request = self.make_request(
            method=method,
            path=path,
            path_pattern=path,
            path_params={},
            query={},
            headers={},
            cookies={},
            content_type="application/json",
            body=body,
        )
        return self._check(None, self._body, request)

    def _path_key(self, where: tuple[str, str], values: Mapping[str, Any]) -> tuple[Any, ...]:
        """The path parameters' part of a memo key: `_VALID_PATH` when their schemas accept
        them (see `_string_path_validators`), else the values themselves."""
        validators = self._path_validators.get(where)
        if (
            validators is not None
            and validators.keys() == values.keys()
            and all(validators[name].is_valid(value) for name, value in values.items())
        ):
            return _VALID_PATH
        return tuple(values.items())

    def _check(
        self, key: tuple[Any, ...] | None, part: Any, request: SpecRequest
    ) -> Problem | None:
        """One part's problem with `request`, remembered under `key` (`None`: not remembered)."""

        def check() -> Problem | None:
            return _first_problem(part.iter_errors(request))

        if key is None:
            return check()
        outcome: Problem | None = self._outcomes.get(key, check)
        return outcome

    def check_response(self, request: SpecRequest, response: SpecResponse) -> list[str]:
        """Every way `response` breaks the spec, as readable lines; empty when it is valid."""
        return [_describe_response_error(e) for e in self._responses.iter_errors(request, response)]


def _describe_response_error(error: BaseException) -> str:
    details = _schema_errors(error.__cause__)
    head = _safe_str(error)
    return f"{head}: {'; '.join(details)}" if details else head


def describe_all(lines: Iterable[str]) -> str:
    """Join violation lines into one message."""
    return " | ".join(lines)
