"""Structured furniture: a handler per furniture kind (videos, link lists, inline links, comments, tags,
bullet summaries), dispatched by :data:`HANDLERS`; and the parsing of link lists."""

from __future__ import annotations

from analysis.page.lines import is_sentence, norm_key, timestamp_line, words
from analysis.page.patterns import (
    BULLET_CHARS,
    BULLET_RE,
    GLUED_HEADLINE_RE,
    GLUED_SIDE_WORDS,
    INLINE_HEADER_RE,
    ITEM_DATE_TAIL_RE,
    RANK_RE,
    RELATED_RE,
    SECTION_NAMES,
    SHORT_LINE_WORDS,
    TERMINAL_END,
    WIDGET_HEADER_RE,
    Kind,
    Mark,
)
from analysis.page.records import Block, Link, Page, Video

__all__ = ["HANDLERS", "furniture_pass", "glued_headlines", "parse_link_list"]

#: Lines that end a link list (a new list, a video, comments, an inline link, a summary, initials).
LIST_ENDS = frozenset({Kind.links, Mark.video_mark, Kind.comments, Kind.related, Mark.summary_header, Kind.signature})
#: Kinds that end a link list too: furniture that is not a list item.
LIST_BREAKS = frozenset({Kind.boilerplate, Kind.navigation})
#: Lines that end a video item's lines.
VIDEO_ENDS = frozenset({Mark.video_mark, Kind.links, Kind.comments})
#: How many lines below its "Video" mark a video item's date may be.
VIDEO_LINES = 3
#: Longest tag line below a tag header, in characters and in words.
TAG_CHARS = 40
TAG_WORDS = 4


def furniture_pass(page: Page, nonblank, kinds, blocks, text_lines, stamps: dict) -> None:
    """Videos, link lists, comments, inline links; the rest goes on to head/body analysis (``text_lines``).

    Each furniture line is handed to the :data:`HANDLERS` entry of its kind, which appends its blocks and
    records and returns the index of the next line to read, or None when the line is text after all.
    """
    i, n = 0, len(nonblank)
    get_kind, get_handler = kinds.get, HANDLERS.get
    while i < n:
        handler = get_handler(get_kind(nonblank[i][0]))
        if handler is not None:
            j = handler(page, nonblank, i, kinds, blocks, stamps)
            if j is not None:
                i = j
                continue
        text_lines.append(nonblank[i])
        i += 1


def video(page: Page, nonblank, i: int, kinds, blocks, stamps: dict) -> int | None:
    """A video item below its mark: one title line, then its date (else the mark alone is the block)."""
    n = len(nonblank)
    if i + 1 >= n:
        return None
    ln, s = nonblank[i]
    j, title_parts = i + 1, []
    date = None
    while j < n and j <= i + VIDEO_LINES:
        ts = timestamp_line(nonblank[j][1], max_extra=0, memo=stamps)
        if ts is not None:
            date = ts.value
            break
        if kinds.get(nonblank[j][0]) in VIDEO_ENDS:
            break
        title_parts.append(nonblank[j][1])
        j += 1
    if date is not None and len(title_parts) == 1:
        program, sep, title = title_parts[0].partition(" • ")
        if not sep:
            program, title = None, title_parts[0]
        page.videos.append(Video(len(page.videos) + 1, program, title, date, nonblank[i + 1][0]))
        blocks.append(Block(str(Kind.video), ln, nonblank[j][0], "\n".join(x for _, x in nonblank[i : j + 1])))
        return j + 1
    blocks.append(Block(str(Kind.video), ln, ln, s))
    return i + 1


