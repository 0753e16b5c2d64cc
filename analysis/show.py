"""What a notebook cell shows: a table, or one plain sentence when there is nothing in it.

A notebook cell ends with ``show.table(corpus.quotes, "No quotations in this corpus.")``: on a corpus
with quotations that is the table itself (displayed exactly as the DataFrame), on one without it is a
:class:`Note`, displayed as the sentence: never an empty table with only its header.

Reports use :func:`report`: the same choice, but a table with rows becomes a :class:`Table`, which shows
the unchanged DataFrame as plain text and, in HTML, in the one table style of the reports (classes styled
by the report stylesheet ``analysis/data/report.css``, never inline styles, never random ids):

- text left-aligned; long text wraps at :data:`WRAP_CHARS` characters; numbers right-aligned;
- a value that cannot break (a URL, a hash, a long id) is cut to :data:`TOKEN_CHARS` characters with an
  ellipsis, the full value in the cell's ``title`` attribute;
- ``doc_id`` given ``pages``: the page's title (or site) beside the shortened id, the full id in ``title``;
- a table wider than :data:`WIDTH_BUDGET` characters is transposed (few rows) or split into column groups
  that each repeat the first column;
- every value is escaped: page text never becomes markup.

Sentences (:class:`Note`, :func:`sentences`, :func:`prose`) show as escaped HTML paragraphs.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping

import pandas as pd

__all__ = ["Header", "Note", "Table", "clip", "column_kind", "header", "prose", "report", "sentences", "short_value",
           "table", "tally"]

#: Text columns wrap at this many characters (the stylesheet's ``max-width`` of ``td.text``).
WRAP_CHARS = 48
#: A value without a space longer than this is cut (``short_value``), its full text in ``title``.
TOKEN_CHARS = 18
#: Strings up to this long never wrap (``short`` columns).
SHORT_CHARS = 24
#: A table estimated wider than this many characters is transposed or split (a 1280 px report fits ~130).
WIDTH_BUDGET = 150
#: Tables this short are transposed when too wide (one column per row); longer ones are split.
TRANSPOSE_ROWS = 3
#: Rows shown before the table says how many more there are.
MAX_ROWS = 60
#: Characters of a page title beside its id.
TITLE_CHARS = 40
#: The class of every report table (``analysis/data/report.css`` styles it).
TABLE_CLASS = "report-table"
ZERO_WIDTH_SPACE = "\u200b"


class Note(str):
    """A sentence for a reader: shown as itself (no quotes) in a notebook and in ``repr``, and in HTML as
    escaped paragraphs (one per line)."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer, cycle: bool) -> None:  # IPython's plain-text display
        printer.text(str(self))

    def _repr_html_(self) -> str:
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in str(self).splitlines() if line.strip())
        return f'<div class="prose">{paragraphs}</div>'


def table(data: pd.DataFrame | pd.Series, empty: str) -> pd.DataFrame | pd.Series | Note:
    """``data`` when it has rows, else the sentence ``empty`` as a :class:`Note`.

    Parameters
    ----------
    data : pandas.DataFrame or pandas.Series
        What the cell shows.
    empty : str
        The sentence to show instead when ``data`` has no rows (``"No quotations in this corpus."``).

    Returns
    -------
    pandas.DataFrame, pandas.Series or Note
        ``data`` itself (the same object) when it has at least one row.

    Raises
    ------
    TypeError
        When ``data`` is not a pandas DataFrame or Series, or ``empty`` is not a string.
    """
    if not isinstance(data, (pd.DataFrame, pd.Series)):
        raise TypeError(f"show.table(data, empty): expected a pandas DataFrame or Series, not {type(data).__name__}")
    if not isinstance(empty, str):
        raise TypeError(f"show.table(data, empty): the sentence must be a str, not {type(empty).__name__}")
    return data if len(data) else Note(empty)


def sentences(lines: Iterable[str], empty: str) -> Note:
    """Several computed sentences as one :class:`Note`, one per line; ``empty`` when there are none.

    Raises
    ------
    TypeError
        When ``lines`` is a single string (it would be read letter by letter), or an item is not a string.
    """
    if isinstance(lines, (str, bytes)):
        raise TypeError("show.sentences(lines, empty): expected an iterable of sentences, not a single "
                        f"{type(lines).__name__}")
    lines = list(lines)
    bad = [type(x).__name__ for x in lines if not isinstance(x, str)]
    if bad:
        raise TypeError(f"show.sentences(lines, empty): every line must be a str, not {bad[0]}")
    return Note("\n".join(lines) if lines else empty)


