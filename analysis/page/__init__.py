"""One scraped page dump -> typed blocks and the records derived from them.

A page is a plain-text dump: a head (navigation, title, standfirst, byline, date line, photo
caption), the article body, and furniture (inline ``Baca juga`` links, comment markers, video
items, "other articles" sidebars, ads). :func:`parse_page` assigns every non-blank line to exactly
one :class:`Block`, so nothing is dropped without a trace; lines it cannot place become
``kind="unknown"``.

The block kinds are the members of :class:`~analysis.page.patterns.Kind` (``Kind.title == "title"``).

Stages
------
:func:`parse_page` runs them in order, each in its own module and testable alone:
:func:`~analysis.page.lines.classify_lines` (furniture kind of each line from its wording),
:func:`~analysis.page.furniture.furniture_pass` (videos, link lists, comments: a handler per kind),
:func:`~analysis.page.head_body.head_body_pass` (a line table and named passes: title, body start, head,
body), :func:`~analysis.page.records.merge_blocks` and :func:`~analysis.page.fields.finish` (page-level
values). :mod:`analysis.page.patterns` holds the regexes and word lists, grouped by block kind, and
:class:`~analysis.page.patterns.Kind`, the block kinds.
"""

from __future__ import annotations

import operator

from analysis.clean import HTML_DEBRIS_RE, clean_text
from analysis.page.fields import finish
from analysis.page.furniture import furniture_pass
from analysis.page.head_body import head_body_pass
from analysis.page.lines import classify_lines
from analysis.page.patterns import Kind
from analysis.page.records import Block, Link, Page, Paragraph, Quote, Video, merge_blocks

__all__ = [
    "Block",
    "Kind",
    "Link",
    "Page",
    "Paragraph",
    "Quote",
    "Video",
    "parse_page",
]

LINE_START = operator.attrgetter("line_start")


def parse_page(text: str, doc_id: str | None = None) -> Page:
    """Split one page dump into typed blocks and extract its records.

    Parameters
    ----------
    text : str
        The page as decoded text (any line ends). It is cleaned line by line (see
        :mod:`analysis.clean`); line numbers refer to the original lines.
    doc_id : str, optional
        Identifier stored on the result.

    Returns
    -------
    Page
        Title, caption and credit, body paragraphs, quotes, links, videos, dates, the lossless
        ``blocks`` list and parse warnings.
    """
    lines = clean_text(text)
    page = Page(doc_id=doc_id, n_lines=len(lines))
    if ">" in text:
        n_tags = len(HTML_DEBRIS_RE.findall(text))
        if n_tags:
            page.warnings.append(f"HTML markup removed from the text ({n_tags} tag(s))")
    nonblank = [(i + 1, s) for i, s in enumerate(lines) if s]
    if not nonblank:
        page.warnings.append("no text")
        return page
    if len(text) > 100_000 and any(len(s) > 100_000 for _, s in nonblank):
        page.warnings.append("very long line (over 100,000 characters)")

    kinds, stamps = classify_lines(nonblank)
    blocks: list[Block] = []
    text_lines: list[tuple[int, str]] = []  # lines left for head/body analysis, in order
    furniture_pass(page, nonblank, kinds, blocks, text_lines, stamps)
    attribution_keys = head_body_pass(page, text_lines, kinds, blocks, stamps)

    blocks.sort(key=LINE_START)
    page.blocks = merge_blocks(blocks)
    finish(page, attribution_keys)
    return page
