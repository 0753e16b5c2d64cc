"""analysis.related: link scores, entities, sidebar verdicts, recommendations.

Expected values come from reading the pages: the seed (its ``Artikel Lainnya`` box), three constructed
pages in tests/fixtures/related_*.txt (written for these tests), pages built in tmp_path, and the
shared corpus when it is present.
"""

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.related import (
    RECOMMEND_COLUMNS,
    SCORE_COLUMNS,
    VERDICT_COLUMNS,
    TextSimilarity,
    compare_recommendations,
    describe_sidebars,
    find_entities,
    match_entities,
    recommend_links,
    score_links,
    sidebar_verdicts,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seed():
    corpus = analysis.load_corpus(SEEDS)
    return corpus, score_links(corpus)


@pytest.fixture(scope="module")
def constructed():
    """The three constructed pages as one corpus (each page's null: the other two pages' links)."""
    corpus = analysis.load_corpus(sorted(FIXTURES.glob("related_*.txt")))
    return corpus, score_links(corpus)


def one_page(name):
    corpus = analysis.load_corpus(FIXTURES / f"{name}.txt")
    return corpus, score_links(corpus)


def write_page(tmp_path, name, text):
    p = tmp_path / f"{name}.txt"
    p.write_text(text, encoding="utf-8")
    return p


def verdict_of(verdicts, doc_id):
    return verdicts.set_index("doc_id").loc[doc_id]


# --------------------------------------------------------------------------------------------
# Entities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Presiden Rusia Vladimir Putin terlibat banyak secara langsung untuk mengakhiri gejolak di Nagorno "
         "Karabakh beberapa waktu lalu.", ["Russia", "Vladimir Putin", "Nagorno Karabakh"]),
        ("Jurubicara Kremlin Dmitry Peskov mengatakan, Putin menghabiskan beberapa harinya dengan menggunakan "
         "telepon untuk pembicaraan dengan Azerbaijan dan Armenia.",
         ["Russia", "Dmitry Peskov", "Putin", "Azerbaijan", "Armenia"]),
        ("Menurut Peskov, Rusia berhasil menyelesaikan masalah.", ["Peskov", "Russia"]),
        ("Panglima militer Jenderal Abdel Fattah al-Burhan menolak tuntutan RSF.", ["Abdel Fattah al-Burhan", "RSF"]),
        ("Pertempuran Azerbaijan-Armenia makin parah.", ["Azerbaijan", "Armenia"]),
        ("Namun konflik bersenjata mulai pecah pada akhir September.", []),
        ("", []),
    ],
    ids=["title-country-person", "kremlin-is-russia", "sentence-initial-word", "al-particle", "hyphen-pair",
         "no-names", "empty"],
)
def test_find_entities(text, expected):
    assert find_entities(text) == expected


@pytest.mark.parametrize(
    ("entities", "headline", "expected"),
    [
        (["Vladimir Putin", "Russia"], "Putin Telepon Erdogan Bahas Karabakh", ["Vladimir Putin"]),
        (["Turkey"], "Turkiye Tolak Wilayah Udaranya Dilalui Pesawat Presiden Israel", ["Turkey"]),
        (["United States", "China"], "Menlu AS Waswas, China Makin Agresif Terhadap Taiwan",
         ["United States", "China"]),
        (["Nagorno-Karabakh"], "Separatis Karabakh Menyerah", ["Nagorno-Karabakh"]),
        (["Budi Gunadi Sadikin", "Kabupaten Keerom"], "Sadikin Tinjau Puskesmas di Kabupaten",
         ["Budi Gunadi Sadikin"]),
        (["United States"], "harga emas naik as usual", []),
        (["Russia"], None, []),
    ],
    ids=["surname", "spelling-variant", "short-forms", "last-word", "dictionary-last-word-not-enough",
         "lower-case-as", "no-headline"],
)
def test_match_entities(entities, headline, expected):
    assert match_entities(entities, headline) == expected


# --------------------------------------------------------------------------------------------
# Similarity