def link_list(page: Page, nonblank, i: int, kinds, blocks, stamps: dict) -> int:
    """A link-list heading and the items below it, up to running text or other furniture."""
    ln, s = nonblank[i]
    n = len(nonblank)
    blocks.append(Block(str(Kind.links), ln, ln, s))
    inline = INLINE_HEADER_RE.match(s) is not None
    ends_at_text = inline or WIDGET_HEADER_RE.match(s) is not None
    j = i + 1
    items: list[tuple[int, str]] = []
    while j < n:
        lj, sj = nonblank[j]
        kj = kinds.get(lj)
        if kj in LIST_ENDS:
            break
        ws = words(sj)
        if kj in LIST_BREAKS or (len(ws) < SHORT_LINE_WORDS and timestamp_line(sj, memo=stamps) is None
                                 and not items and not RANK_RE.match(sj)):
            break
        if len(sj) > 250 or (is_sentence(sj, len(ws)) and len(ws) > 25):
            break  # running text: the list is over
        if ends_at_text and items and len(ws) >= 6 and sj[-1] == "." and not sj.endswith(".."):
            break  # a sentence after an inline list's (or widget's) headlines: the article goes on
        if inline and not items and any(sj == x for _, x in nonblank[:i]):
            blocks.append(Block(str(Kind.duplicate), lj, lj, sj))  # the lead repeated under an empty header
            j += 1
            break
        items.append((lj, sj))
        j += 1
    # keep an item list only when its lines look like link items
    links, link_blocks = parse_link_list(items, len(page.links), stamps, "inline" if inline else "sidebar")
    page.links.extend(links)
    blocks.extend(link_blocks)
    return j


def related(page: Page, nonblank, i: int, kinds, blocks, stamps: dict) -> int:
    """An inline related link: "Baca juga: Headline", "[Baca Juga: ...]"."""
    ln, s = nonblank[i]
    m = RELATED_RE.match(s[1:-1] if s[0] == "[" and s[-1] == "]" else s)
    headline = (m.group("headline") or m.group("headline2")).strip(" |")
    page.links.append(Link("inline", len(page.links) + 1, headline, None, None, None, None, ln))
    blocks.append(Block(str(Kind.related), ln, ln, s))
    return i + 1


def comments(page: Page, nonblank, i: int, kinds, blocks, stamps: dict) -> int:
    """A line of the comment section."""
    ln, s = nonblank[i]
    blocks.append(Block(str(Kind.comments), ln, ln, s))
    return i + 1


def topics(page: Page, nonblank, i: int, kinds, blocks, stamps: dict) -> int:
    """A tag header and its tags (short lines, not sentences): one navigation block."""
    n = len(nonblank)
    j = i + 1
    while j < n and kinds.get(nonblank[j][0]) is None and len(nonblank[j][1]) <= TAG_CHARS \
            and nonblank[j][1][-1] not in TERMINAL_END and len(words(nonblank[j][1])) <= TAG_WORDS:
        j += 1
    blocks.append(Block(str(Kind.navigation), nonblank[i][0], nonblank[j - 1][0],
                        "\n".join(x for _, x in nonblank[i:j])))
    return j


def summary_list(page: Page, nonblank, i: int, kinds, blocks, stamps: dict) -> int:
    """A summary header ("Ringkasan") and its bullet points: one summary block."""
    n = len(nonblank)
    j = i + 1
    while j < n and BULLET_RE.match(nonblank[j][1]):
        j += 1
    blocks.append(Block(str(Kind.summary), nonblank[i][0], nonblank[j - 1][0], "\n".join(x for _, x in nonblank[i:j])))
    return j


def bullet(page: Page, nonblank, i: int, kinds, blocks, stamps: dict) -> int | None:
    """A bulleted headline (with an optional trailing date) is an inline link; a short bullet is text."""
    ln, s = nonblank[i]
    item = BULLET_RE.match(s).group("item").strip()
    published = None
    parts = ITEM_DATE_TAIL_RE.split(item)
    if len(parts) == 2:
        ts = timestamp_line(parts[1], max_extra=0)
        if ts is not None:
            item, published = parts[0].strip(), ts.value
    if len(words(item)) < SHORT_LINE_WORDS:
        return None
    page.links.append(Link("inline", len(page.links) + 1, item, None, None, None, published, ln))
    blocks.append(Block(str(Kind.related), ln, ln, s))
    return i + 1


