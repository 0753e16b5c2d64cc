"""The matplotlib figures the notebooks share.

Each function draws on a given ``ax`` (or a new figure), sets a title and labelled axes, and
returns the ``Axes``; :func:`timeline` draws a figure of several panels and returns the ``Figure``,
and :func:`timeline_rows` / :func:`event_table` are the tables to print beside it. Page text is drawn
as plain text (matplotlib never interprets markup).
When there is nothing to draw and no ``ax`` was given, a function draws no empty axes: it prints one
sentence saying why (:func:`nothing_to_draw`) and returns None.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.page import Kind
from analysis.show import Note

__all__ = [
    "event_label", "event_table", "link_similarity", "link_similarity_pages", "page_structure", "similarity_vs_gap",
    "timeline",
    "timeline_panels", "timeline_rows", "topic_map", "topic_sizes", "topic_times",
]

#: Block kinds (:class:`analysis.page.Kind`) grouped as a reader sees a page: its head, its body, the furniture
#: around them, and lines no rule placed. Figures of page structure colour the groups, not the 19 kinds.
KIND_GROUPS = {str(kind): group for kind, group in {
    Kind.title: "head", Kind.summary: "head", Kind.byline: "head", Kind.date: "head", Kind.caption: "head",
    Kind.dateline: "head", Kind.paragraph: "body", Kind.subheading: "body", Kind.source: "body",
    Kind.signature: "body", Kind.related: "furniture", Kind.duplicate: "furniture", Kind.comments: "furniture",
    Kind.video: "furniture", Kind.links: "furniture", Kind.link: "furniture", Kind.navigation: "furniture",
    Kind.boilerplate: "furniture", Kind.unknown: "unknown",
}.items()}
#: One Okabe–Ito colour per group (colour-blind safe), in reading order.
GROUP_COLOURS = {"head": "#E69F00", "body": "#0072B2", "furniture": "#009E73", "unknown": "#D55E00"}
#: The colour of each block kind: its group's (so every figure of page structure reads the same way).
KIND_COLOURS = {kind: GROUP_COLOURS[group] for kind, group in KIND_GROUPS.items()}


def _say(sentence: str) -> None:
    """One sentence for the reader: a prose paragraph in a notebook (:class:`analysis.show.Note`), else printed."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the notebooks, not of the package
        get_ipython = None
    if get_ipython is not None and get_ipython() is not None:
        from IPython.display import display

        display(Note(sentence))
    else:
        print(sentence)


def nothing_to_draw(sentence: str, ax: plt.Axes | None) -> plt.Axes | None:
    """Say that a figure has nothing to show: printed (and None returned) without ``ax``, else on ``ax``."""
    if ax is None:
        _say(sentence)
        return None
    ax.text(0.5, 0.5, sentence, ha="center", va="center", transform=ax.transAxes, wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


#: Code points the font of each font file can draw (see :func:`drawable`).
_CHARMAPS: dict[str, frozenset[int]] = {}
#: What :func:`drawable` draws for a character the font has no glyph for.
MISSING_GLYPH = "\u25a1"


def drawable(text: object) -> str:
    """Page text as matplotlib can draw it: no warning, no markup.

    Characters the current font has no glyph for (emoji, CJK, private-use and format characters in scraped
    text) become ``□``, other space characters a space, and ``$`` is escaped so that no mathtext is read
    into a headline. Without this, matplotlib prints a "Glyph ... missing from font(s)" warning into the
    report for every such character.
    """
    from matplotlib import font_manager, ft2font

    text = "" if text is None else str(text)
    path = font_manager.findfont(font_manager.FontProperties())
    chars = _CHARMAPS.get(path)
    if chars is None:
        chars = _CHARMAPS[path] = frozenset(ft2font.FT2Font(path).get_charmap())
    out = []
    for c in text:
        if c == "\n" or (ord(c) in chars and not c.isspace()) or c == " ":
            out.append(c)
        else:
            out.append(" " if c.isspace() else MISSING_GLYPH)
    return "".join(out).replace("$", r"\$")


def page_structure(table: pd.DataFrame, ax: plt.Axes | None = None, max_pages: int = 40) -> plt.Axes | None:
    """Stacked horizontal bars: how many lines of each page are of each block kind.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.overview.structure_table` output (pages x kinds, plus ``lines``).
    ax : matplotlib Axes, optional
    max_pages : int
        Show at most this many pages (the first ones).

    Returns
    -------
    matplotlib Axes, or None when there is no page (see :func:`nothing_to_draw`).
    """
    data = table.drop(columns="lines", errors="ignore").head(max_pages)
    if data.empty or not len(data.columns):
        return nothing_to_draw("No page was parsed, so there is no page structure to draw.", ax)
    groups = {}
    for kind in data.columns:
        groups.setdefault(KIND_GROUPS.get(kind, "unknown"), []).append(kind)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 2.0 + 0.3 * len(data)))
    left = pd.Series(0, index=data.index)
    for group in [g for g in GROUP_COLOURS if g in groups]:
        lines = data[groups[group]].sum(axis=1)
        kinds = ", ".join(groups[group])
        ax.barh([drawable(d) for d in data.index], lines, left=left, color=GROUP_COLOURS[group],
                label=drawable(group if kinds == group else f"{group}: {_short(kinds, 70)}"))
        left = left + lines
    ax.set_xlim(0, max(float(left.max()), 1.0) * 1.05)  # the longest page ends inside the axes, not on its edge
    ax.invert_yaxis()
    ax.set_xlabel("lines of the page (non-blank)")
    ax.set_ylabel("page (doc_id)")
    ax.set_title("What each page is made of: lines per part of the page")
    fig = ax.figure
    handles, labels = ax.get_legend_handles_labels()
    legend_inches = 0.1 + 0.25 * -(-len(labels) // 2)  # two entries a row, below the axes
    fig.legend(handles, labels, loc="lower center", ncol=2, fontsize="small", frameon=False)
    fig.tight_layout(rect=(0, legend_inches / fig.get_figheight(), 1, 1))
    return ax


# --------------------------------------------------------------------------------------------
# Article vs sidebar (analysis.related)

#: Bar colours of :func:`link_similarity`: links above the page's null, and the others.
RELATED_COLOURS = {True: "#d62728", False: "#7f7f7f"}


def _link_label(position: int, published: pd.Timestamp, headline: str, max_chars: int) -> str:
    """``#3 · 11 Apr 2021 21:48 · Kampanye Vaksinasi Tembus…`` (date only when the time is midnight)."""
    if pd.isna(published):
        when = "no timestamp"
    else:  # the module's own month names: labels never depend on the locale
        when = _day_text(published) + ("" if (published.hour, published.minute) == (0, 0) else f" {published:%H:%M}")
    head = headline if len(headline) <= max_chars else headline[: max_chars - 1].rstrip() + "…"
    return drawable(f"#{position} · {when} · {head}")


def link_similarity(scores: pd.DataFrame, doc_id: str, ax: plt.Axes | None = None, max_chars: int = 45,
                    legend: bool = True, xmax: float | None = None) -> plt.Axes | None:
    """Bars: how similar each link of one page is to its article, against the page's null band.

    Parameters
    ----------
    scores : pandas.DataFrame
        :func:`analysis.related.score_links` output.
    doc_id : str
        The page.
    ax : matplotlib Axes, optional
    max_chars : int
        Headlines are cut to this many characters in the labels.
    legend : bool
        Draw the legend (below the axes).
    xmax : float, optional
        Right end of the similarity axis (to compare panels); default from the data.

    Returns
    -------
    matplotlib Axes
        One bar per link in the order the page shows them, labelled with position, timestamp and
        headline, annotated with similarity and p-value; red when the link beats the null
        (``related``). The grey band covers 0 to the 95th percentile of the page's null, the dashed
        line is its median. None when the page has no links and no ``ax`` was given.
    """
    g = scores[scores["doc_id"] == doc_id].sort_values("position")
    if g.empty and ax is None:
        return nothing_to_draw(f"{doc_id}: no links on this page, so no link similarity to draw.", None)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 1.8 + 0.35 * max(len(g), 1)))
    ax.set_title(f"{drawable(doc_id)}: similarity of each link to the article", fontsize="medium")
    ax.set_xlabel("similarity to the article (TF-IDF cosine, 0-1)")
    ax.set_ylabel("link (position · timestamp · headline)")
    if g.empty:
        ax.text(0.5, 0.5, "no links on this page", ha="center", va="center", transform=ax.transAxes)
        return ax
    labels = [_link_label(p, t, str(h), max_chars)
              for p, t, h in zip(g["position"], g["published"], g["headline"], strict=True)]
    p95, median = g["null_p95"].iloc[0], g["null_median"].iloc[0]
    handles = []
    if pd.notna(p95):
        handles.append(ax.axvspan(0, p95, color="#d9d9d9", zorder=0,
                                  label=f"null ({g['null_kind'].iloc[0]}): 0 to 95th percentile"))
        handles.append(ax.axvline(median, color="#555555", linestyle="--", linewidth=1, label="null median"))
    related = g["related"].fillna(False).astype(bool).tolist()
    sims = g["similarity"].fillna(0).tolist()
    ax.barh(labels, sims, color=[RELATED_COLOURS[r] for r in related], zorder=2)
    for y, (sim, p) in enumerate(zip(g["similarity"], g["p_value"], strict=True)):
        text = "no text" if pd.isna(sim) else f"{sim:.3f} (p={p:.3f})"
        ax.annotate(text, (0 if pd.isna(sim) else sim, y), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize="x-small", zorder=3)
    right = xmax if xmax is not None else max(0.05, float(g["similarity"].max(skipna=True) or 0),
                                               float(p95) if pd.notna(p95) else 0) * 1.35
    ax.set_xlim(0, right)
    ax.invert_yaxis()
    if legend:
        handles += [plt.Rectangle((0, 0), 1, 1, color=RELATED_COLOURS[True], label="link above the null (p < alpha)"),
                    plt.Rectangle((0, 0), 1, 1, color=RELATED_COLOURS[False], label="link within the null")]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2, fontsize="small",
                  frameon=False)
    return ax