@pytest.mark.parametrize("features", ["stems", "chars", "both"])
def test_text_similarity_is_a_fitted_cosine(features):
    docs = ["Kedua negara menghentikan pertempuran di perbatasan.", "Harga cabai naik di pasar induk."]
    model = TextSimilarity(features=features)
    assert model.fit(docs) is model and set(model.vectorizers_)
    sims = model.similarity([docs[0], "hentikan tempur perbatasan"], [docs[0], docs[1]])
    assert sims[0, 0] == pytest.approx(1.0)
    assert sims[1, 0] > 0.2  # same stems: henti, tempur, batas
    assert sims[0, 1] < 0.05  # no word in common (a few shared character n-grams at most)


def test_unknown_features_are_rejected():
    with pytest.raises(ValueError, match="features"):
        TextSimilarity(features="words").fit(["teks"])


# --------------------------------------------------------------------------------------------
# score_links


def test_seed_scores_follow_the_columns(seed):
    _, scores = seed
    assert list(scores.columns) == list(SCORE_COLUMNS)
    assert {c: str(t) for c, t in scores.dtypes.items()} == {
        c: str(pd.Series(dtype=t).dtype) for c, t in SCORE_COLUMNS.items()}
    assert len(scores) == 8 and scores["position"].tolist() == list(range(1, 9))
    assert sorted(scores["rank"]) == list(range(1, 9))
    assert scores["similarity"].between(0, 1).all() and scores["p_value"].between(0, 1).all()
    # reference_time is the newest sidebar stamp (11 April 2021 22:19); the oldest link is 19:32
    assert scores["hours_before_reference"].iloc[0] == pytest.approx(0.0)
    assert scores["hours_before_reference"].iloc[-1] == pytest.approx(2 + 47 / 60)
    # the page's own section is unknown, so the "Dunia" links cannot be compared with it
    assert scores["same_section"].isna().all()


def test_seed_link_sharing_the_articles_actors_ranks_first(seed):
    # The article names Rusia and Presiden Turki Recep Tayyip Erdogan; link 6 is about Rusia and Turki.
    # The other seven (AS/China/Taiwan, IMF, India, Peru, China, Sudan Selatan, Korsel) share no one.
    _, scores = seed
    top = scores.set_index("position").loc[6]
    assert top["rank"] == 1 and top["shared_entities"] == "Russia; Turkey"
    others = scores[scores["position"] != 6]
    assert (others["n_shared_entities"] == 0).all()
    assert (others["similarity"] < top["similarity"]).all()


def test_constructed_link_sharing_the_actors_ranks_above_the_others():
    # related_actors: the health minister in Jayapura; link 1 names him and Papua, links 2-3 (chili
    # prices, a football transfer) share nothing with the article.
    _, scores = one_page("related_actors")
    by_pos = scores.set_index("position")
    assert by_pos.loc[1, "rank"] == 1 and by_pos.loc[1, "n_shared_entities"] >= 1
    assert "Budi Gunadi Sadikin" in by_pos.loc[1, "shared_entities"]
    assert (by_pos.loc[[2, 3], "n_shared_entities"] == 0).all()
    assert (by_pos.loc[[2, 3], "similarity"] < by_pos.loc[1, "similarity"]).all()
    assert bool(by_pos.loc[1, "related"]) and not by_pos.loc[[2, 3], "related"].any()


def test_scores_are_reproducible(constructed):
    corpus, scores = constructed
    pd.testing.assert_frame_equal(scores, score_links(corpus))


def test_page_without_links_gives_no_rows(tmp_path):
    corpus = analysis.load_corpus(write_page(tmp_path, "nolinks", (
        "Harga Beras Naik di Pasar Tradisional Jelang Ramadan\n\n"
        "Harga beras medium di pasar tradisional naik dua ribu rupiah per kilogram dalam sepekan terakhir.\n")))
    scores = score_links(corpus)
    assert scores.empty and list(scores.columns) == list(SCORE_COLUMNS)
    verdicts = sidebar_verdicts(scores, corpus)
    assert list(verdicts.columns) == list(VERDICT_COLUMNS)
    assert verdicts[["doc_id", "verdict", "n_links"]].values.tolist() == [["nolinks", "no links", 0]]


