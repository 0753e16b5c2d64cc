"""Conflict events: the sentences that tie a time to something that happened, and the events behind them.

:func:`extract_events` reads ``corpus.paragraphs`` sentence by sentence. A sentence becomes a
*mention* for each date, time or relative expression in it (:func:`analysis.dates.iter_dates`;
durations and vague references carry no date) when the sentence also holds a trigger word of the
event lexicon; expressions it cannot resolve to an interval are kept with ``start`` = NaT, so the
timeline can say what it left out. An offset from the sentence's date to another event
(``sebulan setelah kesepakatan ...``) is a mention of that event. Actors are the countries, places
and people the sentence names; a sentence that names none ("kedua pihak menyepakati ...") takes
those of the nearest earlier sentence of the page that does (``actors_source`` says which).
Dates resolve against :func:`page_references`: the page's date line, URL or furniture, else the
full dates it prints about its own news.

:func:`consolidate_events` merges the mentions of all pages into one row per real-world event (the
split of GDELT 2.0 into events and mentions; ACLED's folding of reports of the same day, actors and
type), and says of every mention left out why.

Event types
-----------
The lexicon is package data (``analysis/data/event_types.csv``): one row per type with its Indonesian
trigger words (``|``-separated, matched as whole words in the lower-cased sentence) and the nearest
ACLED event type and CAMEO code. When a sentence matches several types, ``event_type`` is the one
with the lowest score ``priority + max(0, distance - 3)`` (distance: words between trigger and time
expression, so triggers within three words count as equally close), plus 10 when the trigger sits in
a ``setelah``/``sebelum``/``usai``/``menyusul`` ... clause that does not hold the time expression (that
clause names an earlier or later event). So "pengunjuk rasa berkumpul, Selasa (10/11), ... setelah
kesepakatan damai diumumkan" is a protest, "menyetujui gencatan senjata yang ditengahi Rusia pada
9 November" a ceasefire and "konflik bersenjata mulai pecah pada akhir September, mengakibatkan
korban" an armed clash; all matched types are kept in ``event_types``.

==================  ================================  ==========================  ====  =============================
event_type          meaning                           ACLED event type            CAMEO root (code)
==================  ================================  ==========================  ====  =============================
ceasefire           ceasefire / truce / deal ending   Strategic developments      08    Yield (0871 declare truce)
                    the fighting                      (Agreement)
peacekeeping        peacekeeping deployment           Strategic developments      07    Provide aid (074 military
                                                      (Change to group/activity)        protection or peacekeeping)
territorial_change  territory taken or lost           Battles (Government regains 19    Fight (192 occupy territory)
                                                      / Non-state actor overtakes
                                                      territory)
explosion           explosion / bombing / strike      Explosions/Remote violence  18    Assault (183 bombing)
armed_clash         armed clash / offensive           Battles (Armed clash)       19    Fight (190 conventional
                                                                                        military force)
casualties          people killed or wounded          Battles (fatalities are a   18    Assault (1823 kill by
                                                      column of ACLED events)           physical assault)
riot                riot / violent demonstration      Riots                       14    Protest (145 riot)
protest             protest / demonstration           Protests                    14    Protest (141 demonstrate)
agreement           agreement signed or reached       Strategic developments      05    Diplomatic cooperation
                                                      (Agreement)                       (057 sign formal agreement)
mediation           mediation                         Strategic developments      04    Consult (045 mediate)
talks               talks / meeting / phone call /    Strategic developments      04    Consult (041 telephone,
                    visit                                                               042-043 visits, 046 negotiate)
statement           statement / claim / accusation    Strategic developments      01    Make public statement
==================  ================================  ==========================  ====  =============================

ACLED has no event type for talks, statements or casualty reports; the nearest is given (ACLED codes
political violence and demonstrations, and records agreements and other non-violent events as
"Strategic developments").

Actors
------
- Places: the gazetteer of :mod:`analysis.lexicon` (:func:`analysis.lexicon.load_gazetteer`): every
  territory name of Babel's Indonesian CLDR data under its English CLDR name (``Rusia`` -> Russia;
  ``Turki`` -> Turkey), and ``analysis/data/gazetteer_places.csv``: capitals and seats of government as
  metonyms (``Baku`` -> Azerbaijan, ``Kremlin`` -> Russia), spelling variants (``Ajerbaijan``,
  ``Nagorny Karabakh``, ``Karabagh`` -> Nagorno-Karabakh) and a few regions.
- People: capitalised names after a title (``Presiden Rusia Vladimir Putin``, ``Juru bicara Kremlin
  Dmitry Peskov``), names in ``analysis/data/gazetteer_people.csv`` (which also merges spellings:
  ``Pashinian`` -> Nikol Pashinyan), and a surname alone once the page has named its bearer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

import numpy as np
import pandas as pd

from analysis.dates import (
    FORWARD_RE,
    STR_DTYPE,
    TimeExpression,
    anchored_offsets,
    find_dates,
    iter_dates,
    sentence_spans,
)
from analysis.lexicon import CAP_RUN_RE, TITLE_WORDS, Gazetteer, load_gazetteer, read_csv

__all__ = [
    "EVENT_COLUMNS",
    "EXCLUSIONS",
    "TIMELINE_COLUMNS",
    "Gazetteer",
    "Lexicon",
    "consolidate_events",
    "corpus_dates",
    "date_disagreements",
    "describe_timeline",
    "exclusion_summary",
    "extract_events",
    "furniture_times",
    "load_compatibility",
    "load_gazetteer",
    "load_lexicon",
    "page_references",
]

EVENT_COLUMNS = [
    "doc_id", "paragraph", "sentence", "expression", "start", "end", "granularity", "event_type", "actors",
    "value", "mod", "kind", "weekday_mismatch", "event_types", "trigger", "actors_source", "resolution",
    "offset", "citation", "reported", "reference_source", "after_report", "planned",
]
REFERENCE_COLUMNS = ["doc_id", "reference_time", "reference_source", "reference_precision", "reference_note"]
# Words that make a sentence about the future even without "akan": forecasts, targets, plans, deadlines.
EXPECTATION_RE = re.compile(
    r"\b(?:diperkirakan|diprediksi|diproyeksikan|proyeksi|prediksi|perkiraan|target|ditargetkan|menargetkan|sasaran"
    r"|rencana|direncanakan|dijadwalkan|jadwal|hingga|sampai|menjelang|jelang|paling\s+lambat|batas\s+waktu"
    r"|diharapkan|berharap|mendatang|depan)\b"
)
WEEKDAY_YEAR_SPAN = 6  # years either side of the corpus' dated pages searched for weekday-consistent dates
# Full dates that can date a page that prints no date: a day or finer, written with its year.
_OWN_DATE_GRANULARITIES = frozenset({"day", "part_of_day", "minute"})
EVENT_KINDS = frozenset({"date", "time", "relative"})
NEAR_WORDS = 3  # triggers this close to the time expression count as equally close
DISTANCE_WEIGHT = 1.0  # priority points per word beyond NEAR_WORDS
OTHER_CLAUSE_PENALTY = 10  # trigger in a setelah/sebelum clause that does not hold the time expression
# A clause that situates the main event relative to another one: up to the next , ; : or the end.
SUBORDINATE_CLAUSE_RE = re.compile(
    r"\b(?:setelah|sesudah|sebelum|usai|seusai|pasca|menyusul|sejak)\b[^,;:]*", re.IGNORECASE
)

# Capitalised words that start sentences, titles and organisation names: never part of a person name.
NAME_STOPWORDS = frozenset((
    "Presiden", "Wakil", "Perdana", "Menteri", "PM", "Menlu", "Menhan", "Kanselir", "Raja", "Ratu",
    "Pangeran", "Sekjen", "Sekretaris", "Jenderal", "Jurubicara", "Juru", "Bicara", "Jubir", "Kepala",
    "Direktur", "Eksekutif", "Komandan", "Panglima", "Pemimpin", "Pelatih", "Gubernur", "Dubes", "Duta",
    "Besar", "Ketua", "Senator", "Bupati", "Wali", "Kota", "Ombudsman", "Pengamat", "Ekonom", "Politikus",
    "Mantan", "Luar", "Negeri", "Dalam", "Pertahanan", "Kementerian", "Kemenhan", "Kemenlu", "Kantor",
    "Berita", "Badan", "Dewan", "Komisi", "Partai", "Republik", "Rakyat", "Nasional", "Umum", "Staf",
    "Pusat", "Studi", "Regional", "Biro", "Komunikasi", "Pelayanan", "Publik", "Kesehatan", "Keuangan",
    "Hukum", "Hak", "Asasi", "Manusia", "Pencegahan", "Pengendalian", "Penyakit", "Kepresidenan",
    "Tim", "Relawan", "Universitas", "Institut", "Lembaga", "Organisasi", "Kerja", "Sama", "Brigade",
    "Distrik", "Militer", "Angkatan", "Laut", "Udara", "Darat", "Namun", "Menurut", "Sementara", "Itu",
    "Selain", "Sebelumnya", "Pasalnya", "Dia", "Ia", "Mereka", "Kami", "Saya", "Para", "Pada", "Dalam",
    "Di", "Ke", "Dari", "Oleh", "Baca", "Juga", "Sumber", "Foto", "Video", "Editor", "Penulis", "Reporter",
    "Hal", "Hubungan", "Sejak", "Bukan", "Bila", "Jika", "Meski", "Meskipun", "Karena", "Setelah",
    "Sebelum", "Selama", "Saat", "Ketika", "Kini", "Kata", "Ujar", "Seperti", "Dengan", "Tetapi", "Tapi",
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu", "Ahad",
    "Political", "Review", "Institute", "Center", "Centre", "News", "Agency", "Times", "Today", "Net",
    "Foreign", "Ministry", "Defence", "Defense", "Group", "International", "Watch", "Council",
))
# A lower-case title or speech verb right before a capitalised run: "juru bicara X", "kata X".
TITLE_BEFORE_RE = re.compile(
    r"(?:juru\s+bicara|jurubicara|ombudsman(?:\s+[\w\s]{0,40})?|direktur|pelatih|kata|ujar|ucap|tegas|tekan"
    r"|lanjut|jelas|terang|imbuh|tambah|sambung|pungkas)\s+$"
)


@dataclass(frozen=True)
class Lexicon:
    """Event types (one row per type, see the module docstring) and their compiled trigger regexes."""

    table: pd.DataFrame
    patterns: tuple[tuple[str, int, re.Pattern[str]], ...]

    def match(self, sentence_low: str) -> list[tuple[str, int, int, int, str]]:
        """``(event_type, priority, start, end, trigger)`` for every trigger in a lower-cased sentence."""
        return [
            (etype, prio, m.start(), m.end(), m.group(0))
            for etype, prio, rx in self.patterns
            for m in rx.finditer(sentence_low)
        ]


@cache
def load_lexicon() -> Lexicon:
    """The event lexicon shipped as ``analysis/data/event_types.csv``.

    Returns
    -------
    Lexicon
        ``table`` (the CSV as a DataFrame, ordered by priority) and compiled trigger patterns.
    """
    rows = sorted(read_csv("event_types.csv"), key=lambda r: int(r["priority"]))
    patterns = []
    for r in rows:
        words = sorted((w.strip() for w in r["triggers"].split("|") if w.strip()), key=len, reverse=True)
        alt = "|".join(r"\s+".join(re.escape(t) for t in w.split()) for w in words)
        patterns.append((r["event_type"], int(r["priority"]), re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])")))
    table = pd.DataFrame(rows).astype({"priority": "int64"})
    return Lexicon(table, tuple(patterns))


class _People:
    """The people one page has named so far: full names and the surnames that refer back to them."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.surnames: dict[str, str] = {}

    def canonical(self, name: str) -> str:
        return self.gaz.people.get(name, name)

    def add(self, full: str) -> str:
        canonical = self.canonical(full)
        for tok in (full.split()[-1], canonical.split()[-1]):
            self.surnames.setdefault(tok, canonical)
        return canonical

    def find(self, sentence: str) -> list[tuple[int, str]]:
        """``(offset, canonical name)`` of the people a sentence names (and remember new ones)."""
        found = [(m.start(), self.add(m.group(0)) if " " in m.group(0) else self.canonical(m.group(0)))
                 for m in self.gaz.people_re.finditer(sentence)]
        for run in CAP_RUN_RE.finditer(sentence):
            tokens = run.group(0).split()
            titled = (any(t.lower() in TITLE_WORDS for t in tokens)
                      or bool(TITLE_BEFORE_RE.search(sentence, 0, run.start())))
            i = 0
            while i < len(tokens) and (_not_a_name(tokens[i], self.gaz)
                                       or self.gaz.place(" ".join(tokens[i:i + 2]))):
                i += 2 if (i + 1 < len(tokens) and self.gaz.place(" ".join(tokens[i:i + 2]))
                           and not self.gaz.place(tokens[i])) else 1
            rest = tokens[i:]
            if not rest or any(_not_a_name(t, self.gaz) for t in rest):
                continue
            offset = run.start() + run.group(0).index(rest[0])
            if titled and 2 <= len(rest) <= 4:
                found.append((offset, self.add(" ".join(rest))))
            elif len(rest) == 1 and rest[0] in self.surnames:
                found.append((offset, self.surnames[rest[0]]))
        return found