def link_similarity_pages(scores: pd.DataFrame, doc_ids: list[str] | None = None, max_pages: int = 12,
                          max_chars: int = 45) -> plt.Figure | None:
    """:func:`link_similarity` for several pages (default: every page with links), one panel each, same x axis.

    None (after a printed sentence, :func:`nothing_to_draw`) when there is no link to draw.
    """
    ids = list(dict.fromkeys(scores["doc_id"])) if doc_ids is None else list(doc_ids)
    ids = ids[:max_pages]
    if not ids:
        return nothing_to_draw("No links in this corpus, so no link similarity to draw.", None)
    heights = [0.9 + 0.3 * max(1, int((scores["doc_id"] == d).sum())) for d in ids]
    fig, axes = plt.subplots(len(heights), 1, figsize=(9, 1.2 + sum(heights)), squeeze=False,
                             gridspec_kw={"height_ratios": heights})
    shown = scores[scores["doc_id"].isin(ids)]
    xmax = max(0.05, float(shown["similarity"].max(skipna=True) or 0), float(shown["null_p95"].max() or 0)) * 1.35
    for i, (ax, d) in enumerate(zip(axes[:, 0], ids, strict=True)):
        link_similarity(scores, d, ax=ax, max_chars=max_chars, legend=False, xmax=xmax)
        ax.set_ylabel("")
        if i < len(ids) - 1:
            ax.set_xlabel("")
    handles = [plt.Rectangle((0, 0), 1, 1, color="#d9d9d9", label="null: 0 to 95th percentile"),
               plt.Line2D([], [], color="#555555", linestyle="--", label="null median"),
               plt.Rectangle((0, 0), 1, 1, color=RELATED_COLOURS[True], label="link above the null (p < alpha)"),
               plt.Rectangle((0, 0), 1, 1, color=RELATED_COLOURS[False], label="link within the null")]
    fig.suptitle("Similarity of each link to its article, against the page's null (link: position · timestamp)")
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize="small", frameon=False)
    height = fig.get_figheight()
    fig.tight_layout(rect=(0, 0.45 / height, 1, 1 - 0.4 / height))
    return fig


#: :func:`similarity_vs_gap` draws only when at least this many links, and this share of them, can be placed.
MIN_PLACED = 5
MIN_PLACED_SHARE = 0.5


def similarity_vs_gap(scores: pd.DataFrame, ax: plt.Axes | None = None, min_placed: int = MIN_PLACED,
                      min_share: float = MIN_PLACED_SHARE) -> plt.Axes | None:
    """Scatter of every timestamped link: similarity to its article vs hours before the page's reference time.

    Links without a timestamp (or pages without a reference time) cannot be placed; their number is
    given in the legend. When fewer than ``min_placed`` links, or less than ``min_share`` of them, can be
    placed, the figure would mislead (one dot standing for 24 links): it gives way to one sentence that says
    why (:func:`nothing_to_draw`: printed and None returned without ``ax``, written on ``ax`` with one).
    """
    placed = scores.dropna(subset=["hours_before_reference", "similarity"])
    if scores.empty:
        return nothing_to_draw("No links in this corpus, so nothing to place against time.", ax)
    if placed.empty:
        return nothing_to_draw(f"None of the {len(scores)} link(s) has both a timestamp and a page reference time, "
                               "so nothing to place against time.", ax)
    if len(placed) < min_placed or len(placed) < min_share * len(scores):
        return nothing_to_draw(f"Only {len(placed)} of the {len(scores)} links have both a timestamp and a page "
                               f"reference time ({len(scores) - len(placed)} have none): too few to read similarity "
                               "against the time gap, so no figure; the table below lists them.", ax)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5))
    related = placed["related"].fillna(False).astype(bool)
    for flag, name in ((False, "within the page's null"), (True, "above the page's null")):
        sel = placed[related == flag]
        ax.scatter(sel["hours_before_reference"], sel["similarity"], color=RELATED_COLOURS[flag], alpha=0.8,
                   label=f"{name} ({len(sel)})")
    missing = len(scores) - len(placed)
    if missing:
        ax.scatter([], [], color="none", label=f"{missing} link(s) without a timestamp, not shown")
    hours, sims = placed["hours_before_reference"], placed["similarity"]
    ax.set_xlim(min(0.0, hours.min()) - 0.1, max(1.0, hours.max()) * 1.05 + 0.1)
    ax.set_ylim(-0.005, max(0.05, sims.max()) * 1.15)
    ax.set_title("Link similarity vs time before the page's reference time")
    ax.set_xlabel("hours between the link's timestamp and the page's reference time (h)")
    ax.set_ylabel("similarity to the article (TF-IDF cosine, 0-1)")
    ax.legend(loc="best", fontsize="small")
    return ax


# --------------------------------------------------------------------------------------------
# Conflict timeline (analysis.events)

#: The Okabe–Ito palette (Okabe & Ito 2008), safe for the common colour-vision deficiencies, plus a grey.
OKABE_ITO = {"orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
             "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000", "grey": "#999999"}
#: Colour of each event type of analysis/data/event_types.csv. Twelve types share nine colours, so a type is
#: told apart by colour *and* marker shape (:data:`EVENT_MARKERS`; every pair is unique).
EVENT_COLOURS = {
    "ceasefire": OKABE_ITO["green"], "peacekeeping": OKABE_ITO["sky_blue"], "territorial_change": OKABE_ITO["purple"],
    "explosion": OKABE_ITO["yellow"], "armed_clash": OKABE_ITO["vermillion"], "casualties": OKABE_ITO["black"],
    "riot": OKABE_ITO["orange"], "protest": OKABE_ITO["yellow"], "agreement": OKABE_ITO["blue"],
    "mediation": OKABE_ITO["sky_blue"], "talks": OKABE_ITO["blue"], "statement": OKABE_ITO["grey"],
}
#: Marker shape of each event type: twelve distinct shapes, so the type reads even in grey print.
EVENT_MARKERS = {
    "ceasefire": "o", "peacekeeping": "s", "territorial_change": "D", "explosion": "*", "armed_clash": "X",
    "casualties": "v", "riot": "P", "protest": "h", "agreement": "^", "mediation": ">", "talks": "d",
    "statement": "p",
}
#: Colour and marker of a type outside the lists above.
OTHER_EVENT_STYLE = ("#555555", "o")
#: Marker and colour of each kind of page-furniture time (analysis.events.furniture_times), in lane order.
FURNITURE_MARKERS = {"published": ("^", OKABE_ITO["blue"]), "crawled": ("D", OKABE_ITO["vermillion"]),
                     "link": ("|", "#555555"), "video": ("s", OKABE_ITO["purple"])}

