"""Tests for analysis.topics: headline topic clustering and headline collection.

The headlines below are written for these tests (no third-party text); the expected groups come from
what each headline is about.
"""

from pathlib import Path

import matplotlib
import matplotlib.text
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from analysis import plots
from analysis.lexicon import stem_token, tokenize_headline
from analysis.topics import (
    HeadlineTopics,
    assign_topics,
    collect_headlines,
    headline_key,
    map_coordinates,
    topic_crosstab,
    topic_table,
    topic_words,
)

matplotlib.use("Agg")

VACCINE_AND_SHOOTING = [
    "Vaksinasi Lansia di Bandung Dimulai Pekan Depan",       # vaccine
    "Stok Vaksin di Puskesmas Surabaya Menipis",             # vaccine
    "Polisi Tembak Mati Begal di Medan",                     # shooting
    "Pelaku Ditembak Saat Kabur dari Tahanan",               # shooting
    "Harga Cabai Naik Jelang Lebaran",                       # neither
    "Timnas Putri Lolos ke Semifinal Piala Asia",            # neither
]

# Three topics, six headlines each, the topic word in different forms (quake, flood, election).
QUAKE = [
    "Gempa Magnitudo 5,2 Guncang Cianjur Pagi Ini",
    "Warga Cianjur Mengungsi Usai Gempa Susulan",
    "BMKG: Gempa di Selatan Jawa Tidak Berpotensi Tsunami",
    "Ratusan Rumah Rusak Akibat Gempa Bumi di Cianjur",
    "Sekolah Diliburkan Setelah Diguncang Gempa",
    "Korban Gempa Cianjur Butuh Tenda dan Selimut",
]
FLOOD = [
    "Banjir Rendam Ribuan Rumah di Bekasi",
    "Warga Bekasi Kebanjiran, Ketinggian Air Capai Satu Meter",
    "Tanggul Jebol, Banjir Meluas ke Tiga Kecamatan di Bekasi",
    "Pemkot Bekasi Siapkan Pompa untuk Atasi Banjir",
    "Banjir Bekasi Surut, Warga Mulai Bersihkan Lumpur",
    "Pengungsi Banjir Bekasi Keluhkan Air Bersih",
]
ELECTION = [
    "KPU Tetapkan Jadwal Pemilihan Gubernur Jawa Barat",
    "Calon Gubernur Jabar Daftar ke KPU Hari Terakhir",
    "Debat Calon Gubernur Jabar Digelar Pekan Depan",
    "Bawaslu Temukan Pelanggaran Kampanye Calon Gubernur",
    "Survei: Elektabilitas Calon Gubernur Jabar Bersaing Ketat",
    "KPU Jabar Cetak Surat Suara Pemilihan Gubernur",
]
THREE_TOPICS = QUAKE + FLOOD + ELECTION
# Two more subjects, six headlines each (a football derby, dengue in one city): 30 headlines, five subjects.
FOOTBALL = [
    "Persib Tekuk Persija 2-1 di Stadion Si Jalak Harupat",
    "Pelatih Persib Puas dengan Lini Tengah Usai Menang",
    "Persija Incar Striker Asing Jelang Putaran Kedua Liga 1",
    "Suporter Persib Diminta Tertib Saat Laga Tandang",
    "Jadwal Liga 1 Pekan Ini: Persija Jamu Bali United",
    "Striker Persib Cetak Gol Kelima Musim Ini",
]
DENGUE = [
    "Kasus Demam Berdarah di Depok Melonjak Awal Musim Hujan",
    "Dinkes Depok Gelar Fogging Cegah Demam Berdarah",
    "Pasien Demam Berdarah Penuhi Bangsal RSUD Depok",
    "Jentik Nyamuk Ditemukan di Sekolah, Warga Depok Diminta Kuras Bak",
    "Gejala Demam Berdarah pada Anak yang Perlu Diwaspadai Orang Tua",
    "Kader Jumantik Depok Periksa Jentik Nyamuk dari Rumah ke Rumah",
]
FIVE_TOPICS = THREE_TOPICS + FOOTBALL + DENGUE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kampanye Vaksinasi Tembus 100 Juta Dosis", ["kampanye", "vaksinasi", "tembus", "dosis"]),
        ("Angka Covid-19 di Negara-negara Asia", ["angka", "covid", "negara", "asia"]),
        ("Menlu AS Waswas, China Makin Agresif", ["menlu", "as", "waswas", "china", "agresif"]),
        ("", []),
        (None, []),
    ],
)
def test_tokenize_headline(text, expected):
    assert tokenize_headline(text) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [("ditembak", "tembak"), ("penembakan", "tembak"), ("tembak", "tembak"), ("serangan", "serang")],
)
def test_stem_token(token, expected):
    assert stem_token(token) == expected


