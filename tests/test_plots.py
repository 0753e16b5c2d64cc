"""The conflict timeline figure (analysis.plots: timeline, timeline_rows, timeline_panels, event_label).

Every timeline here is built by hand in the shape of ``analysis.consolidate_events`` output; expected values are
read off the input. Warnings are errors in this file: a figure must draw without any.
"""

import io
import warnings

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.text
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.text import Text

from analysis import plots

pytestmark = pytest.mark.filterwarnings("error")

DAY = pd.Timedelta(days=1)
ALMOST_A_DAY = pd.Timedelta(hours=23, minutes=59)


def event(start, end=None, event_type="armed_clash", actors=("Armenia", "Azerbaijan"), n_docs=1, era="news",
          granularity="day", n_mentions=None, date_conflict=False):
    """One consolidated event; ``end`` is the last day (inclusive), the same day by default."""
    start = pd.Timestamp(start)
    end = pd.Timestamp(end) if end is not None else start
    return {"start": start, "end": end + ALMOST_A_DAY, "granularity": granularity, "event_type": event_type,
            "actors": tuple(actors), "n_docs": n_docs, "n_mentions": n_mentions or n_docs, "era": era,
            "date_conflict": date_conflict}


def table(events):
    """A timeline in the shape of ``consolidate_events``: ids 1..N, page ids ``kompas-<id>-<k>``."""
    columns = ["event_id", "start", "end", "granularity", "event_type", "actors", "n_mentions", "n_docs", "doc_ids",
               "first_reported", "sentence", "expression", "date_conflict", "era"]
    rows = [{**e, "event_id": i, "doc_ids": tuple(f"kompas-{i}-{k}" for k in range(e["n_docs"])),
             "first_reported": e["start"], "sentence": "Kalimat.", "expression": "10 November"}
            for i, e in enumerate(events, start=1)]
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"event_id": "int64", "start": "datetime64[ns]", "end": "datetime64[ns]",
                       "first_reported": "datetime64[ns]", "n_docs": "int64", "n_mentions": "int64",
                       "date_conflict": bool})


#: 8 events of the 2020 war (27 Sep - 10 Nov, no gap over 45 days) and 3 of September 2023.
WAR_2020 = [event("2020-09-27", n_docs=6), event("2020-10-04", n_docs=2), event("2020-10-10", event_type="ceasefire"),
            event("2020-10-17", event_type="ceasefire", n_docs=3), event("2020-10-19", "2020-10-25"),
            event("2020-10-26", event_type="ceasefire", actors=("Armenia", "Azerbaijan", "United States")),
            event("2020-11-08", event_type="territorial_change", actors=("Azerbaijan", "Shusha"), n_docs=4),
            event("2020-11-10", event_type="ceasefire", actors=("Armenia", "Azerbaijan", "Russia"), n_docs=5)]
SEP_2023 = [event("2023-09-19", n_docs=3), event("2023-09-20", event_type="ceasefire"),
            event("2023-09-28", event_type="statement", actors=("Samvel Shahramanyan",))]
HISTORY = [event("1991-01-01", "1991-12-31", granularity="year", era="background", n_docs=2),
           event("1994-05-12", event_type="ceasefire", era="background", n_docs=3),
           event("2016-04-01", "2016-04-05", era="background")]
FURNITURE = pd.DataFrame({"doc_id": ["kompas-1-0", "kompas-1-0", "kompas-2-0", "kompas-3-0"],
                          "source": ["link", "video", "published", "crawled"],
                          "time": pd.to_datetime(["2021-03-01 10:00", "2021-05-02 08:00", "2020-09-28 09:00",
                                                  "2024-01-05 00:00"]), "label": ["a", "b", "c", "d"]})


@pytest.fixture
def close_figures():
    yield
    plt.close("all")


def draw(timeline, *args, **kwargs):
    """The figure, drawn once (text extents and tick labels exist only after a draw)."""
    fig = plots.timeline(timeline, *args, **kwargs)
    fig.canvas.draw()
    return fig


