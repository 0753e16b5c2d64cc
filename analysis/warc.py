"""WARC archives (wget ``--warc-file``, browsertrix, Heritrix, Common Crawl) as a stream of records.

An archive is read in two passes, with warcio. :func:`index_warc` (in the process that plans the
load) reads every record header once and keeps the file offset of every :data:`RECORDS_PER_SLICE`-th
record, so the archive can be cut into slices that worker processes or Dask workers read on their
own (:func:`read_warc_slice`: seek to the slice's offset, read its records). Only the offsets of
slice starts are kept: memory does not grow with the archive's records beyond a few numbers per slice.

A ``.warc.gz`` compressed record by record (as the WARC standard recommends and every crawler
writes) can be entered at any record; one compressed as a single gzip stream cannot, and is read as
one slice (by one worker, its pages in memory together: recompress such an archive record by record,
e.g. with ``warcio recompress``, to stream it). A truncated or corrupt archive ends at the last
complete record: the records before it are read, and the index names the record where reading failed.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from typing import NamedTuple

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

__all__ = ["RECORDS_PER_SLICE", "WarcIndex", "WarcRecord", "html_charset", "index_warc", "read_warc_slice"]

#: Records per slice of an archive (the unit a worker reads; chunks group slices).
RECORDS_PER_SLICE = 50
#: Content types read as HTML pages.
HTML_TYPES = ("text/html", "application/xhtml+xml")


class WarcIndex(NamedTuple):
    """Where an archive's slices start: ``(first record number, byte offset, records)`` each, and why
    reading stopped early (None when the archive was read to its end)."""

    slices: list[tuple[int, int, int]]
    error: str | None


class WarcRecord(NamedTuple):
    """One record of an archive, as far as the loader needs it."""

    number: int  # 1-based position in the archive
    rec_type: str  # warcinfo, request, response, metadata, resource, revisit ...
    url: str | None  # WARC-Target-URI
    date: str | None  # WARC-Date (ISO 8601, UTC)
    status: int | None  # HTTP status of a response
    content_type: str | None  # HTTP Content-Type of a response
    payload: bytes | None  # the HTTP body, for HTML 200 responses only


def index_warc(path: str | os.PathLike, every: int = RECORDS_PER_SLICE) -> WarcIndex:
    """Index the slices of an archive: a first pass over its record headers (bodies are skipped).

    Parameters
    ----------
    path : str or path-like
        A ``.warc`` or ``.warc.gz`` file.
    every : int
        Records per slice.

    Returns
    -------
    WarcIndex
        Never raises for a bad archive: ``error`` names the record at which reading failed (the
        records before it are in the slices).
    """
    slices: list[list[int]] = []
    n, stream = 0, False
    try:
        with _open(path, stream) as f:
            try:
                n = _index_records(f, slices, every)
            except ArchiveLoadFailed as exc:
                if "non-chunked gzip" not in str(exc):
                    raise
                stream = True  # one gzip stream: readable only from its start, as one slice
        if stream:
            with _open(path, stream) as f:
                slices.clear()
                n = _index_records(f, slices, 1 << 62)
    except Exception as exc:  # any failure of a damaged archive: reported, never raised
        n = sum(s[2] for s in slices)
        error = f"record {n + 1}: archive truncated or corrupt ({type(exc).__name__}: {exc})"
    else:
        error = None
    found = [(s[0], -1 if stream else s[1], s[2]) for s in slices if s[2]]
    return WarcIndex(found, error)


def _open(path, stream: bool):
    """The archive's bytes: the file, or (``stream``) its decompressed gzip stream."""
    return gzip.open(path, "rb") if stream else open(path, "rb")


def _index_records(f, slices: list[list[int]], every: int) -> int:
    """Add ``[first record, offset, records]`` per slice of ``every`` records to ``slices``; the records read.

    A record whose body ends before its ``Content-Length``, or bytes after the last whole record (a
    truncated download), raise.
    """
    records = ArchiveIterator(f, no_record_parse=True, check_digests=False)
    n = end = 0
    for record in records:
        length = int(record.rec_headers.get_header("Content-Length") or 0)
        got = 0
        while chunk := record.raw_stream.read(1 << 16):
            got += len(chunk)
        if got < length:
            raise EOFError(f"the record ends after {got:,} of its {length:,} bytes")
        records.read_to_end(record)
        offset = records.get_record_offset()  # (asking reads the record to its end: after the check)
        if n % every == 0:
            slices.append([n + 1, offset, 0])
        n += 1
        slices[-1][2] += 1
        end = offset + records.get_record_length()
    if not isinstance(f, gzip.GzipFile):  # (a gzip stream raises itself when it is cut)
        f.seek(end if n else 0)
        if rest := f.read(1 << 20).strip(b"\r\n\0"):
            raise EOFError(f"{len(rest):,} byte(s) after record {n} are not a whole record")
    return n


def html_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header (None when it has none)."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None


def read_warc_slice(path: str | os.PathLike, offset: int, count: int, first: int,
                    max_bytes: int = 64 * 1024 * 1024) -> Iterator[WarcRecord]:
    """The ``count`` records of a slice from byte ``offset`` on, numbered from ``first`` (``offset`` -1:
    the decompressed stream of an archive compressed as one gzip stream, from its start).

    Only the bodies of HTML responses with status 200 (and at most ``max_bytes``) are read into
    memory; other records are passed over. A damaged record raises (the caller reports it).
    """
    with _open(path, offset < 0) as f:
        if offset > 0:
            f.seek(offset)
        records = ArchiveIterator(f, check_digests=False)
        for number, record in zip(range(first, first + count), records, strict=False):
            headers = record.rec_headers
            status = content_type = payload = None
            if record.http_headers is not None:
                code = record.http_headers.get_statuscode()
                status = int(code) if code and code.isdigit() else None
                content_type = record.http_headers.get_header("Content-Type")
            kind = (content_type or "").split(";")[0].strip().lower()
            length = int(headers.get_header("Content-Length") or 0)
            if record.rec_type == "response" and status == 200 and kind in HTML_TYPES and length <= max_bytes:
                payload = record.content_stream().read()
            yield WarcRecord(number, record.rec_type, headers.get_header("WARC-Target-URI"),
                             headers.get_header("WARC-Date"), status, content_type, payload)
