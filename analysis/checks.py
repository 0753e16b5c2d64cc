"""Checks of what users pass to the public functions: a clear ``TypeError`` instead of a ``KeyError`` deep inside."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

CORPUS_HINT = "a Corpus from analysis.load_corpus(...) or analysis.open_corpus(...)"


def require_table(df: object, columns: Iterable[str], what: str) -> pd.DataFrame:
    """``df`` itself when it is a pandas DataFrame holding ``columns``; else a TypeError naming them."""
    columns = list(columns)
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame with the columns {columns}, not {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        has = [str(c) for c in df.columns][:15]
        raise TypeError(f"{what}: the DataFrame lacks the column(s) {missing} (it has {has})")
    return df


def require_corpus(corpus: object, tables: Iterable[str], what: str):
    """``corpus`` itself when its ``tables`` are pandas DataFrames; else a TypeError saying what is expected."""
    tables = list(tables)
    have = [t for t in tables if isinstance(getattr(corpus, t, None), pd.DataFrame)]
    if len(have) == len(tables):
        return corpus
    if all(hasattr(corpus, t) for t in tables):  # a DaskCorpus: lazy tables
        raise TypeError(f"{what}: expected {CORPUS_HINT} with pandas tables {tables}; this "
                        f"{type(corpus).__name__} holds lazy tables: pass corpus.compute()")
    raise TypeError(f"{what}: expected {CORPUS_HINT} (tables {tables}), not {type(corpus).__name__}")


HEADLINES_EXPECTED = ("an iterable of headline strings (a list, tuple, Series or array) or a DataFrame with a "
                      "'headline' column")


def as_headlines(X: object, *, what: str = "headlines") -> list[str]:
    """Headlines from what a user may pass: any iterable of strings, or a DataFrame's ``headline`` column.

    Parameters
    ----------
    X : iterable of str, or DataFrame
        A list, tuple, generator, pandas Series, NumPy array (any iterable of ``str``), or a DataFrame
        with a ``headline`` column (the corpus ``links`` table, :func:`analysis.topics.collect_headlines` output).
        ``None``, NaN and ``<NA>`` items count as empty headlines.
    what : str
        How error messages name the argument.

    Returns
    -------
    list of str
        One string per item, in order (``""`` for missing ones).

    Raises
    ------
    TypeError
        For a bare string (it would be read letter by letter), a DataFrame without a ``headline``
        column, something that is not iterable, or an item that is neither a string nor missing.

    Examples
    --------
    >>> as_headlines(pd.DataFrame({"headline": ["Gencatan senjata", None], "count": [2, 1]}))
    ['Gencatan senjata', '']
    """
    if isinstance(X, (str, bytes)):
        raise TypeError(f"{what}: expected {HEADLINES_EXPECTED}, not a single {type(X).__name__} "
                        f"(wrap one headline in a list: [{X[:40]!r}])")
    if isinstance(X, pd.DataFrame):
        if "headline" not in X.columns:
            raise TypeError(f"{what}: expected {HEADLINES_EXPECTED}; this DataFrame has the columns "
                            f"{[str(c) for c in X.columns][:12]}")
        X = X["headline"]
    try:
        items = iter(X)
    except TypeError:
        raise TypeError(f"{what}: expected {HEADLINES_EXPECTED}, not {type(X).__name__}") from None
    out = []
    for i, h in enumerate(items):
        if isinstance(h, str):
            out.append(str(h))
        elif h is None or (not isinstance(h, (list, tuple, np.ndarray)) and pd.isna(h)):
            out.append("")
        else:
            raise TypeError(f"{what}: expected {HEADLINES_EXPECTED}; item {i} is not a string but {type(h).__name__} "
                            f"{h!r:.60}")
    return out