def texts(fig):
    """Every visible, non-empty text of the figure (titles, tick labels, annotations, legend)."""
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def panel_axes(fig, head):
    """The axes whose title starts with ``head``."""
    return [ax for ax in fig.axes if ax.get_title(loc="left").startswith(head)]


# --------------------------------------------------------------------------------------------
# Periods and panels


def test_two_periods_make_two_panels_in_time_order():
    panels = plots.timeline_panels(table(SEP_2023 + WAR_2020 + HISTORY))
    assert list(panels.columns) == ["period", "panel", "first_day", "last_day", "days", "n_events", "n_docs"]
    assert panels["panel"].tolist() == ["news 1", "news 2"]
    assert panels["first_day"].tolist() == [pd.Timestamp("2020-09-27"), pd.Timestamp("2023-09-19")]
    assert panels["last_day"].tolist() == [pd.Timestamp("2020-11-10"), pd.Timestamp("2023-09-28")]
    assert panels["days"].tolist() == [45, 10]
    assert panels["n_events"].tolist() == [8, 3]
    # pages: 6+2+1+3+1+1+4+5 = 23 in 2020; 3+1+1 = 5 in 2023
    assert panels["n_docs"].tolist() == [23, 5]


def test_the_bigger_period_gets_the_bigger_panel_above_the_smaller(close_figures):
    fig = draw(table(WAR_2020 + SEP_2023))
    (first,), (second,) = panel_axes(fig, "News period 1 of 2: 27 Sep – 10 Nov 2020"), panel_axes(
        fig, "News period 2 of 2: 19–28 Sep 2023")
    a, b = first.get_position(), second.get_position()
    assert a.y0 > b.y1  # 2020 above 2023
    assert a.height > 2 * b.height  # 8 rows against 3
    assert first.get_ylim() == (7.5, -0.5) and second.get_ylim() == (2.5, -0.5)


@pytest.mark.parametrize(("days_apart", "n_periods"), [(45, 1), (46, 2)])
def test_a_gap_longer_than_45_days_starts_a_new_period(days_apart, n_periods):
    later = pd.Timestamp("2020-10-01") + days_apart * DAY
    timeline = table([event("2020-09-30"), event("2020-10-01"), event(later), event(later + DAY)])
    assert len(plots.timeline_panels(timeline)) == n_periods


def test_a_long_bar_bridges_the_gap_it_covers():
    # a month ("Oktober") ends on 31 Oct: 10 Dec is 40 days later, so still the same period
    timeline = table([event("2020-09-27"), event("2020-10-01", "2020-10-31", granularity="month"),
                      event("2020-12-10")])
    assert plots.timeline_panels(timeline)["n_events"].tolist() == [3]


def test_a_lone_event_goes_to_the_other_news_strip():
    timeline = table([*WAR_2020, event("2022-03-01", event_type="talks", actors=("Armenia",))])
    panels = plots.timeline_panels(timeline)
    assert panels["panel"].tolist() == ["news 1", "other news"]
    rows = plots.timeline_rows(timeline)
    assert rows.loc[rows["kind"] == "event", "panel"].value_counts().to_dict() == {"news 1": 8, "other news": 1}


def test_without_a_dense_period_the_biggest_still_gets_a_panel():
    timeline = table([event("2020-10-10"), event("2022-03-01")])  # two lone events, 507 days apart
    assert plots.timeline_panels(timeline)["panel"].tolist() == ["news 1", "other news"]


def test_a_year_long_news_event_does_not_stretch_a_panel():
    timeline = table([*WAR_2020, event("2020-01-01", "2020-12-31", granularity="year", event_type="statement")])
    panels = plots.timeline_panels(timeline)
    assert list(panels[["first_day", "last_day"]].itertuples(index=False, name=None)) == [
        (pd.Timestamp("2020-09-27"), pd.Timestamp("2020-11-10"))]
    rows = plots.timeline_rows(timeline)
    assert rows.loc[(rows["kind"] == "event") & (rows["event_type"] == "statement"), "panel"].tolist() == [
        "other news"]


