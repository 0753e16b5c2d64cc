"""The records a page is parsed into: :class:`Block`, :class:`Paragraph`, :class:`Quote`, :class:`Link`,
:class:`Video`, and :class:`Page` holding them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from analysis.page.patterns import MERGE_KINDS

__all__ = ["Block", "Link", "Page", "Paragraph", "Quote", "Video", "merge_blocks"]


class Block(NamedTuple):
    """A run of lines of one kind (1-based, inclusive line numbers)."""

    kind: str  # a :class:`~analysis.page.patterns.Kind` value, as a plain string
    line_start: int
    line_end: int
    text: str


class Paragraph(NamedTuple):
    """A body paragraph; ``prefix``/``trailer`` hold what cleaning cut from its ends."""

    n: int
    text: str
    line_start: int
    line_end: int
    prefix: str | None
    trailer: str | None


class Quote(NamedTuple):
    """A direct quotation in a body paragraph."""

    paragraph: int
    speaker: str | None
    text: str
    verb: str | None


class Link(NamedTuple):
    """A related or sidebar link."""

    block: str  # "sidebar" (a titled list) or "inline" (Baca juga, bullets)
    position: int
    headline: str
    section: str | None
    teaser: str | None
    teaser_truncated: bool | None
    published: pd.Timestamp | None
    line: int
    url: str | None = None  # the link's href, where the page was HTML (analysis.html)


class Video(NamedTuple):
    """A video item of the page furniture."""

    position: int
    program: str | None
    title: str
    date: pd.Timestamp | None
    line: int



@dataclass
class Page:
    """The parsed form of one page dump."""

    doc_id: str | None
    n_lines: int
    title: str | None = None
    caption: str | None = None
    photo_credit: str | None = None
    summary: str | None = None
    byline: str | None = None
    dateline: str | None = None
    source: str | None = None
    published: pd.Timestamp | None = None
    crawled: pd.Timestamp | None = None
    truncated: bool = False
    blocks: list[Block] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    videos: list[Video] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The body paragraphs, separated by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def reference_time(self) -> pd.Timestamp | None:
        """What year-less and relative dates resolve against: ``published``, else ``crawled``."""
        return self.published if self.published is not None else self.crawled

    def frame(self, name: str) -> pd.DataFrame:
        """One record list (``blocks``, ``paragraphs``, ``quotes``, ``links``, ``videos``) as a DataFrame."""
        kinds = {"blocks": Block, "paragraphs": Paragraph, "quotes": Quote, "links": Link, "videos": Video}
        return pd.DataFrame(getattr(self, name), columns=list(kinds[name]._fields))



def merge_blocks(blocks: list[Block]) -> list[Block]:
    """Merge neighbouring blocks of the same furniture kind (a caption and its repeat, an ad run)."""
    out: list[Block] = []
    for b in blocks:
        if out and b.kind in MERGE_KINDS and out[-1].kind == b.kind:
            a = out.pop()
            b = Block(b.kind, a.line_start, b.line_end, a.text + "\n" + b.text)
        out.append(b)
    return out
