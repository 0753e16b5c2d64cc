"""Head and body: the text lines the furniture pass left -> title, standfirst, byline, caption, paragraphs.

A :class:`LineTable` holds one row per text line (its words, share of capitalised words, whether it
reads as a sentence, and its label); :data:`PASSES` label it in order, one named pass each, and
:func:`emit` turns the labelled lines into blocks, paragraphs, quotes and page fields::

    table = line_table(text_lines, kinds)
    for step in PASSES:     # navigation_runs, caption_repeats, find_title, find_body_start,
        step(table)         # label_head, label_body, drop_trailing_subheadings
    emit(page, table, blocks, stamps)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.page.fields import FIELDS
from analysis.page.lines import dateline_prefix, is_sentence, norm_key, present, word_features
from analysis.page.patterns import (
    ATTRIBUTION_KEYS,
    BODY_KEYS,
    BYLINE_OUTLET_RE,
    CREDIT_SLASH_RE,
    DIGIT_RE,
    HEAD_FURNITURE,
    LINK_INITIALS_RE,
    LIST_ITEM_RE,
    NAVIGATION_RUN_LINES,
    RUNNING_TEXT_CHARS,
    SHORT_LINE_WORDS,
    STORE_STAMP_RE,
    TERMINAL_END,
    TEXT_MARKS,
    TIME_ITEM_RE,
    TRAILER_RE,
    TRAILING_FURNITURE_RE,
    TRAILING_KEYS,
    Kind,
)
from analysis.page.quotes import extract_quotes
from analysis.page.records import Block, Link, Page, Paragraph

__all__ = [
    "PASSES", "LineTable", "byline_shaped", "caption_repeats", "continues_paragraph", "drop_trailing_subheadings",
    "emit", "find_body_start", "find_title", "head_body_pass", "is_prefix_dup", "label_body", "label_head",
    "lead_prefix", "line_table", "navigation_runs", "schedule_item", "title_below", "trailing_link", "unstamped",
]

#: Lines below the body start searched for a dateline prefix that moves the body start there.
DATELINE_LOOKAHEAD = 3
#: Longest title, in characters.
TITLE_CHARS = 250
#: Text rows below an opening sentence or label searched for the headline (on line 2 or 3 of the page).
TITLE_LOOKAHEAD = 2
#: Shortest line (characters) whose repeat is a duplicate.
REPEAT_CHARS = 20
#: Share of capitalised words from which a line reads as a heading ("Kronologi Serangan di Stepanakert").
HEADING_CAPS = 0.65

#: The kinds the passes set, as module globals (an enum attribute is a slow class-attribute lookup on
#: Python 3.11, and the passes read them per line).
CAPTION, DUPLICATE, BYLINE, DATE, NAVIGATION, SUMMARY, TITLE, SUBHEADING, PARAGRAPH, UNKNOWN, DATELINE = (
    Kind.caption, Kind.duplicate, Kind.byline, Kind.date, Kind.navigation, Kind.summary, Kind.title, Kind.subheading,
    Kind.paragraph, Kind.unknown, Kind.dateline)
#: Kinds whose lines a later repeat duplicates (not the standfirst: its repeat in the body is the article's text).
REPEATABLE = (TITLE, CAPTION)
#: Kinds that follow a headline directly: a headline-shaped line just above one is the title.
TITLE_FOLLOWERS = (BYLINE, DATE)


@dataclass(slots=True)
class LineTable:
    """The text lines of a page, one row per line, and what the passes found."""

    lines: list[tuple[int, str]]  # (line number, text)
    feats: list[tuple[int, float]]  # (words, share of capitalised words); (0, 0.0) for furniture lines
    sentence: list[bool]  # reads as running text
    label: list[Kind | None]  # the line's kind; None until a pass labels it
    title_idx: int | None = None
    body_start: int = 0  # the first body line (rows before it are head)
    body_lines: list[str] = field(default_factory=list)  # the paragraphs' lines
    last_paragraph: int = -1  # row of the last paragraph


def head_body_pass(page: Page, text_lines, kinds, blocks, stamps: dict) -> tuple[str, ...]:
    """Title, standfirst, byline, date, caption, body paragraphs and subheadings.

    Returns the :data:`ATTRIBUTION_KEYS` the body lines hold (for :func:`analysis.page.fields.finish`).
    """
    table = line_table(text_lines, kinds)
    for step in PASSES:
        step(table)
    return emit(page, table, blocks, stamps)


def line_table(text_lines: list[tuple[int, str]], kinds) -> LineTable:
    """One row per text line: word features, sentence test, the classifier's label (photo captions with
    a slash credit added: "Presiden Rusia Vladimir Putin/Net")."""
    feats: list[tuple[int, float]] = []  # (words, share of capitalised words)
    sentence: list[bool] = []
    label: list[Kind | None] = []
    for ln, s in text_lines:
        k = kinds.get(ln)
        if k in TEXT_MARKS:
            k = None  # not furniture after all: treat as text
        if k is not None:  # features are read for unlabelled lines only
            nw, cap = 0, 0.0
        elif len(s) > RUNNING_TEXT_CHARS:  # running text: only the (approximate) word count matters
            nw, cap = s.count(" ") + 1, 0.0
        else:
            nw, cap = word_features(s)
        feats.append((nw, cap))
        sentence.append(is_sentence(s, nw))
        if k is None and "/" in s and s[-1] not in TERMINAL_END and nw <= 30 and CREDIT_SLASH_RE.match(s):
            k = CAPTION
        label.append(k)
    return LineTable(text_lines, feats, sentence, label)


def navigation_runs(t: LineTable) -> None:
    """Runs of :data:`NAVIGATION_RUN_LINES` or more consecutive very short lines (menus, tag clouds, "A A A")."""
    label, feats, lines = t.label, t.feats, t.lines
    n = len(lines)
    run: list[int] = []
    for idx in range(n + 1):
        if idx < n and label[idx] is None and feats[idx][0] <= SHORT_LINE_WORDS \
                and lines[idx][1][-1] not in TERMINAL_END:
            run.append(idx)
            continue
        if len(run) >= NAVIGATION_RUN_LINES:
            for r in run:
                label[r] = NAVIGATION
        run = []


def caption_repeats(t: LineTable) -> None:
    """A caption repeated as alt text just before it (the repeat may lack the credit)."""
    label, lines = t.label, t.lines
    for idx in range(len(lines) - 1):
        if label[idx] is None and label[idx + 1] == CAPTION and is_prefix_dup(lines[idx][1], lines, idx):
            label[idx] = CAPTION


def find_title(t: LineTable) -> None:
    """The title: the first headline-shaped line before any running text (section labels above it are navigation)."""
    label, feats, sentence, lines = t.label, t.feats, t.sentence, t.lines
    for idx in range(len(lines)):
        if label[idx] is not None:
            continue
        nw = feats[idx][0]
        s = lines[idx][1]
        # a question or exclamation opening the page is a headline ("Apa isi kesepakatan damai itu?")
        if sentence[idx] and not (s[-1] in "?!" and nw <= 20 and len(s) <= 160):
            title_below(t, idx)
            break
        if nw <= 2:
            label[idx] = NAVIGATION  # section labels above the headline ("Politik", "Berita")
            continue
        if nw >= SHORT_LINE_WORDS and len(s) <= TITLE_CHARS and not title_below(t, idx):
            t.title_idx = idx
            label[idx] = TITLE
        break


def title_below(t: LineTable, idx: int) -> bool:
    """A page opening with a line of text or a label (row ``idx``) above its headline: a headline-shaped line
    at most :data:`TITLE_LOOKAHEAD` text rows below, directly followed by a byline or date line or by a repeat
    of the opening line, is the title (the rows above it are ``unknown``). False, and nothing labelled, when
    row ``idx`` is itself followed by a byline or date."""
    label, feats, sentence, lines = t.label, t.feats, t.sentence, t.lines
    n = len(lines)
    ahead = label[idx + 2 : idx + 2 + 2 * TITLE_LOOKAHEAD]  # cheap first: a follower two to five rows down
    if DATE not in ahead and BYLINE not in ahead and lines[idx][1] not in [s for _, s in lines[idx + 2 : idx + 4]]:
        return False
    if idx + 1 < n and (label[idx + 1] in TITLE_FOLLOWERS or (
            label[idx + 1] is None and byline_shaped(lines[idx + 1][1], *feats[idx + 1]))):
        return False
    below = [j for j in range(idx + 1, min(n, idx + 1 + 2 * TITLE_LOOKAHEAD)) if label[j] is None][:TITLE_LOOKAHEAD]
    for j in below:
        if not sentence[j] and feats[j][0] >= SHORT_LINE_WORDS and len(lines[j][1]) <= TITLE_CHARS \
                and j + 1 < n and (label[j + 1] in TITLE_FOLLOWERS or lines[j + 1][1] == lines[idx][1]) \
                and not byline_shaped(lines[j][1], *feats[j]):
            for r in range(idx, j):
                if label[r] is None:
                    label[r] = UNKNOWN
            t.title_idx = j
            label[j] = TITLE
            return True
    return False


def find_body_start(t: LineTable) -> None:
    """The first running text not followed by head furniture; an outlet/place prefix a few lines further
    down moves it there (what lies between is still head)."""
    label, sentence, lines = t.label, t.sentence, t.lines
    n, title_idx = len(lines), t.title_idx
    body_start = n
    for idx in range((title_idx or -1) + 1, n):
        if label[idx] is None and sentence[idx] and (
                title_idx is None or not (idx + 1 < n and label[idx + 1] in HEAD_FURNITURE)
                or dateline_prefix(lines[idx][1]) is not None):
            body_start = idx  # (an ad or photo may follow the first paragraph: "Jakarta - ..." starts the body)
            break
    seen_text = 0
    for idx in range(body_start, n):
        if label[idx] is not None:
            continue
        if sentence[idx] and dateline_prefix(lines[idx][1]) is not None:
            body_start = idx
            break
        seen_text += 1
        if seen_text > DATELINE_LOOKAHEAD:
            break
    t.body_start = body_start


def label_head(t: LineTable) -> None:
    """Head lines between the title and the body: caption, a repeat of the title, byline, navigation, summary."""
    label, feats, lines = t.label, t.feats, t.lines
    n = len(lines)
    title_key = norm_key(lines[t.title_idx][1]) if t.title_idx is not None else None
    for idx in range(t.body_start):
        if label[idx] is not None:
            continue
        s = lines[idx][1]
        nw, cap = feats[idx]
        prev_kind = label[idx - 1] if idx > 0 else None
        next_kind = label[idx + 1] if idx + 1 < n else None
        if prev_kind == CAPTION or next_kind == CAPTION or is_prefix_dup(s, lines, idx):
            label[idx] = CAPTION
        elif title_key is not None and norm_key(s) == title_key:
            label[idx] = DUPLICATE
        elif byline_shaped(s, nw, cap):
            label[idx] = BYLINE
        elif nw <= 2:
            label[idx] = NAVIGATION
        else:
            label[idx] = SUMMARY


def label_body(t: LineTable) -> None:
    """Body lines: paragraphs and subheadings; repeats (same words, any case) become duplicates."""
    label, feats, lines, body_start = t.label, t.feats, t.lines, t.body_start
    seen: set[str] = set()
    body_lines = t.body_lines
    last_par = -1
    for idx in range(len(lines)):
        kind = label[idx]
        if kind is not None or idx < body_start:
            if kind in REPEATABLE and len(key := lines[idx][1].casefold()) > REPEAT_CHARS:
                seen.add(key)
            continue
        s = lines[idx][1]
        key = s.casefold()
        if len(key) > REPEAT_CHARS and key in seen:
            label[idx] = DUPLICATE
            continue
        nw, cap = feats[idx]
        heading_like = (nw <= 8 and s[-1] not in TERMINAL_END) or nw <= 2 or (nw <= 6 and s[-1] == "?") or (
            5 <= nw <= 25 and cap >= HEADING_CAPS and s[-1] not in ".,;:\"”’" and len(s) <= RUNNING_TEXT_CHARS)
        if heading_like and LIST_ITEM_RE.match(s) and (cap < HEADING_CAPS or schedule_item(lines, idx)):
            heading_like = False  # "1. Kota Bandung dengan 1.741 kasus", "Pukul 18.15 WIB - Berita" are list content
        if heading_like:
            label[idx] = SUBHEADING
        else:
            label[idx] = PARAGRAPH
            body_lines.append(s)
            last_par = idx
        if len(key) > REPEAT_CHARS:
            seen.add(key)
    t.last_paragraph = last_par


def schedule_item(lines, idx: int) -> bool:
    """A time-led item ("Pukul 18.15 WIB - ...") next to another: a schedule, whatever its capitals."""
    if not TIME_ITEM_RE.match(lines[idx][1]):
        return False
    return (idx > 0 and TIME_ITEM_RE.match(lines[idx - 1][1]) is not None) or (
        idx + 1 < len(lines) and TIME_ITEM_RE.match(lines[idx + 1][1]) is not None)


def drop_trailing_subheadings(t: LineTable) -> None:
    """Subheadings after the last paragraph are not headings of anything: ``unknown``; but the last text line,
    cut off mid-sentence, continues the body (:func:`continues_paragraph`)."""
    label = t.label
    if t.last_paragraph + 1 >= len(label):
        return
    trailing = [idx for idx in range(t.last_paragraph + 1, len(label)) if label[idx] == SUBHEADING]
    for idx in trailing:
        label[idx] = UNKNOWN
    if len(trailing) == 1 and continues_paragraph(t, trailing[0]):
        label[trailing[0]] = PARAGRAPH
        t.body_lines.append(t.lines[trailing[0]][1])
        t.last_paragraph = trailing[0]


def continues_paragraph(t: LineTable, idx: int) -> bool:
    """Row ``idx``, the page's last text line after the last paragraph (only furniture below it, no repeat),
    is a paragraph cut off mid-word ("Sementara itu, polisi masih menyelidi"): it ends in a letter and reads
    as text, not as a heading (it starts in lower case, or most of its four or more words do)."""
    label = t.label
    if t.last_paragraph < 0 or any(label[r] is DUPLICATE for r in range(idx + 1, len(label))):
        return False
    s = t.lines[idx][1]
    nw, cap = t.feats[idx]
    return s[-1].isalpha() and nw >= 4 and (s[0].islower() or cap < 0.5)


#: The labelling passes, in order (see :func:`head_body_pass`).
PASSES = (navigation_runs, caption_repeats, find_title, find_body_start, label_head, label_body,
          drop_trailing_subheadings)


def emit(page: Page, t: LineTable, blocks: list[Block], stamps: dict) -> tuple[str, ...]:
    """One block per labelled line; paragraphs (dateline prefix and trailing furniture cut off) with their
    quotes; the page fields (:data:`~analysis.page.fields.FIELDS`). Returns the attribution keys the
    paragraphs hold."""
    para_n = 0
    lone_dateline = None  # a dateline alone on the line before the first paragraph ("TRIBUNNEWS.COM -")
    last_speaker = None
    date_who = ""  # who the date line names ("Oleh X pada 12 Nov 2020"): the byline unless a byline line says
    body_keys = present(BODY_KEYS, "\n".join(t.body_lines))  # one scan for both sets of keys
    trailing_keys = tuple(k for k in body_keys if k in TRAILING_KEYS)
    fields = FIELDS
    for (ln, s), kind in zip(t.lines, t.label, strict=True):
        kind = kind or UNKNOWN
        blocks.append(Block(str(kind), ln, ln, s))
        if kind is PARAGRAPH:  # (most lines: tested first)
            para_n += 1
            ptext, prefix, trailer, start = s, None, None, ln
            if para_n == 1:
                ptext, prefix = lead_prefix(page, s)
                if lone_dateline is not None and prefix is None:
                    start, prefix = lone_dateline  # the first paragraph begins at its dateline's line
            mf = TRAILING_FURNITURE_RE.search(ptext) if any(map(ptext.__contains__, trailing_keys)) else None
            if mf:
                trailer = mf.group(0).strip()
                ptext = ptext[: mf.start()].rstrip()
                if mf.group("link"):
                    trailing_link(page, mf.group("link"), ln)
            mt = TRAILER_RE.search(ptext) if ptext[-1:] in (")", "]") else None
            if mt:
                trailer = mt.group("trailer") if trailer is None else f"{mt.group('trailer')} {trailer}"
                ptext = ptext[: mt.start()].rstrip()
            page.paragraphs.append(Paragraph(para_n, ptext, start, ln, prefix, trailer))
            qs, last_speaker = extract_quotes(para_n, ptext, last_speaker)
            page.quotes.extend(qs)
        elif kind is DATELINE and para_n == 0:
            lone_dateline = (ln, s.strip())
            fields[kind](page, ln, s, stamps)
        elif (handler := fields.get(kind)) is not None and (
                who := handler(page, ln, s if s[:5] != "date " else unstamped(s), stamps)) is not None:
            date_who = who
    if page.byline is None and date_who:
        page.byline = date_who
    return tuple(k for k in body_keys if k in ATTRIBUTION_KEYS)


def byline_shaped(s: str, nw: int, cap: float) -> bool:
    """A head line that reads as a name: two to four capitalised words, or "Name Name - outlet"."""
    return (2 <= nw <= 4 and cap == 1.0 and not DIGIT_RE.search(s) and s[-1] not in TERMINAL_END) or (
        nw <= 6 and BYLINE_OUTLET_RE.match(s) is not None)


def trailing_link(page: Page, s: str, ln: int) -> None:
    """A link marker glued after a paragraph's last sentence ("Baca: Headline (agk)"): an inline link."""
    headline = LINK_INITIALS_RE.sub("", s[s.index(":") + 1 :]).strip()
    page.links.append(Link("inline", len(page.links) + 1, headline, None, None, None, None, ln))