def test_background_never_stretches_the_news_axis(close_figures):
    alone = draw(table(WAR_2020))
    with_history = draw(table(HISTORY + WAR_2020), FURNITURE)
    (news_alone,) = panel_axes(alone, "News period 1")
    (news,) = panel_axes(with_history, "News period 1")
    assert news.get_xlim() == news_alone.get_xlim()
    lo, hi = news.get_xlim()
    assert mdates.date2num(pd.Timestamp("2020-09-20")) < lo < mdates.date2num(pd.Timestamp("2020-09-27"))
    assert mdates.date2num(pd.Timestamp("2020-11-11")) < hi < mdates.date2num(pd.Timestamp("2020-11-20"))
    (background,) = panel_axes(with_history, "Background")
    assert background.get_xlim()[0] < mdates.date2num(pd.Timestamp("1991-01-01"))
    (furniture,) = panel_axes(with_history, "Page furniture")
    assert furniture.get_xlim()[1] > mdates.date2num(pd.Timestamp("2024-01-05"))  # its own axis


def test_date_ticks_carry_month_and_year(close_figures):
    fig = draw(table(WAR_2020))
    (news,) = panel_axes(fig, "News period 1")
    labels = [t.get_text() for t in news.get_xticklabels() if t.get_text()]
    months = ("Sep", "Oct", "Nov")
    assert labels and all(any(m in label for m in months) for label in labels)
    assert "2020" in labels[0]


# --------------------------------------------------------------------------------------------
# Rows and labels


@pytest.mark.parametrize(("args", "expected"), [
    (("ceasefire", ("Armenia", "Azerbaijan", "Russia"), "2020-11-10", "2020-11-10 23:59"),
     "ceasefire · Armenia, Azerbaijan, Russia · 10 Nov 2020"),
    (("ceasefire", ("Armenia", "Azerbaijan", "France", "Russia", "United States"), "2020-10-17", "2020-10-17"),
     "ceasefire · Armenia, Azerbaijan, France +2 · 17 Oct 2020"),
    (("armed_clash", ("Armenia", "Azerbaijan"), "2020-09-21", "2020-09-30 23:59"),
     "armed clash · Armenia, Azerbaijan · 21–30 Sep 2020"),  # akhir September
    (("armed_clash", (), "2020-10-01", "2020-10-31 23:59"), "armed clash · Oct 2020"),
    (("territorial_change", ("Azerbaijan",), "2020-10-26", "2020-11-01"),
     "territorial change · Azerbaijan · 26 Oct – 1 Nov 2020"),
    (("talks", ("Russia",), "2020-12-28", "2021-01-03"), "talks · Russia · 28 Dec 2020 – 3 Jan 2021"),
    (("talks", ("Nagorno-Karabakh Republic", "United Nations Security Council", "Russia"), "2020-10-01",
      "2020-10-01"), "talks · Nagorno-Karabakh Republ… +2 · 1 Oct 2020"),  # names cut to 24 chars, 40 in all
    (("ceasefire", ("Armenia",), "1994-01-01", "1994-12-31 23:59"), "ceasefire · Armenia · 1994"),
    (("armed_clash", ("Armenia",), "1990-01-01", "1999-12-31"), "armed clash · Armenia · 1990s"),
    (("armed_clash", ("Armenia",), "1988-01-01", "1994-12-31"), "armed clash · Armenia · 1988–1994"),
])
def test_event_label(args, expected):
    event_type, actors, start, end = args
    assert plots.event_label(event_type, actors, pd.Timestamp(start), pd.Timestamp(end)) == expected


def test_event_label_marks_a_disputed_date_and_a_time_of_day():
    day = pd.Timestamp("2020-10-10 01:00")
    assert plots.event_label("ceasefire", (), day, day, date_conflict=True) == "ceasefire · 10 Oct 2020?"
    assert plots.event_label("explosion", ("Ganja",), day, day, "minute") == "explosion · Ganja · 10 Oct 2020, 01:00"


