"""analysis.explore: the page view, the concordance and the one-line filters.

Expected values come from reading the fixture pages in tests/fixtures/explore/ (our own words): which line
is which block, which lines hold a field's text, how often a phrase occurs. Occurrence counts are also
checked against a plain regular-expression count over the raw lines of the files.
"""

from __future__ import annotations

import contextlib
import functools
import html
import re
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis import explore
from analysis.tables import Corpus
from analysis.topics import topic_names

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "explore" / "pages"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FAST = settings(max_examples=150, deadline=None)

#: By reading the fixture pages: the line numbers (1-based) that hold each searchable field.
FIELD_LINES = {
    "gencatan_pelabuhan": {"title": [1], "caption": [3], "body": [5, 7, 9, 11], "links": [17, 23, 29]},
    "vaksin_lansia": {"title": [1], "caption": [3], "body": [5, 7, 9, 11], "links": []},
}
#: The kinds of the non-blank lines of gencatan_pelabuhan.txt, top to bottom (a link is headline, section,
#: teaser, time).
GENCATAN_KINDS = ["title", "caption", *["paragraph"] * 4, "comments", "links", *["link"] * 12]
#: Words in the captions' photo credits, which are not caption text: no query below uses them.
CREDIT_WORDS = ("redaksi", "uji", "foto")


@pytest.fixture(scope="module")
def fixtures() -> Corpus:
    return analysis.load_corpus(FIXTURES)


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return analysis.load_corpus(SEEDS)


def _raw_lines(doc_id: str) -> list[str]:
    return (FIXTURES / f"{doc_id}.txt").read_text(encoding="utf-8").split("\n")


def _non_blank(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def _whole_words(phrase: str) -> re.Pattern[str]:
    """A plain regex for a phrase: its words separated by white space, whole words, any case."""
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)", re.IGNORECASE)


def _regex_count(pattern: re.Pattern[str], fields=("title", "caption", "body", "links")) -> int:
    total = 0
    for doc_id, by_field in FIELD_LINES.items():
        lines = _raw_lines(doc_id)
        for f in fields:
            total += sum(len(pattern.findall(lines[n - 1])) for n in by_field[f])
    return total


# --------------------------------------------------------------------------------------------
# page()


@pytest.mark.parametrize("path", [*sorted(FIXTURES.glob("*.txt")), *sorted(SEEDS.glob("*.txt"))],
                         ids=lambda p: p.stem)
def test_page_shows_every_non_blank_line_once_in_order(path):
    corpus = analysis.load_corpus(path.parent)
    view = corpus.page(path.stem)
    assert view.lines["text"].tolist() == _non_blank(path)


def test_page_kinds_and_line_ranges(fixtures):
    view = fixtures.page("gencatan_pelabuhan")
    assert view.lines["kind"].tolist() == GENCATAN_KINDS
    # a block's range is shown on its first line only: the three sidebar links span 17-22, 23-28, 29-34
    assert [x for x in view.lines["line"] if x] == ["1", "3", "5", "7", "9", "11", "13", "15",
                                                    "17–22", "23–28", "29–34"]
    assert view.doc_id == "gencatan_pelabuhan"
    assert view.title == "Gencatan Senjata Di Kota Pelabuhan Berlaku Sejak Senin Pagi"


def test_page_covers_each_block_line_exactly_once_on_the_shared_pages(shared_corpus):
    """Each block's lines appear once, under the block's kind, and their count is the number of non-blank
    lines of the file inside the block's range (every non-blank line belongs to exactly one block)."""
    for doc_id, path in zip(shared_corpus.pages.doc_id, shared_corpus.pages.path, strict=True):
        view = shared_corpus.page(doc_id)
        raw = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
        blocks = shared_corpus.blocks[shared_corpus.blocks.doc_id == doc_id].sort_values("line_start")
        assert view.lines["block"].nunique() == len(blocks)
        for b, block in enumerate(blocks.itertuples()):
            rows = view.lines[view.lines["block"] == b]
            assert set(rows["kind"]) == {block.kind}
            assert rows["text"].tolist() == block.text.split("\n")
            inside = [x for x in raw[block.line_start - 1:block.line_end] if x.strip()]
            assert len(rows) == len(inside), (doc_id, block.line_start)


