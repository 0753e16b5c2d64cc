"""Parse page files into a Parquet corpus dataset: ``python -m analysis load SOURCE --out DIR``.

A corpus dataset is a folder with one Parquet dataset (a sub-folder of ``part-NNNNNN.parquet``
files) per table of :data:`analysis.corpus.SCHEMAS`, and a ``_corpus.json`` marker written last
that lists every table's files in order, its row count and its dtypes::

    cache/
      _corpus.json        {"format": "analysis.corpus", "version": 1, "tables": {...}}
      pages/part-000000.parquet, part-000001.parquet, ...
      paragraphs/part-000000.parquet, ...
      ...
      warnings/part-000000.parquet

:func:`read_corpus` reads it back exactly: same rows, order, columns and dtypes (datetimes,
missing values, ``string``, ``bool``, nullable ``boolean``, categories). Datasets written by
:func:`write_corpus` and by the Dask engine have aligned parts: part *k* of ``pages``,
``paragraphs``, ``quotes``, ``links``, ``videos`` and ``blocks`` holds the same pages, so
``read_corpus(path, engine="dask")`` gives one partition per part and
:func:`analysis.dask_engine.map_pages` can work part by part.

:func:`open_corpus` is what notebooks call on their ``corpus_path`` parameter: a dataset is read,
anything else is parsed.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from analysis.corpus import (
    DASK_CHUNK_SIZE,
    TABLES,
    Corpus,
    _concat,
    _empty_tables,
    _plan,
    _stream,
    load_corpus,
)

__all__ = [
    "MARKER",
    "PART_PAGES",
    "add_arguments",
    "is_corpus_dataset",
    "open_corpus",
    "read_corpus",
    "run",
    "write_corpus",
    "write_tables",
]

#: The file that makes a folder a corpus dataset; written last, so a dataset is complete when it exists.
MARKER = "_corpus.json"
FORMAT = "analysis.corpus"
VERSION = 1
#: Pages per part file when streaming, and per row group within it (the memory bound: ~30 MB).
PART_PAGES = 10_000
GROUP_PAGES = 2_000
#: Tables whose parts hold the same pages (the per-page tables); errors/warnings parts may differ.
PAGE_TABLES = ("pages", "paragraphs", "quotes", "links", "videos", "blocks")
COMPRESSION = "zstd"


# --------------------------------------------------------------------------------------------
# Dtypes <-> JSON


def _dtype_spec(dtype) -> object:
    """A JSON form of a pandas dtype that :func:`_dtype_from_spec` turns back into it."""
    if isinstance(dtype, pd.CategoricalDtype):
        return {"categories": dtype.categories.tolist(), "ordered": bool(dtype.ordered),
                "categories_dtype": str(dtype.categories.dtype)}
    return str(dtype)


def _dtype_from_spec(spec: object):
    if isinstance(spec, dict):
        categories = pd.Index(spec["categories"], dtype=spec.get("categories_dtype"))
        return pd.CategoricalDtype(categories, ordered=spec["ordered"])
    return pd.api.types.pandas_dtype(spec)


# --------------------------------------------------------------------------------------------
# Writing


def _part_name(index: int) -> str:
    return f"part-{index:06d}.parquet"


def _write_frame(df: pd.DataFrame, file: Path) -> int:
    """Write one part file; return its row count."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    pq.write_table(table, file, compression=COMPRESSION)
    return len(df)