def test_rows_of_a_known_timeline():
    rows = plots.timeline_rows(table(WAR_2020 + SEP_2023))
    assert list(rows.columns) == plots.ROW_COLUMNS
    assert rows["panel"].tolist() == ["news 1"] * 9 + ["news 2"] * 4
    assert rows["kind"].tolist() == ["summary"] + ["event"] * 8 + ["summary"] + ["event"] * 3
    last = rows[(rows["panel"] == "news 1") & (rows["kind"] == "event")].iloc[-1]
    assert (last["position"], last["event_id"], last["mark"], last["n_docs"]) == (7, 8, "point", 5)
    assert last["label"] == "ceasefire · Armenia, Azerbaijan, Russia · 10 Nov 2020"
    week = rows[rows["event_id"] == 5].iloc[0]
    assert (week["mark"], week["label"]) == ("bar", "armed clash · Armenia, Azerbaijan · 19–25 Oct 2020")
    summary = rows.iloc[0]
    assert summary["label"] == "27 Sep – 10 Nov 2020 · 8 events on 23 pages"
    assert (summary["n_events"], summary["n_hidden"], summary["n_docs"]) == (8, 0, 23)


def test_rows_do_not_depend_on_the_input_order():
    timeline = table(WAR_2020 + SEP_2023 + HISTORY)
    shuffled = timeline.sample(frac=1, random_state=3)
    pd.testing.assert_frame_equal(plots.timeline_rows(shuffled), plots.timeline_rows(timeline))


def test_no_page_id_in_any_label_or_text(close_figures):
    timeline = table(WAR_2020 + SEP_2023 + HISTORY)
    fig = draw(timeline, FURNITURE)
    shown = [t.get_text() for t in texts(fig)] + plots.timeline_rows(timeline, FURNITURE)["label"].tolist()
    assert not [text for text in shown if "kompas-" in text]


def test_max_events_shows_the_best_sourced_and_says_how_many_more(close_figures):
    # 12 events on 12 days: n_docs 1..12 in a shuffled order; the 5 best-sourced have n_docs 8..12
    n_docs = [3, 12, 1, 9, 5, 7, 11, 2, 8, 4, 10, 6]
    timeline = table([event(pd.Timestamp("2020-10-01") + i * DAY, n_docs=n) for i, n in enumerate(n_docs)])
    rows = plots.timeline_rows(timeline, max_events=5)
    drawn = rows[rows["kind"] == "event"]
    assert sorted(drawn["n_docs"]) == [8, 9, 10, 11, 12]
    assert drawn["start"].is_monotonic_increasing  # shown in time order
    assert rows.iloc[0]["n_hidden"] == 7
    assert rows.iloc[0]["label"].endswith("12 events on 78 pages · +7 with fewer sources not shown")
    fig = draw(timeline, max_events=5)
    (news,) = panel_axes(fig, "News period 1 of 1")
    assert "+7 with fewer sources not shown" in news.get_title(loc="left")


def test_ties_in_sources_go_to_more_mentions():
    timeline = table([event("2020-10-01", n_docs=2, n_mentions=2), event("2020-10-02", n_docs=2, n_mentions=5),
                      event("2020-10-03", n_docs=1, n_mentions=9)])
    rows = plots.timeline_rows(timeline, max_events=1)
    assert rows.loc[rows["kind"] == "event", "event_id"].tolist() == [2]


def test_max_events_is_shared_so_a_bigger_period_never_shows_fewer_rows():
    rows = plots.timeline_rows(table(WAR_2020 + SEP_2023), max_events=4)
    shown = rows[rows["kind"] == "event"].groupby("panel").size().to_dict()
    # 4 rows shared 8:3 -> quotas 2.9 and 1.1: floors 2 and 1, the larger remainder (0.9) to 2020
    assert shown == {"news 1": 3, "news 2": 1}


def test_every_panel_gets_a_row_taken_from_the_smallest_of_the_biggest():
    six = [event(pd.Timestamp("2020-10-01") + i * DAY) for i in range(6)]
    five = [event(pd.Timestamp("2022-09-13") + i * DAY) for i in range(5)]
    timeline = table(six + five + [event("2024-06-01")])  # news 1: 6, news 2: 5, other news: 1
    shown = plots.timeline_rows(timeline, max_events=4).query("kind == 'event'").groupby("panel").size().to_dict()
    # quotas 2, 1.67, 0.33 -> 2, 2, 0; the lone event takes its row from news 2 (as many rows, fewer events)
    assert shown == {"news 1": 2, "news 2": 1, "other news": 1}


