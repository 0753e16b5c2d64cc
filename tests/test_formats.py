"""HTML files, WARC archives and JSON lines: the same tables as the text dumps, through the same parser.

The fixtures in tests/fixtures/html are pages in our own words laid out as three Indonesian news sites
lay out theirs (a headline, a figure with its figcaption, paragraphs, an inline "Baca juga" link, a
sidebar list with sections and times, a comments marker, scripts, ads and hidden elements);
tests/fixtures/html_text holds the text dump of each (same stem), as a scraper would have saved it.
Expected values below come from reading those files.
"""

import gzip
import io
import json
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from conftest import FIXTURES, REPO
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import analysis
from analysis.html import html_to_text

HTML = FIXTURES / "html"
TEXT = FIXTURES / "html_text"
STEMS = ["banjir_desa", "bus_listrik", "feri_pelabuhan"]
LINK_COLUMNS = ["doc_id", "block", "position", "headline", "section", "teaser", "teaser_truncated", "published"]
#: The href of every link row of the fixtures, read off the HTML (relative where the page gives no base URL).
LINK_URLS = [
    "https://www.wartadaerah.example.id/news/harga-cabai-naik",
    "https://www.wartadaerah.example.id/news/sekolah-tatap-muka",
    "https://www.wartadaerah.example.id/news/jembatan-rampung",
    "https://kota.kabarkita.example.co.id/berita/q8x3par/tarif-parkir-pusat-kota-naik",
    "https://kota.kabarkita.example.co.id/berita/q8x3par/tarif-parkir-pusat-kota-naik",
    "https://kota.kabarkita.example.co.id/berita/q8x1tro/trotoar-baru-jalan-protokol",
    "https://kota.kabarkita.example.co.id/berita/q8x0ojk/ojek-daring-tertib-parkir",
    "/regional/1001/nelayan-pesisir-utara-libur-melaut",
    "/nasional/1002/jalur-alternatif-kendaraan-logistik",
    "/regional/1001/nelayan-pesisir-utara-libur-melaut",
    "/ekonomi/1003/harga-ikan-melonjak",
]


@pytest.fixture(scope="module")
def twins():
    return analysis.load_corpus(HTML), analysis.load_corpus(TEXT)


# --------------------------------------------------------------------------------------------
# HTML


def test_html_and_its_text_dump_give_the_same_page(twins):
    html, text = twins
    assert html.errors.empty and text.errors.empty
    assert html.pages.doc_id.tolist() == text.pages.doc_id.tolist() == STEMS
    for column in ("title", "body", "n_paragraphs", "n_quotes", "n_links", "dateline", "source"):
        assert html.pages[column].tolist() == text.pages[column].tolist(), column
    pd.testing.assert_frame_equal(html.quotes, text.quotes)
    pd.testing.assert_frame_equal(html.links[LINK_COLUMNS], text.links[LINK_COLUMNS])
    pd.testing.assert_frame_equal(html.paragraphs[["doc_id", "n", "text"]], text.paragraphs[["doc_id", "n", "text"]])


def test_links_keep_their_href(twins):
    html, text = twins
    assert html.links.url.tolist() == LINK_URLS
    assert text.links.url.isna().all()  # a text dump has none
    assert html.links.headline.iloc[3] == "Tarif Parkir di Pusat Kota Naik Mulai Bulan Depan"
    assert html.links.block.iloc[3] == "inline"  # the "Baca juga" link in the body


