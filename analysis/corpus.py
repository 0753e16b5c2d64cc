"""A folder (or glob, or list) of page dumps -> a :class:`Corpus` of tidy DataFrames.

Every input file ends up either in ``pages`` or in ``errors`` with a readable reason (in a folder,
every file but hidden ones and the manifest: a file that is not ``.txt`` is an error row); one bad
file never stops a load. Files are parsed in worker processes in chunks (``workers``), a few chunks in
flight per worker, so memory stays flat however many files there are; the tables are identical
whatever the number of workers or the chunk size. :func:`iter_chunks` is the streaming form (used by
:func:`analysis.store.write_corpus` to write corpora larger than memory), and ``engine="dask"``
builds the same tables as Dask DataFrames (:mod:`analysis.dask_engine`).
"""

from __future__ import annotations

import gc
import glob
import os
import re
import stat
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path, PurePath

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.clean import decode_bytes
from analysis.page import Page, parse_page

__all__ = ["SCHEMAS", "TABLES", "Corpus", "iter_chunks", "load_corpus", "read_page_file"]

#: Column -> dtype of every table (the table contract of GUIDE.md section 2, extended).
SCHEMAS: dict[str, dict[str, str]] = {
    "pages": {
        "doc_id": "string", "path": "string", "title": "string", "summary": "string",
        "caption": "string", "photo_credit": "string", "byline": "string", "dateline": "string",
        "body": "string", "n_paragraphs": "int64", "n_quotes": "int64", "n_links": "int64",
        "n_videos": "int64", "n_unknown_lines": "int64", "source": "string",
        "published": "datetime64[ns]", "crawled": "datetime64[ns]", "reference_time": "datetime64[ns]",
        "truncated": "bool", "n_lines": "int64",
        # from a crawl manifest, when there is one (analysis.urls)
        "url": "string", "host": "string", "site": "string", "section": "string",
        "url_date": "datetime64[ns]", "url_date_granularity": "string", "reference_source": "string",
    },
    "paragraphs": {
        "doc_id": "string", "n": "int64", "text": "string", "line_start": "int64", "line_end": "int64",
        "prefix": "string", "trailer": "string",
    },
    "quotes": {"doc_id": "string", "paragraph": "int64", "speaker": "string", "text": "string", "verb": "string"},
    "links": {
        "doc_id": "string", "block": "string", "position": "int64", "headline": "string",
        "section": "string", "teaser": "string", "teaser_truncated": "boolean",
        "published": "datetime64[ns]", "line": "int64",
    },
    "videos": {
        "doc_id": "string", "position": "int64", "program": "string", "title": "string",
        "date": "datetime64[ns]", "line": "int64",
    },
    "blocks": {"doc_id": "string", "kind": "string", "line_start": "int64", "line_end": "int64", "text": "string"},
    "errors": {"path": "string", "error": "string"},
    "warnings": {"doc_id": "string", "path": "string", "warning": "string"},
}
TABLES = tuple(SCHEMAS)
#: Columns of ``pages`` that come from parsing a page (the rest come from the manifest).
PAGE_ROW_COLUMNS = list(SCHEMAS["pages"])[: list(SCHEMAS["pages"]).index("url")]
MANIFEST_NAMES = ("manifest.tsv", "manifest.csv")

#: Above this many files a load runs in worker processes (below it, start-up costs more than it saves).
PARALLEL_MIN_FILES = 400
#: Files per task of a worker process (fewer for small corpora, so every worker gets several tasks),
#: and per partition of the Dask engine. Each task has a fixed cost (building eight typed tables).
CHUNK_SIZE = 1000
MIN_CHUNK_SIZE = 50
DASK_CHUNK_SIZE = 1000
#: Chunks submitted ahead per worker process (bounds memory; 2 keeps every worker busy).
IN_FLIGHT = 2
#: Loads of more files than this show a progress bar unless ``progress=False``.
PROGRESS_MIN_FILES = 5000
MAX_BYTES = 64 * 1024 * 1024
#: Flags of a page file's descriptor (see :func:`_read_regular_file`); the last two exist per platform.
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head>", b"<body")
#: Arrow type used to build each pandas dtype of :data:`SCHEMAS` from row tuples.
ARROW_TYPES = {
    "string": pa.large_string(), "int64": pa.int64(), "datetime64[ns]": pa.timestamp("ns"),
    "bool": pa.bool_(), "boolean": pa.bool_(),
}
STRING_DTYPE = pd.StringDtype()


