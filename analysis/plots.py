"""The matplotlib figures the notebooks share.

Each function draws on a given ``ax`` (or a new figure), sets a title and labelled axes, and
returns the ``Axes``. Page text is drawn as plain text (matplotlib never interprets markup).
When there is nothing to draw and no ``ax`` was given, a function draws no empty axes: it prints one
sentence saying why (:func:`nothing_to_draw`) and returns None.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

__all__ = [
    "link_similarity", "link_similarity_pages", "page_structure", "similarity_vs_gap", "timeline", "timeline_rows",
    "topic_map", "topic_sizes", "topic_times",
]

#: One colour per block kind, so every figure of page structure reads the same way.
KIND_COLOURS = {
    "title": "#1f77b4", "summary": "#aec7e8", "byline": "#c7c7c7", "date": "#7f7f7f", "caption": "#9edae5",
    "dateline": "#bcbd22", "paragraph": "#2ca02c", "subheading": "#98df8a", "related": "#ff7f0e",
    "duplicate": "#ffbb78", "source": "#17becf", "signature": "#dbdb8d", "comments": "#9467bd",
    "video": "#c5b0d5", "links": "#d62728", "link": "#ff9896", "navigation": "#8c564b",
    "boilerplate": "#c49c94", "unknown": "#000000",
}


def nothing_to_draw(sentence: str, ax: plt.Axes | None) -> plt.Axes | None:
    """Say that a figure has nothing to show: printed (and None returned) without ``ax``, else on ``ax``."""
    if ax is None:
        print(sentence)
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
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 1.2 + 0.3 * len(data)))
    left = pd.Series(0, index=data.index)
    for kind in data.columns:
        ax.barh([drawable(d) for d in data.index], data[kind], left=left, label=kind,
                color=KIND_COLOURS.get(kind, "#333333"))
        left = left + data[kind]
    ax.invert_yaxis()
    ax.set_xlabel("lines of the page (non-blank)")
    ax.set_ylabel("page (doc_id)")
    ax.set_title("What each page is made of: lines per block kind")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize="small", frameon=False)
    return ax


# --------------------------------------------------------------------------------------------
# Article vs sidebar (analysis.related)

#: Bar colours of :func:`link_similarity`: links above the page's null, and the others.
RELATED_COLOURS = {True: "#d62728", False: "#7f7f7f"}


def _link_label(position: int, published: pd.Timestamp, headline: str, max_chars: int) -> str:
    """``#3 · 11 Apr 2021 21:48 · Kampanye Vaksinasi Tembus…`` (date only when the time is midnight)."""
    if pd.isna(published):
        when = "no timestamp"
    elif (published.hour, published.minute) == (0, 0):
        when = published.strftime("%d %b %Y")
    else:
        when = published.strftime("%d %b %Y %H:%M")
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


def similarity_vs_gap(scores: pd.DataFrame, ax: plt.Axes | None = None) -> plt.Axes | None:
    """Scatter of every timestamped link: similarity to its article vs hours before the page's reference time.

    Links without a timestamp (or pages without a reference time) cannot be placed; their number is
    given in the legend. When no link can be placed and no ``ax`` is given, a sentence says so
    instead (:func:`nothing_to_draw`) and None is returned.
    """
    placed = scores.dropna(subset=["hours_before_reference", "similarity"])
    if placed.empty and ax is None:
        if scores.empty:
            return nothing_to_draw("No links in this corpus, so nothing to place against time.", None)
        return nothing_to_draw(f"None of the {len(scores)} link(s) has both a timestamp and a page reference time, "
                               "so nothing to place against time.", None)
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
    if placed.empty:
        ax.text(0.5, 0.5, "no link has both a timestamp and a page reference time",
                ha="center", va="center", transform=ax.transAxes)
    if not placed.empty:
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

#: One colour per event type of analysis/data/event_types.csv.
EVENT_COLOURS = {
    "ceasefire": "#2ca02c", "peacekeeping": "#17becf", "territorial_change": "#8c564b", "explosion": "#e377c2",
    "armed_clash": "#d62728", "casualties": "#7f0000", "riot": "#ff7f0e", "protest": "#ffbb78",
    "agreement": "#1f77b4", "mediation": "#9467bd", "talks": "#aec7e8", "statement": "#7f7f7f",
}
#: Marker and colour of each kind of page-furniture time (analysis.events.furniture_times).
FURNITURE_MARKERS = {"link": ("x", "#7f7f7f"), "video": ("s", "#9467bd"), "published": ("^", "#1f77b4"),
                     "crawled": ("D", "#d62728")}
