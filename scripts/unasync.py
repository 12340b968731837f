"""Write the SDK's sync twin from its async source, or check that the twin is current.

    python scripts/unasync.py           # write wrapper/videodb_gen/_sync/ from _async/
    python scripts/unasync.py --check   # exit 1, naming the files, when _sync/ is stale

The async code in `wrapper/videodb_gen/_async/` is the only source of the SDK's I/O layer. Each
of its modules becomes a module of `_sync/` by the substitutions below (`async def` → `def`,
`await x` → `x`, `AsyncConnection` → `Connection`, ...), then ruff sorts its imports and formats
it, so the twin passes the same lint as the source. The first line of a source module is a
comment about the source; the twin gets a "generated, do not edit" header in its place.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "wrapper" / "videodb_gen" / "_async"
TWIN = ROOT / "wrapper" / "videodb_gen" / "_sync"

SUBSTITUTIONS = [
    (r"\basync def\b", "def"),
    (r"\basync with\b", "with"),
    (r"\basync for\b", "for"),
    (r"\bawait ", ""),
    (r"\bAsync([A-Z]\w*)", r"\1"),
    (r"\b__aenter__\b", "__enter__"),
    (r"\b__aexit__\b", "__exit__"),
    (r"\baclose\b", "close"),
    (r"\basyncio_detailed\b", "sync_detailed"),
    (r"\basync_sleep\b", "sleep"),
    (r"\bconnect_async\b", "connect"),
    (r"\bASYNC_(\w+)", r"SYNC_\1"),
    (r"\b(get|set)_async_httpx_client\b", r"\1_httpx_client"),
    (r"\b_async\b", "_sync"),
    # The async twin's own lint exemptions mean nothing in sync code.
    (r"  # noqa: ASYNC\d+[^\n]*", ""),
]


def _header(source: Path) -> str:
    return f"# Generated from _async/{source.name} by scripts/unasync.py: do not edit.\n"


def _ruff(text: str, filename: Path) -> str:
    """`text` with its imports sorted and formatted by the project's ruff settings."""
    for args in (["check", "--fix-only", "--select", "I", "--quiet"], ["format"]):
        text = subprocess.run(  # noqa: S603 - our own ruff, on our own source
            [sys.executable, "-m", "ruff", *args, "--stdin-filename", str(filename), "-"],
            input=text,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    return text


def unasync(source: Path) -> str:
    """The sync twin of the async module at `source`."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    body = "".join(lines[1:] if lines and lines[0].startswith("#") else lines)
    for pattern, replacement in SUBSTITUTIONS:
        body = re.sub(pattern, replacement, body)
    return _ruff(_header(source) + body, TWIN / source.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; write nothing")
    args = parser.parse_args(argv)
    wanted = {TWIN / source.name: unasync(source) for source in sorted(SOURCE.glob("*.py"))}
    present = set(TWIN.glob("*.py"))
    stale = sorted(
        f"{path.parent.name}/{path.name}"
        for path in wanted.keys() | present
        if not path.exists() or path.read_text(encoding="utf-8") != wanted.get(path)
    )
    if args.check:
        for name in stale:
            print(f"stale: {name} (run `make generate`)", file=sys.stderr)
        return 1 if stale else 0
    TWIN.mkdir(exist_ok=True)
    for path in present - wanted.keys():
        path.unlink()
    for path, text in wanted.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
