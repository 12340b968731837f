"""`python -m videodb_gen.cli`: the `videodb-gen` command."""

import sys

from videodb_gen.cli import main

sys.exit(main())
