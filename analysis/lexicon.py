"""One vocabulary for the whole package: stopwords, stemming, the headline tokenizer, title words,
capitalised-name runs and the gazetteer of places and people.

:mod:`analysis.topics`, :mod:`analysis.related` and :mod:`analysis.events` all read words through this
module, so a country has one name everywhere (``Kremlin``, ``Moskow``, ``Rusia`` -> ``Russia``).

Gazetteer
---------
- Countries: every territory name of Babel's Indonesian CLDR data (``Locale.parse("id").territories``),
  under its English CLDR name (``Rusia`` -> Russia; ``Turki`` -> Turkey; a few overrides in
  :data:`COUNTRY_NAME_OVERRIDES`). These canonical names are :attr:`Gazetteer.countries`.
- ``analysis/data/gazetteer_places.csv`` (``alias, canonical, kind, note``): capitals and seats of
  government as metonyms (``Baku`` -> Azerbaijan, ``Kremlin`` -> Russia), newsroom spellings and short
  forms (``AS``, ``Amerika`` -> United States; ``Ajerbaijan`` -> Azerbaijan), regions
  (``Nagorny Karabakh`` -> Nagorno-Karabakh) and a few organisations.
- ``analysis/data/gazetteer_people.csv``: people's spellings (``Pashinian`` -> Nikol Pashinyan).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files
from types import MappingProxyType

__all__ = [
    "CAP_RUN_RE",
    "COUNTRY_NAME_OVERRIDES",
    "HEADLINE_STOPWORDS",
    "MIN_TOKEN_LEN",
    "STOPWORDS",
    "TITLE_WORDS",
    "TOKEN_RE",
    "Gazetteer",
    "load_gazetteer",
    "read_csv",
    "root_words",
    "stem_token",
    "tokenize_headline",
]

#: A word: letters/digits, optionally joined by hyphens (``covid-19``, ``negara-negara``).
TOKEN_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
#: Shortest token kept; one-letter tokens are initials and list markers.
MIN_TOKEN_LEN = 2

#: Titles, ranks and offices that precede a name (``Presiden Rusia Vladimir Putin``), lower case: they end a
#: name run (:mod:`analysis.related`) and mark the run after them as a person (:mod:`analysis.events`).
TITLE_WORDS = frozenset({
    "presiden", "wapres", "wakil", "perdana", "menteri", "menlu", "menhan", "mendagri", "menkes", "menko", "pm",
    "jurubicara", "juru", "bicara", "jubir", "kepala", "ketua", "sekjen", "sekretaris", "jenderal", "jendral",
    "direktur", "dirut", "gubernur", "bupati", "walikota", "wali", "kota", "raja", "ratu", "pangeran", "putra",
    "putri", "mahkota", "kanselir", "komandan", "panglima", "kapten", "letnan", "kolonel", "mayor", "brigjen",
    "mayjen", "letjen", "duta", "besar", "dubes", "dr", "prof", "ir", "tuan", "nyonya", "bapak", "ibu", "pak", "bu",
    "syekh", "paus", "imam", "luar", "negeri", "dalam", "pertahanan", "keuangan", "kesehatan", "urusan", "staf",
    "pelaksana", "tugas", "plt", "anggota", "senator", "kongres", "parlemen",
    "ombudsman", "pengamat", "ekonom", "politikus", "mantan", "pelatih",
})
#: A run of capitalised words on one line, no punctuation between them; name particles allowed inside
#: (``Abdel Fattah al-Burhan``, ``Osama bin Laden``) and ``al-`` in front (``al-Sisi``).
CAP_RUN_RE = re.compile(
    r"(?<![\w-])(?:al-)?[A-ZÀ-Ý][\w'’-]*"
    r"(?:[ \t]+(?:(?:al|el|bin|binti|van|von|de|der|dos)(?:[ \t]+|-))?[A-ZÀ-Ý][\w'’-]*)*"
)
#: English CLDR names that read oddly in a news timeline.
COUNTRY_NAME_OVERRIDES = {"TR": "Turkey", "MM": "Myanmar", "PS": "Palestinian Territories", "CZ": "Czechia"}


# --------------------------------------------------------------------------------------------
# Words


def _data_text(name: str) -> str:
    return files("analysis").joinpath("data", name).read_text(encoding="utf-8")


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV file of ``analysis/data`` as dicts."""
    return list(csv.DictReader(_data_text(name).splitlines()))


def _read_wordlist(name: str) -> frozenset[str]:
    """Lower-case words of a package data file, one per line, ``#`` comments skipped."""
    lines = _data_text(name).splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _sastrawi_stopwords() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(StopWordRemoverFactory().get_stop_words())


#: Headline furniture words (``begini``, ``terbaru``, ``usai``) not in Sastrawi's list.
HEADLINE_STOPWORDS = _read_wordlist("headline_stopwords.txt")
#: Sastrawi's Indonesian stopwords plus :data:`HEADLINE_STOPWORDS`.
STOPWORDS = _sastrawi_stopwords() | HEADLINE_STOPWORDS