def test_page_without_text_is_undetermined(tmp_path):
    # Only a sidebar: no title, no body, nothing to compare the headlines with.
    corpus = analysis.load_corpus(write_page(tmp_path, "onlysidebar", (
        "Berita Terkini\n\n"
        "Timnas U-23 Menang Tipis Atas Vietnam di Laga Uji Coba\nOlahraga\n\nTimnas U-23 Menang Tipis At..\n\n"
        "12 Maret 2024 18:40\n"
        "Rupiah Ditutup Melemah Terhadap Dolar\nEkonomi\n\nRupiah Ditutup Melemah..\n\n12 Maret 2024 18:05\n")))
    scores = score_links(corpus)
    assert len(scores) == 2
    assert scores["similarity"].isna().all() and scores["p_value"].isna().all() and scores["related"].isna().all()
    assert scores["rank"].tolist() == [1, 2]
    v = verdict_of(sidebar_verdicts(scores, corpus), "onlysidebar")
    assert v["verdict"] == "undetermined" and "no article text" in v["reasons"]


def test_page_without_body_uses_its_title(tmp_path):
    corpus = analysis.load_corpus(write_page(tmp_path, "titleonly", (
        "Harga Beras Naik di Pasar Tradisional Jelang Ramadan\n\n"
        "Baca juga: Pedagang Beras Keluhkan Pasokan dari Petani Menurun\n")))
    scores = score_links(corpus)
    assert len(scores) == 1 and scores["similarity"].iloc[0] > 0  # "beras" in both


def test_one_unrelated_link_without_timestamp(tmp_path):
    # One inline link about a football transfer under an article on rice prices: no timestamp, so no
    # feed; a one-page null cannot show that the sidebar is off-topic -> undetermined, with the reason.
    corpus = analysis.load_corpus(write_page(tmp_path, "onelink", (
        "Harga Beras Naik di Pasar Tradisional Jelang Ramadan\n\n"
        "Harga beras medium di pasar tradisional Surabaya naik dua ribu rupiah per kilogram dalam sepekan.\n\n"
        "Baca juga: Klub Liga 1 Rekrut Penyerang Asing Asal Brasil\n\n"
        "Pedagang menyebut pasokan dari penggilingan berkurang karena panen mundur.\n")))
    scores = score_links(corpus)
    assert len(scores) == 1 and scores["rank"].iloc[0] == 1
    assert math.isnan(scores["hours_before_reference"].iloc[0])
    v = verdict_of(sidebar_verdicts(scores, corpus), "onelink")
    assert v["n_links"] == 1 and v["n_timestamped"] == 0 and pd.isna(v["descending"])
    assert v["verdict"] == "undetermined" and "no link timestamps" in v["reasons"]


# --------------------------------------------------------------------------------------------
# Verdicts


def test_seed_artikel_lainnya_is_a_recency_feed(seed):
    # Eight world-desk links stamped 22:19 down to 19:32 on 11 April 2021, newest first; only one
    # (Rusia/Turki) touches the article's actors.
    corpus, scores = seed
    v = verdict_of(sidebar_verdicts(scores, corpus), "000_dc8006bf72fa3c3c")
    assert v["verdict"] == "recency feed"
    assert v["n_links"] == 8 and v["n_timestamped"] == 8 and bool(v["descending"])
    assert v["span_hours"] == pytest.approx(2 + 47 / 60)
    assert v["sections"] == "Dunia ×8"
    assert v["n_related"] <= 1 and "newest first" in v["reasons"]


@pytest.mark.parametrize(
    ("doc_id", "verdict", "descending", "span_hours"),
    [
        ("related_feed", "recency feed", True, 2.5),         # 18:40, 18:05, 17:31, 16:52, 16:10; five desks
        ("related_topical", "topical", False, 385.25),       # 20 April 08:15 .. 6 May 09:30, out of order
        ("related_actors", "mixed", None, None),             # 1 of 3 inline links on the minister
    ],
)
def test_verdicts_on_constructed_pages(constructed, doc_id, verdict, descending, span_hours):
    corpus, scores = constructed
    v = verdict_of(sidebar_verdicts(scores, corpus), doc_id)
    assert v["verdict"] == verdict
    assert v["null_kind"] == "other pages + shuffled"
    if descending is None:
        assert pd.isna(v["descending"]) and math.isnan(v["span_hours"])
    else:
        assert bool(v["descending"]) is descending and v["span_hours"] == pytest.approx(span_hours)


