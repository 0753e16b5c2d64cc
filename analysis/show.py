"""What a notebook cell shows: a table, or one plain sentence when there is nothing in it.

A notebook cell ends with ``show.table(corpus.quotes, "No quotations in this corpus.")``: on a corpus
with quotations that is the table itself (displayed exactly as the DataFrame), on one without it is a
:class:`Note`, displayed as the sentence: never an empty table with only its header.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = ["Note", "sentences", "table"]


class Note(str):
    """A sentence for a reader: shown as itself (no quotes) in a notebook and in ``repr``."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer, cycle: bool) -> None:  # IPython's plain-text display
        printer.text(str(self))


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
