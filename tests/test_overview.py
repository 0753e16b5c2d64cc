
import analysis
from analysis.overview import quality_table, site_table, structure_table


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