@pytest.mark.parametrize(("name", "verdict"), [("related_feed", "recency feed"), ("related_topical", "topical")])
def test_verdicts_on_single_constructed_pages(name, verdict):
    # Alone, each page's null can only be built from its own links (shuffled): the verdict says so.
    corpus, scores = one_page(name)
    v = verdict_of(sidebar_verdicts(scores, corpus), name)
    assert v["null_kind"] == "own links + shuffled"
    assert v["verdict"] == verdict and "one-page null" in v["reasons"]


def test_a_slow_feed_is_not_a_recency_feed(constructed):
    # The same feed, but judged with a one-hour window: 2.5 hours is too long for it.
    corpus, scores = constructed
    v = verdict_of(sidebar_verdicts(scores, corpus, window_hours=1), "related_feed")
    assert v["verdict"] == "unrelated"


def test_shuffled_links_lose_the_descending_order(constructed):
    _, scores = constructed
    feed = scores[scores["doc_id"] == "related_feed"].copy()
    feed["published"] = feed["published"].iloc[[2, 0, 4, 1, 3]].to_numpy()
    v = verdict_of(sidebar_verdicts(feed), "related_feed")
    assert not bool(v["descending"]) and v["verdict"] == "unrelated"


# --------------------------------------------------------------------------------------------
# Recommendations


def test_recommendations_need_other_pages(seed):
    corpus, _ = seed
    recs = recommend_links(corpus)
    assert recs.empty and list(recs.columns) == list(RECOMMEND_COLUMNS)


def test_recommendations_find_the_article_on_the_same_conflict(tmp_path):
    # A fourth page on the Sudan talks: the content-based box of related_topical should lead with it.
    sudan = write_page(tmp_path, "sudan_talks", (
        "Militer Sudan dan RSF Sepakat Gencatan Senjata Tujuh Hari di Jeddah\n\n"
        "Militer Sudan dan Pasukan Dukungan Cepat (RSF) menandatangani gencatan senjata tujuh hari di Jeddah, "
        "Arab Saudi, untuk membuka jalur bantuan kemanusiaan ke Khartoum.\n"))
    corpus = analysis.load_corpus([*sorted(FIXTURES.glob("related_*.txt")), sudan])
    recs = recommend_links(corpus, k=3)
    assert list(recs.columns) == list(RECOMMEND_COLUMNS)
    top = recs[recs["doc_id"] == "related_topical"].iloc[0]
    assert (top["headline"], top["kind"], top["from_doc_id"]) == (
        "Militer Sudan dan RSF Sepakat Gencatan Senjata Tujuh Hari di Jeddah", "page title", "sudan_talks")
    assert not recs[recs["doc_id"] == "related_topical"]["from_doc_id"].eq("related_topical").any()
    assert recs.groupby("doc_id")["rank"].max().le(3).all()
    side = compare_recommendations(score_links(corpus), recs)
    row = side[(side["doc_id"] == "related_topical") & (side["slot"] == 1)].iloc[0]
    assert row["site_headline"] == "Burhan dan Dagalo Saling Tuduh Langgar Gencatan Senjata di Khartoum"
    assert row["recommended_headline"] == top["headline"]


# --------------------------------------------------------------------------------------------
# The shared corpus (third-party pages; skipped when absent)


@pytest.fixture(scope="module")
def shared(shared_dir):
    corpus = analysis.load_corpus(shared_dir / "corpus")
    scores = score_links(corpus)
    return corpus, scores, sidebar_verdicts(scores, corpus)


@pytest.mark.parametrize(
    ("doc_id", "verdict"),
    [
        ("021", "topical"),       # Turkey backs Azerbaijan; both "Baca Juga" links are on the war
        ("033", "mixed"),         # mercenaries in Karabakh; 1 of 4 links on it (Juventus, Klaten, TNI)
        ("049", "recency feed"),  # Myanmar protest deaths; three links of 2 Maret 2021 on other things
        ("003", "unrelated"),     # Karabakh ceasefire; links on a bomb plot in the Philippines, Brazil's Covid
    ],
)
def test_shared_corpus_verdicts(shared, doc_id, verdict):
    _, _, verdicts = shared
    assert verdict_of(verdicts, doc_id)["verdict"] == verdict


