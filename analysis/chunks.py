"""Page files -> planned chunks -> typed tables: what worker processes and Dask workers run.

:func:`read_page_file` reads, checks, decodes and parses one file. :func:`make_plan` lists the files
of a source (a folder, searched into subfolders; a glob; a file; a list), drops duplicate doc_ids,
and joins the crawl manifest once for the whole file list; :meth:`Plan.chunks` cuts it into chunks.
:func:`chunk_frames` parses one chunk into the final tables of its files (in a worker). The file-id
rules: a doc_id is the file's stem, or its path relative to the folder (or to a glob's
:func:`fixed_prefix`) without ``.txt``.
"""

from __future__ import annotations

import gc
import glob
import json
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath
from urllib.parse import urljoin

import numpy as np
import pandas as pd

from analysis.clean import decode_bytes
from analysis.formats import (
    MULTI_PAGE,
    Parsed,
    Source,
    file_format,
    is_slice,
    read_html_file,
    read_slice,
    slice_items,
    strip_format,
)
from analysis.page import Page, parse_page
from analysis.tables import PAGE_ROW_COLUMNS, TABLES, frame, pages_frame
from analysis.urls import join_manifest, read_manifest

__all__ = [
    "CHUNK_SIZE", "DASK_CHUNK_SIZE", "MIN_CHUNK_SIZE", "Plan", "available_cores", "chunk_frames", "fixed_prefix",
    "make_plan", "pack_paths", "parse_chunk", "read_page_file", "tail_warnings", "unpack_paths",
]

MANIFEST_NAMES = ("manifest.tsv", "manifest.csv")
#: Files per task of a worker process (fewer for small corpora, so every worker gets several tasks),
#: and per partition of the Dask engine. Each task has a fixed cost (building eight typed tables).
CHUNK_SIZE = 1000
MIN_CHUNK_SIZE = 50
DASK_CHUNK_SIZE = 1000
MAX_BYTES = 64 * 1024 * 1024
#: Flags of a page file's descriptor (see :func:`_read_regular_file`); the last two exist per platform.
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head>", b"<body")


# --------------------------------------------------------------------------------------------
# One file


