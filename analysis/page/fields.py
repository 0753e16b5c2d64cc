"""Blocks -> page fields: title, summary, caption and credit, byline, date, source, dateline.

Each field has a handler taking one line of its kind (:data:`FIELDS`, keyed by :class:`Kind`); the first
line of a kind usually sets the field. :func:`finish` derives what needs the whole page.
"""

from __future__ import annotations

import re

from analysis.dates import find_timestamps
from analysis.page.lines import paren_credit, timestamp_line
from analysis.page.patterns import (
    ATTRIBUTION_RE,
    BYLINE_WORDS,
    CAPTION_OUTLET_RE,
    CREDIT_LINE_CHARS,
    CREDIT_LINE_RE,
    CREDIT_SLASH_RE,
    DATE_LINE_WHO_RE,
    EDITION_RE,
    IMAGE_LABEL_RE,
    LIST_ITEM_RE,
    OUTLET_ONLY_RE,
    PHOTO_LABEL_END_RE,
    PHOTO_LABEL_RE,
    SOURCE_LINE_RE,
    TERMINAL_END,
    TITLE_SITE_SUFFIX_RE,
    TRAILING_CREDIT_RE,
    Kind,
)
from analysis.page.records import Page

__all__ = ["FIELDS", "caption_shaped", "credited", "cut_off", "finish", "split_credit"]

#: A text cut as a teaser: an ellipsis right after a word or a comma, not after a sentence end ("mengungs...").
CUT_ELLIPSIS_RE = re.compile(r"[^\W_][,;]?(?:\.{3}|…)$")
#: Labels of the editor in credit lines (lower case); the other BYLINE_WORDS name the writer.
EDITOR_WORDS = frozenset({"editor", "redaktur", "penyunting", "editor bahasa", "video editor"})
#: A credit label before a name: "Penulis: ", "Editor ", "Reporter : ", "Oleh " (after a start or a bar).
CREDIT_LABEL_RE = re.compile(
    rf"(?:^|(?<=\|)|(?<=\| ))(?P<label>{'|'.join(sorted(BYLINE_WORDS, key=len, reverse=True))})\b\s*[:|]?\s*(?=\w)",
    re.IGNORECASE)
#: Where a credit line splits into its labelled parts.
CREDIT_SPLIT_RE = re.compile(r"\s*\|\s*")
#: A status word after a name: "Rina Kusuma diperbarui", "Agus Pranoto | diterbitkan".
STATUS_WORD_END_RE = re.compile(
    r"\s*\b(?:diperbarui|diperbaharui|diterbitkan|dipublikasikan|ditayangkan|terbit|updated?)\s*:?$", re.IGNORECASE)
#: "Sumber: " before a source line's text.
SOURCE_PREFIX_RE = re.compile(r"^(?:sumber|source)\s*:\s*", re.IGNORECASE)
#: Blocks whose lines may name the writer or the editor.
CREDIT_KINDS = frozenset({"byline", "source"})
#: Longest head line (characters) read as a caption by its shape (a standfirst is longer).
CAPTION_SHAPED_CHARS = 120
#: Characters of which a line holds one when split_credit can find a credit in it (a cheap gate).
CREDIT_MARKS = ("/", "©", ")", "]", ",", ":")
#: A caption's first word: "Ilustrasi ...", "Foto: ...", "Gambar: ...", "Tangkapan layar ...".
CAPTION_LEAD_RE = re.compile(r"^(?:ilustrasi\b|(?:foto|photo|gambar|grafis)\s*:|tangkapan layar\b)", re.IGNORECASE)
#: A short closing mark in brackets after the last sentence: "(*)", "(***)", "(Antara)", "[ed]".
CLOSING_MARK_RE = re.compile(r"\s*[(\[][^()\[\]]{1,20}[)\]]$")