def prose(lines: Iterable[str] | str, empty: str = "") -> Note:
    """Computed prose (a sentence, or several, one paragraph each) as a :class:`Note`: escaped paragraphs in
    HTML, never monospace text wrapped mid-word. A single string is one paragraph per line."""
    return sentences(str(lines).splitlines() if isinstance(lines, str) else lines, empty)


class Header(Note):
    """The short header of a report (corpus, pages, date range): a :class:`Note` set apart in HTML."""

    def _repr_html_(self) -> str:
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in str(self).splitlines() if line.strip())
        return f'<div class="report-header">{paragraphs}</div>'


def header(lines: Iterable[str]) -> Header:
    """A report header of a few lines (see :class:`Header`); the lines must be strings, as in :func:`sentences`."""
    return Header(sentences(lines, ""))


def tally(values: Iterable[object], what: str) -> Note:
    """One sentence counting values, most frequent first.

    ``what`` names the things counted (``"pages with links, by verdict"``):
    ``"Pages with links, by verdict: recency feed (2), topical (1); 3 in all."``; with nothing to count:
    ``"No pages with links, by verdict."``. Missing values count as ``(none)``; ties keep first-seen order.
    """
    if isinstance(values, (str, bytes)):
        raise TypeError("show.tally(values, what): expected an iterable of values, not a single string")
    counts: dict[str, int] = {}
    for value in values:
        key = _text(value) or "(none)"
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return Note(f"No {what}.")
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])  # stable: ties stay in first-seen order
    counted = ", ".join(f"{k} ({n})" for k, n in ranked)
    return Note(f"{what[:1].upper()}{what[1:]}: {counted}; {sum(counts.values())} in all.")


# --- the report table ---------------------------------------------------------------------------------


def short_value(value: object, max_chars: int = TOKEN_CHARS) -> str:
    """``value`` as text, cut to ``max_chars`` characters with a final ``…`` when longer.

    Examples
    --------
    >>> short_value("000_dc8006bf72fa3c3c", 12)
    '000_dc8006b…'
    """
    text = _text(value)
    return text if len(text) <= max_chars else text[: max(max_chars - 1, 0)] + "…"


def clip(text: object, max_chars: int) -> object:
    """Text cut to at most ``max_chars`` characters at a word boundary, ending in ``…`` when cut.

    A Series is clipped value by value (missing values pass through); a word longer than half the width is cut
    inside. Never longer than ``max_chars`` (for ``max_chars`` >= 1).

    Examples
    --------
    >>> clip("Presiden Rusia Vladimir Putin terlibat", 20)
    'Presiden Rusia…'
    """
    if isinstance(text, pd.Series):
        return text.map(lambda t: clip(t, max_chars) if isinstance(t, str) else t)
    if not isinstance(text, str) or len(text) <= max_chars:
        return text
    head = text[: max(max_chars - 1, 0)]
    space = head.rstrip().rfind(" ")
    if space >= max_chars // 2:
        head = head[:space]
    return head.rstrip() + "…" if max_chars >= 1 else ""


def _text(value: object) -> str:
    """One cell as a reader reads it: missing -> ``""``, lists joined, floats to 3 decimals, times with years."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(_text(v) for v in value)
    if hasattr(value, "tolist") and not isinstance(value, (str, pd.Timestamp)):  # numpy arrays of actors
        value = value.tolist()
        if isinstance(value, list):
            return _text(value)
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return f"{value.day} {value:%b %Y}" + ("" if (value.hour, value.minute) == (0, 0) else f" {value:%H:%M}")
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 1e6 else f"{value:.4g}"
    return str(value)


def column_kind(values: pd.Series) -> str:
    """How a report lays out a column: ``num``, ``flag``, ``time``, ``short``, ``text`` (wraps) or ``token``
    (cannot break: cut with an ellipsis)."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return "flag"
    if pd.api.types.is_numeric_dtype(values.dtype):
        return "num"
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return "time"
    texts = [_text(v) for v in values]
    longest = max((len(t) for t in texts), default=0)
    if longest <= SHORT_CHARS:
        return "short"
    long_texts = [t for t in texts if len(t) > SHORT_CHARS]
    spaced = sum(any(c.isspace() for c in t) for t in long_texts)
    return "text" if spaced * 2 >= len(long_texts) else "token"