def test_page_marks_dates_and_quotations_with_speakers(fixtures):
    view = fixtures.page("gencatan_pelabuhan")
    lines = view.lines.set_index("text")
    body1 = ("Gencatan senjata antara dua kelompok bersenjata di kota pelabuhan itu berlaku sejak Senin pagi, "
             "2 Maret 2020.")
    # in words (the value is in find_dates); a date the line writes in full is not repeated, its mark says it
    assert lines.loc[body1, "dates"] == "Senin pagi = 2 Mar 2020, pagi"
    assert 'title="date: 2 Maret 2020 = 2 Mar 2020"' in view._repr_html_()
    quote_line = next(t for t in view.lines["text"] if t.startswith('"Kami berharap'))
    # the notes column names the speaker and the quotation's first eight words
    assert lines.loc[quote_line, "quotes"] == "Laras Wening: Kami berharap gencatan senjata ini bertahan lebih dari …"
    i = view.lines.index[view.lines["text"] == quote_line][0]
    kinds = {m[2]: quote_line[m[0]:m[1]] for m in view.marks[i]}
    assert kinds["speaker"] == "Laras Wening"
    assert kinds["quote"].startswith("Kami berharap") and kinds["quote"].endswith("seminggu")
    out = view._repr_html_()
    assert 'title="speaker: Laras Wening"' in out
    assert "2 Maret 2020" in out and "Laras Wening" in view.text()


def test_page_on_a_parquet_cache_is_the_same(fixtures, tmp_path):
    fixtures.to_parquet(tmp_path / "cache")
    cached = analysis.open_corpus(tmp_path / "cache")
    for doc_id in fixtures.pages.doc_id:
        assert cached.page(doc_id).text() == fixtures.page(doc_id).text()
        assert cached.page(doc_id)._repr_html_() == fixtures.page(doc_id)._repr_html_()


def test_page_escapes_markup_in_the_tables(seeds):
    """Whatever a table holds (a cache written by another tool), it is shown as text."""
    payload = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> **tebal** [a](javascript:x)'
    blocks = seeds.blocks.copy()
    blocks["text"] = blocks["text"].str.cat([payload] * len(blocks), sep=" ").astype("string")
    hostile = Corpus(**{**seeds.tables(), "blocks": blocks})
    out = hostile.page()._repr_html_()
    assert "<script" not in out and "<img" not in out and "onerror=\"" not in out
    assert out.count(html.escape(payload)) == len(blocks)
    assert payload in hostile.page().text()


def test_page_errors_and_an_empty_corpus(fixtures, tmp_path):
    with pytest.raises(KeyError, match="no page has doc_id 'nope'"):
        fixtures.page("nope")
    with pytest.raises(TypeError, match="doc_id must be a str"):
        fixtures.page(3)
    with pytest.raises(TypeError, match="expected a Corpus"):
        explore.page(fixtures.pages)
    (tmp_path / "empty.txt").write_text("")
    empty = analysis.load_corpus(tmp_path)
    view = empty.page()
    assert view.text() == "This corpus has no page to show."
    assert view._repr_html_() == '<div class="prose"><p>This corpus has no page to show.</p></div>'


# --------------------------------------------------------------------------------------------
# search()


@pytest.mark.parametrize(("query", "by_hand"), [
    ("gencatan senjata", 7), ("senjata", 8), ("Rusia", 1), ("vaksin", 2), ("vaksinasi", 4), ("kota pelabuhan", 4),
    ("warga", 7), ("2 Maret 2020", 1), ("lansia", 2),
])
def test_search_finds_every_occurrence(fixtures, query, by_hand):
    assert not any(w in query.lower() for w in CREDIT_WORDS)
    hits = fixtures.search(query)
    assert len(hits) == by_hand == _regex_count(_whole_words(query))
    for f in ("body", "links", "captions"):
        field = {"captions": "caption"}.get(f, f)
        assert len(fixtures.search(query, where=f)) == _regex_count(_whole_words(query), (field,))
    assert (hits["match"].str.lower().str.split().map(" ".join) == query.lower()).all()


@pytest.mark.parametrize("query", ["(", '"', "-", "(10/11)"])
def test_a_query_edged_by_punctuation_is_found_next_to_words(shared_corpus, query):
    """Found in review: whole-word guards beside a query's punctuation missed '(' in 'Selasa(10/11)'. A query that
    begins or ends with a non-word character needs no word boundary there: every occurrence in the searched
    texts (titles, captions, body paragraphs, link headlines) counts."""
    c = shared_corpus
    texts = [*c.pages["title"].dropna(), *c.pages["caption"].dropna(), *c.paragraphs["text"], *c.links["headline"]]
    plain = sum(str(t).count(query) for t in texts)
    assert plain > 0
    assert len(c.search(query)) == plain