@dataclass
class Corpus:
    """Tidy tables of a corpus of pages (see :data:`SCHEMAS` for every column and dtype)."""

    pages: pd.DataFrame
    paragraphs: pd.DataFrame
    quotes: pd.DataFrame
    links: pd.DataFrame
    videos: pd.DataFrame
    blocks: pd.DataFrame
    errors: pd.DataFrame
    warnings: pd.DataFrame

    def __repr__(self) -> str:
        counts = ", ".join(f"{f.name}={len(getattr(self, f.name))}" for f in fields(self))
        return f"Corpus({counts})"

    def tables(self) -> dict[str, pd.DataFrame]:
        """All tables by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def to_parquet(self, path: str | os.PathLike, *, overwrite: bool = False) -> Path:
        """Write every table as a Parquet dataset under ``path`` (see :func:`analysis.store.write_tables`).

        :func:`analysis.read_corpus` reads it back exactly (same rows, order, columns, dtypes; the
        index is not stored: tables come back with a RangeIndex). A non-empty ``path`` needs
        ``overwrite=True``. Returns the dataset folder.
        """
        from analysis.store import write_tables

        return write_tables(self.tables(), path, overwrite=overwrite)


# --------------------------------------------------------------------------------------------
# One file


def read_page_file(
    path: str | os.PathLike, doc_id: str | None = None,
) -> tuple[Page | None, str | None, list[str]]:
    """Read, check, decode and parse one page file.

    Parameters
    ----------
    path : str or path-like
        The file.
    doc_id : str, optional
        The page's ``doc_id``; default the file's stem.

    Returns
    -------
    (page, error, warnings)
        ``page`` is None exactly when ``error`` says why the file could not be used.
    """
    path = os.fspath(path)
    try:
        data = _read_regular_file(path)
    except FileNotFoundError:
        return None, "file not found", []
    except OSError as exc:
        return None, f"cannot read file: {exc.strerror or exc}", []
    if isinstance(data, str):
        return None, data, []
    return _parse_bytes(data, _stem(path) if doc_id is None else doc_id)


def _read_regular_file(path: str) -> bytes | str:
    """The bytes of a regular file of at most :data:`MAX_BYTES`, else why not (a ``str``).

    Plain ``os`` calls on one descriptor (half the time of ``stat`` + ``open().read()``);
    ``O_NONBLOCK`` so that opening a FIFO does not wait for a writer, ``O_BINARY`` (Windows) so
    that nothing is translated.
    """
    fd = os.open(path, OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return "not a regular file"
        if st.st_size > MAX_BYTES:
            return f"file too large ({st.st_size:,} bytes; limit {MAX_BYTES:,})"
        parts = [os.read(fd, st.st_size + 1)]
        size = len(parts[0])
        while parts[-1]:  # until end of file (the file may have grown since fstat)
            if size > MAX_BYTES:
                return f"file too large (over {MAX_BYTES:,} bytes)"
            parts.append(os.read(fd, 1 << 20))
            size += len(parts[-1])
        return b"".join(parts)
    finally:
        os.close(fd)


def _parse_bytes(data: bytes, doc_id: str) -> tuple[Page | None, str | None, list[str]]:
    warnings: list[str] = []
    if not data:
        return None, "empty file", []
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        nul = data.count(b"\x00")
        sample = data[:8192]
        controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13)) / len(sample)
        if nul / len(data) > 0.01 or controls > 0.05:  # a text with a few stray NULs is still text
            return None, f"binary file ({nul:,} NUL bytes, {controls:.0%} control bytes), not a text page", []
        data = data.replace(b"\x00", b"")
        warnings.append(f"{nul} NUL byte(s) removed")
    head = data[:2048]
    if b"<" in head and _looks_like_html(head.lower()):
        return None, "HTML markup, not a plain-text page dump (convert it to text first)", []
    text, dec_warnings = decode_bytes(data)
    warnings += dec_warnings
    if not text.strip():
        return None, "no text (whitespace only)", []
    page = parse_page(text, doc_id)
    return page, None, warnings + page.warnings


def _looks_like_html(head: bytes) -> bool:
    """Whether a file's first 2 KB (lower-cased) are HTML markup rather than a text dump."""
    return any(m in head for m in HTML_MARKERS) or head.count(b"</") + head.count(b"<div") > 8