@lru_cache(maxsize=1)
def root_words() -> frozenset[str]:
    """Sastrawi's Indonesian root words (its stemmer's dictionary)."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(StemmerFactory().get_words())


@lru_cache(maxsize=1)
def _stemmer():
    """Sastrawi's stemmer without its own unbounded result cache (:func:`stem_token` caches)."""
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer

    return Stemmer(ArrayDictionary(list(root_words())))  # the dictionary read once, shared with root_words


@lru_cache(maxsize=1 << 18)
def stem_token(token: str) -> str:
    """Sastrawi stem of one lower-case token (cached: the stemmer is slow, tokens repeat)."""
    return _stemmer().stem(token) or token


def tokenize_headline(text: object, stopwords: frozenset[str] = STOPWORDS) -> list[str]:
    """Lower-case content tokens of a headline, hyphenated words split, numbers and stopwords dropped.

    Parameters
    ----------
    text : object
        The headline; ``None``/NaN count as empty.
    stopwords : frozenset of str
        Words to drop (compared before stemming).

    Returns
    -------
    list of str
        Tokens in order; a reduplication (``negara-negara``) keeps one copy.

    Examples
    --------
    >>> tokenize_headline("Kampanye Vaksinasi Tembus 100 Juta Dosis, Covid-19 di India")
    ['kampanye', 'vaksinasi', 'tembus', 'dosis', 'covid', 'india']
    """
    if not isinstance(text, str) or not text:
        return []
    out: list[str] = []
    for word in TOKEN_RE.findall(text.lower()):
        for part in word.split("-"):
            if len(part) < MIN_TOKEN_LEN or part.isdigit() or part in stopwords:
                continue
            if out and out[-1] == part:
                continue
            out.append(part)
    return out


# --------------------------------------------------------------------------------------------
# Gazetteer


def _place_key(alias: str) -> str:
    return re.sub(r"[\s\-]+", "", alias)


def _alias_regex(aliases: Iterable[str]) -> re.Pattern[str]:
    """Whole-word alternation of aliases, longest first; spaces and hyphens are interchangeable."""
    parts = []
    for a in sorted(set(aliases), key=len, reverse=True):
        tokens = re.split(r"[\s\-]+", a)
        parts.append(r"[\s\-]*".join(re.escape(t) for t in tokens))
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])")


@dataclass(frozen=True)
class Gazetteer:
    """Alias -> canonical actor name, for places (case-sensitive regex) and people; read-only.

    ``countries`` holds the canonical names that are countries (CLDR territories), so a caller can keep
    to countries and the places that stand for them (``Kremlin``) and leave regions and organisations out.
    """

    places: Mapping[str, str]
    people: Mapping[str, str]
    countries: frozenset[str] = frozenset()
    place_re: re.Pattern[str] = field(init=False, repr=False, compare=False)
    people_re: re.Pattern[str] = field(init=False, repr=False, compare=False)
    place_keys: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # computed once, then frozen like the rest
        set_(self, "places", MappingProxyType(dict(self.places)))
        set_(self, "people", MappingProxyType(dict(self.people)))
        set_(self, "countries", frozenset(self.countries))
        set_(self, "place_keys", MappingProxyType({_place_key(a): c for a, c in self.places.items()}))
        set_(self, "place_re", _alias_regex(self.places))
        set_(self, "people_re", _alias_regex(self.people))

    def place(self, alias: str) -> str | None:
        """Canonical name of a place alias, ignoring case of separators (``Nagorno Karabakh``)."""
        return self.place_keys.get(_place_key(alias))

    def country_aliases(self) -> dict[str, str]:
        """Alias -> canonical country, for the aliases that name a country (or stand for one)."""
        return {a: c for a, c in self.places.items() if c in self.countries}


@cache
def load_gazetteer() -> Gazetteer:
    """Countries from CLDR (Indonesian names -> English names) plus the shipped place/people files.

    Returns
    -------
    Gazetteer
        Cached and shared by every caller, hence immutable.
    """
    from babel import Locale

    id_names, en_names = Locale.parse("id").territories, Locale.parse("en").territories
    places: dict[str, str] = {}
    countries: set[str] = set()
    for code, name in id_names.items():
        if not (len(code) == 2 and code.isalpha()) or code in ("ZZ", "XA", "XB"):
            continue
        canonical = COUNTRY_NAME_OVERRIDES.get(code, en_names.get(code, name))
        countries.add(canonical)
        places[name] = canonical
        short = re.sub(r"\s*\(.*\)$", "", name)  # "Myanmar (Burma)" -> "Myanmar"
        places.setdefault(short, canonical)
    for r in read_csv("gazetteer_places.csv"):
        places[r["alias"]] = r["canonical"]
    people = {r["alias"]: r["canonical"] for r in read_csv("gazetteer_people.csv")}
    return Gazetteer(places, people, frozenset(countries))