#: A new period of news starts when an event begins more than this long after every earlier one has ended
#: (counted in calendar days). Six weeks: longer than any lull inside the 2020 war, much shorter than the months
#: between the 2020 war, the flare-ups of late 2022 and the offensive of September 2023.
PERIOD_GAP = pd.Timedelta(days=45)
#: News events over more days than this (a quarter, a year) would stretch a panel: they go to "other news".
MAX_PANEL_DAYS = 62
#: A period needs this many events to get a panel of its own; fewer go to the "other news" strip.
MIN_PERIOD_EVENTS = 2
#: At most this many news panels (the periods with most events); the others go to the "other news" strip.
MAX_PANELS = 4
#: Default number of events drawn in one figure (the best-sourced ones).
MAX_EVENTS = 40
#: Default number of background events drawn in their strip (never more than a quarter of ``max_events``).
MAX_BACKGROUND = 8
#: Actors named in a label; the rest are counted (``+2``).
MAX_ACTORS = 3
#: Longer actor names are cut to this many characters, and the names of a label to this many in all.
MAX_NAME_CHARS, MAX_ACTORS_CHARS = 24, 40
#: What the figure says when no event has a date.
NO_EVENTS_TEXT = "no dated events in this corpus"
#: Names of the panels that are not periods of news (news periods are ``news 1``, ``news 2``, ...).
OTHER_NEWS, BACKGROUND, FURNITURE = "other news", "background", "furniture"
#: English month abbreviations, so labels never depend on the locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Figure width (inches; fits an HTML report), height of one row and of a panel's title, ticks and axis label.
FIGURE_WIDTH, ROW_INCHES, PANEL_INCHES = 11.5, 0.27, 1.25
#: ``gid`` of the titles :func:`_grow_to_fit` may wrap when they run past the figure's edge.
WRAPPABLE = "timeline-title"
#: Characters in a line of the figure title (12 pt text across the figure width).
SUPTITLE_CHARS = 100
#: Columns of the legend under the panels, and the height of one of its rows (inches).
LEGEND_COLUMNS, LEGEND_ROW_INCHES = 6, 0.24
#: The columns of :func:`timeline_rows` and :func:`timeline_panels`.
ROW_COLUMNS = ["panel", "position", "kind", "event_id", "start", "end", "mark", "event_type", "label", "n_docs",
               "n_events", "n_hidden", "date_conflict"]
PANEL_COLUMNS = ["period", "panel", "first_day", "last_day", "days", "n_events", "n_docs"]
ONE_DAY = pd.Timedelta(days=1)


def _day_text(day: pd.Timestamp, year: bool = True) -> str:
    """``27 Sep 2020`` (or ``27 Sep``)."""
    return f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")


def _range_text(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """Days ``first``..``last`` as ``21–30 Sep 2020``, ``27 Sep – 15 Nov 2020`` or ``28 Dec 2020 – 3 Jan 2021``."""
    if first.year != last.year:
        return f"{_day_text(first)} – {_day_text(last)}"
    if first.month != last.month:
        return f"{_day_text(first, year=False)} – {_day_text(last)}"
    if first.day != last.day:
        return f"{first.day}–{_day_text(last)}"
    return _day_text(first)


def _when_text(start: pd.Timestamp, end: pd.Timestamp, granularity: str = "") -> str:
    """The interval as a reader says it: ``10 Nov 2020``, ``21–30 Sep 2020``, ``Oct 2020``, ``1994``, ``1990s``."""
    first, last = start.normalize(), max(start, end).normalize()
    if first == last:
        return _day_text(first) + (f", {start:%H:%M}" if granularity == "minute" else "")
    after = last + ONE_DAY
    if first.day == 1 and after.day == 1 and first.month == 1 and after.month == 1:  # whole years
        years = after.year - first.year
        if years == 10 and first.year % 10 == 0:
            return f"{first.year}s"
        return str(first.year) if years == 1 else f"{first.year}–{last.year}"
    if first.day == 1 and after.day == 1:  # whole months
        if (first.year, first.month) == (last.year, last.month):
            return f"{MONTHS[first.month - 1]} {first.year}"
        head = MONTHS[first.month - 1] + ("" if first.year == last.year else f" {first.year}")
        return f"{head} – {MONTHS[last.month - 1]} {last.year}"
    return _range_text(first, last)


def _actors_text(actors: object, max_actors: int = MAX_ACTORS) -> str:
    """``Armenia, Azerbaijan, Russia +2``: the first ``max_actors`` names that fit in :data:`MAX_ACTORS_CHARS`
    (at least one), the rest counted."""
    names = [str(a) for a in actors] if isinstance(actors, tuple | list) else []
    names = [n if len(n) <= MAX_NAME_CHARS else n[:MAX_NAME_CHARS - 1] + "…" for n in names]
    shown = 0
    while shown < min(len(names), max_actors) and (not shown or len(", ".join(names[:shown + 1])) <= MAX_ACTORS_CHARS):
        shown += 1
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" +{more}" if more > 0 else "")


def event_label(event_type: str, actors: object, start: pd.Timestamp, end: pd.Timestamp, granularity: str = "",
                date_conflict: bool = False, max_actors: int = MAX_ACTORS) -> str:
    """What happened, in one line: ``ceasefire · Armenia, Azerbaijan, Russia · 10 Nov 2020``.

    Parameters
    ----------
    event_type : str
        ``armed_clash`` is written ``armed clash``.
    actors : tuple of str
        Canonical names; after ``max_actors`` of them the rest are counted (``+2``); none: no actors part.
    start, end : pandas.Timestamp
        The interval (inclusive end), written as a day, a range of days, a month, a year or a decade.
    granularity : str
        ``minute`` adds the time of day.
    date_conflict : bool
        The sources disagree on the date: a ``?`` follows it.
    max_actors : int

    Returns
    -------
    str
    """
    who = _actors_text(actors, max_actors)
    when = _when_text(start, end, granularity) + ("?" if date_conflict else "")
    return " · ".join(part for part in (str(event_type).replace("_", " "), who, when) if part)


EVENT_TABLE_COLUMNS = ["event_id", "when", "event_type", "actors", "pages", "mentions", "doc_ids", "sources_disagree"]


def event_table(timeline: pd.DataFrame, era: str | None = "news") -> pd.DataFrame:
    """The consolidated events as a reader reads them, to print beside :func:`timeline`.

    Parameters
    ----------
    timeline : pandas.DataFrame
        :func:`analysis.consolidate_events` output.
    era : {"news", "background"} or None
        The events of that era only; None: all.

    Returns
    -------
    pandas.DataFrame
        ``event_id``, ``when`` (``10 Nov 2020``, ``21–30 Sep 2020``, ``1994``), ``event_type`` (words),
        ``actors`` (every name, comma-separated), ``pages`` and ``mentions`` behind the event, ``doc_ids``
        (comma-separated) and ``sources_disagree`` (``date_conflict``), in time order.
    """
    rows = timeline if era is None or "era" not in timeline else timeline[timeline["era"] == era]
    return pd.DataFrame({
        "event_id": list(_column(rows, "event_id", 0)),
        "when": [_when_text(s, e, g) for s, e, g in zip(rows["start"], rows["end"],
                                                        _column(rows, "granularity", ""), strict=True)]
        if len(rows) else [],
        "event_type": [str(t).replace("_", " ") for t in _column(rows, "event_type", "")],
        "actors": [", ".join(map(str, a)) if isinstance(a, tuple | list) else "" for a in _column(rows, "actors", ())],
        "pages": list(_column(rows, "n_docs", 0)),
        "mentions": list(_column(rows, "n_mentions", 0)),
        "doc_ids": [", ".join(map(str, d)) if isinstance(d, tuple | list) else ""
                    for d in _column(rows, "doc_ids", ())],
        "sources_disagree": [bool(x) for x in _column(rows, "date_conflict", False)],
    }, columns=EVENT_TABLE_COLUMNS)


def _column(table: pd.DataFrame, name: str, default: object) -> pd.Series:
    """``table[name]``, or ``default`` on every row when the column is absent."""
    return table[name] if name in table else pd.Series([default] * len(table), index=table.index, dtype=object)


def _events(timeline: pd.DataFrame) -> pd.DataFrame:
    """The consolidated events sorted by time, with their first and last calendar day and length in days."""
    t = timeline.reset_index(drop=True)
    start = pd.to_datetime(t["start"]).astype("datetime64[ns]")
    end = pd.to_datetime(t["end"]).astype("datetime64[ns]")
    n_docs = t["n_docs"].astype("int64")
    ev = pd.DataFrame({
        "event_id": t["event_id"].astype("int64"), "start": start, "end": end.where(end >= start, start),
        "granularity": _column(t, "granularity", "").astype(str), "event_type": t["event_type"].astype(str),
        "actors": _column(t, "actors", ()), "n_docs": n_docs,
        "n_mentions": t["n_mentions"].astype("int64") if "n_mentions" in t else n_docs,
        "doc_ids": _column(t, "doc_ids", ()), "date_conflict": _column(t, "date_conflict", False).astype(bool),
        "era": _column(t, "era", "news").astype(str),
    })
    ev = ev.dropna(subset=["start"]).sort_values(["start", "end", "event_id"], kind="stable").reset_index(drop=True)
    ev["first_day"], ev["last_day"] = ev["start"].dt.normalize(), ev["end"].dt.normalize()
    ev["days"] = (ev["last_day"] - ev["first_day"]).dt.days + 1
    return ev