def test_search_rows_point_back_to_their_text(fixtures):
    hits = fixtures.search("gencatan senjata", context=12)
    assert list(hits.columns) == explore.CONCORDANCE_COLUMNS
    # gencatan_pelabuhan is dated (its sidebar: 2 March 2020), vaksin_lansia is not: it comes last
    assert hits["doc_id"].tolist() == ["gencatan_pelabuhan"] * 6 + ["vaksin_lansia"]
    assert hits["field"].tolist() == ["title", "body", "body", "body", "body", "links", "body"]
    assert hits["paragraph"].tolist()[1:] == [1, 2, 3, 4, 3, 4]
    assert hits["match"].tolist()[3] == "GENCATAN SENJATA"
    assert (hits["left"].str.len() <= 12).all() and (hits["right"].str.len() <= 12).all()
    assert hits["date"].iloc[0] == pd.Timestamp("2020-03-02 10:15") and pd.isna(hits["date"].iloc[-1])
    assert hits["title"].iloc[-1] == "Puskesmas Kecamatan Menambah Jadwal Vaksinasi Untuk Lansia"
    body = fixtures.paragraphs.set_index(["doc_id", "n"])["text"]
    for row in hits[hits.field == "body"].itertuples():
        text = body[(row.doc_id, row.paragraph)]
        assert text[row.offset - len(row.left):row.offset + len(row.match) + len(row.right)] == \
            row.left + row.match + row.right


def test_whole_words_only(fixtures):
    assert "bersenjata" not in " ".join(fixtures.search("senjata")["match"].str.lower())
    assert len(fixtures.search("senja")) == 0
    assert len(fixtures.search("senja", mode="regex")) == _regex_count(re.compile("senja", re.IGNORECASE))


def test_stem_finds_the_word_forms(fixtures):
    hits = fixtures.search("vaksin", stem=True)
    # by reading: Vaksinasi (title), vaksin (caption), vaksinasi, divaksin, vaksin, memvaksin, vaksinasi (body),
    # Vaksinasi, Divaksin (sidebar headlines)
    assert len(hits) == 9
    assert set(hits["match"].str.lower()) == {"vaksin", "vaksinasi", "divaksin", "memvaksin"}
    assert len(fixtures.search("vaksinasi", stem=True)) == 9  # the loan suffix folds both ways
    assert len(fixtures.search("divaksin", stem=True, where="links")) == 2
    assert len(fixtures.search("gencatan senjata", stem=True)) == 7


def test_words_and_regex_modes(fixtures):
    words = fixtures.search("Rusia lansia", mode="words")
    assert sorted(words["match"].str.lower()) == ["lansia", "lansia", "rusia"]
    regex = fixtures.search(r"\d+ Maret 20\d\d", mode="regex", where="body")
    assert regex["match"].tolist() == ["2 Maret 2020", "7 Maret 2020"]
    assert regex["doc_id"].tolist() == ["gencatan_pelabuhan", "vaksin_lansia"]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"query": ""}, "non-empty"), ({"query": "   "}, "non-empty"), ({"query": "(", "mode": "regex"}, "not a valid"),
    ({"query": "x", "mode": "fuzzy"}, "mode must be"), ({"query": "x", "where": "footer"}, "where must be"),
    ({"query": "x", "mode": "regex", "stem": True}, "stem=True needs"), ({"query": "x", "context": -1}, "context"),
])
def test_search_rejects_bad_input_clearly(fixtures, kwargs, message):
    with pytest.raises(ValueError, match=message):
        fixtures.search(**kwargs)


def test_search_index_is_kept_and_rebuilt_when_the_tables_change(fixtures):
    first = explore.cached_index(fixtures)
    assert explore.cached_index(fixtures) is first
    changed = Corpus(**fixtures.tables())
    changed.paragraphs = fixtures.paragraphs.iloc[:0]
    assert explore.search(changed, "gencatan senjata")["field"].tolist() == ["title", "links"]


