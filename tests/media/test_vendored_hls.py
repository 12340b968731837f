"""The hls.js the sandbox serves is the one the npm lockfile pins, byte for byte, with its
license, so the player page works from an installed wheel without npm."""

from __future__ import annotations

import json

from videodb_mock._media.player import HLS_JS

from tests._servers import ROOT

NPM_PACKAGE = ROOT / "mock" / "node_modules" / "hls.js"


def test_the_vendored_hls_js_is_the_locked_version_unchanged() -> None:
    lock = json.loads((ROOT / "mock" / "package-lock.json").read_text())
    locked = lock["packages"]["node_modules/hls.js"]["version"]
    installed = json.loads((NPM_PACKAGE / "package.json").read_text())["version"]
    assert installed == locked, "run `npm ci` in mock/"
    assert HLS_JS.read_bytes() == (NPM_PACKAGE / "dist" / "hls.min.js").read_bytes()
    assert (HLS_JS.parent / "LICENSE").read_bytes() == (NPM_PACKAGE / "LICENSE").read_bytes()
