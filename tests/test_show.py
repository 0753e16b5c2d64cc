"""analysis.show: a table, or one plain sentence when there is nothing in it."""

import re

import pandas as pd
import pytest

from analysis.show import (
    Header,
    Note,
    Table,
    clip,
    column_kind,
    header,
    prose,
    report,
    sentences,
    short_value,
    table,
    tally,
)


def test_a_table_with_rows_is_itself():
    df = pd.DataFrame({"a": [1]})
    assert table(df, "nothing") is df
    series = pd.Series([1], name="n")
    assert table(series, "nothing") is series


@pytest.mark.parametrize("empty", [pd.DataFrame({"a": []}), pd.DataFrame(), pd.Series([], dtype="int64")])
def test_an_empty_table_is_a_sentence(empty):
    note = table(empty, "No quotations in this corpus.")
    assert isinstance(note, Note) and note == "No quotations in this corpus."
    assert repr(note) == "No quotations in this corpus."  # shown as itself, without quotes


def test_sentences():
    assert sentences(iter(["a.", "b."]), "none") == "a.\nb."
    assert sentences([], "No page shows links.") == "No page shows links."
    with pytest.raises(TypeError, match="not a single str"):
        sentences("one sentence", "none")
    with pytest.raises(TypeError, match="must be a str, not int"):
        sentences([1], "none")


def test_what_is_not_a_table_is_a_type_error():
    with pytest.raises(TypeError, match="expected a pandas DataFrame or Series, not list"):
        table([1, 2], "none")
    with pytest.raises(TypeError, match="the sentence must be a str"):
        table(pd.DataFrame(), None)


def test_a_note_displays_as_its_sentence_in_ipython():
    from IPython.lib.pretty import pretty

    assert pretty(Note("No videos in this corpus.")) == "No videos in this corpus."


# --- the report table ---------------------------------------------------------------------------------------

PAGES = pd.DataFrame({"doc_id": ["000_dc8006bf72fa3c3c", "kompas/001"],
                      "title": ["Soal Gencatan Senjata Armenia-Azerbaijan", None],
                      "site": [None, "kompas.com"]})


def test_report_is_a_table_or_the_sentence():
    df = pd.DataFrame({"a": [1]})
    shown = report(df, "nothing")
    assert isinstance(shown, Table) and shown.data is df and repr(shown) == repr(df)
    assert report(df.iloc[:0], "No links.") == "No links." and isinstance(report(df.iloc[:0], "No links."), Note)


@pytest.mark.parametrize(("values", "kind"), [
    (pd.Series([1, 2]), "num"), (pd.Series([0.5, None]), "num"), (pd.Series([True, False]), "flag"),
    (pd.Series(pd.to_datetime(["2021-04-11 22:19"])), "time"), (pd.Series(["Dunia", "sidebar"]), "short"),
    (pd.Series(["Menlu AS Waswas, China Makin Agresif Terhadap Taiwan"]), "text"),
    (pd.Series(["https://www.kompas.com/read/2020/11/10/gencatan-senjata"]), "token"),
    (pd.Series(["dc8006bf72fa3c3cdc8006bf72fa3c3c", "a b"]), "token"),
])
def test_column_kind(values, kind):
    assert column_kind(values) == kind


def test_short_value_and_clip():
    assert short_value("https://www.kompas.com/read/2020", 12) == "https://www…"
    assert short_value("Dunia", 12) == "Dunia"
    assert clip("Presiden Rusia Vladimir Putin terlibat", 20) == "Presiden Rusia…"
    assert clip("Pemerintahan", 6) == "Pemer…"  # one long word: cut inside, never longer than asked
    clipped = clip(pd.Series(["Rusia dan Turki", None]), 8)
    assert clipped.iloc[0] == "Rusia…" and pd.isna(clipped.iloc[1])


def _html(data, **kwargs):
    return report(data, "none", **kwargs)._repr_html_()


