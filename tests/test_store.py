"""analysis.dataset and the dataset entry points of analysis.corpus: corpus datasets (Parquet) round trip exactly;
open_corpus; python -m analysis load (analysis.cli)."""

import json

import numpy as np
import pandas as pd
import pytest
from pages import PAGE, write

import analysis
from analysis import corpus as corpus_module
from analysis import dataset
from analysis.cli import main
from analysis.tables import PAGE_TABLES, SCHEMAS, TABLES


def assert_corpus_equal(a, b):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


@pytest.fixture
def small_corpus(tmp_path):
    """Two pages, an empty file and a manifest: every table non-empty but quotes/videos."""
    pages = tmp_path / "pages"
    pages.mkdir()
    write(pages, "a.txt", PAGE)
    write(pages, "b.txt", PAGE.replace("Selasa", "Rabu"))
    write(pages, "c.txt", b"")
    write(pages, "manifest.tsv", "file\turl\tlabel\na.txt\thttps://m.example.co.id/read/2020/10/10/x\ta\n")
    return analysis.load_corpus(pages)


def test_round_trip_of_a_loaded_corpus(tmp_path, small_corpus):
    assert len(small_corpus.pages) == 2 and small_corpus.errors.path.str.endswith("c.txt").all()
    small_corpus.to_parquet(tmp_path / "ds")
    back = analysis.read_corpus(tmp_path / "ds")
    assert_corpus_equal(small_corpus, back)
    assert back.pages.loc[0, "url_date"] == pd.Timestamp("2020-10-10")
    assert pd.isna(back.pages.loc[1, "url"])  # b.txt has no manifest row
    assert back.pages["label"].tolist()[0] == "a" and back.pages["label"].isna().tolist() == [False, True]