def _n_pages(doc_ids: pd.Series) -> int:
    """Distinct pages behind a set of events (their ``doc_ids`` tuples)."""
    return len({d for ids in doc_ids if isinstance(ids, tuple | list) for d in ids})


def _periods(ev: pd.DataFrame, gap: pd.Timedelta) -> pd.Series:
    """Period number (1, 2, ...) of each event (sorted by start): a new one after a gap longer than ``gap``."""
    ended = ev["last_day"].cummax().shift()
    return (~((ev["first_day"] - ended) <= gap)).cumsum().astype("int64")


def _assign_panels(ev: pd.DataFrame, gap: pd.Timedelta, min_events: int, max_panels: int
                   ) -> tuple[pd.Series, pd.DataFrame]:
    """The panel of each event (``news 1``.., ``other news``, ``background``) and the table of periods."""
    panel = pd.Series(BACKGROUND, index=ev.index, dtype=object)
    dense = ev[(ev["era"] != BACKGROUND) & (ev["days"] <= MAX_PANEL_DAYS)]
    panel[(ev["era"] != BACKGROUND) & (ev["days"] > MAX_PANEL_DAYS)] = OTHER_NEWS
    period = _periods(dense, gap)
    by = dense.groupby(period, sort=True)
    periods = pd.DataFrame({"first_day": by["first_day"].min(), "last_day": by["last_day"].max(),
                            "n_events": by.size(), "n_docs": by["doc_ids"].agg(_n_pages)})
    periods.index.name = "period"
    periods = periods.reset_index()
    dense_enough = periods["n_events"] >= min_events
    chosen = (periods[dense_enough] if dense_enough.any() else periods).sort_values(  # none dense: the biggest
        ["n_events", "first_day"], ascending=[False, True], kind="stable").head(
        max_panels if dense_enough.any() else 1)["period"].sort_values()
    names = {p: f"news {i}" for i, p in enumerate(chosen, start=1)}
    name_of = {p: names.get(p, OTHER_NEWS) for p in periods["period"]}
    periods.insert(1, "panel", periods["period"].map(name_of).astype(object))
    periods.insert(4, "days", (periods["last_day"] - periods["first_day"]).dt.days + 1)
    panel[dense.index] = period.map(name_of).astype(object)
    return panel, periods.astype({"period": "int64", "n_events": "int64", "n_docs": "int64", "days": "int64"})


def timeline_panels(timeline: pd.DataFrame, *, gap: pd.Timedelta = PERIOD_GAP, min_events: int = MIN_PERIOD_EVENTS,
                    max_panels: int = MAX_PANELS) -> pd.DataFrame:
    """The periods where the ``news`` events are dense, each drawn in a panel of its own by :func:`timeline`.

    A period is a run of news events (sorted by start) in which no event begins more than ``gap`` after all
    earlier ones have ended (calendar days; default 45). Events of the ``background`` era and news events
    longer than :data:`MAX_PANEL_DAYS` (a quarter, a year: they would stretch a panel) are in no period.
    The ``max_panels`` periods with most events (at least ``min_events``; ties: the earlier) get a panel,
    numbered in time order (if no period has ``min_events``, the biggest one gets it); the others are drawn
    in the ``other news`` strip.

    Parameters
    ----------
    timeline : pandas.DataFrame
        :func:`analysis.consolidate_events` output (``start``, ``end``, ``era``, ``doc_ids``, ...).
    gap : pandas.Timedelta
        The longest gap inside a period.
    min_events : int
        Events a period needs for a panel.
    max_panels : int
        Panels at most.

    Returns
    -------
    pandas.DataFrame
        One row per period, in time order: ``period`` (1, 2, ...), ``panel`` (``news 1``, ... or
        ``other news``), ``first_day``, ``last_day`` (dates of its first and last day), ``days`` (its length,
        inclusive), ``n_events`` and ``n_docs`` (distinct pages behind its events).
    """
    return _assign_panels(_events(timeline), gap, min_events, max_panels)[1][PANEL_COLUMNS]


def _allocate(counts: list[int], budget: int) -> list[int]:
    """Share ``budget`` rows among groups in proportion to their sizes (largest remainder), at least one each.

    A bigger group never gets fewer rows than a smaller one; ties go to the earlier group.
    """
    total = sum(counts)
    if budget >= total:
        return list(counts)
    quota = [c * budget / total for c in counts]
    alloc = [int(q) for q in quota]
    by_remainder = sorted(range(len(counts)), key=lambda i: (-(quota[i] - alloc[i]), -counts[i], i))
    for i in by_remainder[:budget - sum(alloc)]:
        alloc[i] += 1
    for i in sorted(range(len(counts)), key=lambda i: (-counts[i], i)):  # one row for every group, if there is room
        donor = max(range(len(counts)), key=lambda j: (alloc[j], -counts[j], j))  # of the most rows, the smallest
        if counts[i] and not alloc[i] and alloc[donor] > 1:
            alloc[i], alloc[donor] = 1, alloc[donor] - 1
    return alloc


def _best(ev: pd.DataFrame, k: int) -> pd.DataFrame:
    """The ``k`` best-sourced events (by ``n_docs``, then ``n_mentions``), in time order."""
    best = ev.sort_values(["n_docs", "n_mentions", "start", "event_id"], ascending=[False, False, True, True],
                          kind="stable").head(k)
    return best.sort_values(["start", "end", "event_id"], kind="stable")