def _titles(pages: pd.DataFrame | Mapping | None) -> dict[str, str]:
    """doc_id -> what names the page for a reader (its title, else its site)."""
    if pages is None:
        return {}
    if isinstance(pages, Mapping):
        return {str(k): _text(v) for k, v in pages.items() if _text(v)}
    names = {}
    for column in ("site", "title"):  # the title wins where both exist
        if column in pages and "doc_id" in pages:
            names.update({str(d): _text(v) for d, v in zip(pages["doc_id"], pages[column], strict=True) if _text(v)})
    return names


def _cell(value: object, kind: str, titles: dict[str, str]) -> str:
    """One ``<td>``: escaped text; cut tokens keep their full value in ``title``; page ids get their title."""
    text = _text(value)
    if kind == "page":
        name = titles.get(text, "")
        short = html.escape(short_value(text, 12))
        shown = clip(name, TITLE_CHARS)
        full = f' title="{html.escape(name)}"' if shown != name else ""
        label = f'<span class="page-title"{full}>{html.escape(shown)}</span> ' if name else ""
        return f'<td class="page">{label}<span class="doc-id" title="{html.escape(text)}">{short}</span></td>'
    if kind == "int":  # a float column holding whole numbers (counts with missing values)
        return f'<td class="num">{html.escape(text.removesuffix(".000"))}</td>'
    if kind == "token" and len(text) > TOKEN_CHARS:
        return f'<td class="token"><span title="{html.escape(text)}">{html.escape(short_value(text))}</span></td>'
    return f'<td class="{kind}">{html.escape(text)}</td>'


def _header(name: object) -> str:
    """A column name that may break after an underscore (``hours_before_reference``), never inside a word."""
    return html.escape(str(name)).replace("_", "_" + ZERO_WIDTH_SPACE)


def _width(name: object, values: pd.Series, kind: str) -> int:
    """Estimated width of a column in characters (header parts break at underscores)."""
    head = max((len(part) for part in str(name).split("_")), default=0)
    cells = {"page": 30, "time": 17, "token": TOKEN_CHARS, "text": WRAP_CHARS}.get(kind)
    if cells is None or kind == "text":
        longest = max((len(_text(v)) for v in values), default=0)
        cells = min(longest, cells) if cells else longest
    return max(head, cells) + 2