@pytest.mark.parametrize(
    ("column", "values"),
    [
        ("stamp", pd.Series([pd.Timestamp("2021-04-11 22:19:00.000000001"), pd.NaT], dtype="datetime64[ns]")),
        ("text", pd.Series(["ä “kutip”", pd.NA], dtype="string")),
        ("flag", pd.Series([True, False], dtype="bool")),
        ("maybe", pd.Series([pd.NA, True], dtype="boolean")),
        ("kind", pd.Series(["b", "a"], dtype=pd.CategoricalDtype(["b", "a", "z"], ordered=True))),
        ("unordered", pd.Series(["x", None], dtype="category")),
        ("nan_str", pd.Series(["x", np.nan], dtype="str")),
        ("count", pd.Series([1, pd.NA], dtype="Int64")),
        ("score", pd.Series([0.5, np.nan], dtype="float64")),
        ("zoned", pd.Series([pd.Timestamp("2020-11-12 21:08", tz="Asia/Jakarta"), pd.NaT])),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_round_trip_keeps_every_dtype_and_missing_value(tmp_path, small_corpus, column, values):
    small_corpus.pages[column] = values
    small_corpus.to_parquet(tmp_path / "ds")
    back = analysis.read_corpus(tmp_path / "ds")
    pd.testing.assert_series_equal(back.pages[column], small_corpus.pages[column])


def test_round_trip_of_empty_tables(tmp_path):
    corpus = analysis.load_corpus([write(tmp_path, "e.txt", b"")])
    assert corpus.pages.empty and len(corpus.errors) == 1
    corpus.to_parquet(tmp_path / "ds")
    assert_corpus_equal(corpus, analysis.read_corpus(tmp_path / "ds"))


def test_seed_corpus_round_trip(tmp_path):
    corpus = analysis.load_corpus("seeds")
    corpus.to_parquet(tmp_path / "ds")
    assert_corpus_equal(corpus, analysis.read_corpus(tmp_path / "ds"))


def test_shared_corpus_round_trip(tmp_path, shared_corpus):
    shared_corpus.to_parquet(tmp_path / "ds")
    back = analysis.read_corpus(tmp_path / "ds")
    assert_corpus_equal(shared_corpus, back)
    assert back.pages.set_index("doc_id").loc["005", "site"] == "republika.co.id"


@pytest.mark.parametrize(
    ("chunk_size", "part_pages", "n_parts"),
    # (1, 1): a part per page; the empty file's error and the manifest warning join the last part
    [(1, 1, 2), (2, 3, 1), (200, 10_000, 1)],
)
def test_streamed_dataset_equals_loaded_corpus(tmp_path, small_corpus, chunk_size, part_pages, n_parts):
    out = analysis.write_corpus(tmp_path / "pages", tmp_path / "ds", chunk_size=chunk_size, part_pages=part_pages)
    assert_corpus_equal(small_corpus, analysis.read_corpus(out))
    marker = json.loads((out / "_corpus.json").read_text())
    assert {t: marker["tables"][t]["rows"] for t in ("pages", "errors", "quotes")} == {
        "pages": 2, "errors": 1, "quotes": 0}
    # part k of every per-page table exists (aligned parts)
    assert all(len(marker["tables"][t]["files"]) == n_parts for t in PAGE_TABLES)
    assert marker["tables"]["pages"]["dtypes"]["published"] == "datetime64[ns]"


def test_dataset_without_marker_is_read_in_file_order(tmp_path, small_corpus):
    out = analysis.write_corpus(tmp_path / "pages", tmp_path / "ds", chunk_size=1, part_pages=1)
    (out / "_corpus.json").unlink()
    assert dataset.is_corpus_dataset(out)
    back = analysis.read_corpus(out)
    for name in SCHEMAS:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(small_corpus, name), obj=name)


def test_open_corpus_reads_a_dataset_and_parses_a_folder(tmp_path, small_corpus):
    small_corpus.to_parquet(tmp_path / "ds")
    assert dataset.is_corpus_dataset(tmp_path / "ds") and not dataset.is_corpus_dataset(tmp_path / "pages")
    assert_corpus_equal(analysis.open_corpus(tmp_path / "ds"), small_corpus)
    assert_corpus_equal(analysis.open_corpus(tmp_path / "pages"), small_corpus)
    assert analysis.open_corpus(str(tmp_path / "pages" / "*.txt")).pages.doc_id.tolist() == ["a", "b"]


def test_read_corpus_of_a_folder_of_pages_is_a_clear_error(tmp_path, small_corpus):
    with pytest.raises(FileNotFoundError, match="not a corpus dataset"):
        analysis.read_corpus(tmp_path / "pages")


def test_writing_into_a_non_empty_folder_needs_overwrite(tmp_path, small_corpus):
    small_corpus.to_parquet(tmp_path / "ds")
    with pytest.raises(FileExistsError, match="not empty"):
        small_corpus.to_parquet(tmp_path / "ds")
    write(tmp_path / "ds", "README.txt", "kept")
    dataset.write_tables(small_corpus.tables(), tmp_path / "ds", overwrite=True)
    assert (tmp_path / "ds" / "README.txt").read_text() == "kept"
    assert_corpus_equal(analysis.read_corpus(tmp_path / "ds"), small_corpus)


def test_command_line_load(tmp_path, small_corpus, capsys):
    out = tmp_path / "ds"
    assert main(["load", str(tmp_path / "pages"), "--out", str(out), "--quiet"]) == 0
    assert capsys.readouterr().out.startswith("2 pages, 1 errors, 1 warnings -> ")
    assert_corpus_equal(analysis.read_corpus(out), small_corpus)
    assert main(["load", str(tmp_path / "pages"), "--out", str(out), "--quiet"]) == 2
    assert "not empty" in capsys.readouterr().err
    assert main(["load", str(tmp_path / "pages"), "--out", str(out), "--quiet", "--overwrite", "--no-manifest"]) == 0
    assert analysis.read_corpus(out).pages.url.isna().all()
    assert main(["load", str(tmp_path / "nope"), "--out", str(tmp_path / "x"), "--quiet"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_row_groups_within_a_part(tmp_path, small_corpus, monkeypatch):
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(corpus_module, "GROUP_PAGES", 1)  # a row group per page, all in one part
    out = analysis.write_corpus(tmp_path / "pages", tmp_path / "ds", chunk_size=1, part_pages=10)
    assert pq.ParquetFile(out / "pages" / "part-000000.parquet").metadata.num_row_groups == 2
    assert_corpus_equal(analysis.read_corpus(out), small_corpus)


def test_command_line_load_of_nothing_parseable_fails_and_lists_the_errors(tmp_path, capsys):
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(12):
        write(pages, f"bad{i:02d}.txt", b"" if i % 2 else b"\x00\x01\x02" * 500)
    assert main(["load", str(pages), "--out", str(tmp_path / "ds"), "--quiet"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("0 pages, 12 errors, 0 warnings -> ")
    lines = captured.err.splitlines()
    assert lines[0] == "12 errors, the first 10:"
    assert lines[1] == f"  {pages / 'bad00.txt'}: binary file (500 NUL bytes, 100% control bytes), not a text page"
    assert lines[2] == f"  {pages / 'bad01.txt'}: empty file"
    assert len([line for line in lines if line.startswith(f"  {pages}")]) == 10
    assert lines[-2:] == ["  ... and 2 more in the errors table", f"error: no page could be parsed from {str(pages)!r}"]


def test_command_line_load_lists_errors_beside_the_pages(tmp_path, small_corpus, capsys):
    assert main(["load", str(tmp_path / "pages"), "--out", str(tmp_path / "ds"), "--quiet"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == ["1 error(s):", f"  {tmp_path / 'pages' / 'c.txt'}: empty file"]


def test_command_line_names_its_own_flags(tmp_path, small_corpus, capsys):
    out = tmp_path / "ds"
    assert main(["load", str(tmp_path / "pages"), "--out", str(out), "--quiet"]) == 0
    assert main(["load", str(tmp_path / "pages"), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "--overwrite" in err and "overwrite=True" not in err


@pytest.mark.parametrize("command", ["load", "render"])
def test_command_line_help_is_plain_and_gives_every_default(command, capsys):
    import argparse
    import importlib

    from analysis.cli import COMMANDS

    parser = argparse.ArgumentParser()
    importlib.import_module(COMMANDS[command]).add_arguments(parser)
    for action in parser._actions:
        if action.option_strings and action.help != argparse.SUPPRESS and "-h" not in action.option_strings:
            assert "default" in action.help or "required" in action.help, action.option_strings
    for argv in (["--help"], [command, "--help"]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 0
        text = capsys.readouterr().out
        assert "``" not in text and ":func:" not in text
        assert "--engine" not in text or "(default: pandas)" in text.replace("\n", " ").replace("  ", " ")