def test_shared_corpus_on_topic_link_ranks_first(shared):
    _, scores, _ = shared
    page = scores[scores["doc_id"] == "033"].set_index("position")
    assert page.loc[1, "rank"] == 1
    assert {"Armenia", "Azerbaijan"} <= set(page.loc[1, "shared_entities"].split("; "))
    assert (page.loc[[2, 3, 4], "n_shared_entities"] == 0).all()
    assert page["null_kind"].eq("other pages + shuffled").all()
    assert np.isnan(page["hours_before_reference"]).all()  # inline links carry no timestamps


def test_seed_statement_names_the_box_and_the_verdict(seed):
    corpus, scores = seed
    statement = describe_sidebars(sidebar_verdicts(scores, corpus), corpus)["000_dc8006bf72fa3c3c"]
    assert statement.startswith(
        '000_dc8006bf72fa3c3c: the "Artikel Lainnya" box (8 link(s); sections: Dunia ×8) is a recency feed')
    assert "8 timestamps newest first, spanning 2.8 h" in statement


@pytest.mark.parametrize("features", ["stems", "both"])
def test_shuffled_rows_match_the_vectorizer(constructed, features):
    # The fast path builds pseudo-headline rows from word draws; they must equal transform(texts).
    from sklearn.utils import check_random_state

    from analysis.related import _shuffled_headlines, article_texts, content_words

    corpus, _ = constructed
    heads = corpus.links["headline"].tolist()
    model = TextSimilarity(features=features).fit([*article_texts(corpus.pages), *heads])
    texts, rows = _shuffled_headlines(model, [content_words(h) for h in heads], 300, check_random_state(1))
    assert len(texts) == rows.shape[0] == 300
    assert abs(rows - model.transform(texts)).max() == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.contoh.co.id/nasional/2024/03/12/banjir-rendam-semarang", [False, False, False, True, False]),
        ("https://www.contoh.co.id/read/2024/03/12/banjir-rendam-semarang", [None] * 5),
    ],
    ids=["section-known", "section-unknown"],
)
def test_same_section_compares_link_desks_with_the_page(tmp_path, url, expected):
    # related_feed's links come from Olahraga, Ekonomi, Teknologi, Nasional and Hiburan; the page's own
    # desk comes from its URL in a manifest beside it (none when the URL shows no desk).
    (tmp_path / "related_feed.txt").write_bytes((FIXTURES / "related_feed.txt").read_bytes())
    (tmp_path / "manifest.tsv").write_text(f"file\turl\nrelated_feed.txt\t{url}\n", encoding="utf-8")
    scores = score_links(analysis.load_corpus(tmp_path))
    assert [None if pd.isna(x) else bool(x) for x in scores["same_section"]] == expected


def test_reference_headlines_join_the_null(seed):
    from analysis.related import null_similarities

    corpus, _ = seed
    extra = ["Harga Cabai Naik Jelang Lebaran", "Timnas Kalahkan Vietnam 2-0", "Banjir Rendam Jalan Pantura"]
    nulls = null_similarities(corpus, reference_headlines=extra)
    assert sorted(nulls.loc[nulls["kind"] == "reference", "headline"]) == sorted(extra)
    assert len(nulls) == 1000  # 3 videos + 3 reference headlines + shuffled ones up to min_null


