"""Tests for analysis.dates: furniture timestamps and the temporal tagger find_dates.

The hand-resolved set in tests/data/dates_gold.csv quotes short expressions from the seed page and
from pages of ../shared/corpus; each value was resolved by reading the page against the reference
time stated in the row (the page's printed date line, else its URL date, else a stated reference).
Rows about shared pages skip when ../shared is absent.
"""

from __future__ import annotations

import csv
from datetime import datetime
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from analysis.dates import (
    COLUMNS,
    DAYS,
    MONTHS,
    find_dates,
    find_timestamps,
    iter_dates,
    parse_timestamp,
    sentence_spans,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD_CSV = Path(__file__).resolve().parent / "data" / "dates_gold.csv"
GOLD = list(csv.DictReader(GOLD_CSV.open(encoding="utf-8")))


def _page_path(file: str) -> Path:
    return REPO / file if file.startswith("seeds/") else SHARED / file


def _locate(text: str, row: dict) -> tuple[int, int]:
    """Character span of the gold expression (its context's n-th occurrence locates it)."""
    context = row["context"] or row["expression"]
    pos = -1
    for _ in range(int(row["occurrence"])):
        pos = text.find(context, pos + 1)
    assert pos >= 0, f"{row['expression']!r} not found in {row['file']}"
    start = pos + context.index(row["expression"])
    return start, start + len(row["expression"])


@cache
def _tagged(file: str, reference: str) -> pd.DataFrame:
    return find_dates(_page_path(file).read_text(encoding="utf-8"), reference)


def _gold_param(row: dict) -> pytest.param:
    marks = []
    if row["xfail"]:
        marks.append(pytest.mark.xfail(reason=row["xfail"], strict=True))
    return pytest.param(row, id=f"{row['file'].split('/')[-1]}:{row['expression']}", marks=marks)


def test_gold_set_size_and_coverage():
    files = {r["file"] for r in GOLD}
    kinds = {r["kind"] for r in GOLD}
    assert len(GOLD) >= 60 and len(files) >= 11
    assert kinds == {"date", "time", "duration", "relative", "vague"}
    assert {r["mod"] for r in GOLD} >= {"END", "LESS_THAN", "MORE_THAN"}


@pytest.mark.parametrize("row", [_gold_param(r) for r in GOLD])
def test_gold_expression(row, request):
    if not row["file"].startswith("seeds/"):
        request.getfixturevalue("shared_dir")  # skips when ../shared is absent
    text = _page_path(row["file"]).read_text(encoding="utf-8")
    start, end = _locate(text, row)
    df = _tagged(row["file"], row["reference"])
    hit = df[(df["offset"] < end) & (df["offset"] + df["text"].str.len() > start)]
    assert len(hit) == 1, f"{row['expression']!r}: {hit[['text', 'value']].values.tolist()}"
    got = hit.iloc[0]
    assert (got["value"], got["kind"]) == (row["value"], row["kind"])
    assert ("" if pd.isna(got["mod"]) else got["mod"]) == row["mod"]
    if row["weekday_mismatch"]:
        assert bool(got["weekday_mismatch"]) is (row["weekday_mismatch"] == "True")


# --- own sentences for forms the pages do not show ---------------------------------------------

REF = "2021-04-11 22:19"  # a Sunday


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # full dates, abbreviated and old month spellings, English furniture
        ("Rapat digelar 3 Okt 2019 di Jakarta.", None, [("3 Okt 2019", "2019-10-03")]),
        ("Dibuka pada 17 Agt. 2018 lalu.", None, [("17 Agt. 2018 lalu", "2018-08-17")]),
        ("Proklamasi 10 Nopember 1945 diperingati.", None, [("10 Nopember 1945", "1945-11-10")]),
        ("Terbit Pebruari 2021.", None, [("Pebruari 2021", "2021-02")]),
        ("Posted 5 Dec 2020 10:15", None, [("5 Dec 2020 10:15", "2020-12-05T10:15")]),
        ("Jumat, 9 April 2021 pukul 07.30 WITA", None, [("Jumat, 9 April 2021 pukul 07.30 WITA", "2021-04-09T07:30")]),
        # year-less dates: reference, no reference, forward cues
        ("Gencatan senjata pada 9 November.", REF, [("9 November", "2020-11-09")]),
        ("Gencatan senjata pada 9 November.", None, [("9 November", "XXXX-11-09")]),
        ("Pemilu akan digelar 9 November.", REF, [("9 November", "2021-11-09")]),
        ("Konferensi 17 Mei mendatang.", REF, [("17 Mei mendatang", "2021-05-17")]),
        ("Pada 2 April lalu dia datang, pada 2020 juga.", REF, [("2 April lalu", "2021-04-02"), ("2020", "2020")]),
        ("Sabtu (10/10) pasukan mundur.", REF, [("Sabtu (10/10)", "2020-10-10")]),
        ("Sabtu (10/10) pasukan mundur.", None, [("Sabtu (10/10)", "XXXX-10-10")]),
        # ranges
        ("Pertempuran 27 September hingga 10 November.", REF,
         [("27 September hingga 10 November", "2020-09-27/2020-11-10")]),
        ("Libur 30 Desember - 2 Januari 2021.", None, [("30 Desember - 2 Januari 2021", "2020-12-30/2021-01-02")]),
        # parts of periods
        ("Harga naik sejak awal Maret 2020.", None, [("awal Maret 2020", "2020-03")]),
        ("Dijadwalkan pertengahan tahun 2022.", None, [("pertengahan tahun 2022", "2022")]),
        ("Mereka bertemu akhir pekan.", REF, [("akhir pekan", "2021-W14-WE")]),
        ("Era tahun 1990-an sudah lewat.", None, [("tahun 1990-an", "199X")]),
        # relative expressions
        ("Kemarin hujan, hari ini cerah, besok mendung.", REF,
         [("Kemarin", "2021-04-10"), ("hari ini", "2021-04-11"), ("besok", "2021-04-12")]),
        ("Ia tiba dua hari lalu.", REF, [("dua hari lalu", "2021-04-09")]),
        ("Harga naik bulan depan.", REF, [("bulan depan", "2021-05")]),
        ("Inflasi tahun lalu tinggi.", REF, [("tahun lalu", "2020")]),
        ("Senin lalu ia pergi.", REF, [("Senin lalu", "2021-04-05")]),
        ("Rapat pekan lalu batal.", REF, [("pekan lalu", "2021-W13")]),
        ("Ia pergi tiga bulan lalu.", REF, [("tiga bulan lalu", "2021-01")]),
        ("Sidang digelar Rabu depan.", REF, [("Rabu depan", "2021-04-14")]),
        ("Ia ditangkap tadi malam.", REF, [("tadi malam", "2021-04-11TNI")]),
        # durations and vague references
        ("Perang berlangsung 44 hari.", None, [("44 hari", "P44D")]),
        ("Selama enam minggu dan dua belas jam.", None, [("enam minggu", "P6W"), ("dua belas jam", "PT12H")]),
        ("Konflik puluhan tahun, berabad-abad.", None, [("puluhan tahun", "PXDE"), ("berabad-abad", "PXCE")]),
        ("Terjadi beberapa waktu lalu.", REF, [("beberapa waktu lalu", "PAST_REF")]),
        ("Akan diumumkan dalam waktu dekat.", REF, [("dalam waktu dekat", "FUTURE_REF")]),
        # clock times: zone kept, value not shifted; bare times take the sentence's date
        ("Ledakan terjadi Senin (5/4/2021) sekitar pukul 14.30 WIT.", None,
         [("Senin (5/4/2021)", "2021-04-05"), ("sekitar pukul 14.30 WIT", "2021-04-05T14:30")]),
        ("Laga dimulai pukul 19.00 WIB.", REF, [("pukul 19.00 WIB", "2021-04-11T19:00")]),
        # things that are not dates
        ("Sebanyak 2000 tentara dan 1.960 prajurit, Rp 9.333, 0,36% dan 20 persen.", REF, []),
        ("Raja Juli adalah anggota partai, bukan juli.", REF, []),
    ],
)
def test_find_dates_literal(text, reference, expected):
    df = find_dates(text, reference)
    assert list(zip(df["text"], df["value"], strict=True)) == expected


