"""Summary tables of a loaded corpus: page structure, sites, data-quality flags."""

from __future__ import annotations

import pandas as pd

from analysis.corpus import Corpus

__all__ = ["KIND_ORDER", "quality_table", "site_table", "structure_table"]

#: Block kinds in reading order of a typical page (columns of :func:`structure_table`).
KIND_ORDER = (
    "navigation", "title", "summary", "byline", "date", "caption", "dateline", "paragraph", "subheading",
    "related", "duplicate", "source", "signature", "comments", "video", "links", "link", "boilerplate", "unknown",
)


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
        pages whose ``reference_source`` is ``dateline``, ``url``, ``furniture`` or ``none``; sorted
        by pages (descending), then site.
    """
    pages = corpus.pages
    site = pages["site"].fillna("(no manifest)")
    counts = pd.crosstab(site, pages["reference_source"])
    counts = counts.reindex(columns=["dateline", "url", "furniture", "none"], fill_value=0)
    counts.insert(0, "pages", counts.sum(axis=1))
    counts.index.name = "site"
    counts.columns.name = None
    return counts.reset_index().sort_values(["pages", "site"], ascending=[False, True], ignore_index=True)


def quality_table(corpus: Corpus) -> pd.DataFrame:
    """Data-quality flags, one row per flag that applies, with the pages it applies to.

    Flags: files not loaded (errors), loader warnings, pages without a headline, without a body,
    cut off mid-sentence, with lines the parser could not place (``unknown``), and without any
    reference time. Empty when nothing needs attention.
    """
    pages = corpus.pages
    rows = []

    def add(flag: str, ids) -> None:
        ids = list(ids)
        if ids:
            rows.append((flag, len(ids), ", ".join(map(str, ids))))

    add("file not loaded (see errors)", corpus.errors.path)
    for warning, group in corpus.warnings.groupby("warning", sort=True):
        add(f"warning: {warning}", group.doc_id.fillna(group.path))
    add("no headline on the page", pages.doc_id[pages.title.isna()])
    add("no article body", pages.doc_id[pages.n_paragraphs == 0])
    add("ends mid-sentence (truncated)", pages.doc_id[pages.truncated])
    add("lines the parser could not place", pages.doc_id[pages.n_unknown_lines > 0])
    add("no reference time (relative dates cannot be resolved)", pages.doc_id[pages.reference_time.isna()])
    return pd.DataFrame(rows, columns=["flag", "pages", "doc_ids"])
