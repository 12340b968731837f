"""Import time of videodb_gen against the official `videodb`, in fresh processes.

`python -X importtime -c "import NAME"` reports each module's cumulative import time; the
top-level package's line is the whole cost of the import.

Both are measured in a virtual environment of their own with only what a user installs
(`pip install videodb-gen videodb`): the development environment has extras (click, rich)
that httpx imports when it finds them, which a user's environment need not have.
"""

from __future__ import annotations

import re
import subprocess
import venv
from pathlib import Path

from bench._stats import summary

ROOT = Path(__file__).resolve().parent.parent
ENV = ROOT / "bench" / ".venv-import"

RUNS = 10
_LINE = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|\s*(\S+)\s*$")


def user_python() -> Path:
    """The Python of a virtual environment with just the two packages, made on first use;
    videodb_gen is installed again from the tree on every run, so that it is what is measured."""
    python = ENV / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if not python.exists():
        venv.create(ENV, with_pip=True)
        subprocess.run(  # noqa: S603 - pip of our own environment
            [*pip, "-c", str(ROOT / "constraints.txt"), str(ROOT), "videodb"], check=True
        )
    else:
        subprocess.run(  # noqa: S603 - pip of our own environment
            [*pip, "--no-deps", "--force-reinstall", str(ROOT)], check=True
        )
    return python


def import_time_us(python: Path, module: str) -> int:
    """Cumulative microseconds to import `module` in a new interpreter."""
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [str(python), "-X", "importtime", "-c", f"import {module}"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    for line in result.stderr.splitlines():
        match = _LINE.match(line)
        if match and match.group(3) == module:
            return int(match.group(2))
    raise RuntimeError(f"no import time line for {module}")


def run() -> dict[str, object]:
    """Median (and p90) import time of each package over RUNS alternating fresh processes."""
    modules = ["videodb_gen", "videodb"]
    samples: dict[str, list[float]] = {m: [] for m in modules}
    python = user_python()
    for _ in range(RUNS):
        for module in modules:  # alternate, so drift in machine load hits both alike
            samples[module].append(import_time_us(python, module) / 1000)
    stats = {m: summary(v) for m, v in samples.items()}
    ratio = stats["videodb_gen"]["median"] / stats["videodb"]["median"]
    return {"ms": stats, "ratio": ratio, "target": "videodb_gen <= videodb", "met": ratio <= 1.0}


if __name__ == "__main__":
    print(run())
