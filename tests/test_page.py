"""parse_page on the seed and on real pages; expected values were read off the pages by hand."""

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.clean import clean_text
from analysis.page import parse_page

# --------------------------------------------------------------------------------------------
# The seed page (seeds/000_dc8006bf72fa3c3c.txt)


def test_seed_head(seed_page):
    assert seed_page.title == (
        "Soal Gencatan Senjata Armenia-Azerbaijan, Kremlin: Kami Tidak Tahu, Putin Terlibat Secara Pribadi"
    )
    assert seed_page.caption == "Presiden Rusia Vladimir Putin"
    assert seed_page.photo_credit == "Net"
    assert seed_page.source == "Sputnik"


def test_seed_body_is_the_eight_paragraphs(seed_page):
    paras = seed_page.paragraphs
    assert len(paras) == 8
    assert [p.line_start for p in paras] == [5, 7, 9, 11, 13, 15, 17, 19]
    assert paras[0].text.startswith("Presiden Rusia Vladimir Putin terlibat banyak secara langsung")
    assert paras[-1].text.endswith("penempatan penjaga perdamaian Rusia ke wilayah tersebut.")
    for furniture in ("Kolom Komentar", "Video", "Artikel Lainnya", "Dunia\n", "April 2021", "/Net"):
        assert furniture not in seed_page.body


def test_seed_quotes_by_peskov(seed_page):
    assert [(q.paragraph, q.speaker) for q in seed_page.quotes] == [(3, "Peskov"), (5, "Peskov")]
    assert seed_page.quotes[0].text.startswith("Kami tidak tahu (apa yang Putin katakan")
    assert seed_page.quotes[1].text == "Rusia telah memainkan peran kunci untuk menghentikan pertumpahan darah"


def test_seed_comments_marker_is_its_own_block(seed_page):
    comments = [b for b in seed_page.blocks if b.kind == "comments"]
    assert [(b.line_start, b.line_end, b.text) for b in comments] == [(21, 21, "Kolom Komentar")]


def test_seed_videos(seed_page):
    got = [(v.program, v.title, v.date) for v in seed_page.videos]
    assert got == [
        ("Tanya Jawab Cak Ulung", "Monitor PSU Pilkada 2020", pd.Timestamp("2021-04-08")),
        ("Bincang Sehat", "Mutasi Baru Virus Penyebab Covid-19", pd.Timestamp("2021-04-09")),
        (None, "Ini Penampakan Prototipe Jet Tempur KF-X/IF-X", pd.Timestamp("2021-04-10")),
    ]


def test_seed_sidebar_links(seed_page):
    links = seed_page.links
    assert len(links) == 8
    assert {x.block for x in links} == {"sidebar"}
    assert [x.position for x in links] == list(range(1, 9))
    assert [x.published.strftime("%H:%M") for x in links] == [
        "22:19", "22:09", "21:48", "21:32", "21:18", "20:24", "19:46", "19:32"]
    assert {x.published.date() for x in links} == {pd.Timestamp("2021-04-11").date()}
    assert {x.section for x in links} == {"Dunia"}
    first = links[0]
    assert first.headline == "Menlu AS Waswas, China Makin Agresif Terhadap Taiwan"
    assert first.teaser == "Menlu AS Waswas, China Makin.."
    assert all(x.teaser_truncated for x in links)  # each teaser is a cut copy of its headline
    assert links[-1].headline == (
        "Korsel Siap Gunakan Kembali Vaksin AstraZeneca, Tapi Bukan Untuk Orang Usia Di Bawah 30 Tahun")


def test_seed_times(seed_page):
    assert seed_page.published is None  # the page prints no date line of its own
    assert seed_page.crawled == pd.Timestamp("2021-04-11 22:19")  # newest sidebar timestamp
    assert seed_page.reference_time == seed_page.crawled


def test_seed_blocks_cover_every_line(seed_page, seed_path):
    lines = clean_text(seed_path.read_text(encoding="utf-8"))
    covered = [ln for b in seed_page.blocks for ln in range(b.line_start, b.line_end + 1) if lines[ln - 1]]
    assert sorted(covered) == [i + 1 for i, s in enumerate(lines) if s]
    assert not [b for b in seed_page.blocks if b.kind == "unknown"]


# --------------------------------------------------------------------------------------------
# Real pages from ../shared/corpus (values read from the files)

PAGE_FACTS = [
    # doc_id, title (None = page starts mid-article), published, dateline prefix
    ("001", None, None, "Sosok.ID"),
    ("005", None, None, "REPUBLIKA.CO.ID, MOSKOW"),
    ("015", "Akhiri Perang, Armenia-Azerbaijan-Rusia Tandatangani Kesepakatan", None, None),
    ("017", "Ditengahi Putin, Armenia dan Azerbaijan Sepakat Hindari Gunakan Kekuatan dalam Perselisihan",
     "2022-11-02 08:28", None),
    ("021", "Perang Armenia-Azerbaijan, Turki siap berikan dukungan apa pun untuk Azerbaijan", None, "KONTAN.CO.ID"),
    ("025", "Padahal Baru Saja PM Armenia Tandatangani Berakhirnya Konflik Nagorno-Karabakh, Krisis Baru Muncul, "
     "Orang-orang Tumpah di Jalanan Lakukan Protes Ini", "2020-11-12 21:08", None),
    ("029", None, None, "BAKU (Arrahmah.com)"),
    ("041", "5 Populer Internasional: NATO Sebut Rusia Bangun Markas Nuklir - Trump Puji Prabowo di KTT ASEAN",
     "2025-11-01", "TRIBUNNEWS.COM"),
    ("043", "[POPULER GLOBAL] Siapa Pelaku Bom Mobil Moskwa | Derita Pooja 9 Tahun Hilang", "2022-08-23 06:15",
     "KOMPAS.com"),
    ("045", "Rupiah Resmi Melemah 7 Minggu Beruntun", "2023-10-20 16:33", "Bloomberg Technoz, Jakarta"),
    ("053", "Shin Tae-yong Targetkan Indonesia Menang Lawan Bangladesh di Ajang Uji Coba", "2022-05-27 09:01",
     "JAKARTA, POSKOTA.CO.ID"),
    ("057", None, "2024-03-29 16:50", "Jakarta"),
    ("059", "Penularan DBD Masih Tinggi, Kemenkes Minta Masyarakat Waspada", "2024-04-02 17:06", None),
    ("063", "Reshuffle Kabinet Cara Jokowi Amankan Kekuasaan dan Bisnis", "2024-08-15 09:17", None),
    ("065", "Menilik Reshuffle Menteri Kabinet di Masa Pemerintahan Jokowi-JK", None, "Jakarta, IDN Times"),
]


@pytest.mark.parametrize(("doc_id", "title", "published", "dateline"), PAGE_FACTS)
def test_real_page_head(shared_corpus, doc_id, title, published, dateline):
    row = shared_corpus.pages.set_index("doc_id").loc[doc_id]
    assert (None if pd.isna(row.title) else row.title) == title
    expected = pd.NaT if published is None else pd.Timestamp(published)
    assert row.published is expected or row.published == expected
    assert (None if pd.isna(row.dateline) else row.dateline) == dateline


INLINE_LINKS = [
    ("003", ["Polisi Filipina Tangkap WNI yang Rencanakan Serangan Bom Bunuh Diri",
             "Angka Kematian Covid-19 di Brasil Meningkat, Capai 150.198 Jiwa"]),
    ("019", ["ICC Keluarkan Surat Perintah Penangkapan Netanyahu dan Gallant",
             "Turkiye Tolak Wilayah Udaranya Dilalui Pesawat Presiden Israel",
             "Setelah 40 Tahun Dipenjara Prancis, Revolusioner Lebanon Akan Bebas"]),
    ("033", ["Pasukan Makin Merangsek Maju, Presiden Azerbaijan Ingatkan Armenia untuk Segera Mundur",
             "Penyebab Laga Juventus vs Napoli di Liga Italia Tadi Malam Ditunda",
             "Kampung di Klaten Digeruduk Ratusan Orang, Warga Tutup Pintu Rumah dan Matikan Lampu",
             "Ini 3 Prajurit TNI Penerima Bintang Nararya dari Jokowi: Ada Kopassus, Marinir, Batalyon Kesehatan"]),
    ("057", ["Kasus DBD Naik, Menkes Minta Masyarakat Tidak Panik"]),
    ("027", ["Azerbaijan Klaim Kemenangan setelah Separatis Armenia yang Kuasai Karabakh Menyerah",
             "Politisi oposisi PM Pashinyan menyampaikan pidato dari panggung"]),
]


