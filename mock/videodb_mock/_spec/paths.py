"""Routing taken from the spec's `paths`.

The routes are built from the spec's path templates: every template matches with and
without its trailing slash (the spec writes `/generate/video/`, the official clients send
`/generate/video`), and each route knows the methods and operation ids the spec declares.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs

from videodb_mock._spec.document import HTTP_METHODS


@attrs.frozen
class Route:
    """One path template of the spec and the operations declared on it."""

    template: str
    pattern: re.Pattern[str]
    operations: Mapping[str, str]

    @property
    def allow(self) -> str:
        """The value of an `Allow` header for this path: HEAD goes wherever GET does."""
        methods = set(self.operations)
        if "GET" in methods:
            methods.add("HEAD")
        return ", ".join(sorted(methods))


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
