"""Explore a corpus from a notebook: a view of one page, a concordance, and one-line filters.

- :func:`page` (``corpus.page(doc_id)``): one page as its block view, line by line, with each line's
  block kind, the dates found in it (:func:`analysis.find_dates`) and its direct quotations with their
  speakers marked. Built from the tables only, so it works on a Parquet cache too. Shown as static
  HTML in a notebook (``_repr_html_``, so nbconvert reports keep it) and as plain text in a terminal.
  Page text is always escaped: it is shown as text, never as markup.
- :func:`search` (``corpus.search(query)``): a concordance (keyword in context) of a word, a phrase or a
  regular expression in the titles, body paragraphs, photo captions and link headlines. A
  :class:`SearchIndex` (word and stem -> rows) picks the candidate rows; the regex runs on those only.
- :func:`events_for` and :func:`links_for`: the timeline, event mentions or links filtered by actor
  (any alias), event type, time interval, section and topic.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from analysis.checks import require_corpus, require_table
from analysis.dates import find_dates, reader_date, wib_wall_time
from analysis.events import load_lexicon
from analysis.lexicon import load_gazetteer, root_words, stem_token

__all__ = [
    "CONCORDANCE_COLUMNS", "FIELDS", "MODES", "WHERE", "PageView", "SearchIndex", "build_index", "cached_index",
    "canonical_actor", "concordance_table", "describe_search", "events_for", "links_for", "page", "search",
]

#: Fields a search looks in, in the order a page shows them.
FIELDS = ("title", "caption", "body", "links")
#: ``where=`` values -> the fields they search (singular and plural both accepted).
WHERE = {
    "all": FIELDS, "body": ("body",), "title": ("title",), "titles": ("title",), "caption": ("caption",),
    "captions": ("caption",), "link": ("links",), "links": ("links",),
}
#: The columns of a concordance (:func:`search`).
CONCORDANCE_COLUMNS = ["doc_id", "date", "field", "paragraph", "left", "match", "right", "title", "offset"]
#: A word of the index: what ``\\w+`` finds in the lower-cased text (the same boundary whole-word matching uses).
WORD_RE = re.compile(r"\w+")
#: Loan-word suffixes the stemmer leaves on (``vaksinasi``, ``normalisasi``): folded onto the base word
#: when the corpus (or the root-word dictionary) has that base and it has at least MIN_LOAN_BASE letters.
LOAN_SUFFIX_RE = re.compile(r"(?:isasi|isme|asi)$")
MIN_LOAN_BASE = 5
#: Characters of context either side of a match.
CONTEXT = 40
PAGE_TABLES = ("pages", "blocks", "paragraphs", "quotes")


# --------------------------------------------------------------------------------------------
# One page


@dataclass(frozen=True, eq=False)
class PageView:
    """One page as its block view: ``lines`` has one row per line of every block, in page order.

    ``lines`` columns: ``line`` (the block's line range on its first line, else empty), ``kind``,
    ``block`` (block number, 0-based), ``text`` (the line as written), ``line_start`` (the block's first
    line), ``dates`` (expression = its value in words), ``quotes`` (speaker: opening words) and ``focus`` (the line
    belongs to the paragraph asked for, shown ▶). ``marks`` holds, per row, the character spans marked in
    ``text``: ``(start, end, what, note)`` with ``what`` ``"date"``, ``"quote"`` or ``"speaker"``. In HTML,
    dates are set in code type, quotations in italics and speakers in bold, each line coloured by its block
    kind's group; stable classes carry the same look into reports (``analysis/data/report.css``). A page
    without a title is named by its ``site`` (:attr:`name`).
    """

    doc_id: str | None
    title: str
    lines: pd.DataFrame
    marks: tuple[tuple[tuple[int, int, str, str], ...], ...] = field(repr=False)
    message: str = ""
    site: str = ""

    @property
    def name(self) -> str:
        """The page's title, else that it has none and its site (``(no title; grid.id)``)."""
        return self.title or (f"(no title; {self.site})" if self.site else "(no title)")

    def text(self) -> str:
        """The view as plain text: one line per page line, its marks listed under it."""
        return _plain_text(self)

    def __repr__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer, cycle: bool) -> None:  # IPython's plain-text display
        printer.text(self.text())

    def _repr_html_(self) -> str:
        return _html(self)


def page(corpus, doc_id: str | None = None, *, paragraph: int | None = None) -> PageView:
    """The block view of one page, every line with its kind, dates and quotations marked.

    Parameters
    ----------
    corpus : Corpus
        From :func:`analysis.load_corpus` or :func:`analysis.open_corpus` (tables ``pages``, ``blocks``,
        ``paragraphs``, ``quotes``).
    doc_id : str, optional
        The page; default the first page of the corpus. A corpus without pages gives a view that says so.
    paragraph : int, optional
        A body paragraph to point at (``n`` of the ``paragraphs`` table, the ``paragraph`` of an event or a
        search hit): its lines are marked ▶ and ``lines.focus`` is True for them.

    Returns
    -------
    PageView
        Displays as an HTML table in a notebook, as text elsewhere (``print(view)``, ``view.text()``).

    Raises
    ------
    TypeError
        When ``corpus`` is not a corpus or ``doc_id`` not a string.
    KeyError
        When no page has this ``doc_id``.
    ValueError
        When the page has no body paragraph ``paragraph``.
    """
    require_corpus(corpus, PAGE_TABLES, "page(corpus, doc_id)")
    if doc_id is not None and not isinstance(doc_id, str):
        raise TypeError(f"page(corpus, doc_id): doc_id must be a str, not {type(doc_id).__name__}")
    pages = corpus.pages
    if doc_id is None:
        if not len(pages):
            return PageView(None, "", _lines_frame([]), (), "This corpus has no page to show.")
        doc_id = str(pages["doc_id"].iloc[0])
    row = pages[pages["doc_id"] == doc_id]
    if not len(row):
        near = [str(d) for d in pages["doc_id"].head(5)]
        raise KeyError(f"page(corpus, doc_id): no page has doc_id {doc_id!r} (the first ones are {near})")
    blocks = corpus.blocks[corpus.blocks["doc_id"] == doc_id].sort_values("line_start", kind="stable")
    rows = _block_lines(blocks)
    dates = _line_dates([r[3] for r in rows], row["reference_time"].iloc[0])
    quotes = _line_quotes(rows, corpus.paragraphs, corpus.quotes, doc_id)
    marks = tuple(tuple(sorted(d + q)) for d, q in zip(dates, quotes, strict=True))
    focus = _focus(rows, corpus.paragraphs, doc_id, paragraph)
    records = [(*r, _notes(m, "date"), _notes(m, "quote"), f) for r, m, f in zip(rows, marks, focus, strict=True)]
    title = row["title"].iloc[0]
    site = row["site"].iloc[0] if "site" in row else None
    return PageView(doc_id, "" if pd.isna(title) else str(title), _lines_frame(records), marks,
                    site="" if site is None or pd.isna(site) else str(site))


