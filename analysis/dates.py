"""Indonesian dates and times.

This module holds the calendar vocabulary (month and day names, from Babel's CLDR data plus the
spellings Indonesian newsrooms actually use), :func:`parse_timestamp`, which reads the absolute
timestamps of page furniture (``Kamis, 08 April 2021``, ``11 April 2021 22:19``,
``23/08/2022, 06:15 WIB``), and :func:`find_dates`, a rule-based temporal tagger for running text
that normalises every temporal expression to a TIMEX3-style value and an interval.

Times are kept as the page states them (naive wall-clock time, usually WIB = UTC+7); the zone
abbreviation, when present, is reported separately and never used to shift the value.

How :func:`find_dates` resolves an expression
---------------------------------------------
- Explicit dates (``Kamis, 08 April 2021``, ``Selasa (10/11/2020)``, ``tahun 1994``) are read as
  written; numeric dates are day/month(/year), the Indonesian news convention.
- Year-less dates (``9 November``, ``Sabtu (10/10)``, ``akhir September``) take the year that puts
  them on the most recent such date on or before the reference time, unless the sentence points
  forward (``akan``, ``bakal``, ``mendatang``, ``depan`` ...), then the first one on or after it.
  A ``lalu``/``kemarin``/``silam`` written right after the date always points back.
- Without a reference time the year stays unknown (``XXXX-11-09``; ``start``/``end`` are NaT); it is
  never guessed from other years in the text.
- A bare day name (``pada Selasa``) is the most recent such day on or before the reference
  (``Selasa lalu``/``Selasa kemarin``: strictly before; ``Selasa depan``: strictly after).
- ``awal``/``pertengahan``/``akhir`` keep the whole period as ``value`` with ``mod`` START/MID/END;
  ``start``/``end`` cover its first, middle or last third (days 1-10, 11-20, 21-end of a month).
- Relative expressions (``kemarin``, ``pekan lalu``, ``dua hari lalu``, ``tahun depan``) count from
  the reference time, in calendar units (ISO weeks for ``pekan``/``minggu``).
- Durations get ISO 8601 values (``P44D``, ``P6W``, ``PT10H``, ``PXDE`` for ``puluhan tahun``) and an
  interval only when anchored to the reference (``24 jam terakhir``).
- Vague references get ``PAST_REF``/``PRESENT_REF``/``FUTURE_REF`` and no interval.
- ``end`` is inclusive: the last second of the period.

Every row carries a ``resolution`` note saying which of these rules produced it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd
from babel import Locale
from pandas.api.extensions import ExtensionArray
from pandas.api.internals import create_dataframe_from_blocks
from pandas.arrays import NumpyExtensionArray

__all__ = [
    "DAYS",
    "MONTHS",
    "TIMESTAMP_RE",
    "WIB",
    "TimeExpression",
    "Timestamp",
    "anchored_offsets",
    "find_dates",
    "find_timestamps",
    "iter_dates",
    "parse_timestamp",
    "reader_date",
    "reader_dates",
    "sentence_spans",
    "wib_wall_time",
]


def _calendar_names() -> tuple[dict[str, int], dict[str, int]]:
    """Month (1-12) and weekday (Monday=0) names, lower-cased, from CLDR (Indonesian, English)."""
    months: dict[str, int] = {}
    days: dict[str, int] = {}
    for code in ("id", "en"):
        loc = Locale.parse(code)
        for width in ("wide", "abbreviated"):
            months.update({n.lower().rstrip("."): m for m, n in loc.months["format"][width].items()})
        days.update({n.lower(): d for d, n in loc.days["format"]["wide"].items()})
    # Spellings found in Indonesian news that CLDR does not list.
    months.update({
        "pebruari": 2, "peb": 2, "mart": 3, "agt": 8, "agst": 8, "agus": 8, "ags": 8,
        "sept": 9, "nopember": 11, "nop": 11, "nov": 11, "desem": 12,
    })
    days.update({"ahad": 6, "jum'at": 4, "jum’at": 4, "jumaat": 4, "minggu": 6})
    return months, days


MONTHS, DAYS = _calendar_names()
#: Western Indonesian Time, UTC+7 (no daylight saving since 1964): the zone of the tables' naive wall-clock times.
WIB = pd.Timedelta(hours=7)


def wib_wall_time(value):
    """A time with a zone (a ``Timestamp`` or a datetime ``Series``) as naive WIB wall-clock time, as the tables
    keep times; a naive one unchanged (``2021-03-12T00:30Z`` -> ``2021-03-12 07:30``)."""
    if isinstance(value, pd.Series):
        return value.dt.tz_convert("UTC").dt.tz_localize(None) + WIB if getattr(value.dt, "tz", None) else value
    return value.tz_convert("UTC").tz_localize(None) + WIB if getattr(value, "tzinfo", None) else value

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DAY_ALT = "|".join(sorted((re.escape(d) for d in DAYS), key=len, reverse=True))

TIMESTAMP_RE = re.compile(
    rf"""
    (?:(?P<dayname>{_DAY_ALT})\s*,?\s*)?                # Kamis,
    (?:
        (?P<day>[0-3]?\d)\s+(?P<month>{_MONTH_ALT})\.?\s+(?P<year>(?:19|20)\d\d)   # 08 April 2021
      | (?P<nday>[0-3]?\d)/(?P<nmonth>[01]?\d)/(?P<nyear>(?:19|20)\d\d)           # 23/08/2022
    )
    (?:
        \s*(?:[,|\-–—•]\s*)?(?:pukul\s+)?                       # ", " " - " " | " or plain space
        (?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)(?:[:.](?P<second>[0-5]\d))?
        (?:\s*(?P<zone>WIB|WITA|WIT|GMT|UTC)\b)?
    )?
    (?![\w/])
    """,
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Timestamp:
    """One absolute timestamp found in a string."""

    start: int
    end: int
    value: pd.Timestamp
    has_time: bool
    zone: str | None
    weekday_ok: bool | None  # None when no day name is written


def _to_timestamp(m: re.Match[str]) -> Timestamp | None:
    if m.group("day"):
        day, month, year = int(m.group("day")), MONTHS[m.group("month").lower()], int(m.group("year"))
    else:
        day, month, year = int(m.group("nday")), int(m.group("nmonth")), int(m.group("nyear"))
    hour = int(m.group("hour")) if m.group("hour") else 0
    minute = int(m.group("minute")) if m.group("minute") else 0
    second = int(m.group("second")) if m.group("second") else 0
    try:
        value = pd.Timestamp(datetime(year, month, day, hour, minute, second))  # 3x faster than keywords
    except ValueError:  # 31 Februari, 25:61 ...
        return None
    dayname = m.group("dayname")
    weekday_ok = None if dayname is None else DAYS[dayname.lower()] == value.weekday()
    zone = m.group("zone").upper() if m.group("zone") else None
    return Timestamp(m.start(), m.end(), value, m.group("hour") is not None, zone, weekday_ok)


def find_timestamps(text: str) -> list[Timestamp]:
    """All absolute timestamps (a full date, optionally a clock time) in ``text``, in order.

    Parameters
    ----------
    text : str
        Any string, typically one line of page furniture.

    Returns
    -------
    list of Timestamp
        Matches with their character span, value (naive, as written), whether a clock time was
        given, the zone abbreviation and whether the written day name agrees with the date.
    """
    out = []
    for m in TIMESTAMP_RE.finditer(text):
        ts = _to_timestamp(m)
        if ts is not None:
            out.append(ts)
    return out


def parse_timestamp(text: str) -> pd.Timestamp | None:
    """The first absolute timestamp in ``text``, or ``None``.

    >>> parse_timestamp("Kamis, 12 November 2020 - 07:06 WIB")
    Timestamp('2020-11-12 07:06:00')
    """
    found = find_timestamps(text)
    return found[0].value if found else None


# ------------------------------------------------------------------------------------------------
# Temporal expressions in running text: find_dates / iter_dates
# ------------------------------------------------------------------------------------------------

COLUMNS = [
    "text", "offset", "kind", "value", "mod", "start", "end", "granularity",
    "weekday_mismatch", "zone", "resolution", "citation",
]

_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Month names that can stand without a day number (``pada bulan September``, ``akhir Oktober``):
# CLDR's wide Indonesian names plus the old spellings; abbreviations and English-only names
# (``Mar``, ``May``) need a day number or a year next to them.
MONTH_WORDS = {
    n.lower(): m for m, n in Locale.parse("id").months["format"]["wide"].items()
} | {"pebruari": 2, "nopember": 11}

NUMBER_WORDS = {
    "se": 1, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
}
_MULTIPLIERS = {"belas": None, "puluh": 10, "ratus": 100, "ribu": 1000}

# unit word -> (ISO 8601 designator, is a time-of-day unit, granularity name)
UNITS = {
    "detik": ("S", True, "second"), "menit": ("M", True, "minute"), "jam": ("H", True, "hour"),
    "hari": ("D", False, "day"), "minggu": ("W", False, "week"), "pekan": ("W", False, "week"),
    "bulan": ("M", False, "month"), "tahun": ("Y", False, "year"), "dekade": ("DE", False, "decade"),
    "dasawarsa": ("DE", False, "decade"), "abad": ("CE", False, "century"),
}
# "puluhan tahun" = decades: an unknown count of a larger unit (TIMEX3 PXDE), not PXY.
VAGUE_QUANTITY_UNITS = {("puluhan", "tahun"): "DE", ("ratusan", "tahun"): "CE", ("ribuan", "tahun"): "ML"}

PARTS = {
    "awal": "START", "permulaan": "START", "pertengahan": "MID", "medio": "MID", "tengah": "MID",
    "akhir": "END", "penghujung": "END", "ujung": "END",
}
# part of day -> (TIMEX3 code, first hour, hour after the last)
PARTS_OF_DAY = {
    "pagi": ("MO", 4, 11), "siang": ("MI", 11, 15), "sore": ("AF", 15, 18), "petang": ("EV", 18, 19),
    "malam": ("NI", 19, 24), "tengah malam": ("NI", 22, 24), "dini hari": ("NI", 0, 4),
}
MODIFIERS = {
    "sekitar": "APPROX", "kira-kira": "APPROX", "sekira": "APPROX", "hampir": "LESS_THAN",
    "kurang dari": "LESS_THAN", "kurang": "LESS_THAN", "lebih dari": "MORE_THAN", "lebih": "MORE_THAN",
    "sedikitnya": "EQUAL_OR_MORE", "setidaknya": "EQUAL_OR_MORE", "paling tidak": "EQUAL_OR_MORE",
}

_NUM_WORD_ALT = "satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|seratus|seribu"
_NUMBER = rf"(?:\d{{1,4}}(?:,\d+)?|(?:{_NUM_WORD_ALT})(?:\s+(?:belas|puluh|ratus|ribu))?(?:\s+(?:{_NUM_WORD_ALT}))?)"
_UNIT_ALT = "|".join(sorted(UNITS, key=len, reverse=True))
_PART_ALT = "|".join(sorted(PARTS, key=len, reverse=True))
_POD_ALT = r"tengah\s+malam|dini\s+hari|pagi|siang|sore|petang|malam"
_YEAR = r"(?:1[89]|20)\d\d"
_ZONE = r"wib|wita|wit|gmt|utc"

_TIME_TAIL = rf"""
    (?:\s*(?:[,|\-–—•]\s*)?(?:(?:pukul|jam|pkl\.?)\s+)?
       (?P<hh>[0-2]?\d)[:.](?P<mi>[0-5]\d)(?:[:.][0-5]\d)?(?!\d)(?:\s*(?P<zone>{_ZONE})\b)?)?"""
_POD_TAIL = rf"(?:\s+(?P<pod>{_POD_ALT}))?"
_TRAIL = r"(?:\s+(?P<trail>lalu|silam|kemarin|mendatang|depan|ini))?"
_FLAGS = re.VERBOSE  # rule regexes run on the lower-cased text

DATE_RANGE_RE = re.compile(
    rf"""(?<![\w/.,])
    (?:(?:hari\s+)?(?P<dn>{_DAY_ALT})\s*,?\s*)?(?:(?:tanggal|tgl\.?)\s+)?
    (?P<d1>[0-3]?\d)(?:\s+(?P<m1>{_MONTH_ALT})(?:\.(?=\s*\d))?(?:\s+(?P<y1>{_YEAR}))?)?
    (?:\s*(?:-|–|—|s\.?\s?d\.?|hingga|sampai(?:\s+dengan)?)\s*|\s+(?P<sep>dan|serta)\s+)(?:(?:tanggal|tgl\.?)\s+)?
    (?P<d2>[0-3]?\d)\s+(?P<m2>{_MONTH_ALT})(?:\.(?=\s*\d))?(?:\s+(?P<y2>{_YEAR}))?
    {_TRAIL}(?![\w/])""",
    _FLAGS,
)
DATE_RE = re.compile(
    rf"""(?<![\w/.,])
    (?:(?:hari\s+)?(?P<dn>{_DAY_ALT})\s*,?\s*)?(?:(?:tanggal|tgl\.?)\s+)?
    (?P<d>[0-3]?\d)\s+(?P<m>{_MONTH_ALT})(?:\.(?=\s*\d))?(?:\s+(?P<y>{_YEAR})(?!\d))?
    {_TIME_TAIL}{_POD_TAIL}{_TRAIL}(?![\w])""",
    _FLAGS,
)
NUMDATE_RE = re.compile(
    rf"""(?<![\w/.,])
    (?:
        (?:hari\s+)?(?P<dn>{_DAY_ALT})
            (?:\s+(?P<dpod>{_POD_ALT}))?(?:\s+(?P<drel>lalu|kemarin|ini)(?=\s*,?\s*\())?\s*,?\s*\(?\s*
            (?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?:/(?P<y>{_YEAR}|\d\d))?(?![\d/])\s*\)?
      | (?P<nd>[0-3]?\d)(?P<sep>[/.\-])(?P<nm>[01]?\d)(?P=sep)(?P<ny>{_YEAR})
      | (?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)
    )
    {_TIME_TAIL}{_POD_TAIL}{_TRAIL}(?![\w/])""",
    _FLAGS,
)
WEEKNUM_RE = re.compile(
    rf"""(?<![\w])(?:minggu|pekan)\s+ke[-\s]?\s*(?P<w>\d{{1,2}})\s+
    (?:(?:tahun\s+)?(?P<y>{_YEAR})|tahun\s+(?P<rel>lalu|ini|depan))(?![\w])""",
    _FLAGS,
)
MONTH_RE = re.compile(
    rf"""(?<![\w])(?:(?P<part>{_PART_ALT})\s+)?(?:(?P<bulan>bulan)\s+)?
    (?P<m>{_MONTH_ALT})(?:\.(?=\s*\d))?(?:\s+(?:tahun\s+)?(?P<y>{_YEAR})(?!\d))?
    (?:\s+(?P<trail>lalu|silam|kemarin|mendatang|depan|ini))?(?![\w])""",
    _FLAGS,
)
YEAR_RE = re.compile(
    rf"""(?<![\w.,/:\-])(?:(?P<part>{_PART_ALT})\s+)?(?:(?P<tahun>tahun|thn\.?)\s+)?
    (?P<y>{_YEAR})(?:(?P<decade>-?an)|\s*[-–/]\s*(?P<y2>{_YEAR})
        |\s+(?P<sep>hingga|sampai(?:\s+dengan)?|s\.?d\.?|dan)\s+(?:(?:tahun|thn\.?)\s+)?(?P<y3>{_YEAR}))?
    (?![\w%]|[.,]\d)""",
    _FLAGS,
)
CENTURY_RE = re.compile(r"(?<![\w])abad\s+(?:ke-?\s*)?(?P<n>\d{1,2}|[ivx]{1,5})(?![\w])")
RELATIVE_RE = re.compile(
    rf"""(?<![\w-])(?:
        (?P<part>{_PART_ALT})\s+(?P<punit>pekan|minggu|bulan|tahun)
            (?:\s+(?P<prel>ini|lalu|depan|mendatang|kemarin))?
      | (?P<unit>pekan|minggu|bulan|tahun)\s+(?P<rel>ini|lalu|depan|mendatang|kemarin|silam)
      | (?P<n>{_NUMBER}|se(?=(?:hari|minggu|pekan|bulan|tahun|jam|abad|dekade)\b))\s*
            (?P<nunit>{_UNIT_ALT})\s+(?:yang\s+)?(?P<nrel>lalu|silam|lagi)
      | (?P<word>kemarin\s+lusa|kemarin|hari\s+ini|besok|esok\s+hari|lusa|tadi\s+(?:pagi|siang|sore|malam)
            |(?:pagi|siang|sore|malam)\s+ini)
    )(?![\w-])""",
    _FLAGS,
)
DURATION_RE = re.compile(
    rf"""(?<![\w-])
    (?:(?P<mod>sekitar|kira-kira|sekira|hampir|lebih\s+dari|lebih|kurang\s+dari|kurang|sedikitnya
        |setidaknya|paling\s+tidak)\s+)?
    (?:
        (?P<n>{_NUMBER}|beberapa|puluhan|belasan|ratusan|ribuan
            |se(?=(?:hari|minggu|pekan|bulan|tahun|jam|abad|dekade)\b))\s*(?P<unit>{_UNIT_ALT})
      | ber(?P<runit>hari|minggu|pekan|bulan|tahun|jam|abad|dekade)-(?P=runit)
    )
    (?:\s+(?P<anchor>terakhir|belakangan|ke\s+depan|mendatang))?(?![\w-])""",
    _FLAGS,
)
TIME_RE = re.compile(
    rf"""(?<![\w.,:/])(?:
        (?:pukul|jam|pkl\.?)\s+(?P<h>[0-2]?\d)(?:[.:](?P<mi>[0-5]\d))?(?!\d)(?:\s*(?P<zone>{_ZONE})\b)?
      | (?P<h2>[0-2]?\d)[.:](?P<mi2>[0-5]\d)\s*(?P<zone2>{_ZONE})\b
    ){_POD_TAIL}""",
    _FLAGS,
)
WEEKDAY_RE = re.compile(
    rf"""(?<![\w])(?:hari\s+)?(?P<dn>{_DAY_ALT})(?![\w'’])
    (?:\s+(?P<rel>lalu|kemarin|ini|depan|mendatang))?{_POD_TAIL}""",
    _FLAGS,
)
VAGUE_RE = re.compile(
    r"""(?<![\w-])(?:
        (?P<past>beberapa\s+(?:waktu|hari|minggu|pekan|bulan|tahun)\s+(?:yang\s+)?(?:lalu|silam)
            |baru-baru\s+ini|belum\s+lama\s+ini|masa\s+(?:lalu|lampau)|tempo\s+hari)
      | (?P<present>(?:beberapa\s+)?waktu\s+belakangan(?:\s+ini)?|belakangan\s+ini|akhir-akhir\s+ini
            |saat\s+ini|dewasa\s+ini|masa\s+kini|kini|sekarang)
      | (?P<future>dalam\s+waktu\s+dekat|masa\s+(?:depan|mendatang)|kelak|ke\s+depan(?:nya)?
            |nanti(?:nya)?|beberapa\s+(?:hari|minggu|pekan|bulan|tahun)\s+(?:mendatang|ke\s+depan))
    )(?![\w-])""",
    _FLAGS,
)

# A sentence that points forward makes year-less dates and bare day names resolve forward.
FORWARD_RE = re.compile(
    r"\b(?:akan|bakal|mendatang|(?:pekan|minggu|bulan|tahun)\s+depan|ke\s+depan|nanti(?:nya)?"
    r"|dijadwalkan|rencananya|direncanakan|berencana)\b"
)  # runs on lower-cased text
_FORWARD_WORDS = ("akan", "bakal", "mendatang", "depan", "nanti", "dijadwalkan", "rencana")
# Sentence ends: . ! ? (+ closing quotes) before a space and a capital, a dot glued to a capitalised
# word ("setempat.Dilaporkan"), or a newline. Starts with a character class so the scan is fast.
SENTENCE_END_RE = re.compile(r"[.!?…][\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\.(?=[A-Z][a-z])|\n")
# Words before a bare year or a bare month name that make it a date ("sejak 1991", "pada September").
DATE_CUE_RE = re.compile(
    r"\b(?:pada|sejak|hingga|sampai|dari|di|dalam|selama|sepanjang|medio|per|jelang|menjelang|antara"
    r"|usai|pasca|sebelum|setelah|sesudah|memasuki|periode|era|tahun|ketimbang|dibanding(?:kan)?"
    r"|awal|akhir|pertengahan|bulan|tiap|setiap|dan|atau|mulai|s\.?d\.?)\s+$"
)  # runs on lower-cased text, up to the expression (endpos)
# Counted nouns that make a 4-digit number a quantity, not a year ("2000 tentara").
COUNT_NOUNS = frozenset((
    "orang", "jiwa", "warga", "tentara", "prajurit", "personel", "pasukan", "unit", "kendaraan", "kasus",
    "dosis", "ton", "km", "kilometer", "meter", "hektare", "rumah", "buah", "ekor", "kali", "lembar",
    "peserta", "pemain", "siswa", "anggota", "suara", "kursi", "pengungsi", "korban", "rudal", "roket",
    "pesawat", "dolar", "rupiah", "euro", "poin", "persen", "tahanan", "jenazah",
))
_MOD_PREFIX_RE = re.compile(r"(?:sekitar|kira-kira|sekira)\s+$", re.IGNORECASE)
_PREV_WORD_RE = re.compile(r"([\w’'\-]+)\W*$")
_NEXT_WORD_RE = re.compile(r"\W*([\w\-]+)")
_AFTER_DURATION_REJECT = re.compile(
    r"\s+(?:yang\s+)?(?:lalu|silam|lagi|kemudian|sebelum|sebelumnya|setelah|sesudah|berikutnya)\b",
    re.IGNORECASE,
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
#: What a reference time is: ``exact`` (a moment: a date line, a day in the URL, the crawl),
#: ``month`` (a URL that names only the month: year-less dates resolve against its end, relative
#: expressions stay unresolved) or ``text`` (the latest full date the page prints about its own news:
#: year-less dates take the nearest year, relative expressions stay unresolved).
REFERENCE_PRECISIONS = ("exact", "month", "text")
# A report being cited, right before the expression: a citing verb, the source's name (capitalised
# words, acronyms, a few common nouns such as "kantor berita"), an optional comma or "pada".
# "dikutip AFP, Minggu (18/10/2020)", "seperti dilansir VOA, Kamis (12/11/2020)", "laporan CNN, 2 Oktober
# 2020", "dilansir dari Reuters pada Selasa (10/11)". A lower-case word other than those nouns ends the
# source, so "dilaporkan tewas pada 27 September" is no citation. Runs on the text as written.
CITATION_RE = re.compile(
    r"(?i:\b(?:dikutip|mengutip|dilansir|melansir|diberitakan|memberitakan|dilaporkan|melaporkan|laporan(?:nya)?"
    r"|diwartakan|mewartakan|ditulis|menulis|siaran\s+pers|rilis))"
    r"(?:\s+(?i:dari|oleh|dalam|di))?"
    r"(?:\s+(?:(?i:kantor|berita|media|laman|situs|surat|kabar|stasiun|televisi|harian|portal|agensi|resmi"
    r"|pemerintah|milik|negara|the|pers|online)|[A-Z0-9][\w.&'’\-]*)){1,8}"
    r"\s*,?\s*(?i:pada\s+|tanggal\s+)?$"
)
_CITATION_CUE_RE = re.compile("kutip|lansir|berita|lapor|warta|tulis|rilis|pers")  # cheap gate, lower-cased text
_DIGIT_RE = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One temporal expression found by :func:`iter_dates` (see :data:`COLUMNS`)."""

    text: str
    offset: int
    kind: str  # date, time, duration, relative, vague
    value: str
    mod: str | None
    start: datetime | None
    end: datetime | None  # inclusive: last second of the interval
    granularity: str | None
    weekday_mismatch: bool | None
    zone: str | None
    resolution: str
    citation: bool = False  # the date of a report being cited (dikutip AFP, Minggu (18/10/2020))


# --- small calendar helpers ----------------------------------------------------------------------

def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    """(year, month) shifted by ``n`` months."""
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


_STEPS = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1), "day": timedelta(days=1),
          "week": timedelta(days=7), "weekend": timedelta(days=2)}
_ONE_SECOND = timedelta(seconds=1)


def _next_start(start: datetime, granularity: str) -> datetime:
    """Exclusive end of the period of ``granularity`` starting at ``start``."""
    if granularity == "month":
        y, m = _add_months(start.year, start.month, 1)
        return start.replace(year=y, month=m, day=1)
    if granularity in ("year", "decade", "century"):
        return start.replace(year=start.year + {"year": 1, "decade": 10, "century": 100}[granularity])
    return start + _STEPS[granularity]


def _span(start: datetime, granularity: str, mod: str | None = None) -> tuple[datetime, datetime]:
    """Inclusive interval of the period, narrowed to its first/middle/last third by ``mod``."""
    end = _next_start(start, granularity)
    if mod in ("START", "MID", "END") and granularity in ("month", "year", "week", "decade", "day"):
        if granularity == "month":  # days 1-10, 11-20, 21-end
            cuts = [start, start.replace(day=11), start.replace(day=21), end]
        elif granularity == "year":  # Jan-Apr, May-Aug, Sep-Dec
            cuts = [start, start.replace(month=5), start.replace(month=9), end]
        elif granularity == "decade":
            cuts = [start, start.replace(year=start.year + 4), start.replace(year=start.year + 7), end]
        elif granularity == "week":  # Mon-Tue, Wed-Thu, Fri-Sun
            cuts = [start, start + timedelta(days=2), start + timedelta(days=4), end]
        else:
            cuts = [start, start + timedelta(hours=8), start + timedelta(hours=16), end]
        i = ("START", "MID", "END").index(mod)
        start, end = cuts[i], cuts[i + 1]
    return start, end - _ONE_SECOND


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _monday(d: date) -> datetime:
    return datetime(d.year, d.month, d.day) - timedelta(days=d.weekday())


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _parse_number(s: str) -> float | None:
    """``"44"`` -> 44, ``"dua belas"`` -> 12, ``"tiga puluh lima"`` -> 35, ``"2,5"`` -> 2.5."""
    s = s.lower().strip()
    if s[0].isdigit():
        return float(s.replace(",", "."))
    total, current = 0, 0
    for tok in s.split():
        if tok in NUMBER_WORDS:
            current += NUMBER_WORDS[tok]
        elif tok == "belas":
            current += 10
        elif tok in _MULTIPLIERS:
            total += max(current, 1) * _MULTIPLIERS[tok]
            current = 0
        else:
            return None
    return float(total + current)


def _fmt_number(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"


@lru_cache(maxsize=256)
def _parse_reference(text: str) -> datetime | None:
    ts = parse_timestamp(text)
    return _as_reference(ts if ts is not None else pd.Timestamp(text))


def _as_reference(reference_time: object) -> datetime | None:
    """Normalise a reference time (None/NaT, str, date, datetime, pandas Timestamp) to datetime."""
    if reference_time is None:
        return None
    if type(reference_time) is datetime and reference_time.tzinfo is None:
        return reference_time
    if isinstance(reference_time, str):
        return _parse_reference(reference_time)
    if reference_time is pd.NaT or (isinstance(reference_time, float) and reference_time != reference_time):
        return None
    if isinstance(reference_time, np.datetime64):
        reference_time = pd.Timestamp(reference_time)
    if isinstance(reference_time, pd.Timestamp):
        if pd.isna(reference_time):
            return None
        return reference_time.tz_localize(None).to_pydatetime() if reference_time.tzinfo else \
            reference_time.to_pydatetime()
    if isinstance(reference_time, datetime):
        return reference_time.replace(tzinfo=None)
    if isinstance(reference_time, date):
        return datetime(reference_time.year, reference_time.month, reference_time.day)
    raise TypeError(f"reference_time must be a date/time or a string, not {type(reference_time).__name__}")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (split at . ! ? + capital and at newlines).

    >>> sentence_spans("Satu. Dua tiga.")
    [(0, 5), (6, 15)]
    """
    spans, pos = [], 0
    for m in SENTENCE_END_RE.finditer(text):
        if _boundary_end(text, m) is None:
            continue
        _add_span(spans, text, pos, m.start() if m.group() == "\n" else m.end())
        pos = m.end()
    _add_span(spans, text, pos, len(text))
    return spans


def _boundary_end(text: str, m: re.Match[str]) -> int | None:
    """Where the next sentence may start after a SENTENCE_END_RE match, or None if it is no end."""
    end = m.end()
    if end - m.start() == 1 and not text[end:end + 1].isspace():
        if m.group() == "\n":
            return end
        if not text[m.start() - 1:m.start()].islower():  # "A.Dua": an initial, not a sentence end
            return None
    return end


def _next_sentence_end(text: str, pos: int) -> int:
    """Index just past the sentence containing ``pos``."""
    for m in SENTENCE_END_RE.finditer(text, pos):
        if _boundary_end(text, m) is not None:
            return m.start() if m.group() == "\n" else m.end()
    return len(text)


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Append ``text[start:end]`` without its surrounding white space, unless it is blank."""
    seg = text[start:end]
    stripped = seg.strip()
    if stripped:
        lead = len(seg) - len(seg.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


class _Context:
    """Per-call state: the text (as written and lower-cased), the reference, sentences seen so far.

    ``ref`` is the moment relative expressions count from (None unless the reference is exact);
    ``year_ref`` and ``precision`` are what year-less dates resolve against (see :data:`REFERENCE_PRECISIONS`).
    """

    __slots__ = ("_sentences", "low", "no_ref", "precision", "ref", "text", "year_ref")

    def __init__(self, text: str, low: str, ref: datetime | None, precision: str = "exact") -> None:
        if precision not in REFERENCE_PRECISIONS:
            raise ValueError(f"reference_precision must be one of {REFERENCE_PRECISIONS}, not {precision!r}")
        self.text, self.low, self.precision = text, low, precision
        if ref is not None and precision == "month":  # the end of the month the reference names
            y, mo = _add_months(ref.year, ref.month, 1)
            ref = datetime(y, mo, 1) - _ONE_SECOND
        self.year_ref = ref
        self.ref = ref if precision == "exact" else None
        #: Why a relative expression stays unresolved, for its resolution note.
        self.no_ref = "(no reference time)" if self.ref is not None or ref is None else \
            f"(the reference is only {'a month' if precision == 'month' else 'the page text'})"
        self._sentences: list[tuple[int, int]] = []

    def sentence(self, pos: int) -> tuple[int, int]:
        """Span of the sentence around ``pos``, found by scanning only its neighbourhood."""
        for s, e in self._sentences:
            if s <= pos < e:
                return s, e
        start = max(0, pos - 400)
        # a few characters past pos, so an end right before it still sees the capital that follows
        for m in SENTENCE_END_RE.finditer(self.text, start, pos + 3):
            end = _boundary_end(self.text, m)
            if end is not None and end <= pos:
                start = end
        span = (start, _next_sentence_end(self.text, pos))
        self._sentences.append(span)
        return span

    def direction(self, pos: int, trail: str | None) -> tuple[str, str]:
        """'past', 'future' or 'current' for a year-less date, and the cue that decided it."""
        if trail:
            t = trail.lower()
            if t in ("lalu", "silam", "kemarin"):
                return "past", f"'{t}'"
            if t in ("mendatang", "depan"):
                return "future", f"'{t}'"
            if t == "ini":
                return "current", "'ini'"
        s, e = self.sentence(pos)
        sent = self.low[s:e]
        if any(w in sent for w in _FORWARD_WORDS):
            cue = FORWARD_RE.search(sent)
            if cue:
                return "future", f"forward cue '{cue.group(0)}'"
        return "past", ""

    def prev_text(self, pos: int, n: int = 24) -> str:
        return self.text[max(0, pos - n):pos]


@lru_cache(maxsize=64)
def _ref_note(ref: datetime) -> str:
    """``2020-11-12`` or ``2020-11-12 21:08``."""
    return f"{ref:%Y-%m-%d}" if not (ref.hour or ref.minute) else f"{ref:%Y-%m-%d %H:%M}"


def _resolve_year(ctx: _Context, pos: int, trail: str | None, month: int, day: int | None
                  ) -> tuple[int | None, str]:
    """Year for a year-less (day and) month, with the note that explains it."""
    ref = ctx.year_ref
    if ref is None:
        return None, "year unknown (no reference time)"
    direction, cue = ctx.direction(pos, trail)
    if ctx.precision == "text" and not cue:
        return _nearest_year(ref, month, day)
    key, refkey = (month, day or 1), (ref.month, ref.day if day else 1)
    y = ref.year
    if direction == "future":
        if key < refkey:
            y += 1
        step, how = 1, "first on or after"
    elif direction == "current":
        step, how = -1, "same year as"
    else:
        if key > refkey:
            y -= 1
        step, how = -1, "most recent on or before"
    for _ in range(8):  # 29 Februari: step to a leap year (callers reject 31 Februari beforehand)
        if not day or _valid(y, month, day):
            break
        y += step
    what = f"reference {_ref_note(ref)}" if ctx.precision == "exact" else \
        f"reference month {ref:%Y-%m} (its end)" if ctx.precision == "month" else \
        f"the page's own dates, latest {ref:%Y-%m-%d}"
    note = f"year from {what} ({how}" + (f"; {cue})" if cue else ")")
    return y, note


def _nearest_year(ref: datetime, month: int, day: int | None) -> tuple[int, str]:
    """The year that puts a year-less date nearest a text reference (a page's own latest full date)."""
    d = day or 15

    def gap(y: int) -> float:
        return abs((datetime(y, month, min(d, 28)) - ref).days) if _valid(y, month, min(d, 28)) else 1e9

    y = min((ref.year, ref.year - 1, ref.year + 1), key=gap)
    for _ in range(8):
        if not day or _valid(y, month, day):
            break
        y -= 1
    return y, f"year from the page's own dates, latest {ref:%Y-%m-%d} (nearest)"


def _day_value(y: int | None, m: int, d: int) -> str:
    return f"{'XXXX' if y is None else f'{y:04d}'}-{m:02d}-{d:02d}"


def _pod(word: str | None) -> tuple[str, int, int] | None:
    return PARTS_OF_DAY[re.sub(r"\s+", " ", word.lower())] if word else None


def _orig(m: re.Match[str], ctx: _Context, group: str | int = 0) -> str:
    """The text of a match (found in the lower-cased text) as written."""
    return ctx.text[m.start(group):m.end(group)]


def _group(m: re.Match[str], name: str) -> str | None:
    """A named group of ``m``, or None when its regex has no such group."""
    return m.group(name) if name in m.re.groupindex else None


def _make_day(m: re.Match[str], ctx: _Context, y: int | None, mo: int, d: int, note: str,
              dayname: str | None) -> TimeExpression | None:
    """A day-level expression with optional clock time or part of day."""
    if not _valid(y or 2000, mo, d):
        return None
    hh, pod = m.group("hh"), _pod(m.group("pod") or _group(m, "dpod"))
    zone = m.group("zone").upper() if m.group("zone") else None
    mismatch = None
    if dayname and y is not None:
        mismatch = DAYS[dayname.lower()] != date(y, mo, d).weekday()
    value = _day_value(y, mo, d)
    start = end = None
    if hh is not None:
        h, mi = int(hh), int(m.group("mi"))
        if h > 24:
            return None
        value += f"T{h:02d}:{mi:02d}"
        if y is not None:
            start = datetime(y, mo, d) + timedelta(hours=h, minutes=mi)
            end = start + timedelta(seconds=59)
        kind, gran = "time", "minute"
    elif pod:
        value += f"T{pod[0]}"
        if y is not None:
            start = datetime(y, mo, d) + timedelta(hours=pod[1])
            end = datetime(y, mo, d) + timedelta(hours=pod[2]) - timedelta(seconds=1)
        kind, gran = "date", "part_of_day"
    else:
        if y is not None:
            start, end = _span(datetime(y, mo, d), "day")
        kind, gran = "date", "day"
    if dayname and mismatch:
        note += f"; day name '{_orig(m, ctx, 'dn')}' contradicts the date ({_WEEKDAY_EN[date(y, mo, d).weekday()]})"
    return TimeExpression(_orig(m, ctx), m.start(), kind, value, None, start, end, gran, mismatch, zone, note)


# --- handlers: one per regex; each returns a TimeExpression or None to reject the match ----------

def _h_date(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    mo, d = MONTHS[m.group("m").lower()], int(m.group("d"))
    if not _valid(2000, mo, d):
        return None
    if m.group("y"):
        y, note = int(m.group("y")), "as written"
    else:
        y, note = _resolve_year(ctx, m.start(), m.group("trail"), mo, d)
    return _make_day(m, ctx, y, mo, d, note, m.group("dn"))


def _h_numdate(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    if m.group("d"):
        d, mo, ys = int(m.group("d")), int(m.group("m")), m.group("y")
    elif m.group("nd"):
        d, mo, ys = int(m.group("nd")), int(m.group("nm")), m.group("ny")
    else:
        d, mo, ys = int(m.group("id")), int(m.group("im")), m.group("iy")
    if not (1 <= mo <= 12 and _valid(2000, mo, d)):
        return None
    if ys:
        y = int(ys) + (2000 if len(ys) == 2 else 0)
        note = "as written (day/month/year)"
    else:
        y, note = _resolve_year(ctx, m.start(), m.group("trail") or m.group("drel"), mo, d)
        note = "day/month; " + note
    return _make_day(m, ctx, y, mo, d, note, m.group("dn"))


def _h_range(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    m2 = MONTHS[m.group("m2").lower()]
    m1 = MONTHS[m.group("m1").lower()] if m.group("m1") else m2
    if not (_valid(2000, m1, d1) and _valid(2000, m2, d2)):
        return None
    ys2 = m.group("y2") or m.group("y1")
    if ys2:
        y2 = int(ys2)
        note = "as written"
    else:
        y2, note = _resolve_year(ctx, m.start(), m.group("trail"), m2, d2)
    y1 = int(m.group("y1")) if m.group("y1") else (None if y2 is None else y2 - ((m1, d1) > (m2, d2)))
    if not (_valid(y1 or 2000, m1, d1) and _valid(y2 or 2000, m2, d2)):
        return None
    value = f"{_day_value(y1, m1, d1)}/{_day_value(y2, m2, d2)}"
    start = end = None
    if y1 is not None and y2 is not None:
        start, end = datetime(y1, m1, d1), _span(datetime(y2, m2, d2), "day")[1]
        if end < start:
            return None
    mismatch = None
    if m.group("dn") and y1 is not None:
        mismatch = DAYS[m.group("dn").lower()] != date(y1, m1, d1).weekday()
    if m.group("sep"):
        return _day_list(m, ctx, ((y1, m1, d1), (y2, m2, d2)), mismatch, note)
    return TimeExpression(_orig(m, ctx), m.start(), "date", value, None, start, end, "day", mismatch, None,
                          "range; " + note)


def _day_list(m: re.Match[str], ctx: _Context, days: tuple[tuple[int | None, int, int], ...],
              mismatch: bool | None, note: str) -> tuple[TimeExpression, TimeExpression]:
    """``18 dan 19 April``: one row per day, linked by their resolution note."""
    first_end = m.end("y1") if m.group("y1") else m.end("m1") if m.group("m1") else m.end("d1")
    spans = ((m.start(), first_end), (m.start("d2"), m.end()))
    link = f"list '{_orig(m, ctx)}'; "
    out = []
    for (y, mo, d), (a, b), wm in zip(days, spans, (mismatch, None), strict=True):
        s, e = _span(datetime(y, mo, d), "day") if y is not None else (None, None)
        out.append(TimeExpression(ctx.text[a:b], a, "date", _day_value(y, mo, d), None, s, e, "day", wm, None,
                                  link + note))
    return out[0], out[1]


def _h_weeknum(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    w = int(m.group("w"))
    if m.group("y"):
        y, note = int(m.group("y")), "as written (ISO week)"
    elif ctx.ref is None:
        return TimeExpression(_orig(m, ctx), m.start(), "relative", f"XXXX-W{w:02d}", None, None, None,
                              "week", None, None, f"year unknown {ctx.no_ref}")
    else:
        y = ctx.ref.year + {"lalu": -1, "ini": 0, "depan": 1}[m.group("rel").lower()]
        note = f"ISO week; year relative to reference {_ref_note(ctx.ref)}"
    if not 1 <= w <= 53:
        return None
    try:
        start = datetime.fromisocalendar(y, w, 1)
    except ValueError:
        return None
    s, e = _span(start, "week")
    kind = "date" if m.group("y") else "relative"
    return TimeExpression(_orig(m, ctx), m.start(), kind, f"{y:04d}-W{w:02d}", None, s, e, "week", None, None,
                          note)


def _h_month(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    word = m.group("m").lower()
    part, trail = m.group("part"), m.group("trail")
    if not m.group("y"):
        if word not in MONTH_WORDS:
            return None
        cue = DATE_CUE_RE.search(ctx.low, max(0, m.start() - 24), m.start())
        if not (part or m.group("bulan") or trail or cue):
            return None
        if ctx.text[m.start("m")].islower() and not (part or m.group("bulan")):
            return None
    mo = MONTHS[word]
    mod = PARTS[part.lower()] if part else None
    if m.group("y"):
        y, note = int(m.group("y")), "as written"
    else:
        y, note = _resolve_year(ctx, m.start(), trail, mo, None)
    value = f"{'XXXX' if y is None else f'{y:04d}'}-{mo:02d}"
    start = end = None
    if y is not None:
        start, end = _span(datetime(y, mo, 1), "month", mod)
    if mod and y is not None:
        note += f"; '{part.lower()}' = {mod}"
    return TimeExpression(_orig(m, ctx), m.start(), "date", value, mod, start, end, "month", None, None, note)


def _h_year(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    y = int(m.group("y"))
    part, tahun = m.group("part"), m.group("tahun")
    y2s, end = m.group("y2") or m.group("y3"), m.end()
    if m.group("sep") == "dan" and not ctx.low[max(0, m.start() - 8):m.start()].endswith("antara "):
        y2s, end = None, m.end("y")  # "1991 dan 2020": two years, not a range ("antara 1991 dan 1994" is one)
    if y2s and int(y2s) > y:
        s, e = datetime(y, 1, 1), _span(datetime(int(y2s), 1, 1), "year")[1]
        return TimeExpression(_orig(m, ctx), m.start(), "date", f"{y}/{y2s}", None, s, e, "year", None, None,
                              "range; as written")
    if not (part or tahun):
        prev = ctx.prev_text(m.start())
        nxt = _NEXT_WORD_RE.match(ctx.text, m.end())
        if nxt and nxt.group(1).lower() in COUNT_NOUNS:
            return None
        if not DATE_CUE_RE.search(ctx.low, max(0, m.start() - 24), m.start()):
            pw = _PREV_WORD_RE.search(prev)
            after = ctx.text[end:end + 2]
            proper = pw is not None and pw.group(1)[:1].isupper() and not prev.rstrip().endswith(".")
            if not (proper or after[:1] in ("", ")", ",", ".", ";", ":", "!", "?", "\n")):
                return None
    mod = PARTS[part.lower()] if part else None
    if m.group("decade"):
        if y % 10:
            return None
        s, e = _span(datetime(y, 1, 1), "decade", mod)
        return TimeExpression(_orig(m, ctx), m.start(), "date", f"{y // 10}X", mod, s, e, "decade", None, None,
                              "as written (decade)")
    if y2s:  # 1994-1991, 2020 hingga 2019: no range
        return None
    s, e = _span(datetime(y, 1, 1), "year", mod)
    note = "as written" + (f"; '{part.lower()}' = {mod}" if mod else "")
    return TimeExpression(ctx.text[m.start():end], m.start(), "date", str(y), mod, s, e, "year", None, None, note)


def _h_century(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    n = m.group("n").upper()
    k = int(n) if n.isdigit() else sum(_ROMAN[c] for c in n)  # good enough for XX, XXI
    if n == "XIX":
        k = 19
    if not 1 <= k <= 21:
        return None
    s, e = _span(datetime(max((k - 1) * 100, 1), 1, 1), "century")
    return TimeExpression(_orig(m, ctx), m.start(), "date", f"{k - 1:02d}", None, s, e, "century", None, None,
                          "as written (century)")


def _relative_unit(ctx: _Context, unit: str, n: int, mod: str | None, m: re.Match[str], note_rel: str
                   ) -> TimeExpression:
    """``unit`` shifted by ``n`` from the reference (``pekan lalu``, ``tahun depan``, ``akhir bulan ini``)."""
    ref, text, off = ctx.ref, _orig(m, ctx), m.start()
    gran = {"pekan": "week", "minggu": "week", "bulan": "month", "tahun": "year"}[unit]
    if ref is None:
        value = {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}[gran]
        return TimeExpression(text, off, "relative", value, mod, None, None, gran, None, None,
                              f"unresolved {ctx.no_ref}")
    if gran == "week":
        start = _monday(ref.date()) + timedelta(weeks=n)
        value = _iso_week(start.date())
    elif gran == "month":
        y, mo = _add_months(ref.year, ref.month, n)
        start, value = datetime(y, mo, 1), f"{y:04d}-{mo:02d}"
    else:
        start, value = datetime(ref.year + n, 1, 1), f"{ref.year + n:04d}"
    s, e = _span(start, gran, mod)
    return TimeExpression(text, off, "relative", value, mod, s, e, gran, None, None,
                          f"relative to reference {_ref_note(ref)} ({note_rel})")


def _h_relative(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    ref, text, off = ctx.ref, _orig(m, ctx), m.start()
    if m.group("punit") or m.group("unit"):
        unit = (m.group("punit") or m.group("unit")).lower()
        rel = (m.group("prel") or m.group("rel") or "").lower()
        part = m.group("part").lower() if m.group("part") else None
        shift = {"lalu": -1, "kemarin": -1, "silam": -1, "depan": 1, "mendatang": 1, "ini": 0, "": 0}[rel]
        if part and part in ("akhir", "penghujung", "ujung") and unit in ("pekan", "minggu"):
            return _weekend(m, ctx, rel)
        mod = PARTS[part] if part else None
        note = f"{shift:+d} {unit}" if shift else f"this {unit}"
        return _relative_unit(ctx, unit, shift, mod, m, note)
    if m.group("nunit"):
        n = _parse_number(m.group("n"))
        unit = m.group("nunit").lower()
        if n is None or n != int(n):
            return None
        sign = 1 if m.group("nrel").lower() == "lagi" else -1
        return _shift(m, ctx, unit, sign * int(n))
    word = re.sub(r"\s+", " ", m.group("word").lower())
    days = {"kemarin lusa": -2, "kemarin": -1, "hari ini": 0, "besok": 1, "esok hari": 1, "lusa": 2}
    if word in days:
        return _shift(m, ctx, "hari", days[word])
    # tadi pagi / tadi malam / pagi ini / malam ini
    pod = _pod(word.replace("tadi ", "").replace(" ini", ""))
    if ref is None:
        return TimeExpression(text, off, "relative", f"XXXX-XX-XXT{pod[0]}", None, None, None, "part_of_day",
                              None, None, f"unresolved {ctx.no_ref}")
    day = datetime(ref.year, ref.month, ref.day)
    if word.startswith("tadi") and pod[1] * 3600 > ref.hour * 3600 + ref.minute * 60:
        day -= timedelta(days=1)  # "tadi malam" read in the morning = last night
    s, e = day + timedelta(hours=pod[1]), day + timedelta(hours=pod[2]) - timedelta(seconds=1)
    return TimeExpression(text, off, "relative", f"{day:%Y-%m-%d}T{pod[0]}", None, s, e, "part_of_day", None,
                          None, f"relative to reference {_ref_note(ref)}")


def _shift(m: re.Match[str], ctx: _Context, unit: str, n: int) -> TimeExpression:
    """``n`` units from the reference, at that unit's granularity (``dua hari lalu``, ``besok``)."""
    ref, text, off = ctx.ref, _orig(m, ctx), m.start()
    gran = UNITS[unit][2]
    if gran in ("week", "month", "year"):
        if gran == "week":  # "dua minggu lalu" = the week 14 days ago
            if ref is None:
                return TimeExpression(text, off, "relative", "XXXX-WXX", None, None, None, gran, None, None,
                                      f"unresolved {ctx.no_ref}")
            day = ref.date() + timedelta(weeks=n)
            s, e = _span(_monday(day), "week")
            return TimeExpression(text, off, "relative", _iso_week(day), None, s, e, gran, None, None,
                                  f"relative to reference {_ref_note(ref)} ({n:+d} {unit})")
        return _relative_unit(ctx, unit, n, None, m, f"{n:+d} {unit}")
    if ref is None:
        value = {"day": "XXXX-XX-XX", "hour": "XXXX-XX-XXTXX", "minute": "XXXX-XX-XXTXX:XX",
                 "second": "XXXX-XX-XXTXX:XX:XX", "decade": "XXX", "century": "XX"}[gran]
        return TimeExpression(text, off, "relative", value, None, None, None, gran, None, None,
                              f"unresolved {ctx.no_ref}")
    note = f"relative to reference {_ref_note(ref)}" + (f" ({n:+d} {unit})" if n else "")
    if gran == "day":
        day = datetime(ref.year, ref.month, ref.day) + timedelta(days=n)
        s, e = _span(day, "day")
        return TimeExpression(text, off, "relative", f"{day:%Y-%m-%d}", None, s, e, "day", None, None, note)
    if gran in ("decade", "century"):
        years = n * (10 if gran == "decade" else 100)
        y = ref.year + years
        return TimeExpression(text, off, "relative", str(y), None, *_span(datetime(y, 1, 1), "year"), "year",
                              None, None, note)
    delta = {"hour": timedelta(hours=n), "minute": timedelta(minutes=n), "second": timedelta(seconds=n)}[gran]
    t = ref + delta
    fmt = {"hour": "%Y-%m-%dT%H", "minute": "%Y-%m-%dT%H:%M", "second": "%Y-%m-%dT%H:%M:%S"}[gran]
    return TimeExpression(text, off, "relative", t.strftime(fmt), None, t, t, gran, None, None, note)


def _weekend(m: re.Match[str], ctx: _Context, rel: str) -> TimeExpression:
    """``akhir pekan`` (+ ``ini``/``lalu``/``depan``): the Saturday-Sunday of that ISO week."""
    ref, text, off = ctx.ref, _orig(m, ctx), m.start()
    if ref is None:
        return TimeExpression(text, off, "relative", "XXXX-WXX-WE", None, None, None, "weekend", None, None,
                              f"unresolved {ctx.no_ref}")
    monday = _monday(ref.date())
    if rel in ("lalu", "kemarin"):
        monday -= timedelta(weeks=1)
        how = "weekend of the previous week"
    elif rel in ("depan", "mendatang"):
        monday += timedelta(weeks=1)
        how = "weekend of the next week"
    elif rel == "ini":
        how = "weekend of this week"
    else:
        direction, _ = ctx.direction(off, None)
        if direction == "future":
            how = "next weekend on or after the reference"
        elif ref.weekday() < 5:
            monday -= timedelta(weeks=1)
            how = "most recent weekend on or before the reference"
        else:
            how = "most recent weekend on or before the reference"
    sat = monday + timedelta(days=5)
    s, e = _span(sat, "weekend")
    return TimeExpression(text, off, "relative", f"{_iso_week(sat.date())}-WE", None, s, e, "weekend", None,
                          None, f"relative to reference {_ref_note(ref)} ({how})")


def _h_duration(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    if _AFTER_DURATION_REJECT.match(ctx.text, m.end()):
        return None  # "dua hari lalu" (relative), "sehari setelah ..." (anchored to another event)
    text, off = _orig(m, ctx), m.start()
    mod = MODIFIERS[re.sub(r"\s+", " ", m.group("mod").lower())] if m.group("mod") else None
    anchor = re.sub(r"\s+", " ", m.group("anchor").lower()) if m.group("anchor") else None
    if m.group("runit"):
        unit, qty = m.group("runit").lower(), "X"
    else:
        unit, nword = m.group("unit").lower(), m.group("n").lower()
        if nword in ("beberapa", "puluhan", "belasan", "ratusan", "ribuan"):
            qty = "X"
            if (nword, unit) in VAGUE_QUANTITY_UNITS:
                unit = {"DE": "dekade", "CE": "abad", "ML": "ML"}[VAGUE_QUANTITY_UNITS[(nword, unit)]]
        else:
            n = _parse_number(nword)
            if n is None:
                return None
            qty = _fmt_number(n)
    if unit == "ML":
        code, is_time, gran = "ML", False, "millennium"
    else:
        code, is_time, gran = UNITS[unit]
    value = f"P{'T' if is_time else ''}{qty}{code}"
    ref = ctx.ref
    if anchor in ("ke depan", "mendatang") and qty == "X":
        return TimeExpression(text, off, "vague", "FUTURE_REF", mod, None, None, None, None, None,
                              "vague (unknown span ahead of the reference)")
    s = e = None
    note = "duration"
    if anchor and qty != "X" and ref is not None and gran in ("second", "minute", "hour", "day", "week"):
        n = float(qty)
        delta = {"second": timedelta(seconds=n), "minute": timedelta(minutes=n), "hour": timedelta(hours=n),
                 "day": timedelta(days=n), "week": timedelta(weeks=n)}[gran]
        if anchor in ("terakhir", "belakangan"):
            s, e, note = ref - delta, ref, f"duration ending at reference {_ref_note(ref)}"
        else:
            s, e, note = ref, ref + delta, f"duration starting at reference {_ref_note(ref)}"
    elif anchor and qty != "X" and ref is not None and gran in ("month", "year"):
        n = int(float(qty)) * (12 if gran == "year" else 1)
        y, mo = _add_months(ref.year, ref.month, -n if anchor in ("terakhir", "belakangan") else n)
        other = ref.replace(year=y, month=mo, day=min(ref.day, 28))
        s, e = (other, ref) if anchor in ("terakhir", "belakangan") else (ref, other)
        note = f"duration anchored at reference {_ref_note(ref)}"
    return TimeExpression(text, off, "duration", value, mod, s, e, gran, None, None, note)


def _h_time(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    h = int(m.group("h") or m.group("h2"))
    mi = int(m.group("mi") or m.group("mi2") or 0)
    zone = m.group("zone") or m.group("zone2")
    pod = _pod(m.group("pod"))
    afternoon = pod is not None and pod[0] in ("AF", "EV", "NI") and pod[1] != 0 and h < 12
    if afternoon or (pod is not None and pod[0] == "MI" and h < 5):
        h += 12
    if h > 24:
        return None
    # the date is filled in by _anchor_times (a date earlier in the sentence, else the reference)
    return TimeExpression(_orig(m, ctx), m.start(), "time", f"T{h:02d}:{mi:02d}", None, None, None, "minute",
                          None, zone.upper() if zone else None, "")


def _h_weekday(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    dn, rel = m.group("dn"), (m.group("rel") or "").lower()
    if dn.lower() == "minggu":
        # "minggu" is also "week": only a capitalised Minggu not followed by lalu/ini/depan is Sunday.
        if not ctx.text[m.start("dn")].isupper() or rel in ("lalu", "ini", "depan", "mendatang"):
            return None
        nxt = _NEXT_WORD_RE.match(ctx.text, m.end())
        if nxt and nxt.group(1).lower() in ("ke", "terakhir", "pertama", "kedua"):
            return None
        prev = _PREV_WORD_RE.search(ctx.prev_text(m.start()))
        if prev and (prev.group(1)[:1].isdigit() or prev.group(1).lower() in NUMBER_WORDS
                     or prev.group(1).lower() in ("beberapa", "enam", "tiga", "dua")):
            return None
    wd = DAYS[dn.lower()]
    ref, text, off = ctx.ref, _orig(m, ctx), m.start()
    pod = _pod(m.group("pod"))
    if ref is None and ctx.precision == "text" and ctx.year_ref is not None and not rel:
        # a page dated only by its own dates: a bare day name is the nearest such day to them
        near = datetime(ctx.year_ref.year, ctx.year_ref.month, ctx.year_ref.day)
        shift = (wd - near.weekday()) % 7
        day = near + timedelta(days=shift if shift <= 3 else shift - 7)
        note = f"day name: nearest {_WEEKDAY_EN[wd]} to the page's own dates, latest {near:%Y-%m-%d}"
        return _weekday_te(text, off, day, pod, note)
    if ref is None:
        value = "XXXX-XX-XX" + (f"T{pod[0]}" if pod else "")
        return TimeExpression(text, off, "relative", value, None, None, None,
                              "part_of_day" if pod else "day", None, None, f"unresolved {ctx.no_ref}")
    refd = datetime(ref.year, ref.month, ref.day)
    back = (refd.weekday() - wd) % 7
    if rel in ("lalu", "kemarin"):
        day, how = refd - timedelta(days=back or 7), f"most recent {_WEEKDAY_EN[wd]} before"
    elif rel in ("depan", "mendatang"):
        day, how = refd + timedelta(days=(wd - refd.weekday()) % 7 or 7), f"next {_WEEKDAY_EN[wd]} after"
    elif rel == "ini":
        day, how = _monday(refd.date()) + timedelta(days=wd), f"{_WEEKDAY_EN[wd]} of the week of"
    elif ctx.direction(off, None)[0] == "future":
        day, how = refd + timedelta(days=(wd - refd.weekday()) % 7), f"first {_WEEKDAY_EN[wd]} on or after"
    else:
        day, how = refd - timedelta(days=back), f"most recent {_WEEKDAY_EN[wd]} on or before"
    return _weekday_te(text, off, day, pod, f"day name: {how} reference {_ref_note(ref)}")


def _weekday_te(text: str, off: int, day: datetime, pod: tuple[str, int, int] | None, note: str) -> TimeExpression:
    """A resolved day name, for the whole day or a part of it."""
    if pod:
        s, e = day + timedelta(hours=pod[1]), day + timedelta(hours=pod[2]) - timedelta(seconds=1)
        return TimeExpression(text, off, "relative", f"{day:%Y-%m-%d}T{pod[0]}", None, s, e, "part_of_day",
                              None, None, note)
    s, e = _span(day, "day")
    return TimeExpression(text, off, "relative", f"{day:%Y-%m-%d}", None, s, e, "day", None, None, note)


def _h_vague(m: re.Match[str], ctx: _Context) -> TimeExpression | None:
    value = "PAST_REF" if m.group("past") else "PRESENT_REF" if m.group("present") else "FUTURE_REF"
    return TimeExpression(_orig(m, ctx), m.start(), "vague", value, None, None, None, None, None, None,
                          "vague (no interval)")


class Rule(NamedTuple):
    """A date rule: its name, the regex matched at an anchor, and the handler that reads the match."""

    name: str
    regex: re.Pattern[str]
    handler: Callable[[re.Match[str], _Context], object]


# The rules by name, in try order: order matters only for ties (same start, same length): earlier rules win.
RULES: dict[str, Rule] = {r.name: r for r in (
    Rule("date_range", DATE_RANGE_RE, _h_range), Rule("date", DATE_RE, _h_date),
    Rule("numdate", NUMDATE_RE, _h_numdate), Rule("weeknum", WEEKNUM_RE, _h_weeknum),
    Rule("relative", RELATIVE_RE, _h_relative), Rule("month", MONTH_RE, _h_month), Rule("year", YEAR_RE, _h_year),
    Rule("century", CENTURY_RE, _h_century), Rule("vague", VAGUE_RE, _h_vague),
    Rule("duration", DURATION_RE, _h_duration), Rule("time", TIME_RE, _h_time),
    Rule("weekday", WEEKDAY_RE, _h_weekday),
)}
_RULE_ORDER = {name: i for i, name in enumerate(RULES)}


def _pick(*names: str) -> tuple[Rule, ...]:
    """The rules of these names, in the order given (the order they are tried in)."""
    return tuple(RULES[n] for n in names)


def _first_words() -> dict[str, tuple[Rule, ...]]:
    """Which rules can start at a word (the anchor table), each word's rules in :data:`RULES` order."""
    days = {d for d in DAYS if d.isalpha()} | {"jum"}  # jum'at
    months = set(MONTHS)
    parts = set(PARTS)
    numbers = set(NUMBER_WORDS) - {"se"}
    se_words = {f"se{u}" for u in ("hari", "minggu", "pekan", "bulan", "tahun", "jam", "abad", "dekade")}
    ber_words = {f"ber{u}" for u in ("hari", "minggu", "pekan", "bulan", "tahun", "jam", "abad", "dekade")}
    quantity = {"beberapa", "puluhan", "belasan", "ratusan", "ribuan"}
    modifiers = {"sekitar", "kira", "sekira", "hampir", "lebih", "kurang", "sedikitnya", "setidaknya", "paling"}
    starts: dict[str, set[str]] = {
        "date_range": days | {"hari", "tanggal", "tgl"},
        "date": days | {"hari", "tanggal", "tgl"},
        "numdate": days | {"hari"},
        "weeknum": {"minggu", "pekan"},
        "relative": parts | {"pekan", "minggu", "bulan", "tahun"} | numbers | se_words
        | {"kemarin", "hari", "besok", "esok", "lusa", "tadi", "pagi", "siang", "sore", "malam"},
        "month": parts | months | {"bulan"},
        "year": parts | {"tahun", "thn"},
        "century": {"abad"},
        "vague": {"beberapa", "baru", "belum", "masa", "tempo", "waktu", "belakangan", "akhir", "saat", "dewasa",
                  "kini", "sekarang", "dalam", "kelak", "ke", "nanti", "nantinya"},
        "duration": modifiers | numbers | quantity | se_words | ber_words,
        "time": {"pukul", "jam", "pkl"},
        "weekday": days | {"hari"},
    }
    table: dict[str, set[str]] = {}
    for name, words in starts.items():
        for w in words:
            table.setdefault(w, set()).add(name)
    return {w: _pick(*sorted(names, key=_RULE_ORDER.__getitem__)) for w, names in table.items()}


def _trie_regex(words: set[str]) -> str:
    """An alternation of ``words`` factored into a trie, so the scan costs a few steps per position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return build(trie)


_FIRST_WORDS = _first_words()
_DAY_WORDS = frozenset(d for d in DAYS if d.isalpha()) | {"jum"}
_NOT_DIGIT_DATES = frozenset(("date_range", "date", "numdate"))  # rules that need digits close by
#: The rules of a day word (or ``hari``) when no digit follows it closely.
_WITHOUT_DIGIT_DATES = {w: tuple(r for r in _FIRST_WORDS[w] if r.name not in _NOT_DIGIT_DATES)
                        for w in (*_DAY_WORDS, "hari")}


# The rules tried at a digit anchor, by the digits and the character after them (see :func:`_rules_at`).
_AT_SLASH = _pick("numdate")  # 10/11/2020
_AT_DOT = _pick("time", "numdate")  # 19.00 WIB, 20.02.2021
_AT_DASH = _pick("date_range", "numdate")  # 26-27 September, 20-02-2021
_AT_SPACE = _pick("date_range", "date", "relative", "duration")  # 9 November, 2 hari lalu, 44 hari
_AT_COMMA = _pick("duration", "relative")  # 2,5 tahun
_AT_YEAR_DASH = _pick("year", "numdate")  # 2019-2024, 2020-11-09
_AT_YEAR = _pick("year")  # 1994
_AT_HUNDREDS = _pick("relative", "duration")  # 100 tahun
_HARI_INI = _pick("relative")


def _rules_at(word: str, low: str, end: int) -> tuple[Rule, ...]:
    """Rules worth trying at an anchor, judged from the anchor word and the character after it."""
    nxt = low[end:end + 1]
    if word[0].isdigit():
        n = len(word)
        if n <= 2:
            if nxt == "/":
                return _AT_SLASH
            if nxt in ".:":
                return _AT_DOT
            if nxt in "-–":
                return _AT_DASH
            if nxt.isspace():
                return _AT_SPACE
            return _AT_COMMA if nxt == "," else ()
        if n == 4:
            return _AT_YEAR_DASH if nxt == "-" else _AT_YEAR
        return _AT_HUNDREDS if n == 3 and nxt.isspace() else ()
    if word in _DAY_WORDS or word == "hari":
        if word == "hari" and low.startswith(" ini", end):
            return _HARI_INI
        rules = _FIRST_WORDS[word]
        if _DIGIT_RE.search(low, end, end + (30 if word == "hari" else 22)):  # "Selasa tengah malam (10/11)"
            return rules
        return _WITHOUT_DIGIT_DATES[word]  # no digit close by: not date_range/date/numdate
    return _FIRST_WORDS.get(word, ())


# Every word a temporal expression can start with, and digits: scanning for these first is what
# makes the tagger fast (the full rules run only where an anchor is).
ANCHOR_RE = re.compile(rf"\b(?:\d+|{_trie_regex(set(_FIRST_WORDS))})\b", re.ASCII)


def _anchor_time(te: TimeExpression, kept: list[TimeExpression], ctx: _Context) -> TimeExpression:
    """Put a bare clock time on the date written earlier in its sentence, else the reference date."""
    s, _ = ctx.sentence(te.offset)
    before = ctx.sentence(s - 1)[0] if s > 0 else s  # "Rapat digelar Senin (2/11/2020). Pukul 13.00 ..."
    hm = te.value[1:]
    h, mi = int(hm[:2]), int(hm[3:])
    day = None
    for prev in reversed(kept):
        if prev.offset < before:
            break  # sentences before the previous one do not date this clock time
        if prev.granularity in ("day", "part_of_day") and prev.start is not None and not prev.citation:
            day = datetime(prev.start.year, prev.start.month, prev.start.day)
            where = "its sentence" if prev.offset >= s else "the sentence before"
            note = f"clock time on the date of '{prev.text}' ({where})"
            break
    if day is None:
        if ctx.ref is None:
            return TimeExpression(te.text, te.offset, "time", f"XXXX-XX-XXT{hm}", te.mod, None, None,
                                  "minute", None, te.zone, f"date unknown {ctx.no_ref}")
        day = datetime(ctx.ref.year, ctx.ref.month, ctx.ref.day)
        note = f"clock time on the reference date {_ref_note(ctx.ref)}"
    t = day + timedelta(hours=h, minutes=mi)
    return TimeExpression(te.text, te.offset, "time", f"{day:%Y-%m-%d}T{hm}", te.mod, t,
                          t + timedelta(seconds=59), "minute", None, te.zone, note)


def _with_prefix_mod(te: TimeExpression, ctx: _Context) -> TimeExpression:
    """``sekitar 1990`` -> mod APPROX, the modifier word included in the text."""
    if te.mod is not None or te.kind in ("duration", "vague"):
        return te
    before = ctx.low[max(0, te.offset - 14):te.offset]
    if not before.rstrip().endswith(("sekitar", "kira-kira", "sekira")):
        return te
    n = len(_MOD_PREFIX_RE.search(before).group(0))
    return TimeExpression(ctx.text[te.offset - n:te.offset] + te.text, te.offset - n, te.kind, te.value,
                          "APPROX", te.start, te.end, te.granularity, te.weekday_mismatch, te.zone,
                          te.resolution + "; 'sekitar' = APPROX")


def _extent(te: TimeExpression | tuple[TimeExpression, ...]) -> int:
    """Characters a handler's result covers (a list of days counts from its first to its last)."""
    if isinstance(te, tuple):
        return te[-1].offset + len(te[-1].text) - te[0].offset
    return len(te.text)


def _with_citation(te: TimeExpression, ctx: _Context) -> TimeExpression:
    """Mark the date of a cited report (``dilansir VOA, Kamis (12/11/2020)``): it dates the report."""
    if te.kind in ("duration", "vague"):
        return te
    start = max(0, te.offset - 90)
    if not _CITATION_CUE_RE.search(ctx.low, start, te.offset) or not CITATION_RE.search(ctx.text, start, te.offset):
        return te
    return replace(te, citation=True, resolution=te.resolution + "; citation: dates the report, not an event")


def iter_dates(text: str, reference_time: object = None, reference_precision: str = "exact"
               ) -> Iterator[TimeExpression]:
    """Temporal expressions of ``text`` in reading order (the engine behind :func:`find_dates`).

    Parameters
    ----------
    text : str
        Running text (a sentence, a paragraph or a whole page).
    reference_time : datetime-like or str, optional
        What relative and year-less expressions resolve against (usually the page's
        ``reference_time``). ``None``/``NaT`` leaves them unresolved.
    reference_precision : {"exact", "month", "text"}
        What the reference is (see :data:`REFERENCE_PRECISIONS`).

    Yields
    ------
    TimeExpression
    """
    if not text:
        return
    low = text.lower()
    if len(low) != len(text):  # a few characters (İ) lower-case to two
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    ctx = _Context(text, low, _as_reference(reference_time), reference_precision)
    kept: list[TimeExpression] = []
    last_end = -1
    for a in ANCHOR_RE.finditer(low):
        pos = a.start()
        if pos < last_end:
            continue
        best, best_len = None, 0
        for _, rx, handler in _rules_at(a.group(), low, a.end()):
            m = rx.match(low, pos)
            if m is None or m.end() - pos <= best_len:
                continue  # no match, or no longer than one already read: the longest wins
            try:
                te = handler(m, ctx)
            except (ValueError, OverflowError):  # "5000 abad lalu": outside the calendar
                continue
            if te is not None and _extent(te) > best_len:
                best, best_len = te, _extent(te)
        if best is not None:
            for one in best if isinstance(best, tuple) else (best,):
                if one.kind == "time" and one.value.startswith("T"):
                    one = _anchor_time(one, kept, ctx)
                kept.append(one)
            last_end = kept[-1].offset + len(kept[-1].text)
    for te in kept:
        yield _with_citation(_with_prefix_mod(te, ctx), ctx)


# "sehari setelah kesepakatan ...", "sebulan setelah ...", "dua hari sebelum ...": an offset from the
# sentence's own date to the event its clause names (up to the next , ; : or sentence end).
ANCHORED_OFFSET_RE = re.compile(
    rf"""(?<![\w-])(?P<n>{_NUMBER}|se)\s*(?P<unit>hari|minggu|pekan|bulan|tahun)\s+
    (?:(?:yang\s+)?(?:lalu\s+)?)?(?P<dir>setelah|sesudah|usai|seusai|pasca|sebelum|menjelang|jelang)\s+
    (?P<clause>[^,;:.!?]+)""",
    _FLAGS,
)
_OFFSET_BEFORE = ("sebelum", "menjelang", "jelang")
_ANCHOR_GRANULARITIES = ("minute", "part_of_day", "day")


def anchored_offsets(text: str, times: Iterable[TimeExpression]) -> list[tuple[TimeExpression, int, int]]:
    """Dates of the events that offsets from a dated sentence name (``Kamis (10/12/2020), sebulan
    setelah kesepakatan ...`` -> the agreement on 2020-11-10).

    Parameters
    ----------
    text : str
        The text the time expressions were found in (a paragraph).
    times : iterable of TimeExpression
        Its expressions (:func:`iter_dates`); the anchor of an offset is the nearest resolved day (or
        finer) expression of the same sentence that is not a citation date.

    Returns
    -------
    list of (TimeExpression, int, int)
        For each offset phrase, the date it gives (``kind`` = ``relative``, the offset phrase as
        ``text``, a ``resolution`` naming the anchor) and the character span of the clause that names
        the event.
    """
    low = text.lower()
    if "setelah" not in low and "sebelum" not in low and "usai" not in low and "pasca" not in low \
            and "jelang" not in low and "sesudah" not in low:
        return []
    dated = [te for te in times if te.start is not None and te.granularity in _ANCHOR_GRANULARITIES
             and not te.citation]
    out = []
    for s, e in sentence_spans(text) if dated else ():
        anchors = [te for te in dated if s <= te.offset < e]
        for m in ANCHORED_OFFSET_RE.finditer(low, s, e) if anchors else ():
            n = 1.0 if m.group("n") == "se" else _parse_number(m.group("n"))
            if n is None or n != int(n) or n > 100:
                continue
            outside = [te for te in anchors if not m.start("clause") <= te.offset < m.end("clause")]
            if not outside:
                continue  # "dua hari sebelum gencatan senjata pada 10 Oktober": the date is the clause's own
            anchor = min(outside, key=lambda te: abs(te.offset - m.start()))
            sign = 1 if m.group("dir") in _OFFSET_BEFORE else -1  # "sehari setelah X": X was a day earlier
            day = datetime(anchor.start.year, anchor.start.month, anchor.start.day)
            unit = m.group("unit")
            if unit in ("bulan", "tahun"):
                months = int(n) * (12 if unit == "tahun" else 1) * sign
                y, mo = _add_months(day.year, day.month, months)
                day = day.replace(year=y, month=mo, day=min(day.day, 28 if mo == 2 else 30))
            else:
                day += timedelta(days=int(n) * (7 if unit in ("minggu", "pekan") else 1) * sign)
            phrase = text[m.start():m.start("clause")].rstrip()
            note = f"anchored: '{phrase}' the date of '{anchor.text}' ({anchor.value})"
            a, b = _span(day, "day")
            out.append((TimeExpression(phrase, m.start(), "relative", f"{day:%Y-%m-%d}", None, a, b, "day",
                                       None, None, note), m.start("clause"), m.end("clause")))
    return out


_EPOCH = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)
_NAT = np.iinfo(np.int64).min
STR_DTYPE = pd.StringDtype("python", na_value=np.nan)  # pandas' "str" dtype; python storage is faster here


def _datetime64(values: list[datetime | None]) -> np.ndarray:
    """datetime64[ns] array of naive datetimes (None -> NaT), without numpy's slow object path."""
    ints = np.array([_NAT if v is None else (v - _EPOCH) // _MICROSECOND for v in values], dtype=np.int64)
    ints[ints != _NAT] *= 1000
    return ints.view("datetime64[ns]")


_COLUMNS_INDEX = pd.Index(COLUMNS)
_NULLABLE_STR = frozenset(("mod", "granularity", "zone"))  # the str fields of TimeExpression that may be None
_PLACEMENTS = [np.array([i], dtype=np.intp) for i in range(len(COLUMNS) + 1)]


def _frame(rows: list[TimeExpression], doc: list | None = None) -> pd.DataFrame:
    """The table of :data:`COLUMNS` for ``rows`` (fixed dtypes, also when empty), ``doc`` first if given.

    Built from its blocks (``pandas.api.internals.create_dataframe_from_blocks``): the DataFrame
    constructor's checks cost more than the tagging of a typical page.
    """
    columns = list(COLUMNS)
    blocks: list[tuple[object, np.ndarray]] = []
    if doc is not None:
        columns.insert(0, "doc")
        keys = pd.DataFrame({"doc": doc})["doc"].array  # the constructor's own inference, once per batch
        blocks.append(_block(keys, 0))
    first = len(blocks)
    times = []
    for i, col in enumerate(COLUMNS, first):
        values = [getattr(r, col) for r in rows]
        if col in ("start", "end"):
            times.append(_datetime64(values))
        elif col == "offset":
            blocks.append(_block(np.array(values, dtype=np.int64), i))
        elif col == "weekday_mismatch":
            mask = np.array([v is None for v in values], dtype=bool)
            flags = np.array([v is True for v in values], dtype=bool)
            blocks.append(_block(pd.arrays.BooleanArray(flags, mask), i))
        elif col == "citation":
            blocks.append(_block(np.array(values, dtype=bool), i))
        else:  # all str, or None where missing (mod, zone, granularity): the array's own NaN
            arr = np.array(values, dtype=object)
            if col in _NULLABLE_STR:
                arr[arr == None] = np.nan  # noqa: E711 (elementwise)
            blocks.append((pd.arrays.StringArray(arr, dtype=STR_DTYPE), _PLACEMENTS[i]))
    where = first + COLUMNS.index("start")  # start and end: one datetime block of two rows
    blocks.append((np.vstack(times), np.array([where, where + 1], dtype=np.intp)))
    return create_dataframe_from_blocks(blocks, pd.RangeIndex(len(rows)),
                                        _COLUMNS_INDEX if doc is None else pd.Index(columns))


def _block(values: object, position: int) -> tuple[object, np.ndarray]:
    """One column as a block: numpy arrays as a 2D row, extension arrays as they are."""
    if isinstance(values, ExtensionArray):
        if type(values) is not NumpyExtensionArray:
            return values, _PLACEMENTS[position]
        values = values.to_numpy()
    return np.asarray(values).reshape(1, -1), _PLACEMENTS[position]


def _per_text(value: object, n: int, what: str) -> list:
    """One value per text: a sequence of ``n`` values as given, a single value repeated."""
    if isinstance(value, (list, tuple, np.ndarray, pd.Series, pd.Index)):
        values = list(value)
        if len(values) != n:
            raise ValueError(f"{len(values)} {what} for {n} texts")
        return values
    return [value] * n


def find_dates(text: str | Iterable[str], reference_time: object = None,
               reference_precision: str | Iterable[str] = "exact") -> pd.DataFrame:
    """Find and normalise the temporal expressions of an Indonesian text.

    Parameters
    ----------
    text : str, or an iterable / Series of str
        Running text: a sentence, a paragraph or a whole page. Given many texts, one table is
        returned for all of them with a leading ``doc`` column (the Series index label, else the
        position) -- much faster than one call per text, since building a DataFrame is the
        expensive part of a call.
    reference_time : datetime-like or str, or a sequence of them (one per text), optional
        The moment relative (``kemarin``, ``pekan lalu``) and year-less (``9 November``) expressions
        resolve against, usually the page's ``reference_time``. Strings may be ISO or Indonesian
        (``"Kamis, 12 November 2020 07:06 WIB"``). ``None``/``NaT``: they stay unresolved.
    reference_precision : {"exact", "month", "text"}, or a sequence of them (one per text)
        What each reference is (see :data:`REFERENCE_PRECISIONS`): a moment, a month (a URL that names
        only the month), or the latest full date of the page itself.

    Returns
    -------
    pandas.DataFrame
        One row per expression, in reading order, with columns

        - ``text`` (as written), ``offset`` (character index in ``text``),
        - ``kind``: ``date``, ``time``, ``duration``, ``relative`` or ``vague``,
        - ``value``: TIMEX3-style (``2020-11-09``, ``2020-09``, ``2020``, ``2020-W41``, ``2020-W41-WE``,
          ``2020-11-10TMO``, ``2020-11-09T07:06``, ``XXXX-09-27``, ``2017-09-26/2017-09-27``, ``P44D``,
          ``PT10H``, ``PXDE``, ``PAST_REF``),
        - ``mod``: ``START``/``MID``/``END`` (awal/pertengahan/akhir), ``APPROX`` (sekitar),
          ``LESS_THAN`` (hampir), ``MORE_THAN`` (lebih dari), ``EQUAL_OR_MORE`` (sedikitnya), else NaN,
        - ``start``/``end``: the interval denoted (``end`` inclusive), NaT when unresolvable,
        - ``granularity``: minute, part_of_day, day, weekend, week, month, year, decade, century
          (for durations: the unit),
        - ``weekday_mismatch``: True when a written day name contradicts the date, NA without one,
        - ``zone``: WIB/WITA/WIT/GMT/UTC when written (the value is never shifted),
        - ``resolution``: how the value was obtained (see the module docstring),
        - ``citation``: True when the expression dates a report being cited (``dilansir VOA, Kamis
          (12/11/2020)``): it dates the report, never an event.

    Examples
    --------
    >>> df = find_dates("Gencatan senjata disepakati pada 9 November.", "2021-04-11 22:19")
    >>> df[["text", "value"]].values.tolist()
    [['9 November', '2020-11-09']]
    >>> find_dates("pada 9 November")["value"].tolist()
    ['XXXX-11-09']
    """
    if isinstance(text, str):
        return _frame(list(iter_dates(text, reference_time, reference_precision)))
    keys, texts = (list(text.index), list(text)) if isinstance(text, pd.Series) else (None, list(text))
    refs = _per_text(reference_time, len(texts), "reference times")
    precisions = _per_text(reference_precision, len(texts), "reference precisions")
    docs, rows = [], []
    for i, (t, ref, prec) in enumerate(zip(texts, refs, precisions, strict=True)):
        found = list(iter_dates(t, ref, prec)) if isinstance(t, str) else []
        docs.extend([keys[i] if keys is not None else i] * len(found))
        rows.extend(found)
    return _frame(rows, docs)


# --- values as a reader reads them ---------------------------------------------------------------------

#: Month abbreviations of reader-facing dates (``10 Nov 2020``): fixed, never the locale's.
READER_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: TIMEX3 part-of-day code -> the Indonesian word said when the expression names none of that code.
READER_PARTS_OF_DAY = {code: word for word, (code, _, _) in reversed(list(PARTS_OF_DAY.items()))}
READER_PARTS_OF_DAY["NI"] = "malam"
#: ``mod`` -> the Indonesian word said when the expression does not give its own.
READER_MODS = {"START": "awal", "MID": "pertengahan", "END": "akhir", "APPROX": "sekitar"}
READER_VALUE_RE = re.compile(
    r"^(?P<y>\d{4}|XXXX)(?:-(?P<m>\d\d)(?:-(?P<d>\d\d)(?:T(?:(?P<hh>\d\d):(?P<mi>\d\d)|(?P<pod>[A-Z]{2})))?)?"
    r"|-W(?P<w>\d\d))?$"
)


def _own_word(expression: str, words: dict[str, str], wanted: str) -> str | None:
    """The longest word of ``words`` (word -> code) in ``expression`` whose code is ``wanted``."""
    low = " ".join(expression.lower().split())
    found = [w for w, code in words.items() if code == wanted and re.search(rf"\b{re.escape(w)}\b", low)]
    return max(found, key=len) if found else None


def _reader_single(value: str, expression: str, mod: str | None) -> str:
    m = READER_VALUE_RE.match(value)
    if m is None:
        return value
    year = "" if m["y"] == "XXXX" else m["y"]
    if m["w"]:
        text = f"week {int(m['w'])} of {year}" if year else f"week {int(m['w'])}"
    elif m["m"] and 1 <= int(m["m"]) <= 12:
        month = READER_MONTHS[int(m["m"]) - 1]
        text = " ".join(part for part in (str(int(m["d"])) if m["d"] else "", month, year) if part)
    else:
        text = year
    if not year:
        text += " (year unknown)"
    if m["hh"]:
        text += f", {m['hh']}:{m['mi']}"
    elif m["pod"]:
        pods = {w: code for w, (code, _, _) in PARTS_OF_DAY.items()}
        text += ", " + (_own_word(expression, pods, m["pod"]) or READER_PARTS_OF_DAY.get(m["pod"], m["pod"]))
    if mod in READER_MODS:
        word = _own_word(expression, {**PARTS, "sekitar": "APPROX"}, mod) or READER_MODS[mod]
        text = f"{word} {text}"
    return text


def reader_date(value: object, expression: object = "", mod: object = None) -> str:
    """A TIMEX3-style value (:func:`find_dates`) as a reader reads it, in the page's own words where it has them.

    The value itself stays in the tables (it is what sorts and compares); this is the column beside it.
    Part-of-day codes take the word the expression used (``dini hari`` and ``malam`` are both ``NI``), else
    the usual word; ``mod`` START/MID/END likewise (``awal``, ``pertengahan``, ``akhir``). Ranges read
    ``a – b``; a value of another form (durations, ``PAST_REF``) is returned as it is, and a missing one as ``""``.

    Examples
    --------
    >>> reader_date("2020-11-10TNI", "Selasa (10/11) dini hari")
    '10 Nov 2020, dini hari'
    >>> reader_date("2020-09", "akhir September", "END")
    'akhir Sep 2020'
    """
    if not isinstance(value, str) or not value:
        return ""
    expression = expression if isinstance(expression, str) else ""
    mod = mod if isinstance(mod, str) else None
    parts = value.split("/")
    if len(parts) == 2 and all(READER_VALUE_RE.match(p) for p in parts):
        return " – ".join(_reader_single(p, expression, None) for p in parts)
    return _reader_single(value, expression, mod)


def reader_dates(frame: pd.DataFrame) -> pd.Series:
    """:func:`reader_date` of every row of a table with a ``value`` column (and ``expression``, ``mod`` when
    present), as a string Series aligned with ``frame``."""
    n = len(frame)
    values = frame["value"] if "value" in frame else pd.Series([None] * n, index=frame.index)
    expressions = frame["expression"] if "expression" in frame else [""] * n
    mods = frame["mod"] if "mod" in frame else [None] * n
    out = [reader_date(v, e, m) for v, e, m in zip(values, expressions, mods, strict=True)]
    return pd.Series(out, index=frame.index, dtype="string", name="date")
