"""Saved HTML pages -> the text layout of the page dumps, with what the markup adds.

:func:`html_to_text` turns a page's visible content into the lines a text dump has: one line per
block element (headline, caption, paragraph, list item, sidebar headline, section, time), a blank
line around paragraph-level elements, inline markup joined into its line. Scripts, styles,
templates, site navigation, form controls, hidden elements and ad slots are skipped with all they
hold (:data:`DROP_TAGS`, :data:`AD_CLASSES`, :data:`AD_PARTS_RE`, :data:`HIDDEN_STYLE_RE`), in one
walk of the tree that never enters them. The parser is selectolax's Lexbor (an HTML5 parser, so
unclosed and misnested tags are repaired as a browser would), chosen by measurement:
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
from analysis.dates import wib_wall_time
from analysis.page import Link, Page, parse_page

__all__ = [
    "AD_CLASSES", "AD_PARTS_RE", "BLOCK_TAGS", "DROP_TAGS", "HIDDEN_STYLE_RE", "PARAGRAPH_TAGS", "Anchor",
    "HtmlPage", "HtmlText", "decode_html", "html_to_text", "link_urls", "meta_time", "read_html_page",
]

#: Elements skipped with their content: never visible, or site chrome.
DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video",
    "audio", "nav", "button", "select", "input", "textarea", "head", "-comment", "_comment",
})
#: Class tokens of ad slots (``<div class="ads">``, ``<ins class="adsbygoogle">``).
AD_CLASSES = frozenset({"ads", "ad", "adsbygoogle", "iklan", "advertisement", "ad-slot", "ads-slot", "banner-ads"})
#: Parts of a class or id that name an ad slot (``advert``, ``div-gpt-ad-top``, ``iklan-tengah``).
AD_PARTS_RE = re.compile(r"advert|div-gpt-ad|\biklan\b|\bad-slot\b", re.IGNORECASE)
#: An inline style that hides its element.
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: Elements that start and end a line of their own.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "html", "legend", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
#: Block elements set off by a blank line, as paragraphs are in the dumps.
PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "figure", "figcaption", "blockquote", "pre", "table", "hr"})
#: ``<meta charset=...>`` or ``<meta http-equiv=Content-Type content="...; charset=...">`` in the first bytes.
#: A metadata time as ISO 8601 writes it: a date first ("2021-03-12", "2021-03-12T00:30:00+00:00").
ISO_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T ]\d)")
#: hrefs that are no address: scripts and inline data (``javascript:``, ``vbscript:``, ``data:``).
UNSAFE_HREF_RE = re.compile(r"\s*(?:javascript|vbscript|data):", re.IGNORECASE)
META_CHARSET_RE = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
#: Labels that browsers read as another encoding (WHATWG Encoding Standard): latin-1 is windows-1252.
CHARSET_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254"}
WHITESPACE_RE = re.compile(r"\s+")


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
            info = codecs.lookup(declared)
        except LookupError:
            info = None
        # not a text encoding ("zlib", "hex", "base64"), or UTF-16 declared in ASCII-compatible markup (which
        # the HTML standard reads as UTF-8): the declaration cannot be right
        if info is None or not getattr(info, "_is_text_encoding", True) or info.name.startswith("utf-16") \
                or info.name in ("idna", "punycode", "rot-13"):
            text, warnings = decode_bytes(data)
            return text, [f"unknown charset {declared!r} declared {where}: read as UTF-8", *warnings]
        name = CHARSET_ALIASES.get(info.name, info.name)
        if name not in ("utf-8", "utf-8-sig"):
            text = data.decode(name, errors="replace")
            bad = text.count("\ufffd")  # (no byte of a non-UTF-8 charset means U+FFFD itself)
            note = f"; {bad} undecodable byte(s) replaced" if bad > 0 else ""
            return text, [f"decoded as {name} (declared {where}), not UTF-8{note}"]
    return decode_bytes(data)


# --------------------------------------------------------------------------------------------
# Markup -> lines


def _meta(tree, selector: str, attribute: str) -> str | None:
    node = tree.css_first(selector)
    value = node.attributes.get(attribute) if node is not None else None
    return value.strip() or None if isinstance(value, str) else None


def _hidden(node) -> bool:
    """Whether an element is hidden (``hidden``, ``aria-hidden``, an inline ``display:none``) or an ad slot."""
    attrs = node.attributes
    if not attrs:
        return False
    if "hidden" in attrs or attrs.get("aria-hidden") == "true" or attrs.get("role") == "navigation":
        return True
    style = attrs.get("style")
    if style and HIDDEN_STYLE_RE.search(style):
        return True
    cls, ident = attrs.get("class") or "", attrs.get("id") or ""
    return bool(cls and not AD_CLASSES.isdisjoint(cls.lower().split())) or bool(
        (cls or ident) and AD_PARTS_RE.search(f"{cls} {ident}"))


class _Lines:
    """The output of the walk: lines (blank ones included), the pieces of the current line and its anchors."""

    def __init__(self):
        self.lines: list[str] = []
        self.pieces: list[str] = []
        self.anchors: list[Anchor] = []
        self.line_anchors: dict[int, list[str]] = {}  # id of <a> -> [href, text pieces...]
        self.blank = False
        self.caption: list[str] | None = None  # the first figcaption's text, while and after it is read
        self.in_caption = False

    def text(self, text: str, anchor: tuple[int, str] | None) -> None:
        if not self.pieces and text.isspace():  # the indentation between block elements
            return
        self.pieces.append(text)
        if anchor is not None:
            self.line_anchors.setdefault(anchor[0], [anchor[1]]).append(text)
        if self.in_caption:
            self.caption.append(text)

    def flush(self) -> None:
        if not self.pieces:
            return
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

    def boundary(self, tag: str, node=None) -> None:
        """A block element starts or ends (``node`` given when it starts)."""
        self.flush()
        if tag in PARAGRAPH_TAGS:
            self.blank = True
        if tag == "figcaption":
            if node is not None and self.caption is None:
                self.caption, self.in_caption = [], True
            elif node is None:
                self.in_caption = False


def _walk(body) -> _Lines:
    """Read the visible text of ``body`` into lines, in document order, skipping what is not shown
    (:data:`DROP_TAGS`, :func:`_hidden`) with everything inside it."""
    out = _Lines()
    anchors: list[tuple[int, str]] = []  # (id, href) of the <a> elements around the current node
    stack = [(body, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            if tag in BLOCK_TAGS:
                out.boundary(tag)
            elif tag == "a":
                anchors.pop()
            continue
        if tag == "-text":
            if text := node.text_content:
                out.text(text, anchors[-1] if anchors else None)
            continue
        if tag in DROP_TAGS or _hidden(node):
            continue
        if tag == "br":
            out.flush()
            continue
        if tag in BLOCK_TAGS:
            out.boundary(tag, node)
        elif tag == "a":
            anchors.append((node.mem_id, (node.attributes.get("href") or "").strip()))
        stack.append((node, True))
        children = []
        child = node.child
        while child is not None:
            children.append((child, False))
            child = child.next
        stack.extend(reversed(children))
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
        styles, navigation, form controls, hidden elements or ads; ``anchors``: every link with
        an href and its line; the canonical URL, ``og:url``, ``article:published_time``, the first
        visible figcaption and ``<base href>`` (None when absent).
    """
    if isinstance(html, bytes):
        html = decode_html(html)[0]
    tree = LexborHTMLParser(html)
    head = tree.head or tree  # (where these tags belong: a query of the head alone is 6x cheaper)
    meta = (
        _meta(head, 'link[rel~="canonical"]', "href"), _meta(head, 'meta[property="og:url"]', "content"),
        _meta(head, 'meta[property="article:published_time"], meta[name="article:published_time"], '
                    'meta[itemprop="datePublished"]', "content"),
    )
    base = _meta(head, "base[href]", "href")
    body = tree.body
    if body is None:
        return HtmlText("", (), *meta, None, base)
    out = _walk(body)
    caption = WHITESPACE_RE.sub(" ", "".join(out.caption)).strip() or None if out.caption else None
    anchors = tuple(a for a in out.anchors if a.href)
    return HtmlText("\n".join(out.lines), anchors, *meta, caption, base)


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
        href = None if best is None else (urljoin(base, best.href) if base else best.href)
        # a script or inline-data "link" is no address to keep (and never one to render as a link)
        urls.append(None if href is None or UNSAFE_HREF_RE.match(href) else href)
    return urls