def _focus(rows: list[tuple], paragraphs: pd.DataFrame, doc_id: str, paragraph: object) -> list[bool]:
    """Per line: whether it belongs to body paragraph ``paragraph`` (all False without one)."""
    if paragraph is None:
        return [False] * len(rows)
    if isinstance(paragraph, bool) or not isinstance(paragraph, (int, np.integer)):
        raise TypeError(f"page(corpus, doc_id, paragraph=): a paragraph number, not {type(paragraph).__name__}")
    paras = paragraphs[(paragraphs["doc_id"] == doc_id) & (paragraphs["n"] == int(paragraph))]
    if not len(paras):
        have = sorted(paragraphs.loc[paragraphs["doc_id"] == doc_id, "n"].tolist())
        span = f"1 to {have[-1]}" if have == list(range(1, len(have) + 1)) and have else str(have)
        raise ValueError(f"page(corpus, doc_id, paragraph=): page {doc_id!r} has no paragraph {paragraph} "
                         f"(its paragraphs: {span})")
    lo, hi = int(paras["line_start"].iloc[0]), int(paras["line_end"].iloc[0])
    return [kind == "paragraph" and lo <= start <= hi for _, kind, _, _, start in rows]


def _lines_frame(records: list[tuple]) -> pd.DataFrame:
    columns = ["line", "kind", "block", "text", "line_start", "dates", "quotes", "focus"]
    df = pd.DataFrame(records, columns=columns)
    return df.astype({"line": "string", "kind": "string", "block": "int64", "text": "string",
                      "line_start": "int64", "dates": "string", "quotes": "string", "focus": "bool"})


def _block_lines(blocks: pd.DataFrame) -> list[tuple]:
    """``(line label, kind, block, text, block's first line)`` for every line of every block."""
    rows = []
    for i, (kind, start, end, text) in enumerate(zip(blocks["kind"], blocks["line_start"], blocks["line_end"],
                                                     blocks["text"], strict=True)):
        label = str(start) if start == end else f"{start}–{end}"
        for j, line in enumerate(("" if pd.isna(text) else str(text)).split("\n")):
            rows.append((label if j == 0 else "", str(kind), i, line, int(start)))
    return rows


def _line_dates(texts: list[str], reference_time) -> list[list[tuple[int, int, str, str]]]:
    """Per line: ``(start, end, "date", "expression = value")`` for each date expression found in it."""
    out: list[list[tuple[int, int, str, str]]] = [[] for _ in texts]
    if not texts:
        return out
    ref = None if pd.isna(reference_time) else reference_time
    found = find_dates(texts, [ref] * len(texts))
    for doc, offset, text, value in zip(found["doc"], found["offset"], found["text"], found["value"], strict=True):
        note = f"{text} = {_value_words(value, text)}" if isinstance(value, str) and value else str(text)
        out[int(doc)].append((int(offset), int(offset) + len(text), "date", note))
    return out


def _line_quotes(rows: list[tuple], paragraphs: pd.DataFrame, quotes: pd.DataFrame, doc_id: str) -> list[list]:
    """Per line: the spans of its paragraph's quotations (``quote``) and of their speaker after them."""
    out: list[list[tuple[int, int, str, str]]] = [[] for _ in rows]
    q = quotes[quotes["doc_id"] == doc_id]
    if not len(q):
        return out
    paras = paragraphs[paragraphs["doc_id"] == doc_id]
    first_line = dict(zip(paras["n"], paras["line_start"], strict=True))
    last_line = dict(zip(paras["n"], paras["line_end"], strict=True))
    for n, speaker, text in zip(q["paragraph"], q["speaker"], q["text"], strict=True):
        if n not in first_line or pd.isna(text) or not text:
            continue
        who = "" if pd.isna(speaker) else str(speaker)
        for i, (_, kind, _, line, start) in enumerate(rows):
            if kind == "paragraph" and first_line[n] <= start <= last_line[n]:
                _mark_quote(out[i], line, str(text), who)
    return out


def _mark_quote(marks: list, line: str, text: str, speaker: str) -> None:
    """Mark ``text`` in ``line`` as a quotation of ``speaker``, and the speaker's name after it (else before it)."""
    at = line.find(text)
    if at < 0:
        return
    end = at + len(text)
    marks.append((at, end, "quote", f"{speaker or 'unknown speaker'}: {_opening(text)}"))
    if not speaker:
        return
    who = line.find(speaker, end)  # "…," kata Peskov
    if who < 0:  # Peskov mengatakan, "…"
        who = line.rfind(speaker, 0, at)
    if who >= 0:
        marks.append((who, who + len(speaker), "speaker", speaker))


