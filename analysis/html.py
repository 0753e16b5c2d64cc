"""Saved HTML pages -> the text layout of the page dumps, with what the markup adds.

:func:`html_to_text` turns a page's visible content into the lines a text dump has: one line per
block element (headline, caption, paragraph, list item, sidebar headline, section, time), a blank
line around paragraph-level elements, inline markup joined into its line. Scripts, styles,
templates, site navigation, form controls, hidden elements and ad slots are dropped first
(:data:`DROP_TAGS`, :data:`DROP_SELECTOR`). The converter is selectolax's Lexbor parser (an HTML5
parser, so unclosed and misnested tags are repaired as a browser would), chosen by measurement:
``benchmarks/bench_html.py`` prints its time beside lxml's and inscriptis'.

What the markup says beyond the text is kept beside it (:class:`HtmlText`): every link's href with
the line its text landed on (:class:`Anchor`; :func:`link_urls` joins them to the parsed link rows
by line and headline), ``<link rel=canonical>``, ``og:url``, ``article:published_time`` and the
first ``<figcaption>``. :func:`decode_html` decodes the bytes by the charset the page declares.
:func:`read_html_page` runs the whole chain for one document: decode, convert, the page parser.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from typing import NamedTuple
from urllib.parse import urljoin

import pandas as pd
from selectolax.lexbor import LexborHTMLParser

from analysis.clean import decode_bytes
from analysis.page import Link, Page, parse_page

__all__ = [
    "BLOCK_TAGS", "DROP_SELECTOR", "DROP_TAGS", "PARAGRAPH_TAGS", "Anchor", "HtmlPage", "HtmlText",
    "decode_html", "html_to_text", "link_urls", "meta_time", "read_html_page",
]

#: Elements removed with their content before the text is read: never visible, or site chrome.
DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video",
    "audio", "nav", "button", "select", "input", "textarea", "head",
)
#: Hidden elements and ad slots (class or id tokens that name an advertisement; ``ins.adsbygoogle``).
DROP_SELECTOR = ", ".join((
    "[hidden]", '[aria-hidden="true"]', '[style*="display:none"]', '[style*="display: none"]',
    '[style*="visibility:hidden"]', '[style*="visibility: hidden"]', '[role="navigation"]',
    "ins.adsbygoogle", '[class~="ads"]', '[class~="ad"]', '[class*="advert"]', '[id*="advert"]',
    '[id^="div-gpt-ad"]', '[class*="ad-slot"]', '[class~="iklan"]', '[id*="iklan"]',
))
#: Elements that start and end a line of their own.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "html", "legend", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
#: Elements no link wraps in practice: the search for a text's ``<a>`` stops at them.
ANCHOR_LIMIT_TAGS = frozenset({"article", "aside", "body", "footer", "header", "html", "main", "ol", "section",
                               "table", "ul"})
#: Block elements set off by a blank line, as paragraphs are in the dumps.
PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "figure", "figcaption", "blockquote", "pre", "table", "hr"})
#: ``<meta charset=...>`` or ``<meta http-equiv=Content-Type content="...; charset=...">`` in the first bytes.
META_CHARSET_RE = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
#: Labels that browsers read as another encoding (WHATWG Encoding Standard): latin-1 is windows-1252.
CHARSET_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254"}
WHITESPACE_RE = re.compile(r"\s+")
WIB = pd.Timedelta(hours=7)  # Western Indonesian Time (UTC+7): the naive wall-clock times of the tables


class Anchor(NamedTuple):
    """A link of the converted text: the (1-based) line its text is on, its text and its href."""

    line: int
    text: str
    href: str


class HtmlText(NamedTuple):
    """The text of a page (dump layout) and what its markup adds."""

    text: str
    anchors: tuple[Anchor, ...]
    canonical: str | None
    og_url: str | None
    published: str | None  # article:published_time as written
    caption: str | None  # the first <figcaption>
    base: str | None  # <base href>


class HtmlPage(NamedTuple):
    """One HTML document read: the parsed page (None with ``error``), its text, warnings, values."""

    page: Page | None
    error: str | None
    warnings: list[str]
    html: HtmlText | None
    url: str | None  # canonical, else og:url, else the URL it was fetched from
    published: pd.Timestamp | None  # article:published_time when the text gives no date
    link_urls: list[str | None]


# --------------------------------------------------------------------------------------------
# Bytes -> str


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode an HTML document: a byte-order mark, else the ``declared`` charset (an HTTP header),
    else the one its ``<meta>`` declares, else UTF-8 (with :func:`analysis.clean.decode_bytes`'s
    fallbacks). A charset other than UTF-8 is a warning, so is an unknown label or an undecodable byte.
    """
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_bytes(data)
    where = "in the HTTP header"
    if not declared:
        found = META_CHARSET_RE.search(data[:4096])
        declared, where = (found.group(1).decode("ascii"), "in <meta>") if found else (None, "")
    if declared:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            text, warnings = decode_bytes(data)
            return text, [f"unknown charset {declared!r} declared {where}: read as UTF-8", *warnings]
        name = CHARSET_ALIASES.get(name, name)
        if name not in ("utf-8", "utf-8-sig"):
            text = data.decode(name, errors="replace")
            bad = text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
            note = f"; {bad} undecodable byte(s) replaced" if bad > 0 else ""
            return text, [f"decoded as {name} (declared {where}), not UTF-8{note}"]
    return decode_bytes(data)