FURNITURE_LANE = "page furniture"


def timeline_rows(events: pd.DataFrame, furniture: pd.DataFrame | None = None, max_actors: int = 3,
                  compact: bool = False) -> pd.DataFrame:
    """What :func:`timeline` draws, one row per mark, top to bottom.

    Parameters
    ----------
    events : pandas.DataFrame
        :func:`analysis.extract_events` output; rows without an interval are left out.
    furniture : pandas.DataFrame, optional
        :func:`analysis.events.furniture_times` output, drawn in one lane at the bottom.
    max_actors : int
        Actors named in a label (the rest are counted).
    compact : bool
        One row per furniture source (first and last time, count in the label) instead of one per
        time: the table to print next to the figure.

    Returns
    -------
    pandas.DataFrame
        ``lane`` (``doc_id ¶paragraph`` or ``page furniture``), ``mark`` (``point`` for a day or less,
        ``bar`` for a longer interval, else the furniture source), ``start``, ``end``, ``event_type``
        (empty for furniture) and ``label``.
    """
    ev = events.dropna(subset=["start", "end"]).sort_values(["start", "end", "doc_id", "paragraph"], kind="stable")
    one_day = pd.Timedelta(days=1)
    rows = []
    for r in ev.itertuples(index=False):
        actors = list(r.actors)
        who = ", ".join(actors[:max_actors]) + (f" +{len(actors) - max_actors}" if len(actors) > max_actors else "")
        label = f"{r.event_type.replace('_', ' ')}" + (f" · {who}" if who else "") + f" · \u201c{r.expression}\u201d"
        rows.append({"lane": f"{r.doc_id} ¶{r.paragraph}", "mark": "point" if r.end - r.start < one_day else "bar",
                     "start": r.start, "end": r.end, "event_type": r.event_type, "label": label})
    if furniture is not None and compact:
        for source, times in furniture.groupby("source", sort=False)["time"]:
            pages = furniture.loc[times.index, "doc_id"].nunique()
            rows.append({"lane": FURNITURE_LANE, "mark": source, "start": times.min(), "end": times.max(),
                         "event_type": "", "label": f"{len(times)} {source} time(s) on {pages} page(s)"})
    elif furniture is not None:
        for f in furniture.sort_values("time", kind="stable").itertuples(index=False):
            rows.append({"lane": FURNITURE_LANE, "mark": f.source, "start": f.time, "end": f.time,
                         "event_type": "", "label": f"{f.source} · {f.doc_id}"})
    out = pd.DataFrame(rows, columns=["lane", "mark", "start", "end", "event_type", "label"])
    return out.astype({"start": "datetime64[ns]", "end": "datetime64[ns]"})