def _opening(text: str, words: int = 8) -> str:
    """The first words of a quotation, with an ellipsis when there are more."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


#: TIMEX3 values of unresolved references, as a reader says them.
REF_WORDS = {"PAST_REF": "some time ago", "PRESENT_REF": "now", "FUTURE_REF": "some time ahead"}
#: A duration's TIMEX3 value (``P6W``, ``PXDE``, ``PT3H``) and its units in words.
DURATION_RE = re.compile(r"^PT?(\d+|X)(CE|DE|Y|M|W|D|H|MIN)$")
DURATION_UNITS = {"CE": "century", "DE": "decade", "Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour",
                  "MIN": "minute"}


def _value_words(value: str, expression: str = "") -> str:
    """A TIMEX3 value as a reader takes it (the value stays in the tables): a date in words in the page's own
    terms (``10 Nov (year unknown), pagi``, :func:`analysis.dates.reader_date`), a duration in words
    (``6 weeks``, ``some decades``), a reference in words (``some time ago``)."""
    if value in REF_WORDS:
        return REF_WORDS[value]
    duration = DURATION_RE.match(value)
    if duration:
        n, unit = duration.groups()
        unit = DURATION_UNITS[unit if value[1] != "T" or unit != "M" else "MIN"]
        if n == "X":
            return f"some {'centuries' if unit == 'century' else unit + 's'} (a duration)"
        plural = "centuries" if unit == "century" else f"{unit}s"
        return f"{int(n)} {unit if int(n) == 1 else plural} (a duration)"
    words = reader_date(value, expression) or value
    return "not resolved" if words == value and "X" in value else words


YEAR_RE = re.compile(r"\b\d{4}\b")


def _says_itself(note: str) -> bool:
    """Whether a date's note only repeats its expression: a full date whose year the page writes
    (``11 April 2021 22:19 = 11 Apr 2021, 22:19``), not one it resolved (``9 November = 9 Nov 2020``)."""
    expression, _, words = note.partition(" = ")
    year = YEAR_RE.search(words)
    return bool(year) and year.group() in expression and "(" not in words


def _notes(marks: Sequence[tuple[int, int, str, str]], what: str) -> str:
    """The notes column: each mark's note, but not a date's that only repeats what the line says (the mark's
    ``title`` still has it)."""
    return "; ".join(m[3] for m in marks if m[2] == what and not (what == "date" and _says_itself(m[3])))


# --------------------------------------------------------------------------------------------
# How a page view looks
#
# Every element carries stable classes (``analysis/data/report.css`` styles them in reports, whose sanitizer
# strips ``style`` attributes) and the same look as inline styles (JupyterLab shows those, without the sheet).

#: Block kinds grouped as a reader sees a page: its head, its body, the furniture around them, and lines no rule
#: placed (the groups of :data:`analysis.plots.KIND_GROUPS`, which the page-structure figures colour).
KIND_GROUPS = {
    **dict.fromkeys(("title", "summary", "byline", "date", "caption", "dateline"), "head"),
    **dict.fromkeys(("paragraph", "subheading", "source", "signature"), "body"),
    **dict.fromkeys(("related", "duplicate", "comments", "video", "links", "link", "navigation", "boilerplate"),
                    "furniture"),
    "unknown": "unknown",
}
#: Per group: the Okabe–Ito colour of the stripe beside the kind (colour-blind safe, the figures' colours) and a
#: pale tint of it behind the row. A kind of no group (a table written by another tool) shows as ``unknown``.
GROUP_COLOURS = {
    "head": ("#E69F00", "#fdf3df"), "body": ("#0072B2", "#ffffff"), "furniture": ("#009E73", "#e4f3ee"),
    "unknown": ("#D55E00", "#fbe5d9"),
}
#: Background of the lines of the paragraph a view points at (``paragraph=``), beside their ▶.
FOCUS_COLOUR = "#fff0a0"
#: Each mark is a semantic tag (the reports keep tags), with a class and a style: dates in code type on
#: yellow, underlined in orange (so they stand out on a pointed-at line too), quotations in italics on pale
#: blue, speakers in bold, underlined.
MARK_TAGS = {
    "date": ("code", "background:#fff2a8;color:inherit;padding:0 1px;border-bottom:2px solid #E69F00"),
    "quote": ("em", "background:#dcebf7"),
    "speaker": ("strong", "text-decoration:underline"),
}
CELL = "padding:2px 6px;vertical-align:top;text-align:left;border-bottom:1px solid #e4e4e4"
#: The columns of the view: header, cell class, the cell's own style.
COLUMNS = (("line", "pv-line", "white-space:nowrap"), ("kind", "pv-kind", "white-space:nowrap"),
           ("text", "pv-text", ""), ("dates and quotations", "pv-notes", "font-size:85%"))
#: Text in a ``<p>`` that keeps the line's own spaces.
TEXT = '<p class="pv-para" style="margin:0;text-align:left;white-space:pre-wrap">{}</p>'
#: A block kind in a class name: lower-case letters, digits and hyphens only.
CLASS_RE = re.compile(r"[^a-z0-9]+")


def _kind_class(kind: str) -> str:
    """The class of a line of block kind ``kind``: ``kind-paragraph``; anything but letters and digits -> ``-``."""
    return "kind-" + (CLASS_RE.sub("-", str(kind).lower()).strip("-") or "none")


def _tag(what: str, content: str, note: str | None = None) -> str:
    tag, style = MARK_TAGS[what]
    title = f' title="{html.escape(what + ": " + note)}"' if note is not None else ""
    return f'<{tag} class="mark-{what}" style="{style}"{title}>{content}</{tag}>'


def _marked_html(text: str, marks: Sequence[tuple[int, int, str, str]]) -> str:
    """``text`` escaped, each marked span in its tag (overlapping marks nest, segment by segment)."""
    cuts = sorted({0, len(text), *(p for m in marks for p in m[:2] if 0 <= p <= len(text))})
    parts = []
    for a, b in itertools.pairwise(cuts):
        piece = html.escape(text[a:b])
        for m in marks:
            if m[0] <= a and b <= m[1]:
                piece = _tag(m[2], piece, m[3])
        parts.append(piece)
    return "".join(parts)


def _row_html(label: str, kind: str, cells: tuple[str, str], focus: bool) -> str:
    """One line of the view: classes ``kind-<kind> group-<group>`` (and ``focus``), the same colours inline."""
    group = KIND_GROUPS.get(kind, "unknown")
    stripe, tint = GROUP_COLOURS[group]
    classes = f"{_kind_class(kind)} group-{group}" + (" focus" if focus else "")
    label = html.escape(label).replace("–", "&#8288;–&#8288;")  # word joiners: a range never wraps
    styles = [f"{CELL};{extra}" if extra else CELL for _, _, extra in COLUMNS]
    styles[1] += f";border-left:4px solid {stripe}"
    contents = (label, html.escape(kind), *cells)
    tds = "".join(f'<td class="{cls}" style="{style}">{content}</td>'
                  for (_, cls, _), style, content in zip(COLUMNS, styles, contents, strict=True))
    return f'<tr class="{classes}" style="background:{FOCUS_COLOUR if focus else tint}">{tds}</tr>'


def _html(view: PageView) -> str:
    """The view as one static HTML table (no script, no external resource, no id)."""
    if view.doc_id is None:
        return f'<div class="prose"><p>{html.escape(view.message)}</p></div>'
    legend = ", ".join(_tag(w, label) for w, label in (("date", "dates"), ("quote", "quotations"),
                                                       ("speaker", "speakers")))
    head = (f'<p class="page-view-head" style="text-align:left"><strong>{html.escape(view.doc_id)}</strong> — '
            f"{html.escape(view.name)} ({len(view.lines)} lines; marked: {legend})</p>")
    rows = []
    for (label, kind, text, notes), marks, focus in zip(_display_rows(view), view.marks, view.lines["focus"],
                                                        strict=True):
        cells = (TEXT.format(_marked_html(text, marks)), TEXT.format(html.escape(notes)) if notes else "")
        rows.append(_row_html(label, kind, cells, bool(focus)))
    header = "".join(f'<th class="{cls}" style="{CELL}">{name}</th>' for name, cls, _ in COLUMNS)
    return (f'<div class="page-view-box">{head}<table class="report-table page-view" '
            f'style="border-collapse:collapse"><thead><tr>{header}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _display_rows(view: PageView) -> list[tuple[str, str, str, str]]:
    lines = view.lines
    notes = ["; ".join(x for x in (d, q) if x) for d, q in zip(lines["dates"], lines["quotes"], strict=True)]
    labels = [f"▶ {x}".strip() if f else x for x, f in zip(lines["line"], lines["focus"], strict=True)]
    return list(zip(labels, lines["kind"], lines["text"], notes, strict=True))


def _plain_text(view: PageView) -> str:
    if view.doc_id is None:
        return view.message
    out = [f"{view.doc_id}: {view.name}", f"{'line':>7}  {'kind':<11} text"]
    for (label, kind, text, _), marks in zip(_display_rows(view), view.marks, strict=True):
        out.append(f"{label:>7}  {kind:<11} {text}")
        out.extend(f"{'':>7}  {'':<11}   [{m[2]}] {m[3]}" for m in marks)
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# The concordance


@dataclass(frozen=True, eq=False)
class SearchIndex:
    """What :func:`search` looks in, built once per corpus (:func:`build_index`).

    ``rows`` has one row per searchable text (``doc_id, title, date, field, paragraph``), sorted by
    date (missing last), page, field (:data:`FIELDS` order) and paragraph, so hits come out in that
    order. Equal texts (a sidebar headline on many pages) are stored and searched once: ``codes[i]`` is
    row ``i``'s text in ``texts``. ``postings`` maps each word (lower-cased ``\\w+``) to the sorted ids
    of the texts that hold it; ``forms`` maps a stem to the words of the corpus that have it.
    """

    rows: pd.DataFrame
    texts: list[str]
    codes: np.ndarray
    text_rows: tuple[np.ndarray, np.ndarray] = field(repr=False)
    vocabulary: dict[str, int] = field(repr=False)
    postings: tuple[np.ndarray, np.ndarray] = field(repr=False)
    forms: dict[str, tuple[str, ...]] = field(repr=False)
    stems: frozenset[str] = field(repr=False, default=frozenset())

    def __len__(self) -> int:
        return len(self.rows)

    def texts_with(self, word: str) -> np.ndarray:
        """Ids of the texts that hold ``word`` (lower case), sorted."""
        i = self.vocabulary.get(word)
        if i is None:
            return np.empty(0, dtype=np.int32)
        starts, ids = self.postings
        return ids[starts[i]:starts[i + 1]]

    def pattern(self, query: str, *, mode: str = "phrase", stem: bool = False) -> re.Pattern[str]:
        """The regular expression a query stands for (what :meth:`search` runs on the candidate texts)."""
        return _plan(self, query, mode, stem)[0]

    def search(self, query: str, *, mode: str = "phrase", stem: bool = False, where: str | Iterable[str] = "all",
               context: int = CONTEXT) -> pd.DataFrame:
        """The concordance of ``query`` (see :func:`search`)."""
        fields_ = _fields(where)
        pattern, candidates = _plan(self, query, mode, stem)
        if not isinstance(context, int) or isinstance(context, bool) or context < 0:
            raise ValueError(f"search: context must be a non-negative int, not {context!r}")
        return _concordance(self, pattern, candidates, fields_, context)


def _field_rows(corpus) -> pd.DataFrame:
    """Every searchable text of the corpus: ``doc_id, field, paragraph, text``."""
    pages, paras, links = corpus.pages, corpus.paragraphs, corpus.links
    na = pd.array([pd.NA] * len(pages), dtype="Int64")
    parts = [
        pd.DataFrame({"doc_id": pages["doc_id"], "field": "title", "paragraph": na, "text": pages["title"]}),
        pd.DataFrame({"doc_id": pages["doc_id"], "field": "caption", "paragraph": na, "text": pages["caption"]}),
        pd.DataFrame({"doc_id": paras["doc_id"], "field": "body", "paragraph": paras["n"].astype("Int64"),
                      "text": paras["text"]}),
        pd.DataFrame({"doc_id": links["doc_id"], "field": "links", "paragraph": links["position"].astype("Int64"),
                      "text": links["headline"]}),
    ]
    rows = pd.concat([p.reset_index(drop=True) for p in parts], ignore_index=True)
    rows = rows[rows["text"].notna() & (rows["text"].astype("string").str.len() > 0)]
    meta = pages.drop_duplicates("doc_id").set_index("doc_id")
    date = meta["published"].fillna(meta["reference_time"]) if len(meta) else meta["published"]
    ids = rows["doc_id"].to_numpy(dtype=object)
    rows = rows.assign(title=meta["title"].reindex(ids).to_numpy(), date=date.reindex(ids).to_numpy(),
                       rank=rows["field"].map({f: i for i, f in enumerate(FIELDS)}).astype("int64"))
    rows = rows.sort_values(["date", "doc_id", "rank", "paragraph"], na_position="last", kind="stable")
    rows = rows.reset_index(drop=True)
    return rows.astype({"doc_id": "string", "title": "string", "field": "string", "text": "string"})


def build_index(corpus) -> SearchIndex:
    """The :class:`SearchIndex` of a corpus (titles, captions, body paragraphs, link headlines).

    Parameters
    ----------
    corpus : Corpus
        Tables ``pages``, ``paragraphs`` and ``links`` (a loaded corpus or a Parquet cache).

    Returns
    -------
    SearchIndex
        Built once; :meth:`SearchIndex.search` then answers each query from it.
    """
    require_corpus(corpus, ("pages", "paragraphs", "links"), "build_index(corpus)")
    rows = _field_rows(corpus)
    codes, uniques = pd.factorize(rows["text"].to_numpy(dtype=object))
    texts = [str(t) for t in uniques]
    vocabulary, postings = _postings(texts)
    index_rows = rows.drop(columns=["text", "rank"])
    forms, stems = _stem_forms(vocabulary)
    return SearchIndex(index_rows, texts, codes.astype(np.int32), _csr(codes, len(texts)), vocabulary, postings,
                       forms, stems)


def _csr(keys: np.ndarray, n_keys: int, values: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(starts, values)``: the values of key ``k`` are ``values[starts[k]:starts[k + 1]]``, in order."""
    values = np.arange(len(keys), dtype=np.int32) if values is None else values
    order = np.argsort(keys, kind="stable")
    starts = np.zeros(n_keys + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n_keys), out=starts[1:])
    return starts, values[order]