def test_background_takes_at_most_a_quarter_of_the_rows():
    history = [event(f"{1990 + i}-05-01", era="background", n_docs=9) for i in range(6)]
    rows = plots.timeline_rows(table(WAR_2020 + history), max_events=8)
    shown = rows[rows["kind"] == "event"].groupby("panel").size().to_dict()
    assert shown == {"news 1": 6, "background": 2}
    with pytest.raises(ValueError, match="max_events"):
        plots.timeline_rows(table(WAR_2020), max_events=0)


def test_furniture_gets_one_lane_per_source():
    rows = plots.timeline_rows(table(WAR_2020), FURNITURE)
    lanes = rows[rows["kind"] == "furniture"]
    assert lanes["mark"].tolist() == ["published", "crawled", "link", "video"]
    assert lanes["label"].tolist() == ["published · 1 on 1 page", "crawled · 1 on 1 page", "link · 1 on 1 page",
                                       "video · 1 on 1 page"]
    assert (lanes["panel"] == "furniture").all()


# --------------------------------------------------------------------------------------------
# The drawing


def test_one_mark_per_drawn_event_and_bars_over_intervals(close_figures):
    timeline = table(WAR_2020 + SEP_2023 + HISTORY)
    rows = plots.timeline_rows(timeline)
    fig = draw(timeline)
    marks = [a.get_gid() for a in fig.findobj(lambda a: (a.get_gid() or "").startswith("event-"))]
    assert sorted(marks) == sorted(f"event-{i}" for i in rows.loc[rows["kind"] == "event", "event_id"])
    (news,) = panel_axes(fig, "News period 1")
    (bar,) = [p for p in news.patches if p.get_width() > 0 and p.get_height() < 1]  # the week 19-25 Oct
    assert bar.get_x() == pytest.approx(mdates.date2num(pd.Timestamp("2020-10-19")))
    assert bar.get_width() == pytest.approx(7)


def test_the_number_of_pages_is_written_beside_each_mark(close_figures):
    fig = draw(table(WAR_2020))
    (news,) = panel_axes(fig, "News period 1")
    numbers = sorted(int(t.get_text()) for t in news.texts)
    assert numbers == sorted(e["n_docs"] for e in WAR_2020)


def test_every_text_stays_inside_the_figure(close_figures):
    long_names = ("Nagorno-Karabakh Republic Defence Army", "United Nations Security Council", "Armenia",
                  "Azerbaijan", "Russia")
    crowded = [event(pd.Timestamp("2020-09-27") + i * 2 * DAY, event_type=t, actors=long_names[: i % 6],
                     n_docs=1 + i % 7, date_conflict=i == 3)
               for i, t in enumerate(plots.EVENT_COLOURS)]
    late = [event("2020-11-14", "2020-11-15", granularity="weekend", event_type="peacekeeping", n_docs=40)]
    fig = draw(table(crowded + late + SEP_2023 + HISTORY + [event("2022-03-01")]), FURNITURE)
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    outside = [t.get_text() for t in texts(fig)
               if not (box.x0 - 1 <= (e := t.get_window_extent(renderer)).x0 and e.x1 <= box.x1 + 1
                       and box.y0 - 1 <= e.y0 and e.y1 <= box.y1 + 1)]
    assert outside == []


def test_figure_size_fits_a_report_and_grows_with_rows(close_figures):
    small, large = draw(table(SEP_2023)), draw(table(WAR_2020 + SEP_2023))
    assert 11 <= small.get_figwidth() <= 12 and small.get_figwidth() == large.get_figwidth()
    assert large.get_figheight() > small.get_figheight() + 8 * plots.ROW_INCHES


