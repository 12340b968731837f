"""The offline VideoDB sandbox: a stateful server of the API's generate-video workflow.

Run it with `videodb-gen mock` or `python -m videodb_mock`, or in-process::

    import httpx
    import videodb_mock

    app = videodb_mock.create_app(videodb_mock.SandboxConfig(job_seconds=0, strict=True))
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sandbox")

With `SandboxConfig(media="render")` (the command's default) every video is rendered: an
H.264 HLS stream, a JPEG thumbnail and a player page. `time_render(8)` measures how long
rendering an 8-second video takes on this machine.
"""

from videodb_mock._app import ConnectionDropped, SandboxApp, create_app
from videodb_mock._command import main
from videodb_mock._media.render import time_render
from videodb_mock._server import run, serve
from videodb_mock._settings import SandboxConfig, parse_fault_rates
from videodb_mock._spec.document import load_spec
from videodb_mock._state.faults import HEADER as FAULT_HEADER
from videodb_mock._state.faults import FaultError, Faults, parse_faults
from videodb_mock._state.sandbox import Sandbox

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
    "time_render",
]