def test_texts_and_corpora_that_cannot_be_used_are_type_errors():
    from analysis.related import TextSimilarity, match_entities

    model = TextSimilarity().fit(["Gencatan senjata di Karabakh", "Harga cabai naik"])
    assert model.similarity(pd.Series(["gencatan senjata"]), ("Karabakh",)).shape == (1, 1)
    with pytest.raises(TypeError, match="not a single str"):
        model.transform("Gencatan senjata")
    with pytest.raises(TypeError, match="not a single str"):
        TextSimilarity().fit("Gencatan senjata")
    corpus = analysis.load_corpus(SEEDS)
    with pytest.raises(TypeError, match="not a single str"):
        analysis.score_links(corpus, reference_headlines="Gencatan senjata")
    with pytest.raises(TypeError, match=r"expected a Corpus from analysis\.load_corpus"):
        analysis.score_links(corpus.pages)
    with pytest.raises(TypeError, match=r"lacks the column\(s\) \['similarity'"):
        analysis.sidebar_verdicts(corpus.links)
    with pytest.raises(TypeError, match="iterable of entity names"):
        match_entities("Putin", "Putin bertemu Erdogan")


# --------------------------------------------------------------------------------------------
# Verdicts: on-topic share, link dates against the article's date, confidence and reason (issue #17)

RELATED = FIXTURES / "related"


def with_constructed(*paths):
    """These pages and the three constructed related_*.txt pages as one corpus (a null of other pages)."""
    corpus = analysis.load_corpus([*paths, *sorted(FIXTURES.glob("related_*.txt"))])
    return corpus, score_links(corpus)


def test_one_of_three_links_on_topic_is_mixed_not_topical():
    # one_of_three (our words): dengue in Surabaya; link 1 is fogging in Surabaya against dengue, link 2
    # Malaysia's football team (the article names Malaysia once, for its own dengue rise), link 3 gold
    # prices at a Surabaya market. Alone, the page has the one-page null, where a shared name used to
    # make link 2 count: 2 of 3 -> topical. A reader sees one on-topic link of three.
    corpus = analysis.load_corpus(RELATED / "one_of_three.txt")
    scores = score_links(corpus)
    v = verdict_of(sidebar_verdicts(scores, corpus), "one_of_three")
    assert v["verdict"] == "mixed" and v["n_on_topic"] == 1 and v["n_links"] == 3
    assert related_marks(scores) == {1: True, 2: False, 3: False}
    assert "1 of 3 link(s) on the article's subject" in v["reason"]


def related_marks(scores):
    from analysis.related import on_topic_links

    marks = on_topic_links(scores)
    return dict(zip(marks["position"], marks["on_topic"].astype(bool), strict=True))


def test_links_dated_years_after_the_article_are_not_related():
    # years_away (our words): a flash flood in Garut, dated 14 September 2020 on the page; its
    # "Berita Terkait" box holds Garut tourism (2 June 2022), a rain forecast for West Java (21 November
    # 2022) and a flood in Bekasi (9 February 2023): 21 to 29 months later, filled when the page was
    # captured, not picked for the article, though two of them share words with it.
    corpus, scores = with_constructed(RELATED / "years_away.txt")
    v = verdict_of(sidebar_verdicts(scores, corpus), "years_away")
    assert v["verdict"] == "recency feed"
    page = scores[scores["doc_id"] == "years_away"].set_index("position")
    assert page["days_from_article"].round().tolist() == [626.0, 798.0, 878.0]  # 2 Jun 2022 - 14 Sep 2020 ...
    assert v["n_on_topic"] == 0 and v["n_after_article"] == 3 and v["n_dated_against_article"] == 3
    assert "3 of 3 dated link(s) published more than 7 days after the article" in v["reason"]
    # with a window of three years the same links are near the article again, and they beat the null
    wide = verdict_of(sidebar_verdicts(scores, corpus, max_days_after=3 * 365), "years_away")
    assert wide["n_after_article"] == 0 and wide["verdict"] != "recency feed"


def test_follow_up_stories_dated_after_the_article_are_still_topical():
    # follow_up (our words): paddy prices falling in Karawang, dated 1 March 2021; its "Berita Terkait" box
    # holds three follow-ups on the same story 17 to 19 days later (Bulog buying the farmers' paddy, the price
    # rising again, farmers harvesting): put in the box after the article, but on its subject: topical, not a
    # feed, and the reason says they were dated like a feed.
    corpus, scores = with_constructed(RELATED / "follow_up.txt")
    v = verdict_of(sidebar_verdicts(scores, corpus), "follow_up")
    assert (v["verdict"], v["n_on_topic"], v["n_after_article"]) == ("topical", 3, 3)
    assert related_marks(scores[scores["doc_id"] == "follow_up"]) == {1: True, 2: True, 3: True}
    assert v["confidence"] != "high" and "dated like a feed" in v["reason"]


