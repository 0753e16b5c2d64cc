"""The Dask engine: the corpus tables as Dask DataFrames, for corpora past one machine.

``load_corpus(path, engine="dask")`` (:func:`load_corpus_dask`) builds every table of
:data:`analysis.tables.SCHEMAS` lazily, one partition per chunk of files, and computes on whatever
``dask.distributed`` client is active::

    from dask.distributed import Client, LocalCluster
    client = Client(LocalCluster(n_workers=4, threads_per_worker=1))   # one machine
    # client = Client("tcp://scheduler:8786")                          # a cluster
    corpus = analysis.load_corpus("pages/", engine="dask")
    corpus.to_parquet("cache/")          # the workers write the dataset, one part per chunk
    corpus = analysis.read_corpus("cache/", engine="dask")

Parsing holds the GIL: use one thread per worker process (``threads_per_worker=1``). Without an
active client, Dask's local threaded scheduler runs the tasks (correct, but on one core). On a
cluster, every worker needs ``analysis`` installed and the page files (and the output folder) on
a shared file system.

The tables are the same as those of the pandas engine, row for row and dtype for dtype, once
computed (:meth:`DaskCorpus.compute`). Partition *k* of ``pages, paragraphs, quotes, links,
videos, blocks`` holds the same pages; ``errors`` has a first partition of duplicate file names,
``warnings`` a last one of manifest notes and mismatches.

Derived tables
--------------
Tables computed page by page (events: ``analysis.extract_events``; link scores:
``analysis.score_links``) map over the aligned partitions with :func:`map_pages`; each call sees a
pandas :class:`~analysis.tables.Corpus` of one partition's pages, so memory is bounded by one
partition per worker thread. A computation that looks across pages sees only its partition: the
permutation null of ``score_links`` is drawn from the partition's other pages (about 1,000), not
from the whole corpus. Headline topics are not per page: fit ``analysis.HeadlineTopics`` on a
sample of headlines (e.g. ``links.headline.sample(frac=...)`` computed, up to ~100k headlines: the
TF-IDF and LSA matrices grow with the sample, not with the corpus; 20,000 headlines fit in ~4 s and
~330 MB), then ``analysis.assign_topics(model, dcorpus.links)`` gives every link its nearest topic,
partition by partition (``HeadlineTopics.predict``); memory is the fitted model plus one partition
(``benchmarks/bench_topics.py``: ~500 MB peak whether 100,000 or 1,000,000 headlines are assigned).
"""

from __future__ import annotations

import contextlib
import operator
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.chunks import DASK_CHUNK_SIZE, available_cores, chunk_frames, make_plan, pack_paths, tail_warnings
from analysis.dataset import DatasetWriter, dtype_from_spec, part_name, read_marker, read_part, table_files, write_frame
from analysis.tables import PAGE_TABLES, TABLES, Corpus, concat, empty_tables

__all__ = ["DaskCorpus", "client_for", "load_corpus_dask", "map_pages", "read_corpus_dask", "write_corpus_dask"]

#: Writes show a progress bar by default above this many tasks.
PROGRESS_MIN_TASKS = 200
#: Tasks in flight per Dask worker when writing a dataset (bounds client and scheduler memory).
WINDOW_PER_WORKER = 4