def _budgets(panel: pd.Series, max_events: int, max_background: int) -> dict[str, int]:
    """Rows per panel: background up to ``max_background`` (a quarter of all if there is news), news the rest."""
    counts = panel.value_counts()
    n_bg = int(counts.get(BACKGROUND, 0))
    news = sorted((p for p in counts.index if p != BACKGROUND), key=_panel_order)
    bg = min(n_bg, max_background, max_events // 4 if news else max_events)
    return {BACKGROUND: bg} | dict(zip(news, _allocate([int(counts[p]) for p in news], max_events - bg), strict=True))


def _panel_order(panel: str) -> tuple[int, int]:
    """Drawing order: ``news 1``, ``news 2``, ..., ``other news``, ``background``, ``furniture``."""
    if panel.startswith("news "):
        return 0, int(panel.split()[1])
    return [OTHER_NEWS, BACKGROUND, FURNITURE].index(panel) + 1, 0


def _count(n: int, noun: str) -> str:
    """``1 event``, ``3 events``."""
    return f"{n} {noun}{'s' * (n != 1)}"


def _years_text(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """``1994`` or ``1991–2016``."""
    return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"


def _row(panel: str, kind: str, start: pd.Timestamp, end: pd.Timestamp, mark: str, label: str, n_docs: int,
         **more: object) -> dict:
    """A row of :func:`timeline_rows`; ``more`` fills ``position, event_id, event_type, n_events, n_hidden,
    date_conflict`` (else <NA>, empty or False)."""
    return {"panel": panel, "position": pd.NA, "kind": kind, "event_id": pd.NA, "start": start, "end": end,
            "mark": mark, "event_type": "", "label": label, "n_docs": n_docs, "n_events": pd.NA, "n_hidden": pd.NA,
            "date_conflict": False} | more


def _summary_label(panel: str, group: pd.DataFrame, shown: int) -> str:
    """``27 Sep – 15 Nov 2020 · 20 events on 35 pages · +2 with fewer sources not shown``."""
    first, last = group["first_day"].min(), group["last_day"].max()
    when = _range_text(first, last) if panel != BACKGROUND else _years_text(first, last)
    n, pages = len(group), _n_pages(group["doc_ids"])
    text = f"{when} · {_count(n, 'event')} on {_count(pages, 'page')}"
    return text + (f" · +{n - shown} with fewer sources not shown" if n > shown else "")


def _event_rows(panel: str, shown: pd.DataFrame, max_actors: int) -> list[dict]:
    """One row per drawn event of a panel, top to bottom."""
    return [_row(panel, "event", r.start, r.end, "bar" if r.days > 1 else "point",
                 event_label(r.event_type, r.actors, r.start, r.end, r.granularity, r.date_conflict, max_actors),
                 r.n_docs, position=i, event_id=r.event_id, event_type=r.event_type, date_conflict=r.date_conflict)
            for i, r in enumerate(shown.itertuples(index=False))]


def _furniture_rows(furniture: pd.DataFrame) -> list[dict]:
    """A summary row and one row per furniture lane (source): first and last time, times and pages."""
    times = furniture.dropna(subset=["time"])
    if not len(times):
        return []
    stamp = pd.to_datetime(times["time"])
    lanes = [s for s in FURNITURE_MARKERS if (times["source"] == s).any()]
    lanes += sorted(set(times["source"].astype(str)) - set(lanes))
    pages = times["doc_id"].nunique()
    when = _range_text(stamp.min().normalize(), stamp.max().normalize())
    rows = [_row(FURNITURE, "summary", stamp.min(), stamp.max(), "summary",
                 f"{when} · {_count(len(times), 'time')} on {_count(pages, 'page')}", pages, n_events=len(times),
                 n_hidden=0)]
    for i, source in enumerate(lanes):
        lane = stamp[times["source"] == source]
        n_pages = times.loc[lane.index, "doc_id"].nunique()
        rows.append(_row(FURNITURE, "furniture", lane.min(), lane.max(), source,
                         f"{source} · {len(lane)} on {_count(n_pages, 'page')}", n_pages, position=i,
                         n_events=len(lane), n_hidden=0))
    return rows


def timeline_rows(timeline: pd.DataFrame, furniture: pd.DataFrame | None = None, *, max_events: int = MAX_EVENTS,
                  max_background: int = MAX_BACKGROUND, max_actors: int = MAX_ACTORS,
                  gap: pd.Timedelta = PERIOD_GAP) -> pd.DataFrame:
    """Exactly what :func:`timeline` draws: a summary row per panel, then one row per drawn mark.

    The events are split into panels by :func:`timeline_panels` (``news 1``, ``news 2``, ... in time order),
    ``other news`` (news outside those periods) and ``background`` (the history the articles recall). At most
    ``max_events`` events are drawn: the background takes at most ``max_background`` rows (and a quarter of
    ``max_events`` when there is news); the rest are shared among the news panels in proportion to their
    events (a bigger period never gets fewer rows), each showing its best-sourced events (by ``n_docs``, then
    ``n_mentions``) in time order. A panel that gets no row is not drawn; its summary row says so.

    Parameters
    ----------
    timeline : pandas.DataFrame
        :func:`analysis.consolidate_events` output: ``event_id, start, end, granularity, event_type, actors,
        n_mentions, n_docs, doc_ids, date_conflict, era`` (``era`` missing: all news).
    furniture : pandas.DataFrame, optional
        :func:`analysis.events.furniture_times` output (``doc_id, source, time, label``): a strip of its own,
        one lane per source.
    max_events : int
        Events drawn at most (at least 1).
    max_background : int
        Background events drawn at most.
    max_actors : int
        Actors named in a label (the rest are counted, ``+2``).
    gap : pandas.Timedelta
        The longest gap inside a period of news (:func:`timeline_panels`).

    Returns
    -------
    pandas.DataFrame
        ``panel``; ``position`` (row in the panel, 0 = top; <NA> on summary rows); ``kind`` (``summary``,
        ``event`` or ``furniture``); ``event_id``; ``start``, ``end`` (the event's interval; a summary: first and
        last day of the panel's events, all of them); ``mark`` (``point`` for a day, ``bar`` for a longer
        interval, the source of a furniture lane, ``summary``); ``event_type``; ``label`` (what the row says:
        ``ceasefire · Armenia, Azerbaijan, Russia · 10 Nov 2020``; a summary: the panel's period, events and
        pages, and how many are not shown); ``n_docs`` (pages behind the event, the panel or the lane);
        ``n_events`` and ``n_hidden`` (summary rows: events in the panel and not drawn; lanes: times);
        ``date_conflict`` (the sources disagree on the date: ``?`` after it).
    """
    if max_events < 1:
        raise ValueError(f"max_events must be at least 1, not {max_events}")
    ev = _events(timeline)
    panel = _assign_panels(ev, gap, MIN_PERIOD_EVENTS, MAX_PANELS)[0] if len(ev) else pd.Series([], dtype=object)
    budgets = _budgets(panel, max_events, max_background)
    rows: list[dict] = []
    for name in sorted(set(panel), key=_panel_order):
        group = ev[panel == name]
        shown = _best(group, budgets[name])
        rows.append(_row(name, "summary", group["first_day"].min(), group["last_day"].max(), "summary",
                         _summary_label(name, group, len(shown)), _n_pages(group["doc_ids"]), n_events=len(group),
                         n_hidden=len(group) - len(shown)))
        rows += _event_rows(name, shown, max_actors)
    if furniture is not None:
        rows += _furniture_rows(furniture)
    out = pd.DataFrame(rows, columns=ROW_COLUMNS)
    return out.astype({"panel": str, "position": "Int64", "kind": str, "event_id": "Int64", "start": "datetime64[ns]",
                       "end": "datetime64[ns]", "mark": str, "event_type": str, "label": str, "n_docs": "Int64",
                       "n_events": "Int64", "n_hidden": "Int64", "date_conflict": bool})


def _event_style(event_type: str) -> tuple[str, str]:
    """Colour and marker of an event type."""
    if event_type in EVENT_COLOURS:
        return EVENT_COLOURS[event_type], EVENT_MARKERS[event_type]
    return OTHER_EVENT_STYLE


def _marker_size(n_docs: int) -> float:
    """Marker diameter (points) for an event reported by ``n_docs`` pages: grows with the square root, capped."""
    return 6.0 + 2.2 * min(max(int(n_docs), 1) - 1, 30) ** 0.5


def _date_formatter(style: str) -> object:
    """Date tick labels that always carry month and year: ``27 Sep`` with ``2020`` under the year's first tick.

    ``style`` is ``day`` (``27 Sep``), ``month`` (``Sep``) or ``year`` (``1994``); a single date (the cursor)
    reads ``27 Sep 2020``.
    """
    import matplotlib.dates as mdates
    from matplotlib import ticker

    class DateFormatter(ticker.Formatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            return _day_text(pd.Timestamp(mdates.num2date(x)).tz_localize(None))

        def format_ticks(self, values: list[float]) -> list[str]:
            lo, hi = sorted(self.axis.get_view_interval()) if self.axis is not None else (-1e9, 1e9)
            labels, year = [], None
            for value in values:
                if not lo <= value <= hi:  # never drawn: the year goes to the first tick in view
                    labels.append("")
                    continue
                day = pd.Timestamp(mdates.num2date(value)).tz_localize(None)
                text = {"day": _day_text(day, year=False), "month": MONTHS[day.month - 1],
                        "year": str(day.year)}[style]
                if style != "year" and day.year != year:
                    text, year = f"{text}\n{day.year}", day.year
                labels.append(text)
            return labels

    return DateFormatter()


def _date_axis(ax: plt.Axes, first: pd.Timestamp, last: pd.Timestamp, min_days: int, right_pad: float = 0.07
               ) -> None:
    """Date limits from day ``first`` to the end of day ``last`` (at least ``min_days``), padded, and ticks."""
    import matplotlib.dates as mdates

    lo, hi = mdates.date2num(first), mdates.date2num(last + ONE_DAY)
    if hi - lo < min_days:
        middle = (lo + hi) / 2
        lo, hi = middle - min_days / 2, middle + min_days / 2
    span = hi - lo
    ax.set_xlim(lo - 0.03 * span, hi + right_pad * span)
    style = "day" if span <= 150 else "month" if span <= 4 * 366 else "year"
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=9))
    ax.xaxis.set_major_formatter(_date_formatter(style))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", alpha=0.3)


def _panel_title(ax: plt.Axes, head: str, summary: str) -> None:
    """Two-line title: what the panel is and when (``News period 1 of 2: 27 Sep – 15 Nov 2020``), then counts."""
    when, _, counts = summary.partition(" · ")
    ax.set_title(f"{head}: {when}\n{counts}", fontsize=10, loc="left", gid=WRAPPABLE)


def _draw_events(ax: plt.Axes, events: pd.DataFrame) -> None:
    """One mark per event row (a point on its day, or a bar over its days with the mark in the middle), with the
    number of pages beside it and the label as the row's tick label."""
    import matplotlib.dates as mdates

    for r in events.itertuples(index=False):
        colour, marker = _event_style(r.event_type)
        size = _marker_size(r.n_docs)
        first, after = mdates.date2num(r.start.normalize()), mdates.date2num(r.end.normalize() + ONE_DAY)
        if r.mark == "bar":
            ax.barh(r.position, after - first, left=first, height=0.45, color=colour, alpha=0.45,
                    edgecolor="#444444", linewidth=0.5, zorder=2)
            x, right, offset = (first + after) / 2, after, size / 2 + 2.0  # clear of the mark on a short bar
        else:
            x = right = (first + after) / 2
            offset = size / 2 + 2.0
        ax.plot([x], [r.position], marker=marker, markersize=size, color=colour, markeredgecolor="#222222",
                markeredgewidth=0.6, linestyle="none", zorder=3, gid=f"event-{r.event_id}")
        ax.annotate(str(r.n_docs), (right, r.position), xytext=(offset, 0), textcoords="offset points", va="center",
                    ha="left", fontsize=7, color="#333333", annotation_clip=False)
    ax.set_yticks(range(len(events)), list(events["label"]), fontsize=8)
    ax.set_ylim(len(events) - 0.5, -0.5)
    ax.grid(axis="y", linestyle=":", alpha=0.5)
    ax.set_ylabel("event")


def _draw_news(ax: plt.Axes, rows: pd.DataFrame, panel: str, furniture: pd.DataFrame | None = None) -> None:
    """A panel of one period of news: its weeks fill the axis."""
    summary, events = _panel_parts(rows, panel)
    n_panels = len(_drawn_periods(rows))
    _draw_events(ax, events)
    _date_axis(ax, summary["start"], summary["end"], min_days=7)
    _panel_title(ax, f"News period {panel.split()[1]} of {n_panels}", summary["label"])
    ax.set_xlabel("date of the event (dots: a day; bars: a week or a month)", fontsize=9)


def _draw_context(ax: plt.Axes, rows: pd.DataFrame, panel: str, furniture: pd.DataFrame | None = None) -> None:
    """A strip with its own axis (background history or scattered news), the news periods shaded for context."""
    summary, events = _panel_parts(rows, panel)
    periods = _drawn_periods(rows)
    _draw_events(ax, events)
    first = min([summary["start"], *periods["start"]])
    last = max([summary["end"], *periods["end"]])
    _date_axis(ax, first, last, min_days=60)
    _draw_bands(ax, periods)
    title = {BACKGROUND: "Background: history the articles recall (own axis)",
             OTHER_NEWS: "Other news: outside the periods above, or over months (own axis)"}[panel]
    _panel_title(ax, title, summary["label"])
    ax.set_xlabel("date of the event" + (" (grey bands: the news periods above)" if len(periods) else ""), fontsize=9)


def _draw_bands(ax: plt.Axes, periods: pd.DataFrame) -> None:
    """Grey bands over the news periods (summary rows), at least 0.4 % of the axis wide so a month still shows."""
    import matplotlib.dates as mdates

    lo, hi = ax.get_xlim()
    for p in periods.itertuples(index=False):
        first, after = mdates.date2num(p.start), mdates.date2num(p.end + ONE_DAY)
        half = max(after - first, 0.004 * (hi - lo)) / 2
        middle = (first + after) / 2
        ax.axvspan(middle - half, middle + half, color="#bbbbbb", alpha=0.45, linewidth=0, zorder=0)


def _draw_furniture(ax: plt.Axes, rows: pd.DataFrame, panel: str, furniture: pd.DataFrame) -> None:
    """Page-furniture times, one lane per source, on an axis of their own (they are not event dates)."""
    summary, lanes = _panel_parts(rows, FURNITURE)
    times = furniture.dropna(subset=["time"])
    for lane in lanes.itertuples(index=False):
        marker, colour = FURNITURE_MARKERS.get(lane.mark, ("o", "#555555"))
        stamps = pd.to_datetime(times.loc[times["source"] == lane.mark, "time"]).sort_values(kind="stable")
        ax.plot(stamps, [lane.position] * len(stamps), marker=marker, color=colour, linestyle="none", markersize=6,
                alpha=0.7)
    ax.set_yticks(range(len(lanes)), list(lanes["label"]), fontsize=8)
    ax.set_ylim(len(lanes) - 0.5, -0.5)
    _date_axis(ax, summary["start"].normalize(), summary["end"].normalize(), min_days=7, right_pad=0.03)
    _panel_title(ax, "Page furniture times (not event dates; own axis)", summary["label"])
    ax.set_xlabel("time on the page furniture (own time axis)", fontsize=9)
    ax.set_ylabel("source")


def _draw_message(ax: plt.Axes, rows: pd.DataFrame, panel: str = "", furniture: pd.DataFrame | None = None) -> None:
    """Plain text in place of the news panels: no dated events (or only background history)."""
    ax.axis("off")
    n_bg = int((rows["kind"] == "event").sum())
    text = NO_EVENTS_TEXT if not n_bg else f"{NO_EVENTS_TEXT} of its news period: only background history (below)"
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=12, transform=ax.transAxes)


