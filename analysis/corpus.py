"""A folder (or glob, or list) of page dumps -> a :class:`Corpus` of tidy DataFrames.

Every input file ends up either in ``pages`` or in ``errors`` with a readable reason (in a folder,
every file but hidden ones and the manifest: a file that is not ``.txt`` is an error row); one bad
file never stops a load. Files are parsed in worker processes in chunks (``workers``), a few chunks in
flight per worker, so memory stays flat however many files there are; the tables are identical
whatever the number of workers or the chunk size. :func:`iter_chunks` is the streaming form (used by
:func:`write_corpus` to write corpora larger than memory), and ``engine="dask"`` builds the same
tables as Dask DataFrames (:mod:`analysis.dask_engine`).

:func:`write_corpus` parses straight into a Parquet corpus dataset (:mod:`analysis.dataset`),
:func:`read_corpus` reads one back, and :func:`open_corpus` is what notebooks call on their
``corpus_path`` parameter: a dataset is read, anything else is parsed. The layers below:
:mod:`analysis.tables` (the table contract), :mod:`analysis.chunks` (files -> chunks -> typed
tables, what workers run) and :mod:`analysis.dataset` (the Parquet format).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from analysis.chunks import (
    CHUNK_SIZE,
    DASK_CHUNK_SIZE,
    MIN_CHUNK_SIZE,
    Plan,
    available_cores,
    chunk_frames,
    make_plan,
)
from analysis.dask_engine import load_corpus_dask, read_corpus_dask, write_corpus_dask
from analysis.dataset import (
    GROUP_PAGES,
    MARKER,
    PART_PAGES,
    DatasetWriter,
    is_corpus_dataset,
    read_marker,
    read_table,
    table_files,
)
from analysis.tables import PAGE_TABLES, TABLES, Corpus, concat, empty_tables, frame

__all__ = ["iter_chunks", "load_corpus", "open_corpus", "read_corpus", "write_corpus"]

#: Above this many files a load runs in worker processes (below it, start-up costs more than it saves).
PARALLEL_MIN_FILES = 400
#: Chunks submitted ahead per worker process (bounds memory; 2 keeps every worker busy).
IN_FLIGHT = 2
#: Loads of more files than this show a progress bar unless ``progress=False``.
PROGRESS_MIN_FILES = 5000


# --------------------------------------------------------------------------------------------
# Streaming chunks through worker processes


def _iter_results(
    plan: Plan, workers: int, chunk_size: int = CHUNK_SIZE,
) -> Iterator[tuple[int, dict[str, pd.DataFrame]]]:
    """``(files in chunk, tables)`` per chunk, in file order.

    At most ``IN_FLIGHT * workers`` chunks are submitted and not yet consumed, so memory stays
    flat however many files there are (``pool.map`` would submit every chunk up front and keep
    every result until it is consumed).
    """
    chunks = plan.chunks(chunk_size)
    if workers <= 1 or plan.n_pages < PARALLEL_MIN_FILES:
        for paths, meta in chunks:
            yield len(paths), chunk_frames(paths, meta)
        return
    pending: deque = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        try:
            for paths, meta in chunks:
                pending.append((len(paths), pool.submit(chunk_frames, paths, meta)))
                if len(pending) >= IN_FLIGHT * workers:
                    n, future = pending.popleft()
                    yield n, future.result()
            while pending:
                n, future = pending.popleft()
                yield n, future.result()
        finally:
            for _, future in pending:
                future.cancel()


def iter_chunks(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    metadata: str | os.PathLike | pd.DataFrame | bool | None = None,
    workers: int | None = None,
    chunk_size: int | None = None,
    progress: bool | None = None,
) -> Iterator[dict[str, pd.DataFrame]]:
    """Parse page files chunk by chunk: the streaming form of :func:`load_corpus`.

    Concatenating every yielded table, in order, gives exactly the tables of
    :func:`load_corpus` (with the same arguments) up to the index. Memory is bounded by a few
    chunks per worker, whatever the number of files: write each chunk away (as
    :func:`write_corpus` does) to process corpora larger than memory.

    Parameters
    ----------
    source, metadata, workers, progress
        As for :func:`load_corpus`.
    chunk_size : int, optional
        Files per chunk (one task for a worker process); by default up to 1,000, fewer for small
        corpora so that every worker gets about four chunks.

    Yields
    ------
    dict of str to pandas.DataFrame
        Every table of :data:`SCHEMAS` for one chunk of files. The first chunk's ``errors`` start
        with duplicate file names; an extra final chunk (all tables empty but ``warnings``)
        carries manifest notes and mismatches.
    """
    plan = make_plan(source, metadata)
    yield from _stream(plan, workers=workers, chunk_size=chunk_size, progress=progress)


def _stream(plan: Plan, *, workers, chunk_size, progress) -> Iterator[dict[str, pd.DataFrame]]:
    workers = available_cores() if workers is None else max(1, int(workers))
    if chunk_size is None:  # about four tasks per worker at least, each of MIN_CHUNK_SIZE..CHUNK_SIZE files
        chunk_size = max(MIN_CHUNK_SIZE, min(CHUNK_SIZE, -(-plan.n_pages // (4 * workers))))
    total = len(plan.files) + len(plan.duplicates)
    bar = _progress_bar(total, progress)
    ids = []  # (doc_id, path) of every page: only needed to report manifest mismatches
    first = True
    try:
        for n, tables in _iter_results(plan, workers, chunk_size):
            if first:
                tables["errors"] = concat([plan.head_errors(), tables["errors"]])
                first = False
            if plan.manifest is not None:
                ids.append(tables["pages"][["doc_id", "path"]])
            if bar is not None:
                bar.update(n)
            yield tables
        tail = empty_tables(plan.meta)
        if first:
            tail["errors"] = plan.head_errors()
        pages_ids = concat(ids) if ids else frame("pages", [])[["doc_id", "path"]]
        tail["warnings"] = plan.tail_warnings(pages_ids)
        if bar is not None:
            bar.update(len(plan.duplicates))
        yield tail
    finally:
        if bar is not None:
            bar.close()


def _progress_bar(total: int, progress: bool | None):
    if not (total > PROGRESS_MIN_FILES if progress is None else progress):
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="page", desc="loading", smoothing=0.1)


# --------------------------------------------------------------------------------------------
# The entry points


def load_corpus(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    metadata: str | os.PathLike | pd.DataFrame | bool | None = None,
    workers: int | None = None,
    progress: bool | None = None,
    engine: str = "pandas",
    chunk_size: int | None = None,
):
    """Load page dumps into a :class:`Corpus`.

    Parameters
    ----------
    source : str, path or iterable of paths
        A folder: its page files and those of its subfolders, sorted by relative path: ``.txt``
        dumps, ``.html``/``.htm``/``.xhtml`` pages, ``.warc``/``.warc.gz`` archives (a page per
        HTML 200 response, ``doc_id`` ``<archive>/<record number>``) and ``.jsonl``/``.ndjson`` files
        (a page per line, ``<file>/<line number>``), see :mod:`analysis.formats`; hidden
        files and folders (``.ipynb_checkpoints``) are skipped, every other file is an ``errors``
        row (a ``README.md``: nothing goes unseen), the top-level manifest is
        joined. ``doc_id`` is the path relative to the folder without ``.txt``, with ``/``
        separators: the file stem in a flat folder, ``kompas/001`` in a subfolder, so two
        ``001.txt`` never collide. A glob pattern (``"pages/**/*.txt"``): the files it matches,
        sorted, with ids relative to its fixed prefix (``pages``). A single file, or a list of files
        (kept in the given order): ids are file stems, and a repeated stem is an ``errors`` row.
    metadata : path, DataFrame or bool, optional
        A crawl manifest (CSV/TSV with ``file`` and ``url`` columns, see
        :func:`analysis.urls.read_manifest`) joined to ``pages`` by file name. By default a
        ``manifest.tsv`` or ``manifest.csv`` inside a ``source`` folder is used; ``False`` ignores it.
        Pages without a row, and rows without a page, are reported in ``warnings``.
    workers : int, optional
        Worker processes; default all cores. Small corpora are parsed in-process. Files are
        streamed to the workers in chunks, a few chunks per worker at a time.
    progress : bool, optional
        Show a progress bar (tqdm, notebook-aware); default only for loads of over 5,000 files.
    engine : {"pandas", "dask"}
        ``"pandas"`` (default) returns a :class:`Corpus` of pandas DataFrames. ``"dask"`` returns
        an :class:`analysis.dask_engine.DaskCorpus`: the same tables as lazy Dask DataFrames, one
        partition per chunk of files, computed on the active ``dask.distributed`` client (see
        :func:`analysis.dask_engine.load_corpus_dask`; ``workers`` and ``progress`` do not apply).
    chunk_size : int, optional
        Files per chunk: up to 1,000 for ``"pandas"`` (fewer for small corpora, so every worker
        gets about four chunks), 1,000 (one partition) for ``"dask"``.

    Returns
    -------
    Corpus
        ``pages, paragraphs, quotes, links, videos, blocks, errors, warnings``. Every text or HTML
        file is in exactly one of ``pages`` (by ``path``) and ``errors``; every record of a WARC
        archive and every line of a JSON-lines file is a page, an ``errors`` row or a ``warnings``
        row (by its number). ``pages.reference_time`` is the page's own date line (or its
        metadata's publication time when the text gives none), else the date in its URL, else its
        newest furniture timestamp (``reference_source``: ``dateline``, ``html-meta``,
        ``json-meta``, ``url``, ``furniture`` or ``none``). The tables are
        the same, row for row and dtype for dtype, whatever ``workers``, ``chunk_size`` and
        ``engine``.

    Raises
    ------
    FileNotFoundError
        When ``source`` is a folder or path that does not exist, a folder without any ``.txt``
        file (the message names another file it holds), or a pattern that matches nothing.
        Problems with individual files never raise.

    Notes
    -----
    A loaded corpus lives in memory (about 10 KB per page); for corpora larger than memory write
    a Parquet dataset with :func:`write_corpus` (flat memory) and read it back
    with :func:`analysis.read_corpus`, or use ``engine="dask"``.
    """
    if engine == "dask":
        return load_corpus_dask(source, metadata=metadata, chunk_size=chunk_size or DASK_CHUNK_SIZE)
    if engine != "pandas":
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    plan = make_plan(source, metadata)
    parts: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
    for tables in _stream(plan, workers=workers, chunk_size=chunk_size, progress=progress):
        for t in TABLES:
            parts[t].append(tables[t])
    return Corpus(**{t: concat(parts.pop(t)) for t in TABLES})


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
        return write_corpus_dask(source, path, metadata=metadata, chunk_size=chunk_size or DASK_CHUNK_SIZE,
                                 overwrite=overwrite, progress=progress)
    if engine != "pandas":
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    plan = make_plan(source, metadata)
    writer = DatasetWriter(path, empty_tables(plan.meta), aligned=PAGE_TABLES, overwrite=overwrite,
                           group_pages=min(GROUP_PAGES, part_pages))
    for tables in _stream(plan, workers=workers, chunk_size=chunk_size, progress=progress):
        # a part ends when the next chunk with pages arrives: a page-less chunk (such as the final
        # chunk of manifest warnings) joins the part before it instead of making an empty one
        if writer.part_pages >= part_pages and len(tables["pages"]):
            writer.end_part()
        writer.add(tables)
    return writer.close()


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
    spec = read_marker(p)
    if engine == "dask":
        return read_corpus_dask(p)
    if engine != "pandas":
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    tables = {}
    for name in TABLES:
        dtypes = spec["tables"][name]["dtypes"] if spec is not None else None
        files = table_files(p, name, spec)
        tables[name] = read_table(files, dtypes) if files else empty_tables()[name]  # a table not written
    return Corpus(**tables)


def open_corpus(path: str | os.PathLike | Iterable[str | os.PathLike], **kwargs):
    """A corpus from a notebook's ``corpus_path``: a dataset is read, anything else is parsed.

    Parameters
    ----------
    path : str, path or iterable of paths
        A corpus dataset folder (see :func:`analysis.dataset.is_corpus_dataset`), or anything
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

