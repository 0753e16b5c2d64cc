"""load_corpus: tables, and bad input that must end up parsed-with-warning or listed in errors."""

import pandas as pd
import pytest
from conftest import FIXTURES
from pages import PAGE, write

import analysis
from analysis.tables import SCHEMAS


def test_seed_corpus_tables_follow_the_contract():
    corpus = analysis.load_corpus("seeds")
    for name, schema in SCHEMAS.items():
        df = getattr(corpus, name)
        assert list(df.columns) == list(schema), name
        expected = {c: str(pd.Series(dtype=d).dtype) for c, d in schema.items()}
        assert {c: str(t) for c, t in df.dtypes.items()} == expected
    assert len(corpus.pages) == 1 and corpus.errors.empty
    page = corpus.pages.iloc[0]
    assert page.doc_id == "000_dc8006bf72fa3c3c"
    assert page.n_paragraphs == 8 and page.n_quotes == 2 and page.n_links == 8 and page.n_videos == 3
    assert page.reference_time == pd.Timestamp("2021-04-11 22:19")
    assert (corpus.paragraphs.doc_id == page.doc_id).all()


def test_shared_corpus_loads_without_errors(shared_dir):
    corpus = analysis.load_corpus(shared_dir / "corpus")
    files = sorted((shared_dir / "corpus").glob("*.txt"))
    assert len(corpus.pages) == len(files) == 33
    assert corpus.errors.empty


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\r\n   \n", "no text (whitespace only)"),
        ("binary.txt", bytes(range(256)) * 64, "binary file"),
        ("page.txt", b"<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>Berita</p></body></html>",
         "HTML markup"),
    ],
    ids=["empty", "whitespace", "binary", "html"],
)
def test_unusable_files_are_listed_with_a_reason(tmp_path, name, data, error):
    good = write(tmp_path, "good.txt", PAGE)
    bad = write(tmp_path, name, data)
    corpus = analysis.load_corpus([good, bad])
    assert corpus.pages.doc_id.tolist() == ["good"]
    assert corpus.errors.path.tolist() == [str(bad)]
    assert corpus.errors.error.iloc[0].startswith(error)


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        (PAGE.encode("cp1252").replace(b"sepuluh", b"sepuluh \x93jam\x94"), "not valid UTF-8"),
        (b"\xef\xbb\xbf" + PAGE.encode(), "UTF-8 byte-order mark removed"),
        (PAGE.encode().replace(b"ibu kota", b"ibu\x00 kota"), "NUL byte"),
    ],
    ids=["cp1252", "bom", "stray-nul"],
)
def test_odd_but_decodable_files_load_with_a_warning(tmp_path, data, warning):
    corpus = analysis.load_corpus([write(tmp_path, "odd.txt", data)])
    assert corpus.errors.empty
    assert corpus.pages.title.tolist() == ["Judul Berita Tentang Gencatan Senjata Di Kaukasus"]
    first = corpus.paragraphs.text.tolist()[0]
    assert first == "Kedua negara sepakat menghentikan pertempuran pada Selasa malam waktu setempat."
    assert any(warning in w for w in corpus.warnings.warning)


def test_cp1252_text_is_decoded_correctly(tmp_path):
    data = "Kata “damai” di café.\n".encode("cp1252")
    corpus = analysis.load_corpus([write(tmp_path, "cp.txt", b"Judul Tentang Sesuatu Yang Penting\n" + data * 3)])
    assert "“damai” di café" in corpus.blocks.text.str.cat()


def test_crlf_and_lf_give_the_same_tables(tmp_path):
    lf = analysis.load_corpus([write(tmp_path, "a.txt", PAGE)])
    crlf = analysis.load_corpus([write(tmp_path, "b.txt", PAGE.replace("\n", "\r\n"))])
    for name in ("paragraphs", "blocks"):
        a = getattr(lf, name).drop(columns="doc_id")
        b = getattr(crlf, name).drop(columns="doc_id")
        pd.testing.assert_frame_equal(a, b)


