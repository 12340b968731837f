"""The spec file shipped with the sandbox, and how to look things up in it."""

from __future__ import annotations

import importlib.resources
from collections.abc import Mapping
from typing import Any

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
