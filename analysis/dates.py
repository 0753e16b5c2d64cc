"""Indonesian dates and times.

This module holds the calendar vocabulary (month and day names, from Babel's CLDR data plus the
spellings Indonesian newsrooms actually use) and :func:`parse_timestamp`, which reads the absolute
timestamps of page furniture (``Kamis, 08 April 2021``, ``11 April 2021 22:19``,
``23/08/2022, 06:15 WIB``).

Times are kept as the page states them (naive wall-clock time, usually WIB = UTC+7); the zone
abbreviation, when present, is reported separately and never used to shift the value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from babel import Locale

__all__ = [
    "DAYS",
    "MONTHS",
    "TIMESTAMP_RE",
    "Timestamp",
    "find_timestamps",
    "parse_timestamp",
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

    @property
    def text_span(self) -> tuple[int, int]:
        """Character span of the match."""
        return self.start, self.end


def _to_timestamp(m: re.Match[str]) -> Timestamp | None:
    if m.group("day"):
        day, month, year = int(m.group("day")), MONTHS[m.group("month").lower()], int(m.group("year"))
    else:
        day, month, year = int(m.group("nday")), int(m.group("nmonth")), int(m.group("nyear"))
    hour = int(m.group("hour")) if m.group("hour") else 0
    minute = int(m.group("minute")) if m.group("minute") else 0
    second = int(m.group("second")) if m.group("second") else 0
    try:
        value = pd.Timestamp(year=year, month=month, day=day, hour=hour, minute=minute, second=second)
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
