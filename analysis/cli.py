"""Command line: ``python -m analysis <command> [options]``.

Commands are modules with ``add_arguments(parser)``, ``run(args) -> int`` and a one-line ``HELP``:
``render`` (analysis.render) executes the notebooks and writes HTML reports; ``load`` (this module)
parses page files into a Parquet dataset.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

COMMANDS = {
    "render": "analysis.render",
    "load": "analysis.cli",
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


# --------------------------------------------------------------------------------------------
# python -m analysis load


#: One line of ``python -m analysis --help``.
HELP = "parse page files into a Parquet corpus dataset (read back by every notebook)"
#: Errors the command prints (the rest are counted).
SHOWN_ERRORS = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python -m analysis load``."""
    parser.description = (
        "Parse page files (a folder of pages, searched into subfolders, a glob pattern or one file; .txt dumps, "
        ".html/.htm pages, .warc/.warc.gz archives and .jsonl files, mixed as they come) into a "
        "Parquet corpus dataset, one table per folder. Exits with status 1 when no page could be parsed, "
        "2 on bad input."
    )
    parser.add_argument("source", help="a folder of page files (.txt, .html, .warc, .warc.gz, .jsonl), a glob "
                                       "pattern such as 'pages/**/*.txt', or one file")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR",
                        help="the dataset folder to write (required; see --overwrite)")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="worker processes (default: all cores; with --engine dask: workers of the local cluster)")
    parser.add_argument("--engine", choices=("pandas", "dask"), default="pandas",
                        help="pandas: worker processes on this machine; dask: tasks on a Dask cluster "
                             "(default: pandas)")
    parser.add_argument("--scheduler", default=None, metavar="ADDR",
                        help="address of a Dask scheduler, for --engine dask (default: start a local cluster)")
    parser.add_argument("--chunk-size", type=int, default=None, metavar="N",
                        help="files per task (default: up to 1,000, fewer for small corpora; 1,000 with dask)")
    manifest = parser.add_mutually_exclusive_group()
    manifest.add_argument("--manifest", default=None, metavar="FILE",
                          help="crawl manifest (CSV/TSV with file and url columns) to join to the pages "
                               "(default: manifest.tsv or manifest.csv in the source folder, if any)")
    manifest.add_argument("--no-manifest", action="store_true",
                          help="ignore any manifest (default: off)")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace the dataset in a non-empty --out folder (default: off: refuse)")
    parser.add_argument("--quiet", action="store_true",
                        help="no progress bar (default: off: a bar for loads of over 5,000 files)")


def run(args: argparse.Namespace) -> int:
    """Run ``python -m analysis load``; print a summary and the first errors; return the exit status.

    0 when pages were written, 1 when none could be parsed (the dataset is still written), 2 on bad
    input (nothing written).
    """
    # imported here: `python -m analysis render` runs through this module and needs none of the loader
    from analysis.corpus import write_corpus
    from analysis.dask_engine import client_for
    from analysis.dataset import read_head, read_marker

    metadata = False if args.no_manifest else args.manifest
    kwargs = dict(metadata=metadata, chunk_size=args.chunk_size, progress=False if args.quiet else None,
                  overwrite=args.overwrite)
    start = time.perf_counter()
    try:
        if args.engine == "dask":
            with client_for(args.scheduler, n_workers=args.workers):
                out = write_corpus(args.source, args.out, engine="dask", **kwargs)
        else:
            out = write_corpus(args.source, args.out, workers=args.workers, **kwargs)
    except FileExistsError:
        print(f"error: output folder is not empty: {os.fspath(args.out)!r} (add --overwrite to replace the "
              "dataset in it)", file=sys.stderr)
        return 2
    except (FileNotFoundError, NotADirectoryError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rows = {t: s["rows"] for t, s in read_marker(out)["tables"].items()}
    print(f"{rows['pages']:,} pages, {rows['errors']:,} errors, {rows['warnings']:,} warnings "
          f"-> {os.fspath(out)} ({time.perf_counter() - start:.1f} s)")
    stream = sys.stdout if rows["pages"] else sys.stderr
    if rows["errors"]:
        shown = read_head(out, "errors", SHOWN_ERRORS)
        n = rows["errors"]
        print(f"{n:,} error(s):" if n <= len(shown) else f"{n:,} errors, the first {len(shown)}:", file=stream)
        for path, error in zip(shown["path"], shown["error"], strict=True):
            print(f"  {path}: {error}", file=stream)
        if rows["errors"] > len(shown):
            print(f"  ... and {rows['errors'] - len(shown):,} more in the errors table", file=stream)
    if not rows["pages"]:
        print(f"error: no page could be parsed from {args.source!r}", file=stream)
        return 1
    return 0
