"""schemathesis hooks used only against Prism, for two defects of Prism 5.14.2 itself.

Loaded with SCHEMATHESIS_HOOKS=tests.contract.prism_hooks; the sandbox and real servers get every
generated request.
"""

from __future__ import annotations

from typing import Any

import schemathesis


def _latin1(name: str) -> bool:
    try:
        name.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _latin1_keys(value: Any) -> bool:
    """Whether every property name in `value`, at any depth, is Latin-1."""
    if isinstance(value, dict):
        return all(_latin1(str(key)) and _latin1_keys(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_latin1_keys(item) for item in value)
    return True


@schemathesis.hook
def filter_body(ctx: Any, body: Any) -> bool:
    """Keep only bodies Prism can answer within the spec.

    - Raw bytes (a body that is not JSON): Prism answers 400 with its own error shape
      `{"error": {...}}`, not the spec's, which would be Prism's finding, not ours.
    - An object with a property name outside Latin-1, at any depth (the Editor's timelines
      nest objects): Prism crashes on it (the process dies).
    """
    if isinstance(body, bytes):
        return False
    return _latin1_keys(body)