def test_page_url_published_caption_from_the_markup(twins):
    html, text = twins
    pages = html.pages.set_index("doc_id")
    assert pages.format.unique().tolist() == ["html"] and text.pages.format.unique().tolist() == ["text"]
    # canonical before og:url; og:url when there is no canonical; neither
    assert pages.url.tolist()[:2] == ["https://www.wartadaerah.example.id/news/banjir-rendam-tiga-kecamatan",
                                      "https://kota.kabarkita.example.co.id/berita/q8x2bus/pemerintah-kota-tambah-"
                                      "armada-bus-listrik"]
    assert pd.isna(pages.url["feri_pelabuhan"])
    assert pages.site["bus_listrik"] == "example.co.id"
    # no date in the text: article:published_time (00:30 UTC = 07:30 WIB), from html-meta
    banjir = pages.loc["banjir_desa"]
    assert banjir.published == pd.Timestamp("2021-03-12 07:30")
    assert (banjir.published_from, banjir.reference_source) == ("html-meta", "html-meta")
    assert banjir.reference_time == pd.Timestamp("2021-03-12 07:30")
    # a date line in the text wins over the meta tag (09:20 UTC would be 16:20 WIB too, but it is the text's)
    feri = pages.loc["feri_pelabuhan"]
    assert (feri.published, feri.reference_source) == (pd.Timestamp("2021-01-14 16:20"), "dateline")
    assert pd.isna(feri.published_from)
    # <figcaption>: the caption, its credit split off as in the dump
    assert (banjir.caption, banjir.photo_credit) == ("Petugas mengevakuasi warga dengan perahu karet", "Istimewa")
    assert pages.caption["bus_listrik"] == "Bus listrik melintas di jalur khusus di pusat kota."
    assert text.pages.published.isna().tolist() == [True, True, False]


def test_a_manifest_url_comes_before_the_canonical_one(tmp_path):
    shutil.copytree(HTML, tmp_path / "pages")
    (tmp_path / "pages" / "manifest.tsv").write_text(
        "file\turl\nbanjir_desa.html\thttps://wartadaerah.example.id/2021/03/12/banjir\n"
        "feri_pelabuhan.html\thttps://tv.example.id/regional/1000/kapal-feri-tertahan\n", encoding="utf-8")
    corpus = analysis.load_corpus(tmp_path / "pages")
    pages = corpus.pages.set_index("doc_id")
    assert pages.url["banjir_desa"] == "https://wartadaerah.example.id/2021/03/12/banjir"
    assert pages.url_date["banjir_desa"] == pd.Timestamp("2021-03-12")
    assert pages.url["bus_listrik"].endswith("/pemerintah-kota-tambah-armada-bus-listrik")  # its og:url
    # hrefs the page gave no base for resolve against the manifest's URL; the others keep their page's base
    assert corpus.links.url.tolist() == [
        *LINK_URLS[:7], "https://tv.example.id/regional/1001/nelayan-pesisir-utara-libur-melaut",
        "https://tv.example.id/nasional/1002/jalur-alternatif-kendaraan-logistik",
        "https://tv.example.id/regional/1001/nelayan-pesisir-utara-libur-melaut",
        "https://tv.example.id/ekonomi/1003/harga-ikan-melonjak"]
    assert corpus.warnings.warning.tolist() == ["page has no manifest row: bus_listrik.html"]


def test_scripts_styles_ads_navigation_and_hidden_text_are_dropped(twins):
    html, _ = twins
    text = "\n".join(html.blocks.text)
    for gone in ("dataLayer", "googletag", "ADVERTISEMENT", "SCROLL TO CONTINUE", "Iklan", "Advertisement",
                 "tersembunyi", "disponsori", "Muat komentar", "Tentang Kami", "Beranda", "Kirim", "NewsArticle"):
        assert gone not in text, gone
    assert html.pages.n_unknown_lines.tolist() == [0, 0, 0]


@pytest.mark.parametrize("stem", STEMS)
def test_blocks_are_lossless_over_the_converted_text(twins, stem):
    html, _ = twins
    lines = html_to_text((HTML / f"{stem}.html").read_bytes()).text.split("\n")
    blocks = html.blocks[html.blocks.doc_id == stem]
    covered = [n for s, e in zip(blocks.line_start, blocks.line_end, strict=True) for n in range(s, e + 1)]
    assert len(covered) == len(set(covered))
    assert {n for n in covered if lines[n - 1].strip()} == {i + 1 for i, line in enumerate(lines) if line.strip()}