@pytest.mark.parametrize(("doc_id", "headlines"), INLINE_LINKS)
def test_real_page_links(shared_corpus, doc_id, headlines):
    links = shared_corpus.links[shared_corpus.links.doc_id == doc_id]
    assert links.headline.tolist() == headlines


_BODY = "Kedua negara sepakat menghentikan pertempuran pada Selasa malam waktu setempat setelah perundingan."


@pytest.mark.parametrize(("prefix", "dateline"), [
    ("Jakarta - ", "Jakarta"),                        # detik.com: a place name and a plain hyphen
    ("Yerevan - ", "Yerevan"),
    ("Jakarta (ANTARA) - ", "Jakarta (ANTARA)"),
    ("Yerevan (ANTARA/Reuters) - ", "Yerevan (ANTARA/Reuters)"),
    ("Jakarta, CNN Indonesia -- ", "Jakarta, CNN Indonesia"),
    ("Liputan6.com, Jakarta - ", "Liputan6.com, Jakarta"),
    ("TEMPO.CO, Jakarta - ", "TEMPO.CO, Jakarta"),
    ("BAKU, KOMPAS.com - ", "BAKU, KOMPAS.com"),
    ("Bisnis.com, JAKARTA — ", "Bisnis.com, JAKARTA"),
    ("", None),
    ("Rusia dan Turki - ", None),  # not a dateline: a lower-case word before the hyphen
])
def test_dateline_prefixes_of_common_outlets(prefix, dateline):
    page = parse_page(f"Judul Berita Tentang Gencatan Senjata Di Kaukasus\n\n{prefix}{_BODY}\n\n{_BODY}\n")
    assert page.dateline == dateline
    first = page.paragraphs[0]
    assert (first.prefix, first.text) == ((prefix.strip(), _BODY) if dateline else (None, prefix + _BODY))


def test_list_links_carry_their_dates(shared_corpus):
    links = shared_corpus.links[shared_corpus.links.doc_id == "049"]
    assert links.headline.tolist()[0] == "BKPM: Industri Miras Sudah Ada Dari Sebelum Indonesia Merdeka"
    assert links.published.tolist() == [pd.Timestamp("2021-03-02")] * 3
    assert shared_corpus.pages.set_index("doc_id").loc["049", "crawled"] == pd.Timestamp("2021-03-02")


def test_repeated_paragraphs_are_duplicates_not_body(shared_corpus):
    # 061 repeats five paragraphs of its body verbatim (a scraper artefact)
    blocks = shared_corpus.blocks[shared_corpus.blocks.doc_id == "061"]
    assert (blocks.kind == "duplicate").sum() == 5
    body = shared_corpus.pages.set_index("doc_id").loc["061", "body"]
    assert body.count("Satu di antaranya adalah Bupati Kukar Rita Widyasari") == 1


def test_quotes_on_real_pages(shared_corpus):
    q = shared_corpus.quotes
    assert "Macron" in q[q.doc_id == "033"].speaker.dropna().tolist()
    assert q[q.doc_id == "059"].speaker.tolist() == ["Maxi"]
    # "Ia menambahkan, ..." is attributed to the last named speaker, Pashinyan
    assert q[q.doc_id == "015"].speaker.tolist() == ["Pashinyan", "Pashinyan"]


#: Furniture that must never reach a body paragraph (one pattern per kind of furniture handled).
FURNITURE_PATTERNS = [
    r"^(?:baca|lihat|simak)(?: juga)?\s*:", r"^advertisement$", r"kolom komentar", r"^artikel (?:lainnya|terkait)$",
    r"^berita (?:terkait|lainnya)$", r"whatsapp", r"google news", r"^(?:penulis|editor|reporter)\s*:",
    r"^halaman:?$", r"^loading", r"^(?:share|follow)$", r"find us on social media", r"klik di sini",
    r"berlangganan", r"tautan-tautan akses", r"\(foto:", r"\bphoto/", r"^photo credit", r"^recommended$",
    r"sudah tayang di", r"^\d+ komentar$", r"^limit \d+ karakter", r"^zoom-in", r"^logo ",
    r"^(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu),? \d{1,2} \w+ \d{4}$", r"^\d{1,2} \w+ \d{4},? \d{1,2}[:.]\d\d$",
    r"^ringkasan berita", r"^•", r"^[A-Z0-9.]+ -$",
]


def test_no_furniture_in_any_body(shared_corpus, seed_page):
    bodies = [*shared_corpus.paragraphs.text.tolist(), *(p.text for p in seed_page.paragraphs)]
    offenders = [(pat, text[:80]) for text in bodies for pat in FURNITURE_PATTERNS
                 if re.search(pat, text, re.IGNORECASE)]
    assert offenders == []


def test_every_shared_page_has_a_body_and_few_unknown_lines(shared_corpus):
    pages = shared_corpus.pages
    assert (pages.n_paragraphs > 0).all()
    assert pages.n_unknown_lines.sum() <= 0.02 * pages.n_lines.sum()


# --------------------------------------------------------------------------------------------
# Properties

FURNITURE_WORDS = ["Video", "Artikel Lainnya", "Kolom Komentar", "Baca juga: X Y Z", "Dunia", "ADVERTISEMENT",
                   "11 April 2021 22:19", "Kamis, 08 April 2021", "Judul..", "• Satu dua tiga",
                   '"Kami tidak tahu," kata Peskov.', "REPUBLIKA.CO.ID, MOSKOW -- Teks panjang sekali di sini ya.",
                   "Penulis: A", "(gil)", "Presiden/Net", "A", ""]
lines_strategy = st.lists(st.one_of(st.sampled_from(FURNITURE_WORDS), st.text(max_size=60)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(lines_strategy, st.sampled_from(["\n", "\r\n", "\r"]))
def test_parse_never_raises_and_covers_every_line_once(lines, newline):
    text = newline.join(lines)
    page = parse_page(text)
    cleaned = clean_text(text)
    covered = [ln for b in page.blocks for ln in range(b.line_start, b.line_end + 1) if cleaned[ln - 1]]
    assert sorted(covered) == [i + 1 for i, s in enumerate(cleaned) if s]
    assert len(covered) == len(set(covered))
    assert page.n_lines == len(cleaned)


# The line classifier tries each pattern only after a cheap test (a word or character the pattern
# needs). These properties check that the cheap tests never turn away a line the pattern matches:
# text is built from the patterns' own vocabulary, mixed with arbitrary text.
_GATE_PARTS = ["Whatsapp", "Google News", "Telegram Channel", "berlangganan", "Klik di sini", "tanpa iklan",
               "Gabunglah ke", "gabung di", "Ikuti kami", "IKUTI saluran", "follow us", "Download aplikasi",
               "unduh app", "Sebagian artikel telah tayang", "artikel ini sudah tayang", "nikmati berita",
               "Live Report", "logo", "Zoom-in", "via kompas.com", "Sumber :", "source: -", "Cek Berita dan Artikel",
               "Copyright", "hak cipta", "All Rights Reserved", "Share", "» bagikan", "facebook", "x", "Kolom Komentar",
               "12 komentar", "Komentar (3)", "limit 300 karakter", "Berkomentarlah", "comments", "Penulis",
               "Editor:", "Laporan wartawan", "oleh", "By", "(Foto: Antara)", "(Dimas/Bloomberg)", "ANTARA FOTO/",
               "JOHN DOE / AFP", "Kolase foto", "foto ilustrasi", "(gil)", "[ka/pp]", "JAKARTA -", "Ankara, MINA –",
               "Reuters:", "Dok.", "•", "- ", "* ", " ", ", ", ": ", "/", "(", ")", ".", "Tags", "Topik terkait",
               "kata kunci", "3 menit baca", "4 min read", "5min", "Dibaca Normal", "Sumber gambar,",
               "Keterangan foto:", "ANTARA/REUTERS/Artem", "AFP/Y", "ANTARA FOTO"]
_gate_text = st.lists(st.one_of(st.sampled_from(_GATE_PARTS), st.text(max_size=8)), min_size=1, max_size=8).map(
    lambda parts: " ".join(parts).strip()).filter(bool)


@settings(max_examples=1500, deadline=None)
@given(_gate_text)
def test_cheap_tests_never_turn_away_a_line_a_pattern_matches(s):
    from analysis.page import lines
    from analysis.page import patterns as P

    low = s.lower()
    if P.BOILERPLATE_RE.search(s):
        assert low.startswith(P.BOILERPLATE_LEADS) or any(h in low for h in P.BOILERPLATE_HINTS)
    if P.COMMENTS_RE.match(s):
        assert "koment" in low or "comment" in low or "karakter" in low
    if P.BYLINE_RE.match(s):
        assert low.startswith(P.BYLINE_WORDS)
    foto = "foto" in low or "photo" in low
    if P.CREDIT_LINE_RE.match(s):
        assert "/" in s or ((foto or low.startswith(("dok", "reuters"))) and ":" in s)
    if P.PHOTO_LEAD_RE.match(s):
        assert foto
    if P.SIGNATURE_RE.match(s):
        assert s[0] in "(["
    if P.DATELINE_ALONE_RE.match(s):
        assert s[-1] in "-–—"
    if P.READING_TIME_RE.match(s):
        assert "min" in low or "menit" in low
    if P.TOPIC_HEADER_RE.match(s) or P.TOPIC_LINE_RE.match(s):
        assert low.startswith(P.TOPIC_STARTS)
    if P.IMAGE_LABEL_RE.match(s):
        assert low.startswith(P.IMAGE_LABELS)
    if P.TRAILING_CREDIT_RE.search(s):
        assert "/" in s and any(a in s for a in P.AGENCIES)
    # narrowing the boilerplate hints to those the page holds changes nothing
    assert lines.classify(s) == lines.classify(s, tuple(h for h in P.BOILERPLATE_HINTS if h in low))


_QUOTE_LEAD_PARTS = ["Peskov", "Dmitry Peskov", "ia", "Dia", "mereka", "kepada wartawan", "mengatakan", "menambahkan",
                     "berkata", "menyebutkan", "bahwa", ",", ":", " ", "  ", "\u00a0"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_QUOTE_LEAD_PARTS), st.text(max_size=6)), max_size=8).map(" ".join))
