"""The table contract: every table's columns and dtypes, :class:`Corpus`, and typed frames.

:data:`SCHEMAS` is the contract of GUIDE.md section 2 (extended): every engine, chunk and dataset
builds its tables with these columns and dtypes. :func:`frame` builds a table from row tuples (via
Arrow), :func:`pages_frame` the ``pages`` table of a chunk (manifest columns, reference time),
:func:`empty_tables` the zero-row tables, :func:`concat` joins same-schema frames.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.dataset import write_tables
from analysis.urls import URL_COLUMNS, parse_url

__all__ = [
    "ARROW_TYPES", "PAGE_ROW_COLUMNS", "PAGE_TABLES", "SCHEMAS", "TABLES", "Corpus", "concat", "empty_tables",
    "frame", "pages_frame",
]

#: Column -> dtype of every table (the table contract of GUIDE.md section 2, extended).
SCHEMAS: dict[str, dict[str, str]] = {
    "pages": {
        "doc_id": "string", "path": "string", "title": "string", "summary": "string",
        "caption": "string", "photo_credit": "string", "byline": "string", "dateline": "string",
        "body": "string", "n_paragraphs": "int64", "n_quotes": "int64", "n_links": "int64",
        "n_videos": "int64", "n_unknown_lines": "int64", "source": "string",
        "published": "datetime64[ns]", "crawled": "datetime64[ns]", "reference_time": "datetime64[ns]",
        "truncated": "bool", "n_lines": "int64",
        # what the file says beside the text (analysis.formats): HTML, WARC and JSON-lines pages
        "format": "string", "page_url": "string", "fetched": "datetime64[ns]", "published_from": "string",
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
        "published": "datetime64[ns]", "line": "int64", "url": "string",
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
#: Tables whose rows belong to a page: a chunk (a Dask partition, a dataset part) holds the same pages in each.
PAGE_TABLES = ("pages", "paragraphs", "quotes", "links", "videos", "blocks")
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
        """Write every table as a Parquet dataset under ``path`` (see :func:`analysis.dataset.write_tables`).

        :func:`analysis.read_corpus` reads it back exactly (same rows, order, columns, dtypes; the
        index is not stored: tables come back with a RangeIndex). A non-empty ``path`` needs
        ``overwrite=True``. Returns the dataset folder.
        """
        return write_tables(self.tables(), path, overwrite=overwrite)

    def page(self, doc_id: str | None = None, **options):
        """One page's block view, each line with its kind, dates and quotes marked (:func:`analysis.explore.page`).

        Option: ``paragraph`` (a body paragraph number), whose lines are marked.
        """
        from analysis.explore import page

        return page(self, doc_id, **options)

    def search(self, query: str, **options) -> pd.DataFrame:
        """A concordance of ``query`` in titles, captions, body and links (:func:`analysis.explore.search`).

        Options: ``mode`` ("phrase", "words", "regex"), ``stem``, ``where``, ``context``. The search index is
        built on the first call and kept on the corpus.
        """
        from analysis.explore import search

        return search(self, query, **options)


# --------------------------------------------------------------------------------------------
# Typed frames


def frame(table: str, rows: list[tuple], ids: list[str] | None = None) -> pd.DataFrame:
    """Row tuples -> a DataFrame with the dtypes of :data:`SCHEMAS` (via Arrow: twice as fast).

    With ``ids``, the rows are records without their doc_id and ``ids`` is that first column.
    """
    return _to_pandas(table, _arrow(table, rows, ids))


def _arrow(table: str, rows: list[tuple], ids: list[str] | None = None) -> pa.Table:
    """The Arrow table of :func:`frame`."""
    schema = SCHEMAS[table]
    columns = PAGE_ROW_COLUMNS if table == "pages" else list(schema)
    if ids is not None:
        # Records: Arrow reads the tuples as one struct array, three times faster than transposing
        # a chunk's rows in Python (``zip(*rows)``) and converting column by column.
        struct = pa.struct([(c, ARROW_TYPES[schema[c]]) for c in columns[1:]])
        records = pa.Table.from_struct_array(pa.array(rows, type=struct, from_pandas=True))
        return records.add_column(0, columns[0], pa.array(ids, type=ARROW_TYPES[schema[columns[0]]]))
    values = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    # a column with no value at all (a text page's page_url, fetched ...) is one null array, not n Nones read
    types = [ARROW_TYPES[schema[c]] for c in columns]
    arrays = [pa.nulls(len(v), t) if v and v.count(None) == len(v) else pa.array(v, type=t, from_pandas=True)
              for t, v in zip(types, values, strict=True)]
    return pa.Table.from_arrays(arrays, names=columns)


def _to_pandas(table: str, arrow: pa.Table) -> pd.DataFrame:
    """An Arrow table of ``table`` -> pandas, with the dtypes of :data:`SCHEMAS`."""
    df = arrow.to_pandas(types_mapper=_string_dtype)
    nullable = {c: d for c, d in SCHEMAS[table].items() if d == "boolean" and c in df.columns}
    return df.astype(nullable) if nullable else df


def _string_dtype(arrow_type: pa.DataType) -> pd.StringDtype | None:
    return STRING_DTYPE if arrow_type == pa.large_string() else None


def empty_tables(meta: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Zero-row tables with every column and dtype (the ``meta`` of Dask collections)."""
    return {t: pages_frame([], None if meta is None else meta.iloc[:0]) if t == "pages" else frame(t, [])
            for t in TABLES}