@pytest.mark.parametrize(
    ("headlines", "expected"),
    [
        ([], []),
        (["Vaksin Tiba di Jakarta"], [-1]),
        (["Vaksinasi Lansia Dimulai", "Stok Vaksin Menipis"], [0, 0]),
        (["Vaksinasi Lansia Dimulai", "Harga Cabai Naik"], [-1, -1]),
        (["Polisi Tembak Begal", "Harga Cabai Naik", "Pelaku Ditembak Polisi"], [0, -1, 0]),
        (["Harga Cabai Naik"] * 3, [0, 0, 0]),
        (["", "", ""], [-1, -1, -1]),
        (["", None, "yang dan di"], [-1, -1, -1]),
    ],
)
def test_tiny_inputs(headlines, expected):
    model = HeadlineTopics(random_state=0).fit(headlines)
    assert model.labels_.tolist() == expected
    assert list(model.topics_.columns) == ["topic", "size", "label", "example", "sections"]
    assert set(model.topics_["sections"]) <= {""}  # plain strings carry no section
    assert model.topics_["size"].sum() == len(headlines)


@pytest.mark.parametrize(("n", "small_n", "method"), [(10, 31, "graph"), (25, 5, "kmeans"), (40, 31, "kmeans")])
def test_identical_headlines_form_one_topic_on_either_path(n, small_n, method):
    model = HeadlineTopics(random_state=0, small_n=small_n).fit(["Gempa Guncang Cianjur"] * n)
    assert model.method_ == method  # one distinct row: no graph to cut, the k-means guard decides
    assert model.labels_.tolist() == [0] * n


@pytest.mark.parametrize("small_n", [5, 31])
def test_empty_strings_on_either_path(small_n):
    model = HeadlineTopics(random_state=0, small_n=small_n).fit([""] * 12 + ["Gempa Guncang Cianjur"] * 3)
    assert model.labels_.tolist() == [-1] * 12 + [0] * 3


def test_word_forms_land_together_and_unrelated_apart():
    labels = HeadlineTopics(random_state=0).fit_predict(VACCINE_AND_SHOOTING)
    vaccine, shooting, other = labels[:2], labels[2:4], labels[4:]
    assert vaccine[0] == vaccine[1] != -1
    assert shooting[0] == shooting[1] != -1
    assert vaccine[0] != shooting[0]
    assert other.tolist() == [-1, -1]


ONE_TOPIC_AMONG_UNRELATED = [
    "Gencatan Senjata Armenia-Azerbaijan Dilanggar",
    "Armenia Tuding Azerbaijan Serang Perbatasan",
    "Rusia Tengahi Perundingan Armenia dan Azerbaijan",
    "Azerbaijan Klaim Rebut Desa dari Armenia",
    "Harga Cabai Naik Jelang Lebaran",
    "Timnas Putri Lolos ke Semifinal",
    "Lexus Rilis Mobil Listrik Baru",
    "Kasus DBD Meningkat di Bogor",
    "Festival Kopi Digelar di Bandung",
    "Gempa Guncang Cianjur",
    "Bank Sentral Tahan Suku Bunga",
    "Konser Musik Jazz Ditunda",
]


@pytest.mark.parametrize(("small_n", "method"), [(31, "graph"), (5, "spectral")])
def test_unrelated_headlines_get_no_topic_on_either_path(small_n, method):
    model = HeadlineTopics(random_state=0, small_n=small_n).fit(ONE_TOPIC_AMONG_UNRELATED)
    assert model.method_ == method
    assert model.labels_.tolist() == [0, 0, 0, 0] + [-1] * 8
    assert model.topics_.loc[model.topics_["topic"] == 0, "label"].item().startswith(("armenia", "azerbaijan"))