def test_every_panel_has_a_title_and_axis_labels(close_figures):
    fig = draw(table(WAR_2020 + SEP_2023 + HISTORY), FURNITURE)
    drawn = [ax for ax in fig.axes if ax.axison]
    assert len(drawn) == 4  # two news periods, background, furniture
    assert all(ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel() for ax in drawn)


def test_types_differ_in_colour_or_shape_and_use_the_okabe_ito_palette():
    styles = {(plots.EVENT_COLOURS[t], plots.EVENT_MARKERS[t]) for t in plots.EVENT_COLOURS}
    assert len(styles) == 12 and set(plots.EVENT_MARKERS) == set(plots.EVENT_COLOURS)
    assert len(set(plots.EVENT_MARKERS.values())) == 12
    assert set(plots.EVENT_COLOURS.values()) <= set(plots.OKABE_ITO.values())


def test_legend_names_the_types_drawn(close_figures):
    fig = draw(table(WAR_2020))
    (legend,) = fig.legends
    labels = [t.get_text() for t in legend.get_texts()]
    assert {"armed clash", "ceasefire", "territorial change"} <= set(labels)
    assert "statement" not in labels  # not drawn
    assert "1 page" in labels and "6 pages" in labels


def test_the_same_input_gives_the_same_drawing(close_figures):
    images = []
    for timeline in (table(WAR_2020 + HISTORY), table(WAR_2020 + HISTORY).iloc[::-1]):
        buffer = io.BytesIO()
        draw(timeline).savefig(buffer, format="png", metadata={"Software": None})
        images.append(buffer.getvalue())
    assert images[0] == images[1]


@pytest.mark.parametrize("timeline", [table([]), table(WAR_2020).iloc[:0]])
def test_an_empty_timeline_says_so_without_a_date_axis(timeline, close_figures):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = draw(timeline)
    assert "no dated events in this corpus" in [t.get_text() for t in texts(fig)]
    assert not [ax for ax in fig.axes if ax.axison]
    assert plots.timeline_rows(timeline).empty
    assert plots.timeline_panels(timeline).empty


def test_furniture_without_events_says_so_and_keeps_its_own_strip(close_figures):
    fig = draw(table([]), FURNITURE)
    assert "no dated events in this corpus" in [t.get_text() for t in texts(fig)]
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.axison]
    assert len(titles) == 1 and titles[0].startswith("Page furniture times")


def test_a_background_only_timeline_says_so_and_draws_the_history(close_figures):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = draw(table(HISTORY))
    said = [t.get_text() for t in texts(fig)]
    assert any(s.startswith("no dated events in this corpus") for s in said)
    assert [ax.get_title(loc="left").split(":")[0] for ax in fig.axes if ax.axison] == ["Background"]
    assert not panel_axes(fig, "News period")
    assert plots.timeline_panels(table(HISTORY)).empty


# --------------------------------------------------------------------------------------------
# Any small valid timeline

TYPES = sorted(plots.EVENT_COLOURS)
ACTORS = ("Armenia", "Azerbaijan", "Russia", "Turkey", "Vladimir Putin")
LENGTHS = {"day": 0, "weekend": 1, "week": 6, "month": 29, "year": 364, "decade": 3652}


@st.composite
def timelines(draw_from):
    n = draw_from(st.integers(0, 12))
    events = []
    for _ in range(n):
        start = pd.Timestamp("1985-01-01") + draw_from(st.integers(0, 40 * 365)) * DAY
        granularity = draw_from(st.sampled_from(sorted(LENGTHS)))
        n_docs = draw_from(st.integers(1, 9))
        events.append(event(start, start + LENGTHS[granularity] * DAY, draw_from(st.sampled_from(TYPES)),
                            draw_from(st.lists(st.sampled_from(ACTORS), max_size=5, unique=True)), n_docs,
                            draw_from(st.sampled_from(["news", "news", "background"])), granularity,
                            n_docs + draw_from(st.integers(0, 3)), draw_from(st.booleans())))
    return table(events)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timeline=timelines(), max_events=st.integers(1, 10), furniture=st.sampled_from([None, FURNITURE]))
