from pathlib import Path

import pandas as pd
import pytest

from analysis.urls import URL_COLUMNS, URL_DATE_PATTERNS, join_manifest, parse_url, read_manifest

SHARED = Path(__file__).resolve().parents[2] / "shared"
MANIFEST = SHARED / "corpus" / "manifest.tsv"
needs_shared = pytest.mark.skipif(not MANIFEST.exists(), reason="../shared/corpus/manifest.tsv not present")

T = pd.Timestamp
NaT = pd.NaT

# Every URL of ../shared/corpus/manifest.tsv: (file, host, site, section, url_date, granularity),
# read off the URLs by hand (the URLs themselves are not copied here; the test reads them).
SHARED_EXPECTED = [
    ("001.txt", "sosok.grid.id", "grid.id", None, NaT, None),  # /read/412387109/ is an id
    ("003.txt", "kompas.tv", "kompas.tv", "internasional", NaT, None),
    ("005.txt", "internasional.republika.co.id", "republika.co.id", "internasional", NaT, None),
    ("007.txt", "internasional.republika.co.id", "republika.co.id", "internasional", NaT, None),
    ("009.txt", "hot.grid.id", "grid.id", None, NaT, None),
    ("011.txt", "sinarpost.com", "sinarpost.com", None, T("2020-11-11"), "day"),
    ("013.txt", "internasional.republika.co.id", "republika.co.id", "internasional", NaT, None),
    ("015.txt", "voaindonesia.com", "voaindonesia.com", None, NaT, None),  # www. folded; /a/<id>.html
    ("017.txt", "xcloud.id", "xcloud.id", None, NaT, None),
    ("019.txt", "minanews.net", "minanews.net", None, NaT, None),
    ("021.txt", "kontan.co.id", "kontan.co.id", "news", NaT, None),  # amp. folded
    ("023.txt", "medcom.id", "medcom.id", "internasional", NaT, None),  # /foto/ is a format
    ("025.txt", "intisari.grid.id", "grid.id", None, NaT, None),  # /amp/ + id
    ("027.txt", "tribunnews.com", "tribunnews.com", "internasional", T("2023-09-21"), "day"),  # m.
    ("029.txt", "arrahmah.id", "arrahmah.id", None, NaT, None),
    ("031.txt", "kupang.tribunnews.com", "tribunnews.com", None, T("2020-10-09"), "day"),
    ("033.txt", "jateng.tribunnews.com", "tribunnews.com", None, T("2020-10-05"), "day"),
    ("035.txt", "jpnn.com", "jpnn.com", "news", NaT, None),  # m. + /amp/
    ("037.txt", "idxchannel.com", "idxchannel.com", "economics", NaT, None),
    ("039.txt", "fbeta.republika.co.id", "republika.co.id", None, NaT, None),
    ("041.txt", "tribunnews.com", "tribunnews.com", "internasional", NaT, None),
    ("043.txt", "kompas.com", "kompas.com", "global", T("2022-08-23 06:15:00"), "second"),  # 061500570
    ("045.txt", "bloombergtechnoz.com", "bloombergtechnoz.com", None, NaT, None),
    ("047.txt", "kontan.co.id", "kontan.co.id", "news", NaT, None),
    ("049.txt", "telegraf.co.id", "telegraf.co.id", None, NaT, None),
    ("051.txt", "news.okezone.com", "okezone.com", "news", T("2021-02-11"), "day"),  # /18/ is a channel
    ("053.txt", "poskota.co.id", "poskota.co.id", None, T("2022-05-27"), "day"),
    ("055.txt", "jogja.tribunnews.com", "tribunnews.com", None, T("2022-01-27"), "day"),
    ("057.txt", "metrotvnews.com", "metrotvnews.com", None, NaT, None),
    # uniqid 660bd88f = 1712052367 s = 2024-04-02 10:06:07 UTC = 17:06:07 WIB (page: "2 April 2024, 17:06")
    ("059.txt", "katadata.co.id", "katadata.co.id", "nasional", T("2024-04-02 17:06:07"), "second"),
    ("061.txt", "nasional.sindonews.com", "sindonews.com", "nasional", NaT, None),
    ("063.txt", "rmol.id", "rmol.id", None, T("2024-08-15"), "day"),  # /amp/2024/08/15/
    ("065.txt", "jogja.idntimes.com", "idntimes.com", "news", NaT, None),
]