def test_links_dated_years_before_the_article_are_an_archive_not_a_feed():
    # archive_box (our words): paddy prices in Karawang, dated 11 March 2021 on the page; its "Artikel
    # Lainnya" box holds a skin-care tip (14 August 2017), Lombok beaches (2 August 2017) and a fried-rice
    # recipe (20 July 2017), newest first: evergreen items three and a half years older, not the site's
    # latest news when the page was captured, and on other subjects: unrelated.
    corpus, scores = with_constructed(RELATED / "archive_box.txt")
    v = verdict_of(sidebar_verdicts(scores, corpus), "archive_box")
    assert v["n_links"] == 3 and v["n_on_topic"] == 0 and v["n_before_article"] == 3
    assert v["verdict"] == "unrelated"
    assert "3 published long before it (an archive, not the site's latest news)" in v["reason"]


def test_article_dates_come_from_the_page_not_from_its_furniture():
    from analysis.related import article_dates

    corpus, _ = with_constructed(RELATED / "years_away.txt")
    days = article_dates(corpus.pages)
    assert days["years_away"] == pd.Timestamp("2020-09-14 08:30")  # its date line
    # related_feed has no date line: its reference time is its newest sidebar stamp, not its date
    assert corpus.pages.set_index("doc_id").at["related_feed", "reference_source"] == "furniture"
    assert pd.isna(days["related_feed"]) and pd.isna(days["related_actors"])


def _score_rows(**columns):
    """A score_links-shaped table of literal links (only the columns the verdict rules read)."""
    n = len(next(iter(columns.values())))
    base = {"doc_id": ["p"] * n, "position": list(range(1, n + 1)), "published": [pd.NaT] * n,
            "section": [None] * n, "similarity": [0.1] * n, "p_value": [0.5] * n, "related": [False] * n,
            "percentile": [50.0] * n, "shared_entities": [""] * n, "n_shared_entities": [0] * n,
            "same_section": [pd.NA] * n, "hours_before_reference": [math.nan] * n,
            "null_kind": ["other pages + shuffled"] * n, "null_size": [1000] * n, "days_from_article": [math.nan] * n}
    base.update(columns)
    frame = pd.DataFrame(base)
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


@pytest.mark.parametrize(
    ("row", "on_topic", "timing"),
    [
        ({"related": True, "p_value": 0.02, "shared_entities": "Australia", "n_shared_entities": 1}, False,
         "undated"),                                   # beats the null on one country name only
        ({"related": True, "p_value": 0.004, "shared_entities": "Myanmar", "n_shared_entities": 1}, True,
         "undated"),                                   # one country, but far above the null
        ({"related": True, "p_value": 0.02, "shared_entities": "Armenia; Azerbaijan", "n_shared_entities": 2},
         True, "undated"),                             # two countries
        ({"related": True, "p_value": 0.02, "shared_entities": "Jokowi", "n_shared_entities": 1}, True,
         "undated"),                                   # a person
        ({"related": True, "p_value": 0.001, "published": "2019-01-01", "days_from_article": -600.0}, False,
         "long before the article"),
        ({"related": True, "p_value": 0.001, "published": "2020-03-20", "days_from_article": 5.0}, True,
         "near the article"),
        ({"related": True, "p_value": 0.001, "published": "2020-03-20"}, True, "article date unknown"),
        ({"related": False, "null_kind": "own links + shuffled", "shared_entities": "Surabaya",
          "n_shared_entities": 1}, True, "undated"),   # one-page null: a shared place counts
        ({"related": False, "null_kind": "own links + shuffled", "shared_entities": "Malaysia",
          "n_shared_entities": 1}, False, "undated"),  # ... one shared country does not
    ],
    ids=["one-country", "one-country-strong", "two-countries", "person", "long-before", "near", "no-article-date",
         "one-page-place", "one-page-country"],
)
def test_on_topic_links_rules(row, on_topic, timing):
    from analysis.related import on_topic_links

    marks = on_topic_links(_score_rows(**{k: [v] for k, v in row.items()}))
    assert bool(marks["on_topic"].iloc[0]) is on_topic and marks["timing"].iloc[0] == timing


