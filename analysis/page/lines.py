"""Line classification and its cheap gates: one cleaned, stripped line -> its furniture kind or text.

Most lines are text, so each pattern is tried only after a cheap test that every line it matches passes
(its first words, a word or character it needs, its length); the word counts and key scans here are
the per-line features the later passes read.
"""

from __future__ import annotations

import functools
import re

import ahocorasick_rs

from analysis.dates import find_timestamps
from analysis.page.patterns import (
    AGENCIES,
    ASCII_ALNUM,
    ASCII_SHAPE,
    ASCII_WORD_OTHER,
    BOILERPLATE_HINTS,
    BOILERPLATE_LEADS,
    BOILERPLATE_LINES,
    BOILERPLATE_RE,
    BOILERPLATE_STARTS,
    BOILERPLATE_WORDS,
    BREADCRUMB_CHARS,
    BREADCRUMB_RE,
    BREADCRUMB_SEPARATORS,
    BULLET_CHARS,
    BULLET_RE,
    BYLINE_LINE_CHARS,
    BYLINE_RE,
    BYLINE_WORDS,
    CLOSING_INITIALS_RE,
    COMMENTS_LINE_CHARS,
    COMMENTS_RE,
    CREDIT_LINE_RE,
    CREDIT_PAREN_RE,
    CREDIT_PHRASES,
    CREDIT_TAIL_CHARS,
    CREDIT_WORDS,
    DATE_CORE_RE,
    DATE_LINE_CHARS,
    DATELINE_ALONE_CHARS,
    DATELINE_ALONE_RE,
    DATELINE_RE,
    EMBED_CHARS,
    FONT_WIDGET_CHARS,
    FONT_WIDGET_RE,
    FURNITURE_LINE_CHARS,
    GLUED_LINKS_HEADER_RE,
    IMAGE_LABEL_RE,
    IMAGE_LABELS,
    LINKS_HEADER_RE,
    LONG_CAPTION_CHARS,
    LONG_RELATED_CHARS,
    NONWORD_RE,
    OUTLET_HINT_RE,
    PHOTO_LEAD_RE,
    PLACE_WORD_RE,
    READING_TIME_RE,
    RELATED_RE,
    RELATED_STARTS,
    RUNNING_TEXT_CHARS,
    SENTENCE_END,
    SIGNATURE_CHARS,
    SIGNATURE_RE,
    SOURCE_LINE_CHARS,
    SOURCE_LINE_RE,
    SUMMARY_HEADER_RE,
    TOPIC_HEADER_RE,
    TOPIC_LINE_RE,
    TOPIC_STARTS,
    TRAILING_CREDIT_RE,
    VIDEO_MARK_RE,
    WORD_INITIAL_RE,
    WORD_RE,
    Kind,
    Mark,
)

__all__ = [
    "classify", "classify_lines", "classify_running", "classify_short", "dateline_prefix", "is_sentence",
    "norm_key", "paren_credit", "present", "timestamp_line", "word_features", "words",
]

#: The kinds :func:`classify` returns, as module globals (an enum attribute is a slow class-attribute
#: lookup on Python 3.11, and most of these are returned once per furniture line).
(BOILERPLATE, BYLINE, CAPTION, COMMENTS, DATE, DATELINE, LINKS, NAVIGATION, RELATED, SIGNATURE, SOURCE) = (
    Kind.boilerplate, Kind.byline, Kind.caption, Kind.comments, Kind.date, Kind.dateline, Kind.links, Kind.navigation,
    Kind.related, Kind.signature, Kind.source)
(BULLET, SUMMARY_HEADER, TOPICS, VIDEO_MARK) = (
    Mark.bullet, Mark.summary_header, Mark.topics, Mark.video_mark)


def words(s: str) -> list[str]:
    """The :data:`~analysis.page.patterns.WORD_RE` words of ``s``."""
    return WORD_RE.findall(s)


