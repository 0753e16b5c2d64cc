"""Summary tables of a loaded corpus: page structure, sites, data-quality flags.

File paths are shown relative to the corpus folder when one is given (``root``), so a report names
``kompas/001.txt``, not the machine path the kernel was given.
"""

from __future__ import annotations

import glob
import os

import pandas as pd

from analysis.checks import require_corpus
from analysis.chunks import fixed_prefix
from analysis.page import Kind
from analysis.show import Header, Note, clip, header, short_value
from analysis.tables import Corpus

__all__ = ["KIND_ORDER", "date_range", "display_path", "error_table", "finding", "page_blocks", "quality_table",
           "report_header", "site_table", "structure_table"]

#: Block kinds in reading order of a typical page (columns of :func:`structure_table`): :class:`Kind`'s order.
KIND_ORDER = tuple(str(kind) for kind in Kind)


def display_path(path: object, root: str | os.PathLike | None = None) -> object:
    """``path`` as a report shows it: relative to the corpus ``root`` (``/``-separated) when it lies in it.

    Parameters
    ----------
    path : str
        A file path from the ``errors``, ``warnings`` or ``pages`` table (missing values pass through).
    root : str or path-like, optional
        The corpus as it was given to :func:`analysis.load_corpus`: a folder, or a glob (its fixed
        prefix is used). None: ``path`` is returned unchanged.

    Returns
    -------
    str
        ``kompas/001.txt`` for ``<root>/kompas/001.txt``; ``path`` itself when it is not inside
        ``root`` (or is ``root``).

    Examples
    --------
    >>> display_path("/data/crawl/kompas/001.txt", "/data/crawl/")
    'kompas/001.txt'
    """
    if root is None or not isinstance(path, str):
        return path
    base = os.fspath(root)
    if glob.has_magic(base):
        base = fixed_prefix(base)
    if not base:
        return path.replace(os.sep, "/")
    for p, b in ((path, base), (os.path.abspath(path), os.path.abspath(base))):
        b = b.rstrip("/" + os.sep) or b
        rel = p[len(b):].lstrip("/" + os.sep) if p.startswith(b) and p[len(b):len(b) + 1] in ("/", os.sep) else ""
        if rel:
            return rel.replace(os.sep, "/")
    return path


def error_table(corpus: Corpus, root: str | os.PathLike | None = None) -> pd.DataFrame:
    """The ``errors`` table (``path, error``) with each path shown by :func:`display_path`."""
    require_corpus(corpus, ("errors",), "error_table(corpus)")
    errors = corpus.errors.copy()
    errors["path"] = pd.array([display_path(p, root) for p in errors["path"]], dtype="string")
    return errors


def page_blocks(corpus: Corpus, doc_id: str | None = None, width: int | None = 70) -> pd.DataFrame:
    """The blocks of one page in order, the lossless view (``doc_id, kind, line_start, line_end, text``).

    Parameters
    ----------
    corpus : Corpus
    doc_id : str, optional
        The page; default the first page of the corpus. No rows for a corpus without pages (or an
        unknown ``doc_id``).
    width : int or None
        Cut ``text`` to at most this many characters, at a word boundary with a final ``…`` (None: whole).
    """
    require_corpus(corpus, ("pages", "blocks"), "page_blocks(corpus)")
    if doc_id is None:
        doc_id = corpus.pages["doc_id"].iloc[0] if len(corpus.pages) else None
    blocks = corpus.blocks[corpus.blocks["doc_id"] == doc_id] if doc_id is not None else corpus.blocks.iloc[:0]
    return blocks.assign(text=clip(blocks["text"], width)) if width is not None else blocks


def structure_table(corpus: Corpus) -> pd.DataFrame:
    """Non-blank lines of each block kind per page: one row per page, one column per kind, plus ``lines``.

    Parameters
    ----------
    corpus : Corpus
        A loaded corpus.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``doc_id`` (pages in corpus order); integer line counts. Only kinds that occur
        anywhere in the corpus are columns, in :data:`KIND_ORDER`.
    """
    require_corpus(corpus, ("pages", "blocks"), "structure_table(corpus)")
    blocks = corpus.blocks
    lines = (blocks.text.str.count("\n") + 1).rename("lines")  # non-blank lines (blocks span blank ones)
    table = (
        pd.concat([blocks[["doc_id", "kind"]], lines], axis=1)
        .pivot_table(index="doc_id", columns="kind", values="lines", aggfunc="sum", fill_value=0)
    )
    kinds = [k for k in KIND_ORDER if k in table.columns] + sorted(set(table.columns) - set(KIND_ORDER))
    table = table.reindex(index=corpus.pages.doc_id, columns=kinds, fill_value=0).astype("int64")
    table.columns.name = None
    table["lines"] = table.sum(axis=1)
    return table


def site_table(corpus: Corpus) -> pd.DataFrame:
    """Pages per site and where each site's pages get their reference time from.

    Returns
    -------
    pandas.DataFrame
        One row per site (``"(no manifest)"`` when pages carry no URL): ``pages`` and the number of
        pages whose ``reference_source`` is ``dateline``, then each metadata source present
        (``html-meta``, ``json-meta``), ``url``, ``furniture`` or ``none``; sorted by pages
        (descending), then site.
    """
    require_corpus(corpus, ("pages",), "site_table(corpus)")
    pages = corpus.pages
    site = pages["site"].fillna("(no manifest)")
    counts = pd.crosstab(site, pages["reference_source"])
    # a publication time from page metadata (html-meta, json-meta) stands beside the date line
    meta = sorted(set(counts.columns) - {"dateline", "url", "furniture", "none"})
    counts = counts.reindex(columns=["dateline", *meta, "url", "furniture", "none"], fill_value=0)
    counts.insert(0, "pages", counts.sum(axis=1))
    counts.index.name = "site"
    counts.columns.name = None
    return counts.reset_index().sort_values(["pages", "site"], ascending=[False, True], ignore_index=True)