def test_speech_verb_pretest_never_turns_away_an_attribution(window):
    from analysis.page import patterns as P
    from analysis.page import quotes

    if P.BEFORE_QUOTE_RE.search(window):
        assert quotes.ends_with_before_verb(window)


_KEY_SETS = {"hints": "BOILERPLATE_HINTS", "trailing": "TRAILING_KEYS", "attribution": "ATTRIBUTION_KEYS"}


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(sorted(_KEY_SETS.values())), st.data())
def test_multi_key_scan_finds_exactly_the_keys_a_text_holds(name, data):
    # present scans for all keys at once (Aho-Corasick); it must agree with one `in` per key,
    # also for overlapping keys, repeated keys, non-ASCII and lone surrogates (the fallback).
    from analysis.page import lines
    from analysis.page import patterns as P

    keys = getattr(P, name)
    parts = st.one_of(st.sampled_from(keys), st.sampled_from([k[:-1] for k in keys] + [k[1:] for k in keys]),
                      st.text(max_size=5))
    text = data.draw(st.lists(parts, max_size=10).map("".join))
    assert lines.present(keys, text) == tuple(k for k in keys if k in text)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127), max_size=80),
                 st.lists(st.sampled_from(["Kata", "kata", "3", "2020-an", "_x", "'s", "-", "’", "É", "é", " ", "  ",
                                           ",", "(", "ABC", "a1b", "1a", "--", "\t"]), max_size=15).map("".join)))
def test_word_features_count_the_words_word_re_finds(s):
    # The ASCII path counts words from letter shapes; it must agree with WORD_RE itself.
    from analysis.page import lines
    from analysis.page import patterns as P

    words = P.WORD_RE.findall(s)
    n_cap = sum(w[0].isupper() for w in words)
    assert lines.word_features(s) == (len(words), n_cap / len(words) if words else 0.0)


# --------------------------------------------------------------------------------------------
# A page laid out as on detik.com (our own words): a "Name - outlet" byline, "Jakarta - " dateline,
# an ad right after the first paragraph, "Baca juga:" alone above its headline, closing initials,
# tags, and ranked "popular" lists under several headers.


def test_plain_hyphen_layout():
    from conftest import FIXTURES

    page = parse_page((FIXTURES / "layouts" / "plain_hyphen_dateline.txt").read_text(encoding="utf-8"))
    assert page.title == "Armenia dan Azerbaijan Sepakati Gencatan Senjata Baru"
    assert page.byline == "Rifki Pratama - detikNews"
    assert page.published == pd.Timestamp("2020-11-10 08:15")
    assert (page.caption, page.photo_credit) == ("Warga Stepanakert di tempat perlindungan", "AP Photo")
    assert page.dateline == "Jakarta"
    assert page.source == "AFP"
    assert [p.line_start for p in page.paragraphs] == [9, 12, 13, 16]
    assert page.paragraphs[0].prefix == "Jakarta -"
    assert page.paragraphs[0].text.startswith("Armenia dan Azerbaijan menyepakati")
    assert page.paragraphs[3].text.startswith("Pasukan penjaga perdamaian Rusia")
    for furniture in ("ADVERTISEMENT", "(rdp/imk)", "armenia\n", "Berita", "Demo di Yerevan"):
        assert furniture not in page.body
    assert [(x.block, x.headline, x.line) for x in page.links] == [
        ("inline", "Rusia Kirim Pasukan Penjaga Perdamaian ke Karabakh", 15),
        ("sidebar", "Putin: Gencatan Senjata Karabakh Berlaku Mulai Selasa", 22),
        ("sidebar", "Turki Sambut Kesepakatan Damai Armenia-Azerbaijan", 23),
        ("sidebar", "Harga Emas Hari Ini Naik Tipis", 25),
        ("sidebar", "Demo di Yerevan Tuntut PM Mundur", 27),  # its rank "1" is part of the item
        ("sidebar", "Warga Karabakh Mengungsi ke Armenia", 29),
    ]
    kinds = {b.line_start: b.kind for b in page.blocks}
    assert (kinds[10], kinds[17], kinds[18], kinds[24], kinds[26]) == (
        "boilerplate", "signature", "navigation", "links", "links")


def test_double_dash_layout():
    # CNN Indonesia's layout (our own words): "Jakarta, CNN Indonesia --", an all-caps agency credit,
    # "Bagikan:", an embed placeholder, "Lihat Juga :" above its headline, "Pilihan Editor: ...".
    from conftest import FIXTURES

    page = parse_page((FIXTURES / "layouts" / "double_dash_dateline.txt").read_text(encoding="utf-8"))
    assert page.title == "Rusia Kerahkan Pasukan Perdamaian ke Nagorno-Karabakh"
    assert page.published == pd.Timestamp("2020-11-10 09:30")
    assert (page.caption, page.photo_credit) == ("Ilustrasi pasukan Rusia.", "AFP/DIMITAR DILKOFF")
    assert page.summary is None
    assert page.dateline == "Jakarta, CNN Indonesia"
    assert [p.line_start for p in page.paragraphs] == [7, 8, 12]
    assert "Gambas" not in page.body and "Pilihan Editor" not in page.body
    assert [(x.block, x.headline, x.published) for x in page.links] == [
        ("inline", "Erdogan Sambut Kemenangan Azerbaijan di Karabakh", None),
        ("inline", "Warga Armenia Protes Kesepakatan Damai", None),
        ("sidebar", "Armenia Kehilangan Kota Shusha", pd.Timestamp("2020-11-10 06:10")),
        ("sidebar", "Azerbaijan Tembak Jatuh Helikopter Rusia", pd.Timestamp("2020-11-10 05:45")),
    ]
    kinds = {b.line_start: b.kind for b in page.blocks}
    assert (kinds[5], kinds[9], kinds[14]) == ("boilerplate", "boilerplate", "signature")


