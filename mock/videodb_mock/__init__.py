"""The offline VideoDB sandbox: a stateful server of the API's generation workflows.

Run it with `videodb-gen mock` or `python -m videodb_mock`, or in-process::

    import httpx
    import videodb_mock

    app = videodb_mock.create_app(videodb_mock.SandboxConfig(job_seconds=0, strict=True))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sandbox")

With `SandboxConfig(media="render")` (the command's default) every video's media can be
fetched: an H.264 HLS stream, a JPEG thumbnail and a player page, rendered in worker processes
when they are first fetched. `time_render(8)` measures how long rendering a whole 8-second
video takes on this machine, and `time_image("1:1")` one generated image.

The names below are imported when first used, so a module of the package (a render worker
process, the `videodb-gen` command) loads only what it needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from videodb_mock._app import ConnectionDropped, SandboxApp, create_app
    from videodb_mock._command import main
    from videodb_mock._media.render import time_image, time_render
    from videodb_mock._server import run, serve
    from videodb_mock._settings import SandboxConfig, parse_fault_rates
    from videodb_mock._spec.document import load_spec
    from videodb_mock._state.faults import HEADER as FAULT_HEADER
    from videodb_mock._state.faults import FaultError, Faults, parse_faults
    from videodb_mock._state.sandbox import Sandbox

#: Where each public name is defined, as (module, name there).
_EXPORTS = {
    "FAULT_HEADER": ("videodb_mock._state.faults", "HEADER"),
    "ConnectionDropped": ("videodb_mock._app", "ConnectionDropped"),
    "FaultError": ("videodb_mock._state.faults", "FaultError"),
    "Faults": ("videodb_mock._state.faults", "Faults"),
    "Sandbox": ("videodb_mock._state.sandbox", "Sandbox"),
    "SandboxApp": ("videodb_mock._app", "SandboxApp"),
    "SandboxConfig": ("videodb_mock._settings", "SandboxConfig"),
    "create_app": ("videodb_mock._app", "create_app"),
    "load_spec": ("videodb_mock._spec.document", "load_spec"),
    "main": ("videodb_mock._command", "main"),
    "parse_fault_rates": ("videodb_mock._settings", "parse_fault_rates"),
    "parse_faults": ("videodb_mock._state.faults", "parse_faults"),
    "run": ("videodb_mock._server", "run"),
    "serve": ("videodb_mock._server", "serve"),
    "time_image": ("videodb_mock._media.render", "time_image"),
    "time_render": ("videodb_mock._media.render", "time_render"),
}

__all__ = [
    "FAULT_HEADER",
    "ConnectionDropped",
    "FaultError",
    "Faults",
    "Sandbox",
    "SandboxApp",
    "SandboxConfig",
    "create_app",
    "load_spec",
    "main",
    "parse_fault_rates",
    "parse_faults",
    "run",
    "serve",
    "time_image",
    "time_render",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use.

    Raises:
        AttributeError: the package has no such name.
    """
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'videodb_mock' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