def test_search_on_a_corpus_without_pages(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    hits = analysis.load_corpus(tmp_path).search("gencatan")
    assert hits.empty and list(hits.columns) == explore.CONCORDANCE_COLUMNS


# --------------------------------------------------------------------------------------------
# events_for(), links_for()

EVENTS = pd.DataFrame({
    "event_id": [1, 2, 3, 4],
    "start": pd.to_datetime(["2020-09-27", "2020-10-10", "2020-11-09", "2020-10-30"]),
    "end": pd.to_datetime(["2020-09-30 23:59:59", "2020-10-10 23:59:59", "2020-11-09 23:59:59", "2020-11-02 00:00:00"]),
    "event_type": ["armed_clash", "ceasefire", "ceasefire", "mediation"],
    "actors": [("Armenia", "Azerbaijan"), ("Russia", "Armenia"), ("Russia",), ("Vladimir Putin", "Turkey")],
})


@pytest.mark.parametrize(("kwargs", "ids"), [
    ({"actor": "Rusia"}, [2, 3]), ({"actor": "kremlin"}, [2, 3]), ({"actor": "Moskow"}, [2, 3]),
    ({"actor": "Russia"}, [2, 3]), ({"actor": "Putin"}, [4]), ({"actor": "Turki"}, [4]),
    ({"actor": ["Azerbaijan", "Turki"]}, [1, 4]), ({"actor": "Atlantis"}, []),
    ({"event_type": "ceasefire"}, [2, 3]), ({"event_type": ["ceasefire", "mediation"]}, [2, 3, 4]),
    ({"between": ("2020-10", "2020-10")}, [2, 4]), ({"between": ("2020-11-02", None)}, [3, 4]),
    ({"between": (None, "2020-09-27")}, [1]), ({"between": ("2020-10-01", "2020-10-09")}, []),
    ({"between": (pd.Timestamp("2020-11-02 00:00"), pd.Timestamp("2020-11-02 00:00"))}, [4]),
    ({"actor": "Rusia", "event_type": "ceasefire", "between": ("2020-11", "2020-11")}, [3]),
])
def test_events_for(kwargs, ids):
    found = analysis.events_for(EVENTS, **kwargs)
    assert found["event_id"].tolist() == ids
    assert list(found.columns) == list(EVENTS.columns)


def test_events_for_on_the_seed_timeline(seeds):
    timeline = analysis.consolidate_events(analysis.extract_events(seeds))
    # the seed page: "kedua pihak menyetujui gencatan senjata yang ditengahi Rusia pada 9 November"
    ceasefire = analysis.events_for(timeline, actor="Rusia", event_type="ceasefire")
    assert ceasefire["start"].tolist() == [pd.Timestamp("2020-11-09")]
    assert analysis.events_for(timeline, between=("2020-10", "2020-10")).empty


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"event_type": "parade"}, ValueError, "unknown event type"),
    ({"between": ("2020-12", "2020-01")}, ValueError, "ends"), ({"between": "2020"}, TypeError, "a pair"),
    ({"between": ("kemarin", None)}, ValueError, "not a date"), ({"actor": 3.5}, TypeError, "list of values"),
])
def test_events_for_rejects_bad_filters(kwargs, error, message):
    with pytest.raises(error, match=message):
        analysis.events_for(EVENTS, **kwargs)
    with pytest.raises(TypeError, match="lacks the column"):
        analysis.events_for(EVENTS.drop(columns="actors"))


def test_links_for(fixtures):
    assert analysis.links_for(fixtures, section="nasional")["headline"].tolist() == [
        "Vaksinasi Massal Digelar Di Balai Desa", "Warga Lansia Divaksin Lebih Dulu"]
    assert len(analysis.links_for(fixtures.links, section=["Daerah", "NASIONAL"], block="sidebar")) == 3
    late = analysis.links_for(fixtures, between=("2020-03-02 09:00", None))
    assert late["published"].tolist() == [pd.Timestamp("2020-03-02 10:15"), pd.Timestamp("2020-03-02 09:40")]
    with pytest.raises(TypeError, match="needs model="):
        analysis.links_for(fixtures, topic=0)
    with_topics = fixtures.links.assign(topic=[0, 0, 1])
    assert analysis.links_for(with_topics, topic=1)["position"].tolist() == [3]


def test_links_for_topic_words_with_a_fitted_model(seeds, fixtures):
    headlines = analysis.collect_headlines(pd.concat([seeds.links, fixtures.links], ignore_index=True))
    model = analysis.HeadlineTopics(random_state=0).fit(headlines)
    by_number = {t: analysis.links_for(fixtures, topic=t, model=model) for t in model.topics_["topic"]}
    assigned = analysis.assign_topics(model, fixtures.links)
    for t, rows in by_number.items():
        assert rows["headline"].tolist() == assigned.loc[assigned.topic == t, "headline"].tolist()
    names = topic_names(model)
    for label in names.values():
        word = label.split("·")[-1].split(",")[0].strip().lower()  # "0 · vaksin, covid" -> "vaksin"
        chosen = {i for i, other in names.items() if i != -1 and word in other.lower()}
        rows = analysis.links_for(fixtures, topic=word, model=model)
        assert rows["headline"].tolist() == assigned.loc[assigned.topic.isin(chosen), "headline"].tolist()
        assert -1 not in set(rows["topic"])  # "no topic" is not a label: unassigned headlines are never chosen
    with pytest.raises(TypeError, match="pass model="):
        analysis.links_for(assigned, topic="vaksin")