def meta_time(value: str | None) -> pd.Timestamp | None:
    """An ISO 8601 time from page metadata as naive WIB wall-clock time (None when unreadable)."""
    if not value or not ISO_TIME_RE.match(value.strip()):  # ISO 8601 only: never "now" or "today" (the clock)
        return None
    try:
        ts = pd.Timestamp(value.strip())
    except (ValueError, TypeError, OverflowError):
        return None
    if ts is pd.NaT:
        return None
    ts = wib_wall_time(ts)
    try:
        return ts.as_unit("ns")
    except (ValueError, OverflowError):  # out of the table's range ("01" reads as the year 1)
        return None


def read_html_page(data: bytes, doc_id: str, *, url: str | None = None, charset: str | None = None) -> HtmlPage:
    """Decode, convert and parse one HTML document, and join what its markup adds.

    ``url`` is where it was fetched from (a WARC record's target; it resolves relative hrefs after
    ``<base>``, the canonical URL and ``og:url``); ``charset`` one an HTTP header declared.
    The page's ``caption`` is its first ``<figcaption>`` when it has one.
    """
    if data[:2] == b"\x1f\x8b":
        return HtmlPage(None, "gzip-compressed HTML (decompress it first)", [], None, None, None, [])
    sample = data[:8192]
    if sample and sum(b < 32 and b not in (9, 10, 12, 13) for b in sample) > 0.05 * len(sample) \
            and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return HtmlPage(None, "binary file (over 5% control bytes), not an HTML page", [], None, None, None, [])
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