def _prepare(path: str | os.PathLike, overwrite: bool) -> Path:
    """An empty output folder: refuse a non-empty one unless ``overwrite`` (then drop our files only)."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"output path is a file: {os.fspath(out)!r}")
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise FileExistsError(f"output folder is not empty: {os.fspath(out)!r} (pass overwrite=True)")
        (out / MARKER).unlink(missing_ok=True)
        for name in TABLES:
            if (out / name).is_dir():
                shutil.rmtree(out / name)
    for name in TABLES:
        (out / name).mkdir(parents=True, exist_ok=True)
    return out


def _write_marker(out: Path, files: dict[str, list[str]], rows: dict[str, int],
                  dtypes: dict[str, pd.Series]) -> None:
    tables = {
        name: {"files": files[name], "rows": int(rows[name]),
               "dtypes": {str(c): _dtype_spec(d) for c, d in dtypes[name].items()}}
        for name in TABLES
    }
    text = json.dumps({"format": FORMAT, "version": VERSION, "tables": tables}, indent=1, ensure_ascii=False)
    tmp = out / (MARKER + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(out / MARKER)


class _DatasetWriter:
    """Write tables part by part (part *k* of every table together), then the marker.

    Within a part, chunks are buffered and written as a Parquet row group every ``group_pages``
    pages, so memory is bounded by one row group, not by the part (nor the corpus).
    """

    def __init__(self, path: str | os.PathLike, overwrite: bool = False, group_pages: int = GROUP_PAGES):
        self.out = _prepare(path, overwrite)
        self.group_pages = group_pages
        self.files: dict[str, list[str]] = {t: [] for t in TABLES}
        self.rows = dict.fromkeys(TABLES, 0)
        self.dtypes: dict[str, pd.Series] = {}
        self.schemas: dict[str, pa.Schema] = {}
        self.parts = 0
        self.open: dict[str, pq.ParquetWriter] = {}
        self.buffer: list[dict[str, pd.DataFrame]] = []
        self.buffered = 0
        self.part_pages = 0

    def add(self, tables: dict[str, pd.DataFrame]) -> None:
        """Add a chunk of every table to the current part."""
        self.buffer.append(tables)
        self.buffered += len(tables["pages"])
        self.part_pages += len(tables["pages"])
        if self.buffered >= self.group_pages:
            self._flush()

    def _flush(self) -> None:
        """Write the buffered chunks as one row group per table."""
        if not self.buffer:
            return
        for t in TABLES:
            df = _concat([c[t] for c in self.buffer])
            self.dtypes.setdefault(t, df.dtypes)
            if not len(df):
                continue
            table = pa.Table.from_pandas(df, preserve_index=False, schema=self.schemas.get(t))
            self.schemas.setdefault(t, table.schema)
            if t not in self.open:
                self.open[t] = pq.ParquetWriter(self.out / t / _part_name(self.parts), table.schema,
                                                compression=COMPRESSION)
            self.open[t].write_table(table)
            self.rows[t] += len(df)
        self.buffer, self.buffered = [], 0

    def end_part(self, empty: dict[str, pd.DataFrame]) -> None:
        """Close the current part; per-page tables get a file even when it has no rows."""
        self._flush()
        name = _part_name(self.parts)
        for t in TABLES:
            writer = self.open.pop(t, None)
            if writer is not None:
                writer.close()
            elif t in PAGE_TABLES:
                _write_frame(empty[t], self.out / t / name)
            else:
                continue
            self.files[t].append(name)
        self.parts += 1
        self.part_pages = 0

    def write(self, tables: dict[str, pd.DataFrame]) -> None:
        """Write a whole part at once."""
        self.add(tables)
        self.end_part({t: df.iloc[:0] for t, df in tables.items()})

    def close(self, empty: dict[str, pd.DataFrame]) -> Path:
        """End the last part, write the marker (and an empty part for tables that got none)."""
        if self.buffer or self.open:
            self.end_part(empty)
        for t in TABLES:
            self.dtypes.setdefault(t, empty[t].dtypes)
            if not self.files[t]:
                name = _part_name(0)
                _write_frame(empty[t], self.out / t / name)
                self.files[t].append(name)
        _write_marker(self.out, self.files, self.rows, self.dtypes)
        return self.out


def write_tables(tables: dict[str, pd.DataFrame], path: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write in-memory tables (``Corpus.tables()``) as a corpus dataset, one part per table.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Every table of :data:`analysis.corpus.TABLES`.
    path : str or path-like
        Output folder; created if needed.
    overwrite : bool
        Replace the tables of an existing folder (other files in it are left alone). Without it a
        non-empty folder is an error.

    Returns
    -------
    pathlib.Path
        The dataset folder.
    """
    writer = _DatasetWriter(path, overwrite)
    writer.write({t: tables[t].reset_index(drop=True) for t in TABLES})
    return writer.close({t: tables[t].iloc[:0] for t in TABLES})


