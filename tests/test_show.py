"""analysis.show: a table, or one plain sentence when there is nothing in it."""

import pandas as pd
import pytest

from analysis.show import Note, sentences, table


def test_a_table_with_rows_is_itself():
    df = pd.DataFrame({"a": [1]})
    assert table(df, "nothing") is df
    series = pd.Series([1], name="n")
    assert table(series, "nothing") is series


@pytest.mark.parametrize("empty", [pd.DataFrame({"a": []}), pd.DataFrame(), pd.Series([], dtype="int64")])
def test_an_empty_table_is_a_sentence(empty):
    note = table(empty, "No quotations in this corpus.")
    assert isinstance(note, Note) and note == "No quotations in this corpus."
    assert repr(note) == "No quotations in this corpus."  # shown as itself, without quotes


def test_sentences():
    assert sentences(iter(["a.", "b."]), "none") == "a.\nb."
    assert sentences([], "No page shows links.") == "No page shows links."
    with pytest.raises(TypeError, match="not a single str"):
        sentences("one sentence", "none")
    with pytest.raises(TypeError, match="must be a str, not int"):
        sentences([1], "none")


def test_what_is_not_a_table_is_a_type_error():
    with pytest.raises(TypeError, match="expected a pandas DataFrame or Series, not list"):
        table([1, 2], "none")
    with pytest.raises(TypeError, match="the sentence must be a str"):
        table(pd.DataFrame(), None)


def test_a_note_displays_as_its_sentence_in_ipython():
    from IPython.lib.pretty import pretty

    assert pretty(Note("No videos in this corpus.")) == "No videos in this corpus."
