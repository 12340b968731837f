"""`videodb-gen spec` and `videodb-gen contract`: the spec shipped in the package, and
schemathesis run with it against any server, from an installed package (no clone needed).

The contract run is schemathesis's own command line (`python -m schemathesis.cli`) with the
shipped spec and configuration, every check, and a JUnit report. It is read-only by default:
operations the spec marks ``x-billable: true`` (they start paid work on the real API) run only
with ``--billable``. schemathesis and PyYAML come with the ``contract`` extra
(``pip install 'videodb-gen[contract]'``) and are imported only here.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import attrs

from .._arguments import check_base_url
from .._exceptions import InvalidInputError
from .._options import API_KEY_ENV
from . import _settings as settings
from ._download import check_destination
from ._exit_codes import ExitCode, describe, exit_code_for
from ._output import hint, print_error

__all__ = ["billable_operations", "contract", "spec", "spec_text"]

SPEC = "openapi.yaml"
CONFIG = "schemathesis.toml"
EXTRA = "pip install 'videodb-gen[contract]'"


def spec_text() -> str:
    """The OpenAPI document shipped in this package (the one the SDK was generated from)."""
    return resources.files("videodb_gen").joinpath(SPEC).read_text(encoding="utf-8")


def billable_operations(document: dict[str, Any]) -> list[str]:
    """The operationIds the spec marks ``x-billable: true``, in the spec's order."""
    return [
        operation["operationId"]
        for item in document.get("paths", {}).values()
        for operation in item.values()
        if isinstance(operation, dict) and operation.get("x-billable") is True
    ]


@attrs.frozen
class Outcome:
    """What a contract run came to, from its JUnit report."""

    tested: int
    failed: int

    @classmethod
    def read(cls, report: Path) -> Outcome:
        """The totals of a JUnit report; an unreadable report counts as one failure."""
        try:
            root = ElementTree.parse(report).getroot()  # noqa: S314 - schemathesis' own report
        except (OSError, ElementTree.ParseError):
            return cls(tested=0, failed=1)
        suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
        tested = sum(int(suite.get("tests", "0")) for suite in suites)
        failed = sum(int(suite.get(k, "0")) for suite in suites for k in ("failures", "errors"))
        return cls(tested=tested, failed=failed)


@contextlib.contextmanager
def _shipped(name: str) -> Iterator[Path]:
    with resources.as_file(resources.files("videodb_gen").joinpath(name)) as path:
        yield path


def _run_contract(args: argparse.Namespace) -> int:
    base_url = check_base_url("base_url", args.base_url)
    key = settings.api_key(args)
    try:
        import yaml  # noqa: PLC0415 - only with the contract extra
        from schemathesis import cli as _  # noqa: PLC0415, F401 - is it installed?
    except ImportError:
        raise InvalidInputError("contract", f"needs schemathesis: {EXTRA}") from None
    excluded = [] if args.billable else billable_operations(yaml.safe_load(spec_text()))
    report = Path(args.junit or f"reports/contract-{'full' if args.billable else 'read-only'}.xml")
    report.parent.mkdir(parents=True, exist_ok=True)
    with _shipped(SPEC) as document, _shipped(CONFIG) as config:
        command = [
            sys.executable, "-m", "schemathesis.cli", "--config-file", str(config),
            "run", str(document), "--url", base_url, "--checks", "all",
            "--report", "junit", "--report-junit-path", str(report),
            *(f"--exclude-operation-id={operation_id}" for operation_id in excluded),
        ]  # fmt: skip
        done = subprocess.run(  # noqa: S603 - schemathesis, with our own arguments
            command, env={**os.environ, API_KEY_ENV: key}, check=False
        )
    outcome = Outcome.read(report)
    mode = "every operation" if args.billable else f"read-only, {len(excluded)} billable left out"
    verdict = "no findings" if done.returncode == 0 and not outcome.failed else "FINDINGS"
    print(
        f"contract: {verdict}: {outcome.tested} tested, {outcome.failed} failed "
        f"against {base_url} ({mode}); report: {report}"
    )
    return ExitCode.OK if verdict == "no findings" else ExitCode.API_ERROR


def _refusing_bad_input(body: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return body(args)
    except InvalidInputError as error:
        print_error(describe(error))
        return exit_code_for(error)


def _write_spec(args: argparse.Namespace) -> int:
    text = spec_text()
    if args.output is None:
        sys.stdout.write(text)
    else:
        check_destination("output", args.output).write_text(text, encoding="utf-8")
        hint(f"wrote {args.output}")
    return ExitCode.OK


def contract(args: argparse.Namespace, _rest: list[str]) -> int:
    """check a server against the spec with schemathesis

    Run schemathesis with the spec shipped in this package and every check against the API at
    --base-url, and write a JUnit report. Read-only unless --billable: the operations the spec
    marks x-billable (they start paid generations) are left out. Exit 0 when nothing was
    found, 3 on findings. Needs the contract extra: pip install 'videodb-gen[contract]'.
    """
    return _refusing_bad_input(_run_contract, args)


def spec(args: argparse.Namespace, _rest: list[str]) -> int:
    """write the OpenAPI spec shipped in this package

    Write the OpenAPI document this SDK was generated from, to stdout or to -o FILE, for other
    generators and tools.
    """
    return _refusing_bad_input(_write_spec, args)