@pytest.fixture(scope="module")
def shared_manifest() -> pd.DataFrame:
    return read_manifest(MANIFEST)


def _check(got: dict, host, site, section, url_date, granularity) -> None:
    assert (got["host"], got["site"], got["section"]) == (host, site, section)
    if pd.isna(url_date):
        assert pd.isna(got["url_date"])
    else:
        assert got["url_date"] == url_date
    assert got["url_date_granularity"] == granularity


@needs_shared
def test_shared_manifest_is_fully_covered(shared_manifest):
    assert sorted(shared_manifest["file"]) == [row[0] for row in SHARED_EXPECTED]


@needs_shared
@pytest.mark.parametrize(("file", "host", "site", "section", "url_date", "granularity"), SHARED_EXPECTED)
def test_shared_manifest_urls(shared_manifest, file, host, site, section, url_date, granularity):
    row = shared_manifest.set_index("file").loc[file]
    _check(parse_url(row["url"]), host, site, section, url_date, granularity)
    # the table read_manifest builds carries the same values
    assert (row["host"], row["site"]) == (host, site)
    assert pd.isna(row["url_date"]) if pd.isna(url_date) else row["url_date"] == url_date


@pytest.mark.parametrize(("url", "host", "site", "section", "url_date", "granularity"), [
    # mobile / AMP / www variants fold
    ("https://www.kompas.com/tren/read/2021/01/05/101500565/x", "kompas.com", "kompas.com", "tren",
     T("2021-01-05 10:15:00"), "second"),
    ("https://amp.kompas.com/nasional/read/2020/10/10/09000001/x", "kompas.com", "kompas.com", "nasional",
     T("2020-10-10"), "day"),  # 8-digit id: not the hhmmss form, date only
    ("https://m.jogja.tribunnews.com/amp/2022/01/27/x", "jogja.tribunnews.com", "tribunnews.com", None,
     T("2022-01-27"), "day"),
    ("https://mobile.example.co.id/berita/2020/10/10/x/amp", "example.co.id", "example.co.id", None,
     T("2020-10-10"), "day"),
    ("https://www.m.example.com/x", "example.com", "example.com", None, NaT, None),
    # second-level Indonesian suffixes
    ("https://www.pemda.go.id/2019/07/x/", "pemda.go.id", "pemda.go.id", None, T("2019-07-01"), "month"),
    ("https://lab.ui.ac.id/news/x", "lab.ui.ac.id", "ui.ac.id", "news", NaT, None),
    ("https://blog.saya.web.id/x", "blog.saya.web.id", "saya.web.id", None, NaT, None),
    ("https://berita.desa.my.id/x", "berita.desa.my.id", "desa.my.id", "berita", NaT, None),
    ("https://smk1.sch.id/x", "smk1.sch.id", "smk1.sch.id", None, NaT, None),
    ("https://walhi.or.id/2020/10/10/x", "walhi.or.id", "walhi.or.id", None, T("2020-10-10"), "day"),
    # sections: path beats subdomain, generic markers skipped, slugs and ids are not sections
    ("https://dunia.example.com/read/123/x", "dunia.example.com", "example.com", "dunia", NaT, None),
    ("https://news.example.com/olahraga/123/x", "news.example.com", "example.com", "olahraga", NaT, None),
    ("https://example.com/berita/gaya-hidup/123/x", "example.com", "example.com", "gaya-hidup", NaT, None),
    ("https://example.com/just-a-slug", "example.com", "example.com", None, NaT, None),
    ("https://example.com/a-slug-with-many-words/2", "example.com", "example.com", None, NaT, None),
    # other date forms of the pattern table
    ("https://www.cnnindonesia.com/internasional/20201010123015-113-557021/x", "cnnindonesia.com",
     "cnnindonesia.com", "internasional", T("2020-10-10 12:30:15"), "second"),
    ("https://bisnis.com/read/20230921/19/1697222/x", "bisnis.com", "bisnis.com", None,
     T("2023-09-21"), "day"),
    # query strings and fragments are ignored; ports and upper case are harmless
    ("HTTPS://WWW.Example.COM:8080/Nasional/2020/10/10/x?date=2021/01/01/#2019/01/01/", "example.com",
     "example.com", "nasional", T("2020-10-10"), "day"),
    ("https://example.com/x?p=/2020/10/10/", "example.com", "example.com", None, NaT, None),
    # impossible dates give none
    ("https://example.com/2020/02/30/x", "example.com", "example.com", None, NaT, None),
    ("https://example.com/2020/13/01/x", "example.com", "example.com", None, NaT, None),
    ("https://example.com/read/1999123/x", "example.com", "example.com", None, NaT, None),
    # scheme-less, IP address
    ("example.co.id/2020/10/10/x", "example.co.id", "example.co.id", None, T("2020-10-10"), "day"),
    ("http://10.0.0.1/2020/10/10/x", "10.0.0.1", "10.0.0.1", None, T("2020-10-10"), "day"),
])
def test_parse_url(url, host, site, section, url_date, granularity):
    _check(parse_url(url), host, site, section, url_date, granularity)


