"""Command line: ``python -m analysis <command> [options]``.

Commands are modules with ``add_arguments(parser)``, ``run(args) -> int`` and a one-line ``HELP``:
``render`` (analysis.render) executes the notebooks and writes HTML reports; ``load``
(analysis.store) parses page files into a Parquet dataset.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "render": "analysis.render",
    "load": "analysis.store",
}
DESCRIPTION = (
    "Analyse scraped news pages: render the notebooks on a corpus as HTML reports, or load page files into a "
    "Parquet dataset that the notebooks read back quickly."
)
EPILOG = "Run 'python -m analysis COMMAND --help' for the options of a command and their defaults."


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command; return its exit status."""
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m analysis", description=DESCRIPTION, epilog=EPILOG)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # Import only the command asked for (all of them for --help), so one command's imports never break another.
    wanted = [a for a in argv if a in COMMANDS][:1] or list(COMMANDS)
    modules = {}
    for name in wanted:
        module = importlib.import_module(COMMANDS[name])
        modules[name] = module
        module.add_arguments(sub.add_parser(name, help=module.HELP, description=module.HELP))
    args = parser.parse_args(argv)
    return int(modules[args.command].run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
