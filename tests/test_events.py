"""Tests for analysis.events: event rows, types, actors and furniture times.

Facts about the seed were read from seeds/000_dc8006bf72fa3c3c.txt by hand; the other sentences are
written for these tests.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

import analysis
from analysis.dates import COLUMNS
from analysis.events import (
    EVENT_COLUMNS,
    corpus_dates,
    extract_events,
    furniture_times,
    load_gazetteer,
    load_lexicon,
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
    assert extract_events(_corpus(text, None)).empty  # year unknown: no interval, no event
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