def test_any_small_timeline_draws_one_mark_per_shown_event(timeline, max_events, furniture):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plots.timeline(timeline, furniture, max_events=max_events)
        fig.canvas.draw()
    try:
        assert isinstance(fig, plt.Figure)
        renderer, box = fig.canvas.get_renderer(), fig.bbox
        assert all(box.x0 - 1 <= (e := t.get_window_extent(renderer)).x0 and e.x1 <= box.x1 + 1
                   and box.y0 - 1 <= e.y0 and e.y1 <= box.y1 + 1 for t in texts(fig))
        rows = plots.timeline_rows(timeline, furniture, max_events=max_events)
        drawn = rows[rows["kind"] == "event"]
        marks = [a.get_gid() for a in fig.findobj(lambda a: (a.get_gid() or "").startswith("event-"))]
        assert sorted(marks) == sorted(f"event-{i}" for i in drawn["event_id"])
        n_background = int((timeline["era"] == "background").sum())
        n_news = len(timeline) - n_background
        drawn_background = int((rows.loc[drawn.index, "panel"] == "background").sum())
        assert len(drawn) <= min(max_events, len(timeline))  # bounds of the budget; exact splits are pinned above
        assert drawn_background <= plots.MAX_BACKGROUND and (not n_news or drawn_background <= max_events // 4)
        if not n_background:
            assert len(drawn) == min(max_events, len(timeline))
        assert drawn["event_id"].is_unique and set(drawn["event_id"]) <= set(timeline["event_id"])
        summaries = rows[(rows["kind"] == "summary") & (rows["panel"] != "furniture")]
        assert summaries["n_events"].sum() == len(timeline)
        assert (summaries["n_events"] - summaries["n_hidden"]).sum() == len(drawn)
        news = summaries[summaries["panel"].str.startswith("news ")]
        pairs = list(zip(news["n_events"], news["n_events"] - news["n_hidden"], strict=True))
        assert all(shown >= other for n, shown in pairs for m, other in pairs if n > m)  # bigger: never fewer
    finally:
        plt.close(fig)


def test_event_table_reads_as_a_reader_would():
    from analysis.plots import EVENT_TABLE_COLUMNS, event_table

    tl = pd.DataFrame({
        "event_id": [1, 2], "start": pd.to_datetime(["2020-11-09", "1994-01-01"]),
        "end": pd.to_datetime(["2020-11-10 23:59:59", "1994-12-31 23:59:59"]), "granularity": ["day", "year"],
        "event_type": ["ceasefire", "armed_clash"], "actors": [("Armenia", "Azerbaijan", "Russia"), ()],
        "n_docs": [2, 1], "n_mentions": [3, 1], "doc_ids": [("011", "015"), ("005",)],
        "date_conflict": [False, True], "era": ["news", "background"],
    })
    news = event_table(tl)
    assert list(news.columns) == EVENT_TABLE_COLUMNS
    assert news.iloc[0].tolist() == [1, "9–10 Nov 2020", "ceasefire", "Armenia, Azerbaijan, Russia", 2, 3,
                                     "011, 015", False]
    assert event_table(tl, "background")[["when", "event_type", "actors"]].iloc[0].tolist() == \
        ["1994", "armed clash", ""]
    assert len(event_table(tl, None)) == 2 and event_table(tl.iloc[:0]).empty


# --- no two texts of any figure overlap (every figure function of analysis.plots, on real pages) ------------


def _drawn_texts(fig):
    """Every text a reader sees on ``fig`` after drawing: tick labels in view, axis labels, titles, annotations,
    legend texts and titles, figure texts, as (where, text, window extent)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = []

    seen = set()

    def add(where, artist):
        if artist is not None and id(artist) not in seen and artist.get_visible() and artist.get_text().strip():
            seen.add(id(artist))
            # the text's own box: an annotation's get_window_extent also spans its leader line
            found.append((where, artist.get_text(), matplotlib.text.Text.get_window_extent(artist, renderer)))

    def add_legend(where, legend):
        if legend is not None:
            add(f"{where} legend title", legend.get_title())
            for t in legend.get_texts():
                add(f"{where} legend", t)

    for i, ax in enumerate(fig.axes):
        for axis in (ax.xaxis, ax.yaxis):
            for t in axis.get_ticklabels(which="both"):
                add(f"ax{i} {axis.axis_name}tick", t)
            add(f"ax{i} {axis.axis_name}label", axis.label)
            add(f"ax{i} {axis.axis_name}offset", axis.get_offset_text())
        for title in (ax.title, ax._left_title, ax._right_title):
            add(f"ax{i} title", title)
        for t in ax.texts:
            add(f"ax{i} text", t)
        add_legend(f"ax{i}", ax.get_legend())
    for t in fig.texts:
        add("figure text", t)
    add("suptitle", fig._suptitle)
    for legend in fig.legends:
        add_legend("figure", legend)
    return found


def _overlaps(fig, tolerance=1.0):
    """Pairs of drawn texts whose rendered boxes overlap by more than ``tolerance`` pixels both ways."""
    texts = _drawn_texts(fig)
    pairs = []
    for i, (where_a, text_a, a) in enumerate(texts):
        for where_b, text_b, b in texts[i + 1:]:
            dx = min(a.x1, b.x1) - max(a.x0, b.x0)
            dy = min(a.y1, b.y1) - max(a.y0, b.y0)
            if dx > tolerance and dy > tolerance:
                pairs.append(f"{where_a} {text_a[:40]!r} x {where_b} {text_b[:40]!r}")
    return pairs


def _figure_of(result):
    return result if isinstance(result, plt.Figure) else result.figure


def _figures(corpus):
    """Every figure function of analysis.plots as the notebooks call it, on ``corpus``: name -> figure (or None)."""
    import analysis
    from analysis import overview, related, topics

    scores = related.score_links(corpus)
    headlines = analysis.collect_headlines(corpus.links)
    model = analysis.HeadlineTopics(random_state=0).fit(headlines)
    table_of = topics.topic_table(model, headlines)
    events = analysis.extract_events(corpus)
    timeline = analysis.consolidate_events(events)
    first = next(iter(scores["doc_id"]), "none")
    return {
        "page_structure": lambda: plots.page_structure(overview.structure_table(corpus)),
        "link_similarity": lambda: plots.link_similarity(scores, first),
        "link_similarity_pages": lambda: plots.link_similarity_pages(scores),
        "similarity_vs_gap": lambda: plots.similarity_vs_gap(scores),
        "timeline": lambda: plots.timeline(timeline, analysis.furniture_times(corpus)),
        "topic_map": lambda: plots.topic_map(topics.map_coordinates(model, random_state=0)),
        "topic_sizes": lambda: plots.topic_sizes(model.topics_),
        "topic_times": lambda: plots.topic_times(table_of),
    }


FIGURE_NAMES = ["page_structure", "link_similarity", "link_similarity_pages", "similarity_vs_gap", "timeline",
                "topic_map", "topic_sizes", "topic_times"]


def test_the_overlap_check_covers_every_figure_function():
    drawn = {name for name in plots.__all__ if name not in ("event_label", "event_table", "timeline_panels",
                                                            "timeline_rows")}
    assert drawn == set(FIGURE_NAMES)


def test_the_overlap_check_finds_an_overlap(close_figures):
    fig, ax = plt.subplots()
    ax.text(0.5, 0.5, "Gencatan senjata")
    ax.text(0.52, 0.5, "Kremlin")
    assert len(_overlaps(fig)) == 1


@pytest.mark.parametrize("name", FIGURE_NAMES)
@pytest.mark.parametrize("which", ["seeds", "shared"])
def test_no_two_texts_of_a_figure_overlap(name, which, request, close_figures, capsys):
    import analysis

    corpus = analysis.load_corpus("seeds") if which == "seeds" else request.getfixturevalue("shared_corpus")
    result = _figures(corpus)[name]()
    if result is None:  # nothing to draw: a sentence instead, nothing to overlap
        assert capsys.readouterr().out.strip()
        return
    assert _overlaps(_figure_of(result)) == []