def read_page_file(
    path: str | os.PathLike, doc_id: str | None = None,
) -> tuple[Page | None, str | None, list[str]]:
    """Read, check, decode and parse one page file: a text dump, or an HTML page (``.html``, ``.htm``,
    ``.xhtml``: converted by :func:`analysis.html.read_html_page`). Files of many pages (WARC, JSON
    lines) are read by :func:`analysis.load_corpus`.

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
    doc_id = _stem(path) if doc_id is None else doc_id
    if file_format(os.path.basename(path)) == "html":
        got = read_html_file(data, doc_id) if data else Parsed(doc_id, None, "empty file", [], None)
        return got.page, got.error, got.warnings
    return _parse_bytes(data, doc_id)


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
        return None, "HTML markup, not a plain-text page dump (name the file .html to read it as HTML)", []
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


#: Why a file of a folder is not read as a page (its name has no ending of :data:`analysis.formats.FORMATS`).
NOT_TXT = ("not a page file (a folder's .txt, .html, .htm, .xhtml, .warc, .warc.gz, .jsonl and .ndjson files "
           "are read as pages)")


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
                    if regular and (_is_txt(e.name) or file_format(e.name)):
                        batch.append(os.fsencode(rel))
                        if len(batch) == 10_000:
                            batches.append(np.array(batch, dtype=bytes))
                            batch = []
                    elif not regular:
                        what = "symbolic link to a folder (not followed)" if e.is_dir() else "not a regular file"
                        others.append((os.path.join(folder, rel), what))
                    else:
                        others.append((os.path.join(folder, rel), NOT_TXT))
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


def fixed_prefix(pattern: str) -> str:
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
            return _Paths((os.fspath(x) for x in found), fixed_prefix(s))
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
                raise FileNotFoundError(f"no page files (.txt, .html, .warc, .jsonl ...) in folder {s!r}{others}")
            return files
        return _Paths([os.fspath(p)])
    return _Paths(os.fspath(Path(x)) for x in source)


def _is_txt(name: str) -> bool:
    """``Path(name).suffix.lower() == ".txt"``, without building a Path."""
    return len(name) > 4 and name[-4:].lower() == ".txt"


def _stem(path: str) -> str:
    """``Path(path).stem``, without a whole format ending (``crawl.warc.gz`` -> ``crawl``): the doc_id of a
    file given by itself or in a list."""
    name = os.path.basename(path)
    return name[:-4] if _is_txt(name) else _name_id(name)


def _name_id(name: str) -> str:
    """A file name without its format ending, else without its last suffix."""
    stripped = strip_format(name)
    return stripped if stripped != name else PurePath(name).stem


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
    name = name[:-4] if _is_txt(name) else _name_id(name)
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


def parse_chunk(paths: list[str], root: str | None = None) -> tuple[dict[str, list[tuple]], dict[str, list[str]]]:
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
            if is_slice(path):
                _add_slice(path, rows, ids, root)
            else:
                _add_file(path, _doc_id(path, root), rows, ids)
    return rows, ids


def _add_file(path: str, doc_id: str, rows: dict[str, list[tuple]], ids: dict[str, list[str]]) -> None:
    """Parse one file into ``rows``/``ids`` (see :func:`parse_chunk`): its page, or its error."""
    source = TEXT_SOURCE
    try:
        if file_format(os.path.basename(path)) == "html":
            page, error, warnings, source = _html_file(path, doc_id)
        else:
            page, error, warnings = read_page_file(path, doc_id)
    except Exception as exc:  # reported per file, in errors
        page, error, warnings = None, f"parser failed: {type(exc).__name__}: {exc}", []
    for w in warnings:
        rows["warnings"].append((doc_id, path, w))
    if page is None:
        rows["errors"].append((path, error))
    else:
        _page_rows(page, doc_id, path, rows, ids, source)


def _html_file(path: str, doc_id: str) -> tuple[Page | None, str | None, list[str], Source | None]:
    """An ``.html`` file as a page with its :class:`~analysis.formats.Source`, or why not."""
    try:
        data = _read_regular_file(path)
    except OSError as exc:
        return None, f"cannot read file: {exc.strerror or exc}", [], None
    if isinstance(data, str) or not data:
        return None, data or "empty file", [], None
    got = read_html_file(data, doc_id)
    return got.page, got.error, got.warnings, got.source


def _add_slice(item: str, rows: dict[str, list[tuple]], ids: dict[str, list[str]], root: str | None) -> None:
    """Parse the records of a slice of a WARC or JSON-lines file (:func:`analysis.formats.read_slice`):
    each a page, an error row or a warning row (doc_id ``<file id>/<record number>``)."""
    path = item.split("\0", 1)[0]
    for got in read_slice(item, _doc_id(path, root)):
        for w in got.warnings:
            rows["warnings"].append((got.doc_id, path, w))
        if got.error is not None:
            rows["errors"].append((path, got.error))
        elif got.page is not None:
            try:
                _page_rows(got.page, got.doc_id, path, rows, ids, got.source)
            except Exception as exc:  # reported per record, in errors
                rows["errors"].append((path, f"{got.doc_id}: parser failed: {type(exc).__name__}: {exc}"))


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


#: The :class:`~analysis.formats.Source` of a text dump: nothing beside its text.
TEXT_SOURCE = Source("text", None, None, None, None, None)


def _page_rows(page: Page, doc_id: str, path: str, rows: dict[str, list[tuple]], ids: dict[str, list[str]],
               source: Source | None = None) -> None:
    source = source or TEXT_SOURCE
    n_unknown = sum(b.line_end - b.line_start + 1 for b in page.blocks if b.kind == "unknown")
    published, reference = page.published, page.reference_time
    if published is None and source.published is not None:  # the text gives no date: the metadata's
        published = reference = source.published
    rows["pages"].append((
        doc_id, path, page.title, page.summary, page.caption, page.photo_credit, page.byline,
        page.dateline, page.body, len(page.paragraphs), len(page.quotes), len(page.links),
        len(page.videos), n_unknown, page.source, published, page.crawled,
        reference, page.truncated, page.n_lines, source.format, source.page_url, source.fetched,
        source.published_from if published is not page.published else None,
    ))
    for table in RECORD_TABLES:
        records = getattr(page, table)
        if table == "links" and source.link_urls:  # a Link's url is None unless the page was HTML
            records = [link._replace(url=url) for link, url in zip(records, source.link_urls, strict=True)]
        rows[table] += records
        ids[table] += [doc_id] * len(records)


def pack_paths(paths: Sequence[str]) -> bytes:
    """A chunk's file paths (and slices, :mod:`analysis.formats`) as one small bytes object: a JSON
    list (lone surrogates of undecodable file-name bytes escaped), zlib-compressed (paths in one
    folder share most of their characters: ~10x).

    What a Dask task carries instead of a list: a million files make a thousand such objects of a
    few KB, in the task graph, the scheduler and its message logs. The first item is the chunk's
    ``root`` (:class:`_Paths`): ``R<root>``, or ``S`` for file stems.
    """
    root = getattr(paths, "root", None)
    head = "S" if root is None else "R" + root
    return zlib.compress(json.dumps([head, *paths], separators=(",", ":")).encode("ascii"), 1)


def unpack_paths(packed: bytes) -> _Paths:
    """The paths (and root) :func:`pack_paths` packed."""
    head, *paths = json.loads(zlib.decompress(packed))
    return _Paths(paths, None if head == "S" else head[1:])


def chunk_frames(paths: list[str] | bytes, meta: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Parse a chunk of files into the final tables of those files.

    ``paths`` is a list (a :class:`_Paths` with its ``root``; a plain list: doc_ids are stems), or the
    bytes of :func:`pack_paths`. ``meta`` is the manifest slice of
    these files (:func:`_manifest_meta`, indexed by doc_id) or None. Building typed frames here,
    in the worker, keeps the main process to concatenation: an Arrow-backed frame pickles as a few
    buffers instead of millions of Python objects.
    """
    if isinstance(paths, bytes):
        paths = unpack_paths(paths)
    rows, ids = parse_chunk(paths, getattr(paths, "root", None))
    tables = {t: pages_frame(r, meta) if t == "pages" else frame(t, r, ids.get(t)) for t, r in rows.items()}
    if meta is not None and tables["links"]["url"].notna().any():
        _absolute_links(tables["links"], tables["pages"])
    return tables