# --------------------------------------------------------------------------------------------
# What a report shows: classes that the report stylesheet colours, the concordance for reading, one sentence

REPORT_CSS = Path(analysis.__file__).resolve().parent / "data" / "report.css"


def _rows_html(out: str) -> list[str]:
    return re.findall(r"<tr class=\"([^\"]*)\"", out)


def test_page_view_has_classes_for_the_report_stylesheet(fixtures):
    out = fixtures.page("gencatan_pelabuhan", paragraph=3)._repr_html_()
    rows = _rows_html(out)
    # one row per non-blank line, in order, each with its kind's class and its group's
    assert [r.split()[0] for r in rows] == [f"kind-{k}" for k in GENCATAN_KINDS]
    groups = {"title": "head", "caption": "head", "paragraph": "body", "comments": "furniture",
              "links": "furniture", "link": "furniture"}
    assert [r.split()[1] for r in rows] == [f"group-{groups[k]}" for k in GENCATAN_KINDS]
    assert [i for i, r in enumerate(rows) if "focus" in r.split()] == [4]  # paragraph 3 is the 5th line (9)
    assert 'class="report-table page-view"' in out and " id=" not in out
    for tag, what in (("strong", "speaker"), ("code", "date"), ("em", "quote")):
        assert f'<{tag} class="mark-{what}"' in out
    for cls in ("pv-line", "pv-kind", "pv-text", "pv-notes"):
        assert out.count(f'<td class="{cls}"') == len(GENCATAN_KINDS)


def test_the_stylesheet_colours_what_the_inline_styles_colour():
    """Reports strip the inline styles: report.css must give each group, the focus and each mark the same look."""
    css = REPORT_CSS.read_text(encoding="utf-8").lower()
    for group, (stripe, tint) in explore.GROUP_COLOURS.items():
        assert re.search(rf"tr\.group-{group} \{{\s*background: {tint.lower()};\s*\}}", css), group
        assert re.search(rf"tr\.group-{group} td\.pv-kind \{{ border-left: 4px solid {stripe.lower()}; \}}", css)
    assert f"tr.focus {{ background: {explore.FOCUS_COLOUR.lower()}; }}" in css
    for what, (tag, style) in explore.MARK_TAGS.items():
        rule = css[css.index(f"{tag}.mark-{what} {{"):]
        rule = rule[:rule.index("}")]
        for declaration in style.lower().split(";"):
            assert declaration.replace(":", ": ") in rule, (what, declaration)


def test_page_view_groups_are_the_figures_groups():
    from analysis.plots import KIND_GROUPS

    assert explore.KIND_GROUPS == KIND_GROUPS


def test_a_kind_from_another_tool_is_a_safe_class(seeds):
    blocks = seeds.blocks.copy()
    blocks["kind"] = pd.array(['x" onclick="y'] * len(blocks), dtype="string")
    out = Corpus(**{**seeds.tables(), "blocks": blocks}).page()._repr_html_()
    assert set(_rows_html(out)) == {"kind-x-onclick-y group-unknown"} and ' onclick="' not in out  # text only


def test_a_page_without_a_title_is_named_by_its_site(seeds):
    pages = seeds.pages.assign(title=pd.array([None] * len(seeds.pages), dtype="string"),
                               site=pd.array(["contoh.id"] * len(seeds.pages), dtype="string"))
    view = Corpus(**{**seeds.tables(), "pages": pages}).page()
    assert view.name == "(no title; contoh.id)" and view.title == ""
    assert "(no title; contoh.id)" in view._repr_html_() and view.text().startswith(f"{view.doc_id}: (no title;")


def test_page_view_dates_read_in_words(fixtures):
    dates = fixtures.page("gencatan_pelabuhan").lines["dates"]
    assert dates.iloc[2] == "Senin pagi = 2 Mar 2020, pagi"
    assert dates.iloc[3] == "lebih dari seminggu = 1 week (a duration)"
    assert dates.iloc[4] == "tiga hari = 3 days (a duration)"
    assert not dates.iloc[5:].str.len().any()  # the links' times are written in full: their marks say them
    assert not dates.str.contains(r"\b\d{4}-\d\d", regex=True).any()  # no TIMEX3 value shown