def write_corpus(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    path: str | os.PathLike,
    *,
    metadata: str | os.PathLike | pd.DataFrame | bool | None = None,
    workers: int | None = None,
    engine: str = "pandas",
    chunk_size: int | None = None,
    part_pages: int = PART_PAGES,
    progress: bool | None = None,
    overwrite: bool = False,
) -> Path:
    """Parse page files straight into a corpus dataset, in flat memory.

    The result equals ``load_corpus(source, ...).to_parquet(path)`` once read back, but no more
    than one row group (2,000 pages) and a few chunks per worker are in memory at a time, so this
    is how corpora larger than memory are loaded. Memory still grows with the file list (about
    100 bytes per file) and, with a manifest, with its joined columns.

    Parameters
    ----------
    source, metadata, workers, progress
        As for :func:`analysis.load_corpus`.
    path : str or path-like
        Output folder.
    engine : {"pandas", "dask"}
        ``"pandas"``: worker processes on this machine, streamed. ``"dask"``:
        :func:`analysis.dask_engine.write_corpus_dask`, a task per chunk that parses and writes
        its part, on the active ``dask.distributed`` client (the workers need the page files and
        ``path`` on a shared file system).
    chunk_size : int, optional
        Files per worker task (default: up to 1,000, as for ``load_corpus``; 1,000 for Dask, where one
        chunk is one part).
    part_pages : int
        Pages per part file (pandas engine).
    overwrite : bool
        Replace the tables of an existing dataset folder.

    Returns
    -------
    pathlib.Path
        The dataset folder, readable with :func:`read_corpus`.
    """
    if engine == "dask":
        from analysis.dask_engine import write_corpus_dask

        return write_corpus_dask(source, path, metadata=metadata, chunk_size=chunk_size or DASK_CHUNK_SIZE,
                                 overwrite=overwrite, progress=progress)
    if engine != "pandas":
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    plan = _plan(source, metadata)
    empty = _empty_tables(plan.meta)
    writer = _DatasetWriter(path, overwrite, group_pages=min(GROUP_PAGES, part_pages))
    for tables in _stream(plan, workers=workers, chunk_size=chunk_size, progress=progress):
        # a part ends when the next chunk with pages arrives: a page-less chunk (such as the final
        # chunk of manifest warnings) joins the part before it instead of making an empty one
        if writer.part_pages >= part_pages and len(tables["pages"]):
            writer.end_part(empty)
        writer.add(tables)
    return writer.close(empty)


# --------------------------------------------------------------------------------------------
# Reading