#: A URL with a scheme (``https:``, ``mailto:``), not relative to its page.
ABSOLUTE_URL_RE = r"^[A-Za-z][A-Za-z0-9+.-]*:"


def _absolute_links(links: pd.DataFrame, pages: pd.DataFrame) -> None:
    """Resolve, in place, the relative hrefs of ``links`` against their page's ``url`` (a manifest's):
    those the page itself gave no base for (no ``<base>``, canonical or ``og:url``)."""
    relative = links["url"].notna() & ~links["url"].str.match(ABSOLUTE_URL_RE).fillna(True).astype(bool)
    if not relative.any():
        return
    base = links.loc[relative, "doc_id"].map(pages.set_index("doc_id")["url"])
    found = base.notna()
    todo = base[found].index
    links.loc[todo, "url"] = [urljoin(b, u) for b, u in zip(base[found], links.loc[todo, "url"], strict=True)]



# --------------------------------------------------------------------------------------------
# Crawl manifest


def _find_manifest(source, metadata) -> tuple[pd.DataFrame | None, list[str]]:
    """The manifest to join: given explicitly, or a manifest.tsv/.csv found in the corpus folder."""
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
    merged, _ = join_manifest(ids[["doc_id", "path"]].reset_index(drop=True), manifest)
    meta = merged.set_index("doc_id").drop(columns="path")
    return meta.rename(columns={c: f"{c}_manifest" for c in meta.columns if c in PAGE_ROW_COLUMNS})


def _manifest_problems(ids: pd.DataFrame, manifest: pd.DataFrame | None) -> list[tuple]:
    """Warning rows for manifest rows without a page and pages without a manifest row."""
    if manifest is None or not len(ids):
        return []
    ids = ids[[file_format(os.path.basename(p)) not in MULTI_PAGE for p in ids["path"]]]  # records name their URL
    if not len(ids):
        return []
    _, report = join_manifest(ids[["doc_id", "path"]].reset_index(drop=True), manifest)
    paths = dict(zip(ids.doc_id, ids.path, strict=True))
    problems = []
    for problem, file, doc_id in report.itertuples(index=False):
        what = {"no_page": "manifest row has no page", "no_manifest_row": "page has no manifest row",
                "duplicate_manifest_row": "duplicate manifest row ignored"}[problem]
        problems.append((doc_id, paths.get(doc_id, file), f"{what}: {file}"))
    return problems


def tail_warnings(notes: list[tuple], manifest: pd.DataFrame | None, ids: pd.DataFrame) -> pd.DataFrame:
    """The ``warnings`` rows that follow every chunk's own: ``notes``, then the mismatches between the
    manifest and the pages (``ids``: ``doc_id, path`` of every page)."""
    return frame("warnings", notes + _manifest_problems(ids, manifest))


# --------------------------------------------------------------------------------------------
# A load plan, shared by every engine


