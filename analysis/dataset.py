"""The Parquet format of a corpus dataset: one writer, the marker, part reading.

A corpus dataset is a folder with one Parquet dataset (a sub-folder of ``part-NNNNNN.parquet``
files) per table of :data:`analysis.tables.SCHEMAS`, and a ``_corpus.json`` marker written last
that lists every table's files in order, its row count and its dtypes::

    cache/
      _corpus.json        {"format": "analysis.corpus", "version": 1, "tables": {...}}
      pages/part-000000.parquet, part-000001.parquet, ...
      paragraphs/part-000000.parquet, ...
      ...
      warnings/part-000000.parquet

:func:`analysis.read_corpus` reads it back exactly: same rows, order, columns and dtypes (datetimes,
missing values, ``string``, ``bool``, nullable ``boolean``, categories). Datasets written by
:func:`analysis.write_corpus` and by the Dask engine have aligned parts: part *k* of ``pages``,
``paragraphs``, ``quotes``, ``links``, ``videos`` and ``blocks`` holds the same pages, so
``read_corpus(path, engine="dask")`` gives one partition per part and
:func:`analysis.dask_engine.map_pages` can work part by part.

Every dataset is written by one :class:`DatasetWriter` (the pandas engine streams chunks into it; the
Dask engine's workers write part files it records) and finished by its :meth:`~DatasetWriter.close`.
This module knows the format, not the table contract: callers pass their tables (or zero-row tables)
by name, and which of them are aligned.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

__all__ = [
    "GROUP_PAGES", "MARKER", "PART_PAGES", "DatasetWriter", "dtype_from_spec", "is_corpus_dataset", "part_name",
    "read_head", "read_marker", "read_part", "read_table", "table_files", "write_frame", "write_tables",
]

#: The file that makes a folder a corpus dataset; written last, so a dataset is complete when it exists.
MARKER = "_corpus.json"
FORMAT = "analysis.corpus"
VERSION = 1
#: Pages per part file when streaming, and per row group within it (the memory bound: ~30 MB).
PART_PAGES = 10_000
GROUP_PAGES = 2_000
COMPRESSION = "zstd"


# --------------------------------------------------------------------------------------------
# Dtypes <-> JSON


def _dtype_spec(dtype) -> object:
    """A JSON form of a pandas dtype that :func:`dtype_from_spec` turns back into it."""
    if isinstance(dtype, pd.CategoricalDtype):
        return {"categories": dtype.categories.tolist(), "ordered": bool(dtype.ordered),
                "categories_dtype": str(dtype.categories.dtype)}
    return str(dtype)


def dtype_from_spec(spec: object):
    """The pandas dtype of a marker's dtype spec (see :func:`_dtype_spec`)."""
    if isinstance(spec, dict):
        categories = pd.Index(spec["categories"], dtype=spec.get("categories_dtype"))
        return pd.CategoricalDtype(categories, ordered=spec["ordered"])
    return pd.api.types.pandas_dtype(spec)


# --------------------------------------------------------------------------------------------
# Writing


def part_name(index: int) -> str:
    """The file name of part ``index`` of a table."""
    return f"part-{index:06d}.parquet"


def write_frame(df: pd.DataFrame, file: Path) -> int:
    """Write one part file; return its row count."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    pq.write_table(table, file, compression=COMPRESSION)
    return len(df)


def _prepare(path: str | os.PathLike, names: Iterable[str], overwrite: bool) -> Path:
    """An empty output folder: refuse a non-empty one unless ``overwrite`` (then drop our files only)."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"output path is a file: {os.fspath(out)!r}")
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise FileExistsError(f"output folder is not empty: {os.fspath(out)!r} (pass overwrite=True)")
        (out / MARKER).unlink(missing_ok=True)
        for name in names:
            if (out / name).is_dir():
                shutil.rmtree(out / name)
    for name in names:
        (out / name).mkdir(parents=True, exist_ok=True)
    return out


