"""Entry point for ``python -m vernetool``."""

import sys

from vernetool.cli import main

sys.exit(main())