# --------------------------------------------------------------------------------------------
# Many files: which files, in which chunks


class _Paths(list):
    """A chunk's file paths, and the folder their doc_ids are relative to (``root``).

    ``root`` None: each doc_id is the file's stem (a list of paths); a folder or a glob's fixed
    prefix: the path relative to it, without ``.txt``, with ``/`` separators (``kompas/001``).
    """

    def __init__(self, paths: Iterable[str] = (), root: str | None = None):
        super().__init__(paths)
        self.root = root


#: Reasons for the files of a folder that are not read as pages (by extension, lower case).
NOT_A_PAGE = {
    ".html": "HTML file, not a plain-text page dump (convert it to text first)",
    ".htm": "HTML file, not a plain-text page dump (convert it to text first)",
    ".xhtml": "HTML file, not a plain-text page dump (convert it to text first)",
}
NOT_TXT = "not a .txt file (only .txt files in a folder are read as pages)"


def _not_a_page(name: str) -> str:
    """Why a (non-``.txt``) file of a corpus folder is not read as a page."""
    return NOT_A_PAGE.get(os.path.splitext(name)[1].lower(), NOT_TXT)


class _FolderFiles(Sequence[str]):
    """The sorted ``.txt`` files of a folder and its subfolders, held as one fixed-width bytes array
    of relative names (``kompas/001.txt``).

    A million paths as Python strings take ~100 MB (and grow the loader's memory with the corpus);
    as ``numpy.bytes_`` names they take ~15 MB. Items are full paths (``str``), slices
    :class:`_Paths` with the folder as ``root``. ``others`` lists every other file (path, reason):
    each becomes an ``errors`` row, so no file of the folder goes unseen.
    """

    def __init__(self, folder: str, names: np.ndarray, all_txt: bool, others: list[tuple[str, str]] | None = None):
        self.folder = folder
        self.names = names
        self.all_txt = all_txt
        self.others = others or []

    @classmethod
    def scan(cls, folder: str) -> _FolderFiles:
        """The ``.txt`` files under ``folder``, sorted by relative path (bytewise: code point order).

        Subfolders are searched (symbolic links to folders are not followed); hidden files and
        folders (``.ipynb_checkpoints``, ``.git``) are skipped, and so is the crawl manifest
        (``manifest.tsv``/``manifest.csv``) at the top. Names are read in batches: no list of every
        name is built on the way (a million names as strings: ~80 MB), so the loader's peak memory
        does not grow with the folder.
        """
        batches, batch, others = [], [], []
        pending = [""]  # relative folder prefixes still to read ("" = the folder itself)
        while pending:
            prefix = pending.pop()
            with os.scandir(os.path.join(folder, prefix) if prefix else folder) as entries:
                for e in entries:
                    if e.name.startswith("."):
                        continue
                    rel = prefix + e.name
                    try:
                        if e.is_dir(follow_symlinks=False):
                            pending.append(rel + "/")
                            continue
                        regular = e.is_file()
                    except OSError:
                        regular = False
                    if not prefix and e.name in MANIFEST_NAMES:
                        continue
                    if _is_txt(e.name) and regular:
                        batch.append(os.fsencode(rel))
                        if len(batch) == 10_000:
                            batches.append(np.array(batch, dtype=bytes))
                            batch = []
                    elif not regular:
                        what = "symbolic link to a folder (not followed)" if e.is_dir() else "not a regular file"
                        others.append((os.path.join(folder, rel), what))
                    else:
                        others.append((os.path.join(folder, rel), _not_a_page(e.name)))
        batches.append(np.array(batch, dtype=bytes))  # the rest (maybe none)
        names = np.concatenate(batches)
        names.sort()
        others.sort()
        return cls(folder, names, bool(np.char.endswith(names, b".txt").all()), others)

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return _Paths((self._path(n) for n in self.names[i]), self.folder)
        return self._path(self.names[i])

    def _path(self, name: bytes) -> str:
        return os.path.join(self.folder, os.fsdecode(name))


def _fixed_prefix(pattern: str) -> str:
    """The folder part of a glob pattern before its first wildcard (``pages/**/*.txt`` -> ``pages``)."""
    parts = re.split(r"[/\\]" if os.sep == "\\" else "/", pattern)
    fixed = []
    for part in parts[:-1]:
        if glob.has_magic(part):
            break
        fixed.append(part)
    if not fixed:
        return ""
    return "/".join(fixed) or "/"  # a pattern starting with "/" keeps its root