def test_agency_dateline_layout():
    # ANTARA's layout (our own words): "Moskow (ANTARA) -", a caption closed by an agency path
    # credit, "Sumber:", "Pewarta:" and "Editor:" lines, a copyright line.
    from conftest import FIXTURES

    page = parse_page((FIXTURES / "layouts" / "agency_dateline.txt").read_text(encoding="utf-8"))
    assert page.title == "Armenia dan Azerbaijan sepakat akhiri perang di Nagorno-Karabakh"
    assert page.published == pd.Timestamp("2020-11-10 10:05")
    assert page.caption == "Warga menyaksikan siaran televisi tentang kesepakatan damai di Yerevan, Armenia."
    assert page.photo_credit == "ANTARA/REUTERS/Artem Mikryukov/aa"
    assert (page.dateline, page.source, page.byline) == ("Moskow (ANTARA)", "Reuters", "Aria Cindyara")
    assert [p.line_start for p in page.paragraphs] == [5, 6, 8]
    assert [(x.block, x.headline) for x in page.links] == [("inline", "Turki sambut kesepakatan damai di Karabakh")]
    assert "COPYRIGHT" not in page.body and "Editor" not in page.body


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127), max_size=60), st.text(max_size=30)))
def test_norm_key_is_the_lower_cased_words_joined(s):
    from analysis.page import lines

    assert lines.norm_key(s) == " ".join(re.split(r"[\W_]+", s.lower())).strip()


def test_bulleted_inline_list_layout():
    # Liputan6's layout (our own words): "Oleh X pada <date>", "Baca Juga" above bulleted headlines,
    # a video promo line, page numbers.
    from conftest import FIXTURES

    page = parse_page((FIXTURES / "layouts" / "bulleted_inline_list.txt").read_text(encoding="utf-8"))
    assert page.byline == "Tanti Yulianingsih"
    assert page.published == pd.Timestamp("2020-11-12 14:20")
    assert (page.caption, page.photo_credit) == (
        "Warga Karabakh kembali ke rumah mereka.", "Photo by Karen MINASYAN / AFP")
    assert page.dateline == "Liputan6.com, Stepanakert"
    assert [p.line_start for p in page.paragraphs] == [7, 12, 14]
    assert [(x.block, x.headline) for x in page.links] == [
        ("inline", "Rusia dan Turki Bahas Pusat Pemantauan Gencatan Senjata"),
        ("inline", "Armenia Berduka atas Korban Perang Karabakh"),
    ]
    assert "Simak video" not in page.body and "Halaman" not in page.body


def test_outlet_date_line_layout():
    # Kompas's layout (our own words): the date line names the outlet, the byline line names the writer;
    # "Lihat Foto"; a credit in capitals glued to the caption; a Telegram promo.
    from conftest import FIXTURES

    page = parse_page((FIXTURES / "layouts" / "outlet_date_line.txt").read_text(encoding="utf-8"))
    assert page.published == pd.Timestamp("2020-11-11 07:30")
    assert page.byline == "Bernadette Aderi Puspaningrum"  # the writer, without the labels
    assert (page.caption, page.photo_credit) == (
        "Warga Azerbaijan merayakan kesepakatan damai di Baku.", "AP PHOTO/AZIZ KARIMOV")
    assert (page.dateline, page.source) == ("BAKU, KOMPAS.com", "Reuters")
    assert [p.line_start for p in page.paragraphs] == [8, 10]
    assert [x.headline for x in page.links] == ["Armenia Protes, Parlemen Diserbu Massa",
                                                "Putin: Pasukan Rusia Jaga Koridor Lachin"]
    assert {b.line_start: b.kind for b in page.blocks}[6] == "boilerplate"


def test_bracket_credit_layout():
    # Suara's layout (our own words): a credit in square brackets, "Suara.com -", two link lists.
    from conftest import FIXTURES

    page = parse_page((FIXTURES / "layouts" / "bracket_credit.txt").read_text(encoding="utf-8"))
    assert (page.caption, page.photo_credit, page.summary) == ("Ilustrasi rumah terbakar.", "Shutterstock", None)
    assert page.byline == "Dian Rosmala | Rifan Aditya"
    assert page.dateline == "Suara.com"
    assert [p.line_start for p in page.paragraphs] == [7, 8]
    assert [x.headline for x in page.links] == [
        "Armenia Serahkan Kelbajar ke Azerbaijan", "Warga Karabakh Mengungsi Massal", "Harga Cabai Melonjak"]


@pytest.mark.parametrize("initials", ["(ant/ka)", "[rdp/imk]", "(sef)"])
def test_closing_initials_are_a_trailer_not_a_photo_credit(initials):
    text = f"Judul Berita Tentang Gencatan Senjata Di Kaukasus\n\n{_BODY}\n\n{_BODY} {initials}\n"
    page = parse_page(text)
    assert [(p.text, p.trailer) for p in page.paragraphs] == [(_BODY, None), (_BODY, initials)]
    assert page.caption is None and page.photo_credit is None


def test_image_labels_layout():
    # BBC Indonesia's layout (our own words): "Lompat ke konten", a question as headline, "Sumber gambar,"
    # and "Keterangan gambar," lines, a podcast promo inside the article, a tag list.
    from conftest import FIXTURES

    page = parse_page((FIXTURES / "layouts" / "image_labels.txt").read_text(encoding="utf-8"))
    assert page.title == "Armenia dan Azerbaijan: Apa isi kesepakatan damai di Nagorno-Karabakh?"
    assert page.published == pd.Timestamp("2020-11-10")
    assert page.caption == ("Warga Armenia berkumpul di depan gedung pemerintah di Yerevan setelah kesepakatan "
                            "diumumkan.")
    assert page.photo_credit == "EPA"
    assert [p.line_start for p in page.paragraphs] == [6, 7, 12]
    kinds = {b.line_start: b.kind for b in page.blocks}
    assert (kinds[1], kinds[8], kinds[11], kinds[14]) == ("boilerplate", "boilerplate", "boilerplate", "navigation")
    assert page.links == []


def test_domain_dateline_layout():
    # tirto.id's layout (our own words): "tirto.id -" dateline, reading time, "domain/Name" photo credit.
    from conftest import FIXTURES

    page = parse_page((FIXTURES / "layouts" / "domain_dateline.txt").read_text(encoding="utf-8"))
    assert page.title == "Sejarah Konflik Nagorno-Karabakh dan Peran Rusia"
    assert (page.caption, page.photo_credit) == ("Ilustrasi peta Kaukasus.", "tirto.id/Sabit")
    assert page.dateline == "tirto.id"
    assert page.paragraphs[0].text.startswith("Konflik Nagorno-Karabakh berakar")
    assert [p.line_start for p in page.paragraphs] == [6, 7, 11]
    assert {b.line_start: b.kind for b in page.blocks}[4] == "boilerplate"  # "Dibaca Normal 3 menit"
    assert [x.headline for x in page.links] == ["Rusia dan Kaukasus: Sejarah Panjang Pengaruh Moskow",
                                                "Mengapa Turki Mendukung Azerbaijan?"]


@pytest.mark.parametrize(("line", "kind", "link"), [
    ("Tags: Armenia, Azerbaijan, Rusia", "navigation", None),
    ("Topik: Konflik Armenia-Azerbaijan", "navigation", None),
    ("Halaman Selanjutnya", "boilerplate", None),
    ("Terima kasih telah membaca.", "boilerplate", None),
    ("Lihat juga Video: Putin Umumkan Gencatan Senjata", "related", "Putin Umumkan Gencatan Senjata"),
    ("[Baca Juga: Armenia Berduka]", "related", "Armenia Berduka"),
    ("[Gambas:Video CNN]", "boilerplate", None),
])
def test_article_tail_furniture(line, kind, link):
    second = "Perundingan berlangsung selama sepuluh jam di ibu kota dan dimediasi oleh negara tetangga."
    page = parse_page(f"Judul Berita Tentang Gencatan Senjata Di Kaukasus\n\n{_BODY}\n\n{second}\n\n{line}\n")
    assert [b.kind for b in page.blocks if b.line_start == 7] == [kind]
    assert page.body == f"{_BODY}\n\n{second}"
    assert [x.headline for x in page.links] == ([link] if link else [])


@pytest.mark.parametrize(("name", "caption", "credit", "paragraph_lines"), [
    # kumparan's layout (our own words): "... Foto: REUTERS/Stringer", reading time, a disclaimer line
    ("trailing_photo_label.txt", "Pasukan Rusia tiba di Stepanakert.", "REUTERS/Stringer", [8, 9]),
    # merdeka's layout (our own words): "... ©REUTERS/Sputnik", "[pan]" initials, "Baca juga:" list
    ("copyright_credit.txt", "Presiden Rusia Vladimir Putin.", "REUTERS/Sputnik", [6, 7]),
])
def test_caption_credit_layouts(name, caption, credit, paragraph_lines):
    from conftest import FIXTURES

    page = parse_page((FIXTURES / "layouts" / name).read_text(encoding="utf-8"))
    assert (page.caption, page.photo_credit) == (caption, credit)
    assert [p.line_start for p in page.paragraphs] == paragraph_lines


