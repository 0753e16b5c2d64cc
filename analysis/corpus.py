"""A folder (or glob, or list) of page dumps -> a :class:`Corpus` of tidy DataFrames.

Every input file ends up either in ``pages`` or in ``errors`` with a readable reason; one bad file
never stops a load. Files are parsed in worker processes in chunks (``workers``), and the tables
are identical whatever the number of workers.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from analysis.clean import decode_bytes
from analysis.page import Page, parse_page

__all__ = ["SCHEMAS", "TABLES", "Corpus", "load_corpus", "read_page_file"]

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
CHUNK_SIZE = 200
MAX_BYTES = 64 * 1024 * 1024
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head>", b"<body")


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


# --------------------------------------------------------------------------------------------
# One file


def read_page_file(path: str | os.PathLike) -> tuple[Page | None, str | None, list[str]]:
    """Read, check, decode and parse one page file.

    Returns
    -------
    (page, error, warnings)
        ``page`` is None exactly when ``error`` says why the file could not be used.
    """
    p = Path(path)
    try:
        if not p.exists():
            return None, "file not found", []
        if not p.is_file():
            return None, "not a regular file", []
        size = p.stat().st_size
        if size > MAX_BYTES:
            return None, f"file too large ({size:,} bytes; limit {MAX_BYTES:,})", []
        data = p.read_bytes()
    except OSError as exc:
        return None, f"cannot read file: {exc.strerror or exc}", []
    return _parse_bytes(data, p.stem)


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
    head = data[:2048].lower()
    if any(m in head for m in HTML_MARKERS) or head.count(b"</") + head.count(b"<div") > 8:
        return None, "HTML markup, not a plain-text page dump (convert it to text first)", []
    text, dec_warnings = decode_bytes(data)
    warnings += dec_warnings
    if not text.strip():
        return None, "no text (whitespace only)", []
    page = parse_page(text, doc_id)
    return page, None, warnings + page.warnings


# --------------------------------------------------------------------------------------------
# Many files


def _resolve(source: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """The page files named by a folder, a glob pattern, a single file or a list of paths."""
    if isinstance(source, (str, os.PathLike)):
        s = os.fspath(source)
        if glob.has_magic(s):
            found = sorted(Path(x) for x in glob.glob(s, recursive=True) if Path(x).is_file())
            if not found:
                raise FileNotFoundError(f"no files match the pattern {s!r}")
            return found
        p = Path(s)
        if not p.exists():
            raise FileNotFoundError(f"corpus path does not exist: {s!r}")
        if p.is_dir():
            found = sorted(x for x in p.iterdir() if x.suffix.lower() == ".txt" and x.is_file())
            if not found:
                raise FileNotFoundError(f"no .txt page files in folder {s!r}")
            return found
        return [p]
    return [Path(x) for x in source]


def _chunks(items: Sequence[Path], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield [os.fspath(x) for x in items[i : i + size]]


def _parse_chunk(paths: list[str]) -> dict[str, list[tuple]]:
    """Parse a chunk of files into row tuples per table (runs in worker processes)."""
    rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
    for path in paths:
        page, error, warnings = read_page_file(path)
        doc_id = Path(path).stem
        for w in warnings:
            rows["warnings"].append((doc_id, path, w))
        if page is None:
            rows["errors"].append((path, error))
            continue
        _page_rows(page, doc_id, path, rows)
    return rows


def _page_rows(page: Page, doc_id: str, path: str, rows: dict[str, list[tuple]]) -> None:
    n_unknown = sum(b.line_end - b.line_start + 1 for b in page.blocks if b.kind == "unknown")
    rows["pages"].append((
        doc_id, path, page.title, page.summary, page.caption, page.photo_credit, page.byline,
        page.dateline, page.body, len(page.paragraphs), len(page.quotes), len(page.links),
        len(page.videos), n_unknown, page.source, page.published, page.crawled,
        page.reference_time, page.truncated, page.n_lines,
    ))
    rows["paragraphs"].extend((doc_id, *p) for p in page.paragraphs)
    rows["quotes"].extend((doc_id, *q) for q in page.quotes)
    rows["links"].extend((doc_id, *x) for x in page.links)
    rows["videos"].extend((doc_id, *v) for v in page.videos)
    rows["blocks"].extend((doc_id, *b) for b in page.blocks)


def _frame(table: str, rows: list[tuple]) -> pd.DataFrame:
    schema = SCHEMAS[table]
    columns = PAGE_ROW_COLUMNS if table == "pages" else list(schema)
    df = pd.DataFrame.from_records(rows, columns=columns) if rows else pd.DataFrame(
        {c: pd.Series(dtype=schema[c]) for c in columns})
    return df.astype({c: schema[c] for c in columns})


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


def _attach_metadata(pages: pd.DataFrame, manifest: pd.DataFrame | None) -> tuple[pd.DataFrame, list[tuple]]:
    """Join manifest columns, then resolve ``reference_time`` and say where it came from."""
    from analysis.urls import join_manifest

    problems: list[tuple] = []
    if manifest is not None and len(pages):
        pages, report = join_manifest(pages, manifest)
        paths = dict(zip(pages.doc_id, pages.path, strict=True))
        for problem, file, doc_id in report.itertuples(index=False):
            what = {"no_page": "manifest row has no page", "no_manifest_row": "page has no manifest row",
                    "duplicate_manifest_row": "duplicate manifest row ignored"}[problem]
            problems.append((doc_id, paths.get(doc_id, file), f"{what}: {file}"))
    for col in SCHEMAS["pages"]:
        if col not in pages.columns:
            pages[col] = pd.Series(pd.NA, index=pages.index, dtype=SCHEMAS["pages"][col])
    url_date = pages["url_date"].astype("datetime64[ns]")
    pages["reference_time"] = pages["published"].fillna(url_date).fillna(pages["crawled"])
    source = pd.Series("none", index=pages.index, dtype="string")
    source[pages["crawled"].notna()] = "furniture"
    source[url_date.notna()] = "url"
    source[pages["published"].notna()] = "dateline"
    pages["reference_source"] = source
    extra = [c for c in pages.columns if c not in SCHEMAS["pages"]]
    return pages[[*SCHEMAS["pages"], *extra]].astype(SCHEMAS["pages"]), problems


def _iter_results(files: list[Path], workers: int) -> Iterator[dict[str, list[tuple]]]:
    if workers <= 1 or len(files) < PARALLEL_MIN_FILES:
        for chunk in _chunks(files, CHUNK_SIZE):
            yield _parse_chunk(chunk)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_parse_chunk, _chunks(files, CHUNK_SIZE))


def load_corpus(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    metadata: str | os.PathLike | pd.DataFrame | bool | None = None,
    workers: int | None = None,
    progress: bool | None = None,
) -> Corpus:
    """Load page dumps into a :class:`Corpus`.

    Parameters
    ----------
    source : str, path or iterable of paths
        A folder (its ``*.txt`` files, sorted by name), a glob pattern (``"pages/**/*.txt"``),
        a single file, or a list of files (kept in the given order).
    metadata : path, DataFrame or bool, optional
        A crawl manifest (CSV/TSV with ``file`` and ``url`` columns, see
        :func:`analysis.urls.read_manifest`) joined to ``pages`` by file name. By default a
        ``manifest.tsv`` or ``manifest.csv`` inside a ``source`` folder is used; ``False`` ignores it.
        Pages without a row, and rows without a page, are reported in ``warnings``.
    workers : int, optional
        Worker processes; default all cores. Small corpora are parsed in-process.
    progress : bool, optional
        Show a progress bar (tqdm, notebook-aware); default only for loads of over 5,000 files.

    Returns
    -------
    Corpus
        ``pages, paragraphs, quotes, links, videos, blocks, errors, warnings``. Every input file is
        in exactly one of ``pages`` (by ``path``) and ``errors``. ``pages.reference_time`` is the
        page's own date line, else the date in its URL, else its newest furniture timestamp
        (``reference_source``: ``dateline``, ``url``, ``furniture`` or ``none``).

    Raises
    ------
    FileNotFoundError
        When ``source`` is a folder or path that does not exist, a folder without ``.txt`` files,
        or a pattern that matches nothing. Problems with individual files never raise.
    """
    files = _resolve(source)
    rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
    # doc_id is the file stem and must be unique: a later file with a taken stem is an error.
    seen: dict[str, Path] = {}
    unique = []
    for f in files:
        if f.stem in seen:
            rows["errors"].append((os.fspath(f), f"duplicate doc_id {f.stem!r}: same file name as {seen[f.stem]}"))
        else:
            seen[f.stem] = f
            unique.append(f)
    files = unique
    workers = os.cpu_count() or 1 if workers is None else max(1, int(workers))
    show = len(files) > 5000 if progress is None else progress
    bar = None
    if show:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(files), unit="page", desc="loading")
    for chunk_rows in _iter_results(files, workers):
        for t in TABLES:
            rows[t].extend(chunk_rows[t])
        if bar is not None:
            bar.update(len(chunk_rows["pages"]) + len(chunk_rows["errors"]))
    if bar is not None:
        bar.close()
    tables = {t: _frame(t, rows[t]) for t in TABLES}
    manifest, notes = _find_manifest(source, metadata)
    tables["pages"], problems = _attach_metadata(tables["pages"], manifest)
    extra = [(None, os.fspath(source), n) for n in notes] + problems
    if extra:
        tables["warnings"] = pd.concat([tables["warnings"], _frame("warnings", extra)], ignore_index=True)
    return Corpus(**tables)