def test_concordance_table_says_where_in_words(fixtures):
    hits = fixtures.search("gencatan senjata")
    shown = explore.concordance_table(hits)
    assert shown.columns.tolist() == explore.READING_COLUMNS and shown.index.equals(hits.index)
    pelabuhan = shown[shown["doc_id"] == "gencatan_pelabuhan"]
    # by reading the page: its title, then each of its four body paragraphs
    assert pelabuhan["where"].tolist()[:5] == ["title", "¶ 1", "¶ 2", "¶ 3", "¶ 4"]
    links = shown[hits["field"] == "links"]
    assert links["where"].str.fullmatch(r"link \d+").all()
    with pytest.raises(TypeError, match="lacks the column"):
        explore.concordance_table(hits.drop(columns="field"))


def test_describe_search(fixtures):
    hits = fixtures.search("gencatan senjata")
    n_pages = len(fixtures.pages)
    text = explore.describe_search(hits, "gencatan senjata", n_pages)
    assert text.startswith(f"“gencatan senjata” occurs {len(hits)} times on "
                           f"{hits.doc_id.nunique()} of {n_pages} pages (body ")
    assert explore.describe_search(hits.head(0), "x", 1) == "“x” occurs nowhere in the corpus' 1 page."
    with pytest.raises(TypeError, match="n_pages must be an int"):
        explore.describe_search(hits, "x", "3")


# --------------------------------------------------------------------------------------------
# Properties: never raises on valid input; the invariants hold

VOCAB = ["gencatan", "senjata", "Senjata", "bersenjata", "vaksin", "Vaksinasi", "divaksin", "Rusia", "kota",
         "warga", "covid-19", "Nagorno-Karabakh", "2020", "pada", "di", "yang"]
SEPARATORS = [" ", "  ", ", ", ". ", " - ", " (", ") ", '"', " / "]


@st.composite
def texts(draw, min_words=1, max_words=12) -> str:
    words = draw(st.lists(st.sampled_from(VOCAB), min_size=min_words, max_size=max_words))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True)).strip() or "kota"


@st.composite
def page_files(draw) -> list[str]:
    pages = []
    for _ in range(draw(st.integers(1, 3))):
        parts = [draw(texts()).title(), draw(texts()) + " (Foto: Arsip)"]
        parts += [draw(texts(4, 20)).capitalize() + "." for _ in range(draw(st.integers(1, 4)))]
        parts.append("Artikel Lainnya")
        for _ in range(draw(st.integers(0, 3))):
            h = draw(texts(3, 8)).title()
            parts += [h, "Dunia", h[:12] + "..", draw(st.sampled_from(["11 April 2021 22:19", "2 Maret 2020 08:05"]))]
        pages.append("\n\n".join(parts) + "\n")
    return pages


@contextlib.contextmanager
def corpus_of(pages: list[str]):
    root = Path(tempfile.mkdtemp(prefix="explore-props-"))
    try:
        for i, text in enumerate(pages):
            (root / f"p{i}.txt").write_text(text, encoding="utf-8")
        yield analysis.load_corpus(root)
    finally:
        shutil.rmtree(root)


def _field_texts(corpus: Corpus) -> list[tuple[str, str, str]]:
    p, para, links = corpus.pages, corpus.paragraphs, corpus.links
    out = [(d, "title", t) for d, t in zip(p.doc_id, p.title, strict=True)]
    out += [(d, "caption", t) for d, t in zip(p.doc_id, p.caption, strict=True)]
    out += [(d, "body", t) for d, t in zip(para.doc_id, para.text, strict=True)]
    out += [(d, "links", t) for d, t in zip(links.doc_id, links.headline, strict=True)]
    return [x for x in out if isinstance(x[2], str)]


@SLOW
@given(page_files(), st.lists(st.sampled_from(VOCAB), min_size=1, max_size=2).map(" ".join),
       st.sampled_from(["all", "body", "links", "captions"]))
def test_search_equals_a_full_regex_scan(pages, query, where):
    with corpus_of(pages) as corpus:
        hits = explore.search(corpus, query, where=where)
        fields = explore.WHERE[where]
        pattern = _whole_words(query)
        expected = sum(len(pattern.findall(t)) for _, f, t in _field_texts(corpus) if f in fields)
        assert len(hits) == expected
        assert hits["field"].isin(fields).all()
        assert (hits["match"].str.lower().str.split().map(" ".join) == query.lower()).all()
        dates = hits["date"].fillna(pd.Timestamp.max).tolist()
        assert dates == sorted(dates)
        assert explore.cached_index(corpus) is explore.cached_index(corpus)
        stemmed = explore.search(corpus, query, where=where, stem=True)
        assert len(stemmed) >= len(hits)  # every exact match is a match of its word forms