def _bad_html(folder):
    folder.mkdir()
    broken = (HTML / "bus_listrik.html").read_text(encoding="utf-8")
    broken = broken.replace("</p>", "").replace("</li>", "").replace("</h1>", "")  # unclosed tags
    broken = broken[: broken.index("<script src")]  # ... and the file ends before </body></html>
    (folder / "unclosed.html").write_text(broken, encoding="utf-8")
    (folder / "scripts_only.html").write_text(
        "<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script>"
        "<style>p{color:red}</style></body></html>", encoding="utf-8")
    latin = (HTML / "banjir_desa.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="windows-1252"')
    latin = latin.replace("Hujan deras sejak", "Hujan deras \u2013 50 mm \u2013 sejak")
    (folder / "windows_1252.html").write_bytes(latin.encode("cp1252"))
    (folder / "empty.htm").write_bytes(b"")
    return folder


def test_bad_html_is_an_error_or_a_warning_row(tmp_path):
    corpus = analysis.load_corpus(_bad_html(tmp_path / "bad"))  # nothing raises
    assert corpus.pages.doc_id.tolist() == ["unclosed", "windows_1252"]
    assert corpus.errors.values.tolist() == [
        [str(tmp_path / "bad" / "empty.htm"), "empty file"],
        [str(tmp_path / "bad" / "scripts_only.html"),
         "no visible text in the HTML (only scripts, styles or hidden elements)"],
    ]
    warnings = corpus.warnings.set_index("doc_id").warning
    assert warnings["unclosed"].startswith("HTML ends without </body> or </html>")
    assert warnings["windows_1252"] == "decoded as cp1252 (declared in <meta>), not UTF-8"
    pages = corpus.pages.set_index("doc_id")
    assert pages.title["unclosed"] == "Pemerintah Kota Tambah Armada Bus Listrik untuk Kawasan Industri"
    assert pages.n_paragraphs["unclosed"] == 5
    assert "Hujan deras \u2013 50 mm \u2013 sejak" in pages.body["windows_1252"]


# --------------------------------------------------------------------------------------------
# JSON lines


def _news_please(stem: str, text_pages: pd.DataFrame) -> dict:
    page = text_pages.set_index("doc_id").loc[stem]
    return {"title": page.title, "maintext": page.body, "url": f"https://berita.example.id/{stem}",
            "date_publish": "2021-03-12 10:00:00", "language": "id"}


def _jsonl(path, text_pages):
    lines = [json.dumps(_news_please(s, text_pages)) for s in STEMS[:2]]
    lines.append("{not json")
    lines.append("")
    lines.append(json.dumps({"text": (TEXT / "feri_pelabuhan.txt").read_text(encoding="utf-8"),
                             "url": "https://tv.example.id/feri"}))
    lines.append(json.dumps(["a", "list"]))
    lines.append(json.dumps({"title": "Tanpa isi"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_json_lines_one_page_per_line_and_bad_lines_named(tmp_path, twins):
    _, text = twins
    path = _jsonl(tmp_path / "feed.jsonl", text.pages)
    corpus = analysis.load_corpus(path)
    assert corpus.pages.doc_id.tolist() == ["feed/1", "feed/2", "feed/5"]
    assert corpus.pages.path.unique().tolist() == [str(path)]
    assert corpus.errors.error.tolist() == ["line 3: not JSON (Expecting property name enclosed in double quotes "
                                            "at column 2)", "line 6: a JSON list, not an object",
                                            "line 7: no 'maintext', 'text' or 'html' field with text"]
    assert corpus.warnings.values.tolist() == [["feed/4", str(path), "line 4 is blank: skipped"]]
    by_stem = text.pages.set_index("doc_id")
    for doc_id, stem in zip(["feed/1", "feed/2", "feed/5"], ["banjir_desa", "bus_listrik", "feri_pelabuhan"],
                            strict=True):
        page = corpus.pages.set_index("doc_id").loc[doc_id]
        assert (page.title, page.body) == (by_stem.title[stem], by_stem.body[stem])
    pages = corpus.pages.set_index("doc_id")
    assert pages.url.tolist() == ["https://berita.example.id/banjir_desa", "https://berita.example.id/bus_listrik",
                                  "https://tv.example.id/feri"]
    # date_publish when the text gives none; the text's own date line otherwise
    assert pages.published.tolist() == [pd.Timestamp("2021-03-12 10:00")] * 2 + [pd.Timestamp("2021-01-14 16:20")]
    assert pages.reference_source.tolist() == ["json-meta", "json-meta", "dateline"]
    assert corpus.quotes.groupby("doc_id").size().to_dict() == {"feed/1": 1, "feed/2": 1, "feed/5": 1}
    assert corpus.links[corpus.links.doc_id == "feed/5"].headline.tolist() == \
        text.links[text.links.doc_id == "feri_pelabuhan"].headline.tolist()


# --------------------------------------------------------------------------------------------
# WARC


def _response(writer, url, body, *, status="200 OK", content_type="text/html; charset=utf-8", date=None):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": date} if date else None
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict=warc_headers)
    writer.write_record(record)


def _warc(path, *, gzipped=True, extra_pages=0):
    """warcinfo; per fixture a request and a 200 response; a 404, an image, a metadata record;
    then ``extra_pages`` small HTML responses."""
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for stem in STEMS:
            url = f"https://arsip.example.id/{stem}"
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "arsip.example.id")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            _response(writer, url, (HTML / f"{stem}.html").read_bytes(), date="2021-03-12T05:00:00Z")
        _response(writer, "https://arsip.example.id/hilang", b"<html><body>Tidak ada</body></html>",
                  status="404 Not Found")
        _response(writer, "https://arsip.example.id/foto.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
        writer.write_record(writer.create_warc_record("https://arsip.example.id/banjir_desa", "metadata",
                                                      payload=io.BytesIO(b"outlinks: 3"),
                                                      warc_content_type="application/warc-fields"))
        for i in range(extra_pages):
            body = (f"<html><body><h1>Berita Singkat Nomor {i}</h1><p>Isi berita singkat nomor {i} "
                    f"tentang kota.</p></body></html>").encode()
            _response(writer, f"https://arsip.example.id/singkat/{i}", body, date="2021-03-12T06:00:00Z")
    return path


def test_a_warc_gives_a_page_per_html_response_and_counts_every_record(tmp_path, twins):
    html, _ = twins
    path = _warc(tmp_path / "crawl.warc.gz")
    corpus = analysis.load_corpus(path)
    # records: 1 warcinfo, 2/3 banjir, 4/5 bus, 6/7 feri, 8 404, 9 image, 10 metadata
    assert corpus.pages.doc_id.tolist() == ["crawl/3", "crawl/5", "crawl/7"]
    assert corpus.pages.format.unique().tolist() == ["warc"]
    assert corpus.pages.title.tolist() == html.pages.title.tolist()
    assert corpus.pages.body.tolist() == html.pages.body.tolist()
    assert corpus.links.url.tolist()[:3] == LINK_URLS[:3]
    # the record's URL (the crawl's manifest), and its WARC-Date in WIB
    assert corpus.pages.url.tolist() == [f"https://arsip.example.id/{s}" for s in STEMS]
    assert corpus.pages.fetched.unique().tolist() == [pd.Timestamp("2021-03-12 12:00")]
    warned = corpus.warnings.set_index("doc_id").warning
    assert warned["crawl/1"] == "record 1 not parsed: a warcinfo record, not a response"
    assert warned["crawl/2"] == "record 2 not parsed: a request record, not a response (https://arsip.example.id/banjir_desa)"
    assert warned["crawl/8"] == "record 8 not parsed: HTTP status 404, not 200 (https://arsip.example.id/hilang)"
    assert warned["crawl/9"] == "record 9 not parsed: image/jpeg, not HTML (https://arsip.example.id/foto.jpg)"
    assert warned["crawl/10"].startswith("record 10 not parsed: a metadata record")
    counted = set(corpus.pages.doc_id) | set(corpus.warnings.doc_id)
    assert counted == {f"crawl/{n}" for n in range(1, 11)} and corpus.errors.empty


@pytest.mark.parametrize("into", [0.5, 0.02], ids=["cut-in-the-body", "cut-in-the-header"])
def test_a_truncated_warc_gz_keeps_the_records_before_the_cut(tmp_path, into):
    whole = _warc(tmp_path / "whole.warc.gz").read_bytes()
    full = analysis.load_corpus(tmp_path / "whole.warc.gz")
    starts = [m.start() for m in re.finditer(b"\x1f\x8b\x08", whole)]  # one gzip member per record
    assert len(starts) == 10
    cut = tmp_path / "cut.warc.gz"
    start, end = starts[4], starts[5]  # record 5: the response of bus_listrik.html
    cut.write_bytes(whole[: start + int((end - start) * into)])
    corpus = analysis.load_corpus(cut)  # nothing raises
    assert corpus.errors.path.tolist() == [str(cut)]
    assert corpus.errors.error.iloc[0].startswith("record 5: archive truncated or corrupt")
    seen = {int(d.split("/")[1]) for d in [*corpus.pages.doc_id, *corpus.warnings.doc_id]}
    assert seen == {1, 2, 3, 4}  # every record before the cut, each a page or a warning
    assert corpus.pages.doc_id.tolist() == ["cut/3"] and full.pages.doc_id.tolist()[0] == "whole/3"
    assert corpus.pages.body.tolist() == full.pages.body.tolist()[:1]


def test_an_uncompressed_warc_and_one_gzip_stream_read_alike(tmp_path):
    plain = analysis.load_corpus(_warc(tmp_path / "a.warc", gzipped=False, extra_pages=60))
    stream = tmp_path / "b.warc.gz"
    stream.write_bytes(gzip.compress((tmp_path / "a.warc").read_bytes()))  # not record by record
    one = analysis.load_corpus(stream)
    assert len(plain.pages) == 63 and plain.errors.empty and one.errors.empty
    assert one.pages.title.tolist() == plain.pages.title.tolist()
    assert one.pages.doc_id.str.replace("b/", "a/").tolist() == plain.pages.doc_id.tolist()


def test_one_archive_split_across_workers_and_dask_gives_the_same_tables(tmp_path):
    path = _warc(tmp_path / "big.warc.gz", extra_pages=440)  # 450 records: 9 slices, over the parallel threshold
    serial = analysis.load_corpus(path, workers=1)
    assert len(serial.pages) == 443 and serial.errors.empty and len(serial.warnings) == 7
    # record n > 10 is the response of small page n - 11: slices start where the index says
    small = serial.pages.iloc[3:]
    assert (small.url.str.rsplit("/", n=1).str[1].astype(int) + 11).tolist() == \
        small.doc_id.str.split("/").str[1].astype(int).tolist()
    parallel = analysis.load_corpus(path, workers=2, chunk_size=100)
    for name, df in serial.tables().items():
        pd.testing.assert_frame_equal(df, getattr(parallel, name), obj=name)
    dask = analysis.load_corpus(path, engine="dask", chunk_size=120).compute()
    for name, df in serial.tables().items():
        pd.testing.assert_frame_equal(df, getattr(dask, name), obj=name)
    written = analysis.read_corpus(analysis.write_corpus(path, tmp_path / "ds", engine="dask", chunk_size=120))
    for name, df in serial.tables().items():
        pd.testing.assert_frame_equal(df, getattr(written, name), obj=name)


# --------------------------------------------------------------------------------------------
# A folder mixing every format, the command line


def test_a_folder_may_mix_formats_and_the_load_command_reads_it(tmp_path, twins):
    _, text = twins
    folder = tmp_path / "crawl"
    (folder / "html").mkdir(parents=True)
    shutil.copy(HTML / "banjir_desa.html", folder / "html" / "banjir_desa.html")
    shutil.copy(TEXT / "bus_listrik.txt", folder / "bus_listrik.txt")
    _warc(folder / "arsip.warc.gz")
    _jsonl(folder / "feed.jsonl", text.pages)
    (folder / "manifest.tsv").write_text("file\turl\nbus_listrik.txt\thttps://kota.example.id/bus\n"
                                         "html/banjir_desa.html\thttps://daerah.example.id/banjir\n", encoding="utf-8")
    corpus = analysis.load_corpus(folder)
    assert corpus.pages.doc_id.tolist() == ["arsip/3", "arsip/5", "arsip/7", "bus_listrik", "feed/1", "feed/2",
                                            "feed/5", "html/banjir_desa"]
    assert corpus.pages.format.tolist() == ["warc"] * 3 + ["text"] + ["jsonl"] * 3 + ["html"]
    assert corpus.pages.url.tolist() == [f"https://arsip.example.id/{s}" for s in STEMS] + [
        "https://kota.example.id/bus", "https://berita.example.id/banjir_desa", "https://berita.example.id/bus_listrik",
        "https://tv.example.id/feri", "https://daerah.example.id/banjir"]
    assert corpus.warnings.warning.str.contains("manifest").sum() == 0  # records and lines need no manifest row
    small = analysis.load_corpus(folder, chunk_size=2)  # slices and files in chunks of about two pages
    for name, df in corpus.tables().items():
        pd.testing.assert_frame_equal(df, getattr(small, name), obj=name)
    out = tmp_path / "dataset"
    done = subprocess.run([sys.executable, "-m", "analysis", "load", str(folder), "--out", str(out), "--quiet"],
                          capture_output=True, text=True, cwd=REPO, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("8 pages, 3 errors, 8 warnings")  # 7 WARC records and a blank JSON line
    back = analysis.read_corpus(out)
    for name, df in corpus.tables().items():
        pd.testing.assert_frame_equal(df, getattr(back, name), obj=name)
    assert analysis.open_corpus(folder).pages.doc_id.tolist() == corpus.pages.doc_id.tolist()


def test_the_overview_counts_pages_dated_by_their_metadata(twins):
    from analysis.overview import site_table

    html, _ = twins
    table = site_table(html).set_index("site")
    assert table["pages"].sum() == 3  # no page lost from the overview for a new reference source
    assert table.loc["example.id", ["pages", "html-meta"]].tolist() == [1, 1]
    assert table.loc["(no manifest)", "dateline"] == 1


def test_one_page_saved_in_two_formats_is_one_page_and_an_error_row(tmp_path):
    shutil.copy(HTML / "bus_listrik.html", tmp_path / "bus_listrik.html")
    shutil.copy(TEXT / "bus_listrik.txt", tmp_path / "bus_listrik.txt")
    corpus = analysis.load_corpus(tmp_path)
    assert corpus.pages[["doc_id", "format"]].values.tolist() == [["bus_listrik", "html"]]  # first by name
    assert corpus.errors.values.tolist() == [[str(tmp_path / "bus_listrik.txt"), "duplicate doc_id 'bus_listrik': "
                                              f"same file name as {tmp_path / 'bus_listrik.html'}"]]


def test_a_file_named_like_a_record_is_an_error_row(tmp_path, twins):
    _, text = twins
    _jsonl(tmp_path / "feed.jsonl", text.pages)
    (tmp_path / "feed").mkdir()
    shutil.copy(TEXT / "bus_listrik.txt", tmp_path / "feed" / "1.txt")  # doc_id feed/1, as line 1 of feed.jsonl
    shutil.copy(TEXT / "bus_listrik.txt", tmp_path / "feed" / "bus.txt")  # feed/bus: no record has that id
    corpus = analysis.load_corpus(tmp_path)
    assert corpus.pages.doc_id.is_unique
    assert corpus.pages.doc_id.tolist() == ["feed/1", "feed/2", "feed/5", "feed/bus"]
    assert corpus.pages.format.tolist() == ["jsonl", "jsonl", "jsonl", "text"]
    assert corpus.errors.error.iloc[0] == f"doc_id 'feed/1' is also the id of a record of {tmp_path / 'feed.jsonl'}"


def test_a_line_that_breaks_the_reader_is_one_error_and_the_lines_after_it_load(tmp_path):
    """Found in review: one pathological line (JSON nested past the recursion limit) ended its whole slice."""
    import json

    good = [json.dumps({"text": f"Judul Berita Nomor {n}\n\nIsi berita nomor {n} yang cukup panjang untuk dibaca "
                                "sebagai paragraf pertama.", "url": f"https://contoh.id/{n}"}) for n in (1, 3, 5)]
    lines = [good[0], '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", good[1], "bukan json", good[2]]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "01.txt").write_text("Judul Halaman Biasa Di Sini\n\nIsi halaman biasa yang cukup panjang "
                                                "untuk dibaca sebagai paragraf.\n", encoding="utf-8")
    corpus = analysis.load_corpus(tmp_path)
    assert sorted(corpus.pages["doc_id"]) == ["feed/01", "feed/1", "feed/3", "feed/5"]  # 01.txt is no record
    errors = corpus.errors["error"].tolist()
    assert len(errors) == 2 and errors[0].startswith("line 2: cannot be read") and errors[1].startswith("line 4")


@pytest.mark.parametrize("charset", ["hex", "zlib", "base64", "utf-16"])
def test_a_charset_that_is_no_text_encoding_is_read_as_utf8_with_a_warning(charset):
    from analysis.html import decode_html

    text, warnings = decode_html(f'<meta charset="{charset}"><title>Judul</title>'.encode())
    assert text.startswith("<meta") and warnings == [f"unknown charset {charset!r} declared in <meta>: read as UTF-8"]


@pytest.mark.parametrize("value", ["now", "today", "tomorrow", "01"])
def test_a_metadata_time_is_iso_or_nothing_never_the_clock(value):
    from analysis.html import meta_time

    assert meta_time(value) is None


def test_gzip_and_binary_files_named_html_are_errors_not_pages(tmp_path):
    """Found in review: a gzip-compressed page and random bytes named .html loaded as pages with no title."""
    page = (FIXTURES / "html" / "bus_listrik.html").read_bytes()
    (tmp_path / "gz.html").write_bytes(gzip.compress(page))
    (tmp_path / "junk.html").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "ok.html").write_bytes(page)
    corpus = analysis.load_corpus(tmp_path)
    assert corpus.pages["doc_id"].tolist() == ["ok"]
    errors = dict(zip(corpus.errors["path"].map(lambda p: p.rsplit("/", 1)[-1]), corpus.errors["error"], strict=True))
    assert errors["gz.html"].startswith("gzip-compressed HTML") and errors["junk.html"].startswith("binary file")


def test_script_and_data_hrefs_are_no_link_urls():
    from analysis.html import read_html_page

    doc = ('<html><body><h1>Judul Berita Tentang Banjir Di Kota</h1><p>Banjir merendam ratusan rumah warga kota '
           'sejak pagi hari.</p><p>Baca juga: <a href="javascript:alert(1)">Warga Mengungsi Ke Balai Desa</a></p>'
           '<p>Baca juga: <a href="https://contoh.id/tanggul">Tanggul Sungai Jebol Lagi</a></p></body></html>')
    got = read_html_page(doc.encode(), "d")
    assert [link.headline for link in got.page.links] == ["Warga Mengungsi Ke Balai Desa", "Tanggul Sungai Jebol Lagi"]
    assert got.link_urls == [None, "https://contoh.id/tanggul"]