# --------------------------------------------------------------------------------------------
# Markup -> lines


def _meta(tree: LexborHTMLParser, selector: str, attribute: str) -> str | None:
    node = tree.css_first(selector)
    value = node.attributes.get(attribute) if node is not None else None
    return value.strip() or None if isinstance(value, str) else None


def _context(node):
    """The nearest block ancestor of a text node, and the innermost ``<a>`` around it (which may
    wrap block elements: ``<a href><div>headline</div></a>``)."""
    block = anchor = None
    parent = node.parent
    while parent is not None:
        tag = parent.tag
        if tag == "a":
            anchor = parent
            break
        if block is None and tag in BLOCK_TAGS:
            block = parent
        elif tag in ANCHOR_LIMIT_TAGS:
            break
        parent = parent.parent
    while block is None and parent is not None:
        if parent.tag in BLOCK_TAGS:
            block = parent
        parent = parent.parent
    return block, anchor


class _Lines:
    """The output of the walk: lines (blank ones included), the pieces of the current line and its anchors."""

    def __init__(self):
        self.lines: list[str] = []
        self.pieces: list[str] = []
        self.anchors: list[Anchor] = []
        self.line_anchors: dict[int, list[str]] = {}  # id of <a> -> [href, text pieces...]
        self.blank = False

    def flush(self) -> None:
        text = WHITESPACE_RE.sub(" ", "".join(self.pieces)).strip()
        if text:
            if self.blank and self.lines and self.lines[-1]:
                self.lines.append("")
            self.lines.append(text)
            n = len(self.lines)
            for href, *parts in self.line_anchors.values():
                label = WHITESPACE_RE.sub(" ", "".join(parts)).strip()
                if label:
                    self.anchors.append(Anchor(n, label, href))
            self.blank = False
        self.pieces = []
        self.line_anchors = {}


def _walk(body) -> _Lines:
    """Read the visible text of ``body`` (already cleaned) into lines."""
    out = _Lines()
    block_id, block_para = None, False
    for node in body.traverse(include_text=True):
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if not text:
                continue
            block, anchor = _context(node)
            bid = block.mem_id if block is not None else None
            if bid != block_id:
                out.flush()
                para = block is None or block.tag in PARAGRAPH_TAGS
                out.blank = out.blank or para or block_para
                block_id, block_para = bid, para
            out.pieces.append(text)
            if anchor is not None and (href := anchor.attributes.get("href")):
                out.line_anchors.setdefault(anchor.mem_id, [href.strip()]).append(text)
        elif tag == "br":
            out.flush()
    out.flush()
    return out