@pytest.mark.parametrize(("line", "kind"), [
    ("Home » Internasional » Eropa", "navigation"),
    ("Beranda > Dunia > Armenia Sepakati Gencatan Senjata", "navigation"),
    ("Home / News / Internasional", "navigation"),
    ("A A A", "boilerplate"),
    ("Font: A- A+", "boilerplate"),
])
def test_page_head_furniture_is_not_the_title(line, kind):
    title = "Armenia dan Azerbaijan Sepakati Gencatan Senjata Baru"
    second = "Perundingan berlangsung selama sepuluh jam di ibu kota dan dimediasi oleh negara tetangga."
    page = parse_page(f"{line}\n\n{title}\n\n{_BODY}\n\n{second}\n")
    assert [b.kind for b in page.blocks if b.line_start == 1] == [kind]
    assert page.title == title


@pytest.mark.parametrize("headline", [
    "Perang 24/7 di Karabakh Terus Berlanjut",
    "[POPULER GLOBAL] Siapa Pelaku Bom Mobil | Derita Warga Karabakh",
])
def test_headlines_with_slashes_or_bars_stay_titles(headline):
    page = parse_page(f"{headline}\n\n{_BODY}\n")
    assert page.title == headline


@pytest.mark.parametrize(("line", "title"), [
    ("Armenia dan Azerbaijan Sepakati Damai - Kompas.com", "Armenia dan Azerbaijan Sepakati Damai"),
    ("Armenia Berduka atas Korban Perang | merdeka.com", "Armenia Berduka atas Korban Perang"),
    ("Harga BBM Naik Lagi - Pertamina", "Harga BBM Naik Lagi - Pertamina"),  # not a site name: kept
])
def test_site_name_after_the_headline_is_dropped_from_the_title(line, title):
    page = parse_page(f"{line}\n\n{_BODY}\n")
    assert page.title == title
    assert page.blocks[0].text == line  # the block keeps the line as it is


# --------------------------------------------------------------------------------------------
# Single stages of the parser, tested alone (analysis.page.lines, furniture, head_body, fields).


def _table(*lines):
    from analysis.page.head_body import line_table

    return line_table(list(enumerate(lines, start=1)), {})


def test_every_kind_is_a_plain_string_in_blocks_and_has_a_column_and_a_colour():
    from analysis.overview import KIND_ORDER
    from analysis.page import Kind
    from analysis.plots import KIND_COLOURS

    assert tuple(Kind) == KIND_ORDER
    assert set(KIND_COLOURS) == set(Kind)
    page = parse_page("ADVERTISEMENT\nArmenia dan Azerbaijan Sepakati Gencatan Senjata\nWarga Stepanakert kembali ke "
                      "rumah mereka setelah perang usai.\n")
    assert [b.kind for b in page.blocks] == [Kind.boilerplate, Kind.title, Kind.paragraph]
    assert all(type(b.kind) is str for b in page.blocks)


@pytest.mark.parametrize(("line", "kind"), [
    ("Baca juga: Rusia Kirim Pasukan Penjaga Perdamaian", "related"),
    ("ADVERTISEMENT", "boilerplate"),
    ("Artikel Lainnya", "links"),
    ("Video", "video_mark"),
    ("Penulis: Rifki Pratama", "byline"),
    ("Home » Internasional » Eropa", "navigation"),
    ("Warga Stepanakert kembali ke rumah mereka setelah perang usai.", None),
])
def test_classify_one_line(line, kind):
    from analysis.page.lines import classify

    assert classify(line) == kind


def test_navigation_runs_label_three_short_lines_in_a_row():
    from analysis.page.head_body import navigation_runs

    t = _table("Home", "Dunia", "Eropa", "Armenia dan Azerbaijan Sepakati Gencatan Senjata", "Olahraga", "Bola")
    navigation_runs(t)
    assert t.label == ["navigation"] * 3 + [None] * 3  # two short lines are not a run


def test_find_title_skips_section_labels_and_stops_at_running_text():
    from analysis.page.head_body import find_title

    t = _table("Politik", "Armenia dan Azerbaijan Sepakati Gencatan Senjata", "Warga Stepanakert kembali ke rumah.")
    find_title(t)
    assert (t.title_idx, t.label) == (1, ["navigation", "title", None])
    t = _table("Warga Stepanakert kembali ke rumah mereka setelah perang usai.", "Judul Yang Datang Terlambat")
    find_title(t)
    assert (t.title_idx, t.label) == (None, [None, None])


def test_find_body_start_moves_to_a_dateline_a_few_lines_down():
    from analysis.page.head_body import find_body_start, find_title

    t = _table("Armenia dan Azerbaijan Sepakati Gencatan Senjata",
               "Kesepakatan itu diumumkan Selasa dini hari setelah enam minggu perang.",
               "Jakarta - Armenia dan Azerbaijan menyepakati gencatan senjata baru di Nagorno-Karabakh.")
    find_title(t)
    find_body_start(t)
    assert t.body_start == 2  # the standfirst above the dateline stays head


def test_label_body_and_trailing_subheadings():
    from analysis.page.head_body import drop_trailing_subheadings, label_body

    t = _table("Warga Stepanakert kembali ke rumah mereka setelah perang usai pekan lalu.", "Kronologi Perang",
               "Pasukan Rusia tiba di Karabakh pada Selasa pagi untuk menjaga perdamaian.",
               "Warga Stepanakert kembali ke rumah mereka setelah perang usai pekan lalu.", "Berita Lainnya Hari Ini")
    label_body(t)
    assert t.label == ["paragraph", "subheading", "paragraph", "duplicate", "subheading"]
    assert t.last_paragraph == 2
    drop_trailing_subheadings(t)
    assert t.label[-1] == "unknown"


def test_furniture_handlers_take_their_lines_and_leave_text():
    from analysis.page.furniture import HANDLERS, furniture_pass
    from analysis.page.lines import classify_lines
    from analysis.page.records import Page

    nonblank = list(enumerate(["Baca juga: Rusia Kirim Pasukan ke Karabakh", "Komentar", "- pendek",
                               "Warga kembali ke rumah."], start=1))
    kinds, stamps = classify_lines(nonblank)
    assert set(kinds.values()) <= set(HANDLERS)
    page, blocks, text_lines = Page(None, 4), [], []
    furniture_pass(page, nonblank, kinds, blocks, text_lines, stamps)
    assert [(b.kind, b.line_start) for b in blocks] == [("related", 1), ("comments", 2)]
    assert [x.headline for x in page.links] == ["Rusia Kirim Pasukan ke Karabakh"]
    assert text_lines == [(3, "- pendek"), (4, "Warga kembali ke rumah.")]  # a two-word bullet is text


@pytest.mark.parametrize(("line", "expected"), [
    ("Oleh Tanti Yulianingsih pada 10 Nov 2020, 08:15 WIB", "Tanti Yulianingsih"),
    ("Kompas.com - 10/11/2020, 08:15 WIB", None),
])
def test_date_field_sets_published_and_names_who(line, expected):
    from analysis.page.fields import FIELDS
    from analysis.page.records import Page

    page = Page(None, 1)
    assert FIELDS["date"](page, 1, line, {}) == expected
    assert page.published == pd.Timestamp("2020-11-10 08:15")


def test_quote_speakers_layout():
    # Speakers of quotations (our own words): "ujarnya"/"katanya" after a subject named in the paragraph before
    # or earlier in the same paragraph, a quotation continued after its attribution, a lower-case job title and
    # an organisation before the name, a partial quote after 'X ... mengatakan bahwa dia'.
    from conftest import FIXTURES

    page = parse_page((FIXTURES / "layouts" / "quote_speakers.txt").read_text(encoding="utf-8"))
    assert [(q.paragraph, q.speaker, q.text[:20]) for q in page.quotes] == [
        (3, "Gubernur Bank Sentral Arif Wicaksono", "Langkah ini kami amb"),
        (4, "Dewi Kartika Sari", "Kenaikan ini sudah d"),
        (4, "Dewi Kartika Sari", "Dampaknya pada kredi"),
        (5, "Menteri Keuangan Hendra Gunawan", "Pemerintah akan menj"),
        (6, "Hendra", "tidak melihat tanda-"),
    ]