def test_interval_of_late_september_is_its_last_third():
    row = find_dates("konflik pecah pada akhir September", REF).iloc[0]
    assert (row["kind"], row["mod"], row["granularity"]) == ("date", "END", "month")
    assert row["start"] == pd.Timestamp("2020-09-21")
    assert row["end"] == pd.Timestamp("2020-09-30 23:59:59")


def test_unresolved_without_reference_has_no_interval():
    df = find_dates("pada 9 November dan akhir September, kemarin", None)
    assert df["start"].isna().all() and df["end"].isna().all()
    assert df["value"].tolist() == ["XXXX-11-09", "XXXX-09", "XXXX-XX-XX"]


def test_year_is_never_borrowed_from_other_dates_in_the_text():
    df = find_dates("Perang 2020 berakhir pada 9 November.", None)
    assert df["value"].tolist() == ["2020", "XXXX-11-09"]


def test_weekday_mismatch_is_kept_and_flagged():
    df = find_dates("Rabu (10/11/2020) dan Selasa (10/11/2020)")
    assert df["value"].tolist() == ["2020-11-10", "2020-11-10"]
    assert df["weekday_mismatch"].tolist() == [True, False]
    assert "contradicts" in df["resolution"].iloc[0]


def test_zone_and_modifier_columns():
    row = find_dates("sekitar pukul 10.00 WITA", "2021-04-11").iloc[0]
    assert (row["zone"], row["mod"], row["value"]) == ("WITA", "APPROX", "2021-04-11T10:00")
    row = find_dates("hampir tiga dekade").iloc[0]
    assert (row["kind"], row["value"], row["mod"]) == ("duration", "P3DE", "LESS_THAN")