@pytest.mark.parametrize("n_topics", [3, None])
def test_three_written_topics_are_recovered(n_topics):
    labels = HeadlineTopics(n_topics=n_topics, random_state=0).fit_predict(THREE_TOPICS)
    groups = [labels[:6], labels[6:12], labels[12:]]
    majority = [np.bincount(g[g >= 0]).argmax() for g in groups]
    assert len(set(majority)) == 3
    for group, topic in zip(groups, majority, strict=True):
        assert (group == topic).sum() >= 5
        assert set(group.tolist()) <= {topic, -1}


@pytest.mark.parametrize("n_topics", [5, 3])
def test_n_topics_is_used_on_thirty_headlines(n_topics):
    """30 headlines (a sidebar-sized set) on five subjects: with ``n_topics`` given they are clustered into
    that many topics, every headline gets one (each shares words with others of its subject), and a subject
    stays (nearly) whole: with 3 topics, subjects are merged."""
    model = HeadlineTopics(n_topics=n_topics, random_state=0).fit(FIVE_TOPICS)
    assert model.method_ == "spectral"
    assert model.n_topics_ == n_topics
    assert (model.labels_ >= 0).all()
    majority = []
    for start in range(0, 30, 6):
        subject = model.labels_[start : start + 6]
        majority.append(np.bincount(subject).max())
    assert min(majority) >= (5 if n_topics == 5 else 4)  # merging five subjects into three, one may lean
    if n_topics == 5:
        assert len({np.bincount(model.labels_[i : i + 6]).argmax() for i in range(0, 30, 6)}) == 5


@pytest.mark.parametrize(("n", "n_topics", "method"), [(9, 2, "graph"), (12, 8, "graph"), (10, 5, "kmeans"),
                                                       (12, 3, "spectral")])
def test_with_n_topics_only_too_few_headlines_use_the_graph(n, n_topics, method):
    """Documented rule: with ``n_topics`` given, the graph only below max(10, 2 * n_topics) headlines (at
    2 * n_topics exactly, k-means: spectral clustering needs more than two rows per cluster)."""
    assert HeadlineTopics(n_topics=n_topics, random_state=0).fit(FIVE_TOPICS[:n]).method_ == method


def test_labels_name_what_distinguishes_a_topic():
    topics = HeadlineTopics(n_topics=3, random_state=0).fit(THREE_TOPICS).topics_
    first_words = {label.split(", ")[0] for label in topics.loc[topics["topic"] >= 0, "label"]}
    assert first_words == {"gempa", "banjir", "gubernur"}


def test_label_prefers_distinctive_over_frequent_words():
    # "jakarta" is in every headline; it must not name either topic.
    headlines = [
        "Banjir Jakarta Rendam Kemang", "Banjir Jakarta Surut Sore Ini", "Warga Jakarta Mengungsi Akibat Banjir",
        "Macet Jakarta Makin Parah", "Macet Jakarta Saat Hujan", "Jalan Tol Jakarta Macet Total",
    ]
    topics = HeadlineTopics(random_state=0).fit(headlines).topics_
    assert sorted(label.split(", ")[0] for label in topics.loc[topics["topic"] >= 0, "label"]) == [
        "banjir", "macet"]


@pytest.mark.parametrize("headlines", [VACCINE_AND_SHOOTING, THREE_TOPICS])
def test_same_random_state_gives_same_labels(headlines):
    first = HeadlineTopics(random_state=7).fit(headlines)
    second = HeadlineTopics(random_state=7).fit(headlines)
    assert first.labels_.tolist() == second.labels_.tolist()
    pd.testing.assert_frame_equal(first.topics_, second.topics_)


def test_estimator_manners():
    model = HeadlineTopics(n_topics=3, random_state=0)
    assert clone(model).get_params() == model.get_params()
    assert not hasattr(model, "labels_")
    assert model.fit(THREE_TOPICS) is model
    assert model.fit_predict(THREE_TOPICS).tolist() == model.labels_.tolist()
    assert model.embedding_.shape[0] == len(THREE_TOPICS)
    topics = model.topics_
    assert topics["topic"].tolist() == sorted(topics["topic"].tolist())
    assert topics.loc[topics["topic"] >= 0, "size"].is_monotonic_decreasing


@pytest.mark.parametrize("n_topics", [12, 50])
def test_more_topics_asked_than_headlines_does_not_crash(n_topics):
    labels = HeadlineTopics(n_topics=n_topics, random_state=0).fit_predict(ONE_TOPIC_AMONG_UNRELATED)
    assert len(labels) == 12
    assert set(labels[4:].tolist()) == {-1}