def word_features(s: str) -> tuple[int, float]:
    """Number of :data:`WORD_RE` words in ``s`` and the share of them that start with a capital.

    A WORD_RE word is a maximal run of word characters, ``'``, ``’`` and ``-`` that holds a letter,
    starting at its first letter. For an ASCII line this is counted without a regex: mapped to
    letter shapes (digits and the like dropped, other characters to spaces), every word is a
    space followed by ``U`` or ``l`` (three times faster than finding the words).
    """
    if s.isascii():
        shape = b" " + s.encode("ascii").translate(ASCII_SHAPE, ASCII_WORD_OTHER)
        n_cap = shape.count(b" U")
        n = shape.count(b" l") + n_cap
    else:
        initials = WORD_INITIAL_RE.findall(s)  # the words' first letters (no word strings built)
        n, n_cap = len(initials), sum(map(str.isupper, initials))
    return n, n_cap / n if n else 0.0


def is_sentence(s: str, n_words: int) -> bool:
    """A line that reads as running text: ends like a sentence or is long."""
    return (s[-1] in SENTENCE_END and n_words >= 6) or n_words >= 35


def timestamp_line(s: str, max_extra: int = 45, memo: dict | None = None):
    """The timestamp of a line that is (nearly) only a timestamp, else None.

    ``memo`` (one dict per page) keeps each line's :func:`find_timestamps` result for the next call.
    """
    if len(s) > DATE_LINE_CHARS or ("19" not in s and "20" not in s) or not DATE_CORE_RE.search(s):  # cheap first
        return None
    if memo is None:
        found = find_timestamps(s)
    elif s in memo:
        found = memo[s]
    else:
        found = memo[s] = find_timestamps(s)
    if not found:
        return None
    ts = found[0]
    extra = len(s) - (ts.end - ts.start)
    return ts if extra <= max_extra and len(words(s[: ts.start] + s[ts.end :])) <= 5 else None