#: Line kind -> its handler (see :func:`furniture_pass`).
HANDLERS = {
    Mark.video_mark: video,
    Kind.links: link_list,
    Kind.related: related,
    Kind.comments: comments,
    Mark.topics: topics,
    Mark.summary_header: summary_list,
    Mark.bullet: bullet,
}


def glued_headlines(s: str) -> tuple[str | None, str]:
    """Split two headlines glued in one item ("... Pimpin RevolusiIni Penyebab ...") at the first join
    with :data:`GLUED_SIDE_WORDS` words on each side; ``(None, s)`` when there is none."""
    for m in GLUED_HEADLINE_RE.finditer(s) if len(s) > 30 else ():
        left, right = s[: m.start()], s[m.start() :]
        if len(words(left)) >= GLUED_SIDE_WORDS and len(words(right)) >= GLUED_SIDE_WORDS:
            return left, right
    return None, s


def parse_link_list(
    items: list[tuple[int, str]], pos0: int, stamps: dict | None = None, block: str = "sidebar",
) -> tuple[list[Link], list[Block]]:
    """Parse the lines of a titled link list into items (headline, section, teaser, timestamp).

    A rank number on a line of its own ("1", "2.") belongs to the item below it. ``block`` is the
    links' ``block`` (``sidebar``, or ``inline`` for a list inside the article).
    """
    links: list[Link] = []
    blocks: list[Block] = []
    cur: dict | None = None
    ranks: list[tuple[int, str]] = []  # rank lines waiting for their item

    def close() -> None:
        nonlocal cur
        if cur is not None:
            links.append(Link(block, pos0 + len(links) + 1, cur["headline"], cur["section"],
                              cur["teaser"], cur["truncated"], cur["published"], cur["lines"][0]))
            blocks.append(Block(str(Kind.link), cur["lines"][0], cur["lines"][-1], "\n".join(cur["text"])))
            cur = None

    for ln, s in items:
        if RANK_RE.match(s):
            close()
            ranks.append((ln, s))
            continue
        ts = timestamp_line(s, max_extra=12, memo=stamps)
        if cur is not None and ts is not None and cur["published"] is None:
            cur["published"] = ts.value
            cur["lines"].append(ln)
            cur["text"].append(s)
            close()
            continue
        if cur is not None and cur["section"] is None and cur["teaser"] is None and (
            s.lower() in SECTION_NAMES or (len(s) <= 25 and len(words(s)) <= 2 and s[-1] not in ".!?")
        ):
            cur["section"] = s
            cur["lines"].append(ln)
            cur["text"].append(s)
            continue
        stripped = s.rstrip(".… ")
        if cur is not None and cur["teaser"] is None and (s.endswith("..") or s.endswith("…")):
            cur["teaser"] = s
            cur["truncated"] = norm_key(cur["headline"]).startswith(norm_key(stripped))
            cur["lines"].append(ln)
            cur["text"].append(s)
            continue
        close()
        bullet = BULLET_RE.match(s) if s[0] in BULLET_CHARS else None
        headline = bullet.group("item") if bullet else s
        first, headline = glued_headlines(headline)
        if first is not None:  # the first of two glued headlines: a link of its own on the same line
            links.append(Link(block, pos0 + len(links) + 1, first, None, None, None, None, ln))
        cur = {"headline": headline, "section": None, "teaser": None,
               "truncated": None, "published": None,
               "lines": [x for x, _ in ranks] + [ln], "text": [x for _, x in ranks] + [s]}
        ranks = []
    close()
    if ranks:  # rank numbers with no item after them
        blocks.append(Block(str(Kind.navigation), ranks[0][0], ranks[-1][0], "\n".join(x for _, x in ranks)))
    return links, blocks