def split_credit(s: str) -> tuple[str | None, str | None]:
    """Split a caption line into (caption, credit)."""
    m = IMAGE_LABEL_RE.match(s)
    if m:
        rest = s[m.end() :].strip() or None
        return (None, rest) if m.group("what").lower() == "sumber" else (rest, None)
    at = s.rfind("©")
    if at > 0 and s[at + 1 :].strip():  # "Presiden Rusia Vladimir Putin. ©REUTERS/Sputnik"
        return s[:at].strip() or None, s[at + 1 :].strip()
    m = paren_credit(s)
    if m:  # "Foto: Warga di tempat perlindungan (AP Photo)": the "Foto:" label is not caption text
        return PHOTO_LABEL_RE.sub("", s[: m.start()].strip()) or None, m.group("credit").strip()
    m = TRAILING_CREDIT_RE.search(s)
    if m and m.start() > 0:
        return PHOTO_LABEL_END_RE.sub("", s[: m.start()].strip()) or None, m.group("credit").rstrip(".").strip()
    m = CREDIT_SLASH_RE.match(s)
    if m:
        caption, credit = m.group("caption").strip(), m.group("credit").strip()
        outlet = CAPTION_OUTLET_RE.search(caption)  # "Ilustrasi peta. tirto.id/Sabit": the outlet is credit
        if outlet and outlet.start() > 0:
            return caption[: outlet.start()].strip(), f"{outlet.group(0).strip()}/{credit}"
        return PHOTO_LABEL_END_RE.sub("", caption) or None, credit  # "... Stepanakert. Foto: REUTERS/Stringer"
    if CREDIT_LINE_RE.match(s) and len(s) < CREDIT_LINE_CHARS:
        return None, s
    return s, None


def title(page: Page, ln: int, s: str, stamps: dict) -> None:
    """The first title line, without a site name after it ("Headline - Kompas.com": the block keeps it)."""
    if page.title is None:
        page.title = TITLE_SITE_SUFFIX_RE.sub("", s)


def caption_shaped(s: str) -> bool:
    """A short head line that reads as a photo caption, not a standfirst: ``Ilustrasi vaksin Covid-19.``,
    ``Foto: ...``, or one that ends in a photo credit (``... di Baku. (AP Photo/Aziz Karimov)``)."""
    if len(s) > CAPTION_SHAPED_CHARS:
        return False
    if CAPTION_LEAD_RE.match(s):
        return True
    return any(map(s.__contains__, CREDIT_MARKS)) and split_credit(s)[1] is not None


def summary(page: Page, ln: int, s: str, stamps: dict) -> None:
    """The first standfirst line; a caption-shaped line in the head before the body is the caption."""
    if page.summary is None:
        if not page.paragraphs and caption_shaped(s):
            caption(page, ln, s, stamps)
        else:
            page.summary = s


def caption(page: Page, ln: int, s: str, stamps: dict) -> None:
    """The first caption text and the first photo credit (of any caption line)."""
    cap_text, credit = split_credit(s)
    if page.caption is None and cap_text:
        page.caption = cap_text
    if page.photo_credit is None and credit:
        page.photo_credit = credit


def credited(s: str) -> tuple[str | None, str | None]:
    """(writer, editor) of a credit line: the names after their labels, without a status word after them
    (``Penulis: Agus | Editor: Sari`` -> ``("Agus", "Sari")``; ``Rina Kusuma diperbarui`` -> ``("Rina Kusuma",
    None)``). A line without labels is the writer's as printed (``Dian Rosmala | Rifan Aditya``)."""
    if not CREDIT_LABEL_RE.search(s):
        return STATUS_WORD_END_RE.sub("", s).strip(" ,-|") or None, None
    writer = editor = None
    for part in CREDIT_SPLIT_RE.split(s):
        m = CREDIT_LABEL_RE.match(part)
        name = STATUS_WORD_END_RE.sub("", part[m.end() :] if m else part).strip(" ,-|:") or None
        if m and m.group("label").lower() in EDITOR_WORDS:
            editor = editor or name
        else:
            writer = writer or name
    return writer, editor


def byline(page: Page, ln: int, s: str, stamps: dict) -> None:
    """The first writer a byline line names, without its label ("Penulis: X" -> "X"); not a bare label
    ("Penulis" below the name), not an editor (:func:`finish` falls back to the editor)."""
    if page.byline is None and s.lower().rstrip(" :") not in BYLINE_WORDS:
        page.byline = credited(s)[0]


