"""The file formats a corpus may hold, and the pages each kind of file gives.

:data:`FORMATS` maps file-name endings to a format: ``text`` (``.txt`` dumps, parsed by
:mod:`analysis.chunks` itself), ``html`` (``.html``/``.htm``/``.xhtml``: one page, :mod:`analysis.html`),
``warc`` (``.warc``/``.warc.gz``: one page per HTML response, :mod:`analysis.warc`) and ``jsonl``
(``.jsonl``/``.ndjson``: one page per line, :mod:`analysis.jsonl`). A folder may mix them.

Files of many pages are cut into *slices* by a first pass (:func:`slice_items`): a slice is one
item of a load plan, a string ``"<path>\\0<first record>\\0<byte offset>\\0<records>"`` (NUL is
the one character no path holds), that a worker reads on its own (:func:`read_slice`). Every record
of a slice ends up as a page, an ``errors`` row or a ``warnings`` row (:class:`Parsed`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import pandas as pd

from analysis.html import meta_time, read_html_page
from analysis.jsonl import index_jsonl, jsonl_record, read_jsonl_slice
from analysis.page import Page, parse_page
from analysis.warc import html_charset, index_warc, read_warc_slice

__all__ = [
    "FORMATS", "MULTI_PAGE", "Parsed", "Source", "file_format", "is_slice", "read_html_file", "read_slice",
    "slice_items", "strip_format",
]

#: File-name endings (lower case; longest first) -> format.
FORMATS = {
    ".warc.gz": "warc", ".txt": "text", ".html": "html", ".htm": "html", ".xhtml": "html", ".warc": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
#: Formats of files that hold many pages (cut into slices).
MULTI_PAGE = frozenset({"warc", "jsonl"})
SEP = "\0"


class Source(NamedTuple):
    """What a page's file says beside its text (the ``pages`` columns of the same names)."""

    format: str  # text, html, warc, jsonl
    page_url: str | None  # canonical / og:url (HTML), the record's target URI (WARC), "url" (JSON)
    fetched: pd.Timestamp | None  # WARC-Date, naive WIB
    published: pd.Timestamp | None  # from metadata, when the text gives no date
    published_from: str | None  # "html-meta", "json-meta"
    link_urls: list[str | None] | None  # href of each link row (HTML)


class Parsed(NamedTuple):
    """One record read: a page (with its :class:`Source`), or an error; warnings either way."""

    doc_id: str
    page: Page | None
    error: str | None
    warnings: list[str]
    source: Source | None


def file_format(name: str) -> str | None:
    """The format of a file by its name's ending (None: not a page file)."""
    lower = name.lower()
    return next((f for end, f in FORMATS.items() if lower.endswith(end) and len(lower) > len(end)), None)


def strip_format(name: str) -> str:
    """A file name without its format ending (``crawl.warc.gz`` -> ``crawl``); others unchanged."""
    lower = name.lower()
    end = next((e for e in FORMATS if lower.endswith(e) and len(lower) > len(e)), None)
    return name[: -len(end)] if end else name


def is_slice(item: str) -> bool:
    """Whether a plan item is a slice of a many-page file (else a file path)."""
    return SEP in item


def slice_items(path: str, fmt: str) -> tuple[list[str], list[int], str | None]:
    """The slices of a many-page file (first pass): items, records per item, and the error that
    stopped the pass (a damaged archive, an unreadable file) or None."""
    try:
        if fmt == "warc":
            slices, error = index_warc(path)
        else:
            slices, error = index_jsonl(path), None
    except OSError as exc:
        return [], [], f"cannot read file: {exc.strerror or exc}"
    items = [SEP.join((path, str(first), str(offset), str(count))) for first, offset, count in slices]
    return items, [s[2] for s in slices], error


def _split(item: str) -> tuple[str, int, int, int]:
    path, first, offset, count = item.split(SEP)
    return path, int(first), int(offset), int(count)