@dataclass
class Plan:
    """What to parse: unique files in order, the errors known before parsing (files of a folder
    that are not pages, duplicate doc_ids), manifest columns and notes. ``root``: see :class:`_Paths`."""

    source: object
    files: Sequence[str]
    duplicates: list[tuple[str, str]]
    manifest: pd.DataFrame | None
    meta: pd.DataFrame | None
    notes: list[tuple]
    root: str | None = None
    #: Records of each item when some items are slices of many-page files (None: one page per item).
    weights: list[int] | None = None

    @property
    def n_pages(self) -> int:
        """Pages (records) to parse: the files, with each slice counted by its records."""
        return len(self.files) if self.weights is None else sum(self.weights)

    def chunks(self, size: int) -> Iterator[tuple[_Paths, pd.DataFrame | None]]:
        """``(paths, manifest slice)`` per chunk of about ``size`` pages (a slice is never split)."""
        if self.weights is None:
            for i in range(0, len(self.files), size):
                paths = _Paths(self.files[i : i + size], self.root)
                meta = None if self.meta is None else self.meta.iloc[i : i + size]
                yield paths, meta
            return
        start, load, row = 0, 0, 0  # chunk start, its pages so far, the manifest row of its first file
        for i, weight in enumerate([*self.weights, None]):
            if i == len(self.files) or (load and load + weight > size):
                paths = _Paths(self.files[start:i], self.root)
                n_files = sum(not is_slice(p) for p in paths)
                yield paths, None if self.meta is None else self.meta.iloc[row : row + n_files]
                start, load, row = i, 0, row + n_files
            load += weight or 0

    def head_errors(self) -> pd.DataFrame:
        """The ``errors`` rows that precede every chunk's own (not pages, duplicate doc_ids)."""
        return frame("errors", self.duplicates)

    def tail_warnings(self, ids: pd.DataFrame) -> pd.DataFrame:
        """The ``warnings`` rows that follow every chunk's own: manifest notes and mismatches."""
        return tail_warnings(self.notes, self.manifest, ids)


def make_plan(source, metadata) -> Plan:
    """The :class:`Plan` of a load of ``source`` (see :func:`analysis.load_corpus`) with ``metadata``."""
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
    files, weights = _expand(files, skipped, root)
    manifest, notes = _find_manifest(source, metadata)
    meta = None
    if manifest is not None:
        paths = [f for f in files if not is_slice(f)]
        ids = pd.DataFrame({"doc_id": [_doc_id(f, root) for f in paths], "path": paths}, dtype="string")
        meta = _manifest_meta(ids, manifest)
    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else None
    return Plan(source, files, skipped, manifest, meta, [(None, name, n) for n in notes], root, weights)


def _expand(files: Sequence[str], skipped: list[tuple[str, str]],
            root: str | None) -> tuple[Sequence[str], list[int] | None]:
    """Replace each WARC or JSON-lines file by its slices (the first pass of
    :func:`analysis.formats.slice_items`), with the records of every item; a file that cannot be
    indexed (to its end) adds an error row to ``skipped``. Files of one page stay as they are,
    but one whose doc_id lies among the records of such a file (``feed/1.txt`` beside
    ``feed.jsonl``) is an error row: two pages cannot share a doc_id."""
    if isinstance(files, _FolderFiles) and files.all_txt:
        return files, None
    formats = [file_format(os.path.basename(f)) for f in files]
    if not MULTI_PAGE.intersection(formats):
        return files, None
    indexed = {f: slice_items(f, fmt) for f, fmt in zip(files, formats, strict=True) if fmt in MULTI_PAGE}
    records_of = {_doc_id(f, root): (f, sum(counts)) for f, (_, counts, _) in indexed.items()}
    items, weights = _Paths(), []
    for f, fmt in zip(files, formats, strict=True):
        if fmt not in MULTI_PAGE:
            head, _, tail = _doc_id(f, root).rpartition("/")
            if head in records_of and tail.isascii() and tail.isdigit() and tail == str(int(tail)) \
                    and 1 <= int(tail) <= records_of[head][1]:  # "feed/01" is no record's id ("feed/1" is)
                skipped.append((f, f"doc_id {head + '/' + tail!r} is also the id of a record of {records_of[head][0]}"))
                continue
            items.append(f)
            weights.append(1)
            continue
        slices, counts, error = indexed[f]
        items += slices
        weights += counts
        if error is not None or not slices:
            skipped.append((f, error or "no records (an empty file)"))
    return items, weights
