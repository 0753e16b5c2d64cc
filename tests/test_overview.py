"""analysis.overview: structure, sites, data quality; files named inside the corpus folder."""

import pandas as pd
import pytest

import analysis
from analysis import overview
from analysis.overview import display_path, error_table, page_blocks, quality_table, site_table, structure_table


def test_structure_of_the_seed():
    corpus = analysis.load_corpus("seeds")
    row = structure_table(corpus).loc["000_dc8006bf72fa3c3c"]
    # read off the page: 1 headline, 1 caption line, 8 paragraphs, 1 comments marker,
    # 3 videos x 3 lines, 1 "Artikel Lainnya" heading, 8 sidebar items x 4 lines
    assert row.to_dict() == {"title": 1, "caption": 1, "paragraph": 8, "comments": 1, "video": 9, "links": 1,
                             "link": 32, "lines": 53}


def test_site_table_and_quality_on_the_seed():
    corpus = analysis.load_corpus("seeds")
    assert site_table(corpus).to_dict("records") == [
        {"site": "(no manifest)", "pages": 1, "dateline": 0, "url": 0, "furniture": 1, "none": 0}]
    assert quality_table(corpus).empty


def test_site_table_on_the_shared_corpus(shared_dir):
    table = site_table(analysis.load_corpus(shared_dir / "corpus")).set_index("site")
    assert table.loc["tribunnews.com", "pages"] == 5  # five tribunnews URLs in manifest.tsv
    assert table.loc["republika.co.id"].to_dict() == {"pages": 4, "dateline": 0, "url": 0, "furniture": 0, "none": 4}
    assert table.pages.sum() == 33


def test_quality_flags(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Judul Yang Cukup Panjang Untuk Berita\n\nIni kalimat pertama yang lengkap dan cukup panjang untuk dibaca.\n\n"
        "Dan kalimat kedua ini terpotong di tengah karena halaman yang disalin tidak lengka", "utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    flags = quality_table(analysis.load_corpus(tmp_path)).set_index("flag")
    assert flags.loc["file not loaded (see errors)", "pages"] == 1
    assert flags.loc["ends mid-sentence (truncated)", "doc_ids"] == "a"


def test_files_are_named_relative_to_the_corpus_folder(tmp_path):
    """No machine path in a report: every file of the quality and error tables is named inside the corpus."""
    root = tmp_path / "crawl"
    (root / "kompas").mkdir(parents=True)
    (root / "kompas" / "001.txt").write_text("Judul Berita\n\nIsi berita yang cukup panjang untuk dibaca.\n", "utf-8")
    for i in range(4):  # enough long paths that a joined, truncated cell would cut the later ones
        (root / "kompas" / f"an_empty_page_with_a_long_file_name_{i}.txt").write_bytes(b"")
    (root / "index.html").write_text("<html></html>", "utf-8")
    corpus = analysis.load_corpus(root)
    names = ["index.html", *(f"kompas/an_empty_page_with_a_long_file_name_{i}.txt" for i in range(4))]
    flags = quality_table(corpus, root=root).set_index("flag")
    assert flags.loc["file not loaded (see errors)", "doc_ids"] == ", ".join(names)
    assert error_table(corpus, root=str(root) + "/").path.tolist() == names
    assert error_table(corpus, root=f"{root}/**/*.txt").path.tolist() == names
    assert error_table(corpus).path.tolist() == [str(root / n) for n in names]  # no root: as given


@pytest.mark.parametrize(
    ("path", "root", "shown"),
    [
        ("/data/crawl/kompas/001.txt", "/data/crawl", "kompas/001.txt"),
        ("/data/crawl/kompas/001.txt", "/data/crawl/", "kompas/001.txt"),
        ("/data/crawl/kompas/001.txt", "/data/crawl/**/*.txt", "kompas/001.txt"),
        ("/data/crawl2/001.txt", "/data/crawl", "/data/crawl2/001.txt"),  # not inside: as given
        ("/data/crawl", "/data/crawl", "/data/crawl"),  # the corpus itself: as given
        ("pages/001.txt", None, "pages/001.txt"),
    ],
)
def test_display_path(path, root, shown):
    assert display_path(path, root) == shown


def test_page_blocks_of_the_first_page_or_none():
    corpus = analysis.load_corpus("seeds")
    blocks = page_blocks(corpus, width=10)
    assert blocks.doc_id.unique().tolist() == ["000_dc8006bf72fa3c3c"]
    assert blocks.text.str.len().max() == 10
    assert page_blocks(corpus, doc_id="nope").empty
    empty = analysis.Corpus(**{name: table.iloc[:0] for name, table in corpus.tables().items()})
    assert page_blocks(empty).empty and list(page_blocks(empty).columns) == list(corpus.blocks.columns)


def test_tables_need_a_corpus():
    with pytest.raises(TypeError, match=r"expected a Corpus from analysis\.load_corpus"):
        structure_table(analysis.load_corpus("seeds").pages)


def test_report_header_of_the_seed():
    """The seed: one page, no date line, its newest sidebar timestamp 11 April 2021 22:19 (its reference)."""
    corpus = analysis.load_corpus("seeds")
    assert overview.report_header(corpus, "../seeds").splitlines() == [
        "Corpus: ../seeds",
        "1 page, 0 files not loaded",
        "Dates: 11 Apr 2021 (1 of 1 page dated; by newest sidebar/video time 1)",
    ]
    assert overview.finding(corpus) == ("1 page loaded: 8 body paragraphs, 2 quotations, 8 links, 3 videos; "
                                        "nothing flagged for a closer look.")


def test_report_header_names_the_sources_of_its_dates(shared_corpus):
    """The shared pages are dated by their date line, their URL (manifest) or their furniture: the header counts
    each source as the pages table records it, instead of saying 'date line or furniture' for all."""
    line = overview.report_header(shared_corpus, "../shared/corpus").splitlines()[-1]
    counts = shared_corpus.pages["reference_source"].value_counts()
    assert {"dateline", "url", "furniture"} <= set(counts.index)
    for source in ("dateline", "url", "furniture"):
        assert f"{overview.SOURCE_WORDS[source]} {counts[source]}" in line
    assert f"({len(shared_corpus.pages) - counts['none']} of {len(shared_corpus.pages)} pages dated;" in line


def test_report_header_without_pages_or_dates():
    corpus = analysis.load_corpus("seeds")
    empty = analysis.Corpus(**{name: table.iloc[:0] for name, table in corpus.tables().items()})
    assert overview.report_header(empty, "kosong").splitlines() == [
        "Corpus: kosong", "0 pages, 0 files not loaded", "Dates: no page carries a date."]
    assert overview.finding(empty).startswith("0 pages loaded: 0 body paragraphs")


@pytest.mark.parametrize(("times", "shown"), [
    (["2021-04-11 22:19", "2021-04-11 08:00"], "11 Apr 2021"),
    (["2020-11-09", None, "2021-04-11 22:19"], "9 Nov 2020 – 11 Apr 2021"),
    ([None], ""),
])
def test_date_range(times, shown):
    assert overview.date_range(pd.Series(pd.to_datetime(times, format="ISO8601"))) == shown
