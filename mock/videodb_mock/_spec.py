"""The spec file, and routing taken from its `paths`.

The routes are built from the spec's path templates: every template matches with and
without its trailing slash (the spec writes `/generate/video/`, the official clients send
`/generate/video`), and each route knows the methods and operation ids the spec declares.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Mapping
from typing import Any

import attrs
import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def load_spec() -> dict[str, Any]:
    """The OpenAPI document shipped with the package, parsed.

    Raises:
        OSError: the spec file is missing from the installation.
        yaml.YAMLError: the file is not YAML.
    """
    text = (importlib.resources.files("videodb_mock") / "videodb.yaml").read_text("utf-8")
    spec = yaml.safe_load(text)
    if not isinstance(spec, dict):
        raise ValueError("the spec file does not hold an OpenAPI document")
    return spec


@attrs.frozen
class Route:
    """One path template of the spec and the operations declared on it."""

    template: str
    pattern: re.Pattern[str]
    operations: Mapping[str, str]

    @property
    def allow(self) -> str:
        """The value of an `Allow` header for this path."""
        return ", ".join(sorted(self.operations))


@attrs.frozen
class Match:
    """A request path matched to a route, with the path parameters' values."""

    route: Route
    params: dict[str, str]


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}/]+\})", template.rstrip("/"))
    regex = "".join(
        f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("{") else re.escape(part) for part in parts
    )
    return re.compile(f"^{regex}/?$")


class Router:
    """Matches request paths to the spec's path templates."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        routes = []
        for template, item in spec.get("paths", {}).items():
            operations = {
                method.upper(): str(operation.get("operationId", f"{method} {template}"))
                for method, operation in item.items()
                if method in HTTP_METHODS
            }
            routes.append(Route(template, _pattern(template), operations))
        # Literal paths before templated ones, then fewer parameters first.
        routes.sort(key=lambda route: route.template.count("{"))
        self.routes: tuple[Route, ...] = tuple(routes)

    def match(self, path: str) -> Match | None:
        """The route `path` belongs to, or `None` when the spec has no such path."""
        for route in self.routes:
            found = route.pattern.match(path)
            if found is not None:
                return Match(route, found.groupdict())
        return None


def resolve(spec: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    """`node`, or what its local `$ref` (`#/components/...`) points to.

    Raises:
        KeyError: the reference points nowhere.
    """
    while "$ref" in node:
        target: Any = spec
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def find_operation(spec: Mapping[str, Any], operation_id: str) -> Mapping[str, Any]:
    """The operation whose `operationId` is `operation_id`.

    Raises:
        KeyError: the spec has no such operation.
    """
    for item in spec.get("paths", {}).values():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is not None and operation.get("operationId") == operation_id:
                return dict(operation)
    raise KeyError(operation_id)