#: Texts tokenized per batch when the index is built (bounds the temporary memory of a batch's words).
BUILD_BATCH = 20_000


def _postings(texts: list[str]) -> tuple[dict[str, int], tuple[np.ndarray, np.ndarray]]:
    """Word -> id, and the CSR postings word id -> ids of the texts holding it (int32)."""
    vocabulary: dict[str, int] = {}
    parts: list[np.ndarray] = []
    counts = np.zeros(len(texts), dtype=np.int64)
    for lo in range(0, len(texts), BUILD_BATCH):
        words: list[str] = []
        for i in range(lo, min(lo + BUILD_BATCH, len(texts))):
            found = set(WORD_RE.findall(texts[i].lower()))
            counts[i] = len(found)
            words.extend(found)
        if words:  # words hashed in C (factorize); only the batch's distinct words go through the dict
            local, uniques = pd.factorize(np.asarray(words, dtype=object))
            ids = np.fromiter((vocabulary.setdefault(w, len(vocabulary)) for w in uniques), dtype=np.int32,
                              count=len(uniques))
            parts.append(ids[local])
    keys = np.concatenate(parts) if parts else np.empty(0, dtype=np.int32)
    owners = np.repeat(np.arange(len(texts), dtype=np.int32), counts)
    return vocabulary, _csr(keys, len(vocabulary), owners)