@pytest.mark.parametrize(("text", "speakers"), [
    # "-nya" after a named subject earlier in the paragraph, not the speaker of the paragraph before
    ('"Kami menolak usulan itu sejak awal sekali," kata Rudi.\n'
     'Sri Wahyuni menyebutkan, rapat akan dilanjutkan. "Semua pihak sudah setuju dengan jadwal baru," ujarnya.',
     ["Rudi", "Sri Wahyuni"]),
    # a pronoun subject is no new name: "-nya" stays with the last speaker
    ('"Kami menolak usulan itu sejak awal sekali," kata Rudi.\n'
     'Ia menambahkan, rapat akan dilanjutkan. "Semua pihak sudah setuju dengan jadwal baru," ujarnya.',
     ["Rudi", "Rudi"]),
    # a sentence opening "Pada Senin ..." names no one
    ('Pada Senin malam rapat ditunda. "Semua pihak sudah setuju dengan jadwal baru," tulisnya.', [None]),
    # a quotation after a sentence of its own is not the continuation of the one before
    ('"Kami menolak usulan itu sejak awal sekali," kata Rudi. Rapat lalu ditutup. '
     '"Semua pihak sudah setuju dengan jadwal baru."', ["Rudi", None]),
    ('"Harga cabai naik dua kali lipat minggu ini," kata ekonom Universitas Cendana Tono Sugiarto.',
     ["Tono Sugiarto"]),
    ('"Harga cabai naik dua kali lipat minggu ini," kata pejabat Kementerian Luar Negeri Teuku Rahman.',
     ["Teuku Rahman"]),
])
def test_quote_speaker_rules(text, speakers):
    page = parse_page("Judul Berita Tentang Rapat Anggaran Di Kota\n\n" + text.replace("\n", "\n\n") + "\n")
    assert [q.speaker for q in page.quotes] == speakers


@pytest.mark.parametrize(("text", "speakers"), [
    # a partial quote inside a sentence of reported speech: the sentence's subject speaks
    ('Rudi menggarisbawahi, dia datang ke kota itu "untuk sekali lagi menunjukkan dukungan kami".', ["Rudi"]),
    ('Menurut Sri Wahyuni, "rapat anggaran harus selesai sebelum akhir bulan ini".', ["Sri Wahyuni"]),
    ('Pada Jumat (2/10/2020) Menteri Dalam Kota Bayu Prakoso mengatakan ke harian Suara Kota, bahwa pemerintah '
     'telah "menyiapkan ribuan paket bantuan bagi warga".', ["Menteri Dalam Kota Bayu Prakoso"]),
    ('Dalam pidatonya, Bayu menegaskan dukungan pemerintah, dengan mengatakan bahwa "selama kita bekerja bersama '
     'semua kesulitan akan teratasi".', ["Bayu"]),
    ('Juru bicara kantor wali kota Rina Kusuma "dengan keras" mengecam penundaan itu dan mengatakan kontraktor '
     '"sekali lagi melanggar isi perjanjian kerja".', ["Rina Kusuma"]),
    # a pronoun subject: the speaker of the paragraph before
    ('"Warga kami akan membantu dengan segala cara seperti biasa," kata Bayu Prakoso.\n'
     'Dia menuduh kontraktor "menjadi hambatan terbesar bagi pembangunan kota" sejak awal.',
     ["Bayu Prakoso", "Bayu Prakoso"]),
    # an attribution by description only, after a paragraph that names the speaker
    ('Rudi Hartono tak ragu memuji strategi tim lawan.\n'
     '"Jujur saya belum pernah melihat mereka bermain sebaik ini," ucap pelatih asal Jepang tersebut.',
     ["Rudi Hartono"]),
    # a name, an apposition between commas, then the verb; "katanya" in the next paragraph
    ('Terlepas dari unjuk rasa itu, Rina Wati, direktur lembaga riset kota, mengatakan protes tidak akan meluas.\n'
     '"Kepercayaan warga pada wali kota masih cukup tinggi sampai sekarang," katanya.', ["Rina Wati"]),
    # a paragraph that is only a quotation goes on with the speaker of the one before ...
    ('"Kami belum pernah menonton langsung pertandingan mereka," ucap Rudi.\n'
     '"Tapi kami sudah melihatnya lewat tayangan ulang di televisi."', ["Rudi", "Rudi"]),
    # ... but not after a paragraph without one
    ('"Kami belum pernah menonton langsung pertandingan mereka," ucap Rudi.\nPertandingan lalu dimulai pukul tujuh.\n'
     '"Tapi kami sudah melihatnya lewat tayangan ulang di televisi."', ["Rudi", None]),
    # a news agency relays; the one it cites speaks
    ('"Pasukan tambahan sedang dikirim ke wilayah perbatasan sejak pagi ini," tulis kantor berita Antara Kota, '
     'mengutip Kementerian Pertahanan.', ["Kementerian Pertahanan"]),
    # no verb of saying: a banner is no speech of the subject
    ('Rudi Hartono tiba di balai kota membawa spanduk bertuliskan "kami ingin keadilan untuk semua warga".', [None]),
])
def test_quote_speaker_in_reported_speech(text, speakers):
    page = parse_page("Judul Berita Tentang Rapat Anggaran Di Kota\n\n" + text.replace("\n", "\n\n") + "\n")
    assert [q.speaker for q in page.quotes] == speakers


@pytest.mark.parametrize(("text", "speakers"), [
    # a role, then the name between commas; "Dia menambahkan" two sentences on is still that person
    ('Kapten tim, Fajar Nugroho, mengatakan kemenangan itu modal penting jelang laga melawan Filipina. Dia '
     'menambahkan, "Dukungan suporter di stadion itu luar biasa sekali."', ["Fajar Nugroho"]),
    # an honorific ends no sentence: "dr." and "Prof. Dr." stay with the name
    ('Direktur rumah sakit, dr. Bambang Irawan, mengatakan pihaknya menambah tempat tidur. Ia berharap semua '
     'pasien tertangani. "Kami tidak akan menolak satu pasien pun," ucapnya.', ["dr. Bambang Irawan"]),
    ('Ketua Satgas Ikatan Dokter Kota (IDK), Prof. Dr. Hartati Mulyani, menegaskan, "Vaksin yang dipakai sudah '
     'terbukti aman."', ["Prof. Dr. Hartati Mulyani"]),
    # the name first, its office as the apposition
    ('Tri Handayani, Kepala Badan Statistik Kota, mengatakan bahwa inflasi naik. "Kalau tidak segera diatasi, '
     'daya beli akan turun," ujarnya.', ["Tri Handayani"]),
    # a leading phrase, then a lower-case job title before the name
    ('Di kubu lawan, pelatih tim tamu Nguyen Van Long mengakui timnya lengah. "Kami membuat terlalu banyak '
     'kesalahan sendiri," katanya.', ["Nguyen Van Long"]),
    # an agency that cites a spokesperson of an organisation, named after a comma
    ('"Sedikitnya empat puluh warga sipil tewas sejak Sabtu," tulis kantor berita Antara Kota, mengutip juru bicara '
     'Badan Pangan Dunia (WFP), Maria Lind.', ["Maria Lind"]),
    # an official account, a statement of an institution
    ('"Semua pihak harus segera kembali ke meja perundingan," cuit akun resmi Sekretariat Forum Kota di platform X.',
     ["Sekretariat Forum Kota"]),
    ('"Cek informasi kesehatan hanya dari sumber resmi," demikian imbauan Dinas Kesehatan dalam siaran persnya.',
     ["Dinas Kesehatan"]),
    ('Aliansi Petani Kota menuding sebaliknya. "Mereka menutup saluran air ke sawah kami," demikian pernyataan '
     'kelompok itu di kanal resminya.', ["Aliansi Petani Kota"]),
    # an unnamed speaker is no one named before
    ('"Warga kami akan membantu dengan segala cara," kata Bayu Prakoso.\n'
     'Seorang pengungsi menceritakan perjalanan keluarganya. "Kami hanya membawa pakaian di badan," katanya.\n'
     '"Yang paling dibutuhkan sekarang popok bayi dan susu," kata seorang relawan di posko tersebut.',
     ["Bayu Prakoso", None, None]),
    # a subject by description ("... ini menyebut") points back to the speaker before
    ('"Presiden ingin mengakomodasi partai yang baru bergabung," kata Ujang.\n'
     'Namun demikian, pengamat politik dari Universitas Kota ini menyebut hal itu hak presiden.\n'
     '"Pada prinsipnya itu hak prerogatif presiden," pungkasnya.', ["Ujang", "Ujang"]),
    ('"Kami akan mendengar semua usulan warga," kata Bayu.\nRina Kusuma memimpin rapat warga itu.\n'
     'Beliau menegaskan, "Tidak ada warga yang akan kami tinggalkan."', ["Bayu", "Rina Kusuma"]),
])
def test_quote_speaker_roles_and_relays(text, speakers):
    page = parse_page("Judul Berita Tentang Rapat Anggaran Di Kota\n\n" + text.replace("\n", "\n\n") + "\n")
    assert [q.speaker for q in page.quotes] == speakers


