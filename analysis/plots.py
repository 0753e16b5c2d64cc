"""The matplotlib figures the notebooks share.

Each function draws on a given ``ax`` (or a new figure), sets a title and labelled axes, and
returns the ``Axes``. Page text is drawn as plain text (matplotlib never interprets markup).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

__all__ = ["page_structure"]

#: One colour per block kind, so every figure of page structure reads the same way.
KIND_COLOURS = {
    "title": "#1f77b4", "summary": "#aec7e8", "byline": "#c7c7c7", "date": "#7f7f7f", "caption": "#9edae5",
    "dateline": "#bcbd22", "paragraph": "#2ca02c", "subheading": "#98df8a", "related": "#ff7f0e",
    "duplicate": "#ffbb78", "source": "#17becf", "signature": "#dbdb8d", "comments": "#9467bd",
    "video": "#c5b0d5", "links": "#d62728", "link": "#ff9896", "navigation": "#8c564b",
    "boilerplate": "#c49c94", "unknown": "#000000",
}


def page_structure(table: pd.DataFrame, ax: plt.Axes | None = None, max_pages: int = 40) -> plt.Axes:
    """Stacked horizontal bars: how many lines of each page are of each block kind.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.overview.structure_table` output (pages x kinds, plus ``lines``).
    ax : matplotlib Axes, optional
    max_pages : int
        Show at most this many pages (the first ones).
    """
    data = table.drop(columns="lines", errors="ignore").head(max_pages)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 1.2 + 0.3 * len(data)))
    left = pd.Series(0, index=data.index)
    for kind in data.columns:
        ax.barh(data.index.astype(str), data[kind], left=left, label=kind, color=KIND_COLOURS.get(kind, "#333333"))
        left = left + data[kind]
    ax.invert_yaxis()
    ax.set_xlabel("lines of the page (non-blank)")
    ax.set_ylabel("page (doc_id)")
    ax.set_title("What each page is made of: lines per block kind")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize="small", frameon=False)
    return ax