def is_corpus_dataset(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a corpus dataset folder (a ``_corpus.json`` marker or a ``pages/`` dataset)."""
    p = Path(path)
    if not p.is_dir():
        return False
    if (p / MARKER).is_file():
        return True
    return (p / "pages").is_dir() and any((p / "pages").glob("*.parquet"))


def _marker(path: Path) -> dict | None:
    file = path / MARKER
    if not file.is_file():
        return None
    spec = json.loads(file.read_text(encoding="utf-8"))
    if spec.get("format") != FORMAT or spec.get("version", 0) > VERSION:
        raise ValueError(f"{file}: not a corpus dataset this version can read "
                         f"(format {spec.get('format')!r}, version {spec.get('version')!r})")
    return spec


def _table_files(path: Path, name: str, spec: dict | None) -> list[Path]:
    if spec is not None:
        return [path / name / f for f in spec["tables"][name]["files"]]
    return sorted((path / name).glob("*.parquet")) if (path / name).is_dir() else []


def _read_part(file: str | os.PathLike, dtypes: dict[str, object] | None = None) -> pd.DataFrame:
    """One part file as a DataFrame with the dataset's dtypes."""
    return _read_table([Path(file)], dtypes, None)


@functools.cache
def _read_pool() -> pa.MemoryPool:
    """The Arrow memory pool tables are read into: jemalloc, else the system allocator.

    Not mimalloc (pyarrow's default on Linux): on machines with transparent huge pages on
    ``madvise``, its fresh memory costs the kernel so much that reading a large corpus took
    twice as long (1.5-2 s against 0.5-0.8 s for 100,000 pages here) and 20% more memory.
    """
    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:  # a pyarrow built without jemalloc
        return pa.system_memory_pool()


def _restore(df: pd.DataFrame, dtypes: dict[str, object] | None) -> pd.DataFrame:
    if not dtypes:
        return df
    want = {c: _dtype_from_spec(s) for c, s in dtypes.items()}
    cast = {c: d for c, d in want.items() if c in df.columns and df[c].dtype != d}
    return df.astype(cast) if cast else df


def _read_table(files: list[Path], dtypes: dict[str, object] | None, name: str | None) -> pd.DataFrame:
    """The part files of one table, in order, as one DataFrame (files read in parallel)."""
    if not files:
        return _empty_tables()[name] if name in TABLES else pd.DataFrame()
    pool = _read_pool()
    table = ds.dataset([os.fspath(f) for f in files], format="parquet").to_table(memory_pool=pool)
    df = table.to_pandas(split_blocks=True, self_destruct=True, memory_pool=pool)
    return _restore(df, dtypes)


def read_corpus(path: str | os.PathLike, *, engine: str = "pandas"):
    """Read a corpus dataset written by :meth:`Corpus.to_parquet` or :func:`write_corpus`.

    Parameters
    ----------
    path : str or path-like
        The dataset folder. Without a ``_corpus.json`` marker, every ``<table>/*.parquet`` is read
        in file-name order with the dtypes stored in the Parquet files; a missing table is empty.
    engine : {"pandas", "dask"}
        ``"dask"`` returns an :class:`analysis.dask_engine.DaskCorpus` with one partition per part
        file (nothing is read until computed).

    Returns
    -------
    Corpus
        Exactly the tables that were written: rows, order, columns and dtypes.

    Raises
    ------
    FileNotFoundError
        When ``path`` is not a corpus dataset.
    """
    p = Path(path)
    if not is_corpus_dataset(p):
        raise FileNotFoundError(f"not a corpus dataset (no {MARKER} or pages/*.parquet): {os.fspath(p)!r}")
    spec = _marker(p)
    if engine == "dask":
        from analysis.dask_engine import read_corpus_dask

        return read_corpus_dask(p)
    if engine != "pandas":
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    tables = {}
    for name in TABLES:
        dtypes = spec["tables"][name]["dtypes"] if spec is not None else None
        tables[name] = _read_table(_table_files(p, name, spec), dtypes, name)
    return Corpus(**tables)


def open_corpus(path: str | os.PathLike | Iterable[str | os.PathLike], **kwargs):
    """A corpus from a notebook's ``corpus_path``: a dataset is read, anything else is parsed.

    Parameters
    ----------
    path : str, path or iterable of paths
        A corpus dataset folder (see :func:`is_corpus_dataset`), or anything
        :func:`analysis.load_corpus` accepts (a folder of pages, a glob, a list of files).
    **kwargs
        Passed on to :func:`read_corpus` (``engine``) or :func:`analysis.load_corpus`
        (``metadata``, ``workers``, ``progress``, ``engine``); the keywords the chosen reader
        does not take are an error.

    Returns
    -------
    Corpus
    """
    if isinstance(path, (str, os.PathLike)) and is_corpus_dataset(path):
        return read_corpus(path, **kwargs)
    return load_corpus(path, **kwargs)


# --------------------------------------------------------------------------------------------
# Command line


#: One line of ``python -m analysis --help``.
HELP = "parse page files into a Parquet corpus dataset (read back by every notebook)"
#: Errors the command prints (the rest are counted).
SHOWN_ERRORS = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python -m analysis load``."""
    parser.description = (
        "Parse page files (a folder of .txt pages, searched into subfolders, a glob pattern or one file) into a "
        "Parquet corpus dataset, one table per folder. Exits with status 1 when no page could be parsed, "
        "2 on bad input."
    )
    parser.add_argument("source", help="a folder of .txt page dumps, a glob pattern such as 'pages/**/*.txt', "
                                       "or one file")
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


def _first_errors(out: Path, n: int) -> pd.DataFrame:
    """The first ``n`` rows of a dataset's ``errors`` table (without reading the rest)."""
    files = [os.fspath(f) for f in _table_files(out, "errors", _marker(out))]
    return ds.dataset(files, format="parquet").head(n).to_pandas() if files else pd.DataFrame()


def run(args: argparse.Namespace) -> int:
    """Run ``python -m analysis load``; print a summary and the first errors; return the exit status.

    0 when pages were written, 1 when none could be parsed (the dataset is still written), 2 on bad
    input (nothing written).
    """
    metadata = False if args.no_manifest else args.manifest
    kwargs = dict(metadata=metadata, chunk_size=args.chunk_size, progress=False if args.quiet else None,
                  overwrite=args.overwrite)
    start = time.perf_counter()
    try:
        if args.engine == "dask":
            from analysis.dask_engine import client_for

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
    rows = {t: s["rows"] for t, s in json.loads((out / MARKER).read_text(encoding="utf-8"))["tables"].items()}
    print(f"{rows['pages']:,} pages, {rows['errors']:,} errors, {rows['warnings']:,} warnings "
          f"-> {os.fspath(out)} ({time.perf_counter() - start:.1f} s)")
    stream = sys.stdout if rows["pages"] else sys.stderr
    if rows["errors"]:
        shown = _first_errors(out, SHOWN_ERRORS)
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
