"""`python -m videodb_mock`: run the sandbox (see `--help`)."""

import sys

from videodb_mock._command import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m videodb_mock"))
