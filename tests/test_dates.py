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
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- issue 13: what a careful reader gets right ---------------------------------------------------

NOV12 = "2020-11-12 10:00"  # a Thursday, two days after the Karabakh ceasefire came into force


def _one(text: str, reference: object = NOV12, precision: str = "exact") -> pd.Series:
    df = find_dates(text, reference, precision)
    assert len(df) == 1, df[["text", "value"]].values.tolist()
    return df.iloc[0]


def test_bare_clock_time_after_a_dated_sentence_never_raises_and_takes_that_date():
    df = find_dates("Rapat digelar Senin (2/11/2020). Pada pukul 13.00 WIB, rapat selesai.", NOV12)
    assert df["value"].tolist() == ["2020-11-02", "2020-11-02T13:00"]
    assert df["start"].iloc[1] == pd.Timestamp("2020-11-02 13:00")
    # two sentences later the page's own reference date applies again
    far = find_dates("Senin (2/11/2020) rapat. Lalu sidang. Pukul 13.00 WIB rapat selesai.", NOV12)
    assert far["value"].iloc[1] == "2020-11-12T13:00"


@pytest.mark.parametrize(
    ("text", "expression", "value", "granularity"),
    [
        ("Selasa pagi (10/11), pasukan Rusia tiba.", "Selasa pagi (10/11)", "2020-11-10TMO", "part_of_day"),
        ("Pada hari Minggu lalu (8/11) Shusha jatuh.", "hari Minggu lalu (8/11)", "2020-11-08", "day"),
        ("Minggu (8/11) warga berkumpul.", "Minggu (8/11)", "2020-11-08", "day"),
        ("Berlaku Selasa tengah malam (10/11).", "Selasa tengah malam (10/11)", "2020-11-10TNI", "part_of_day"),
    ],
)
def test_weekday_part_of_day_and_numeric_date_are_one_expression(text, expression, value, granularity):
    got = _one(text)
    assert (got["text"], got["value"], got["granularity"]) == (expression, value, granularity)
    assert pd.notna(got["weekday_mismatch"]) and not got["weekday_mismatch"]  # a weekday written, and it agrees


def test_weekday_that_contradicts_its_number_is_flagged_not_corrected():
    got = _one("Sabtu (10/11) kedua menteri bertemu.")  # 10 November 2020 was a Tuesday
    assert got["value"] == "2020-11-10" and bool(got["weekday_mismatch"]) is True


@pytest.mark.parametrize(
    ("text", "citation"),
    [
        ("Hal itu disampaikan, dikutip AFP, Minggu (18/10/2020), oleh juru bicara.", True),
        ("Menurut laporan CNN, 2 Oktober 2020, serangan berlanjut.", True),
        ("Pasukan tiba, seperti dilansir VOA, Kamis (12/11/2020).", True),
        ("Dilansir dari kantor berita Reuters pada Selasa (10/11), konvoi bergerak.", True),
        ("Sebanyak 13 orang dilaporkan tewas pada 27 September.", False),
        ("Putin berkata Kamis (12/11/2020), seperti dilansir VOA.", False),  # the date is the statement's
    ],
)
def test_citation_dates_are_flagged(text, citation):
    got = _one(text)
    assert bool(got["citation"]) is citation
    assert ("citation" in got["resolution"]) is citation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mereka berperang dalam perang 1991 hingga 1994 itu.", [("1991 hingga 1994", "1991/1994")]),
        ("Wilayah itu diduduki dari 1991 hingga 1994.", [("1991 hingga 1994", "1991/1994")]),
        ("Perang antara 1991 dan 1994 menewaskan ribuan orang.", [("1991 dan 1994", "1991/1994")]),
        ("Pada 1991 dan 2020 perang pecah.", [("1991", "1991"), ("2020", "2020")]),  # a list, not a range
        ("Sidang digelar pada 18 dan 19 April.", [("18", "2020-04-18"), ("19 April", "2020-04-19")]),
        ("Pada 30 September dan 1 Oktober 2020 kota dibom.",
         [("30 September", "2020-09-30"), ("1 Oktober 2020", "2020-10-01")]),
    ],
)
def test_ranges_and_lists_keep_both_ends(text, expected):
    df = find_dates(text, NOV12)
    assert list(zip(df["text"], df["value"], strict=True)) == expected
    assert (df["start"] <= df["end"]).all()


def test_day_list_rows_are_linked_by_their_resolution():
    df = find_dates("Sidang digelar pada 18 dan 19 April.", NOV12)
    assert df["resolution"].str.startswith("list '18 dan 19 April'").all()


def test_month_reference_resolves_against_the_end_of_the_month():
    # a page of November 2023 (URL /2023/11/): 15 November is that month's, not 2022's
    got = _one("Warga kembali pada 15 November.", "2023-11-01", "month")
    assert got["value"] == "2023-11-15"
    assert "reference month 2023-11" in got["resolution"]
    relative = _one("Mereka tiba kemarin.", "2023-11-01", "month")
    assert pd.isna(relative["start"]) and "only a month" in relative["resolution"]