def _not_a_name(token: str, gaz: Gazetteer) -> bool:
    """Titles, organisation words, acronyms (KPK, TASS) and place names are not parts of names."""
    return token in NAME_STOPWORDS or (len(token) > 1 and token.isupper()) or gaz.place(token) is not None


def _actors(sentence: str, gaz: Gazetteer, people: _People) -> tuple[str, ...]:
    """Canonical names of the places and people of a sentence, in order of first mention."""
    hits = [(m.start(), gaz.place(m.group(0)) or m.group(0)) for m in gaz.place_re.finditer(sentence)]
    hits += people.find(sentence)
    out: list[str] = []
    for _, name in sorted(hits):
        if name not in out:
            out.append(name)
    return tuple(out)


def _word_distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Words strictly between two character spans."""
    lo, hi = (a[1], b[0]) if a[0] <= b[0] else (b[1], a[0])
    return len(text[lo:hi].split()) if hi > lo else 0


def _classify(triggers: list[tuple[str, int, int, int, str]], sentence: str, te_span: tuple[int, int]
              ) -> tuple[str, str]:
    """Primary event type and its trigger: lowest priority, after a penalty for distant triggers."""
    other = [(m.start(), m.end()) for m in SUBORDINATE_CLAUSE_RE.finditer(sentence)
             if not (m.start() <= te_span[0] < m.end())]

    def score(t: tuple[str, int, int, int, str]) -> tuple[float, int]:
        far = max(0, _word_distance(sentence, (t[2], t[3]), te_span) - NEAR_WORDS)
        elsewhere = any(a <= t[2] < b for a, b in other)
        return t[1] + DISTANCE_WEIGHT * far + OTHER_CLAUSE_PENALTY * elsewhere, t[1]

    best = min(triggers, key=score)
    return best[0], best[4]


def page_references(corpus: object, *, reference_times: Mapping | pd.Series | None = None) -> pd.DataFrame:
    """The reference each page's dates resolve against, and where it comes from.

    The loader's ``reference_time`` (the page's date line, else its URL date, else the newest time of
    its furniture) is used as it is, except that a URL naming only the month (``/2023/11/``) is a
    ``month`` reference: year-less dates resolve against the end of that month. A page with none of
    these, but with full dates of its own news in its body (``Selasa (10/11/2020)``), takes the latest
    of them as a ``text`` reference (a cited report's date first: it dates the page best); its
    year-less dates take the nearest year, and relative ones (``kemarin``) stay unresolved.

    Parameters
    ----------
    corpus : Corpus
        Needs ``pages`` (``doc_id, reference_time``; ``reference_source`` and ``url_date_granularity``
        when present) and ``paragraphs`` (``doc_id, n, text``).
    reference_times : mapping or Series doc_id -> time, optional
        Exact reference times that replace the pages' own (``reference_source`` = ``given``).

    Returns
    -------
    pandas.DataFrame
        One row per page: ``doc_id, reference_time, reference_source`` (``dateline``, ``url``,
        ``furniture``, ``text``, ``given`` or ``none``), ``reference_precision`` (``exact``, ``month``,
        ``text``, or NaN without a reference) and ``reference_note`` (what the reference is, in words).
    """
    pages = corpus.pages
    n = len(pages)
    doc_ids = [str(d) for d in pages["doc_id"]]
    times = list(pd.to_datetime(pages["reference_time"]).astype("datetime64[ns]")) if n else []
    sources = [str(x) if isinstance(x, str) else ("none" if pd.isna(t) else "page")
               for x, t in zip(_column(pages, "reference_source"), times, strict=True)]
    grans = _column(pages, "url_date_granularity")
    precisions: list[object] = []
    notes: list[str] = []
    for t, src, gran in zip(times, sources, grans, strict=True):
        if pd.isna(t):
            precisions.append(np.nan)
            notes.append("no date line, URL, furniture or full date of its own")
        elif src == "url" and gran == "month":
            precisions.append("month")
            notes.append(f"the URL names only the month {t:%Y-%m}: year-less dates resolve against its end")
        else:
            precisions.append("exact")
            notes.append(f"{src}: {t:%Y-%m-%d %H:%M}")
    given = {} if reference_times is None else dict(
        reference_times.items() if hasattr(reference_times, "items") else reference_times)
    missing = set()
    for i, d in enumerate(doc_ids):
        ref = given.get(d)
        if ref is not None and not pd.isna(ref):
            times[i], sources[i], precisions[i] = pd.Timestamp(ref), "given", "exact"
            notes[i] = f"given: {pd.Timestamp(ref):%Y-%m-%d %H:%M}"
        elif pd.isna(times[i]):
            missing.add(d)
    own = _own_dates(corpus.paragraphs, missing)
    exact = pd.Series([t for t, p in zip(times, precisions, strict=True) if p == "exact"], dtype="datetime64[ns]")
    own |= _weekday_years(corpus.paragraphs, missing - set(own), exact)
    position = {d: i for i, d in enumerate(doc_ids)}
    for d, (when, note) in own.items():
        i = position[d]
        times[i], sources[i], precisions[i], notes[i] = when, "text", "text", note
    return pd.DataFrame({
        "doc_id": pd.array(doc_ids, dtype=STR_DTYPE),
        "reference_time": pd.to_datetime(pd.Series(times, dtype=object)).astype("datetime64[ns]").to_numpy(),
        "reference_source": pd.array(sources, dtype=STR_DTYPE),
        "reference_precision": pd.array(precisions, dtype=STR_DTYPE),
        "reference_note": pd.array(notes, dtype=STR_DTYPE),
    })


def _column(df: pd.DataFrame, name: str) -> list:
    """A column as a list, or NaN per row when the table lacks it."""
    return list(df[name]) if name in df else [np.nan] * len(df)


def _own_dates(paragraphs: pd.DataFrame, doc_ids: set[str]) -> dict[str, tuple[pd.Timestamp, str]]:
    """The latest full date each page prints about its own news (a cited report's date first)."""
    if not doc_ids or not len(paragraphs):
        return {}
    paras = paragraphs[paragraphs["doc_id"].astype(str).isin(doc_ids)]
    best: dict[str, tuple[tuple[bool, pd.Timestamp], int]] = {}
    for d, n, text in zip(paras["doc_id"].astype(str), paras["n"], paras["text"], strict=True):
        if not isinstance(text, str):
            continue
        for te in iter_dates(text):
            if (te.start is None or te.granularity not in _OWN_DATE_GRANULARITIES
                    or _forward(text, te.offset)):
                continue
            key = (te.citation, pd.Timestamp(te.start).normalize())
            if d not in best or key > best[d][0]:
                best[d] = (key, int(n))
    return {d: (day, f"its own latest full date {day:%Y-%m-%d} (¶{n}{', a cited report' if cited else ''})")
            for d, ((cited, day), n) in best.items()}


def _weekday_years(paragraphs: pd.DataFrame, doc_ids: set[str], dated: pd.Series
                   ) -> dict[str, tuple[pd.Timestamp, str]]:
    """Pages whose only dates are year-less but carry weekdays (``Selasa (10/11)``): the first year
    in which every such weekday agrees with its date, and the latest of those dates in it.

    Years are tried in this order: the years of the corpus' exactly dated pages (``dated``), most
    pages first; then, for a page with two or more such dates, the other years within
    :data:`WEEKDAY_YEAR_SPAN` of their median, nearest first. A single weekday fits one year in seven,
    so a page with one such date is dated only to a year the corpus already has pages of.
    """
    if not doc_ids or not len(dated) or not len(paragraphs):
        return {}
    anchor = dated.median()
    counts = dated.dt.year.value_counts()
    corpus_years = sorted(counts.index, key=lambda y: (-counts[y], abs(y - anchor.year), y))
    paras = paragraphs[paragraphs["doc_id"].astype(str).isin(doc_ids)]
    texts: dict[str, list[str]] = {}
    for d, text in zip(paras["doc_id"].astype(str), paras["text"], strict=True):
        if isinstance(text, str) and text:
            texts.setdefault(d, []).append(text)
    others = sorted(set(range(anchor.year - WEEKDAY_YEAR_SPAN, anchor.year + WEEKDAY_YEAR_SPAN + 1))
                    - set(corpus_years), key=lambda y: (abs(y - anchor.year), y))
    out = {}
    for d, page in texts.items():
        for y in [*corpus_years, *others]:
            found = [te for t in page for te in iter_dates(t, datetime(y, 12, 31, 23, 59))
                     if te.weekday_mismatch is not None and te.value.startswith(f"{y:04d}")]
            if not found or (len(found) == 1 and y not in counts.index):
                break  # no weekday-dated date at all, or a single one and no dated page of this year
            if not any(te.weekday_mismatch for te in found):
                day = max(pd.Timestamp(te.start).normalize() for te in found)
                where = "as dated pages do" if y in counts.index else "near the dated pages"
                out[d] = (day, f"weekdays of {len(found)} date(s) fit {y} ({where}); latest {day:%Y-%m-%d}")
                break
    return out


def _forward(text: str, offset: int) -> bool:
    """Whether the sentence around ``offset`` points forward (``akan``, ``dijadwalkan`` ...)."""
    for s, e in sentence_spans(text):
        if s <= offset < e:
            return FORWARD_RE.search(text[s:e].lower()) is not None
    return False


def extract_events(corpus: object, *, reference_times: Mapping | pd.Series | None = None,
                   lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """Sentences that tie a resolved time to an event, with its type and actors.

    Parameters
    ----------
    corpus : Corpus
        Needs ``paragraphs`` (``doc_id, n, text``) and ``pages`` (``doc_id, reference_time``).
    reference_times : mapping or Series doc_id -> time, optional
        Reference times that replace the pages' own (e.g. URL dates for pages that print none);
        missing values keep the page's reference (see :func:`page_references`, which also dates
        pages that print no date by their own full dates).
    lexicon, gazetteer : optional
        Defaults: :func:`load_lexicon`, :func:`load_gazetteer`.

    Returns
    -------
    pandas.DataFrame
        One row per mention: a (sentence, resolved time expression) with an event trigger, in
        document order (:func:`consolidate_events` merges the mentions into events):
        ``doc_id, paragraph`` (the paragraph's ``n``), ``sentence``, ``expression`` (as written),
        ``start``, ``end``, ``granularity``, ``event_type``, ``actors`` (tuple of canonical names),
        ``value``, ``mod``, ``kind``, ``weekday_mismatch`` (from :func:`analysis.find_dates`),
        ``event_types`` (every type the sentence matches, best first), ``trigger`` (the word that
        decided ``event_type``), ``actors_source`` (``sentence``, ``context`` when taken from an
        earlier sentence, ``none``), ``resolution`` (how the date was resolved), ``offset`` (of the
        expression in its paragraph), ``citation`` (the expression dates a cited report, not an event),
        ``reported`` (the page's reference time: when it was reported, at the latest), ``reference_source``
        (see :func:`page_references`) and ``after_report`` (a past-tense sentence dated after the day
        of its report: a misreading or a typo, never a timeline point; NA when the page has no exact
        or month reference to check against) and ``planned`` (a sentence about the future dated after
        its report: announced or forecast, not (yet) an event).
    """
    lex = lexicon or load_lexicon()
    gaz = gazetteer or load_gazetteer()
    refs = page_references(corpus, reference_times=reference_times)
    ref_of = {d: (t, s, p) for d, t, s, p in zip(refs["doc_id"], refs["reference_time"], refs["reference_source"],
                                                 refs["reference_precision"], strict=True)}
    rows: list[tuple] = []
    paragraphs = corpus.paragraphs.sort_values(["doc_id", "n"], kind="stable")
    for doc_id, group in paragraphs.groupby("doc_id", sort=False):
        people = _People(gaz)
        ref, source, precision = ref_of.get(str(doc_id), (pd.NaT, "none", np.nan))
        report = _Report(ref, source, precision)
        context: tuple[str, ...] = ()  # actors of the latest sentence that named some
        for n, text in zip(group["n"], group["text"], strict=True):
            if not isinstance(text, str) or not text:
                continue
            found = list(iter_dates(text, report.ref, report.precision))
            times = [te for te in found if te.kind in EVENT_KINDS]  # unresolved ones too: left out later, with why
            anchored = anchored_offsets(text, found)
            for s, e in sentence_spans(text):
                sentence = text[s:e]
                actors = _actors(sentence, gaz, people)  # also remembers names for later sentences
                source = "sentence"
                if actors:
                    context = actors
                else:
                    actors, source = context, "context"
                for te, a, b in anchored:  # "sebulan setelah kesepakatan ...": the clause's event, dated
                    clause_triggers = [(t, p, i + a - s, j + a - s, w)
                                       for t, p, i, j, w in lex.match(text[a:b].lower())]
                    if s <= te.offset < e and clause_triggers:
                        rows.append(_event_row(doc_id, n, sentence, te, s, clause_triggers, actors, source, report))
                here = [te for te in times if s <= te.offset < e]
                if not here:
                    continue
                triggers = lex.match(sentence.lower())
                if not triggers:
                    continue
                for te in here:
                    rows.append(_event_row(doc_id, n, sentence, te, s, triggers, actors, source, report))
    return _events_frame(rows)


@dataclass(frozen=True)
class _Report:
    """A page's reference: what its dates resolve against, and what it dates (the report).

    ``reported`` is the reference as a time (a month reference: the month's end); ``limit`` the first
    moment after the report's day, or None when the report date cannot check a mention (a text reference,
    or none).
    """

    time: pd.Timestamp
    source: str
    precision: str
    reported: pd.Timestamp = field(init=False)
    limit: pd.Timestamp | None = field(init=False)

    def __post_init__(self) -> None:
        precision = self.precision if isinstance(self.precision, str) else "exact"
        reported = self.time
        if precision == "month" and not pd.isna(self.time):
            reported = self.time + pd.offsets.MonthEnd(0) + pd.Timedelta(hours=23, minutes=59, seconds=59)
        checkable = precision in ("exact", "month") and not pd.isna(self.time)
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "reported", reported)
        object.__setattr__(self, "limit", reported.normalize() + pd.Timedelta(days=1) if checkable else None)

    @property
    def ref(self) -> pd.Timestamp | None:
        return None if pd.isna(self.time) else self.time

    def after(self, te: TimeExpression, sentence: str) -> tuple[object, bool]:
        """(a past-tense mention dated after the day of its report, NA when unchecked; a forward-looking
        one dated after it: planned)."""
        if self.limit is None or te.start is None:
            return pd.NA, False
        if te.start < self.limit:
            return False, False
        low = sentence.lower()
        forward = FORWARD_RE.search(low) is not None or EXPECTATION_RE.search(low) is not None
        return not forward, forward


def _event_row(doc_id: str, n: int, sentence: str, te: TimeExpression, s: int,
               triggers: list[tuple[str, int, int, int, str]], actors: tuple[str, ...], source: str,
               report: _Report) -> tuple:
    span = (te.offset - s, te.offset - s + len(te.text))
    etype, trigger = _classify(triggers, sentence, span)
    ranked = sorted({t[0]: t[1] for t in triggers}.items(), key=lambda kv: (kv[0] != etype, kv[1]))
    return (doc_id, n, sentence, te.text, te.start, te.end, te.granularity, etype, actors, te.value, te.mod,
            te.kind, te.weekday_mismatch, tuple(k for k, _ in ranked), trigger, source if actors else "none",
            te.resolution, te.offset, te.citation, report.reported, report.source, *report.after(te, sentence))


def _events_frame(rows: list[tuple]) -> pd.DataFrame:
    cols = list(zip(*rows, strict=True)) if rows else [()] * len(EVENT_COLUMNS)
    data = {}
    for name, values in zip(EVENT_COLUMNS, cols, strict=True):
        if name in ("start", "end", "reported"):
            data[name] = np.array([None if pd.isna(v) else v for v in values], dtype="datetime64[ns]")
        elif name in ("paragraph", "offset"):
            data[name] = np.array(values, dtype=np.int64)
        elif name in ("citation", "planned"):
            data[name] = np.array(values, dtype=bool)
        elif name in ("weekday_mismatch", "after_report"):
            data[name] = pd.array(list(values), dtype="boolean")
        elif name in ("actors", "event_types"):
            arr = np.empty(len(values), dtype=object)
            arr[:] = list(values)
            data[name] = pd.Series(arr, dtype=object)
        else:
            data[name] = pd.array(list(values), dtype=STR_DTYPE)
    return pd.DataFrame(data)


def corpus_dates(corpus: object, *, reference_times: Mapping | pd.Series | None = None) -> pd.DataFrame:
    """Every temporal expression of the body paragraphs, resolved against its page's reference time.

    Parameters
    ----------
    corpus : Corpus
        Needs ``paragraphs`` (``doc_id, n, text``) and ``pages`` (``doc_id, reference_time``).
    reference_times : mapping or Series doc_id -> time, optional
        As in :func:`extract_events`.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, paragraph``, then the columns of :func:`analysis.find_dates` (``offset`` is within
        the paragraph), in document order.
    """
    refs = page_references(corpus, reference_times=reference_times).set_index("doc_id")
    paras = corpus.paragraphs
    texts = pd.Series(list(paras["text"].fillna("")), index=range(len(paras)))
    doc_ids = paras["doc_id"].astype(str)
    times = [None if pd.isna(t) else t for t in refs["reference_time"].reindex(doc_ids)]
    precisions = [p if isinstance(p, str) else "exact" for p in refs["reference_precision"].reindex(doc_ids)]
    found = find_dates(texts, times, precisions)
    at = found.pop("doc").to_numpy(dtype=np.int64)
    found.insert(0, "doc_id", pd.array(paras["doc_id"].to_numpy()[at], dtype=STR_DTYPE))
    found.insert(1, "paragraph", paras["n"].to_numpy()[at].astype(np.int64))
    return found


def furniture_times(corpus: object) -> pd.DataFrame:
    """Times of page furniture, for a timeline lane apart from the events.

    Parameters
    ----------
    corpus : Corpus
        Uses ``links`` (``published``, ``headline``), ``videos`` (``date``, ``title``) and ``pages``
        (``published``, ``crawled``).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, source, time, label``: one row per dated link, video, page publication and crawl
        time (``source`` is ``link``, ``video``, ``published`` or ``crawled``), sorted by time.
    """
    parts = []
    for table, source, tcol, lcol in (("links", "link", "published", "headline"),
                                      ("videos", "video", "date", "title")):
        df = getattr(corpus, table, None)
        if df is not None and len(df) and tcol in df:
            parts.append(pd.DataFrame({"doc_id": df["doc_id"], "source": source, "time": df[tcol],
                                       "label": df.get(lcol, pd.NA)}))
    for col in ("published", "crawled"):
        if col in corpus.pages:
            parts.append(pd.DataFrame({"doc_id": corpus.pages["doc_id"], "source": col,
                                       "time": corpus.pages[col], "label": corpus.pages.get("title")}))
    if not parts:
        return pd.DataFrame({"doc_id": [], "source": [], "time": pd.Series([], dtype="datetime64[ns]"),
                             "label": []})
    out = pd.concat(parts, ignore_index=True)
    out["time"] = pd.to_datetime(out["time"]).astype("datetime64[ns]")
    out = out.dropna(subset=["time"]).sort_values(["time", "doc_id"], kind="stable").reset_index(drop=True)
    return out.astype({"doc_id": "str", "source": "str", "label": "str"})


# ------------------------------------------------------------------------------------------------
# Events from mentions: consolidate_events
# ------------------------------------------------------------------------------------------------

TIMELINE_COLUMNS = [
    "event_id", "start", "end", "granularity", "event_type", "actors", "n_mentions", "n_docs", "doc_ids",
    "first_reported", "sentence", "expression", "doc_id", "paragraph", "date_conflict", "era", "event_types",
]
#: Why a mention is left out of the timeline (``excluded`` of the mentions table).
EXCLUSIONS = {
    "citation": "dates a cited report, not an event",
    "after_report": "a past-tense sentence dated after its report",
    "planned": "announced or forecast for after its report: not (yet) an event",
    "weekday_mismatch": "the day name contradicts the date (a typo): shown apart",
    "unresolved": "no interval (year or day unknown)",
    "coarse": "a year or longer that holds the page's own news: too coarse to place",
}
NEWS_WINDOW_DAYS = 120  # a mention ending this long before its page's latest news, or longer, is background
MERGE_DAYS = 1  # an event spans at most this many days between its earliest and latest day mention
DAY_GRANULARITIES = ("minute", "part_of_day", "day")
_GRANULARITY_ORDER = {g: i for i, g in enumerate(
    ("minute", "part_of_day", "day", "weekend", "week", "month", "year", "decade", "century"))}
_ATTACH_DAYS = 31  # a week or month mention may join a day event inside it; a year never does


@dataclass(frozen=True)
class Compatibility:
    """Which event types can be one event (``analysis/data/event_compatibility.csv``).

    ``same_day``: pairs of types that are one event on the same day (every type with itself, plus the
    table's pairs); ``next_day``: pairs that may also be a day apart (a statement signed on 9 November
    and the ceasefire it sets for the 10th; a truce announced one day, in force the next).
    """

    same_day: frozenset[frozenset[str]]
    next_day: frozenset[frozenset[str]]

    def partners(self, a: str) -> tuple[str, ...]:
        """``a`` and the types it can be one event with on the same day."""
        return (a, *sorted(b for pair in self.same_day if a in pair for b in pair if b != a))

    def fits(self, a: str, types: Iterable[str], days_apart: int) -> bool:
        """Whether type ``a`` can join an event of ``types`` whose days span ``days_apart`` with it."""
        pairs = self.next_day if days_apart else self.same_day
        return all(frozenset((a, b)) in pairs or (a == b and not days_apart) for b in types)


@cache
def load_compatibility() -> Compatibility:
    """The type compatibility table shipped as ``analysis/data/event_compatibility.csv``."""
    rows = read_csv("event_compatibility.csv")
    same = frozenset(frozenset((r["type_a"], r["type_b"])) for r in rows)
    nxt = frozenset(frozenset((r["type_a"], r["type_b"])) for r in rows if r["next_day"] == "yes")
    return Compatibility(same, nxt)


def _exclusions(m: pd.DataFrame, anchors: pd.Series) -> list[object]:
    """The first reason of :data:`EXCLUSIONS` that applies to each mention, else NA."""
    out: list[object] = []
    year = _GRANULARITY_ORDER["year"]
    for cit, after, wm, start, end, gran, anchor, planned in zip(
            m["citation"], m["after_report"], m["weekday_mismatch"], m["start"], m["end"], m["granularity"], anchors,
            m["planned"], strict=True):
        if bool(cit):
            out.append("citation")
        elif not pd.isna(after) and bool(after):
            out.append("after_report")
        elif bool(planned):
            out.append("planned")
        elif not pd.isna(wm) and bool(wm):
            out.append("weekday_mismatch")
        elif pd.isna(start):
            out.append("unresolved")
        elif _GRANULARITY_ORDER.get(gran, 0) >= year and not pd.isna(anchor) and start <= anchor <= end:
            out.append("coarse")
        else:
            out.append(pd.NA)
    return out


def _news_anchors(m: pd.DataFrame) -> pd.Series:
    """For each mention, the latest news its page reports: the latest day, week or month it dates (not a
    citation, typo or after-report date), else its report date, else the median of the other pages'.

    A page's reference can be long after its news (a crawl months later), so its own latest dated event,
    not its reference, tells its news from the history it recalls."""
    if not len(m):
        return pd.Series([], dtype="datetime64[ns]")
    fine = m["start"].notna() & ~m["citation"].astype(bool) & ~m["after_report"].fillna(False).astype(bool) \
        & ~m["planned"].astype(bool) \
        & ~m["weekday_mismatch"].fillna(False).astype(bool) \
        & m["granularity"].map(lambda g: _GRANULARITY_ORDER.get(g, 9) < _GRANULARITY_ORDER["year"])
    latest = m.loc[fine].groupby("doc_id")["start"].max()
    reported = m.groupby("doc_id")["reported"].max()
    per_page = latest.reindex(reported.index).fillna(reported)
    fallback = per_page.median() if per_page.notna().any() else m["end"].max()
    return m["doc_id"].map(per_page).fillna(fallback)


def _eras(m: pd.DataFrame, anchors: pd.Series) -> list[str]:
    """``news`` for mentions of their page's own news period, ``background`` for history told in it."""
    window = pd.Timedelta(days=NEWS_WINDOW_DAYS)
    return ["background" if pd.isna(end) or pd.isna(anchor) or end < anchor - window else "news"
            for end, anchor in zip(m["end"], anchors, strict=True)]


class _Cluster:
    """Mentions merged so far into one event: their rows, days, types and actors."""

    __slots__ = ("actors", "first", "last", "rows", "types")

    def __init__(self, row: int, day: int, etype: str, actors: frozenset[str]) -> None:
        self.rows, self.first, self.last = [row], day, day
        self.types, self.actors = {etype}, set(actors)

    def accepts(self, day: int, etype: str, actors: frozenset[str], pairs: Compatibility) -> bool:
        span = max(self.last, day) - min(self.first, day)
        if span > MERGE_DAYS or not pairs.fits(etype, self.types, span):
            return False
        return not actors or not self.actors or not actors.isdisjoint(self.actors)

    def add(self, row: int, day: int, etype: str, actors: frozenset[str]) -> None:
        self.rows.append(row)
        self.first, self.last = min(self.first, day), max(self.last, day)
        self.types.add(etype)
        self.actors |= actors


class _Columns:
    """The columns consolidation reads, as plain lists (pandas element access is too slow per row)."""

    def __init__(self, m: pd.DataFrame) -> None:
        self.day = m["start"].to_numpy(dtype="datetime64[D]").astype(np.int64).tolist()
        self.end_day = m["end"].to_numpy(dtype="datetime64[D]").astype(np.int64).tolist()
        self.start, self.end, self.reported = (list(m[c]) for c in ("start", "end", "reported"))
        self.type = [str(t) for t in m["event_type"]]
        self.actors = list(m["actors"])
        self.actor_set = [frozenset(a) for a in self.actors]
        self.gran = [str(g) for g in m["granularity"]]
        self.doc = list(m["doc_id"])
        self.era = list(m["era"])
        self.paragraph = [int(p) for p in m["paragraph"]]
        self.sentence, self.expression = list(m["sentence"]), list(m["expression"])
        self.written = [str(r).startswith("as written") for r in m["resolution"]]
        self.in_sentence = [a == "sentence" for a in m["actors_source"]]


def _cluster_days(col: _Columns, rows: list[int], pairs: Compatibility) -> tuple[list[_Cluster], dict]:
    """Day (or finer) mentions in day order: each joins the best open event near its day, or opens one.

    Events are indexed by (day, type) for every day and type they hold, so a mention only looks at
    the events of its own and the previous day whose types can be one with its own."""
    order = sorted(rows, key=lambda i: (col.day[i], col.type[i], col.doc[i], i))
    clusters: list[_Cluster] = []
    index: dict[tuple[int, str], list[_Cluster]] = {}
    partners = {t: pairs.partners(t) for t in set(col.type)}
    for i in order:
        day, etype, actors = col.day[i], col.type[i], col.actor_set[i]
        near = dict.fromkeys(c for d in range(day - MERGE_DAYS, day + 1) for t in partners[etype]
                             for c in index.get((d, t), ()))
        fits = [c for c in near if c.accepts(day, etype, actors, pairs)]
        if fits:
            best = max(fits, key=lambda c: (len(c.actors & actors), etype in c.types, len(c.rows), -c.first))
            best.add(i, day, etype, actors)
        else:
            best = _Cluster(i, day, etype, actors)
            clusters.append(best)
        for d in range(best.first, best.last + 1):
            for t in best.types:
                bucket = index.setdefault((d, t), [])
                if best not in bucket:
                    bucket.append(best)
    return clusters, index


def _cluster_coarse(col: _Columns, rows: list[int], index: dict[tuple[int, str], list[_Cluster]],
                    pairs: Compatibility) -> list[_Cluster]:
    """Week, month and longer mentions: into the best-sourced day event inside them (up to a month
    long), else merged with the same interval of a compatible type and overlapping actors. A year or
    longer is too coarse to tell events apart by type: the same interval and overlapping actors merge."""
    own: dict[tuple[int, int], list[_Cluster]] = {}
    out: list[_Cluster] = []
    year = _GRANULARITY_ORDER["year"]
    for i in sorted(rows, key=lambda i: (col.day[i], col.end_day[i], col.type[i], i)):
        lo, hi, etype, actors = col.day[i], col.end_day[i], col.type[i], col.actor_set[i]
        inside = dict.fromkeys(c for d in range(lo, hi + 1) for t in pairs.partners(etype)
                               for c in index.get((d, t), ())) if hi - lo <= _ATTACH_DAYS else {}
        inside = [c for c in inside if lo <= c.first and c.last <= hi and pairs.fits(etype, c.types, 0)
                  and (not actors or not c.actors or not actors.isdisjoint(c.actors))]
        if inside:
            best = max(inside, key=lambda c: (len(c.rows), len(c.actors & actors), -c.first))
            best.rows.append(i)
            best.types.add(etype)
            continue
        yearly = _GRANULARITY_ORDER.get(col.gran[i], 0) >= year
        same = [c for c in own.get((lo, hi), ()) if (yearly or pairs.fits(etype, c.types, 0))
                and (not actors or not c.actors or not actors.isdisjoint(c.actors))]
        if same:
            same[0].rows.append(i)
            same[0].types.add(etype)
            same[0].actors |= actors
        else:
            c = _Cluster(i, lo, etype, actors)
            c.last = hi
            own.setdefault((lo, hi), []).append(c)
            out.append(c)
    return out


def consolidate_events(events: pd.DataFrame, *, with_mentions: bool = False
                       ) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """One row per real-world event: the mentions of :func:`extract_events` merged across pages.

    Merge rules (after GDELT's split of events and mentions, and ACLED's folding of reports of the
    same day, actors and type into one event):

    - Mentions left out, each with its reason in the mentions' ``excluded`` (:data:`EXCLUSIONS`):
      citation dates, past-tense sentences dated after their report, plans and forecasts for after
      it, day names that contradict their date, unresolved dates, and years that hold the page's own news.
    - Day mentions (a day, a part of one, a clock time) are one event when their actors overlap
      (either naming none counts as overlapping) and their types can be one event
      (``analysis/data/event_compatibility.csv``): the same type, or a compatible pair (a clash and
      its casualties ...), on the same day; or, for the pairs the table marks ``next_day`` (a
      signed agreement and the ceasefire it sets up; a truce announced and in force), a day apart.
      An event never spans more than :data:`MERGE_DAYS` + 1 days. So a statement signed on 9 November
      and the ceasefire in force on 10 November are one event, while peacekeepers deploying on 10
      November are another.
    - A week or month mention (``akhir September``) joins the best-sourced compatible day event
      inside it; other week and month mentions merge with mentions of the same interval and a
      compatible type; years, decades and centuries with those of the same interval whatever their
      type (``tahun 1994`` names the same history as a clash or as a truce).
    - ``era``: ``news`` when some mention ends less than :data:`NEWS_WINDOW_DAYS` days before the latest
      news of its page (the latest day, week or month the page dates; without one, its report date;
      without that, the other pages' median), else ``background``. A year or longer that holds that
      latest news is too coarse to place (``excluded`` = ``coarse``).

    Parameters
    ----------
    events : pandas.DataFrame
        :func:`extract_events` output (any number of pages; a concatenation of partitions is fine).
    with_mentions : bool
        Also return the mentions, each with the ``event_id`` it was merged into (NA when excluded),
        its ``era`` and the reason it was ``excluded``.

    Returns
    -------
    pandas.DataFrame, or (timeline, mentions)
        The timeline, ordered by ``start``: ``event_id`` (1..N), ``start``, ``end`` (inclusive),
        ``granularity`` (the finest of its mentions), ``event_type`` (the most frequent; ties: the
        lexicon's priority), ``actors`` (most named first), ``n_mentions``, ``n_docs``, ``doc_ids``,
        ``first_reported`` (the earliest report), ``sentence``, ``expression``, ``doc_id`` and
        ``paragraph`` of the clearest mention (the most precise date, written in full, with the
        most actors), ``date_conflict`` (mentions of the same type give different days), ``era`` and
        ``event_types`` (every type merged in).
    """
    m = _mentions_input(events)
    anchors = _news_anchors(m)
    m["excluded"] = pd.array(_exclusions(m, anchors), dtype=STR_DTYPE)
    m["era"] = pd.array(_eras(m, anchors), dtype=STR_DTYPE)
    col = _Columns(m)
    keep = [i for i, x in enumerate(m["excluded"].isna()) if x]
    pairs = load_compatibility()
    fine = [i for i in keep if col.gran[i] in DAY_GRANULARITIES]
    fine_set = set(fine)
    day_clusters, index = _cluster_days(col, fine, pairs)
    clusters = day_clusters + _cluster_coarse(col, [i for i in keep if i not in fine_set], index, pairs)
    timeline = _timeline_frame(col, clusters)
    event_of = np.full(len(m), -1, dtype=np.int64)
    for eid, c in zip(timeline["event_id"], timeline.pop("_cluster"), strict=True):
        event_of[clusters[c].rows] = eid
    if not with_mentions:
        return timeline
    m.insert(0, "event_id", pd.array([None if e < 0 else int(e) for e in event_of], dtype="Int64"))
    return timeline, m


def _mentions_input(events: pd.DataFrame) -> pd.DataFrame:
    """The events table with the columns consolidation needs (older tables: defaults)."""
    if not isinstance(events, pd.DataFrame):
        raise TypeError(f"events must be a DataFrame of extract_events, not {type(events).__name__}")
    missing = [c for c in ("doc_id", "start", "end", "granularity", "event_type", "actors") if c not in events]
    if missing:
        raise ValueError(f"events lacks the column(s) {', '.join(missing)} of extract_events")
    m = events.reset_index(drop=True).copy()
    defaults = {"citation": False, "after_report": pd.NA, "planned": False, "weekday_mismatch": pd.NA,
                "reported": pd.NaT, "paragraph": 0, "sentence": "", "expression": "", "resolution": "",
                "actors_source": ""}
    for name, value in defaults.items():
        if name not in m:
            m[name] = value
    for name in ("start", "end", "reported"):
        m[name] = pd.to_datetime(m[name]).astype("datetime64[ns]")
    m["actors"] = [tuple(a) if isinstance(a, (tuple, list)) else () for a in m["actors"]]
    m["doc_id"] = m["doc_id"].astype(str)
    return m


def _clearest(col: _Columns, rows: list[int]) -> int:
    """The mention that says it best: the most precise date, written in full, naming the most actors."""
    return min(rows, key=lambda i: (_GRANULARITY_ORDER.get(col.gran[i], 9), not col.written[i],
                                    not col.in_sentence[i], -len(col.actors[i]), col.doc[i], i))


def _timeline_frame(col: _Columns, clusters: list[_Cluster]) -> pd.DataFrame:
    table = load_lexicon().table
    priority = dict(zip(table["event_type"], table["priority"], strict=True))
    records = []
    for k, c in enumerate(clusters):
        rows = sorted(c.rows)
        day_rows = [i for i in rows if col.gran[i] in DAY_GRANULARITIES] or rows
        counts: dict[str, int] = {}
        for i in rows:
            counts[col.type[i]] = counts.get(col.type[i], 0) + 1
        types = sorted(counts, key=lambda t: (-counts[t], priority.get(t, 99), t))
        names: dict[str, int] = {}
        for i in rows:
            for a in col.actors[i]:
                names[a] = names.get(a, 0) + 1
        by_type: dict[str, set[int]] = {}
        for i in day_rows:
            by_type.setdefault(col.type[i], set()).add(col.day[i])
        fine = any(col.gran[i] in DAY_GRANULARITIES for i in rows)
        reported = [col.reported[i] for i in rows if not pd.isna(col.reported[i])]
        docs = sorted({col.doc[i] for i in rows})
        best = _clearest(col, rows)
        records.append((
            k, min(col.start[i] for i in day_rows), max(col.end[i] for i in day_rows),
            min((col.gran[i] for i in rows), key=lambda g: _GRANULARITY_ORDER.get(g, 9)), types[0],
            tuple(sorted(names, key=lambda a: -names[a])), len(rows), len(docs), tuple(docs),
            min(reported) if reported else pd.NaT, col.sentence[best], col.expression[best], col.doc[best],
            col.paragraph[best], fine and any(len(days) > 1 for days in by_type.values()),
            "news" if any(col.era[i] == "news" for i in rows) else "background", tuple(types),
        ))
    return _timeline_table(records)


def _timeline_table(records: list[tuple]) -> pd.DataFrame:
    """The timeline's fixed columns and dtypes (also when empty), ordered by time, ids 1..N."""
    cols = ["_cluster", *[c for c in TIMELINE_COLUMNS if c != "event_id"]]
    df = pd.DataFrame.from_records(records, columns=cols)
    df = df.sort_values(["start", "end", "event_type", "doc_id", "paragraph"], kind="stable").reset_index(drop=True)
    df.insert(0, "event_id", np.arange(1, len(df) + 1, dtype=np.int64))
    for col in ("start", "end", "first_reported"):
        df[col] = pd.to_datetime(df[col]).astype("datetime64[ns]")
    for col in ("n_mentions", "n_docs", "paragraph", "_cluster"):
        df[col] = df[col].astype(np.int64)
    df["date_conflict"] = df["date_conflict"].astype(bool)
    for col in ("granularity", "event_type", "sentence", "expression", "doc_id", "era"):
        df[col] = pd.array(list(df[col]), dtype=STR_DTYPE)
    for col in ("actors", "doc_ids", "event_types"):
        arr = np.empty(len(df), dtype=object)
        arr[:] = list(df[col])
        df[col] = arr
    return df


def date_disagreements(mentions: pd.DataFrame) -> pd.DataFrame:
    """Events whose mentions of one type give different days: where the sources disagree.

    Parameters
    ----------
    mentions : pandas.DataFrame
        The mentions of ``consolidate_events(events, with_mentions=True)``.

    Returns
    -------
    pandas.DataFrame
        One row per (event, day) of the events (``date_conflict``) whose day-level mentions of the same
        type name two or more days (a signing on the 9th and the truce it sets for the 10th do not count):
        ``event_id, day, event_types, n_mentions, doc_ids``, by event and day.
    """
    cols = ["event_id", "day", "event_types", "n_mentions", "doc_ids"]
    if not len(mentions) or "event_id" not in mentions:
        return _empty_disagreements(cols)
    m = mentions[mentions["event_id"].notna() & mentions["granularity"].isin(DAY_GRANULARITIES)]
    m = m.assign(day=pd.to_datetime(m["start"]).dt.normalize())
    days = m.groupby(["event_id", "event_type"])["day"].nunique()
    m = m[m["event_id"].isin(days[days > 1].index.get_level_values("event_id"))]
    if not len(m):
        return _empty_disagreements(cols)
    out = (m.groupby(["event_id", "day"], sort=True)
           .agg(event_types=("event_type", lambda s: tuple(sorted(set(s)))), n_mentions=("doc_id", "size"),
                doc_ids=("doc_id", lambda s: tuple(sorted(set(s)))))
           .reset_index())
    out["event_id"] = out["event_id"].astype(np.int64)
    return out[cols]


def _empty_disagreements(cols: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype="datetime64[ns]" if c == "day" else
                                      np.int64 if c in ("event_id", "n_mentions") else object) for c in cols})