def test_report_html_is_classes_and_escaped_text():
    df = pd.DataFrame({"doc_id": ["000_dc8006bf72fa3c3c"],
                       "headline": ["<b>Kremlin</b> & Baku: kami tidak tahu apa-apa"],
                       "similarity": [0.10987], "related": [True], "url": ["https://example.org/a/very/long/path"],
                       "published": pd.to_datetime(["2021-04-11 22:19"])})
    text = _html(df, pages=PAGES)
    assert 'style=' not in text and "<b>" not in text and "&lt;b&gt;Kremlin&lt;/b&gt; &amp; Baku" in text
    assert '<td class="num">0.110</td>' in text and '<td class="flag">yes</td>' in text
    assert '<td class="time">11 Apr 2021 22:19</td>' in text
    assert '<span title="https://example.org/a/very/long/path">https://example.o…</span>' in text
    # the page's title beside its shortened id, the full id in the title attribute
    assert ('<td class="page"><span class="page-title">Soal Gencatan Senjata Armenia-Azerbaijan</span> '
            '<span class="doc-id" title="000_dc8006bf72fa3c3c">000_dc8006b…</span></td>') in text
    longer = {"000_dc8006bf72fa3c3c": "Soal Gencatan Senjata Armenia-Azerbaijan, Kremlin: Kami Tidak Tahu"}
    assert ('<span class="page-title" title="Soal Gencatan Senjata Armenia-Azerbaijan, Kremlin: Kami Tidak Tahu">'
            "Soal Gencatan Senjata…</span>") in _html(df, pages=longer)  # cut at a word, the whole title on hover
    assert text == _html(df, pages=PAGES)  # the same every time: no random ids


def test_a_page_without_a_title_is_named_by_its_site():
    text = _html(pd.DataFrame({"doc_id": ["kompas/001"], "n": [3]}), pages=PAGES)
    assert '<span class="page-title">kompas.com</span>' in text and 'title="kompas/001"' in text


def test_a_named_index_is_a_column_and_whole_floats_print_as_integers():
    series = pd.Series([22.0, 5.0, None], index=pd.Index(["no links", "topical", "mixed"], name="verdict"),
                       name="count")
    text = _html(series)
    assert "<th class=\"short\">verdict</th>" in text and '<td class="num">22</td>' in text
    assert '<td class="int">' not in text


def test_a_wide_table_of_many_rows_is_split_repeating_its_first_column():
    wide = pd.DataFrame({f"column_{i}": [f"nilai teks panjang nomor {i} untuk baris {r}" for r in range(5)]
                         for i in range(8)})
    _, _, groups, transposed = Table(wide).layout()
    assert not transposed and len(groups) > 1
    assert all(g[0] == "column_0" for g in groups) and sorted({c for g in groups for c in g}) == sorted(wide.columns)
    text = Table(wide)._repr_html_()
    assert text.count("<table") == len(groups) and f"part 1 of {len(groups)}" in text


def test_a_wide_table_of_few_rows_is_transposed():
    wide = pd.DataFrame({f"column_{i}": [f"nilai teks panjang nomor {i} untuk baris {r}" for r in range(2)]
                         for i in range(8)})
    text = Table(wide)._repr_html_()
    assert "transposed" in text and text.count("<tr>") == 8 and text.count('<th class="field">') == 8


def test_headers_break_only_at_underscores_and_rows_are_limited():
    df = pd.DataFrame({"hours_before_reference": range(70)})
    text = _html(df)
    assert "hours_\u200bbefore_\u200breference" in text
    assert "first 60 of 70 rows" in text and text.count("<tr>") == 61


def test_prose_header_and_tally_are_escaped_paragraphs():
    assert prose("a <b>.\nb.")._repr_html_() == '<div class="prose"><p>a &lt;b&gt;.</p><p>b.</p></div>'
    assert prose(["satu.", "dua."]) == "satu.\ndua."
    assert Note("x")._repr_html_() == '<div class="prose"><p>x</p></div>'
    h = header(["Corpus: ../seeds", "1 page"])
    assert isinstance(h, Header) and h._repr_html_() == (
        '<div class="report-header"><p>Corpus: ../seeds</p><p>1 page</p></div>')
    assert tally(["topical", "mixed", "topical", None], "pages with links, by verdict") == (
        "Pages with links, by verdict: topical (2), mixed (1), (none) (1); 4 in all.")
    assert tally([], "pages with links") == "No pages with links."
    with pytest.raises(TypeError):
        tally("topical", "pages")
    assert not re.search(r"\bid=", _html(pd.DataFrame({"a": [1]})))


def test_a_report_of_a_count_by_doc_id_and_of_repeated_column_names_renders():
    """Found in review: an index named like a column ('doc_id' counted by 'doc_id') and two columns of one name
    raised in _repr_html_."""
    from analysis import show

    counts = pd.DataFrame({"doc_id": ["a", "a", "b"]}).groupby("doc_id")["doc_id"].count()
    html = show.report(counts, "none")._repr_html_()
    assert "id (index)</th>" in html and '<td class="num">2</td>' in html
    html = show.report(pd.DataFrame([[1, 2]], columns=["a", "a"]), "none")._repr_html_()
    assert ">a<" in html and ">a (2)<" in html