@SLOW
@given(page_files(), st.sampled_from(VOCAB), st.integers(0, 5))
def test_concordance_table_and_describe_search_on_any_hits(pages, query, extra_pages):
    with corpus_of(pages) as corpus:
        hits = explore.search(corpus, query)
        shown = explore.concordance_table(hits)
        assert len(shown) == len(hits) and shown.index.equals(hits.index)
        assert shown[["doc_id", "left", "match", "right"]].equals(hits[["doc_id", "left", "match", "right"]])
        assert shown["where"].str.fullmatch(r"title|caption|¶ \d+|link \d+").all()
        n_pages = len(corpus.pages) + extra_pages
        text = explore.describe_search(hits, query, n_pages)
        assert text.startswith(f"“{query}” occurs ") and text.endswith(".")
        assert (f" {len(hits)} time" in text) if len(hits) else ("nowhere" in text)


@functools.cache
def _fixture_index() -> explore.SearchIndex:
    return explore.build_index(analysis.load_corpus(FIXTURES))


@FAST
@given(st.text(max_size=30), st.sampled_from(explore.MODES), st.booleans(), st.integers(0, 60))
def test_search_never_raises_on_a_string_query(query, mode, stem, context):
    index = _fixture_index()
    try:
        hits = explore.search(index, query, mode=mode, stem=stem, context=context)
    except ValueError:
        assert not query.strip() or mode == "regex"
        return
    assert list(hits.columns) == explore.CONCORDANCE_COLUMNS
    assert (hits["match"].str.len() > 0).all()
    literal = explore.search(index, re.escape(query), mode="regex") if query.strip() else None
    if literal is not None and mode == "phrase" and not stem and " " not in query.strip():
        assert len(hits) <= len(literal)  # a whole-word match is a match of the literal text


@SLOW
@given(page_files())
def test_page_view_lines_are_the_blocks_lines(pages):
    with corpus_of(pages) as corpus:
        for doc_id in corpus.pages.doc_id:
            view = explore.page(corpus, doc_id)
            blocks = corpus.blocks[corpus.blocks.doc_id == doc_id]
            assert view.lines["text"].tolist() == [x for t in blocks.text for x in t.split("\n")]
            assert len(view.marks) == len(view.lines)
            out = view._repr_html_()
            shown = html.unescape(re.sub(r"<[^>]+>", "", out))
            assert all(line in shown for line in view.lines["text"])
            assert all(0 <= m[0] < m[1] <= len(t) for t, ms in zip(view.lines["text"], view.marks, strict=True)
                       for m in ms)
            for n in corpus.paragraphs.loc[corpus.paragraphs.doc_id == doc_id, "n"]:
                focus = explore.page(corpus, doc_id, paragraph=n).lines.query("focus")
                assert len(focus) >= 1 and set(focus["kind"]) == {"paragraph"}


events_frames = st.lists(st.tuples(
    st.datetimes(min_value=pd.Timestamp("2019-01-01").to_pydatetime(),
                 max_value=pd.Timestamp("2022-01-01").to_pydatetime()),
    st.integers(0, 60), st.sampled_from(["ceasefire", "armed_clash", "mediation"]),
    st.lists(st.sampled_from(["Russia", "Armenia", "Azerbaijan", "Vladimir Putin", "Atlantis"]), max_size=3)),
    max_size=12)


@FAST
@given(events_frames, st.sampled_from([None, "Rusia", "Kremlin", "Armenia", "Putin", "nobody"]),
       st.sampled_from([None, "ceasefire", ["mediation", "armed_clash"]]),
       st.one_of(st.none(), st.tuples(st.sampled_from([None, "2020", "2020-06", "2020-06-15"]),
                                      st.sampled_from([None, "2021", "2021-01", "2021-01-31"]))))
def test_events_for_keeps_exactly_the_matching_events(rows, actor, event_type, between):
    starts = pd.to_datetime([r[0] for r in rows]).astype("datetime64[ns]")
    events = pd.DataFrame({"start": starts, "end": starts + pd.to_timedelta([r[1] for r in rows], unit="D"),
                           "event_type": [r[2] for r in rows], "actors": [tuple(r[3]) for r in rows]})
    found = analysis.events_for(events, actor=actor, event_type=event_type, between=between)
    keep = np.ones(len(events), dtype=bool)
    if actor is not None:
        wanted = explore.canonical_actor(actor)
        keep &= np.array([wanted in a for a in events["actors"]], dtype=bool)
    if event_type is not None:
        keep &= events["event_type"].isin([event_type] if isinstance(event_type, str) else event_type).to_numpy()
    if between is not None:
        lo = pd.Period(between[0]).start_time if between[0] else pd.Timestamp.min
        hi = pd.Period(between[1]).end_time if between[1] else pd.Timestamp.max
        keep &= ((events["start"] <= hi) & (events["end"] >= lo)).to_numpy()
    pd.testing.assert_frame_equal(found, events[keep].reset_index(drop=True))