def _resolve(source: str | os.PathLike | Iterable[str | os.PathLike]) -> Sequence[str]:
    """The page files named by a folder, a glob pattern, a single file or a list of paths.

    A folder gives a :class:`_FolderFiles` (its doc_ids relative to it), a glob a :class:`_Paths`
    rooted at its fixed prefix, a file or a list a :class:`_Paths` of stems.
    """
    if isinstance(source, (str, os.PathLike)):
        s = os.fspath(source)
        if glob.has_magic(s):
            found = sorted(Path(x) for x in glob.glob(s, recursive=True) if Path(x).is_file())
            if not found:
                raise FileNotFoundError(f"no files match the pattern {s!r}")
            return _Paths((os.fspath(x) for x in found), _fixed_prefix(s))
        p = Path(s)
        if not p.exists():
            raise FileNotFoundError(f"corpus path does not exist: {s!r}")
        if p.is_dir():
            # os.scandir, not Path.iterdir: a million files cost seconds, not minutes, and strings
            # are a fifth of the memory of Path objects.
            files = _FolderFiles.scan(os.fspath(p))
            if not len(files):
                others = ""
                if files.others:
                    others = f" (it holds {len(files.others)} other file(s), e.g. {files.others[0][0]!r})"
                raise FileNotFoundError(f"no .txt page files in folder {s!r}{others}")
            return files
        return _Paths([os.fspath(p)])
    return _Paths(os.fspath(Path(x)) for x in source)


def _is_txt(name: str) -> bool:
    """``Path(name).suffix.lower() == ".txt"``, without building a Path."""
    return len(name) > 4 and name[-4:].lower() == ".txt"


def _stem(path: str) -> str:
    """``Path(path).stem``: the doc_id of a file given by itself or in a list."""
    name = os.path.basename(path)
    return name[:-4] if _is_txt(name) else PurePath(path).stem


def _doc_id(path: str, root: str | None) -> str:
    """The doc_id of ``path``: its stem (``root`` None), else its path relative to ``root`` without
    the extension, with ``/`` separators (``kompas/001``; in a flat folder, the stem)."""
    if root is None:
        return _stem(path)
    if root and path.startswith(root):
        rel = path[len(root):].lstrip("/" + os.sep)
    elif not root:
        rel = path[2:] if path.startswith(("./", "." + os.sep)) else path
    else:
        return _stem(path)
    if os.sep != "/":
        rel = rel.replace(os.sep, "/")
    head, _, name = rel.rpartition("/")
    name = name[:-4] if _is_txt(name) else PurePath(name).stem
    return f"{head}/{name}" if head else name