def _legend_rows(rows: pd.DataFrame) -> list[list]:
    """Legend entries in rows of :data:`LEGEND_COLUMNS`: event types (colour and shape), then marker sizes (pages),
    bars, shaded news periods and disputed dates."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    events = rows[rows["kind"] == "event"]
    present = set(events["event_type"])
    types = [t for t in EVENT_COLOURS if t in present] + sorted(present - set(EVENT_COLOURS))
    handles = [Line2D([], [], marker=_event_style(t)[1], color=_event_style(t)[0], markeredgecolor="#222222",
                      markeredgewidth=0.6, markersize=8, linestyle="none", label=t.replace("_", " ")) for t in types]
    keys = [Line2D([], [], marker="o", color="#cccccc", markeredgecolor="#222222", markeredgewidth=0.6,
                   markersize=_marker_size(n), linestyle="none", label=_count(n, "page"))
            for n in _legend_sizes(events["n_docs"])]
    if (events["mark"] == "bar").any():
        keys.append(Patch(facecolor="#bbbbbb", edgecolor="#444444", linewidth=0.5, label="bar: a week, a month"))
    if len(_drawn_periods(rows)) and events["panel"].isin([BACKGROUND, OTHER_NEWS]).any():
        keys.append(Patch(facecolor="#bbbbbb", alpha=0.45, label="grey band: a news period"))
    if events["date_conflict"].any():
        keys.append(Line2D([], [], marker="$?$", color="#222222", linestyle="none", label="sources disagree on date"))
    n = LEGEND_COLUMNS
    return [handles[i:i + n] for i in range(0, len(handles), n)] + [keys[i:i + n] for i in range(0, len(keys), n)]


def _draw_legend(fig: plt.Figure, rows: pd.DataFrame) -> None:
    """One legend under the panels, read row by row: the event types, then what sizes, bars and bands mean."""
    from matplotlib.lines import Line2D

    lines = _legend_rows(rows)
    blank = Line2D([], [], linestyle="none", label=" ")
    grid = [line + [blank] * (LEGEND_COLUMNS - len(line)) for line in lines]
    handles = [grid[r][c] for c in range(LEGEND_COLUMNS) for r in range(len(grid))]  # legends fill by column
    fig.legend(handles=handles, labels=[h.get_label() for h in handles], loc="outside lower center",
               ncol=LEGEND_COLUMNS, fontsize=8, frameon=False, title_fontsize=8,
               title="colour + shape: event type · size of a mark and the number beside it: pages reporting the event")


def _legend_sizes(n_docs: pd.Series) -> list[int]:
    """Page counts shown in the size legend: the fewest, a middle value and the most drawn."""
    lo, hi = int(n_docs.min()), int(n_docs.max())
    return sorted({lo, round((lo * hi) ** 0.5), hi})


def _panel_parts(rows: pd.DataFrame, panel: str) -> tuple[pd.Series, pd.DataFrame]:
    """The summary row and the mark rows of one panel."""
    part = rows[rows["panel"] == panel]
    return part[part["kind"] == "summary"].iloc[0], part[part["kind"] != "summary"]


def _drawn_periods(rows: pd.DataFrame) -> pd.DataFrame:
    """Summary rows of the news panels that are drawn (have at least one event row)."""
    drawn = set(rows.loc[rows["kind"] == "event", "panel"])
    return rows[(rows["kind"] == "summary") & rows["panel"].str.startswith("news ") & rows["panel"].isin(drawn)]


def _layout(rows: pd.DataFrame) -> list[tuple[str, str, float]]:
    """The parts of the figure, top to bottom: (drawer, panel, height of its plotting area in inches)."""
    counts = rows[rows["kind"] != "summary"].groupby("panel", sort=False).size()
    parts = [("news" if p.startswith("news ") else "furniture" if p == FURNITURE else "context", p,
              ROW_INCHES * counts[p] + 0.15) for p in sorted(counts.index, key=_panel_order)]
    if not any(kind == "news" or p == OTHER_NEWS for kind, p, _ in parts):
        parts.insert(0, ("message", "", 0.5))
    return parts


#: The drawer of each part of the figure (:func:`_layout`), called as ``drawer(ax, rows, panel, furniture)``.
TIMELINE_DRAWERS = {"news": _draw_news, "context": _draw_context, "furniture": _draw_furniture,
                    "message": _draw_message}


def _figure_title(rows: pd.DataFrame, pages: int) -> str:
    """``Conflict timeline: 27 events on 78 pages, by when they happened (all shown)``, and any note, wrapped."""
    import textwrap

    drawn = int((rows["kind"] == "event").sum())
    n = int(rows.loc[(rows["kind"] == "summary") & (rows["panel"] != FURNITURE), "n_events"].sum())
    shown = "all shown" if drawn == n else f"{drawn} best-sourced shown"
    head = (f"Conflict timeline: {_count(n, 'event')} on {_count(pages, 'page')}, by when they happened ({shown})"
            if n else "Conflict timeline")
    return "\n".join(textwrap.wrap(head, SUPTITLE_CHARS) + textwrap.wrap(_figure_note(rows), SUPTITLE_CHARS))


def _figure_note(rows: pd.DataFrame, max_listed: int = 3) -> str:
    """``+3 events in 1 more panel not shown (raise max_events): 19–28 Sep 2023``, for panels that got no row."""
    drawn = set(rows.loc[rows["kind"] == "event", "panel"])
    hidden = rows[(rows["kind"] == "summary") & ~rows["panel"].isin(drawn) & (rows["panel"] != FURNITURE)]
    if not len(hidden):
        return ""
    n, k = int(hidden["n_events"].sum()), len(hidden)
    when = "; ".join(hidden["label"].str.split(" · ").str[0].head(max_listed)) + ("; …" if k > max_listed else "")
    return f"+{_count(n, 'event')} in {k} more panel{'s' * (k != 1)} not shown (raise max_events): {when}"


def _wrap_wide_titles(fig: plt.Figure, renderer: object) -> None:
    """Wrap titles that run past the right edge of the figure (a panel title starts at its axes' left edge)."""
    import textwrap

    from matplotlib.text import Text

    for text in fig.findobj(lambda a: isinstance(a, Text) and a.get_gid() == WRAPPABLE):
        extent = text.get_window_extent(renderer)
        if extent.x1 > fig.bbox.x1 and extent.width > 0:
            lines = text.get_text().split("\n")
            chars = int(max(map(len, lines)) * (fig.bbox.x1 - extent.x0) / extent.width) - 2
            text.set_text("\n".join(textwrap.fill(line, max(chars, 20)) for line in lines))


def _grow_to_fit(fig: plt.Figure, rounds: int = 3) -> None:
    """Make the figure taller until every text fits in it (the height above is an estimate; the layout can move
    axes but never shrink a title), wrapping titles too wide for it."""
    renderer = getattr(fig.canvas, "get_renderer", lambda: None)()
    for _ in range(rounds if renderer is not None else 0):
        fig.get_layout_engine().execute(fig)
        _wrap_wide_titles(fig, renderer)
        fig.get_layout_engine().execute(fig)
        box = fig.get_tightbbox(renderer)  # inches
        excess = max(box.y1 - fig.get_figheight(), 0.0) + max(-box.y0, 0.0)
        if excess < 0.01:
            return
        fig.set_figheight(fig.get_figheight() + excess + 0.1)


def timeline(timeline: pd.DataFrame, furniture: pd.DataFrame | None = None, *, max_events: int = MAX_EVENTS,
             max_background: int = MAX_BACKGROUND, max_actors: int = MAX_ACTORS,
             gap: pd.Timedelta = PERIOD_GAP) -> plt.Figure:
    """The conflict timeline for readers: one mark per real-world event, a panel per period of news.

    Each period where the news events are dense (:func:`timeline_panels`) gets a panel whose date axis spans
    just that period (a six-week war fills it), in time order, its height growing with its rows (the period with
    most events gets most). News outside those periods and the background history the articles recall get
    strips of their own, with their own axes (the news periods shaded), so they never stretch a news panel;
    page-furniture times (``furniture``) get a strip of their own too. Every row says what happened, as
    ``type · actors · day``; an event of one day is a point on it, a longer one (a week, ``akhir September``)
    a bar over its days. Colour and marker shape tell the event types apart (Okabe–Ito colours, twelve
    shapes); marker size and the number beside it give the pages reporting the event. At most
    ``max_events`` events are drawn, the best-sourced first; each panel title says how many more there are.
    :func:`timeline_rows` lists exactly what is drawn.

    Parameters
    ----------
    timeline : pandas.DataFrame
        :func:`analysis.consolidate_events` output.
    furniture : pandas.DataFrame, optional
        :func:`analysis.events.furniture_times` output.
    max_events : int
        Events drawn at most.
    max_background : int
        Background events drawn at most.
    max_actors : int
        Actors named in a label.
    gap : pandas.Timedelta
        The longest gap inside a period of news.

    Returns
    -------
    matplotlib.figure.Figure
        About 11.5 inches wide; a figure that says ``no dated events in this corpus`` (and has no date axis)
        when no event has a date.
    """
    rows = timeline_rows(timeline, furniture, max_events=max_events, max_background=max_background,
                         max_actors=max_actors, gap=gap)
    parts = _layout(rows)
    legend = _legend_rows(rows) if (rows["kind"] == "event").any() else []
    height = (sum(h + (PANEL_INCHES if kind != "message" else 0.1) for kind, _, h in parts) + 0.6
              + (LEGEND_ROW_INCHES * (len(legend) + 1) + 0.2 if legend else 0))
    fig = plt.figure(figsize=(FIGURE_WIDTH, height), layout="constrained")
    grid = fig.add_gridspec(len(parts), 1, height_ratios=[h for _, _, h in parts])
    for i, (kind, panel, _) in enumerate(parts):
        TIMELINE_DRAWERS[kind](fig.add_subplot(grid[i]), rows, panel, furniture)
    if legend:
        _draw_legend(fig, rows)
    pages = _n_pages(_events(timeline)["doc_ids"]) if len(timeline) else 0
    fig.suptitle(_figure_title(rows, pages), fontsize=12)
    _grow_to_fit(fig)
    return fig


# --------------------------------------------------------------------------------------------
# Headline topics (analysis.topics)

#: Colour of headlines in no topic (``-1``) on every topic figure.
NO_TOPIC_COLOUR = "#b0b0b0"


def _topic_colours(topics: list[int]) -> dict[int, str]:
    """One tab20 colour per topic number (cycling), grey for -1."""
    cmap = plt.get_cmap("tab20")
    order = list(range(0, 20, 2)) + list(range(1, 20, 2))  # the ten strong hues first, then their light twins
    return {t: (NO_TOPIC_COLOUR if t < 0 else cmap(order[t % 20])) for t in topics}


def _short(text: str, max_chars: int) -> str:
    """Shortened to ``max_chars`` with an ellipsis, made :func:`drawable` (no missing glyphs, no mathtext)."""
    text = text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"
    return drawable(text)


#: Places tried for a point's name, in points from the point: (dx, dy, ha, va); nearest first.
_LABEL_SPOTS = [(dx * r, dy * r, ha, va) for r in (1, 2.5, 4.5, 7)
                for dx, dy, ha, va in ((4, 3, "left", "bottom"), (4, -3, "left", "top"), (-4, 3, "right", "bottom"),
                                       (-4, -3, "right", "top"), (0, 5, "center", "bottom"), (0, -5, "center", "top"))]


def _place_labels(ax: plt.Axes, items: list[tuple[float, float, str]], points, fontsize: float = 7) -> int:
    """Write each ``(x, y, text)`` at the first of :data:`_LABEL_SPOTS` where it stays inside the axes,
    overlaps no name already written and covers none of ``points`` (an (n, 2) array of data coordinates);
    a name with no free spot is left out. Returns how many were left out.
    A name set further off than the nearest ring of spots gets a thin leader line to its point.

    Positions are judged on the rendered text (``get_window_extent``) at the figure's current size.
    """
    from matplotlib.text import Text  # here, not at the top: this helper's own need

    ax.autoscale_view()
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    dots = ax.transData.transform(points) if len(points) else points
    placed, left_out = [], 0
    for x, y, text in items:
        for dx, dy, ha, va in _LABEL_SPOTS:
            far = abs(dx) + abs(dy) > 10
            note = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=fontsize,
                               color="#333333", ha=ha, va=va, annotation_clip=False,
                               arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.6} if far else None)
            note.update_positions(renderer)
            box = Text.get_window_extent(note, renderer)  # the text itself, without its leader line
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            pad = box.padded(3)
            covers = bool(((dots[:, 0] > pad.x0) & (dots[:, 0] < pad.x1) & (dots[:, 1] > pad.y0)
                           & (dots[:, 1] < pad.y1)).any()) if inside and len(dots) else False
            if inside and not covers and not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            note.remove()
        else:
            left_out += 1
    return left_out


