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

__all__ = ["Outcome", "billable_operations", "contract", "operation_count", "spec", "spec_text"]

SPEC = "openapi.yaml"
CONFIG = "schemathesis.toml"
EXTRA = "pip install 'videodb-gen[contract]' (in a clone: pip install '.[contract]')"


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


#: The name schemathesis gives, in its JUnit report, to its stateful phase (sequences of calls
#: linked by the spec's links): a test case beside the operations', but not an operation.
STATEFUL_PHASE = "Stateful tests"


def operation_count(document: dict[str, Any]) -> int:
    """How many operations the spec describes."""
    return sum(
        1
        for item in document.get("paths", {}).values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    )


@attrs.frozen
class Outcome:
    """What a contract run came to, from its JUnit report: one test case per operation
    tested, and one for the stateful phase (`STATEFUL_PHASE`), counted apart."""

    #: Operations tested (a skipped one is not).
    tested: int
    #: Operations with a failure or an error.
    failed: int
    #: How the stateful phase went: ``passed``, ``failed``, or ``not run``.
    stateful: str = "not run"
    #: The report could not be read: that is a finding.
    unreadable: bool = False

    @property
    def findings(self) -> bool:
        """Whether anything failed."""
        return self.unreadable or bool(self.failed) or self.stateful == "failed"

    @classmethod
    def read(cls, report: Path) -> Outcome:
        """The counts of a JUnit report; an unreadable report is a finding."""
        try:
            root = ElementTree.parse(report).getroot()  # noqa: S314 - schemathesis' own report
        except (OSError, ElementTree.ParseError):
            return cls(tested=0, failed=0, unreadable=True)
        tested = failed = 0
        stateful = "not run"
        for case in root.iter("testcase"):
            if case.find("skipped") is not None:
                continue
            broke = case.find("failure") is not None or case.find("error") is not None
            if case.get("name") == STATEFUL_PHASE:
                stateful = "failed" if broke else "passed"
            else:
                tested += 1
                failed += broke
        return cls(tested=tested, failed=failed, stateful=stateful)

    def summary(self, operations: int) -> str:
        """What was tested of the `operations` selected, and what failed."""
        if self.unreadable:
            return "the report could not be read"
        return (
            f"{self.tested} of {operations} operations tested, {self.failed} failed, "
            f"stateful phase {self.stateful}"
        )


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
    document = yaml.safe_load(spec_text())
    excluded = [] if args.billable else billable_operations(document)
    selected = operation_count(document) - len(excluded)
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
    verdict = "no findings" if done.returncode == 0 and not outcome.findings else "FINDINGS"
    print(
        f"contract: {verdict}: {outcome.summary(selected)} ({mode}); server: {base_url}; "
        f"report: {report}"
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
