"""Command line: ``python -m analysis <command> [options]``.

Commands are modules with ``add_arguments(parser)`` and ``run(args) -> int``:
``render`` (analysis.render) executes the notebooks and writes HTML reports; ``load``
(analysis.store) parses a folder of pages into a Parquet dataset.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "render": "analysis.render",
    "load": "analysis.store",
}


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command; return its exit status."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        modules[name] = module
        module.add_arguments(sub.add_parser(name, help=(module.__doc__ or name).strip().splitlines()[0]))
    args = parser.parse_args(argv)
    return int(modules[args.command].run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