def _frame(data: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """A frame whose index, when it means something (named), is its first column(s)."""
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    names = [str(n) for n in frame.index.names if n is not None]
    if names:  # a named index is shown as the first column(s); one named like a column keeps it apart
        clash = set(names) & {str(c) for c in frame.columns}
        frame = frame.rename_axis([f"{n} (index)" if n is not None and str(n) in clash else n
                                   for n in frame.index.names]).reset_index()
    frame = frame.copy()
    columns = [" / ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in frame.columns]
    seen: dict[str, int] = {}
    for i, c in enumerate(columns):  # repeated names made unique, so each column can be read by name
        seen[c] = seen.get(c, 0) + 1
        columns[i] = c if seen[c] == 1 else f"{c} ({seen[c]})"
    frame.columns = columns
    return frame


class Table:
    """A table as a report shows it: the DataFrame unchanged in ``data`` and in plain text, styled in HTML.

    Parameters
    ----------
    data : pandas.DataFrame or pandas.Series
    pages : pandas.DataFrame or mapping, optional
        ``doc_id`` -> title (a ``pages`` table: ``title``, else ``site``) shown beside shortened ``doc_id``s.
    max_rows : int
        Rows shown in HTML; a caption says how many were left out.
    """

    def __init__(self, data: pd.DataFrame | pd.Series, pages: pd.DataFrame | Mapping | None = None,
                 max_rows: int = MAX_ROWS):
        self.data = data
        self.titles = _titles(pages)
        self.max_rows = max(int(max_rows), 1)

    def __repr__(self) -> str:
        return repr(self.data)

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(repr(self.data))

    def layout(self) -> tuple[pd.DataFrame, dict[str, str], list[list[str]], bool]:
        """(frame shown, column -> kind, column groups, transposed?): how :meth:`_repr_html_` lays it out."""
        frame = _frame(self.data).head(self.max_rows)
        kinds = {c: column_kind(frame[c]) for c in frame.columns}
        if "doc_id" in kinds and kinds["doc_id"] in ("short", "token"):
            kinds["doc_id"] = "page"
        for c in frame.columns:
            if kinds[c] == "num" and pd.api.types.is_float_dtype(frame[c].dtype):
                whole = frame[c].dropna()
                if len(whole) and bool((whole == whole.round()).all()) and bool((whole.abs() < 1e6).all()):
                    kinds[c] = "int"
        widths = [_width(c, frame[c], kinds[c]) for c in frame.columns]
        if sum(widths) <= WIDTH_BUDGET or len(frame.columns) < 3:
            return frame, kinds, [list(frame.columns)], False
        if len(frame) <= TRANSPOSE_ROWS:
            return frame, kinds, [list(frame.columns)], True
        key, groups, used = frame.columns[0], [[frame.columns[0]]], widths[0]
        for column, width in zip(frame.columns[1:], widths[1:], strict=True):
            if used + width > WIDTH_BUDGET and len(groups[-1]) > 1:
                groups.append([key])
                used = widths[0]
            groups[-1].append(column)
            used += width
        return frame, kinds, groups, False

    def _repr_html_(self) -> str:
        frame, kinds, groups, transposed = self.layout()
        n_total = len(_frame(self.data))
        more = f"first {len(frame)} of {n_total} rows" if n_total > len(frame) else ""
        if transposed:
            return self._transposed(frame, kinds, more)
        parts = []
        for i, columns in enumerate(groups, 1):
            note = [f"columns {', '.join(columns[1:]) if i > 1 else ', '.join(columns)}"] if len(groups) > 1 else []
            caption = "; ".join([*([f"part {i} of {len(groups)}"] if len(groups) > 1 else []), *note,
                                 *([more] if more else [])])
            head = "".join(f'<th class="{"num" if kinds[c] == "int" else kinds[c]}">{_header(c)}</th>'
                           for c in columns)
            rows = "".join("<tr>" + "".join(_cell(v, kinds[c], self.titles) for c, v in zip(columns, row, strict=True))
                           + "</tr>" for row in frame[columns].itertuples(index=False, name=None))
            parts.append(self._wrap(caption, f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"))
        return "".join(parts)

    def _transposed(self, frame: pd.DataFrame, kinds: dict[str, str], more: str) -> str:
        """One row per column, one column per row of the data (a wide table of a few rows)."""
        rows = []
        for column in frame.columns:
            kind = "text" if kinds[column] == "short" and len(frame) > 1 else kinds[column]
            cells = "".join(_cell(v, kind, self.titles) for v in frame[column])
            rows.append(f'<tr><th class="field">{_header(column)}</th>{cells}</tr>')
        caption = "; ".join(["one column per row of the table", *([more] if more else [])])
        return self._wrap(caption, f"<tbody>{''.join(rows)}</tbody>", "transposed")

    @staticmethod
    def _wrap(caption: str, body: str, extra: str = "") -> str:
        classes = f"{TABLE_CLASS} {extra}".strip()
        cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
        return f'<div class="report-table-box"><table class="{classes}">{cap}{body}</table></div>'


def report(data: pd.DataFrame | pd.Series, empty: str, pages: pd.DataFrame | Mapping | None = None,
           max_rows: int = MAX_ROWS) -> Table | Note:
    """:func:`table` for reports: a :class:`Table` (the report table style) when ``data`` has rows, else the
    sentence ``empty`` as a :class:`Note`.

    Parameters
    ----------
    data : pandas.DataFrame or pandas.Series
    empty : str
    pages : pandas.DataFrame or mapping, optional
        The corpus' ``pages`` (or ``doc_id`` -> title): shown beside each shortened ``doc_id``.
    max_rows : int
        Rows shown in HTML (the plain-text display follows pandas' options).

    Raises
    ------
    TypeError
        As :func:`table`.
    """
    shown = table(data, empty)
    return shown if isinstance(shown, Note) else Table(shown, pages=pages, max_rows=max_rows)