@FAST
@given(st.lists(st.tuples(st.sampled_from(["Dunia", "dunia ", "Nasional", None]),
                          st.sampled_from(["sidebar", "inline"])), max_size=10),
       st.sampled_from([None, "dunia", ["Nasional"]]), st.sampled_from([None, "sidebar"]))
def test_links_for_keeps_exactly_the_matching_links(rows, section, block):
    links = pd.DataFrame({"doc_id": "d", "block": [b for _, b in rows], "headline": "h",
                          "section": pd.array([s for s, _ in rows], dtype="string"),
                          "published": pd.NaT}).astype({"published": "datetime64[ns]"})
    found = analysis.links_for(links, section=section, block=block)
    wanted = None if section is None else {section} if isinstance(section, str) else set(section)
    expected = [i for i, (s, b) in enumerate(rows)
                if (wanted is None or (s is not None and s.strip().lower() in {w.lower() for w in wanted}))
                and (block is None or b == block)]
    assert found.index.tolist() == list(range(len(expected)))
    assert found["block"].tolist() == [rows[i][1] for i in expected]


def test_every_public_function_of_explore_has_a_property():
    source = Path(__file__).read_text(encoding="utf-8")
    properties = source[source.index("# Properties:"):]
    functions = [n for n in explore.__all__ if callable(getattr(explore, n)) and not isinstance(getattr(explore, n),
                                                                                                  type)]
    missing = [n for n in functions if not re.search(rf"\b{n}\(", properties)]
    assert not missing


@functools.cache
def _seed_corpus() -> Corpus:
    return analysis.load_corpus(SEEDS)


@FAST
@given(st.lists(st.text(max_size=60), min_size=1, max_size=6))
def test_page_never_raises_on_any_table_text(texts):
    """Whatever text the blocks table holds (a cache written by another tool), the view shows it, escaped."""
    seeds = _seed_corpus()
    blocks = seeds.blocks.head(len(texts)).copy()
    blocks["text"] = pd.array(texts[:len(blocks)], dtype="string")
    view = explore.page(Corpus(**{**seeds.tables(), "blocks": blocks}))
    assert view.lines["text"].tolist() == [x for t in texts[:len(blocks)] for x in t.split("\n")]
    out = view._repr_html_()
    shown = html.unescape(re.sub(r"<[^>]+>", "", out.replace("&#8288;", "")))
    assert all(line in shown for line in view.lines["text"])
    assert "<script" not in out.lower()  # ours has none, and a page's is escaped
    assert view.text().count("\n") >= len(view.lines)


def test_page_points_at_a_paragraph(fixtures):
    view = fixtures.page("gencatan_pelabuhan", paragraph=3)
    # paragraph 3 of the body is line 9 ("Pedagang ikan kembali ...")
    assert view.lines.loc[view.lines["focus"], "text"].tolist() == [_raw_lines("gencatan_pelabuhan")[8]]
    assert "▶ 9" in view.text() and "▶ 9" in view._repr_html_()
    assert not fixtures.page("gencatan_pelabuhan").lines["focus"].any()
    with pytest.raises(ValueError, match=r"has no paragraph 9 \(its paragraphs: 1 to 4\)"):
        fixtures.page("gencatan_pelabuhan", paragraph=9)
    with pytest.raises(TypeError, match="a paragraph number"):
        fixtures.page("gencatan_pelabuhan", paragraph="3")


def test_an_aware_bound_is_read_as_wib_wall_time():
    """Found in review: a bound with a time zone raised pandas' own TypeError."""
    events = pd.DataFrame({"event_id": [1, 2], "start": pd.to_datetime(["2020-10-01 05:00", "2020-10-01 09:00"]),
                           "end": pd.to_datetime(["2020-10-01 05:30", "2020-10-01 09:30"]),
                           "event_type": ["ceasefire", "ceasefire"], "actors": [["Russia"], ["Russia"]]})
    # 01:00 UTC is 08:00 WIB: the first event (05:00-05:30 WIB) is over by then, the second is not
    got = analysis.events_for(events, between=(pd.Timestamp("2020-10-01 01:00", tz="UTC"), None))
    assert got["event_id"].tolist() == [2]