def date(page: Page, ln: int, s: str, stamps: dict) -> str | None:
    """The first date line's time; returns who it names ("Oleh X pada 12 Nov 2020"), a byline for the page
    when no byline line names one."""
    ts = timestamp_line(s, memo=stamps)
    if page.published is not None or ts is None:
        return None
    page.published = ts.value
    if ts.weekday_ok is False:
        page.warnings.append(f"date line {ln}: day name does not match the date")
    who = s[: ts.start].strip(" ,|-•–")
    who = DATE_LINE_WHO_RE.sub("", who)
    if OUTLET_ONLY_RE.match(who):  # "Kompas.com - 11/11/2020": the outlet, not a byline
        return None
    return credited(who)[0] if who else who


def source(page: Page, ln: int, s: str, stamps: dict) -> None:
    """The first "Sumber:" line, up to a credit label glued to it ("Sumber: Antara | Editor: Sari": the editor
    is no source; :func:`finish` reads the names)."""
    if page.source is None:
        text = SOURCE_LINE_RE.match(s).group("source").strip()
        m = CREDIT_LABEL_RE.search(text)
        page.source = text[: m.start()].strip(" ,-|") or None if m else text


def credit_fallback(page: Page) -> str | None:
    """The writer, else the editor, named by the page's byline and source lines (a page whose only credit is
    "Editor: X", or "Sumber: Antara | Editor: X")."""
    editor = None
    for b in page.blocks:
        if b.kind in CREDIT_KINDS and CREDIT_LABEL_RE.search(b.text):
            for line in b.text.split("\n"):
                writer, ed = credited(SOURCE_PREFIX_RE.sub("", line))
                if writer and CREDIT_LABEL_RE.match(line):
                    return writer
                editor = editor or ed
    return editor


def dateline(page: Page, ln: int, s: str, stamps: dict) -> None:
    """An outlet/place prefix alone on its line, unless the first paragraph gave one."""
    if page.dateline is None:
        page.dateline = s.strip(" -–—")


#: Block kind -> the handler of its field (``handler(page, line_number, line, stamps)``); only ``date``
#: returns something: who the date line names.
FIELDS = {
    Kind.title: title,
    Kind.summary: summary,
    Kind.caption: caption,
    Kind.byline: byline,
    Kind.date: date,
    Kind.source: source,
    Kind.dateline: dateline,
}


def cut_off(last: str) -> bool:
    """Whether the page's last paragraph stops mid-sentence: no sentence end ("... mencopot Rachmat Gobel dari
    posisi Men"), or a teaser's ellipsis after a word ("... jadi kami langsung mengungs..."). A sentence end
    before a closing mark in brackets ("... tetap terjaga. (*)"), a colon or a list item is a normal end."""
    if last[-1] in TERMINAL_END:
        return last.endswith(("...", "…")) and bool(CUT_ELLIPSIS_RE.search(last[-6:]))
    k = max(0, len(last) - 24)  # the closing mark is short: search the line's end only
    if last[-1] in ")]" and (m := CLOSING_MARK_RE.search(last, k)):
        return last[: m.start()].rstrip()[-1:] not in TERMINAL_END
    return not last.endswith(":") and not LIST_ITEM_RE.match(last)


def finish(page: Page, attribution_keys: tuple[str, ...]) -> None:
    """Page-level values derived from the blocks and records.

    ``attribution_keys``: the :data:`ATTRIBUTION_KEYS` that the paragraphs' lines hold (a key in
    a paragraph is in its line, so only these keys need a test per paragraph).
    """
    if page.byline is None:
        page.byline = credit_fallback(page)
    stamps = [x.published for x in page.links if x.published is not None]
    stamps += [v.date for v in page.videos if v.date is not None]
    page.crawled = max(stamps) if stamps else None
    keys = attribution_keys if page.source is None else ()
    for p in page.paragraphs if keys else ():
        if any(map(p.text.__contains__, keys)) and (m := ATTRIBUTION_RE.search(p.text)):
            page.source = m.group("source").rstrip(".,")
            break
    if page.published is None and page.paragraphs and "edisi" in page.paragraphs[0].text.lower():
        m = EDITION_RE.search(page.paragraphs[0].text)
        if m:
            found = find_timestamps(page.paragraphs[0].text[m.end() - 1 : m.end() + 40])
            if found:
                page.published = found[0].value
    if page.paragraphs:
        page.truncated = cut_off(page.paragraphs[-1].text)
    else:
        page.warnings.append("no article body found")