def read_slice(item: str, base_id: str) -> Iterator[Parsed]:
    """The records of a slice, each as a :class:`Parsed` with doc_id ``<base_id>/<record number>``.

    A record whose parsing fails is an error row naming it, and the slice goes on; when the file itself
    cannot be read further (damaged, cut short), every record of the slice not read yet is an error row
    too, so each of its ``count`` records is accounted for (never raises).
    """
    path, first, offset, count = _split(item)
    fmt = file_format(path)
    reader = _warc_records if fmt == "warc" else _jsonl_records
    number, end = first, first + count
    try:
        for parsed in reader(path, offset, count, first, base_id):
            number += 1
            yield parsed
    except Exception as exc:  # the stream broke: this record and the rest of the slice are reported
        yield Parsed(f"{base_id}/{number}", None, f"record {number}: cannot be read ({type(exc).__name__}: {exc})",
                     [], None)
        number += 1
    for missing in range(number, end):
        yield Parsed(f"{base_id}/{missing}", None, f"record {missing}: not read (the file could not be read "
                     "that far)", [], None)


def _warc_records(path: str, offset: int, count: int, first: int, base_id: str) -> Iterator[Parsed]:
    for rec in read_warc_slice(path, offset, count, first):
        doc_id = f"{base_id}/{rec.number}"
        if rec.payload is None:
            what = _skipped(rec)
            yield Parsed(doc_id, None, None, [f"record {rec.number} not parsed: {what}"], None)
            continue
        try:
            got = read_html_page(rec.payload, doc_id, url=rec.url, charset=html_charset(rec.content_type))
        except Exception as exc:  # one record's markup: reported, the slice goes on
            yield Parsed(doc_id, None, f"record {rec.number}: cannot be parsed ({type(exc).__name__}: {exc})", [], None)
            continue
        source = Source("warc", rec.url or got.url, meta_time(rec.date), got.published,
                        "html-meta" if got.published is not None else None, got.link_urls)
        error = None if got.error is None else f"record {rec.number}: {got.error}"
        yield Parsed(doc_id, got.page, error, got.warnings, source if got.page is not None else None)


def _skipped(rec) -> str:
    """Why a WARC record is not a page."""
    where = f" ({rec.url})" if rec.url else ""
    if rec.rec_type != "response":
        return f"a {rec.rec_type} record, not a response{where}"
    if rec.status != 200:
        return f"HTTP status {rec.status}, not 200{where}"
    kind = (rec.content_type or "no content type").split(";")[0].strip()
    if kind.lower() in ("text/html", "application/xhtml+xml"):
        return f"HTML body over the size limit{where}"
    return f"{kind}, not HTML{where}"


def _jsonl_records(path: str, offset: int, count: int, first: int, base_id: str) -> Iterator[Parsed]:
    for number, line in read_jsonl_slice(path, offset, count, first):
        doc_id = f"{base_id}/{number}"
        try:
            yield from _jsonl_record_pages(number, line, doc_id)
        except Exception as exc:  # one line: reported, the slice goes on
            yield Parsed(doc_id, None, f"line {number}: cannot be read ({type(exc).__name__}: {exc})", [], None)


def _jsonl_record_pages(number: int, line: str, doc_id: str) -> Iterator[Parsed]:
    """The page (or error or warning row) of JSON line ``number``."""
    record, why = jsonl_record(line)
    if record is None:
        if why is None:
            yield Parsed(doc_id, None, None, [f"line {number} is blank: skipped"], None)
        else:
            yield Parsed(doc_id, None, f"line {number}: {why}", [], None)
        return
    published = meta_time(record.published)
    if record.html is not None:
        got = read_html_page(record.html.encode("utf-8"), doc_id, url=record.url)
        page, warnings, urls = got.page, got.warnings, got.link_urls
        error = None if got.error is None else f"line {number}: {got.error}"
        published = got.published or published if page is not None and page.published is None else None
    else:
        page, error, warnings, urls = parse_page(record.text, doc_id), None, [], None
        warnings = page.warnings
        published = published if page.published is None else None
    source = Source("jsonl", record.url, None, published, "json-meta" if published is not None else None, urls)
    yield Parsed(doc_id, page, error, warnings, source if page is not None else None)


def read_html_file(data: bytes, doc_id: str) -> Parsed:
    """One ``.html`` file's bytes as a page (its URL: canonical, else og:url)."""
    got = read_html_page(data, doc_id)
    source = Source("html", got.url, None, got.published, "html-meta" if got.published is not None else None,
                    got.link_urls)
    return Parsed(doc_id, got.page, got.error, got.warnings, source if got.page is not None else None)