def pages_frame(rows: list[tuple], meta: pd.DataFrame | None) -> pd.DataFrame:
    """The ``pages`` table of a chunk: its parsed rows, the manifest columns and the reference time.

    Without a manifest every column is built in Arrow and converted once (building a chunk's
    frame column by column in pandas costs about as much as parsing a tenth of its pages).
    """
    parsed = _arrow("pages", rows)
    if meta is not None or parsed.column("page_url").null_count < parsed.num_rows:
        return _attach(_to_pandas("pages", parsed), meta)
    n = parsed.num_rows
    columns = dict(zip(parsed.column_names, parsed.columns, strict=True))
    for c, dtype in SCHEMAS["pages"].items():
        columns.setdefault(c, pa.nulls(n, ARROW_TYPES[dtype]))
    dates = (columns[c].to_numpy(zero_copy_only=False) for c in ("published", "url_date", "crawled"))
    time, source = _reference(*dates, columns["published_from"].to_numpy(zero_copy_only=False))
    columns["reference_time"] = pa.array(time, type=ARROW_TYPES["datetime64[ns]"])
    columns["reference_source"] = pa.array(source, type=ARROW_TYPES["string"])
    return _to_pandas("pages", pa.table({c: columns[c] for c in SCHEMAS["pages"]}))


def _reference(published: np.ndarray, url_date: np.ndarray, crawled: np.ndarray,
               published_from: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``reference_time`` and ``reference_source`` from three ``datetime64[ns]`` arrays (NaT: none).

    The page's own date line (or, when the text gives none, the date its metadata states:
    ``published_from``, e.g. ``html-meta``), else the date in its URL, else its newest furniture
    timestamp.
    """
    has = [~np.isnat(published), ~np.isnat(url_date), ~np.isnat(crawled)]
    time = np.where(has[0], published, np.where(has[1], url_date, crawled))
    source = np.select(has, ["dateline", "url", "furniture"], "none").astype(object)
    if published_from is not None:
        meta = has[0] & pd.notna(published_from)
        source[meta] = published_from[meta]
    return time, source


def _attach(pages: pd.DataFrame, meta: pd.DataFrame | None) -> pd.DataFrame:
    """Add manifest columns (``meta`` indexed by doc_id), then resolve ``reference_time``."""
    if meta is not None:
        extra = meta.reindex(pages["doc_id"]) if len(pages) else meta.iloc[:0]
        extra.index = pages.index
        pages = pd.concat([pages, extra], axis=1)
    missing = {c: pd.Series(pd.NA, index=pages.index, dtype=d) for c, d in SCHEMAS["pages"].items()
               if c not in pages.columns}
    pages = pd.concat([pages, pd.DataFrame(missing)], axis=1) if missing else pages.copy()
    _own_urls(pages)
    dates = (pages[c].astype("datetime64[ns]").to_numpy() for c in ("published", "url_date", "crawled"))
    time, source = _reference(*dates, pages["published_from"].to_numpy(dtype=object, na_value=None))
    pages["reference_time"] = time
    pages["reference_source"] = pd.array(source, dtype="string")
    extra_cols = [c for c in pages.columns if c not in SCHEMAS["pages"]]
    pages = pages[[*SCHEMAS["pages"], *extra_cols]]
    dtypes = pages.dtypes
    cast = {c: d for c, d in SCHEMAS["pages"].items() if dtypes[c] != d}
    return pages.astype(cast) if cast else pages


def _own_urls(pages: pd.DataFrame) -> None:
    """Where no manifest gives a page's ``url``, the URL its file states (``page_url``) and what that
    URL tells (:func:`analysis.urls.parse_url`), in place."""
    need = pages["url"].isna().to_numpy() & pages["page_url"].notna().to_numpy()
    if not need.any():
        return
    urls = pages.loc[need, "page_url"]
    told = pd.DataFrame([parse_url(u) for u in urls], index=urls.index, columns=list(URL_COLUMNS))
    pages.loc[need, "url"] = urls
    for c in URL_COLUMNS:
        dtype = SCHEMAS["pages"][c]
        pages.loc[need, c] = pd.to_datetime(told[c]).astype(dtype) if dtype.startswith("datetime") else told[c]


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate same-schema frames, keeping dtypes (also when some are empty)."""
    frames = [f for f in frames if len(f)] or frames[:1]
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    return pd.concat(frames, ignore_index=True)