def _stem_key(word: str, stems: frozenset[str] = frozenset()) -> str:
    """A word's stem, with a loan suffix folded when the base is a known word (``vaksinasi`` -> ``vaksin``)."""
    key = stem_token(word) if word.isalpha() else word
    m = LOAN_SUFFIX_RE.search(key)
    if m and m.start() >= MIN_LOAN_BASE:
        base = key[:m.start()]
        if base in stems or base in root_words():
            return base
    return key


def _stem_forms(vocabulary: dict[str, int]) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Stem -> the corpus words that have it; and the set of the corpus' stems (loan suffixes fold onto these)."""
    known = frozenset(stem_token(w) if w.isalpha() else w for w in vocabulary)
    forms: dict[str, list[str]] = {}
    for w in sorted(vocabulary):
        forms.setdefault(_stem_key(w, known), []).append(w)
    return {k: tuple(v) for k, v in forms.items()}, known


def _fields(where: str | Iterable[str] | None) -> tuple[str, ...]:
    """The fields a ``where=`` names (a name of :data:`WHERE`, or several)."""
    names = ["all"] if where is None else [where] if isinstance(where, str) else list(where)
    out: list[str] = []
    for name in names:
        if not isinstance(name, str) or name.lower() not in WHERE:
            raise ValueError(f"search: where must be one of {sorted(WHERE)} (or a list of them), not {name!r}")
        out += [f for f in WHERE[name.lower()] if f not in out]
    if not out:
        raise ValueError("search: where names no field")
    return tuple(out)


MODES = ("phrase", "words", "regex")


def _plan(index: SearchIndex, query: str, mode: str, stem: bool) -> tuple[re.Pattern[str], np.ndarray | None]:
    """The regex a query stands for, and the ids of the texts that can hold a match (None: every text)."""
    if not isinstance(query, str) or not query.strip():
        raise ValueError(f"search: the query must be a non-empty string, not {query!r}")
    if mode not in MODES:
        raise ValueError(f"search: mode must be one of {list(MODES)}, not {mode!r}")
    if mode == "regex":
        if stem:
            raise ValueError("search: stem=True needs words or a phrase, not a regex")
        try:
            return re.compile(query, re.IGNORECASE), None
        except re.error as exc:
            raise ValueError(f"search: {query!r} is not a valid regular expression: {exc}") from None
    words = query.split()
    pieces, candidates = zip(*(_word_plan(index, w, stem) for w in words), strict=True)
    if mode == "phrase":
        pattern = _whole(words[0], words[-1], r"\s+".join(pieces))
        known = [c for c in candidates if c is not None]
        chosen = _intersect(known) if known else None
    else:
        pattern = "|".join(_whole(w, w, piece) for w, piece in zip(words, pieces, strict=True))
        chosen = None if any(c is None for c in candidates) else np.unique(np.concatenate(candidates))
    return re.compile(pattern, re.IGNORECASE), chosen


def _whole(first: str, last: str, pattern: str) -> str:
    """``pattern`` as whole words: no word character just before it when ``first`` begins with one, none just
    after it when ``last`` ends with one (as ``\\b`` would: ``(10/11)`` is found in ``Selasa(10/11)``)."""
    before = r"(?<!\w)" if re.match(r"\w", first) else ""
    after = r"(?!\w)" if re.search(r"\w$", last) else ""
    return f"{before}(?:{pattern}){after}"


def _word_plan(index: SearchIndex, word: str, stem: bool) -> tuple[str, np.ndarray | None]:
    """One query word: its regex, and the texts holding it (None when it has no ``\\w`` letters)."""
    low = word.lower()
    if stem and WORD_RE.fullmatch(low):
        forms = sorted({low, *index.forms.get(_stem_key(low, index.stems), ())}, key=len, reverse=True)
        ids = [index.texts_with(f) for f in forms]
        return "(?:" + "|".join(re.escape(f) for f in forms) + ")", np.unique(np.concatenate(ids))
    tokens = WORD_RE.findall(low)
    if not tokens:
        return re.escape(word), None
    return re.escape(word), _intersect([index.texts_with(t) for t in tokens])


