"""Tests for analysis.events: event rows, types, actors and furniture times.

Facts about the seed were read from seeds/000_dc8006bf72fa3c3c.txt by hand; the other sentences are
written for these tests.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.dates import COLUMNS
from analysis.events import (
    EVENT_COLUMNS,
    TIMELINE_COLUMNS,
    consolidate_events,
    corpus_dates,
    extract_events,
    furniture_times,
    load_gazetteer,
    load_lexicon,
    page_references,
)

SEED_CRAWLED = pd.Timestamp("2021-04-11 22:19")  # latest sidebar link time of the seed


def _corpus(paragraphs: list[str], reference: str | None = "2021-04-11", doc_id: str = "doc") -> SimpleNamespace:
    pages = pd.DataFrame({"doc_id": [doc_id], "reference_time": [pd.Timestamp(reference) if reference else pd.NaT]})
    paras = pd.DataFrame({"doc_id": doc_id, "n": range(1, len(paragraphs) + 1), "text": paragraphs})
    return SimpleNamespace(pages=pages, paragraphs=paras)


@pytest.fixture(scope="module")
def seed_corpus(seed_path):
    return analysis.load_corpus(seed_path.parent)


@pytest.fixture(scope="module")
def seed_events(seed_corpus):
    return extract_events(seed_corpus)


def test_seed_reference_time_is_the_crawl_time(seed_corpus):
    assert seed_corpus.pages["reference_time"].tolist() == [SEED_CRAWLED]


def test_seed_ceasefire_on_9_november_2020_with_russia(seed_events):
    rows = seed_events[seed_events["event_type"] == "ceasefire"]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["expression"], row["value"], row["granularity"]) == ("9 November", "2020-11-09", "day")
    assert row["start"] == pd.Timestamp("2020-11-09")
    assert "Russia" in row["actors"]
    assert "ditengahi Rusia pada 9 November" in row["sentence"]


def test_seed_armed_conflict_in_late_september_2020(seed_events):
    rows = seed_events[seed_events["event_type"] == "armed_clash"]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["expression"], row["value"], row["mod"]) == ("akhir September", "2020-09", "END")
    assert pd.Timestamp("2020-09-01") <= row["start"] <= row["end"] <= pd.Timestamp("2020-09-30 23:59:59")
    assert row["start"] == pd.Timestamp("2020-09-21")
    # "di kedua sisi" names no one: actors come from the sentence before (Armenia and Azerbaijan)
    assert row["actors_source"] == "context" and {"Armenia", "Azerbaijan"} <= set(row["actors"])


def test_seed_has_no_event_for_vague_or_duration_times(seed_events):
    assert set(seed_events["kind"]) <= {"date", "time", "relative"}
    assert "beberapa waktu lalu" not in set(seed_events["expression"])
    assert list(seed_events.columns) == EVENT_COLUMNS


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("Para pengunjuk rasa berkumpul, Selasa (10/11/2020), di Yerevan beberapa jam setelah kesepakatan "
         "damai diumumkan.", "protest"),
        ("Kedua pihak menyetujui gencatan senjata yang ditengahi Rusia pada 9 November 2020.", "ceasefire"),
        ("Pertempuran pecah pada 27 September 2020, menewaskan puluhan orang.", "armed_clash"),
        ("Azerbaijan merebut kota Shusha pada 8 November 2020.", "territorial_change"),
        ("Rusia mengerahkan pasukan penjaga perdamaian pada 10 November 2020.", "peacekeeping"),
        ("Putin melakukan panggilan telepon dengan Aliyev pada 30 September 2020.", "talks"),
        ("Sedikitnya 20 orang tewas pada 4 Oktober 2020.", "casualties"),
        ("Kedua negara menandatangani perjanjian pada 10 Januari 2021.", "agreement"),
        ("Pada 1 Oktober 2020, Presiden Prancis Emmanuel Macron mengatakan hal itu.", "statement"),
        ("Pada 11 Oktober 2020 Rusia menengahi perundingan.", "mediation"),
    ],
)
def test_event_type_of_own_sentences(sentence, event_type):
    ev = extract_events(_corpus([sentence]))
    assert ev["event_type"].tolist() == [event_type]


def test_sentence_without_trigger_or_date_gives_no_event():
    ev = extract_events(_corpus(["Cuaca cerah pada 9 November 2020.", "Gencatan senjata disepakati."]))
    assert ev.empty and list(ev.columns) == EVENT_COLUMNS


def test_actors_metonyms_variants_and_people():
    ev = extract_events(_corpus([
        "Presiden Azerbaijan Ilham Aliyev dan PM Armenia Nikol Pashinian bertemu di Moskow.",
        "Aliyev mengatakan Baku dan Yerevan sepakat soal Nagorno Karabakh pada 9 November 2020.",
        "Bentrokan di Nagorny Karabakh dan Karabagh pecah lagi pada 27 September 2020, kata Kremlin.",
    ]))
    assert ev["actors"].tolist() == [
        ("Ilham Aliyev", "Azerbaijan", "Armenia", "Nagorno-Karabakh"),
        ("Nagorno-Karabakh", "Russia"),
    ]
    people = extract_events(_corpus(["Pada 9 November 2020 PM Nikol Pashinian mengumumkan gencatan senjata."]))
    assert people["actors"].iloc[0] == ("Nikol Pashinyan",)


def test_year_less_dates_follow_the_reference_time():
    text = ["Gencatan senjata disepakati pada 9 November."]
    assert extract_events(_corpus(text, "2021-04-11"))["value"].tolist() == ["2020-11-09"]
    unknown = extract_events(_corpus(text, None))  # year unknown: a mention without interval, left out
    assert unknown["value"].tolist() == ["XXXX-11-09"] and unknown["start"].isna().all()
    assert consolidate_events(unknown, with_mentions=True)[1]["excluded"].tolist() == ["unresolved"]
    override = extract_events(_corpus(text, None), reference_times={"doc": pd.Timestamp("2020-11-12")})
    assert override["value"].tolist() == ["2020-11-09"]


def test_lexicon_covers_the_required_types_with_acled_and_cameo():
    table = load_lexicon().table
    required = {"armed_clash", "ceasefire", "agreement", "talks", "mediation", "casualties",
                "territorial_change", "peacekeeping", "protest", "statement"}
    assert required <= set(table["event_type"])
    assert table["cameo_root"].astype(int).between(1, 20).all()
    assert set(table["acled_event_type"]) <= {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                              "Protests", "Riots", "Strategic developments"}
    assert table["priority"].is_unique and (table["triggers"].str.len() > 0).all()
    doc = analysis.events.__doc__
    for etype in table["event_type"]:
        assert f"\n{etype} " in doc, f"{etype} missing from the documented table"


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [("Rusia", "Russia"), ("Turki", "Turkey"), ("Amerika Serikat", "United States"), ("Azerbaijan", "Azerbaijan"),
     ("Baku", "Azerbaijan"), ("Kremlin", "Russia"), ("Nagorno-Karabakh", "Nagorno-Karabakh"),
     ("Nagorno Karabakh", "Nagorno-Karabakh"), ("Karabagh", "Nagorno-Karabakh"), ("Ajerbaijan", "Azerbaijan")],
)
def test_gazetteer_places(alias, canonical):
    assert load_gazetteer().place(alias) == canonical


def test_furniture_times_of_the_seed(seed_corpus):
    ft = furniture_times(seed_corpus)
    assert ft["time"].is_monotonic_increasing
    by_source = ft.groupby("source")["time"].agg(["min", "max", "size"])
    assert by_source.loc["video"].tolist() == [pd.Timestamp("2021-04-08"), pd.Timestamp("2021-04-10"), 3]
    assert by_source.loc["link", "max"] == SEED_CRAWLED and by_source.loc["link", "size"] == 8
    assert by_source.loc["crawled"].tolist() == [SEED_CRAWLED, SEED_CRAWLED, 1]


def test_shared_pages_with_printed_dates(shared_corpus):
    ev = extract_events(shared_corpus)
    # 017.txt (printed 2 November 2022): the Sochi meeting of Senin (31/10)
    sochi = ev[(ev["doc_id"] == "017") & (ev["value"] == "2022-10-31")].iloc[0]
    assert sochi["event_type"] == "talks"
    assert {"Vladimir Putin", "Nikol Pashinyan", "Ilham Aliyev"} <= set(sochi["actors"])
    # 049.txt (no date line; reference = crawl time 2 March 2021): protest in Myanmar on Sabtu (20/02/2021)
    myanmar = ev[(ev["doc_id"] == "049") & (ev["value"] == "2021-02-20")].iloc[0]
    assert myanmar["event_type"] in {"protest", "casualties"} and "Myanmar" in myanmar["actors"]


def test_corpus_dates_of_the_seed(seed_corpus):
    dates = corpus_dates(seed_corpus)
    assert list(dates.columns) == ["doc_id", "paragraph", *COLUMNS]
    rows = dates[["paragraph", "text", "value"]].values.tolist()
    assert rows == [
        [1, "beberapa waktu lalu", "PAST_REF"],
        [7, "puluhan tahun", "PXDE"],
        [7, "akhir September", "2020-09"],
        [8, "9 November", "2020-11-09"],
    ]
    assert dates["resolution"].iloc[3] == "year from reference 2021-04-11 22:19 (most recent on or before)"


# --- issue 13: events, not mentions ---------------------------------------------------------------

def _pages(pages: dict[str, tuple[str | None, list[str]]]) -> SimpleNamespace:
    """A corpus of own sentences: doc_id -> (printed date line or None, paragraphs)."""
    rows, paras = [], []
    for doc_id, (ref, texts) in pages.items():
        rows.append({"doc_id": doc_id, "reference_time": pd.Timestamp(ref) if ref else pd.NaT,
                     "reference_source": "dateline" if ref else "none"})
        paras += [{"doc_id": doc_id, "n": i, "text": t} for i, t in enumerate(texts, 1)]
    pages = pd.DataFrame(rows, columns=["doc_id", "reference_time", "reference_source"])
    return SimpleNamespace(pages=pages, paragraphs=pd.DataFrame(paras, columns=["doc_id", "n", "text"]))


def _timeline(pages: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    return consolidate_events(extract_events(_pages(pages)), with_mentions=True)


def test_signing_and_the_ceasefire_it_sets_up_are_one_event_peacekeepers_another():
    tl, mentions = _timeline({
        "a": ("2020-11-12", ["Armenia dan Azerbaijan menandatangani perjanjian pada 9 November 2020 di Moskow."]),
        "b": ("2020-11-11", ["Gencatan senjata antara Armenia dan Azerbaijan berlaku pada Selasa (10/11/2020).",
                             "Pasukan penjaga perdamaian Rusia tiba di Nagorno-Karabakh pada Selasa (10/11/2020)."]),
    })
    assert tl["event_type"].tolist() == ["ceasefire", "peacekeeping"]
    truce = tl.iloc[0]
    assert (truce["start"], truce["end"]) == (pd.Timestamp("2020-11-09"), pd.Timestamp("2020-11-10 23:59:59"))
    assert (truce["n_mentions"], truce["n_docs"], truce["doc_ids"]) == (2, 2, ("a", "b"))
    assert set(truce["event_types"]) == {"agreement", "ceasefire"} and truce["era"] == "news"
    assert truce["first_reported"] == pd.Timestamp("2020-11-11")
    assert tl.iloc[1]["doc_ids"] == ("b",) and tl["event_id"].tolist() == [1, 2]
    assert mentions["event_id"].tolist() == [1, 1, 2]


def test_a_clash_and_the_town_taken_next_day_stay_two_events():
    tl, _ = _timeline({"a": ("2020-11-12", [
        "Pertempuran sengit antara Armenia dan Azerbaijan pecah pada 8 November 2020.",
        "Azerbaijan merebut desa di Nagorno-Karabakh pada 9 November 2020.",
    ])})
    assert tl["event_type"].tolist() == ["armed_clash", "territorial_change"]


def test_same_type_same_day_with_other_actors_stays_apart():
    tl, _ = _timeline({"a": ("2021-02-22", [
        "Ribuan demonstran berunjuk rasa di Myanmar pada 20 Februari 2021.",
        "Pengunjuk rasa berdemonstrasi di Thailand pada 20 Februari 2021.",
    ])})
    assert [t["actors"] for _, t in tl.iterrows()] == [("Myanmar",), ("Thailand",)]


def test_citation_and_after_report_dates_never_become_events():
    tl, mentions = _timeline({"a": ("2020-10-05", [
        "Pertempuran di Nagorno-Karabakh berlanjut, dikutip AFP, Minggu (4/10/2020).",
        "Gencatan senjata Armenia dan Azerbaijan disepakati pada 20 Oktober 2020.",  # past tense, after the report
        "Gencatan senjata Armenia dan Azerbaijan akan berlaku pada 20 Oktober 2020.",  # announced: not yet
    ])})
    assert mentions["excluded"].tolist() == ["citation", "after_report", "planned"]
    assert mentions["after_report"].tolist() == [False, True, False] and mentions["planned"].tolist()[2]
    assert tl.empty


def test_pages_without_a_report_date_are_not_checked():
    ev = extract_events(_pages({"a": (None, ["Gencatan senjata Armenia dan Azerbaijan disepakati pada 20 Oktober "
                                             "2020."])}))
    assert ev["after_report"].isna().all() and ev["reported"].notna().all()  # dated by its own date: unchecked
    assert ev["reference_source"].tolist() == ["text"]


def test_history_is_background_and_one_year_is_one_event_whatever_its_type():
    tl, mentions = _timeline({
        "a": ("2020-11-12", ["Gencatan senjata Armenia dan Azerbaijan disepakati pada tahun 1994.",
                             "Perang Armenia dan Azerbaijan pada tahun 2020 menewaskan ribuan orang."]),
        "b": ("2020-10-01", ["Perang antara Armenia dan Azerbaijan berakhir tahun 1994."]),
    })
    assert tl["era"].tolist() == ["background"] and tl["n_docs"].tolist() == [2]
    assert set(tl["event_types"].iloc[0]) == {"ceasefire", "armed_clash"}
    assert mentions["excluded"].tolist()[1] == "coarse"  # 2020 in a 2020 report: too coarse to place


def test_a_month_mention_joins_the_day_event_inside_it():
    tl, _ = _timeline({"a": ("2020-11-12", [
        "Pertempuran Armenia dan Azerbaijan pecah pada 27 September 2020.",
        "Konflik bersenjata Armenia dan Azerbaijan mulai pecah pada akhir September.",
    ])})
    assert len(tl) == 1 and tl["granularity"].iloc[0] == "day" and tl["n_mentions"].iloc[0] == 2


def test_anchored_offset_gives_the_clause_event():
    _, mentions = _timeline({"a": (None, [
        "Azerbaijan menggelar parade militer di Baku pada Kamis (10/12/2020), sebulan setelah kesepakatan damai "
        "yang ditengahi Rusia mengakhiri perang dengan Armenia.",
    ])})
    anchored = mentions[mentions["expression"] == "sebulan setelah"].iloc[0]
    assert anchored["start"] == pd.Timestamp("2020-11-10") and anchored["event_type"] == "ceasefire"


def test_empty_events_give_an_empty_timeline_with_its_columns():
    ev = extract_events(_pages({"a": ("2020-11-12", ["Tidak ada apa-apa."])}))
    tl, mentions = consolidate_events(ev, with_mentions=True)
    assert tl.empty and list(tl.columns) == TIMELINE_COLUMNS and mentions.empty
    with pytest.raises(TypeError, match="DataFrame"):
        consolidate_events(["not", "a", "table"])
    with pytest.raises(ValueError, match="actors"):
        consolidate_events(pd.DataFrame({"doc_id": [], "start": [], "end": [], "granularity": [], "event_type": []}))


def test_page_references_text_weekday_and_month():
    corpus = _pages({
        "dated": ("2020-11-11", ["Pasukan tiba."]),
        "own": (None, ["Gencatan senjata berlaku Selasa (10/11/2020).", "Pada 27 September perang pecah."]),
        "weekdays": (None, ["Pashinyan menandatangani kesepakatan Selasa (10/11) dan Rabu (11/11)."]),
        "typo": (None, ["Menteri bertemu Sabtu (10/11)."]),  # 10/11 is a Saturday in no year near 2020 but 2018
        "bare": (None, ["Tidak bertanggal."]),
    })
    corpus.pages.loc[len(corpus.pages)] = {"doc_id": "month", "reference_time": pd.Timestamp("2023-11-01"),
                                           "reference_source": "url"}
    corpus.pages["url_date_granularity"] = [None, None, None, None, None, "month"]
    refs = page_references(corpus).set_index("doc_id")
    assert refs["reference_source"].to_dict() == {"dated": "dateline", "own": "text", "weekdays": "text",
                                                  "typo": "none", "bare": "none", "month": "url"}
    assert refs.loc["own", "reference_time"] == pd.Timestamp("2020-11-10")
    assert refs.loc["weekdays", "reference_time"] == pd.Timestamp("2020-11-11")
    assert refs["reference_precision"].to_dict()["month"] == "month"
    dates = corpus_dates(corpus)
    assert dates.loc[dates["text"] == "27 September", "value"].tolist() == ["2020-09-27"]


def test_grid_urls_with_year_and_month_give_a_month_date():
    got = analysis.parse_url("https://sosok.grid.id/read/2023/11/412387109/slug-of-the-story")
    assert (got["url_date"], got["url_date_granularity"]) == (pd.Timestamp("2023-11-01"), "month")


def test_shared_pages_and_fixtures_never_raise(shared_dir):
    from conftest import FIXTURES

    paths = sorted((shared_dir / "corpus").glob("*.txt")) + sorted(FIXTURES.rglob("*.txt"))
    for path in paths:
        corpus = analysis.load_corpus([path])
        tl, mentions = consolidate_events(extract_events(corpus), with_mentions=True)
        assert tl["n_mentions"].sum() == mentions["event_id"].notna().sum()


def test_karabakh_pages_timeline(shared_corpus):
    """Values read off the pages: 011 (URL 11 Nov 2020) and 015 date the ceasefire in force on Selasa
    (10/11); 007 and 009 the Russian peacekeepers of the same day; 011 quotes Russia Today of Rabu
    (11/11/2020), a citation date."""
    tl, mentions = consolidate_events(extract_events(shared_corpus), with_mentions=True)
    truce = tl[(tl["event_type"] == "ceasefire") & (tl["start"] <= "2020-11-10") & (tl["end"] >= "2020-11-10")]
    assert len(truce) == 1 and {"011", "015"} <= set(truce["doc_ids"].iloc[0])
    peace = tl[tl["event_type"] == "peacekeeping"]
    assert len(peace) == 1 and set(peace["doc_ids"].iloc[0]) == {"007", "009"}
    cited = mentions[(mentions["doc_id"] == "011") & (mentions["expression"] == "Rabu (11/11/2020)")]
    assert cited["excluded"].tolist() == ["citation"] and cited["event_id"].isna().all()
    assert not mentions.loc[mentions["event_id"].notna(), "citation"].any()
    news = tl[tl["era"] == "news"]
    assert not (news["start"] > news["first_reported"].dt.normalize() + pd.Timedelta(days=1)).any()
    assert set(tl.loc[tl["start"].dt.year == 1994, "era"]) == {"background"}


FRAGMENTS = st.sampled_from([
    "Gencatan senjata", "pertempuran", "Armenia", "Azerbaijan", "Rusia", "pada", "9 November", "Selasa (10/11)",
    "tahun 1994", "dikutip AFP,", "sehari setelah", "akan", "pukul 13.00", ".", ",", "penjaga perdamaian",
    "Presiden Vladimir Putin", "kemarin", "akhir September", "18 dan 19 April",
])


@settings(max_examples=60, deadline=None)
@given(docs=st.lists(st.tuples(st.one_of(st.none(), st.sampled_from(["2020-11-12", "2020-10-01", "2023-09-21"])),
                               st.lists(st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=12)
                                        .map(" ".join), max_size=4)), max_size=4))
def test_events_and_timeline_never_raise_and_count_what_they_merge(docs):
    corpus = _pages({f"d{i}": doc for i, doc in enumerate(docs)})
    events = extract_events(corpus)
    assert list(events.columns) == EVENT_COLUMNS
    tl, mentions = consolidate_events(events, with_mentions=True)
    assert list(tl.columns) == TIMELINE_COLUMNS and len(mentions) == len(events)
    assert tl["event_id"].tolist() == list(range(1, len(tl) + 1))
    assert (tl["start"] <= tl["end"]).all()
    counts = mentions["event_id"].value_counts()
    for r in tl.itertuples():
        assert counts.get(r.event_id, 0) == r.n_mentions
        assert r.n_docs == len(r.doc_ids) == mentions.loc[mentions["event_id"] == r.event_id, "doc_id"].nunique()
    assert mentions["excluded"].isna().sum() == tl["n_mentions"].sum()


def test_disagreements_and_exclusions_are_tabled():
    from analysis.events import date_disagreements, exclusion_summary

    tl, mentions = _timeline({
        "a": ("2020-11-12", ["Gencatan senjata Armenia dan Azerbaijan berlaku pada 10 November 2020."]),
        "b": ("2020-11-12", ["Gencatan senjata Armenia dan Azerbaijan berlaku pada 11 November 2020.",
                             "Gencatan senjata Armenia dan Azerbaijan dilansir VOA, Kamis (12/11/2020)."]),
    })
    assert len(tl) == 1 and bool(tl["date_conflict"].iloc[0])  # one truce, two days given for it
    table = date_disagreements(mentions)
    assert table["day"].dt.day.tolist() == [10, 11] and table["doc_ids"].tolist() == [("a",), ("b",)]
    summary = exclusion_summary(mentions).set_index("excluded")
    assert list(summary.index) == list(analysis.events.EXCLUSIONS)
    assert summary.loc["citation", ["n_mentions", "n_pages"]].tolist() == [1, 1]
    assert summary["n_mentions"].sum() == mentions["event_id"].isna().sum()
    agree, agree_mentions = _timeline({"c": ("2020-11-12", [
        "Armenia menandatangani perjanjian dengan Azerbaijan pada 9 November 2020.",
        "Gencatan senjata Armenia dan Azerbaijan berlaku pada 10 November 2020."])})
    assert not agree["date_conflict"].any() and date_disagreements(agree_mentions).empty


def test_describe_timeline_counts_in_words():
    from analysis.events import describe_timeline

    events = pd.DataFrame({"doc_id": ["a", "a", "b"]})
    assert describe_timeline(events, pd.DataFrame({"era": ["news", "background"]})) == \
        "3 mentions on 2 pages -> 2 events: 1 of the news, 1 of background history."
    assert describe_timeline(events.iloc[:1], pd.DataFrame({"era": ["news"]})) == \
        "1 mention on 1 page -> 1 event: 1 of the news, 0 of background history."
    assert describe_timeline(pd.DataFrame(), pd.DataFrame()).startswith("0 mentions on 0 pages -> 0 events")


@pytest.mark.parametrize("sentence", [
    "Inflasi diperkirakan terkendali dalam sasaran 2,5 persen pada 2024, kata Gubernur BI.",
    "Pemerintah menargetkan pembicaraan damai rampung pada 20 Desember 2023.",
])
def test_forecasts_and_targets_are_planned_not_dated_after_their_report(sentence):
    ev = extract_events(_pages({"a": ("2023-10-20", [sentence])}))
    assert ev["after_report"].tolist() == [False] and ev["planned"].tolist() == [True]
    assert consolidate_events(ev, with_mentions=True)[1]["excluded"].tolist() == ["planned"]


@settings(max_examples=40, deadline=None)
@given(docs=st.lists(st.tuples(st.one_of(st.none(), st.sampled_from(["2020-11-12", "2023-09-21"])),
                               st.lists(st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=10)
                                        .map(" ".join), max_size=3)), max_size=4))
def test_references_dates_and_tables_never_raise(docs):
    from analysis.events import date_disagreements, describe_timeline, exclusion_summary
    from analysis.plots import event_table

    corpus = _pages({f"d{i}": doc for i, doc in enumerate(docs)})
    refs = page_references(corpus)
    assert refs["doc_id"].tolist() == corpus.pages["doc_id"].tolist()
    assert set(refs["reference_source"]) <= {"dateline", "text", "none"}
    assert (refs["reference_time"].isna() == (refs["reference_source"] == "none")).all()
    dates = corpus_dates(corpus)
    assert (dates["start"].dropna() <= dates.loc[dates["start"].notna(), "end"]).all()
    events = extract_events(corpus)
    tl, mentions = consolidate_events(events, with_mentions=True)
    assert exclusion_summary(mentions)["n_mentions"].sum() == mentions["event_id"].isna().sum()
    table = date_disagreements(mentions)
    assert set(table["event_id"]) <= set(tl.loc[tl["date_conflict"], "event_id"])
    assert describe_timeline(events, tl).startswith(f"{len(events)} mention")
    assert len(event_table(tl, None)) == len(tl)
    furniture = furniture_times(corpus)
    assert furniture["time"].is_monotonic_increasing


def test_seed_from_mentions_to_figure(seed_corpus, seed_events):
    """End to end on the seed: its two dated sentences (the clash of late September, the ceasefire of
    9 November that Russia brokered) are two events, drawn and tabled with their days."""
    import warnings

    import matplotlib.pyplot as plt

    from analysis import plots

    tl = consolidate_events(seed_events)
    assert tl["event_type"].tolist() == ["armed_clash", "ceasefire"]
    assert tl["start"].tolist() == [pd.Timestamp("2020-09-21"), pd.Timestamp("2020-11-09")]
    assert tl["era"].tolist() == ["news", "news"]  # the crawl five months later does not make them history
    rows = plots.timeline_rows(tl, furniture_times(seed_corpus))
    labels = rows.loc[rows["kind"] == "event", "label"].tolist()
    assert labels[1] == "ceasefire · Russia · 9 Nov 2020" and labels[0].endswith("21–30 Sep 2020")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plots.timeline(tl, furniture_times(seed_corpus))
    assert isinstance(fig, plt.Figure)
    plt.close(fig)