@pytest.mark.parametrize("url", [
    "", "   ", "http://", "https:///2020/10/10/x", "not a url", "localhost-ish", "http://[::1",
    "mailto:redaksi@example.co.id", "javascript:void(0)", "ftp://example.com/2020/10/10/x",
    "file:///home/x/2020/10/10/page.txt", None, float("nan"),
])
def test_parse_url_unreadable_gives_missing(url):
    got = parse_url(url)
    assert list(got) == list(URL_COLUMNS)
    assert got["host"] is None and got["site"] is None and got["section"] is None
    assert got["url_date"] is pd.NaT and got["url_date_granularity"] is None


def test_pattern_table_shape():
    names = [name for name, _, _ in URL_DATE_PATTERNS]
    assert len(names) == len(set(names))
    assert {g for _, _, g in URL_DATE_PATTERNS} <= {"second", "day", "month"}


def _write(tmp_path: Path, text: str, name: str = "manifest.tsv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_read_manifest_bom_crlf_blank_lines(tmp_path):
    path = _write(tmp_path, "\ufeffFile\tURL\tsite\tnote\r\n\r\na.txt\thttps://m.example.co.id/2020/10/10/x\t"
                  "m.example.co.id\t first \r\n \t \t \t \r\nb.txt\t\t\t\r\n\r\n")
    df = read_manifest(path)
    assert list(df.columns) == ["file", "url", "site_manifest", "note", *URL_COLUMNS]
    assert df["file"].tolist() == ["a.txt", "b.txt"]
    assert df["note"].tolist() == ["first", ""]
    assert df.loc[0, "site"] == "example.co.id" and df.loc[0, "site_manifest"] == "m.example.co.id"
    assert df.loc[0, "url_date"] == T("2020-10-10")
    assert pd.isna(df.loc[1, "site"]) and pd.isna(df.loc[1, "url_date"])
    assert pd.api.types.is_datetime64_any_dtype(df["url_date"])


@pytest.mark.parametrize("sep", [",", ";", "|", "\t"])
def test_read_manifest_sniffs_delimiter(tmp_path, sep):
    text = sep.join(["name", "url", "crawled"]) + "\n" + sep.join(["p1.txt", "https://a.com/x", "2024-01-01"])
    df = read_manifest(_write(tmp_path, text + "\n", "m.csv"))
    # no `file` column: the first column is the file column
    assert df[["file", "url", "crawled", "site"]].values.tolist() == [["p1.txt", "https://a.com/x",
                                                                       "2024-01-01", "a.com"]]


def test_read_manifest_quoted_comma_csv(tmp_path):
    df = read_manifest(_write(tmp_path, 'file,url,title\n1.txt,https://a.com/x,"Satu, dua"\n', "m.csv"))
    assert df.loc[0, "title"] == "Satu, dua"


@pytest.mark.parametrize(("text", "message"), [
    ("file\tsite\n1.txt\ta.com\n", "no 'url' column"),
    ("url\tsite\nhttps://a.com/x\ta.com\n", "no 'file' column"),
])
def test_read_manifest_missing_column(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        read_manifest(_write(tmp_path, text))


def test_join_manifest_reports_mismatches():
    pages = pd.DataFrame({
        "doc_id": ["001", "002", "003", "004"],
        "path": ["/c/001.txt", "/c/002.txt", "/c/sub/003.txt", "C:\\c\\004.txt"],
        "title": ["A", "B", "C", "D"],
    })
    manifest = pd.DataFrame({
        "file": ["001.txt", "corpus/003.txt", "999.txt", "001.txt", "004"],
        "url": ["https://a.com/1", "https://c.com/3", "https://z.com/9", "https://a.com/dup", "https://d.com/4"],
        "title": ["manifest A", "manifest C", "Z", "dup", "manifest D"],
        "site": ["a.com", "c.com", "z.com", "a.com", "d.com"],
    })
    joined, report = join_manifest(pages, manifest)
    assert joined["doc_id"].tolist() == ["001", "002", "003", "004"]
    assert joined["title"].tolist() == ["A", "B", "C", "D"]  # the page's own column wins
    assert joined["title_manifest"].tolist()[0] == "manifest A"
    assert pd.isna(joined.loc[1, "url"])
    assert joined["url"].tolist()[::2] == ["https://a.com/1", "https://c.com/3"]
    assert joined.loc[3, "url"] == "https://d.com/4"  # extension-less name matches doc_id
    assert "file" not in joined.columns
    assert report.fillna("-").values.tolist() == [
        ["no_page", "999.txt", "-"],
        ["duplicate_manifest_row", "001.txt", "001"],
        ["no_manifest_row", "002.txt", "002"],
    ]


def test_join_manifest_all_match_gives_empty_report():
    pages = pd.DataFrame({"doc_id": ["x"], "path": ["x.txt"]})
    manifest = pd.DataFrame({"file": ["x.txt"], "url": ["https://a.com/x"], "site": ["a.com"]})
    joined, report = join_manifest(pages, manifest)
    assert report.empty and list(report.columns) == ["problem", "file", "doc_id"]
    assert joined.loc[0, "site"] == "a.com"


@needs_shared
def test_join_shared_manifest_to_its_files(shared_manifest):
    files = sorted(p for p in (SHARED / "corpus").glob("*.txt"))
    pages = pd.DataFrame({"doc_id": [p.stem for p in files], "path": [str(p) for p in files]})
    joined, report = join_manifest(pages, shared_manifest)
    assert report.empty
    assert joined["site"].notna().all()
    assert joined["url_date"].notna().sum() == 10  # the 10 dated URLs of SHARED_EXPECTED


@needs_shared
def test_url_dates_agree_with_page_datelines(shared_manifest):
    """Where a page prints its own date line, the date its URL encodes is the same day."""
    from analysis import load_corpus

    joined, report = join_manifest(load_corpus(SHARED / "corpus").pages, shared_manifest)
    assert report.empty
    both = joined[joined["published"].notna() & joined["url_date"].notna()]
    assert len(both) >= 3
    assert (both["published"].dt.normalize() == both["url_date"].dt.normalize()).all()


def test_join_manifest_by_relative_path_in_subfolders():
    pages = pd.DataFrame({
        "doc_id": ["kompas/001", "detik/001", "detik/2020/002", "solo"],
        "path": ["/c/kompas/001.txt", "/c/detik/001.txt", "/c/detik/2020/002.txt", "/c/x/solo.txt"],
    })
    manifest = pd.DataFrame({
        "file": ["kompas/001.txt", "detik\\001.TXT", "crawl/detik/2020/002", "001.txt", "solo.txt"],
        "url": ["https://k.com/1", "https://d.com/1", "https://d.com/2", "https://ambiguous", "https://s.com"],
    })
    joined, report = join_manifest(pages, manifest)
    assert joined["url"].tolist() == ["https://k.com/1", "https://d.com/1", "https://d.com/2", "https://s.com"]
    # a bare file name matches only when one page has that name; two pages are called 001.txt
    assert report.fillna("-").values.tolist() == [["no_page", "001.txt", "-"]]