def html_to_text(html: str | bytes) -> HtmlText:
    """Convert an HTML document to the text layout of the page dumps.

    Parameters
    ----------
    html : str or bytes
        The document (bytes are decoded by :func:`decode_html`).

    Returns
    -------
    HtmlText
        ``text``: one line per block element, blank lines around paragraphs, nothing of scripts,
        styles, navigation, form controls, hidden elements or ads; ``anchors``: every link with its
        line; the canonical URL, ``og:url``, ``article:published_time``, the first figcaption and
        ``<base href>`` (None when absent).
    """
    if isinstance(html, bytes):
        html = decode_html(html)[0]
    tree = LexborHTMLParser(html)
    meta = (
        _meta(tree, 'link[rel~="canonical"]', "href"), _meta(tree, 'meta[property="og:url"]', "content"),
        _meta(tree, 'meta[property="article:published_time"], meta[name="article:published_time"], '
                    'meta[itemprop="datePublished"]', "content"),
    )
    base = _meta(tree, "base[href]", "href")
    body = tree.body
    if body is None:
        return HtmlText("", (), *meta, None, base)
    for node in body.css(DROP_SELECTOR):
        node.decompose()
    body.strip_tags(list(DROP_TAGS))
    figcaption = body.css_first("figcaption")
    caption = WHITESPACE_RE.sub(" ", figcaption.text()).strip() or None if figcaption is not None else None
    out = _walk(body)
    return HtmlText("\n".join(out.lines), tuple(out.anchors), *meta, caption, base)


# --------------------------------------------------------------------------------------------
# Joining the markup's values to the parsed page


def link_urls(links: Sequence[Link], anchors: Sequence[Anchor], base: str | None = None) -> list[str | None]:
    """The href of each parsed link row: the anchor on the link's line whose text is its headline
    (else one that contains it or is contained in it, else the line's only anchor); None when none.
    Relative hrefs are resolved against ``base``."""
    by_line: dict[int, list[Anchor]] = {}
    for a in anchors:
        by_line.setdefault(a.line, []).append(a)
    urls = []
    for link in links:
        found = by_line.get(link.line, [])
        headline = (link.headline or "").casefold()
        best = next((a for a in found if a.text.casefold() == headline), None)
        if best is None and headline:
            best = next((a for a in found if a.text.casefold() in headline or headline in a.text.casefold()), None)
        if best is None and len(found) == 1:
            best = found[0]
        urls.append(None if best is None else (urljoin(base, best.href) if base else best.href))
    return urls


def meta_time(value: str | None) -> pd.Timestamp | None:
    """An ISO 8601 time from page metadata as naive WIB wall-clock time (None when unreadable)."""
    if not value:
        return None
    try:
        ts = pd.Timestamp(value.strip())
    except (ValueError, TypeError, OverflowError):
        return None
    if ts is pd.NaT:
        return None
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None) + WIB
    return ts.as_unit("ns")


def read_html_page(data: bytes, doc_id: str, *, url: str | None = None, charset: str | None = None) -> HtmlPage:
    """Decode, convert and parse one HTML document, and join what its markup adds.

    ``url`` is where it was fetched from (a WARC record's target; it resolves relative hrefs after
    ``<base>``, the canonical URL and ``og:url``); ``charset`` one an HTTP header declared.
    The page's ``caption`` is its first ``<figcaption>`` when it has one.
    """
    text, warnings = decode_html(data, charset)
    html = html_to_text(text)
    if not html.text.strip():
        return HtmlPage(None, "no visible text in the HTML (only scripts, styles or hidden elements)", warnings,
                        html, None, None, [])
    tail = text[-4096:].lower()
    if "</html" not in tail and "</body" not in tail:
        warnings.append("HTML ends without </body> or </html>: the file may be truncated")
    page = parse_page(html.text, doc_id)
    if html.caption and not (page.caption and page.caption in html.caption):
        page.caption = html.caption
    own_url = html.canonical or html.og_url
    published = meta_time(html.published) if page.published is None else None
    urls = link_urls(page.links, html.anchors, html.base or own_url or url)
    return HtmlPage(page, None, warnings + page.warnings, html, own_url or url, published, urls)