def test_invalid_n_topics():
    with pytest.raises(ValueError, match="n_topics"):
        HeadlineTopics(n_topics=0).fit(THREE_TOPICS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Menlu AS Waswas, China Makin..", "menlu as waswas china makin"),
        ("Kampanye Vaksinasi Tembus 10…", "kampanye vaksinasi tembus 10"),
        ("  IMF:  Ketidakadilan Vaksin!  ", "imf ketidakadilan vaksin"),
        (None, ""),
    ],
)
def test_headline_key(text, expected):
    assert headline_key(text) == expected


def _links(rows):
    columns = ["doc_id", "block", "position", "headline", "section", "teaser", "published"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


def test_collect_headlines_folds_repeats_and_truncated_teasers():
    links = _links([
        ("a", 5, 1, "Menlu AS Waswas, China Makin Agresif Terhadap Taiwan", "Dunia",
         "Menlu AS Waswas, China Makin..", "2021-04-11 22:19"),
        ("a", 5, 2, "Peru Gelar Pilpres Di Tengah Pandemi", "Dunia", "Peru Gelar Pilpres Di Tengah..",
         "2021-04-11 21:32"),
        ("b", 3, 1, "menlu as waswas china makin agresif terhadap taiwan!", "Internasional", None,
         "2021-04-12 08:00"),
        ("c", 7, 1, None, "Dunia", "Menlu AS Waswas, China..", None),
        ("c", 7, 2, "Harga Cabai Naik", None, None, None),
    ])
    table = collect_headlines(links)
    assert table["headline"].tolist() == [
        "Menlu AS Waswas, China Makin Agresif Terhadap Taiwan",
        "Peru Gelar Pilpres Di Tengah Pandemi",
        "Harga Cabai Naik",
    ]
    assert table["count"].tolist() == [3, 1, 1]
    assert table["n_docs"].tolist() == [3, 1, 1]
    assert table.loc[0, "doc_ids"] == ["a", "b", "c"]
    assert table.loc[0, "sections"] == ["Dunia", "Internasional"]
    assert table.loc[0, "first_published"] == pd.Timestamp("2021-04-11 22:19")
    assert table.loc[0, "last_published"] == pd.Timestamp("2021-04-12 08:00")
    assert pd.isna(table.loc[2, "first_published"])


def test_collect_headlines_uses_the_teaser_truncated_flag():
    links = _links([
        ("a", 1, 1, "Gempa Guncang Cianjur Pagi Ini", None, None, None),
        ("b", 1, 1, None, None, "Gempa Guncang Cian", None),
    ])
    links["teaser_truncated"] = pd.array([pd.NA, True], dtype="boolean")
    table = collect_headlines(links)
    assert table["headline"].tolist() == ["Gempa Guncang Cianjur Pagi Ini"]
    assert table["count"].tolist() == [2]


def test_collect_headlines_keeps_an_unmatched_truncated_teaser():
    links = _links([("a", 1, 1, None, None, "Gempa Guncang Cia..", None)])
    assert collect_headlines(links)["headline"].tolist() == ["Gempa Guncang Cia.."]


def test_collect_headlines_empty():
    table = collect_headlines(_links([]))
    assert table.empty
    assert "headline" in table.columns and "count" in table.columns


def test_topic_table_words_and_crosstab():
    model = HeadlineTopics(random_state=0).fit(VACCINE_AND_SHOOTING)
    extra = pd.DataFrame({"headline": VACCINE_AND_SHOOTING,
                          "sections": [["Sains"], ["Sains"], ["Hukum"], ["Hukum"], [], ["Olahraga"]]})
    table = topic_table(model, extra)
    assert list(table.columns) == ["topic", "label", "headline", "similarity", "sections"]
    assert table["topic"].tolist()[-2:] == [-1, -1]
    by_headline = table.set_index("headline")
    assert by_headline.loc["Stok Vaksin di Puskesmas Surabaya Menipis", "sections"] == "Sains"
    assert by_headline.loc["Harga Cabai Naik Jelang Lebaran", "sections"] == ""  # never "[]"
    words = topic_words(model)
    assert sorted(words.loc[words["rank"] == 1, "word"]) == ["tembak", "vaksin"]
    cross = topic_crosstab(table, "sections")
    assert cross.loc["no topic"].to_dict() == {"(none)": 1, "Hukum": 0, "Olahraga": 1, "Sains": 0}
    assert cross.index[-1] == "no topic"


@pytest.mark.parametrize(("headlines", "n_rows"), [([], 0), (["Gempa Guncang Cianjur"], 1), (THREE_TOPICS, 18)])
def test_map_coordinates(headlines, n_rows):
    coords = map_coordinates(HeadlineTopics(random_state=0).fit(headlines))
    assert list(coords.columns) == ["headline", "topic", "label", "x", "y"]
    assert len(coords) == n_rows
    assert np.isfinite(coords[["x", "y"]].to_numpy()).all()


def test_topic_figures_draw():
    model = HeadlineTopics(random_state=0).fit(THREE_TOPICS)
    table = topic_table(model).assign(first_published=pd.NaT)
    ax = plots.topic_map(map_coordinates(model))
    assert ax.get_title().startswith("Headline topics: 18 headlines, 3 topics")
    assert len(ax.get_legend().get_texts()) == 3  # every headline is on one of the three subjects: no "no topic"
    assert plots.topic_sizes(model.topics_).get_xlabel() == "headlines (count)"
    _, ax = matplotlib.pyplot.subplots()
    assert "not enough" in plots.topic_times(table, ax=ax).texts[0].get_text()  # on a given axes: written there
    matplotlib.pyplot.close("all")


def test_topic_figures_with_nothing_to_draw_say_so_in_a_sentence(capsys):
    """No empty axes in a report: without an ``ax`` the figure functions print one sentence and draw nothing."""
    model = HeadlineTopics(random_state=0).fit([])
    figures = matplotlib.pyplot.get_fignums()
    assert plots.topic_map(map_coordinates(model)) is None
    assert plots.topic_sizes(model.topics_) is None
    assert plots.topic_times(topic_table(model).assign(first_published=pd.NaT)) is None
    assert matplotlib.pyplot.get_fignums() == figures
    assert capsys.readouterr().out.splitlines() == [
        "No headlines in this corpus, so no topic map to draw.",
        "No headlines in this corpus, so no topic sizes to draw.",
        "0 linked headline(s) with a timestamp (0 distinct): not enough for a timeline.",
    ]


# --------------------------------------------------------------------------------------------
# Assigning new headlines to fitted topics (fit on a sample, assign the rest)

NEW_HEADLINES = [
    "Gempa Susulan Kembali Guncang Cianjur Malam Ini",          # quake
    "Banjir Bekasi Belum Surut, Warga Bertahan di Pengungsian",  # flood
    "KPU Jabar Umumkan Daftar Calon Gubernur",                    # election
    "Resep Nasi Goreng Kampung Favorit Keluarga",                 # none of them
    "",
    None,
]


def _topic_of(model, group):
    return np.bincount(model.labels_[group][model.labels_[group] >= 0]).argmax()


def test_predict_puts_new_headlines_in_their_topics():
    model = HeadlineTopics(n_topics=3, random_state=0).fit(THREE_TOPICS)
    quake, flood, election = (_topic_of(model, slice(i, i + 6)) for i in (0, 6, 12))
    assert model.predict(NEW_HEADLINES).tolist() == [quake, flood, election, -1, -1, -1]


def test_predict_on_the_fitted_headlines_keeps_their_topics():
    model = HeadlineTopics(n_topics=3, random_state=0).fit(THREE_TOPICS)
    members = model.labels_ >= 0
    assert (model.predict(THREE_TOPICS)[members] == model.labels_[members]).all()


def test_predict_does_not_depend_on_chunking():
    model = HeadlineTopics(random_state=0).fit(THREE_TOPICS + VACCINE_AND_SHOOTING)
    rows = NEW_HEADLINES + VACCINE_AND_SHOOTING + THREE_TOPICS
    whole = model.predict(rows)
    chunked = np.concatenate([model.predict(rows[i : i + 4]) for i in range(0, len(rows), 4)])
    assert whole.tolist() == chunked.tolist()
    np.testing.assert_allclose(model.transform(rows[:5]), model.transform(rows)[:5], atol=1e-6)
    assert model.predict([]).tolist() == []


def test_predict_on_a_small_graph_model():
    model = HeadlineTopics(random_state=0).fit(VACCINE_AND_SHOOTING)
    assert model.method_ == "graph"
    vaccine = model.labels_[0]
    assert model.predict(["Vaksin untuk Lansia Tiba di Puskesmas Bandung"]).tolist() == [vaccine]


def test_predict_needs_a_fitted_model():
    with pytest.raises(NotFittedError):
        HeadlineTopics().predict(["Gempa Guncang Cianjur"])
    empty = HeadlineTopics().fit([])
    assert empty.predict(["Gempa Guncang Cianjur"]).tolist() == [-1]


def test_assign_topics_on_pandas_and_dask_links():
    dd = pytest.importorskip("dask.dataframe")
    model = HeadlineTopics(n_topics=3, random_state=0).fit(THREE_TOPICS)
    links = pd.DataFrame({"doc_id": [f"p{i}" for i in range(len(NEW_HEADLINES))],
                          "headline": NEW_HEADLINES}, dtype="string")  # the loader's dtypes
    assigned = assign_topics(model, links)
    assert assigned["topic"].tolist() == model.predict(NEW_HEADLINES).tolist()
    assert assigned["topic"].dtype == "int64"
    pd.testing.assert_frame_equal(assigned.drop(columns="topic"), links)
    lazy = assign_topics(model, dd.from_pandas(links, npartitions=3))
    pd.testing.assert_frame_equal(lazy.compute(scheduler="sync"), assigned)


# --- what users pass: any iterable of strings, or a DataFrame's headline column; a clear TypeError otherwise ---


@pytest.mark.parametrize("container", [list, tuple, pd.Series, np.array, lambda h: (x for x in h)],
                         ids=["list", "tuple", "Series", "array", "generator"])
def test_fit_takes_any_iterable_of_headlines(container):
    expected = HeadlineTopics(random_state=0).fit(THREE_TOPICS)
    model = HeadlineTopics(random_state=0).fit(container(THREE_TOPICS))
    assert model.headlines_ == THREE_TOPICS
    assert model.labels_.tolist() == expected.labels_.tolist()
    assert model.predict(container(THREE_TOPICS[:3])).tolist() == expected.predict(THREE_TOPICS[:3]).tolist()


def test_fit_on_a_table_of_headlines_uses_its_headline_column():
    """README: HeadlineTopics().fit(analysis.collect_headlines(links)) -- not the table's column names."""
    links = _links([("a", 1, i + 1, h, "Dunia", None, None) for i, h in enumerate(THREE_TOPICS)])
    table = collect_headlines(links)
    model = HeadlineTopics(random_state=0).fit(table)
    assert model.headlines_ == table["headline"].tolist()
    assert model.labels_.tolist() == HeadlineTopics(random_state=0).fit(table["headline"]).labels_.tolist()
    assert model.predict(table).tolist() == model.labels_.tolist()
    assert assign_topics(model, links)["topic"].tolist() == model.predict(links["headline"]).tolist()


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("Gempa Guncang Cianjur", r"not a single str \(wrap one headline in a list"),
        (pd.DataFrame({"title": ["Gempa"]}), r"a 'headline' column; this DataFrame has the columns \['title'\]"),
        (42, "not int"),
        ([["Gempa"], ["Banjir"]], "item 0 is not a string but list"),
    ],
)
def test_what_cannot_be_headlines_is_a_type_error_naming_what_was_expected(bad, message):
    with pytest.raises(TypeError, match=message):
        HeadlineTopics().fit(bad)
    fitted = HeadlineTopics(random_state=0).fit(THREE_TOPICS)
    with pytest.raises(TypeError, match=message):
        fitted.predict(bad)
    with pytest.raises(TypeError, match="iterable of headline strings"):
        collect_headlines(bad)