def quality_table(corpus: Corpus, root: str | os.PathLike | None = None) -> pd.DataFrame:
    """Data-quality flags, one row per flag that applies, with the pages it applies to.

    Flags: files not loaded (errors), loader warnings, pages without a headline, without a body,
    cut off mid-sentence, with lines the parser could not place (``unknown``), and without any
    reference time. Empty when nothing needs attention. Files are named by doc_id, or by path
    (relative to ``root``, see :func:`display_path`) when they have none.

    Returns
    -------
    pandas.DataFrame
        ``flag, pages, doc_ids``: ``pages`` counts the files listed (comma-separated) in ``doc_ids``.
    """
    require_corpus(corpus, ("pages", "errors", "warnings"), "quality_table(corpus)")
    pages = corpus.pages
    rows = []

    def add(flag: str, ids) -> None:
        ids = list(ids)
        if ids:
            rows.append((flag, len(ids), ", ".join(map(str, ids))))

    add("file not loaded (see errors)", (display_path(p, root) for p in corpus.errors.path))
    for warning, group in corpus.warnings.groupby("warning", sort=True):
        add(f"warning: {warning}", (d if isinstance(d, str) else display_path(p, root)
                                    for d, p in zip(group.doc_id, group.path, strict=True)))
    add("no headline on the page", pages.doc_id[pages.title.isna()])
    add("no article body", pages.doc_id[pages.n_paragraphs == 0])
    add("ends mid-sentence (truncated)", pages.doc_id[pages.truncated])
    add("lines the parser could not place", pages.doc_id[pages.n_unknown_lines > 0])
    add("no reference time (relative dates cannot be resolved)", pages.doc_id[pages.reference_time.isna()])
    return pd.DataFrame(rows, columns=["flag", "pages", "doc_ids"])


def _day(t: pd.Timestamp) -> str:
    return f"{t.day} {t:%b %Y}"


def date_range(times: pd.Series) -> str:
    """``"9 Nov 2020 – 11 Apr 2021"`` (or one day) of the non-missing times; ``""`` when there are none."""
    times = pd.to_datetime(pd.Series(times), errors="coerce").dropna()
    if times.empty:
        return ""
    first, last = _day(times.min()), _day(times.max())
    return first if first == last else f"{first} – {last}"


def report_header(corpus: Corpus, corpus_path: str | os.PathLike) -> Header:
    """The short header of a report: which corpus, how many pages (and files that did not load), which dates.

    Parameters
    ----------
    corpus : Corpus
    corpus_path : str or path-like
        The corpus as the notebook was given it (its ``parameters`` cell).

    Returns
    -------
    show.Header
        Three lines: ``Corpus: ../seeds``, ``1 page, 0 files not loaded``, and the range of the pages'
        reference times (their own date, else their furniture's) or a sentence that no page is dated.
    """
    require_corpus(corpus, ("pages", "errors"), "report_header(corpus)")
    pages, errors = len(corpus.pages), len(corpus.errors)
    dated = date_range(corpus.pages["reference_time"]) if "reference_time" in corpus.pages else ""
    n_dated = int(corpus.pages["reference_time"].notna().sum()) if dated else 0
    sources = corpus.pages["reference_source"].dropna().astype(str) if "reference_source" in corpus.pages \
        else pd.Series(dtype=str)
    sources = sources[sources != "none"].value_counts()
    by = ", ".join(f"{SOURCE_WORDS.get(k, k)} {v}" for k, v in sources.items())
    when = (f"Dates: {dated} ({n_dated} of {pages} page{'s' * (pages != 1)} dated; by {by})") if dated \
        else "Dates: no page carries a date."
    return header([f"Corpus: {os.fspath(corpus_path)}",
                   f"{pages} page{'s' * (pages != 1)}, {errors} file{'s' * (errors != 1)} not loaded", when])


#: How a page's reference time was found (``pages.reference_source``), in a reader's words.
SOURCE_WORDS = {"dateline": "date line", "furniture": "newest sidebar/video time", "url": "URL date",
                "html-meta": "HTML metadata", "json-meta": "JSON metadata"}


def finding(corpus: Corpus) -> Note:
    """The one-line finding of the overview: what loaded, what the pages hold, how many flags need a look."""
    require_corpus(corpus, ("pages", "paragraphs", "quotes", "links", "videos", "errors", "warnings"),
                   "finding(corpus)")
    flags = quality_table(corpus)
    n = len(corpus.pages)
    if flags.empty:
        flagged = "nothing flagged for a closer look"
    else:
        top = flags.sort_values("pages", ascending=False, kind="stable").iloc[0]
        flagged = (f"{len(flags)} data-quality flag{'s' * (len(flags) != 1)}, the most common: "
                   f"{short_value(top['flag'], 60)} ({top['pages']} of the files)")
    failed = len(corpus.errors)
    loaded = f"{n} page{'s' * (n != 1)} loaded" + (f" ({failed} file{'s' * (failed != 1)} not)" if failed else "")
    return Note(f"{loaded}: {len(corpus.paragraphs)} body "
                f"paragraphs, {len(corpus.quotes)} quotations, {len(corpus.links)} links, {len(corpus.videos)} "
                f"videos; {flagged}.")
