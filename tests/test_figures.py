"""The figures of notebooks 01, 03 and 04 (analysis.plots, the functions that are not the timeline): page text
drawn without warnings, and a sentence instead of empty axes when there is nothing to draw."""

import warnings
from pathlib import Path

import matplotlib
import pytest

import analysis
from analysis import overview, plots, related

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    matplotlib.pyplot.close("all")


def test_drawable_replaces_what_the_font_cannot_draw():
    assert plots.drawable("Gencatan senjata é") == "Gencatan senjata é"
    assert plots.drawable("\u7b76 a\u3000b \ue000") == "\u25a1 a b \u25a1"
    assert plots.drawable("$x$ harga") == r"\$x\$ harga"
    assert plots.drawable(None) == ""


def test_page_text_the_font_cannot_draw_warns_nothing(tmp_path, caplog):
    """No "Glyph missing" warning, and no mathtext (whose missing glyphs matplotlib logs to stderr)."""
    text = next(Path("seeds").glob("*.txt")).read_text(encoding="utf-8")
    odd = text.replace("Taiwan", "Taiwan \u7b76\ue000").replace("Tercepat", "Tercepat $x\u7b76$")
    (tmp_path / "\u7b76.txt").write_text(odd, encoding="utf-8")
    (tmp_path / "$\u7b76$.txt").write_text(text, encoding="utf-8")
    corpus = analysis.load_corpus(tmp_path)
    scores = related.score_links(corpus, min_null=50)
    assert scores.headline.str.contains("\u7b76\ue000").any() and scores.headline.str.contains("$", regex=False).any()
    with warnings.catch_warnings(), caplog.at_level("INFO", logger="matplotlib"):
        warnings.simplefilter("error")
        for figure in (plots.page_structure(overview.structure_table(corpus)), plots.link_similarity_pages(scores),
                       plots.similarity_vs_gap(scores)):
            (figure if isinstance(figure, matplotlib.figure.Figure) else figure.figure).canvas.draw()
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]


def test_nothing_to_draw_is_a_sentence_not_empty_axes(capsys):
    empty = analysis.Corpus(**{n: t.iloc[:0] for n, t in analysis.load_corpus("seeds").tables().items()})
    scores = related.score_links(empty)
    figures = matplotlib.pyplot.get_fignums()
    assert plots.page_structure(overview.structure_table(empty)) is None
    assert plots.link_similarity_pages(scores) is None
    assert plots.similarity_vs_gap(scores) is None
    assert plots.link_similarity(scores, "x") is None
    assert matplotlib.pyplot.get_fignums() == figures
    assert capsys.readouterr().out.splitlines() == [
        "No page was parsed, so there is no page structure to draw.",
        "No links in this corpus, so no link similarity to draw.",
        "No links in this corpus, so nothing to place against time.",
        "x: no links on this page, so no link similarity to draw.",
    ]
    _, ax = matplotlib.pyplot.subplots()
    assert plots.similarity_vs_gap(scores, ax=ax) is ax  # a given axes is drawn on, and says so there


def test_links_without_timestamps_are_a_sentence(capsys):
    scores = related.score_links(analysis.load_corpus("seeds")).assign(hours_before_reference=float("nan"))
    assert plots.similarity_vs_gap(scores) is None
    assert capsys.readouterr().out == (
        "None of the 8 link(s) has both a timestamp and a page reference time, so nothing to place against time.\n")


def test_block_kinds_are_coloured_by_part_of_the_page_in_okabe_ito():
    """19 kinds in four groups, one colour-blind-safe colour each, the same in every figure."""
    assert set(plots.KIND_GROUPS) == set(plots.KIND_COLOURS)
    assert set(plots.KIND_GROUPS.values()) == {"head", "body", "furniture", "unknown"}
    assert len(set(plots.GROUP_COLOURS.values())) == 4
    okabe_ito = {c.upper() for c in plots.OKABE_ITO.values()}
    assert {c.upper() for c in plots.GROUP_COLOURS.values()} <= okabe_ito
    assert plots.KIND_GROUPS["paragraph"] == plots.KIND_GROUPS["subheading"] == "body"
    assert plots.KIND_GROUPS["title"] == "head" and plots.KIND_GROUPS["link"] == "furniture"


def test_page_structure_draws_one_bar_per_group_present():
    corpus = analysis.load_corpus("seeds")
    ax = plots.page_structure(overview.structure_table(corpus))
    labels = [t.get_text() for t in ax.figure.legends[0].get_texts()]
    # the seed: title and caption (head), paragraphs (body), comments, videos and its link list (furniture)
    assert labels == ["head: title, caption", "body: paragraph", "furniture: comments, video, links, link"]
    widths = [p.get_width() for p in ax.patches]
    assert widths == [2, 8, 43]  # lines: 1 title + 1 caption; 8 paragraphs; 1 + 9 + 1 + 32 furniture


def test_too_few_timestamped_links_give_way_to_a_sentence(capsys):
    scores = related.score_links(analysis.load_corpus("seeds"))
    few = scores.assign(hours_before_reference=scores["hours_before_reference"].where(scores["position"] <= 2))
    assert plots.similarity_vs_gap(few) is None
    assert capsys.readouterr().out.startswith("Only 2 of the 8 links have both a timestamp and a page reference time "
                                              "(6 have none): too few to read similarity against the time gap")
    assert plots.similarity_vs_gap(scores) is not None  # all 8 placed: the figure


def test_topic_times_ticks_carry_the_year():
    import pandas as pd

    from analysis import topics

    corpus = analysis.load_corpus("seeds")
    headlines = analysis.collect_headlines(corpus.links)
    model = analysis.HeadlineTopics(random_state=0).fit(headlines)
    ax = plots.topic_times(topics.topic_table(model, headlines))
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels and "11 Apr 2021" in labels[0]  # the seed's sidebar: 19:32 to 22:19 on 11 April 2021
    assert all(pd.notna(pd.to_datetime(t.split("\n")[0], format="%H:%M", errors="coerce")) for t in labels)


def test_the_longest_page_ends_inside_the_axes():
    corpus = analysis.load_corpus("seeds")
    ax = plots.page_structure(overview.structure_table(corpus))
    assert ax.get_xlim()[1] > 53  # the seed's 53 lines
