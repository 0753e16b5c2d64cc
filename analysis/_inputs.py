"""Checks of what users pass to the public functions: a clear ``TypeError`` instead of a ``KeyError`` deep inside."""

from __future__ import annotations

from collections.abc import Iterable

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