def test_reported_speech_keeps_its_verb():
    page = parse_page("Judul Berita Tentang Rapat Anggaran Di Kota\n\n"
                      'Menurut Sri Wahyuni, "rapat anggaran harus selesai sebelum akhir bulan ini".\n\n'
                      'Rudi menggarisbawahi, dia datang "untuk sekali lagi menunjukkan dukungan kami".\n')
    assert [(q.speaker, q.verb) for q in page.quotes] == [("Sri Wahyuni", "menurut"), ("Rudi", "menggarisbawahi")]


@pytest.mark.parametrize(("run", "person"), [
    ("Bank Nusantara Dewi Kartika Sari", "Dewi Kartika Sari"),
    ("Kementerian Luar Negeri Teuku Rahman", "Teuku Rahman"),
    ("Kementerian Luar Negeri", "Kementerian Luar Negeri"),
    ("Direktur Eksekutif Lembaga Riset Kota (LRK) Budi Santoso", "Budi Santoso"),
    ("Menteri Keuangan Hendra Gunawan", "Menteri Keuangan Hendra Gunawan"),
    ("Peskov", "Peskov"),
])
def test_person_in_a_speaker_run(run, person):
    from analysis.page.quotes import person_in

    assert person_in(run) == person


@pytest.mark.parametrize(("name", "truncated"), [
    ("teaser_cut_ellipsis.txt", True),  # a teaser's text cut mid-word, an ellipsis after it
    ("closing_mark_end.txt", False),  # a sentence end, then the closing mark "(*)"
])
def test_truncated_layouts(name, truncated):
    # Page ends (our own words): "truncated" is a last paragraph that stops mid-sentence.
    from conftest import FIXTURES

    page = parse_page((FIXTURES / "layouts" / name).read_text(encoding="utf-8"))
    assert page.truncated is truncated


@pytest.mark.parametrize(("last", "cut"), [
    ("Tak hanya itu, Presiden mencopot menteri dari posisi Men", True),
    ("Warga masih menunggu kepastian jadwal perbaik...", True),
    ("Warga masih menunggu kepastian, jadwal…", True),
    ("Warga masih menunggu kepastian jadwal perbaikan.", False),
    ('"Kita lihat saja nanti..."', False),
    ("Warga masih menunggu kepastian jadwal perbaikan. (Antara)", False),
    ("Warga masih menunggu kepastian jadwal perbaikan (Antara)", True),
    ("Berikut daftar nama pemain yang dipanggil:", False),
    ("5. Kabupaten Subang dengan 909 kasus", False),
])
def test_cut_off_last_paragraph(last, cut):
    from analysis.page.fields import cut_off

    assert cut_off(last) is cut


# --------------------------------------------------------------------------------------------
# Issue #16, classes 1-5: general rules, each on a page of our own words (tests/fixtures/layouts/).


def layout_page(name):
    from conftest import FIXTURES

    return parse_page((FIXTURES / "layouts" / name).read_text(encoding="utf-8"))


def block_kinds(page):
    return {b.line_start: b.kind for b in page.blocks}


@pytest.mark.parametrize(("name", "title", "opening", "byline", "body_start"), [
    # a line of body text opens the page; the headline is on line 2, above its byline (line 3) and date
    ("opening_teaser_title.txt", "Nelayan Demak Tunda Melaut karena Cuaca Buruk", "unknown", "Sari Wulandari", 5),
    # a headline-shaped video label opens the page; the headline below it is followed by the byline
    ("video_label_title.txt", "Pemkot Siapkan Posko Pengungsian di Tiga Kecamatan", "unknown", "Agus Setiawan", 5),
    # a skip link is boilerplate, and a store stamp glued in front of the headline is not part of it
    ("skip_link_stamp.txt", "Harga Beras Naik Menjelang Musim Tanam", "boilerplate", None, 4),
    # the lead opens the page, the headline follows, then the lead again where the body starts
    ("teaser_repeat_title.txt", "Harga cabai naik lagi, pedagang mengeluh", "unknown", None, 3),
])
def test_headline_below_the_first_line(name, title, opening, byline, body_start):
    page = layout_page(name)
    assert page.title == title
    assert page.summary is None
    kinds = block_kinds(page)
    assert (kinds[1], kinds[2]) == (opening, "title")
    assert page.byline == byline  # the name of the byline line, never the headline
    assert page.paragraphs[0].line_start == body_start


@pytest.mark.parametrize(("name", "prefix", "dateline", "start"), [
    ("glued_dash_dateline.txt", "JAKARTA-", "JAKARTA", "Gencatan senjata antara"),  # no space after the dash
    ("initials_outlet_dateline.txt", "Jakarta, MI -", "Jakarta, MI", "Pemerintah memutuskan"),  # outlet initials
    ("store_stamp_paragraph.txt", "date 2023-09", None, "Badan meteorologi"),  # a store stamp, no dateline
])
def test_datelines_and_stamps_cut_from_the_first_paragraph(name, prefix, dateline, start):
    page = layout_page(name)
    first = page.paragraphs[0]
    assert (first.prefix, page.dateline) == (prefix, dateline)
    assert first.text.startswith(start)


def test_nato_hyphen_is_not_a_glued_dateline():
    from analysis.page.lines import dateline_prefix

    assert dateline_prefix("NATO-Rusia sepakat membuka jalur komunikasi baru di Brussel pekan ini.") is None


def test_calls_to_action_and_source_url():
    page = layout_page("calls_to_action.txt")
    assert [p.line_start for p in page.paragraphs] == [3, 4, 6]
    assert "selengkapnya" not in page.body
    kinds = block_kinds(page)
    assert (kinds[5], kinds[7], kinds[8]) == ("boilerplate", "boilerplate", "source")
    assert page.source == ("https://www.contoh-warta.co.id/ekonomi/2020/11/15/"
                           "tarif-kereta-lokal-turun-selama-libur-sekolah-untuk-menarik-penumpang")


def test_schedule_list_is_the_article():
    page = layout_page("broadcast_schedule.txt")
    assert [p.line_start for p in page.paragraphs] == [3, 4, 5, 6]
    assert page.paragraphs[1].text == "Pukul 18.15 WIB - Persiba Bantul vs Persis Solo"
    assert page.truncated is False  # a list ends without a full stop
    assert "unknown" not in block_kinds(page).values()


def test_last_paragraph_cut_mid_word_stays_in_the_body():
    page = layout_page("cut_last_paragraph.txt")
    assert [p.line_start for p in page.paragraphs] == [3, 4, 5]
    assert page.paragraphs[-1].text == "Sementara itu, pihak kecamatan masih mendata kerugi"
    assert page.truncated is True


def test_paragraph_repeating_the_standfirst_is_kept():
    page = layout_page("standfirst_repeat.txt")
    assert page.summary == page.paragraphs[0].text
    assert [p.line_start for p in page.paragraphs] == [4, 5, 6]
    assert block_kinds(page)[4] == "paragraph"


def test_link_markers_in_capitals_and_after_a_sentence():
    page = layout_page("capital_link_marker.txt")
    assert [(x.block, x.headline, x.line) for x in page.links] == [
        ("inline", "Petani Kopi Gayo Mulai Panen Raya", 4),  # "BACA JUGA Headline": capitals, no colon
        ("inline", "Harga Kopi Dunia Diprediksi Turun Tahun Depan", 5),  # "... ? Baca: Headline (agk)"
    ]
    assert [p.line_start for p in page.paragraphs] == [3, 5, 6]
    assert page.paragraphs[1].text.endswith("Apakah tren ini akan bertahan?")
    assert page.paragraphs[1].trailer == "Baca: Harga Kopi Dunia Diprediksi Turun Tahun Depan (agk)"