def present(keys: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The ``keys`` that occur in ``text``, in the order of ``keys``, so that per-line tests only
    try the keys a page holds.

    One Aho-Corasick scan finds every key at once (five times faster than a substring scan per
    key); text that cannot be encoded as UTF-8 (lone surrogates) gets the scan per key.
    """
    try:
        found = set(_matcher(keys).find_matches_as_strings(text, overlapping=True))
    except UnicodeEncodeError:
        return tuple(k for k in keys if k in text)
    return tuple(k for k in keys if k in found)


@functools.cache
def _matcher(keys: tuple[str, ...]) -> ahocorasick_rs.AhoCorasick:
    """An Aho-Corasick automaton of ``keys`` (built once per tuple of keys)."""
    return ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard)


def norm_key(s: str) -> str:
    """Lower-case words only: a key for spotting repeats and truncated copies.

    ``" ".join(NONWORD_RE.split(s.lower())).strip()``; for ASCII text by a byte translation (4x faster).
    """
    low = s.lower()
    if low.isascii():
        return " ".join(low.encode("ascii").translate(ASCII_ALNUM).decode("ascii").split())
    return " ".join(NONWORD_RE.split(low)).strip()


def paren_credit(s: str) -> re.Match[str] | None:
    """The photo credit in parentheses or brackets closing a line, unless it is closing initials."""
    m = CREDIT_PAREN_RE.search(s)
    return None if m is None or CLOSING_INITIALS_RE.fullmatch(m.group("credit").strip()) else m


def dateline_prefix(s: str) -> re.Match[str] | None:
    """The outlet/place prefix opening a first paragraph, if the line has one."""
    m = DATELINE_RE.match(s)
    if m is None or len(s) - m.end() < 25:
        return None
    dl = m.group("dateline")
    if len(dl) > 45:
        return None
    sep = s[m.end("dateline") : m.end()].strip()
    if sep == ".":
        return m if dl.isupper() else None  # "JAKARTA. Beberapa ..."
    if sep == ":":
        return m if " " not in dl else None  # "Jakarta: Kepala ..."
    if sep[:1] in "–—" or sep[:2] == "--":
        return m if len(dl.split()) <= 4 else None  # "Telegraf – Jatuh ...", "Ankara, MINA – ..."
    # plain hyphen: "Sosok.ID -", "JAKARTA -", "Jakarta -"
    return m if OUTLET_HINT_RE.search(dl) or PLACE_WORD_RE.fullmatch(dl) else None


def classify(s: str, hints: tuple[str, ...] = BOILERPLATE_HINTS, stamps: dict | None = None) -> Kind | Mark | None:
    """Furniture kind (or :class:`Mark`) of one non-blank line, from its wording alone; ``None`` for plain text.

    ``hints`` may narrow :data:`BOILERPLATE_HINTS` to those the page holds (see :func:`classify_lines`);
    ``stamps`` is the page's ``memo`` for :func:`timestamp_line`.
    """
    n = len(s)
    return classify_running(s) if n > RUNNING_TEXT_CHARS else classify_short(s, n, hints, stamps)


def classify_running(s: str) -> Kind | Mark | None:
    """:func:`classify` for running text (over :data:`RUNNING_TEXT_CHARS`): only furniture recognisable
    by how it starts, captions, long links."""
    n = len(s)
    if n <= LONG_RELATED_CHARS and s[:16].lower().startswith(RELATED_STARTS) and RELATED_RE.match(s):
        return RELATED
    if (n <= LONG_CAPTION_CHARS and (")" in s[-3:] or "]" in s[-3:]) and paren_credit(s)) or (
            s.endswith("GETTY IMAGES")) or (
            n <= LONG_CAPTION_CHARS and "/" in s[-60:] and TRAILING_CREDIT_RE.search(s, n - CREDIT_TAIL_CHARS)):
        return CAPTION
    if s[:32].lower().startswith(BOILERPLATE_STARTS):
        return BOILERPLATE
    head = s[:80].lower()
    if head.startswith(IMAGE_LABELS) and IMAGE_LABEL_RE.match(s):
        return CAPTION
    if ("foto" in head or "photo" in head) and PHOTO_LEAD_RE.match(s):
        return CAPTION
    return BULLET if s[0] in BULLET_CHARS and BULLET_RE.match(s) else None


def classify_short(
    s: str, n: int, hints: tuple[str, ...] = BOILERPLATE_HINTS, stamps: dict | None = None,
) -> Kind | Mark | None:
    """:func:`classify` for a line of at most :data:`RUNNING_TEXT_CHARS` characters (``n``, its length)."""
    low = s.lower()
    if n <= FURNITURE_LINE_CHARS and low.rstrip(" :") in BOILERPLATE_LINES:  # also "Bagikan:"
        return BOILERPLATE
    if n <= COMMENTS_LINE_CHARS and ("koment" in low or "comment" in low or "karakter" in low) and COMMENTS_RE.match(s):
        return COMMENTS
    if n <= FURNITURE_LINE_CHARS:
        if "video" in low and VIDEO_MARK_RE.match(s):
            return VIDEO_MARK
        if n <= FONT_WIDGET_CHARS and FONT_WIDGET_RE.match(s):
            return BOILERPLATE
        if low.startswith(TOPIC_STARTS) and TOPIC_HEADER_RE.match(s):
            return TOPICS
        if ("min" in low or "menit" in low) and READING_TIME_RE.match(s):
            return BOILERPLATE
        if LINKS_HEADER_RE.match(s):
            return LINKS
        if SUMMARY_HEADER_RE.match(s):
            return SUMMARY_HEADER
    if low.startswith(RELATED_STARTS) and RELATED_RE.match(s):
        return RELATED
    if s[0].islower() and n <= BREADCRUMB_CHARS and not s.islower() and (m := GLUED_LINKS_HEADER_RE.search(s)) \
            and LINKS_HEADER_RE.match(m.group("header")):
        return LINKS  # "inflasi harga-pangan bpsBerita Sebelumnya": tags, then a link-list header
    if low.startswith(BOILERPLATE_STARTS) or (
            (low.startswith(BOILERPLATE_LEADS) or any(map(low.__contains__, hints)))
            and BOILERPLATE_RE.search(s) and not BOILERPLATE_WORDS.isdisjoint(NONWORD_RE.split(low))):
        return BOILERPLATE
    if n <= DATE_LINE_CHARS and ("19" in s or "20" in s) and timestamp_line(s, memo=stamps) is not None:  # (cheap)
        return DATE
    if n <= BYLINE_LINE_CHARS and low.startswith(BYLINE_WORDS) and BYLINE_RE.match(s):
        return BYLINE
    if low.startswith(IMAGE_LABELS) and IMAGE_LABEL_RE.match(s):
        return CAPTION
    if low.startswith(("sumber", "source")) and (n <= SOURCE_LINE_CHARS or "://" in s) and SOURCE_LINE_RE.match(s):
        return SOURCE
    if n <= SIGNATURE_CHARS and s[0] in "([" and SIGNATURE_RE.match(s):
        return SIGNATURE
    if s[0] == "[" and s[-1] == "]":
        if low.startswith(RELATED_STARTS, 1) and RELATED_RE.match(s[1:-1]):
            return RELATED  # "[Baca Juga: ...]"
        if n <= EMBED_CHARS and ":" in s:
            return BOILERPLATE  # an embed placeholder: "[Gambas:Video CNN]"
    if low.startswith(TOPIC_STARTS) and TOPIC_LINE_RE.match(s):  # (every line here is short)
        return NAVIGATION  # "Tags: Armenia, Azerbaijan"
    if n <= BREADCRUMB_CHARS and any(map(s.__contains__, BREADCRUMB_SEPARATORS)) and BREADCRUMB_RE.match(s):
        return NAVIGATION  # "Home » Internasional » Eropa"
    if n <= DATELINE_ALONE_CHARS and s[-1] in "-–—" and DATELINE_ALONE_RE.match(s):
        return DATELINE
    foto = "foto" in low or "photo" in low
    credit = ((s.rstrip(". ")[-1:] in (")", "]") and paren_credit(s))
              or (("/" in s or (":" in s and (foto or low.startswith(("dok", "reuters"))))) and CREDIT_LINE_RE.match(s))
              or low.endswith("getty images") or (foto and any(map(low.__contains__, CREDIT_PHRASES)))
              or ("/" in s and any(map(s.__contains__, AGENCIES)) and TRAILING_CREDIT_RE.search(s)))
    if (credit and ("/" in s or not CREDIT_WORDS.isdisjoint(NONWORD_RE.split(low)))) or (
            foto and PHOTO_LEAD_RE.match(s)):
        return CAPTION
    if s[0] in BULLET_CHARS and BULLET_RE.match(s):
        return BULLET
    return None


def classify_lines(nonblank: list[tuple[int, str]]) -> tuple[dict[int, Kind | Mark], dict]:
    """Line number -> furniture kind, for the lines :func:`classify` finds to be furniture; and the
    page's memo of line timestamps (see :func:`timestamp_line`)."""
    short_low = "\n".join(s for _, s in nonblank if len(s) <= RUNNING_TEXT_CHARS).lower()  # only these need hints
    hints = present(BOILERPLATE_HINTS, short_low)
    kinds: dict[int, Kind | Mark] = {}
    stamps: dict = {}
    for ln, s in nonblank:
        k = classify_running(s) if (n := len(s)) > RUNNING_TEXT_CHARS else classify_short(s, n, hints, stamps)
        if k is not None:
            kinds[ln] = k
    return kinds, stamps