def _write_marker(out: Path, files: dict[str, list[str]], rows: dict[str, int],
                  dtypes: dict[str, pd.Series]) -> None:
    tables = {
        name: {"files": files[name], "rows": int(rows[name]),
               "dtypes": {str(c): _dtype_spec(d) for c, d in dtypes[name].items()}}
        for name in files
    }
    text = json.dumps({"format": FORMAT, "version": VERSION, "tables": tables}, indent=1, ensure_ascii=False)
    tmp = out / (MARKER + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(out / MARKER)


class DatasetWriter:
    """The one writer of a corpus dataset: parts of every table (part *k* of each together), then the marker.

    ``empty`` holds the zero-row frame of every table, by name (their columns and dtypes); ``aligned``
    names the tables that get a part file for every part, even one without rows (the per-page tables).
    Chunks added with :meth:`add` are buffered and written as a Parquet row group every
    ``group_pages`` pages, so memory is bounded by one row group, not by the part (nor the corpus).
    Part files written elsewhere (by Dask workers, with :func:`write_frame`) are registered with
    :meth:`record`, whole frames written with :meth:`put`. :meth:`close` finishes every dataset.
    """

    def __init__(self, path: str | os.PathLike, empty: dict[str, pd.DataFrame], *, aligned: Iterable[str] = (),
                 overwrite: bool = False, group_pages: int = GROUP_PAGES):
        self.out = _prepare(path, empty, overwrite)
        self.empty = empty
        self.aligned = frozenset(aligned)
        self.group_pages = group_pages
        self.files: dict[str, list[str]] = {t: [] for t in empty}
        self.rows = dict.fromkeys(empty, 0)
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
        """Write the buffered chunks as one row group per table (empty chunks write nothing)."""
        if not self.buffer:
            return
        for t in self.empty:
            frames = [c[t] for c in self.buffer if len(c[t])] or [self.buffer[0][t]]
            df = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
            self.dtypes.setdefault(t, df.dtypes)
            if not len(df):
                continue
            table = pa.Table.from_pandas(df, preserve_index=False, schema=self.schemas.get(t))
            self.schemas.setdefault(t, table.schema)
            if t not in self.open:
                self.open[t] = pq.ParquetWriter(self.out / t / part_name(self.parts), table.schema,
                                                compression=COMPRESSION)
            self.open[t].write_table(table)
            self.rows[t] += len(df)
        self.buffer, self.buffered = [], 0

    def end_part(self) -> None:
        """Close the current part; aligned tables get a file even when it has no rows."""
        self._flush()
        name = part_name(self.parts)
        for t in self.empty:
            writer = self.open.pop(t, None)
            if writer is not None:
                writer.close()
            elif t in self.aligned:
                write_frame(self.empty[t], self.out / t / name)
            else:
                continue
            self.files[t].append(name)
        self.parts += 1
        self.part_pages = 0

    def write(self, tables: dict[str, pd.DataFrame]) -> None:
        """Write a whole part at once."""
        self.add(tables)
        self.end_part()

    def put(self, table: str, name: str, df: pd.DataFrame) -> None:
        """Write ``df`` as the next part file of ``table``, named ``name`` (``head.parquet``)."""
        self.record(table, name, write_frame(df, self.out / table / name))

    def record(self, table: str, name: str, rows: int) -> None:
        """Register a part file of ``table`` written elsewhere (by a worker), with its row count."""
        self.files[table].append(name)
        self.rows[table] += rows

    def close(self) -> Path:
        """End the last part, give every table without a part file an empty one, write the marker."""
        if self.buffer or self.open:
            self.end_part()
        for t, empty in self.empty.items():
            self.dtypes.setdefault(t, empty.dtypes)
            if not self.files[t]:  # no files at all, or no rows in errors/warnings
                name = part_name(0)
                write_frame(empty, self.out / t / name)
                self.files[t].append(name)
        _write_marker(self.out, self.files, self.rows, self.dtypes)
        return self.out

def write_tables(tables: dict[str, pd.DataFrame], path: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write in-memory tables (``Corpus.tables()``) as a corpus dataset, one part per table.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Every table of :data:`analysis.tables.TABLES`, by name.
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
    writer = DatasetWriter(path, {t: df.iloc[:0] for t, df in tables.items()}, overwrite=overwrite)
    writer.write({t: df.reset_index(drop=True) for t, df in tables.items()})
    return writer.close()

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


def read_marker(path: Path) -> dict | None:
    """The dataset's ``_corpus.json`` (None without one); a marker of another format is an error."""
    file = path / MARKER
    if not file.is_file():
        return None
    spec = json.loads(file.read_text(encoding="utf-8"))
    if spec.get("format") != FORMAT or spec.get("version", 0) > VERSION:
        raise ValueError(f"{file}: not a corpus dataset this version can read "
                         f"(format {spec.get('format')!r}, version {spec.get('version')!r})")
    return spec


def table_files(path: Path, name: str, spec: dict | None) -> list[Path]:
    """The part files of table ``name`` in order: the marker's list, else the folder's in name order."""
    if spec is not None:
        return [path / name / f for f in spec["tables"][name]["files"]]
    return sorted((path / name).glob("*.parquet")) if (path / name).is_dir() else []


def read_part(file: str | os.PathLike, dtypes: dict[str, object] | None = None) -> pd.DataFrame:
    """One part file as a DataFrame with the dataset's dtypes."""
    return read_table([Path(file)], dtypes)


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
    want = {c: dtype_from_spec(s) for c, s in dtypes.items()}
    cast = {c: d for c, d in want.items() if c in df.columns and df[c].dtype != d}
    return df.astype(cast) if cast else df


def read_table(files: Sequence[Path], dtypes: dict[str, object] | None) -> pd.DataFrame:
    """The part files of one table (at least one), in order, as one DataFrame (files read in parallel)."""
    pool = _read_pool()
    table = ds.dataset([os.fspath(f) for f in files], format="parquet").to_table(memory_pool=pool)
    df = table.to_pandas(split_blocks=True, self_destruct=True, memory_pool=pool)
    return _restore(df, dtypes)


def read_head(path: Path, name: str, n: int) -> pd.DataFrame:
    """The first ``n`` rows of a dataset's table ``name`` (without reading the rest)."""
    files = [os.fspath(f) for f in table_files(path, name, read_marker(path))]
    return ds.dataset(files, format="parquet").head(n).to_pandas() if files else pd.DataFrame()