def _intersect(arrays: list[np.ndarray]) -> np.ndarray:
    out = min(arrays, key=len)
    for a in arrays:
        if a is not out:
            out = np.intersect1d(out, a, assume_unique=True)
    return out


def _hits(index: SearchIndex, pattern: re.Pattern[str], candidates: np.ndarray | None,
          fields_: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(row, start, end)`` of every non-empty match in the chosen fields, sorted by row then start."""
    texts = index.texts
    found_text, found_start, found_end = [], [], []
    for u in range(len(texts)) if candidates is None else candidates.tolist():
        for m in pattern.finditer(texts[u]):
            if m.end() > m.start():
                found_text.append(u)
                found_start.append(m.start())
                found_end.append(m.end())
    text = np.asarray(found_text, dtype=np.int64)
    starts, rows_of = index.text_rows
    counts = starts[text + 1] - starts[text]
    first = np.repeat(starts[text] - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
    row = rows_of[first + np.arange(counts.sum())]
    which = np.repeat(np.arange(len(text)), counts)
    if set(fields_) != set(FIELDS):
        keep = pd.Series(index.rows["field"].array.take(row)).isin(fields_).to_numpy(dtype=bool)
        row, which = row[keep], which[keep]
    start, end = np.asarray(found_start, dtype=np.int64)[which], np.asarray(found_end, dtype=np.int64)[which]
    order = np.lexsort((start, row))
    return row[order], start[order], end[order]


def _concordance(index: SearchIndex, pattern: re.Pattern[str], candidates: np.ndarray | None,
                 fields_: tuple[str, ...], context: int) -> pd.DataFrame:
    row, start, end = _hits(index, pattern, candidates, fields_)
    texts, codes = index.texts, index.codes
    left, match, right = [], [], []
    for r, s, e in zip(row.tolist(), start.tolist(), end.tolist(), strict=True):
        t = texts[codes[r]]
        before, after = t[max(0, s - context):s], t[e:e + context]
        if s > context and " " in before:  # cut at a word boundary, not inside a word
            before = before[before.index(" ") + 1:]
        if e + context < len(t) and " " in after:
            after = after[:after.rindex(" ")]
        left.append(before)
        match.append(t[s:e])
        right.append(after)
    out = index.rows.take(row).reset_index(drop=True)
    out = out.assign(left=pd.array(left, dtype="string"), match=pd.array(match, dtype="string"),
                     right=pd.array(right, dtype="string"), offset=pd.array(start, dtype="int64"))
    return out[CONCORDANCE_COLUMNS]


def search(corpus, query: str, *, mode: str = "phrase", stem: bool = False, where: str | Iterable[str] = "all",
           context: int = CONTEXT) -> pd.DataFrame:
    """A concordance (keyword in context) of ``query`` in the corpus' titles, captions, body and links.

    Parameters
    ----------
    corpus : Corpus or SearchIndex
        A corpus (its index is built on the first search and kept on it) or an index from :func:`build_index`.
    query : str
        Words, a phrase or a regular expression, matched case-insensitively.
    mode : {"phrase", "words", "regex"}
        ``"phrase"``: the words in this order, separated by any white space; ``"words"``: any of the
        words, each a hit of its own. Both match whole words only (``senjata`` does not match
        ``bersenjata``). ``"regex"``: ``query`` is a Python regular expression, matched as written.
    stem : bool
        Match every word form of the corpus that has the query word's stem (through the project's
        stemmer, :func:`analysis.lexicon.stem_token`, with loan suffixes folded: ``vaksin`` finds
        ``vaksinasi``, ``divaksin``). Not with ``mode="regex"``.
    where : {"all", "body", "links", "captions", "titles"} or a list of them
        Which fields to search: body paragraphs, link headlines (sidebar and inline links), photo captions,
        page titles; default all of them.
    context : int
        Characters of context on either side.

    Returns
    -------
    pandas.DataFrame
        One row per occurrence: ``doc_id, date`` (the page's publication time, else its reference time),
        ``field`` (``title``, ``caption``, ``body`` or ``links``), ``paragraph`` (the paragraph number, or
        the link's position; <NA> for titles and captions), ``left, match, right`` (the context is cut at
        word boundaries), the page's ``title`` and ``offset`` (the match's character offset in the field's
        text). Sorted by date (pages
        without one last), then page, field and position.

    Raises
    ------
    ValueError
        For an empty query, an unknown ``mode`` or ``where``, an invalid regular expression.
    TypeError
        When ``corpus`` is not a corpus.
    """
    index = corpus if isinstance(corpus, SearchIndex) else cached_index(corpus)
    return index.search(query, mode=mode, stem=stem, where=where, context=context)


#: The columns of :func:`concordance_table`.
READING_COLUMNS = ["doc_id", "date", "where", "left", "match", "right"]


def _where(field_: object, paragraph: object) -> str:
    """Where in its page a hit is, in words: ``title``, ``caption``, ``¶ 8`` (body paragraph 8), ``link 3``."""
    field_ = "" if pd.isna(field_) else str(field_)
    if pd.isna(paragraph):
        return field_
    n = int(paragraph)
    return {"body": f"¶ {n}", "links": f"link {n}"}.get(field_, f"{field_} {n}".strip())


def concordance_table(hits: pd.DataFrame) -> pd.DataFrame:
    """A concordance (:func:`search` output) as a report shows it: ``doc_id, date, where, left, match, right``.

    ``where`` says in words where in its page each hit is (``title``, ``caption``, ``¶ 8`` for body paragraph 8,
    ``link 3`` for the page's third link); the page's title is left to the report, which shows it beside the
    ``doc_id`` (``show.report(..., pages=corpus.pages)``), and ``offset`` to the concordance itself. Same rows, in
    the same order, with the same index; ``hits`` is not changed.

    Raises
    ------
    TypeError
        When ``hits`` is not a DataFrame with the columns ``doc_id, date, field, paragraph, left, match, right``.
    """
    what = "concordance_table(hits)"
    hits = require_table(hits, ["doc_id", "date", "field", "paragraph", "left", "match", "right"], what)
    where = [_where(f, p) for f, p in zip(hits["field"], hits["paragraph"], strict=True)]
    columns = {c: hits[c].array for c in ("doc_id", "date")} | {"where": pd.array(where, dtype="string")}
    columns |= {c: hits[c].array for c in ("left", "match", "right")}
    return pd.DataFrame(columns, index=hits.index)[READING_COLUMNS]


def _day(time: pd.Timestamp) -> str:
    return f"{time.day} {time:%b %Y}"


def describe_search(hits: pd.DataFrame, query: str, n_pages: int | None = None) -> str:
    """One sentence for a reader: how often ``query`` occurs (:func:`search` output ``hits``), on how many
    pages, in which fields, and between which page dates.

    ``"“gencatan senjata” occurs 20 times on 7 of 33 pages (body 18, title 2); 2 of the 7 are dated, 9 Oct 2020
    to 11 Nov 2020."`` (most hits first; a page's date is ``hits.date``); without a hit: ``"“x” occurs nowhere in
    the corpus' 33 pages."``

    Raises
    ------
    TypeError
        When ``hits`` lacks the columns ``doc_id, date, field``, ``query`` is not a str or ``n_pages`` not an int.
    """
    hits = require_table(hits, ["doc_id", "date", "field"], "describe_search(hits, query)")
    if not isinstance(query, str):
        raise TypeError(f"describe_search(hits, query): query must be a str, not {type(query).__name__}")
    if n_pages is not None and (isinstance(n_pages, bool) or not isinstance(n_pages, (int, np.integer))):
        raise TypeError(f"describe_search(hits, query, n_pages): n_pages must be an int, not {type(n_pages).__name__}")
    said = f"“{query.strip()}”"
    if not len(hits):
        return f"{said} occurs nowhere." if n_pages is None else \
            f"{said} occurs nowhere in the corpus' {int(n_pages)} page{'s' * (int(n_pages) != 1)}."
    pages = hits.drop_duplicates("doc_id")
    n, k = len(hits), len(pages)
    on = f"{k} page{'s' * (k != 1)}" if n_pages is None else \
        f"{k} of {int(n_pages)} page{'s' * (int(n_pages) != 1)}"
    counts = hits["field"].astype("string").fillna("(none)").value_counts(sort=False)
    order = {f: i for i, f in enumerate(FIELDS)}  # most hits first, ties in the order a page shows its fields
    ranked = sorted(counts.items(), key=lambda fc: (-fc[1], order.get(fc[0], len(order)), str(fc[0])))
    where = ", ".join(f"{f} {c}" for f, c in ranked)
    dated = pd.to_datetime(pages["date"], errors="coerce").dropna()
    first, last = (_day(dated.min()), _day(dated.max())) if len(dated) else ("", "")
    span = first if first == last else f"{first} to {last}"
    if k == 1:
        when = f"the page is dated {span}" if span else "the page is undated"
    elif len(dated) == k:
        when = f"all dated, {span}"
    else:
        when = f"{len(dated)} of the {k} are dated" + (f", {span}" if span else "")
    return f"{said} occurs {n} time{'s' * (n != 1)} on {on} ({where}); {when}."


def cached_index(corpus) -> SearchIndex:
    """The corpus' :class:`SearchIndex`, built on first use and kept on the corpus while its tables stay the same."""
    require_corpus(corpus, ("pages", "paragraphs", "links"), "search(corpus, query)")
    key = tuple(id(getattr(corpus, t)) for t in ("pages", "paragraphs", "links"))
    cached = getattr(corpus, "_search_index", None)
    if cached is None or cached[0] != key:
        cached = (key, build_index(corpus))
        object.__setattr__(corpus, "_search_index", cached)
    return cached[1]


# --------------------------------------------------------------------------------------------
# One-line filters

PERIOD_RE = re.compile(r"^\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?$")


def _as_list(value: object, what: str) -> list:
    """A filter value as a list: one value, or several in a list/tuple/set/Series."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return [value]
    if isinstance(value, (list, tuple, set, frozenset, pd.Series, np.ndarray)):
        return list(value)
    raise TypeError(f"{what}: expected a value or a list of values, not {type(value).__name__}")


def _bound(value: object, side: str, what: str) -> pd.Timestamp | None:
    """One end of ``between``: None (open), a timestamp, or a year/month/day string meaning all of that period."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    try:
        if isinstance(value, str) and PERIOD_RE.match(value.strip()):
            freq = {1: "Y", 2: "M", 3: "D"}[len(value.strip().split("-"))]
            period = pd.Period(value.strip(), freq=freq)
            return period.start_time if side == "start" else period.end_time
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{what}: between={side} {value!r} is not a date ({exc})") from None
    return wib_wall_time(stamp)  # the tables hold WIB wall time, naive


def _between(frame: pd.DataFrame, between: object, start: str, end: str, what: str) -> pd.Series:
    """Rows whose interval ``[start, end]`` overlaps ``between=(from, to)`` (either end may be None)."""
    if not isinstance(between, (tuple, list)) or len(between) != 2:
        raise TypeError(f"{what}: between must be a pair (start, end), not {between!r}")
    lo, hi = _bound(between[0], "start", what), _bound(between[1], "end", what)
    if lo is not None and hi is not None and hi < lo:
        raise ValueError(f"{what}: between ends ({hi}) before it starts ({lo})")
    keep = frame[start].notna() & frame[end].notna()
    if hi is not None:
        keep &= frame[start] <= hi
    if lo is not None:
        keep &= frame[end] >= lo
    return keep


@cache
def _actor_names() -> dict[str, str]:
    """Lower-case alias or canonical name -> canonical actor (places and people of the gazetteer)."""
    gaz = load_gazetteer()
    names = {a.lower(): c for a, c in {**gaz.places, **gaz.people}.items()}
    names.update({c.lower(): c for c in (*gaz.places.values(), *gaz.people.values())})
    return names


def canonical_actor(name: str) -> str:
    """The canonical name of an actor alias (``Rusia``, ``Kremlin`` -> ``Russia``); unknown names as given."""
    if not isinstance(name, str):
        raise TypeError(f"events_for: an actor must be a str, not {type(name).__name__}")
    gaz = load_gazetteer()
    return _actor_names().get(name.strip().lower()) or gaz.place(name.strip()) or name.strip()


def events_for(timeline_or_events: pd.DataFrame, actor: str | Iterable[str] | None = None,
               event_type: str | Iterable[str] | None = None, between: tuple | None = None) -> pd.DataFrame:
    """The events (or event mentions) that involve an actor, are of a type, or overlap a time interval.

    Parameters
    ----------
    timeline_or_events : pandas.DataFrame
        :func:`analysis.consolidate_events` output (one row per event) or :func:`analysis.extract_events`
        output (one row per mention): columns ``actors, event_type, start, end``.
    actor : str or list of str, optional
        A canonical name or any alias of the gazetteer, in any case (``Rusia``, ``Kremlin``, ``Moskow``
        all find ``Russia``; ``Putin`` finds ``Vladimir Putin``). Several: an event with any of them.
    event_type : str or list of str, optional
        Event types of ``analysis/data/event_types.csv`` (``ceasefire``, ``armed_clash`` ...).
    between : (start, end), optional
        Keep events whose interval ``[start, end]`` overlaps it. Either end may be None (open). A year,
        month or day string stands for all of it: ``("2020-10", "2020-10")`` is the whole of October 2020.

    Returns
    -------
    pandas.DataFrame
        The rows that pass every filter given, in their order, same columns; a new RangeIndex.

    Raises
    ------
    TypeError
        When the table lacks those columns, or a filter has the wrong type.
    ValueError
        For an unknown event type, or an interval that ends before it starts.
    """
    what = "events_for(timeline_or_events, ...)"
    events = require_table(timeline_or_events, ["actors", "event_type", "start", "end"], what)
    keep = pd.Series(True, index=events.index)
    if actor is not None:
        wanted = {canonical_actor(a).lower() for a in _as_list(actor, what)}
        keep &= events["actors"].map(lambda xs: _has_actor(xs, wanted)).astype(bool)
    if event_type is not None:
        types = [str(t) for t in _as_list(event_type, what)]
        known = set(load_lexicon().table["event_type"]) | set(events["event_type"].dropna())
        unknown = [t for t in types if t not in known]
        if unknown:
            raise ValueError(f"{what}: unknown event type(s) {unknown}; known: {sorted(known)}")
        keep &= events["event_type"].isin(types).fillna(False).astype(bool)
    if between is not None:
        keep &= _between(events, between, "start", "end", what)
    return events[keep.to_numpy()].reset_index(drop=True)


def _has_actor(actors: object, wanted: set[str]) -> bool:
    if isinstance(actors, str):
        actors = (actors,)
    if not isinstance(actors, (tuple, list, np.ndarray)):
        return False
    return any(isinstance(a, str) and a.lower() in wanted for a in actors)


def links_for(corpus_or_links, *, section: str | Iterable[str] | None = None, block: str | Iterable[str] | None = None,
              topic: int | str | Iterable | None = None, model=None, between: tuple | None = None) -> pd.DataFrame:
    """The links of a section, a block kind, a headline topic or a time interval.

    Parameters
    ----------
    corpus_or_links : Corpus or pandas.DataFrame
        A corpus (its ``links`` table) or a links table (``doc_id, block, headline, section, published``),
        e.g. :func:`analysis.assign_topics` output, which has a ``topic`` column.
    section : str or list of str, optional
        The link's section as written, in any case (``Dunia``).
    block : str or list of str, optional
        ``sidebar`` (an ``Artikel Lainnya`` list) or ``inline`` (``Baca juga``) ...
    topic : int, str or a list of them, optional
        A topic number, or words of a topic's label (``"vaksin"``: every topic whose label holds it).
        Needs a fitted :class:`analysis.HeadlineTopics` as ``model`` unless the table already has a
        ``topic`` column and only numbers are given.
    model : HeadlineTopics, optional
        Assigns each headline its topic, and names the topics for ``topic="words"``.
    between : (start, end), optional
        Keep links published in it (same rules as :func:`events_for`).

    Returns
    -------
    pandas.DataFrame
        The rows that pass every filter, a new RangeIndex; with a ``topic`` column when ``topic`` was given.
    """
    what = "links_for(corpus_or_links, ...)"
    links = corpus_or_links if isinstance(corpus_or_links, pd.DataFrame) else \
        require_corpus(corpus_or_links, ["links"], what).links
    links = require_table(links, ["doc_id", "block", "headline", "section", "published"], what)
    if topic is not None:
        links = _with_topics(links, model, what)
    keep = pd.Series(True, index=links.index)
    for column, value in (("section", section), ("block", block)):
        if value is not None:
            wanted = {str(v).strip().lower() for v in _as_list(value, what)}
            keep &= links[column].astype("string").str.strip().str.lower().isin(wanted).fillna(False).astype(bool)
    if topic is not None:
        keep &= links["topic"].isin(_topic_ids(topic, model, what))
    if between is not None:
        keep &= _between(links, between, "published", "published", what)
    return links[keep.to_numpy()].reset_index(drop=True)


def _with_topics(links: pd.DataFrame, model, what: str) -> pd.DataFrame:
    if model is None:
        if "topic" not in links.columns:
            raise TypeError(f"{what}: topic= needs model= (a fitted HeadlineTopics) or a links table with a "
                            "'topic' column (analysis.assign_topics)")
        return links
    from analysis.topics import assign_topics

    return assign_topics(model, links)


def _topic_ids(topic: object, model, what: str) -> set[int]:
    """Topic numbers from numbers and label words (label words need the model's topic names)."""
    ids: set[int] = set()
    for t in _as_list(topic, what):
        if isinstance(t, (int, np.integer)) and not isinstance(t, bool):
            ids.add(int(t))
        elif isinstance(t, str):
            if model is None:
                raise TypeError(f"{what}: topic={t!r} names a topic by its label: pass model= "
                                "(a fitted HeadlineTopics)")
            from analysis.topics import NO_TOPIC, topic_names  # label words never select the unassigned

            ids |= {i for i, label in topic_names(model).items()
                    if i != NO_TOPIC and t.strip().lower() in str(label).lower()}
        else:
            raise TypeError(f"{what}: a topic is a number or label words, not {type(t).__name__}")
    return ids