@dataclass
class DaskCorpus:
    """The tables of :class:`~analysis.tables.Corpus` as lazy Dask DataFrames."""

    pages: Any
    paragraphs: Any
    quotes: Any
    links: Any
    videos: Any
    blocks: Any
    errors: Any
    warnings: Any

    def __repr__(self) -> str:
        parts = ", ".join(f"{f.name}={getattr(self, f.name).npartitions}" for f in fields(self))
        return f"DaskCorpus(partitions: {parts})"

    def tables(self) -> dict[str, Any]:
        """All tables by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def compute(self) -> Corpus:
        """Compute every table at once (each chunk is parsed once) into a pandas Corpus."""
        import dask

        names = list(TABLES)
        frames = dask.compute(*(getattr(self, t) for t in names))
        return Corpus(**{t: df.reset_index(drop=True) for t, df in zip(names, frames, strict=True)})

    def to_parquet(self, path: str | os.PathLike, *, overwrite: bool = False, progress: bool | None = None) -> Path:
        """Write a corpus dataset (:mod:`analysis.dataset`): the workers write one part per partition.

        Every table is written in one computation, so each chunk of files is parsed once. Empty
        ``errors``/``warnings`` partitions are not written. Returns the dataset folder.
        """
        import dask

        writer = DatasetWriter(path, {t: getattr(self, t)._meta for t in TABLES}, overwrite=overwrite)
        tasks, names = [], []
        for t in TABLES:
            for i, part in enumerate(getattr(self, t).to_delayed(optimize_graph=False)):
                tasks.append(dask.delayed(_write_part, pure=False)(part, os.fspath(writer.out / t / part_name(i)),
                                                                 t in PAGE_TABLES))
                names.append((t, part_name(i)))
        rows = _compute_all(tasks, progress)
        for (t, name), n in zip(names, rows, strict=True):
            if n is not None:
                writer.record(t, name, n)
        return writer.close()


def _write_part(df: pd.DataFrame, file: str, keep_empty: bool) -> int | None:
    """Write one partition; None when it is empty and need not be kept."""
    if not keep_empty and not len(df):
        return None
    return write_frame(df.reset_index(drop=True), Path(file))


def _compute_all(tasks: list, progress: bool | None) -> list:
    """Compute delayed tasks in one graph; a tqdm bar over finished tasks when a client is active."""
    import dask

    client = _active_client()
    if client is None or progress is False:
        return list(dask.compute(*tasks))
    from distributed import as_completed

    futures = client.compute(tasks)
    index = {f.key: i for i, f in enumerate(futures)}
    results: list = [None] * len(futures)
    with _write_bar(len(futures), progress) as bar:
        for future in as_completed(futures):
            results[index[future.key]] = future.result()
            bar.update(1)
    return results


def _run_windowed(func: Callable, calls: Iterable[tuple], total: int, progress: bool | None) -> list:
    """``[func(*args) for args in calls]`` as Dask tasks, at most a few per worker in flight.

    Tasks are created as earlier ones finish, so the client (and the scheduler) hold a window of
    small tasks, not one per chunk of the whole corpus: memory does not grow with the corpus.
    Without a ``distributed`` client the tasks run in batches on the local Dask scheduler.
    """
    import itertools

    import dask

    client = _active_client()
    if client is None:
        calls, results = iter(calls), []
        batch = 4 * (os.cpu_count() or 1)
        while chunk := list(itertools.islice(calls, batch)):
            results.extend(dask.compute(*(dask.delayed(func, pure=False)(*args) for args in chunk)))
        return results
    from distributed import as_completed

    window = WINDOW_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})))
    numbered = enumerate(calls)
    pending = as_completed()
    index: dict[str, int] = {}
    done: dict[int, object] = {}

    def submit(n: int) -> None:
        for i, args in itertools.islice(numbered, n):
            future = client.submit(func, *args, pure=False)
            index[future.key] = i
            pending.add(future)

    submit(window)
    with _write_bar(total, progress) as bar:
        for future in pending:
            done[index.pop(future.key)] = future.result()
            future.release()
            bar.update(1)
            submit(1)
    return [done[i] for i in range(len(done))]


def _write_bar(total: int, progress: bool | None):
    """A tqdm bar over written parts: shown when ``progress`` is True, or None and the write is long."""
    from tqdm.auto import tqdm

    quiet = progress is False or (progress is None and total < PROGRESS_MIN_TASKS)
    return tqdm(total=total, unit="part", desc="writing", disable=quiet)


def _active_client():
    try:
        from distributed import default_client
    except ImportError:  # pragma: no cover - distributed is a pinned dependency
        return None
    try:
        return default_client()
    except ValueError:
        return None


@contextlib.contextmanager
def client_for(address: str | None = None, *, n_workers: int | None = None) -> Iterator[Any]:
    """A ``dask.distributed`` client: the active one, one for ``address``, or a new LocalCluster.

    A LocalCluster has ``n_workers`` processes (default: all cores) of one thread each, and is
    closed on exit; an existing client is left running.
    """
    from distributed import Client, LocalCluster

    if address is None and (active := _active_client()) is not None:
        yield active
        return
    if address is not None:
        with Client(address) as client:
            yield client
        return
    n = n_workers or available_cores()
    with LocalCluster(n_workers=n, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


# --------------------------------------------------------------------------------------------
# Building the tables


def load_corpus_dask(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    metadata: str | os.PathLike | pd.DataFrame | bool | None = None,
    chunk_size: int = DASK_CHUNK_SIZE,
) -> DaskCorpus:
    """Every table of a corpus as a Dask DataFrame, one partition per chunk of files.

    Parameters
    ----------
    source, metadata
        As for :func:`analysis.load_corpus`. The files are listed, and the manifest joined to the
        file list, here in the client; the pages are parsed on the workers.
    chunk_size : int
        Files per partition (about 10 MB of tables per 1,000 pages).

    Returns
    -------
    DaskCorpus
        Lazy tables; ``.compute()`` gives the :class:`~analysis.tables.Corpus` that
        ``load_corpus(source, metadata=metadata)`` returns, ``.to_parquet(dir)`` writes the dataset.
    """
    import dask
    import dask.dataframe as dd

    plan = make_plan(source, metadata)
    empty = empty_tables(plan.meta)
    parse = dask.delayed(chunk_frames, pure=True)
    parts = [parse(pack_paths(paths), meta) for paths, meta in plan.chunks(chunk_size)]
    pick = dask.delayed(operator.getitem, pure=True)
    columns: dict[str, list] = {t: [pick(p, t) for p in parts] for t in TABLES}
    if not parts:  # an empty list of files
        columns = {t: [dask.delayed(empty[t])] for t in TABLES}
    columns["errors"].insert(0, dask.delayed(plan.head_errors(), pure=True))
    if plan.manifest is None:
        tail = dask.delayed(plan.tail_warnings(empty["pages"]), pure=True)
    else:
        ids = [dask.delayed(_page_ids, pure=True)(p) for p in columns["pages"]]
        tail = dask.delayed(_tail_warnings, pure=True)(plan.notes, plan.manifest, ids)
    columns["warnings"].append(tail)
    with dask.config.set({"dataframe.convert-string": False}):  # dtypes are exact already
        tables = {t: dd.from_delayed(columns[t], meta=empty[t], verify_meta=False) for t in TABLES}
    return DaskCorpus(**tables)


def write_corpus_dask(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    path: str | os.PathLike,
    *,
    metadata: str | os.PathLike | pd.DataFrame | bool | None = None,
    chunk_size: int = DASK_CHUNK_SIZE,
    overwrite: bool = False,
    progress: bool | None = None,
) -> Path:
    """Parse page files into a corpus dataset on the active Dask client, one task per chunk.

    Each task parses a chunk of files and writes part *k* of every table itself, so nothing but
    row counts comes back to the client; tasks are submitted as earlier ones finish, a few per
    worker at a time, so client and scheduler memory does not grow with the corpus. Equal, once
    read back, to ``load_corpus(source).to_parquet(path)``.
    ``errors`` starts with a ``head.parquet`` part (duplicate file names), ``warnings`` ends with a
    ``tail.parquet`` part (manifest notes and mismatches) when there are any.

    Parameters
    ----------
    source, metadata
        As for :func:`analysis.load_corpus`.
    path : str or path-like
        Output folder (on a file system every worker can write to).
    chunk_size : int
        Files per task and part.
    overwrite : bool
        Replace the tables of an existing dataset folder.
    progress : bool, optional
        A progress bar over finished chunks (default: above 200 chunks, with a client).

    Returns
    -------
    pathlib.Path
        The dataset folder.
    """
    plan = make_plan(source, metadata)
    empty = empty_tables(plan.meta)
    writer = DatasetWriter(path, empty, overwrite=overwrite)
    calls = ((pack_paths(paths), meta, os.fspath(writer.out), part_name(i), plan.manifest is not None)
             for i, (paths, meta) in enumerate(plan.chunks(chunk_size)))
    results = _run_windowed(_write_chunk, calls, -(-plan.n_pages // chunk_size), progress)
    head, ids = plan.head_errors(), []
    if len(head):
        writer.put("errors", "head.parquet", head)
    for i, (rows, page_ids) in enumerate(results):
        for t, n in rows.items():
            if n is not None:
                writer.record(t, part_name(i), n)
        if page_ids is not None:
            ids.append(page_ids)
    tail = plan.tail_warnings(concat(ids) if ids else empty["pages"][["doc_id", "path"]])
    if len(tail):
        writer.put("warnings", "tail.parquet", tail)
    return writer.close()


def _write_chunk(paths: bytes, meta: pd.DataFrame | None, out: str, name: str, want_ids: bool):
    """Parse one chunk and write its part of every table (a Dask task); row counts, page ids."""
    tables = chunk_frames(paths, meta)
    rows = {t: _write_part(df, os.path.join(out, t, name), t in PAGE_TABLES) for t, df in tables.items()}
    return rows, (_page_ids(tables["pages"]) if want_ids else None)


def _page_ids(pages: pd.DataFrame) -> pd.DataFrame:
    return pages[["doc_id", "path"]]


def _tail_warnings(notes: list[tuple], manifest: pd.DataFrame, ids: list[pd.DataFrame]) -> pd.DataFrame:
    """The final ``warnings`` partition: ``notes`` and the manifest's mismatches with every page's ids."""
    return tail_warnings(notes, manifest, concat(ids))


def read_corpus_dask(path: str | os.PathLike) -> DaskCorpus:
    """A corpus dataset (:mod:`analysis.dataset`) as a :class:`DaskCorpus`, one partition per part file."""
    import dask
    import dask.dataframe as dd

    p = Path(path)
    spec = read_marker(p)
    empty = empty_tables()
    tables = {}
    for name in TABLES:
        files = [os.fspath(f) for f in table_files(p, name, spec)]
        dtypes = spec["tables"][name]["dtypes"] if spec is not None else None
        if dtypes is not None:
            meta = pd.DataFrame({c: pd.Series(dtype=dtype_from_spec(d)) for c, d in dtypes.items()})
        elif files:
            meta = read_part(files[0]).iloc[:0]
        else:
            meta = empty[name]
        with dask.config.set({"dataframe.convert-string": False}):  # dtypes are exact already
            if not files:
                tables[name] = dd.from_pandas(meta, npartitions=1)
                continue
            tables[name] = dd.from_map(read_part, files, args=[dtypes], meta=meta, label=f"read-{name}",
                                       enforce_metadata=False)
    return DaskCorpus(**tables)


# --------------------------------------------------------------------------------------------
# Per-page derived tables


def _apply(pages, paragraphs, quotes, links, videos, blocks, *, page_func, empty):
    corpus = Corpus(pages=pages, paragraphs=paragraphs, quotes=quotes, links=links, videos=videos,
                    blocks=blocks, errors=empty["errors"], warnings=empty["warnings"])
    return page_func(corpus)


def map_pages(corpus: Corpus | DaskCorpus, func: Callable[[Corpus], pd.DataFrame], *, meta=None,
              batch_pages: int | None = None):
    """Apply a per-page analysis to every partition of a corpus; the derived table of all pages.

    Parameters
    ----------
    corpus : DaskCorpus or Corpus
        From ``load_corpus(..., engine="dask")`` or ``read_corpus(..., engine="dask")`` (partitions
        must be aligned: the same number in every per-page table, as both build them), or a pandas
        Corpus.
    func : callable
        ``func(corpus) -> DataFrame`` for a pandas :class:`~analysis.tables.Corpus` of some pages
        (``errors`` and ``warnings`` are empty), e.g. ``analysis.extract_events`` or
        ``analysis.score_links``. Rows must depend only on each row's own page for the result to
        be the same as ``func`` on the whole corpus (see the module docstring for what differs).
    meta : DataFrame, optional
        An empty frame with the result's columns and dtypes; by default ``func`` on an empty
        corpus.
    batch_pages : int, optional
        For a pandas Corpus: apply ``func`` to batches of this many pages (bounds the memory of
        ``func``'s intermediate results) and concatenate; default all pages at once.

    Returns
    -------
    dask.dataframe.DataFrame or pandas.DataFrame
        Lazy (one partition per corpus partition) for a DaskCorpus, else a pandas DataFrame.
    """
    empty = empty_tables()
    if isinstance(corpus, Corpus):
        if batch_pages is None:
            return func(corpus)
        results = [func(part) for part in _page_batches(corpus, batch_pages)]
        return pd.concat(results, ignore_index=True) if results else func(Corpus(**empty))
    import dask.dataframe as dd

    args = [getattr(corpus, t) for t in PAGE_TABLES]
    counts = {a.npartitions for a in args}
    if len(counts) != 1:
        raise ValueError(f"per-page tables are not aligned (partitions: {[a.npartitions for a in args]})")
    if meta is None:
        empty_pages = {t: getattr(corpus, t)._meta for t in PAGE_TABLES}
        meta = _apply(*(empty_pages[t] for t in PAGE_TABLES), page_func=func, empty=empty).iloc[:0]
    return dd.map_partitions(_apply, *args, page_func=func, empty=empty, meta=meta, align_dataframes=False,
                             enforce_metadata=False)


def _page_batches(corpus: Corpus, size: int) -> Iterator[Corpus]:
    """Sub-corpora of ``size`` pages each (children follow their page's batch)."""
    pages = corpus.pages.reset_index(drop=True)
    batch = pd.Series(pages.index // size, index=pages["doc_id"].to_numpy())
    groups = {}
    for t in PAGE_TABLES[1:]:
        df = getattr(corpus, t)
        key = df["doc_id"].map(batch)
        groups[t] = {int(k): g for k, g in df.groupby(key, sort=False)}
    for k, part in pages.groupby(pages.index // size, sort=True):
        children = {t: groups[t].get(k, getattr(corpus, t).iloc[:0]) for t in PAGE_TABLES[1:]}
        yield Corpus(pages=part, **children, errors=corpus.errors.iloc[:0], warnings=corpus.warnings.iloc[:0])