def exclusion_summary(mentions: pd.DataFrame) -> pd.DataFrame:
    """How many mentions were left out of the timeline, and why.

    Parameters
    ----------
    mentions : pandas.DataFrame
        The mentions of ``consolidate_events(events, with_mentions=True)``.

    Returns
    -------
    pandas.DataFrame
        One row per reason of :data:`EXCLUSIONS`, in that order (reasons with no mention included):
        ``excluded``, ``meaning``, ``n_mentions``, ``n_pages``; the mention counts add up to the
        mentions not on the timeline.
    """
    reasons = mentions["excluded"] if "excluded" in mentions else pd.Series([], dtype=object)
    docs = mentions["doc_id"] if "doc_id" in mentions else pd.Series([], dtype=object)
    rows = [{"excluded": r, "meaning": text, "n_mentions": int((reasons == r).sum()),
             "n_pages": int(docs[reasons == r].nunique())} for r, text in EXCLUSIONS.items()]
    return pd.DataFrame(rows).astype({"n_mentions": np.int64, "n_pages": np.int64})


def describe_timeline(events: pd.DataFrame, timeline: pd.DataFrame) -> str:
    """One sentence on how many mentions of how many pages became how many events.

    >>> import pandas as pd
    >>> describe_timeline(pd.DataFrame({"doc_id": ["a", "a", "b"]}), pd.DataFrame({"era": ["news", "background"]}))
    '3 mentions on 2 pages -> 2 events: 1 of the news, 1 of background history.'
    """
    def count(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    n_pages = events["doc_id"].nunique() if "doc_id" in events else 0
    era = timeline["era"] if "era" in timeline else pd.Series([], dtype=object)
    return (f"{count(len(events), 'mention')} on {count(n_pages, 'page')} -> {count(len(timeline), 'event')}: "
            f"{int((era == 'news').sum())} of the news, {int((era == 'background').sum())} of background history.")