def _topic_centres(coords: pd.DataFrame, max_chars: int) -> list[tuple[float, float, str]]:
    """One name per topic at the mean of its members: ``"0 · vaksin, covid"``, largest topics first."""
    members = coords[coords["topic"] >= 0]
    centres = members.groupby("topic").agg(x=("x", "mean"), y=("y", "mean"), label=("label", "first"),
                                           size=("x", "size"))
    centres = centres.sort_values(["size"], ascending=False, kind="stable")
    return [(row.x, row.y, _short(row.label, max_chars)) for row in centres.itertuples()]


def topic_map(coords: pd.DataFrame, ax: plt.Axes | None = None, annotate_all: int = 12, annotate_max: int = 30,
              max_chars: int = 32, max_legend: int = 15) -> plt.Axes | None:
    """Scatter of headlines on a 2-D map, coloured by topic, with a legend of topic labels.

    Names never overlap: each is placed at the first free spot around its point (inside the axes), and a
    name with no free spot is left out (the title says how many; the coordinates table lists every
    headline).

    Parameters
    ----------
    coords : pandas.DataFrame
        :func:`analysis.topics.map_coordinates` output (``headline, topic, label, x, y``).
    ax : matplotlib Axes, optional
    annotate_all : int
        With at most this many headlines, write each one (shortened to ``max_chars``) next to its point;
        with more, only the headlines that belong to a topic.
    annotate_max : int
        When more than this many headlines would be written (or more than half of them find no free
        spot), write each topic's name at the centre of its members instead.
    max_legend : int
        Legend entries shown (largest topics first; ``no topic`` always last).

    Returns
    -------
    matplotlib Axes, or None when there is no headline and no ``ax`` (see :func:`nothing_to_draw`).
    """
    if coords.empty and ax is None:
        return nothing_to_draw("No headlines in this corpus, so no topic map to draw.", None)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 6))
    topics = sorted(coords["topic"].unique().tolist(), key=lambda t: (t < 0, t))
    colours = _topic_colours(topics)
    for rank, topic in enumerate(topics):
        part = coords[coords["topic"] == topic]
        label = part["label"].iloc[0] if rank < max_legend or topic < 0 else None
        ax.scatter(part["x"], part["y"], s=22 if topic < 0 else 40, color=colours[topic], alpha=0.85,
                   label=f"{_short(label, 40)} ({len(part)})" if label else None, edgecolors="none",
                   zorder=1 if topic < 0 else 2)
    ax.margins(0.08)
    # Name every point of a small map; on a busier one the members of topics, or else the topics' centres.
    named = coords if len(coords) <= annotate_all else coords[coords["topic"] >= 0]
    named = named.sort_values("topic", key=lambda t: t.where(t >= 0, len(topics)), kind="stable")
    points = coords[["x", "y"]].to_numpy(dtype=float)
    centres = len(named) > annotate_max
    items = _topic_centres(coords, max_chars) if centres else [
        (row.x, row.y, _short(row.headline, max_chars)) for row in named.itertuples()]
    left_out = _place_labels(ax, items, points)
    if not centres and left_out > len(items) / 2 and (coords["topic"] >= 0).any():  # too crowded to read
        for note in list(ax.texts):
            note.remove()
        centres, left_out = True, _place_labels(ax, _topic_centres(coords, max_chars), points)
    note = "; topic names at their members' centre" if centres else ""
    ax.set_xlabel("map axis 1 (principal component of the headline embedding, unitless)")
    ax.set_ylabel("map axis 2 (unitless)")
    n_topics = sum(t >= 0 for t in topics)
    note += f"; {left_out} crowded name(s) not written" if left_out else ""
    ax.set_title(f"Headline topics: {len(coords)} headlines, {n_topics} topic{'' if n_topics == 1 else 's'}"
                 " (nearby = similar wording)" + note)
    if len(coords):
        ax.legend(title="topic (headlines)", loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize="small",
                  frameon=False)
    return ax