def test_twenty_megabyte_single_line(tmp_path):
    sentence = "Pasukan penjaga perdamaian tiba di wilayah itu pada Selasa malam. "
    big = write(tmp_path, "big.txt", sentence * (20_000_000 // len(sentence)))
    corpus = analysis.load_corpus([big])
    assert corpus.errors.empty
    assert corpus.pages.n_paragraphs.tolist() == [1]
    assert len(corpus.paragraphs.text.iloc[0]) > 19_000_000


def test_page_with_only_furniture_loads_with_a_warning(tmp_path):
    furniture = ("Artikel Lainnya\n\nMenlu Bertemu Mitra Di Jakarta Hari Ini\nDunia\n\nMenlu Bertemu..\n\n"
                 "11 April 2021 22:19\n")
    corpus = analysis.load_corpus([write(tmp_path, "f.txt", furniture)])
    assert corpus.pages.n_paragraphs.tolist() == [0]
    assert corpus.pages.body.tolist() == [""]
    assert corpus.links.headline.tolist() == ["Menlu Bertemu Mitra Di Jakarta Hari Ini"]
    assert corpus.pages.crawled.tolist() == [pd.Timestamp("2021-04-11 22:19")]
    assert "no article body found" in corpus.warnings.warning.tolist()


def test_missing_path_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(FileNotFoundError, match="nope"):
        analysis.load_corpus(missing)


def test_folder_without_txt_is_a_clear_error(tmp_path):
    write(tmp_path, "notes.md", "# not a page")
    with pytest.raises(FileNotFoundError, match=r"no page files .*1 other file\(s\), e\.g\. .*notes\.md"):
        analysis.load_corpus(tmp_path)


def _crawl(root):
    """A crawl laid out by site and date: two 001.txt, a hidden checkpoint copy, an HTML page with nothing
    visible, a README."""
    for rel in ("kompas/001.txt", "detik/001.txt", "detik/2020/11/002.txt", "top.txt",
                ".ipynb_checkpoints/top-checkpoint.txt", "kompas/.ipynb_checkpoints/001-checkpoint.txt", ".hidden.txt"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        write(root, rel, PAGE.replace("Kaukasus", rel))
    write(root, "kompas/page.html", "<html><body><script>var berita = 1;</script></body></html>")
    write(root, "README.md", "# crawl notes")
    return root


def test_a_folder_is_read_with_its_subfolders(tmp_path):
    corpus = analysis.load_corpus(_crawl(tmp_path))
    # relative paths without .txt, "/"-separated, in code point order; hidden files and folders skipped
    assert corpus.pages.doc_id.tolist() == ["detik/001", "detik/2020/11/002", "kompas/001", "top"]
    files = ("detik/001.txt", "detik/2020/11/002.txt", "kompas/001.txt", "top.txt")
    assert corpus.pages.path.tolist() == [str(tmp_path / r) for r in files]
    assert corpus.pages.title.str.endswith(files).all()
    assert set(corpus.blocks.doc_id) == set(corpus.pages.doc_id)


def test_every_other_file_of_a_folder_is_an_error_row(tmp_path):
    """A file that is no page format is an error row, and so is an .html page without visible text, given by
    path or in a folder: nothing is skipped unseen."""
    corpus = analysis.load_corpus(_crawl(tmp_path))
    no_text = "no visible text in the HTML (only scripts, styles or hidden elements)"
    assert corpus.errors.values.tolist() == [
        [str(tmp_path / "README.md"), "not a page file (a folder's .txt, .html, .htm, .xhtml, .warc, .warc.gz, "
                                      ".jsonl and .ndjson files are read as pages)"],
        [str(tmp_path / "kompas" / "page.html"), no_text],
    ]
    given = analysis.load_corpus([tmp_path / "kompas" / "page.html"])
    assert given.errors.error.tolist() == [no_text]


def test_a_glob_takes_ids_relative_to_its_fixed_prefix(tmp_path):
    _crawl(tmp_path)
    deep = analysis.load_corpus(f"{tmp_path}/**/*.txt")
    assert deep.pages.doc_id.tolist() == ["detik/001", "detik/2020/11/002", "kompas/001", "top"]
    assert deep.errors.empty  # the pattern names only .txt files; glob skips hidden ones
    one_level = analysis.load_corpus(f"{tmp_path}/*/0*.txt")
    assert one_level.pages.doc_id.tolist() == ["detik/001", "kompas/001"]
    flat = analysis.load_corpus(f"{tmp_path}/kompas/*.txt")
    assert flat.pages.doc_id.tolist() == ["001"]


def test_a_list_keeps_stems_and_clashing_stems_are_error_rows(tmp_path):
    _crawl(tmp_path)
    corpus = analysis.load_corpus([tmp_path / "kompas" / "001.txt", tmp_path / "detik" / "001.txt"])
    assert corpus.pages.doc_id.tolist() == ["001"]
    first = tmp_path / "kompas" / "001.txt"
    assert corpus.errors.error.tolist() == [f"duplicate doc_id '001': same file name as {first}"]


def test_a_manifest_names_pages_in_subfolders_by_relative_path(tmp_path):
    _crawl(tmp_path)
    write(tmp_path, "manifest.tsv", "file\turl\n"
                                    "kompas/001.txt\thttps://www.kompas.com/global/read/2020/11/10/x\n"
                                    "detik\\2020\\11\\002\thttps://news.detik.com/d-1/y\n"
                                    "crawl/top.txt\thttps://example.com/top\n")
    corpus = analysis.load_corpus(tmp_path)
    assert corpus.errors.path.tolist() == [str(tmp_path / "README.md"), str(tmp_path / "kompas" / "page.html")]
    urls = corpus.pages.set_index("doc_id").url
    assert urls.isna().tolist() == [True, False, False, False]
    assert urls.dropna().to_dict() == {"detik/2020/11/002": "https://news.detik.com/d-1/y",
                                       "kompas/001": "https://www.kompas.com/global/read/2020/11/10/x",
                                       "top": "https://example.com/top"}
    assert corpus.warnings.warning.tolist() == ["page has no manifest row: detik/001.txt"]


def test_a_folder_loads_in_file_name_order(tmp_path):
    names = ["b.txt", "a10.txt", "Z.txt", "a2.txt", "\u00e9t\u00e9.txt", "a.TXT", "ab.txt", "notes.md"]
    for name in names:
        write(tmp_path, name, PAGE)
    (tmp_path / "dir.txt").mkdir()  # a folder named like a page is not a page
    corpus = analysis.load_corpus(tmp_path)
    # code point order, as sorted() gives it; .TXT counts, other extensions and folders do not
    assert corpus.pages.doc_id.tolist() == ["Z", "a", "a10", "a2", "ab", "b", "\u00e9t\u00e9"]


def test_missing_file_in_a_list_is_an_error_row_not_an_exception(tmp_path):
    good = write(tmp_path, "good.txt", PAGE)
    corpus = analysis.load_corpus([good, tmp_path / "gone.txt"])
    assert len(corpus.pages) + len(corpus.errors) == 2
    assert corpus.errors.error.tolist() == ["file not found"]


def test_folders_fifos_and_oversized_files_in_a_list_are_error_rows(tmp_path, monkeypatch):
    import os

    from analysis import chunks

    good = write(tmp_path, "good.txt", PAGE)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody writes to it: opening must not wait
    big = write(tmp_path, "big.txt", PAGE * 40)
    monkeypatch.setattr(chunks, "MAX_BYTES", 1000)
    corpus = analysis.load_corpus([good, folder, fifo, big])
    assert corpus.pages.path.tolist() == [str(good)]
    assert corpus.errors.error.tolist() == [
        "not a regular file", "not a regular file", f"file too large ({len(PAGE) * 40:,} bytes; limit 1,000)"]


def test_duplicate_file_names_in_a_list(tmp_path):
    (tmp_path / "x").mkdir()
    a = write(tmp_path, "same.txt", PAGE)
    b = write(tmp_path / "x", "same.txt", PAGE)
    corpus = analysis.load_corpus([a, b])
    assert corpus.pages.path.tolist() == [str(a)]
    assert corpus.errors.path.tolist() == [str(b)]


def test_every_file_is_in_pages_or_errors(tmp_path):
    files = [write(tmp_path, f"p{i}.txt", PAGE) for i in range(5)]
    files += [write(tmp_path, "e.txt", b""), write(tmp_path, "z.txt", b"\x00" * 100)]
    corpus = analysis.load_corpus(tmp_path)
    assert len(corpus.pages) + len(corpus.errors) == len(files)
    assert set(corpus.pages.path) | set(corpus.errors.path) == {str(f) for f in files}


def test_parallel_load_equals_serial(tmp_path, shared_dir):
    # enough files to take the worker-process path
    src = sorted((shared_dir / "corpus").glob("*.txt"))
    files = []
    for i in range(450):
        f = src[i % len(src)]
        files.append(write(tmp_path, f"{i:04d}_{f.name}", f.read_bytes()))
    serial = analysis.load_corpus(tmp_path, workers=1)
    parallel = analysis.load_corpus(tmp_path, workers=2)
    for name in SCHEMAS:
        pd.testing.assert_frame_equal(getattr(serial, name), getattr(parallel, name))


def test_parsing_makes_no_cyclic_garbage(shared_dir, seed_path):
    # parse_chunk pauses the cyclic collector while it parses: sound only if parsing leaves
    # nothing for the collector (no reference cycles), which this checks on real and hostile pages.
    import gc

    from analysis.chunks import parse_chunk

    files = [str(f) for f in sorted((shared_dir / "corpus").glob("*.txt"))]
    files += [str(seed_path), str(FIXTURES / "hostile" / "hostile.txt"), str(shared_dir / "missing.txt")]
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        rows, _ = parse_chunk(files)
        del rows
        garbage = gc.collect()
    finally:
        if enabled:
            gc.enable()
    assert garbage == 0


def test_the_collector_pause_ends_with_the_chunk(tmp_path):
    import gc

    from analysis.chunks import chunk_frames

    path = str(write(tmp_path, "a.txt", PAGE))
    assert gc.isenabled()
    chunk_frames([path])
    assert gc.isenabled()
    gc.disable()  # a caller's disabled collector stays disabled
    try:
        chunk_frames([path])
        assert not gc.isenabled()
    finally:
        gc.enable()


# --------------------------------------------------------------------------------------------
# Crawl manifest (metadata)


def test_manifest_beside_the_pages_is_joined(shared_dir):
    corpus = analysis.load_corpus(shared_dir / "corpus")
    pages = corpus.pages.set_index("doc_id")
    # 011.txt: https://sinarpost.com/2020/11/11/... has no date line of its own
    assert pd.isna(pages.loc["011", "published"])
    assert pages.loc["011", "reference_time"] == pd.Timestamp("2020-11-11")
    assert pages.loc["011", "reference_source"] == "url"
    # 025.txt prints "Kamis, 12 November 2020 | 21:08 WIB": the page's own date wins
    assert pages.loc["025", "reference_source"] == "dateline"
    assert pages.loc["049", "reference_source"] == "furniture"  # only its list links carry dates
    assert pages.loc["005", "site"] == "republika.co.id"
    assert pages.loc["005", "topic"] == "karabakh"  # an extra manifest column is kept
    # every file has a manifest row and vice versa; the one warning is 059's scraper debris `" target="_blank">`
    assert corpus.warnings[["doc_id", "warning"]].values.tolist() == [
        ["059", "HTML markup removed from the text (1 tag(s))"]]
    without = analysis.load_corpus(shared_dir / "corpus", metadata=False)
    assert without.pages.reference_time.notna().sum() < pages.reference_time.notna().sum()
    assert without.pages.url.isna().all()


def test_manifest_mismatches_are_warnings(tmp_path):
    write(tmp_path, "a.txt", PAGE)
    write(tmp_path, "b.txt", PAGE)
    write(tmp_path, "manifest.tsv", "file\turl\na.txt\thttps://m.example.co.id/read/2020/10/10/x\n"
                                    "zzz.txt\thttps://example.com/y\n")
    corpus = analysis.load_corpus(tmp_path)
    assert len(corpus.pages) == 2 and corpus.errors.empty
    pages = corpus.pages.set_index("doc_id")
    assert pages.loc["a", "site"] == "example.co.id"
    assert pages.loc["a", "reference_time"] == pd.Timestamp("2020-10-10")
    assert sorted(corpus.warnings.warning) == ["manifest row has no page: zzz.txt", "page has no manifest row: b.txt"]


def test_broken_manifest_is_ignored_with_a_warning(tmp_path):
    write(tmp_path, "a.txt", PAGE)
    write(tmp_path, "manifest.csv", "name,link\na.txt,x\n")
    corpus = analysis.load_corpus(tmp_path)
    assert len(corpus.pages) == 1
    assert corpus.warnings.warning.str.startswith("manifest manifest.csv ignored").any()
