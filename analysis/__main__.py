"""``python -m analysis <command> [options]``: the command line of :mod:`analysis.cli`."""

import sys

from analysis.cli import main

if __name__ == "__main__":
    sys.exit(main())
