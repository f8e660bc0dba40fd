#!/usr/bin/env python3
"""Build the evaluation-by-product intranet site: `python generate.py --help`."""

import sys

from scorecard.cli import main

if __name__ == "__main__":
    sys.exit(main())