def unstamped(s: str) -> str:
    """``s`` without a store stamp in front ("date 2024-09-09 Judul berita" -> "Judul berita")."""
    m = STORE_STAMP_RE.match(s) if s[:5] == "date " else None
    return s if m is None else s[m.end() :]


def lead_prefix(page: Page, s: str) -> tuple[str, str | None]:
    """The first paragraph's text and the prefix cut from it: a store stamp ("date 2023-09") and the
    outlet/place dateline (which also sets ``page.dateline``)."""
    rest = s if s[:5] != "date " else unstamped(s)
    stamp = s[: len(s) - len(rest)].strip() or None
    m = dateline_prefix(rest)
    if m is None:
        return rest, stamp
    if page.dateline is None:
        page.dateline = m.group("dateline").strip(" ,")
    prefix = m.group(0).strip()
    return rest[m.end() :], prefix if stamp is None else f"{stamp} {prefix}"


def is_prefix_dup(s: str, text_lines, idx: int) -> bool:
    """A caption repeated as alt text: the next line repeats this one (or extends it)."""
    if idx + 1 >= len(text_lines):
        return False
    a, b = norm_key(s), norm_key(text_lines[idx + 1][1])
    return len(a) > REPEAT_CHARS and (b.startswith(a) or a.startswith(b))