def test_on_topic_links_name_the_deciding_rule():
    from analysis.related import on_topic_links

    scores = _score_rows(related=[True, True, False, True], p_value=[0.02, 0.001, 0.4, 0.001],
                         shared_entities=["Australia", "", "", ""], n_shared_entities=[1, 0, 0, 0],
                         published=[pd.NaT, pd.NaT, pd.NaT, "2023-01-01"], days_from_article=[math.nan] * 3 + [800.0],
                         similarity=[0.05, 0.2, 0.0, 0.2])
    assert on_topic_links(scores)["basis"].tolist() == [
        "one shared country only", "beats the null", "below the null", "dated after the article"]
    v = verdict_of(sidebar_verdicts(scores), "p")
    assert "above the null but not counted: one shared country only ×1, dated after the article ×1" in v["reasons"]


def test_one_of_two_links_on_topic_is_mixed():
    # Two links, one beating the null: not a majority, so mixed (it used to be topical at exactly 50%).
    scores = _score_rows(related=[True, False], p_value=[0.002, 0.6], shared_entities=["Jokowi", ""],
                         n_shared_entities=[1, 0])
    v = verdict_of(sidebar_verdicts(scores), "p")
    assert v["verdict"] == "mixed" and v["n_on_topic"] == 1
    assert v["confidence"] == "low"  # two links (-1), a share on the 50% line (-1), one on-topic link (-1)


def test_confidence_follows_the_number_of_links_and_the_share():
    three_off = _score_rows(related=[False] * 3)
    one_on = _score_rows(related=[True], p_value=[0.001])
    v3, v1 = verdict_of(sidebar_verdicts(three_off), "p"), verdict_of(sidebar_verdicts(one_on), "p")
    assert (v3["verdict"], v3["confidence"]) == ("unrelated", "high")
    assert (v1["verdict"], v1["confidence"]) == ("topical", "low") and "one link only" in v1["reason"]
    assert v3["reason"].startswith("Unrelated: 0 of 3 link(s) on the article's subject")


def test_seed_verdict_says_how_sure_it_is(seed):
    # Eight newest-first links, one sharing Russia and Turkey: a feed; the null is the page's own links.
    corpus, scores = seed
    v = verdict_of(sidebar_verdicts(scores, corpus), "000_dc8006bf72fa3c3c")
    assert v["verdict"] == "recency feed" and v["confidence"] == "medium"
    assert "8 timestamps newest first within 2.8 h" in v["reason"]
    assert "own links" in v["reason"]
    statement = describe_sidebars(sidebar_verdicts(scores, corpus), corpus)["000_dc8006bf72fa3c3c"]
    assert "; medium confidence. Evidence:" in statement


def test_pages_without_links_have_no_confidence(tmp_path):
    corpus = analysis.load_corpus(write_page(tmp_path, "nolinks", "Judul Berita Tanpa Tautan\n\nIsi berita.\n"))
    v = verdict_of(sidebar_verdicts(score_links(corpus), corpus), "nolinks")
    assert v["verdict"] == "no links" and pd.isna(v["confidence"]) and v["reason"] == "No links were found on the page."


def test_shared_corpus_country_only_link_is_not_on_topic(shared):
    # 035: a daily world round-up (NASA's moon crew, Australia's TikTok ban); its links are two other
    # editions of the column and an Australian slaughterhouse story that shares only the country.
    _, _, verdicts = shared
    v = verdict_of(verdicts, "035")
    assert v["verdict"] == "unrelated" and v["n_on_topic"] == 0


def test_an_aware_article_time_is_read_as_wib_wall_time():
    from analysis.related import article_dates

    pages = pd.DataFrame({"doc_id": ["a", "b"],
                          "published": pd.to_datetime(["2021-03-01 03:00", None]).tz_localize("UTC")})
    assert article_dates(pages).tolist()[0] == pd.Timestamp("2021-03-01 10:00")  # 03:00 UTC is 10:00 WIB
    assert pd.isna(article_dates(pages)["b"])