def test_caption_and_credit_lines_layout():
    # Head and foot credits (our own words): a caption line under the headline and date line read as
    # "Ilustrasi ...", a writer printed beside the date with a status word ("diperbarui"), an editor glued to
    # the "Sumber:" line.
    from conftest import FIXTURES

    page = parse_page((FIXTURES / "layouts" / "caption_under_title.txt").read_text(encoding="utf-8"))
    assert (page.summary, page.caption) == (None, "Ilustrasi vaksin Covid-19.")
    assert (page.byline, page.source) == ("Rina Kusuma", "Antara")


def test_writer_and_editor_lines_layout():
    # An "Editor:" line above the "Penulis:" line (our own words): the byline is the writer.
    from conftest import FIXTURES

    page = parse_page((FIXTURES / "layouts" / "writer_editor_lines.txt").read_text(encoding="utf-8"))
    assert page.byline == "Agus Pranoto"


@pytest.mark.parametrize(("foot", "byline", "source"), [
    ("Editor: Lestari Wulandari", "Lestari Wulandari", None),  # only an editor printed: the editor
    ("Sumber: Antara | Editor: Budi Santoso", "Budi Santoso", "Antara"),
    ("Sumber: Antara", None, "Antara"),
])
def test_editor_is_the_byline_only_when_no_writer_is_printed(foot, byline, source):
    page = parse_page("Judul Berita Tentang Rapat Anggaran Di Kota\n\n"
                      "Rapat anggaran kota berlangsung hingga larut malam dan belum menghasilkan keputusan.\n\n"
                      "Pembahasan akan dilanjutkan pekan depan bersama seluruh fraksi di dewan kota.\n\n" + foot + "\n")
    assert (page.byline, page.source) == (byline, source)


@pytest.mark.parametrize(("line", "names"), [
    ("Penulis: Agus Pranoto", ("Agus Pranoto", None)),
    ("Editor: Lestari Wulandari", (None, "Lestari Wulandari")),
    ("Penulis Agus Pranoto | Editor Lestari Wulandari", ("Agus Pranoto", "Lestari Wulandari")),
    ("Rina Kusuma diperbarui", ("Rina Kusuma", None)),
    ("Reporter : Hutomo Prayoga", ("Hutomo Prayoga", None)),
    ("Dian Rosmala | Rifan Aditya", ("Dian Rosmala | Rifan Aditya", None)),
    ("Rifki Pratama - detikNews", ("Rifki Pratama - detikNews", None)),
])
def test_credited_names_without_labels(line, names):
    from analysis.page.fields import credited

    assert credited(line) == names


@pytest.mark.parametrize(("line", "summary", "caption"), [
    ("Ilustrasi vaksin Covid-19.", None, "Ilustrasi vaksin Covid-19."),
    ("Warga antre di depan puskesmas. (Foto: Dinkes Surabaya)", None, "Warga antre di depan puskesmas."),
    ("Warga antre vaksin di puskesmas kota sejak pagi buta demi dosis penguat.",
     "Warga antre vaksin di puskesmas kota sejak pagi buta demi dosis penguat.", None),
])
def test_caption_shaped_standfirst_is_the_caption(line, summary, caption):
    from analysis.page.fields import FIELDS
    from analysis.page.records import Page

    page = Page(doc_id=None, n_lines=0)
    FIELDS["summary"](page, 3, line, {})
    assert (page.summary, page.caption) == (summary, caption)


def test_lead_repeated_under_an_empty_inline_header_is_no_link():
    page = layout_page("empty_inline_header.txt")
    assert page.links == []
    kinds = block_kinds(page)
    assert (kinds[5], kinds[6]) == ("links", "duplicate")
    assert [p.line_start for p in page.paragraphs] == [4, 7, 8]


def test_two_glued_headlines_are_two_links():
    page = layout_page("glued_sidebar_headlines.txt")
    assert [(x.position, x.headline, x.line) for x in page.links] == [
        (1, "Pemuda Desa Ini Pimpin Revolusi Pertanian Organik", 6),
        (2, "Ini Penyebab Harga Sayur Turun di Pasar", 6),
        (3, "Perpustakaan Keliling Sambangi Sekolah Pelosok", 7),
    ]
    assert [(b.kind, b.line_start) for b in page.blocks if b.kind == "link"] == [("link", 6), ("link", 7)]


@pytest.mark.parametrize("item", [
    "Pengguna Keluhkan Layanan WhatsApp Down di Seluruh Dunia",  # a brand's capitals inside a word
    "Harga iPhone Baru Turun Menjelang Akhir Tahun",
    "Sony Umumkan Harga PlayStation 5 di Indonesia",
])
def test_camel_case_words_do_not_split_a_headline(item):
    from analysis.page.furniture import glued_headlines

    assert glued_headlines(item) == (None, item)


def test_headline_widget_is_a_link_list_not_body():
    page = layout_page("headline_widget.txt")
    assert [p.line_start for p in page.paragraphs] == [3, 7]
    assert [(x.block, x.headline, x.line) for x in page.links] == [
        ("sidebar", "Jalan Tol Baru Dibuka untuk Umum Mulai Senin", 5),
        ("sidebar", "Jalan Tol Baru Dibuka untuk Umum Mulai Senin", 9),  # the widget repeated
    ]
    assert page.links[0].teaser.startswith("Pengelola jalan tol")
    assert "Pengelola" not in page.body


def test_link_header_glued_to_tags():
    page = layout_page("tags_glued_header.txt")
    assert block_kinds(page)[5] == "links"  # "inflasi harga-pangan bpsBerita Sebelumnya"
    assert [(x.block, x.headline, x.line) for x in page.links] == [
        ("sidebar", "Petani Bawang Keluhkan Harga Jual yang Anjlok", 6)]
    assert [p.line_start for p in page.paragraphs] == [3, 4]


_SPEECH_PARTS = ["Menurut", "Rudi", "Sari", "Wati,", "Kepala", "Dinas", "dr.", "Prof.", "Dr.", "juru", "bicara", "Pada",
                 "Jumat", "(2/10)", "mengatakan", "menegaskan,", "itu", "ini", "tersebut", "seorang", "Dia", "beliau",
                 "kantor", "berita", "mengutip", "akun", "resmi", "demikian", ",", ".", '"', "“", "”", "(45)"]
_speech_text = st.lists(st.one_of(st.sampled_from(_SPEECH_PARTS), st.text(max_size=5)), max_size=14).map(" ".join)


@given(_speech_text)
def test_subjects_and_speakers_are_read_from_the_text(text):
    """The subject of a sentence, the last one of a text and the speaker after a verb are None, "" (someone
    unnamed), a pronoun, or words of the text itself: nothing is made up, and nothing raises."""
    from analysis.page.patterns import PRONOUNS
    from analysis.page.quotes import last_subject, sentence_subject, speaker_after

    for who in (sentence_subject(text), last_subject(text), speaker_after(text)):
        assert who is None or who == "" or who in PRONOUNS or who in text


@given(st.lists(_speech_text, max_size=4))
def test_quote_speakers_name_someone_of_the_page(paragraphs):
    """Every speaker found is a pronoun-free name from some paragraph of the page."""
    page = parse_page("Judul Berita Tentang Rapat Anggaran Di Kota\n\n" + "\n\n".join(paragraphs) + "\n")
    body = " ".join(p.text for p in page.paragraphs)
    for q in page.quotes:
        assert q.speaker is None or (q.speaker and q.speaker.lower() not in ("ia", "dia", "beliau", "mereka")
                                     and q.speaker in body)


def test_a_dateline_alone_on_its_line_opens_the_first_paragraph():
    # our words: the outlet's dateline on a line of its own, then the lead paragraph
    page = parse_page("Harga Cabai Rawit Naik Dua Kali Lipat di Pasar Kota\n\nSabtu, 1 November 2025 10:00 WIB\n\n"
                      "KOTANEWS.COM -\n\nHarga cabai rawit di pasar tradisional naik dua kali lipat sepekan terakhir "
                      "karena hujan deras merusak panen petani di lereng gunung.\n\nPedagang mengaku pembeli kini "
                      "hanya membeli seperempat kilogram, separuh dari biasanya.\n")
    first = page.paragraphs[0]
    assert (first.line_start, first.line_end, first.prefix) == (5, 7, "KOTANEWS.COM -")
    assert first.text.startswith("Harga cabai rawit") and page.dateline == "KOTANEWS.COM"
    kinds = [(b.kind, b.line_start) for b in page.blocks if b.line_start in (5, 7)]
    assert kinds == [("dateline", 5), ("paragraph", 7)]