def test_reference_time_accepts_indonesian_strings_and_timestamps():
    a = find_dates("kemarin", "Kamis, 12 November 2020 - 07:06 WIB")
    b = find_dates("kemarin", pd.Timestamp("2020-11-12 07:06"))
    c = find_dates("kemarin", datetime(2020, 11, 12))
    assert a["value"].tolist() == b["value"].tolist() == c["value"].tolist() == ["2020-11-11"]
    assert find_dates("kemarin", pd.NaT)["value"].tolist() == ["XXXX-XX-XX"]


def test_frame_contract():
    df = find_dates("Selasa (10/11/2020) pukul 10.00 WIB", REF)
    assert list(df.columns) == COLUMNS
    assert str(df["start"].dtype) == "datetime64[ns]" and str(df["end"].dtype) == "datetime64[ns]"
    assert str(df["weekday_mismatch"].dtype) == "boolean"
    assert str(df["value"].dtype) == "str" and pd.isna(df["mod"]).all()
    empty = find_dates("", REF)
    assert list(empty.columns) == COLUMNS and empty.empty
    assert empty.dtypes.equals(df.dtypes)
    assert [t.text for t in iter_dates("kemarin dan hari ini", REF)] == ["kemarin", "hari ini"]


def test_many_texts_give_one_table_with_a_doc_column():
    texts = pd.Series(["pada 9 November", "tanpa tanggal", "kemarin"], index=["a", "b", "c"])
    df = find_dates(texts, ["2021-04-11", None, pd.Timestamp("2020-11-12")])
    assert df[["doc", "value"]].values.tolist() == [["a", "2020-11-09"], ["c", "2020-11-11"]]
    df = find_dates(["kemarin", "besok"], "2020-11-12")
    assert df[["doc", "value"]].values.tolist() == [[0, "2020-11-11"], [1, "2020-11-13"]]
    with pytest.raises(ValueError, match="reference times"):
        find_dates(["a", "b"], ["2020-01-01"])


def test_sentence_spans():
    text = "Satu dua. Tiga empat!\nLima.Enam tujuh"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Satu dua.", "Tiga empat!", "Lima.", "Enam tujuh"]


# --- furniture timestamps (used by the loader) ---------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kamis, 08 April 2021", pd.Timestamp("2021-04-08")),
        ("11 April 2021 22:19", pd.Timestamp("2021-04-11 22:19")),
        ("23/08/2022, 06:15 WIB", pd.Timestamp("2022-08-23 06:15")),
        ("Kamis, 12 November 2020 - 07:06 WIB", pd.Timestamp("2020-11-12 07:06")),
        ("tanpa tanggal", None),
    ],
)
def test_parse_timestamp(text, expected):
    assert parse_timestamp(text) == expected


def test_find_timestamps_weekday_and_zone():
    (ts,) = find_timestamps("Rabu, 12 November 2020 | 21:08 WIB")
    assert (ts.zone, ts.has_time, ts.weekday_ok) == ("WIB", True, False)


def test_calendar_vocabulary():
    assert MONTHS["nopember"] == MONTHS["november"] == 11 and MONTHS["agt"] == 8
    assert DAYS["ahad"] == DAYS["minggu"] == 6 and DAYS["jumat"] == 4
