"""Conflict-event mentions: sentences that tie a resolved time to something that happened.

:func:`extract_events` reads ``corpus.paragraphs`` sentence by sentence. A sentence becomes an event
row for each temporal expression in it that :func:`analysis.dates.iter_dates` resolves to an
interval (kinds date, time and relative; durations and vague references carry no date) when the
sentence also holds a trigger word of the event lexicon. Actors are the countries, places and
people the sentence names; a sentence that names none ("kedua pihak menyepakati ...") takes those of
the nearest earlier sentence of the page that does (``actors_source`` says which).

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
- Countries: every territory name of Babel's Indonesian CLDR data (``Locale.parse("id").territories``),
  reported under its English CLDR name (``Rusia`` -> Russia; ``Turki`` -> Turkey).
- ``analysis/data/gazetteer_places.csv``: capitals and seats of government as metonyms (``Baku`` ->
  Azerbaijan, ``Kremlin`` -> Russia), spelling variants (``Ajerbaijan``, ``Nagorny Karabakh``,
  ``Karabagh`` -> Nagorno-Karabakh) and a few regions.
- People: capitalised names after a title (``Presiden Rusia Vladimir Putin``, ``Juru bicara Kremlin
  Dmitry Peskov``), names in ``analysis/data/gazetteer_people.csv`` (which also merges spellings:
  ``Pashinian`` -> Nikol Pashinyan), and a surname alone once the page has named its bearer.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import numpy as np
import pandas as pd
from babel import Locale

from analysis.dates import STR_DTYPE, TimeExpression, find_dates, iter_dates, sentence_spans

__all__ = [
    "EVENT_COLUMNS",
    "Gazetteer",
    "Lexicon",
    "corpus_dates",
    "extract_events",
    "furniture_times",
    "load_gazetteer",
    "load_lexicon",
]

EVENT_COLUMNS = [
    "doc_id", "paragraph", "sentence", "expression", "start", "end", "granularity", "event_type", "actors",
    "value", "mod", "kind", "weekday_mismatch", "event_types", "trigger", "actors_source", "resolution",
]
EVENT_KINDS = frozenset({"date", "time", "relative"})
NEAR_WORDS = 3  # triggers this close to the time expression count as equally close
DISTANCE_WEIGHT = 1.0  # priority points per word beyond NEAR_WORDS
OTHER_CLAUSE_PENALTY = 10  # trigger in a setelah/sebelum clause that does not hold the time expression
# A clause that situates the main event relative to another one: up to the next , ; : or the end.
SUBORDINATE_CLAUSE_RE = re.compile(
    r"\b(?:setelah|sesudah|sebelum|usai|seusai|pasca|menyusul|sejak)\b[^,;:]*", re.IGNORECASE
)

# English CLDR names that read oddly in a news timeline.
COUNTRY_NAME_OVERRIDES = {"TR": "Turkey", "MM": "Myanmar", "PS": "Palestinian Territories", "CZ": "Czechia"}

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
TITLE_WORDS = frozenset((
    "Presiden", "Perdana", "PM", "Menteri", "Menlu", "Menhan", "Kanselir", "Raja", "Ratu", "Pangeran",
    "Sekjen", "Jurubicara", "Bicara", "Jubir", "Kepala", "Direktur", "Komandan", "Jenderal", "Panglima",
    "Pemimpin", "Pelatih", "Gubernur", "Dubes", "Ketua", "Senator", "Bupati", "Ombudsman", "Pengamat",
    "Ekonom", "Politikus", "Mantan", "Wakil",
))
# A lower-case title or speech verb right before a capitalised run: "juru bicara X", "kata X".
TITLE_BEFORE_RE = re.compile(
    r"(?:juru\s+bicara|jurubicara|ombudsman(?:\s+[\w\s]{0,40})?|direktur|pelatih|kata|ujar|ucap|tegas|tekan"
    r"|lanjut|jelas|terang|imbuh|tambah|sambung|pungkas)\s+$"
)
CAP_RUN_RE = re.compile(
    r"(?<![\w-])(?:al-)?[A-Z][\w’'\-]*(?:\s+(?:(?:al-|bin\s+|binti\s+|van\s+|de\s+)?[A-Z][\w’'\-]*))*"
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


@dataclass
class Gazetteer:
    """Alias -> canonical actor name, for places (case-sensitive regex) and people."""

    places: dict[str, str]
    people: dict[str, str]
    place_re: re.Pattern[str] = field(init=False, repr=False)
    people_re: re.Pattern[str] = field(init=False, repr=False)
    _place_keys: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._place_keys = {_key(a): c for a, c in self.places.items()}
        self.place_re = _alias_regex(self.places)
        self.people_re = _alias_regex(self.people)

    def place(self, alias: str) -> str | None:
        """Canonical name of a place alias, ignoring case of separators (``Nagorno Karabakh``)."""
        return self._place_keys.get(_key(alias))


def _key(alias: str) -> str:
    return re.sub(r"[\s\-]+", "", alias)


def _alias_regex(aliases: Iterable[str]) -> re.Pattern[str]:
    """Whole-word alternation of aliases, longest first; spaces and hyphens are interchangeable."""
    parts = []
    for a in sorted(set(aliases), key=len, reverse=True):
        tokens = re.split(r"[\s\-]+", a)
        parts.append(r"[\s\-]*".join(re.escape(t) for t in tokens))
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")


def _read_csv(name: str) -> list[dict[str, str]]:
    with files("analysis").joinpath("data", name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def load_lexicon() -> Lexicon:
    """The event lexicon shipped as ``analysis/data/event_types.csv``.

    Returns
    -------
    Lexicon
        ``table`` (the CSV as a DataFrame, ordered by priority) and compiled trigger patterns.
    """
    rows = sorted(_read_csv("event_types.csv"), key=lambda r: int(r["priority"]))
    patterns = []
    for r in rows:
        words = sorted((w.strip() for w in r["triggers"].split("|") if w.strip()), key=len, reverse=True)
        alt = "|".join(r"\s+".join(re.escape(t) for t in w.split()) for w in words)
        patterns.append((r["event_type"], int(r["priority"]), re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])")))
    table = pd.DataFrame(rows).astype({"priority": "int64"})
    return Lexicon(table, tuple(patterns))


@cache
def load_gazetteer() -> Gazetteer:
    """Countries from CLDR (Indonesian names -> English names) plus the shipped place/people files.

    Returns
    -------
    Gazetteer
    """
    id_names, en_names = Locale.parse("id").territories, Locale.parse("en").territories
    places: dict[str, str] = {}
    for code, name in id_names.items():
        if not (len(code) == 2 and code.isalpha()) or code in ("ZZ", "XA", "XB"):
            continue
        canonical = COUNTRY_NAME_OVERRIDES.get(code, en_names.get(code, name))
        places[name] = canonical
        short = re.sub(r"\s*\(.*\)$", "", name)  # "Myanmar (Burma)" -> "Myanmar"
        places.setdefault(short, canonical)
    for r in _read_csv("gazetteer_places.csv"):
        places[r["alias"]] = r["canonical"]
    people = {r["alias"]: r["canonical"] for r in _read_csv("gazetteer_people.csv")}
    return Gazetteer(places, people)


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
            titled = any(t in TITLE_WORDS for t in tokens) or bool(TITLE_BEFORE_RE.search(sentence, 0, run.start()))
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


def _references(corpus: object, reference_times: Mapping | pd.Series | None) -> dict[str, object]:
    refs = dict(zip(corpus.pages["doc_id"], corpus.pages["reference_time"], strict=True))
    if reference_times is not None:
        items = reference_times.items() if hasattr(reference_times, "items") else reference_times
        for doc_id, ref in items:
            if not pd.isna(ref):
                refs[doc_id] = ref
    return refs


def extract_events(corpus: object, *, reference_times: Mapping | pd.Series | None = None,
                   lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """Sentences that tie a resolved time to an event, with its type and actors.

    Parameters
    ----------
    corpus : Corpus
        Needs ``paragraphs`` (``doc_id, n, text``) and ``pages`` (``doc_id, reference_time``).
    reference_times : mapping or Series doc_id -> time, optional
        Reference times that replace the pages' own (e.g. URL dates for pages that print none);
        missing values keep the page's ``reference_time``.
    lexicon, gazetteer : optional
        Defaults: :func:`load_lexicon`, :func:`load_gazetteer`.

    Returns
    -------
    pandas.DataFrame
        One row per (sentence, resolved time expression) with an event trigger, in document order:
        ``doc_id, paragraph`` (the paragraph's ``n``), ``sentence``, ``expression`` (as written),
        ``start``, ``end``, ``granularity``, ``event_type``, ``actors`` (tuple of canonical names),
        ``value``, ``mod``, ``kind``, ``weekday_mismatch`` (from :func:`analysis.find_dates`),
        ``event_types`` (every type the sentence matches, best first), ``trigger`` (the word that
        decided ``event_type``), ``actors_source`` (``sentence``, ``context`` when taken from an
        earlier sentence, ``none``) and ``resolution`` (how the date was resolved).
    """
    lex = lexicon or load_lexicon()
    gaz = gazetteer or load_gazetteer()
    refs = _references(corpus, reference_times)
    rows: list[tuple] = []
    paragraphs = corpus.paragraphs.sort_values(["doc_id", "n"], kind="stable")
    for doc_id, group in paragraphs.groupby("doc_id", sort=False):
        people = _People(gaz)
        ref = refs.get(doc_id)
        context: tuple[str, ...] = ()  # actors of the latest sentence that named some
        for n, text in zip(group["n"], group["text"], strict=True):
            if not isinstance(text, str) or not text:
                continue
            times = [te for te in iter_dates(text, ref) if te.kind in EVENT_KINDS and te.start is not None]
            for s, e in sentence_spans(text):
                sentence = text[s:e]
                actors = _actors(sentence, gaz, people)  # also remembers names for later sentences
                source = "sentence"
                if actors:
                    context = actors
                else:
                    actors, source = context, "context"
                here = [te for te in times if s <= te.offset < e]
                if not here:
                    continue
                triggers = lex.match(sentence.lower())
                if not triggers:
                    continue
                for te in here:
                    rows.append(_event_row(doc_id, n, sentence, te, s, triggers, actors, source))
    return _events_frame(rows)


def _event_row(doc_id: str, n: int, sentence: str, te: TimeExpression, s: int,
               triggers: list[tuple[str, int, int, int, str]], actors: tuple[str, ...], source: str) -> tuple:
    span = (te.offset - s, te.offset - s + len(te.text))
    etype, trigger = _classify(triggers, sentence, span)
    ranked = sorted({t[0]: t[1] for t in triggers}.items(), key=lambda kv: (kv[0] != etype, kv[1]))
    return (doc_id, n, sentence, te.text, te.start, te.end, te.granularity, etype, actors, te.value, te.mod,
            te.kind, te.weekday_mismatch, tuple(k for k, _ in ranked), trigger, source if actors else "none",
            te.resolution)


def _events_frame(rows: list[tuple]) -> pd.DataFrame:
    cols = list(zip(*rows, strict=True)) if rows else [()] * len(EVENT_COLUMNS)
    data = {}
    for name, values in zip(EVENT_COLUMNS, cols, strict=True):
        if name in ("start", "end"):
            data[name] = np.array(values, dtype="datetime64[ns]")
        elif name == "paragraph":
            data[name] = np.array(values, dtype=np.int64)
        elif name == "weekday_mismatch":
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
    refs = _references(corpus, reference_times)
    paras = corpus.paragraphs
    texts = pd.Series(list(paras["text"].fillna("")), index=range(len(paras)))
    found = find_dates(texts, [refs.get(d) for d in paras["doc_id"]])
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