def topic_sizes(topics: pd.DataFrame, ax: plt.Axes | None = None, max_topics: int = 25) -> plt.Axes | None:
    """Horizontal bars: headlines per topic (``HeadlineTopics.topics_``), no-topic bar in grey, last.

    Parameters
    ----------
    topics : pandas.DataFrame
        ``topic, size, label`` (``HeadlineTopics.topics_``).
    ax : matplotlib Axes, optional
    max_topics : int
        Show at most this many topics (the largest).

    Returns
    -------
    matplotlib Axes, or None when there is no headline and no ``ax`` (see :func:`nothing_to_draw`).
    """
    if topics.empty and ax is None:
        return nothing_to_draw("No headlines in this corpus, so no topic sizes to draw.", None)
    data = pd.concat([topics[topics["topic"] >= 0].head(max_topics), topics[topics["topic"] < 0]])
    names = [("no topic" if t < 0 else _short(f"{t} · {lab}", 45)) for t, lab in zip(data["topic"], data["label"],
                                                                                       strict=True)]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.0 + 0.35 * max(len(data), 1)))
    colours = _topic_colours(data["topic"].tolist())
    ax.barh(names, data["size"], color=[colours[t] for t in data["topic"]])
    ax.invert_yaxis()
    ax.set_xlabel("headlines (count)")
    ax.set_ylabel("topic")
    ax.set_title("Topic sizes")
    return ax


def topic_times(table: pd.DataFrame, ax: plt.Axes | None = None, time_column: str = "first_published",
                min_points: int = 3) -> plt.Axes | None:
    """Each headline's link timestamp on a time axis, one row per topic.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`analysis.topics.topic_table` output with a datetime column ``time_column``.
    ax : matplotlib Axes, optional
    time_column : str
    min_points : int
        With fewer timestamped headlines (or a single distinct time) there is no timeline: a sentence
        says so (:func:`nothing_to_draw`: printed, None returned, when no ``ax`` is given).
    """
    data = table[table[time_column].notna()] if time_column in table else table.iloc[:0]
    distinct = data[time_column].nunique() if len(data) else 0
    if len(data) < min_points or distinct < 2:
        return nothing_to_draw(f"{len(data)} linked headline(s) with a timestamp ({distinct} distinct): "
                               "not enough for a timeline.", ax)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.5))
    ax.set_title("When the linked headlines were published, by topic")
    ax.set_xlabel("link timestamp (as printed on the page, local time)")
    ax.set_ylabel("topic")
    order = sorted(data["topic"].unique().tolist(), key=lambda t: (t < 0, t))
    colours = _topic_colours(order)
    rows = {t: i for i, t in enumerate(order)}
    for topic, part in data.groupby("topic"):
        ax.scatter(part[time_column], [rows[topic]] * len(part), color=colours[topic], s=40, zorder=2)
    labels = data.drop_duplicates("topic").set_index("topic")["label"]
    ax.set_yticks(range(len(order)), [_short(labels[t], 40) for t in order])
    ax.invert_yaxis()
    ax.grid(axis="x", alpha=0.3)
    import matplotlib.dates as mdates

    span = data[time_column].max() - data[time_column].min()
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=7))
    ax.xaxis.set_major_formatter(_time_formatter() if span < pd.Timedelta(days=2) else _date_formatter("day"))
    return ax


def _time_formatter() -> object:
    """Tick labels of a time axis within a day or two: ``19:30``, the day and year under the first tick of a day."""
    import matplotlib.dates as mdates
    from matplotlib import ticker

    class TimeFormatter(ticker.Formatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            t = pd.Timestamp(mdates.num2date(x)).tz_localize(None)
            return f"{_day_text(t)} {t:%H:%M}"

        def format_ticks(self, values: list[float]) -> list[str]:
            lo, hi = sorted(self.axis.get_view_interval()) if self.axis is not None else (-1e9, 1e9)
            labels, day = [], None
            for value in values:
                t = pd.Timestamp(mdates.num2date(value)).tz_localize(None)
                text = f"{t:%H:%M}" if lo <= value <= hi else ""
                if text and t.normalize() != day:
                    text, day = f"{text}\n{_day_text(t)}", t.normalize()
                labels.append(text)
            return labels

    return TimeFormatter()