def test_missing_headlines_count_as_empty():
    model = HeadlineTopics(random_state=0).fit([None, np.nan, pd.NA, *THREE_TOPICS])
    assert model.headlines_[:3] == ["", "", ""] and model.labels_[:3].tolist() == [-1, -1, -1]


def test_collect_headlines_of_plain_strings():
    table = collect_headlines(["Gempa Guncang Cianjur", "gempa guncang cianjur!", None, "Banjir Rendam Bekasi"])
    assert table[["headline", "count"]].values.tolist() == [["Gempa Guncang Cianjur", 2], ["Banjir Rendam Bekasi", 1]]


def test_assign_topics_needs_a_table_with_headlines():
    fitted = HeadlineTopics(random_state=0).fit(THREE_TOPICS)
    with pytest.raises(TypeError, match="'headline' column, not list"):
        assign_topics(fitted, THREE_TOPICS)
    with pytest.raises(TypeError, match=r"with the columns \['title'\]"):
        assign_topics(fitted, pd.DataFrame({"title": ["x"]}))


# --- the topic map: names never print over each other ---

SHARED_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _text_boxes(fig):
    """Rendered bounding boxes of every visible, non-empty text artist of the figure."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
    return [(t.get_text(), matplotlib.text.Text.get_window_extent(t, renderer)) for t in texts]  # text, not leader


def _overlapping(fig):
    boxes = _text_boxes(fig)
    return [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:] if box_a.overlaps(box_b)]


def _crowded_coords(n=30):
    """n long headlines in three topics: all but one point within a thousandth of each other, one far away
    (so the axes span the far point and the crowd sits on a few pixels)."""
    rng = np.random.RandomState(0)
    topics = np.arange(n) % 3
    x, y = rng.uniform(0, 0.001, n), rng.uniform(0, 0.001, n)
    x[-1] = y[-1] = 1.0
    return pd.DataFrame({
        "headline": [f"Judul berita panjang nomor {i} tentang sesuatu yang sangat penting" for i in range(n)],
        "topic": topics, "label": [f"{t} · topik {t}" for t in topics], "x": x, "y": y})


@pytest.mark.parametrize("corpus", [SEEDS, SHARED_CORPUS], ids=["seed", "shared"])
def test_topic_map_names_do_not_overlap_on_real_corpora(corpus):
    if not corpus.exists():
        pytest.skip(f"{corpus} is not here")
    from analysis import open_corpus

    headlines = collect_headlines(open_corpus(corpus).links)
    ax = plots.topic_map(map_coordinates(HeadlineTopics(random_state=0).fit(headlines)))
    assert len(ax.texts) >= min(len(headlines), 8)  # names are written, not dropped wholesale
    assert _overlapping(ax.figure) == []
    matplotlib.pyplot.close("all")


@pytest.mark.parametrize(("n", "annotate_max"), [(12, 30), (30, 30), (30, 5)])  # (30, 5): too many to write
def test_topic_map_names_do_not_overlap_when_crowded(n, annotate_max):
    coords = _crowded_coords(n)
    ax = plots.topic_map(coords, annotate_max=annotate_max)
    assert _overlapping(ax.figure) == []
    written = [t.get_text() for t in ax.texts]
    if n == 12:  # 12 names around 11 stacked points: at least half find a spot; the title counts the rest
        assert len(written) >= 6 and all(w.startswith("Judul berita panjang nomor") for w in written)
        assert len(written) == n or f"{n - len(written)} crowded name(s) not written" in ax.get_title()
    else:  # 30: too many to write (or most find no spot), so the three topics are named at their centres
        assert sorted(written) == ["0 · topik 0", "1 · topik 1", "2 · topik 2"]
        assert "topic names at their members' centre" in ax.get_title()
    matplotlib.pyplot.close("all")


# --- sidebars: the seed's groups, and sections of a mixed box ---


def test_the_seed_keeps_its_vaccine_group_and_its_china_group():
    """The seed's 8 sidebar headlines (all filed under Dunia): three are about Covid vaccines (IMF on vaccine
    inequity, India's vaccination campaign, South Korea and AstraZeneca), two about China (Taiwan, the
    hotline); Peru's election, Turkey and Ukraine, and South Sudan's reshuffle share no subject."""
    from analysis import open_corpus

    headlines = collect_headlines(open_corpus(SEEDS).links)
    model = HeadlineTopics(random_state=0).fit(headlines)
    by_start = {h.split()[0].strip(":,"): t for h, t in zip(model.headlines_, model.labels_.tolist(), strict=True)}
    vaccine = {by_start["IMF"], by_start["Kampanye"], by_start["Korsel"]}
    china = {by_start["Menlu"], by_start["China"]}
    assert len(vaccine) == 1 and len(china) == 1 and vaccine != china and -1 not in vaccine | china
    assert [by_start[w] for w in ("Peru", "Di", "Rombak")] == [-1, -1, -1]
    assert model.topics_.set_index("topic").loc[vaccine.pop(), "sections"] == "Dunia (3)"


MIXED_BOX = pd.DataFrame({
    "headline": [
        "Persebaya Menang Tipis atas Arema di Kandang",          # sport
        "Pebulu Tangkis Muda Raih Gelar di Kejuaraan Asia",      # sport
        "Manfaat Tidur Siang Singkat bagi Daya Ingat",           # health
        "Gejala Anemia pada Remaja yang Kerap Tak Disadari",     # health
        "Harga Bawang Merah Turun di Pasar Kramat Jati",         # news, alone
        "Truk Tangki Terbakar di Jalan Tol Cipularang",          # news, alone
        "Petinju Nasional Lolos ke Olimpiade",                   # sport
        "Pemprov Resmikan Taman Kota di Bekas Terminal",         # news, alone
    ],
    "sections": [["Olahraga"], ["Olahraga"], ["Kesehatan"], ["Kesehatan"], ["News"], ["News"], ["Olahraga"],
                 ["News"]],
})


def test_predict_on_a_mixed_box_reads_its_sections():
    """Sport and health are held together by their sections only: predict on the box (with its sections)
    gives the fitted topics; without the sections they share nothing and get none."""
    model = HeadlineTopics(random_state=0).fit(MIXED_BOX)
    assert model.predict(MIXED_BOX).tolist() == model.labels_.tolist()
    assert model.topic_stems_ == {model.labels_[0]: {"§olahraga"}, model.labels_[2]: {"§kesehatan"}}
    assert set(model.predict(MIXED_BOX["headline"]).tolist()) == {-1}


def test_section_summary_ignores_case():
    box = MIXED_BOX.assign(sections=[["Olahraga"], ["olahraga"], ["Kesehatan"], ["KESEHATAN"], ["News"], ["News"],
                                     ["Olahraga"], ["news"]])
    topics_ = HeadlineTopics(random_state=0).fit(box).topics_.set_index("topic")
    assert sorted(topics_["sections"]) == ["Kesehatan (2)", "News (3)", "Olahraga (3)"]  # spelling: first seen


WORDS = ["gempa", "banjir", "cianjur", "bekasi", "gubernur", "vaksin", "persib", "harga", "cabai", "warga",
         "mengungsi", "kampanye", "demam", "depok", "rumah", "jalan"]
SECTIONS = [[], ["Olahraga"], ["Kesehatan"], ["News"], ["olahraga"]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(st.lists(st.sampled_from(WORDS), max_size=5), st.sampled_from(SECTIONS)),
                     max_size=45),
       n_topics=st.sampled_from([None, 2, 3, 4]))
def test_predict_on_the_fitted_headlines_gives_labels(rows, n_topics):
    """fit ends with predict's rule until it settles: on the fitted headlines and their sections predict
    gives labels_ (on both paths, with and without sections). Unsettled fits (``settled_`` False after
    MAX_SETTLE_PASSES) are the documented exception; their centres are still their members' means."""
    box = pd.DataFrame({"headline": [" ".join(w) for w, _ in rows], "sections": [s for _, s in rows]})
    model = HeadlineTopics(n_topics=n_topics, random_state=0).fit(box)
    if model.settled_:
        assert model.predict(box).tolist() == model.labels_.tolist()
    assert model.n_topics_ == len(model.centroids_) == len(set(model.labels_.tolist()) - {-1})
    for topic in range(model.n_topics_):
        mean = model.embedding_[model.labels_ == topic].mean(0)
        np.testing.assert_allclose(model.centroids_[topic], mean / np.linalg.norm(mean), atol=1e-6)


def test_sections_of_a_mixed_box_group_like_a_reader():
    """Sport and health items share no word but their section; the three News items share nothing (News says
    how fresh a link is, not what it is about), so they stay unassigned."""
    model = HeadlineTopics(random_state=0).fit(MIXED_BOX)
    labels = model.labels_.tolist()
    sport, health = {labels[i] for i in (0, 1, 6)}, {labels[i] for i in (2, 3)}
    assert len(sport) == 1 and len(health) == 1 and sport != health and -1 not in sport | health
    assert [labels[i] for i in (4, 5, 7)] == [-1, -1, -1]
    topics_ = model.topics_.set_index("topic")
    assert topics_.loc[sport.pop(), "sections"] == "Olahraga (3)"
    assert topics_.loc[-1, "sections"] == "News (3)"
    unsectioned = HeadlineTopics(random_state=0).fit(MIXED_BOX["headline"])
    assert set(unsectioned.labels_.tolist()) == {-1}  # without sections nothing is shared