def test_text_reference_takes_the_nearest_year_and_leaves_relative_days_unresolved():
    df = find_dates("Pada 27 September, 20 Desember, 5 Januari dan kemarin.", "2020-11-10", "text")
    assert df["value"].tolist() == ["2020-09-27", "2020-12-20", "2021-01-05", "XXXX-XX-XX"]
    assert df["resolution"].iloc[0] == "year from the page's own dates, latest 2020-11-10 (nearest)"
    ahad = _one("Bentrokan itu terjadi pada hari Ahad tersebut.", "2020-09-27", "text")  # 27 Sep 2020: a Sunday
    assert ahad["value"] == "2020-09-27"


def test_reference_precision_is_checked():
    with pytest.raises(ValueError, match="reference_precision"):
        find_dates("9 November", NOV12, "week")


def test_anchored_offsets_date_the_event_of_their_clause():
    from analysis.dates import anchored_offsets

    text = "Parade digelar Kamis (10/12/2020), sebulan setelah kesepakatan yang ditengahi Rusia berlaku."
    [(te, a, b)] = anchored_offsets(text, iter_dates(text, NOV12))
    assert (te.text, te.value) == ("sebulan setelah", "2020-11-10")
    assert text[a:b] == "kesepakatan yang ditengahi Rusia berlaku"
    text = "Azerbaijan, Senin (9/11), merebut desa sehari setelah merebut Shusha."
    [(te, _, _)] = anchored_offsets(text, iter_dates(text, NOV12))
    assert te.value == "2020-11-08"
    # the date inside the clause is the clause's own: nothing to shift
    text = "Mereka mundur dua hari sebelum gencatan senjata pada 10 Oktober 2020."
    assert anchored_offsets(text, iter_dates(text, NOV12)) == []


DATE_FRAGMENTS = st.sampled_from([
    "pukul 13.00 WIB", "(10/11)", "Selasa", "Minggu", "Minggu lalu", "1990-an", "2020", "tahun 1994", "27 September",
    "Sabtu (10/11/2020)", "hingga", "dan", "sehari setelah", "dilansir VOA,", "akhir pekan", "pagi", ".", ", ",
    "kemarin", "18 dan 19 April", "1991-1994", "sampai 31", "30/2", "hari ini", "pada", "\n", "31 Februari",
])


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(DATE_FRAGMENTS, st.text(max_size=12)), max_size=14),
       reference=st.one_of(st.none(), st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1))),
       precision=st.sampled_from(["exact", "month", "text"]))
def test_find_dates_never_raises_and_intervals_are_ordered(parts, reference, precision):
    text = " ".join(parts)
    df = find_dates(text, reference, precision)
    assert list(df.columns) == COLUMNS
    missing = df.isna()  # every column's missing values are the dtype's own (a None in a str array raises here)
    assert not missing[["text", "offset", "kind", "value", "resolution", "citation"]].any().any()
    both = df["start"].notna() & df["end"].notna()
    assert (df.loc[both, "start"] <= df.loc[both, "end"]).all()
    for off, t in zip(df["offset"], df["text"], strict=True):
        assert text[off:off + len(t)] == t
    assert df["offset"].is_monotonic_increasing


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.one_of(DATE_FRAGMENTS, st.sampled_from(["Kamis, 12 November 2020 - 07:06 WIB", "23/08/2022",
                                                                  "31/02/2020", "11 April 2021 22:19", "|"]),
                               st.text(max_size=10)), max_size=10))
def test_timestamps_never_raise_and_lie_in_their_text(parts):
    text = " ".join(parts)
    found = find_timestamps(text)
    assert all(0 <= t.start < t.end <= len(text) for t in found)
    assert [t.start for t in found] == sorted(t.start for t in found)
    first = parse_timestamp(text)
    assert first == (found[0].value if found else None)


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.one_of(DATE_FRAGMENTS, st.text(max_size=10)), max_size=14))
def test_anchored_offsets_never_raise_and_point_into_their_text(parts):
    from analysis.dates import anchored_offsets

    text = " ".join(parts)
    for te, a, b in anchored_offsets(text, iter_dates(text, NOV12)):
        assert text[te.offset:te.offset + len(te.text)] == te.text and 0 <= a < b <= len(text)
        assert te.start <= te.end


def test_missing_strings_are_missing_values():
    df = find_dates("Sudah puluhan tahun, beberapa waktu lalu, pada 9 November 2020.", NOV12)
    assert df["granularity"].isna().tolist() == [False, True, False]  # a vague reference has no granularity
    assert df["mod"].isna().all() and df["zone"].isna().all()
    assert df["granularity"].value_counts().to_dict() == {"decade": 1, "day": 1}


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)),
       st.sampled_from(["UTC", "Asia/Jakarta", "Europe/Moscow", "America/New_York", None]))
def test_wib_wall_time_is_naive_and_seven_hours_after_utc(moment, zone):
    """An aware time comes back naive, as UTC + 7 h (WIB); a naive one unchanged; a Series the same."""
    from analysis.dates import wib_wall_time

    stamp = pd.Timestamp(moment) if zone is None else pd.Timestamp(moment).tz_localize(zone)
    got = wib_wall_time(stamp)
    assert got.tzinfo is None
    want = stamp if zone is None else stamp.tz_convert("UTC").tz_localize(None) + pd.Timedelta(hours=7)
    assert got == want
    assert wib_wall_time(pd.Series([stamp])).tolist() == [want]