def _dedupe(files: list[str], root: str | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    """Files with a unique doc_id (first wins), and an error row for every later duplicate."""
    seen: set[str] = set()  # a set of ids, not a dict: a million files cost 80 MB less
    duplicates = []
    for i, f in enumerate(files):
        doc_id = _doc_id(f, root)
        if doc_id in seen:
            duplicates.append(i)
        seen.add(doc_id)
    if not duplicates:
        return files, []
    taken = set(duplicates)
    first = {}
    for i, f in enumerate(files):
        if i not in taken:
            first.setdefault(_doc_id(f, root), f)
    errors = [(files[i], f"duplicate doc_id {_doc_id(files[i], root)!r}: same file name as "
                         f"{first[_doc_id(files[i], root)]}")
              for i in duplicates]
    return _Paths((f for i, f in enumerate(files) if i not in taken), root), errors


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --------------------------------------------------------------------------------------------
# One chunk of files -> typed DataFrames (runs in worker processes / Dask workers)


#: Tables of a page's records (Paragraph, Quote, Link, Video, Block tuples), keyed by doc_id.
RECORD_TABLES = ("paragraphs", "quotes", "links", "videos", "blocks")


def _parse_chunk(paths: list[str], root: str | None = None) -> tuple[dict[str, list[tuple]], dict[str, list[str]]]:
    """Parse a chunk of files into row tuples per table.

    Returns ``(rows, ids)``: the row tuples of every table and, for the record tables, the
    doc_id of every row (kept apart so that a record is not copied into a new tuple). A page that
    makes the parser raise becomes an ``errors`` row (``parser failed: ...``), so one page cannot
    stop a load of millions. ``root``: see :class:`_Paths`.
    """
    rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
    ids: dict[str, list[str]] = {t: [] for t in RECORD_TABLES}
    with _gc_paused():
        for path in paths:
            _add_file(path, _doc_id(path, root), rows, ids)
    return rows, ids


def _add_file(path: str, doc_id: str, rows: dict[str, list[tuple]], ids: dict[str, list[str]]) -> None:
    """Parse one file into ``rows``/``ids`` (see :func:`_parse_chunk`): its page, or its error."""
    try:
        page, error, warnings = read_page_file(path, doc_id)
    except Exception as exc:  # reported per file, in errors
        page, error, warnings = None, f"parser failed: {type(exc).__name__}: {exc}", []
    for w in warnings:
        rows["warnings"].append((doc_id, path, w))
    if page is None:
        rows["errors"].append((path, error))
    else:
        _page_rows(page, doc_id, path, rows, ids)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (if it runs) while a chunk is parsed.

    Parsing makes no reference cycles, only many short-lived objects, and with the collector on,
    the growing rows of a chunk are traversed again and again: about 5% of the parse. Garbage
    is still freed at once by reference counting; the collector runs again after the chunk.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _page_rows(page: Page, doc_id: str, path: str, rows: dict[str, list[tuple]], ids: dict[str, list[str]]) -> None:
    n_unknown = sum(b.line_end - b.line_start + 1 for b in page.blocks if b.kind == "unknown")
    rows["pages"].append((
        doc_id, path, page.title, page.summary, page.caption, page.photo_credit, page.byline,
        page.dateline, page.body, len(page.paragraphs), len(page.quotes), len(page.links),
        len(page.videos), n_unknown, page.source, page.published, page.crawled,
        page.reference_time, page.truncated, page.n_lines,
    ))
    for table in RECORD_TABLES:
        records = getattr(page, table)
        rows[table] += records
        ids[table] += [doc_id] * len(records)


def _frame(table: str, rows: list[tuple], ids: list[str] | None = None) -> pd.DataFrame:
    """Row tuples -> a DataFrame with the dtypes of :data:`SCHEMAS` (via Arrow: twice as fast).

    With ``ids``, the rows are records without their doc_id and ``ids`` is that first column.
    """
    return _to_pandas(table, _arrow(table, rows, ids))


def _arrow(table: str, rows: list[tuple], ids: list[str] | None = None) -> pa.Table:
    """The Arrow table of :func:`_frame`."""
    schema = SCHEMAS[table]
    columns = PAGE_ROW_COLUMNS if table == "pages" else list(schema)
    if ids is not None:
        # Records: Arrow reads the tuples as one struct array, three times faster than transposing
        # a chunk's rows in Python (``zip(*rows)``) and converting column by column.
        struct = pa.struct([(c, ARROW_TYPES[schema[c]]) for c in columns[1:]])
        records = pa.Table.from_struct_array(pa.array(rows, type=struct, from_pandas=True))
        return records.add_column(0, columns[0], pa.array(ids, type=ARROW_TYPES[schema[columns[0]]]))
    values = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    arrays = [pa.array(v, type=ARROW_TYPES[schema[c]], from_pandas=True) for c, v in zip(columns, values, strict=True)]
    return pa.Table.from_arrays(arrays, names=columns)


def _to_pandas(table: str, arrow: pa.Table) -> pd.DataFrame:
    """An Arrow table of ``table`` -> pandas, with the dtypes of :data:`SCHEMAS`."""
    df = arrow.to_pandas(types_mapper=_string_dtype)
    nullable = {c: d for c, d in SCHEMAS[table].items() if d == "boolean" and c in df.columns}
    return df.astype(nullable) if nullable else df


def _string_dtype(arrow_type: pa.DataType) -> pd.StringDtype | None:
    return STRING_DTYPE if arrow_type == pa.large_string() else None


def _pack_paths(paths: Sequence[str]) -> bytes:
    """A chunk's file paths as one small bytes object: NUL-separated (NUL is the one character no
    path holds), zlib-compressed (paths in one folder share most of their characters: ~10x).

    What a Dask task carries instead of a list: a million files make a thousand such objects of a
    few KB, in the task graph, the scheduler and its message logs. The first item is the chunk's
    ``root`` (:class:`_Paths`): ``R<root>``, or ``S`` for file stems.
    """
    root = getattr(paths, "root", None)
    head = "S" if root is None else "R" + root
    return zlib.compress("\0".join([head, *paths]).encode("utf-8", "surrogateescape"), 1)


def _unpack_paths(packed: bytes) -> _Paths:
    """The paths (and root) :func:`_pack_paths` packed."""
    head, *paths = zlib.decompress(packed).decode("utf-8", "surrogateescape").split("\0")
    return _Paths(paths, None if head == "S" else head[1:])


def _chunk_frames(paths: list[str] | bytes, meta: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Parse a chunk of files into the final tables of those files.

    ``paths`` is a list (a :class:`_Paths` with its ``root``; a plain list: doc_ids are stems), or the
    bytes of :func:`_pack_paths`. ``meta`` is the manifest slice of
    these files (:func:`_manifest_meta`, indexed by doc_id) or None. Building typed frames here,
    in the worker, keeps the main process to concatenation: an Arrow-backed frame pickles as a few
    buffers instead of millions of Python objects.
    """
    if isinstance(paths, bytes):
        paths = _unpack_paths(paths)
    rows, ids = _parse_chunk(paths, getattr(paths, "root", None))
    return {t: _pages_frame(r, meta) if t == "pages" else _frame(t, r, ids.get(t)) for t, r in rows.items()}


def _empty_tables(meta: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Zero-row tables with every column and dtype (the ``meta`` of Dask collections)."""
    return {t: _pages_frame([], None if meta is None else meta.iloc[:0]) if t == "pages" else _frame(t, [])
            for t in TABLES}


def _pages_frame(rows: list[tuple], meta: pd.DataFrame | None) -> pd.DataFrame:
    """The ``pages`` table of a chunk: its parsed rows, the manifest columns and the reference time.

    Without a manifest every column is built in Arrow and converted once (building a chunk's
    frame column by column in pandas costs about as much as parsing a tenth of its pages).
    """
    parsed = _arrow("pages", rows)
    if meta is not None:
        return _attach(_to_pandas("pages", parsed), meta)
    n = parsed.num_rows
    columns = dict(zip(parsed.column_names, parsed.columns, strict=True))
    for c, dtype in SCHEMAS["pages"].items():
        columns.setdefault(c, pa.nulls(n, ARROW_TYPES[dtype]))
    dates = (columns[c].to_numpy(zero_copy_only=False) for c in ("published", "url_date", "crawled"))
    time, source = _reference(*dates)
    columns["reference_time"] = pa.array(time, type=ARROW_TYPES["datetime64[ns]"])
    columns["reference_source"] = pa.array(source, type=ARROW_TYPES["string"])
    return _to_pandas("pages", pa.table({c: columns[c] for c in SCHEMAS["pages"]}))


def _reference(published: np.ndarray, url_date: np.ndarray, crawled: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``reference_time`` and ``reference_source`` from three ``datetime64[ns]`` arrays (NaT: none).

    The page's own date line, else the date in its URL, else its newest furniture timestamp.
    """
    has = [~np.isnat(published), ~np.isnat(url_date), ~np.isnat(crawled)]
    time = np.where(has[0], published, np.where(has[1], url_date, crawled))
    return time, np.select(has, ["dateline", "url", "furniture"], "none").astype(object)


# --------------------------------------------------------------------------------------------
# Crawl manifest


def _find_manifest(source, metadata) -> tuple[pd.DataFrame | None, list[str]]:
    """The manifest to join: given explicitly, or a manifest.tsv/.csv found in the corpus folder."""
    from analysis.urls import read_manifest

    if metadata is False:
        return None, []
    if isinstance(metadata, pd.DataFrame):
        return metadata, []
    if metadata is not None:
        return read_manifest(metadata), []  # an explicit manifest that cannot be read is an error
    if isinstance(source, (str, os.PathLike)) and Path(source).is_dir():
        for name in MANIFEST_NAMES:
            path = Path(source) / name
            if path.is_file():
                try:
                    return read_manifest(path), []
                except (ValueError, OSError, UnicodeDecodeError) as exc:
                    return None, [f"manifest {path.name} ignored: {exc}"]
    return None, []


def _manifest_meta(ids: pd.DataFrame, manifest: pd.DataFrame) -> pd.DataFrame:
    """Manifest columns for every page of ``ids`` (``doc_id, path``), indexed by doc_id.

    Joined once for the whole file list, so every chunk (and every engine) gets the same
    columns and dtypes; a manifest column named like a page column becomes ``<name>_manifest``.
    """
    from analysis.urls import join_manifest

    merged, _ = join_manifest(ids[["doc_id", "path"]].reset_index(drop=True), manifest)
    meta = merged.set_index("doc_id").drop(columns="path")
    return meta.rename(columns={c: f"{c}_manifest" for c in meta.columns if c in PAGE_ROW_COLUMNS})


def _manifest_problems(ids: pd.DataFrame, manifest: pd.DataFrame | None) -> list[tuple]:
    """Warning rows for manifest rows without a page and pages without a manifest row."""
    from analysis.urls import join_manifest

    if manifest is None or not len(ids):
        return []
    _, report = join_manifest(ids[["doc_id", "path"]].reset_index(drop=True), manifest)
    paths = dict(zip(ids.doc_id, ids.path, strict=True))
    problems = []
    for problem, file, doc_id in report.itertuples(index=False):
        what = {"no_page": "manifest row has no page", "no_manifest_row": "page has no manifest row",
                "duplicate_manifest_row": "duplicate manifest row ignored"}[problem]
        problems.append((doc_id, paths.get(doc_id, file), f"{what}: {file}"))
    return problems


def _attach(pages: pd.DataFrame, meta: pd.DataFrame | None) -> pd.DataFrame:
    """Add manifest columns (``meta`` indexed by doc_id), then resolve ``reference_time``."""
    if meta is not None:
        extra = meta.reindex(pages["doc_id"]) if len(pages) else meta.iloc[:0]
        extra.index = pages.index
        pages = pd.concat([pages, extra], axis=1)
    missing = {c: pd.Series(pd.NA, index=pages.index, dtype=d) for c, d in SCHEMAS["pages"].items()
               if c not in pages.columns}
    pages = pd.concat([pages, pd.DataFrame(missing)], axis=1) if missing else pages.copy()
    dates = (pages[c].astype("datetime64[ns]").to_numpy() for c in ("published", "url_date", "crawled"))
    time, source = _reference(*dates)
    pages["reference_time"] = time
    pages["reference_source"] = pd.array(source, dtype="string")
    extra_cols = [c for c in pages.columns if c not in SCHEMAS["pages"]]
    pages = pages[[*SCHEMAS["pages"], *extra_cols]]
    dtypes = pages.dtypes
    cast = {c: d for c, d in SCHEMAS["pages"].items() if dtypes[c] != d}
    return pages.astype(cast) if cast else pages


# --------------------------------------------------------------------------------------------
# A load plan, shared by every engine


@dataclass
class _Plan:
    """What to parse: unique files in order, the errors known before parsing (files of a folder
    that are not pages, duplicate doc_ids), manifest columns and notes. ``root``: see :class:`_Paths`."""

    source: object
    files: Sequence[str]
    duplicates: list[tuple[str, str]]
    manifest: pd.DataFrame | None
    meta: pd.DataFrame | None
    notes: list[tuple]
    root: str | None = None

    def chunks(self, size: int) -> Iterator[tuple[_Paths, pd.DataFrame | None]]:
        """``(paths, manifest slice)`` per chunk of files."""
        for i in range(0, len(self.files), size):
            paths = _Paths(self.files[i : i + size], self.root)
            meta = None if self.meta is None else self.meta.iloc[i : i + size]
            yield paths, meta

    def head_errors(self) -> pd.DataFrame:
        """The ``errors`` rows that precede every chunk's own (not pages, duplicate doc_ids)."""
        return _frame("errors", self.duplicates)

    def tail_warnings(self, ids: pd.DataFrame) -> pd.DataFrame:
        """The ``warnings`` rows that follow every chunk's own: manifest notes and mismatches."""
        return _frame("warnings", self.notes + _manifest_problems(ids, self.manifest))


def _plan(source, metadata) -> _Plan:
    files = _resolve(source)
    skipped: list[tuple[str, str]] = []
    if isinstance(files, _FolderFiles):
        root, skipped = files.folder, list(files.others)
    else:
        root = files.root
    if not (isinstance(files, _FolderFiles) and files.all_txt):
        # relative paths in a folder are unique, so are their ids when all end in ".txt"
        files, duplicates = _dedupe(list(files), root)
        skipped += duplicates
    manifest, notes = _find_manifest(source, metadata)
    meta = None
    if manifest is not None:
        paths = list(files)
        ids = pd.DataFrame({"doc_id": [_doc_id(f, root) for f in paths], "path": paths}, dtype="string")
        meta = _manifest_meta(ids, manifest)
    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else None
    return _Plan(source, files, skipped, manifest, meta, [(None, name, n) for n in notes], root)


# --------------------------------------------------------------------------------------------
# Streaming chunks through worker processes


def _iter_results(
    plan: _Plan, workers: int, chunk_size: int = CHUNK_SIZE,
) -> Iterator[tuple[int, dict[str, pd.DataFrame]]]:
    """``(files in chunk, tables)`` per chunk, in file order.

    At most ``IN_FLIGHT * workers`` chunks are submitted and not yet consumed, so memory stays
    flat however many files there are (``pool.map`` would submit every chunk up front and keep
    every result until it is consumed).
    """
    chunks = plan.chunks(chunk_size)
    if workers <= 1 or len(plan.files) < PARALLEL_MIN_FILES:
        for paths, meta in chunks:
            yield len(paths), _chunk_frames(paths, meta)
        return
    pending: deque = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        try:
            for paths, meta in chunks:
                pending.append((len(paths), pool.submit(_chunk_frames, paths, meta)))
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
    :func:`analysis.store.write_corpus` does) to process corpora larger than memory.

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
    plan = _plan(source, metadata)
    yield from _stream(plan, workers=workers, chunk_size=chunk_size, progress=progress)


def _stream(plan: _Plan, *, workers, chunk_size, progress) -> Iterator[dict[str, pd.DataFrame]]:
    workers = available_cores() if workers is None else max(1, int(workers))
    if chunk_size is None:  # about four tasks per worker at least, each of MIN_CHUNK_SIZE..CHUNK_SIZE files
        chunk_size = max(MIN_CHUNK_SIZE, min(CHUNK_SIZE, -(-len(plan.files) // (4 * workers))))
    total = len(plan.files) + len(plan.duplicates)
    bar = _progress_bar(total, progress)
    ids = []  # (doc_id, path) of every page: only needed to report manifest mismatches
    first = True
    try:
        for n, tables in _iter_results(plan, workers, chunk_size):
            if first:
                tables["errors"] = _concat([plan.head_errors(), tables["errors"]])
                first = False
            if plan.manifest is not None:
                ids.append(tables["pages"][["doc_id", "path"]])
            if bar is not None:
                bar.update(n)
            yield tables
        tail = _empty_tables(plan.meta)
        if first:
            tail["errors"] = plan.head_errors()
        pages_ids = _concat(ids) if ids else _frame("pages", [])[["doc_id", "path"]]
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


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate same-schema frames, keeping dtypes (also when some are empty)."""
    frames = [f for f in frames if len(f)] or frames[:1]
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------------------------
# The entry point


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
        A folder: its ``.txt`` files and those of its subfolders, sorted by relative path; hidden
        files and folders (``.ipynb_checkpoints``) are skipped, every other file is an ``errors``
        row (an ``.html`` file, a ``README.md``: nothing goes unseen), the top-level manifest is
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
        ``pages, paragraphs, quotes, links, videos, blocks, errors, warnings``. Every input file is
        in exactly one of ``pages`` (by ``path``) and ``errors``. ``pages.reference_time`` is the
        page's own date line, else the date in its URL, else its newest furniture timestamp
        (``reference_source``: ``dateline``, ``url``, ``furniture`` or ``none``). The tables are
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
    a Parquet dataset with :func:`analysis.store.write_corpus` (flat memory) and read it back
    with :func:`analysis.read_corpus`, or use ``engine="dask"``.
    """
    if engine == "dask":
        from analysis.dask_engine import load_corpus_dask

        return load_corpus_dask(source, metadata=metadata, chunk_size=chunk_size or DASK_CHUNK_SIZE)
    if engine != "pandas":
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    plan = _plan(source, metadata)
    parts: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
    for tables in _stream(plan, workers=workers, chunk_size=chunk_size, progress=progress):
        for t in TABLES:
            parts[t].append(tables[t])
    return Corpus(**{t: _concat(parts.pop(t)) for t in TABLES})