def timeline(events: pd.DataFrame, furniture: pd.DataFrame | None = None, ax: plt.Axes | None = None,
             max_actors: int = 3) -> plt.Axes:
    """Events on a time axis: points for dates, bars for fuzzy intervals, a lane for page furniture.

    Each event of :func:`analysis.extract_events` gets its own row (labelled ``doc_id ¶paragraph``, so
    it can be traced to its sentence): a dot when its interval is a day or less (``9 November``),
    a bar over the interval otherwise (``akhir September`` = 21-30 September), coloured by event
    type and labelled with type, actors and the expression as written. Page furniture times (link
    and video timestamps, publication and crawl times) share one lane at the bottom, which shows
    when the pages were captured compared with when the events happened.

    Parameters
    ----------
    events : pandas.DataFrame
        :func:`analysis.extract_events` output.
    furniture : pandas.DataFrame, optional
        :func:`analysis.events.furniture_times` output.
    ax : matplotlib Axes, optional
    max_actors : int
        Actors named in a label.

    Returns
    -------
    matplotlib Axes
    """
    import matplotlib.dates as mdates

    rows = timeline_rows(events, furniture, max_actors)
    ev = rows[rows["mark"].isin(["point", "bar"])]
    lanes = list(ev["lane"]) + ([FURNITURE_LANE] if (rows["lane"] == FURNITURE_LANE).any() else [])
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 2.2 + 0.34 * max(len(lanes), 1)))
    lo = mdates.date2num(rows["start"].min()) if len(rows) else 0.0
    hi = mdates.date2num(rows["end"].max()) if len(rows) else 1.0
    span = max(hi - lo, 30.0)  # days
    for y, r in enumerate(ev.itertuples(index=False)):
        colour = EVENT_COLOURS.get(r.event_type, "#333333")
        s, e = mdates.date2num(r.start), mdates.date2num(r.end)
        if r.mark == "bar":  # at least 0.4% of the axis wide, so a two-day range on a 30-year axis shows
            ax.barh(y, max(e - s, 0.004 * span), left=s, height=0.55, color=colour, alpha=0.8)
        else:
            ax.plot([s], [y], marker="o", markersize=7, color=colour, linestyle="none")
        ax.annotate(r.label, (e, y), xytext=(5, 0), textcoords="offset points", va="center", fontsize=8)
    for source, (marker, colour) in FURNITURE_MARKERS.items():
        fr = rows[rows["mark"] == source]
        if len(fr):
            ax.plot(mdates.date2num(fr["start"]), [len(lanes) - 1] * len(fr), marker=marker, color=colour,
                    linestyle="none", markersize=7, label=f"furniture: {source}")
    for etype in dict.fromkeys(ev["event_type"]):
        ax.plot([], [], marker="s", linestyle="none", color=EVENT_COLOURS.get(etype, "#333333"),
                label=etype.replace("_", " "))
    if len(rows):
        ax.set_xlim(lo - 0.03 * span, hi + 0.35 * span)  # room for the labels on the right
    else:
        ax.text(0.5, 0.5, "no events with a resolved date", ha="center", va="center", transform=ax.transAxes)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_yticks(range(len(lanes)), lanes, fontsize=8)
    ax.set_ylim(len(lanes) - 0.5, -0.5)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title("Conflict timeline: what the articles say happened when (page furniture in the bottom lane)")
    ax.set_xlabel("date (interval each time expression denotes; dots: a day or less, bars: longer)")
    ax.set_ylabel("event (page ¶ paragraph)")
    if len(rows):  # below the axis label, so the event labels on the right never run into it
        from matplotlib.transforms import offset_copy

        below = offset_copy(ax.transAxes, fig=ax.figure, y=-0.55, units="inches")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=below, ncol=5, fontsize="small",
                  frameon=False)
    return ax


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


def topic_map(coords: pd.DataFrame, ax: plt.Axes | None = None, annotate_all: int = 12, annotate_max: int = 30,
              max_chars: int = 32, max_legend: int = 15) -> plt.Axes | None:
    """Scatter of headlines on a 2-D map, coloured by topic, with a legend of topic labels.

    Parameters
    ----------
    coords : pandas.DataFrame
        :func:`analysis.topics.map_coordinates` output (``headline, topic, label, x, y``).
    ax : matplotlib Axes, optional
    annotate_all : int
        With at most this many headlines, write each one (shortened to ``max_chars``) next to its point;
        with more, only the headlines that belong to a topic.
    annotate_max : int
        Write no headlines when more than this many would be written.
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
    # Name every point of a small map; on a busier one only the members of topics.
    named = coords if len(coords) <= annotate_all else coords[coords["topic"] >= 0]
    if len(named) <= annotate_max:
        middle = (coords["x"].min() + coords["x"].max()) / 2
        for row in named.itertuples():
            right = row.x > middle  # write towards the centre so text stays inside the axes
            ax.annotate(_short(row.headline, max_chars), (row.x, row.y), xytext=(-4 if right else 4, 3),
                        textcoords="offset points", fontsize=7, color="#333333", ha="right" if right else "left")
    ax.set_xlabel("map axis 1 (principal component of the headline embedding, unitless)")
    ax.set_ylabel("map axis 2 (unitless)")
    n_topics = sum(t >= 0 for t in topics)
    ax.set_title(f"Headline topics: {len(coords)} headlines, {n_topics} topic{'' if n_topics == 1 else 's'}"
                 " (nearby = similar wording)")
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

    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return ax
