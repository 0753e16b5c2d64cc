"""Hypothesis properties of the public functions of analysis.corpus, dataset, clean, page, urls, overview, show,
topics, related and render.markdown_to_text, and of the figure functions in plots that are not the timeline.

For every function: it never raises on the types it documents (texts of any characters, headlines in any
container, corpora built from generated pages, bad files among them), and its documented invariants hold: every
file is a page or an error, counts equal row counts, each link is scored once, ranks are 1..n per page, a topic
has at least two members, files are named inside the corpus. The render and Dask engines are covered by
tests/test_render_corpora.py and tests/test_scale.py instead; dates, events and the timeline by their own tests.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import analysis
from analysis import clean, dataset, overview, plots, related, show, topics, urls
from analysis.chunks import read_page_file
from analysis.corpus import iter_chunks, load_corpus, open_corpus, read_corpus, write_corpus
from analysis.page import parse_page
from analysis.render import markdown_to_text
from analysis.tables import SCHEMAS, TABLES, Corpus

matplotlib.use("Agg")

FAST = settings(max_examples=200, deadline=None)
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.data_too_large])

# --------------------------------------------------------------------------------------------
# Strategies: words, headlines in any container, page texts, corpora of files

WORDS = [
    "Armenia", "Azerbaijan", "Rusia", "gencatan", "senjata", "Presiden", "Vladimir", "Putin", "mengatakan", "perang",
    "pasukan", "wilayah", "Nagorno-Karabakh", "sepakat", "damai", "harga", "cabai", "naik", "vaksinasi", "vaksin",
    "Covid-19", "Jakarta", "Baku", "Yerevan", "Kremlin", "Peskov", "pada", "di", "dan", "yang", "itu", "warga",
    "desa", "sungai", "jembatan", "10", "2020", "November", "Selasa", "Turki", "Erdogan", "gempa", "banjir",
]
ODD = ["\u200b", "é", "e\u0301", "\u00a0", "\U0001f600", "<b>", "&amp;", "..", "…", "“", "”", "'", "-", "/", ":",
       "(", ")", "$", "*", "_", "`", "#", "[", "]", "\u202e", "\ufeff", "ß", "\u0130"]
word = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.text(max_size=6))
headline = st.lists(word, min_size=1, max_size=10).map(" ".join)
sentence = st.lists(st.sampled_from(WORDS), min_size=4, max_size=14).map(lambda w: " ".join(w).capitalize() + ".")
DATE_LINES = ["Selasa, 10 November 2020 10:05 WIB", "Kamis, 08 April 2021", "11 April 2021 22:19",
              "Rabu (11/11/2020)", "31 Februari 2021", "3 jam lalu"]


@st.composite
def page_text(draw) -> str:
    """A page dump: a headline, maybe a date line, paragraphs (some quoting), links, a sidebar, videos, noise."""
    parts = [draw(headline)]
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(DATE_LINES)))
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["paragraph", "quote", "inline", "noise"]))
        if kind == "paragraph":
            parts.append(" ".join(draw(st.lists(sentence, min_size=1, max_size=3))))
        elif kind == "quote":
            parts.append(f'"{draw(sentence)[:-1]}," kata {draw(st.sampled_from(["Peskov", "Putin", "Aliyev"]))}.')
        elif kind == "inline":
            parts.append(f"Baca juga: {draw(headline)}")
        else:
            parts.append(draw(st.text(max_size=40)))
    if draw(st.booleans()):
        parts.append("Artikel Lainnya")
        for h in draw(st.lists(headline, min_size=1, max_size=4)):
            parts += [h, "Dunia", h[:20] + "..", draw(st.sampled_from([DATE_LINES[2], "11 April 2021 21:48"]))]
    if draw(st.booleans()):
        parts += ["Video", f"Bincang Sehat • {draw(headline)}", "Jumat, 09 April 2021"]
    return draw(st.sampled_from(["\n", "\n\n", "\r\n"])).join(parts) + "\n"


BAD_FILES = [b"", b"   \n\t\n", b"\x00\x01\x02\x03" * 64, b"<!DOCTYPE html><html><body>x</body></html>"]


@st.composite
def corpus_files(draw, min_pages: int = 0) -> list[tuple[str, bytes]]:
    """(relative path, bytes) of a corpus folder: generated pages (some in a subfolder), maybe bad files."""
    pages = draw(st.lists(page_text(), min_size=min_pages, max_size=5))
    files = [(f"{'sub/' if i % 3 == 2 else ''}p{i}.txt", text.encode("utf-8", "surrogatepass")) for i, text
             in enumerate(pages)]
    files += [(f"bad{i}.txt", data) for i, data in enumerate(draw(st.lists(st.sampled_from(BAD_FILES), max_size=2)))]
    if draw(st.booleans()):
        files.append(("notes.md", b"# not a page"))
    if not any(rel.endswith(".txt") for rel, _ in files):  # a folder without any .txt file is an error
        files.append(("empty.txt", b""))
    return files


@contextlib.contextmanager
def folder_of(files):
    root = Path(tempfile.mkdtemp(prefix="props-"))
    try:
        for rel, data in files:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def containers(items: list) -> st.SearchStrategy:
    """The same headlines as a list, tuple, Series, object array, generator or DataFrame column."""
    return st.sampled_from([
        list, tuple, lambda h: pd.Series(h, dtype="object"), lambda h: np.array(h, dtype=object),
        lambda h: (x for x in h), lambda h: pd.DataFrame({"headline": h, "n": range(len(h))}),
    ]).map(lambda make: make(items))


headline_lists = st.lists(st.one_of(headline, st.just(""), st.none()), max_size=25)


def loaded(files) -> Corpus:
    with folder_of(files) as root:
        return load_corpus(root, workers=1)


corpora = corpus_files().map(loaded)


def _counts_match(corpus: Corpus) -> None:
    pages = corpus.pages.set_index("doc_id")
    for table, column in (("paragraphs", "n_paragraphs"), ("quotes", "n_quotes"), ("links", "n_links"),
                          ("videos", "n_videos")):
        counts = getattr(corpus, table).groupby("doc_id").size().reindex(pages.index, fill_value=0)
        assert counts.tolist() == pages[column].tolist(), table


# --------------------------------------------------------------------------------------------
# analysis.clean


BOMS = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])


@FAST
@given(st.tuples(BOMS, st.binary(max_size=300)).map(b"".join))
@example(b"\xff\xfe\x41")  # a UTF-16 mark before an odd number of bytes
@example(b"\xfe\xff\xd8\x00")  # a UTF-16 mark before a lone surrogate
def test_decode_bytes_never_raises(data):
    text, warnings = clean.decode_bytes(data)
    assert isinstance(text, str) and all(isinstance(w, str) for w in warnings)


@FAST
@given(st.text(max_size=200).filter(lambda s: not s.startswith("\ufeff")))
def test_decode_bytes_reads_utf8_as_written(text):
    assert clean.decode_bytes(text.encode("utf-8")) == (text, [])


@FAST
@given(st.text(max_size=200))
def test_line_cleaners(text):
    lines = clean.split_lines(text)
    assert len(lines) == text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    assert len(clean.clean_text(text)) == len(lines)
    for line in lines:
        assert unicodedata.is_normalized("NFC", clean.normalize_unicode(line))
        assert not clean.INVISIBLE_RE.search(clean.remove_invisible(line))
        spaced = clean.collapse_spaces(line)
        assert "  " not in spaced and spaced == spaced.strip()
        assert isinstance(clean.remove_html_debris(line), str)
        once = clean.clean_line(line)
        assert "  " not in once and once == once.strip()


# --------------------------------------------------------------------------------------------
# analysis.page, analysis.corpus


@FAST
@given(page_text())
def test_parse_page_counts_and_lossless_blocks(text):
    page = parse_page(text, "d")
    assert page.doc_id == "d" and page.n_lines == len(clean.clean_text(text))
    covered = [n for b in page.blocks for n in range(b.line_start, b.line_end + 1)]
    assert len(covered) == len(set(covered))  # every line in at most one block
    assert [p.n for p in page.paragraphs] == list(range(1, len(page.paragraphs) + 1))
    assert {q.paragraph for q in page.quotes} <= {p.n for p in page.paragraphs}
    assert [lk.position for lk in page.links] == list(range(1, len(page.links) + 1))


@SLOW
@given(corpus_files(), st.integers(1, 3))
def test_every_file_is_a_page_or_an_error_and_counts_equal_rows(files, chunk_size):
    with folder_of(files) as root:
        corpus = load_corpus(root, workers=1)
        paths = {str(root / rel) for rel, _ in files}
        assert len(corpus.pages) + len(corpus.errors) == len(files)
        assert set(corpus.pages.path) | set(corpus.errors.path) == paths
        assert corpus.pages.doc_id.is_unique
        # doc_id: the relative path without .txt
        assert all(str(root / f"{d}.txt") == p for d, p in zip(corpus.pages.doc_id, corpus.pages.path, strict=True))
        for name in TABLES:
            assert getattr(corpus, name).dtypes.astype(str).to_dict() == {c: str(pd.api.types.pandas_dtype(d))
                                                                          for c, d in SCHEMAS[name].items()}
        for name in ("paragraphs", "quotes", "links", "videos", "blocks"):
            assert set(getattr(corpus, name).doc_id) <= set(corpus.pages.doc_id)
        _counts_match(corpus)
        chunks = list(iter_chunks(root, workers=1, chunk_size=chunk_size))
        for name in TABLES:
            joined = pd.concat([c[name] for c in chunks], ignore_index=True)
            pd.testing.assert_frame_equal(joined, getattr(corpus, name), check_dtype=False, obj=name)


@FAST
@given(st.binary(max_size=400), st.text(min_size=1, max_size=10))
def test_read_page_file_gives_a_page_or_a_reason(data, doc_id):
    with folder_of([("x.txt", data)]) as root:
        page, error, warnings = read_page_file(root / "x.txt", doc_id)
    assert (page is None) == (error is not None)
    assert page is None or page.doc_id == doc_id
    assert all(isinstance(w, str) for w in warnings)


@SLOW
@given(corpora)
def test_datasets_round_trip(corpus):
    with folder_of([]) as root:
        out = dataset.write_tables(corpus.tables(), root / "ds")
        assert dataset.is_corpus_dataset(out)
        back = read_corpus(out)
        opened = open_corpus(out)
        for name in TABLES:
            pd.testing.assert_frame_equal(getattr(back, name), getattr(corpus, name).reset_index(drop=True))
            pd.testing.assert_frame_equal(getattr(opened, name), getattr(back, name))
        assert not dataset.is_corpus_dataset(root / "nowhere")


@SLOW
@given(corpus_files())
def test_write_corpus_equals_load_corpus(files):
    with folder_of(files) as root:
        loaded_corpus = load_corpus(root, workers=1)
        back = read_corpus(write_corpus(root, Path(str(root) + "-ds"), workers=1, part_pages=2))
        shutil.rmtree(str(root) + "-ds")
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(loaded_corpus, name), obj=name)


# --------------------------------------------------------------------------------------------
# analysis.urls


@FAST
@given(st.one_of(st.text(max_size=80), st.builds(lambda h, p: f"https://{h}/{p}", st.sampled_from(
    ["m.kompas.com", "news.detik.com", "www.antaranews.com", "x", "", "a.b.c.co.id"]), st.text(max_size=40))))
def test_parse_url_never_raises(url):
    out = urls.parse_url(url)
    assert tuple(out) == urls.URL_COLUMNS
    assert out["url_date"] is pd.NaT or isinstance(out["url_date"], pd.Timestamp)
    assert (out["url_date_granularity"] is None) == (out["url_date"] is pd.NaT)


names = st.lists(st.from_regex(r"[a-z0-9]{1,5}(/[a-z0-9]{1,5})?", fullmatch=True), min_size=1, max_size=6, unique=True)


@FAST
@given(names, names, st.sampled_from(["\t", ","]))
def test_manifests_read_and_join(page_ids, listed, sep):
    with folder_of([("manifest.txt", ("file" + sep + "url\n" + "".join(
            f"{n}.txt{sep}https://example.com/{i}\n" for i, n in enumerate(listed))).encode())]) as root:
        manifest = urls.read_manifest(root / "manifest.txt")
    assert manifest["file"].tolist() == [f"{n}.txt" for n in listed]
    assert list(manifest.columns[:2]) == ["file", "url"] and set(urls.URL_COLUMNS) <= set(manifest.columns)
    pages = pd.DataFrame({"doc_id": page_ids, "path": [f"/c/{d}.txt" for d in page_ids]})
    joined, report = urls.join_manifest(pages, manifest)
    assert joined["doc_id"].tolist() == page_ids  # same rows, same order
    matched = set(joined.loc[joined["url"].notna(), "doc_id"])
    assert set(page_ids) & set(listed) <= matched  # a manifest file naming a doc_id always matches it
    for d in matched:  # ... and a match is the doc_id itself, a path ending in it, or its unique file name
        assert any(n == d or n.endswith("/" + d) or n.rsplit("/", 1)[-1] == d.rsplit("/", 1)[-1] for n in listed)
    assert set(report.loc[report.problem == "no_manifest_row", "doc_id"]) == set(page_ids) - matched
    # every manifest row is used once or reported once
    assert len(matched) + (report.problem != "no_manifest_row").sum() == len(listed)


# --------------------------------------------------------------------------------------------
# analysis.overview, analysis.show


@SLOW
@given(corpus_files(), st.sampled_from(["as given", "slash", "glob"]))
def test_overview_tables(files, form):
    with folder_of(files) as root:
        corpus = load_corpus(root, workers=1)
        given_root = {"as given": str(root), "slash": f"{root}/", "glob": f"{root}/**/*.txt"}[form]
        structure = overview.structure_table(corpus)
        assert structure.index.tolist() == corpus.pages.doc_id.tolist()
        assert (structure.drop(columns="lines").sum(axis=1) == structure["lines"]).all()
        sites = overview.site_table(corpus)
        assert sites["pages"].sum() == len(corpus.pages)
        quality = overview.quality_table(corpus, root=given_root)
        assert (quality["pages"] == quality["doc_ids"].str.split(", ").str.len()).all()
        assert str(root) not in " ".join(quality["doc_ids"])  # files are named inside the corpus
        errors = overview.error_table(corpus, root=given_root)
        assert len(errors) == len(corpus.errors)
        assert errors.path.tolist() == [str(p.relative_to(root)) for p in map(Path, corpus.errors.path)]
        first = overview.page_blocks(corpus, width=5)
        assert first.doc_id.nunique() <= 1 and (first.text.str.len() <= 5).all()


@FAST
@given(st.text(max_size=40), st.sampled_from([None, "/data/c", "/data/c/", "data", "/data/c/*/x*.txt"]))
def test_display_path_names_files_inside_the_corpus(rel, root):
    path = f"/data/c/{rel}"
    shown = overview.display_path(path, root)
    if root is None or root == "data" or not rel.strip("/"):
        assert shown == path.replace("\\", "/") or shown == path
    else:
        assert not shown.startswith("/data/c/") and path.endswith(shown)


@FAST
@given(st.lists(st.integers(), max_size=4), st.text(max_size=30))
def test_show_table_is_the_table_or_the_sentence(values, sentence):
    df = pd.DataFrame({"a": values})
    out = show.table(df, sentence)
    assert out is df if values else (isinstance(out, show.Note) and out == sentence and repr(out) == sentence)
    note = show.sentences([sentence] * len(values), "none")
    assert note == ("\n".join([sentence] * len(values)) if values else "none")


# --------------------------------------------------------------------------------------------
# analysis.topics


@FAST
@given(headline_lists, st.data())
def test_as_headlines_takes_any_container(items, data):
    out = topics.as_headlines(data.draw(containers(items)))
    assert out == [h if isinstance(h, str) else "" for h in items]


@FAST
@given(st.one_of(headline, st.text()))
def test_as_headlines_refuses_a_bare_string(text):
    with pytest.raises(TypeError, match="not a single str"):
        topics.as_headlines(text)


@FAST
@given(headline)
def test_headline_text_functions(text):
    key = topics.headline_key(text)
    assert topics.headline_key(key) == key and key == key.lower().strip()
    tokens = topics.tokenize_headline(text)
    assert all(len(t) >= 2 and t == t.lower() and t not in topics.STOPWORDS for t in tokens)
    assert all(topics.stem_token(t) for t in tokens)
    assert markdown_to_text(text) == text or any(c in text for c in "*_`[<")


@SLOW
@given(headline_lists, st.data())
def test_headline_topics_invariants(items, data):
    headlines = data.draw(containers(items))
    model = topics.HeadlineTopics(random_state=0).fit(headlines)
    n = len(items)
    assert len(model.labels_) == n and model.headlines_ == [h if isinstance(h, str) else "" for h in items]
    assert set(model.labels_.tolist()) <= {-1, *range(model.n_topics_)}
    sizes = np.bincount(model.labels_[model.labels_ >= 0], minlength=model.n_topics_)
    assert (sizes >= 2).all()  # a topic has at least two members
    assert model.topics_["size"].sum() == n
    Z = model.transform(list(model.headlines_))
    norms = np.linalg.norm(Z, axis=1) if len(Z) else np.zeros(0)
    assert np.all(np.isclose(norms, 0) | np.isclose(norms, 1))
    predicted = model.predict(data.draw(containers(items)))
    assert len(predicted) == n and set(predicted.tolist()) <= {-1, *range(model.n_topics_)}
    assert set(topics.topic_names(model)) >= set(model.labels_.tolist())
    table = topics.topic_table(model)
    assert len(table) == n and sorted(table["headline"]) == sorted(model.headlines_)
    words = topics.topic_words(model, n_words=3)
    assert (words["rank"] <= 3).all() and set(words["topic"]) <= set(range(model.n_topics_))
    coords = topics.map_coordinates(model)
    assert len(coords) == n and np.isfinite(coords[["x", "y"]].to_numpy()).all()
    cross = topics.topic_crosstab(table.assign(sections=[["Dunia"]] * n), "sections")
    assert int(cross.to_numpy().sum()) == n
    weights = topics.class_tfidf([topics.tokenize_headline(h) for h in model.headlines_], model.labels_)
    assert set(weights) <= set(range(model.n_topics_))


@SLOW
@given(corpora)
def test_collect_and_assign_headlines_of_a_corpus(corpus):
    links = corpus.links
    table = topics.collect_headlines(links)
    keys = [topics.headline_key(h if isinstance(h, str) and h.strip() else t)
            for h, t in zip(links["headline"], links["teaser"], strict=True)]
    assert table["count"].sum() == sum(1 for k in keys if k)
    assert (table["n_docs"] <= table["count"]).all()
    assert table["headline"].map(topics.headline_key).is_unique
    assert all(d == sorted(set(d)) for d in table["doc_ids"])
    model = topics.HeadlineTopics(random_state=0).fit(table)
    assigned = topics.assign_topics(model, links)
    assert len(assigned) == len(links) and assigned["topic"].tolist() == model.predict(links).tolist()


# --------------------------------------------------------------------------------------------
# analysis.related


@FAST
@given(st.lists(headline, max_size=6), st.lists(headline, max_size=6), st.sampled_from(related.FEATURES))
def test_text_similarity_in_unit_range(a, b, features):
    model = related.TextSimilarity(features=features).fit([*a, *b])
    sims = model.similarity(pd.Series(a, dtype="object"), tuple(b))
    assert sims.shape == (len(a), len(b))
    assert np.all((sims >= -1e-9) & (sims <= 1 + 1e-9))


@FAST
@given(st.lists(st.one_of(sentence, headline), max_size=4).map(" ".join), headline)
def test_entities(text, head):
    found = related.find_entities(text)
    assert len(found) == len(set(found)) and all(isinstance(e, str) and e for e in found)
    assert set(related.match_entities(found, head)) <= set(found)


@SLOW
@given(corpora)
def test_scores_verdicts_and_recommendations(corpus):
    scores = related.score_links(corpus, min_null=50)
    # each link scored once
    assert sorted(zip(scores.doc_id, scores.position, strict=True)) == sorted(
        zip(corpus.links.doc_id.astype(str), corpus.links.position, strict=True))
    sims = scores["similarity"].dropna()
    assert ((sims >= -1e-9) & (sims <= 1 + 1e-9)).all()
    assert ((scores["p_value"].dropna() > 0) & (scores["p_value"].dropna() <= 1)).all()
    for _, g in scores.groupby("doc_id"):
        assert sorted(g["rank"]) == list(range(1, len(g) + 1))
    verdicts = related.sidebar_verdicts(scores, corpus)
    assert sorted(verdicts.doc_id) == sorted(corpus.pages.doc_id.astype(str))
    assert set(verdicts.verdict) <= {"no links", "undetermined", "recency feed", "mixed", "topical", "unrelated"}
    n_links = corpus.links.groupby("doc_id").size()
    assert verdicts.set_index("doc_id")["n_links"].to_dict() == n_links.reindex(verdicts.doc_id, fill_value=0).to_dict()
    statements = related.describe_sidebars(verdicts, corpus)
    assert sorted(statements.index) == sorted(n_links.index)
    nulls = related.null_similarities(corpus, min_null=50)
    assert set(nulls.doc_id) <= set(corpus.pages.doc_id)
    assert related.null_summary(nulls)["count"].sum() == nulls["similarity"].notna().sum()
    articles = related.article_texts(corpus.pages)
    assert articles.index.tolist() == corpus.pages.doc_id.tolist()
    recs = related.recommend_links(corpus, k=2)
    assert (recs.groupby("doc_id").size() <= 2).all() and (recs["from_doc_id"] != recs["doc_id"]).all()
    assert (recs["similarity"] > 0).all()
    both = related.compare_recommendations(scores, recs)
    assert set(both.doc_id) <= set(scores.doc_id) & set(recs.doc_id)


# --------------------------------------------------------------------------------------------
# analysis.plots (the figures of notebooks 01, 03 and 04)


def _drawn_or_said(call) -> None:
    """A figure function draws (returns Axes/Figure) or prints one sentence and returns None."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = call()
    if result is None:
        said = out.getvalue().splitlines()
        assert len(said) == 1 and said[0].endswith(".")
    else:
        assert isinstance(result, (matplotlib.axes.Axes, matplotlib.figure.Figure))
    matplotlib.pyplot.close("all")


@SLOW
@given(corpora)
def test_figures_draw_or_say_why_not(corpus):
    _drawn_or_said(lambda: plots.page_structure(overview.structure_table(corpus)))
    scores = related.score_links(corpus, min_null=20)
    _drawn_or_said(lambda: plots.link_similarity_pages(scores))
    _drawn_or_said(lambda: plots.similarity_vs_gap(scores))
    for doc_id in corpus.pages.doc_id[:2]:
        _drawn_or_said(lambda d=doc_id: plots.link_similarity(scores, d))
    table_of = topics.collect_headlines(corpus.links)
    model = topics.HeadlineTopics(random_state=0).fit(table_of)
    _drawn_or_said(lambda: plots.topic_map(topics.map_coordinates(model)))
    _drawn_or_said(lambda: plots.topic_sizes(model.topics_))
    _drawn_or_said(lambda: plots.topic_times(topics.topic_table(model, table_of)))


def test_the_public_names_of_these_modules_are_covered():
    """A new public function in one of these modules needs a property here (names checked, not behaviour)."""
    source = Path(__file__).read_text(encoding="utf-8")
    modules = {"clean": clean, "overview": overview, "show": show, "topics": topics, "related": related,
               "urls": urls, "corpus": analysis.corpus}
    uncovered = []
    for name, module in modules.items():
        for public in module.__all__:
            value = getattr(module, public)
            if callable(value) and not isinstance(value, type(math)) and public not in ("add_arguments", "run") \
                    and f"{name}.{public}" not in source and not re.search(rf"\b{public}\(", source):
                uncovered.append(f"{name}.{public}")
    for public in ("load_corpus", "iter_chunks", "read_page_file", "parse_page", "markdown_to_text"):
        assert f"{public}(" in source
    assert not uncovered, uncovered
    assert analysis.load_corpus is load_corpus


def test_links_with_only_blank_headlines_collect_to_an_empty_table():
    """Found by test_figures_draw_or_say_why_not in a fresh clone: every headline and teaser blank."""
    links = pd.DataFrame({"doc_id": ["a", "b"], "headline": ["  ", ""], "teaser": [None, " "],
                          "published": [pd.NaT, pd.NaT]})
    table = topics.collect_headlines(links)
    assert table.empty and list(table.columns)[:2] == ["headline", "count"]
    assert topics.HeadlineTopics(random_state=0).fit(table).labels_.tolist() == []


# --------------------------------------------------------------------------------------------
# analysis.related: the verdict rules of issue #17 (on-topic marks, article dates, confidence)

_p = st.one_of(st.none(), st.floats(0.0, 1.0))
_days = st.one_of(st.none(), st.floats(-5000.0, 5000.0, allow_nan=False))
_names = st.lists(st.sampled_from(["Australia", "Myanmar", "Jokowi", "Armenia", "Surabaya"]), max_size=3,
                  unique=True)
_null = st.sampled_from(["other pages + shuffled", "own links + shuffled", "other pages"])


@st.composite
def link_scores(draw) -> pd.DataFrame:
    """A score_links-shaped table of drawn links over one to three pages."""
    n = draw(st.integers(0, 8))
    rows = []
    for i in range(n):
        p, days, names = draw(_p), draw(_days), draw(_names)
        dated = days is not None or draw(st.booleans())
        rows.append({
            "doc_id": f"p{draw(st.integers(0, 2))}", "position": i + 1,
            "published": pd.Timestamp("2021-01-01") if dated else pd.NaT, "section": None,
            "similarity": math.nan if p is None else draw(st.floats(0.0, 1.0)), "p_value": math.nan if p is None else p,
            "related": pd.NA if p is None else p < 0.05, "percentile": 50.0, "shared_entities": "; ".join(names),
            "n_shared_entities": len(names), "same_section": pd.NA, "hours_before_reference": math.nan,
            "null_kind": draw(_null), "null_size": 1000, "days_from_article": math.nan if days is None else days})
    cols = ["doc_id", "position", "published", "section", "similarity", "p_value", "related", "percentile",
            "shared_entities", "n_shared_entities", "same_section", "hours_before_reference", "null_kind",
            "null_size", "days_from_article"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


@FAST
@given(link_scores(), st.floats(0.0, 60.0), st.floats(0.0, 4000.0), st.floats(0.0, 0.05))
def test_on_topic_links_marks_every_link(scores, after, before, single_p):
    marks = related.on_topic_links(scores, max_days_after=after, max_days_before=before, single_country_p=single_p)
    assert len(marks) == len(scores) and marks["position"].tolist() == scores["position"].tolist()
    assert set(marks["timing"]) <= set(related.TIMINGS)
    assert marks[marks["on_topic"].fillna(False)]["basis"].isin(
        ["beats the null", "shares a name with the article (one-page null)"]).all()
    on = marks["on_topic"]
    # no text -> NA; a link dated far from the article is never on-topic; one that does not beat the
    # null counts only with the one-page null
    assert on[scores["similarity"].isna()].isna().all()
    far = marks["timing"].isin(["after the article", "long before the article"])
    assert not on[far].fillna(False).any()
    not_beating = ~scores["related"].astype("boolean").fillna(False).astype(bool)
    assert not on[not_beating & (scores["null_kind"] != "own links + shuffled")].fillna(False).any()
    verdicts = related.sidebar_verdicts(scores, max_days_after=after, max_days_before=before)
    assert set(verdicts["confidence"].dropna()) <= set(related.CONFIDENCE_LEVELS)
    assert (verdicts["n_on_topic"] <= verdicts["n_links"]).all()
    assert (verdicts["n_after_article"] + verdicts["n_before_article"] <= verdicts["n_dated_against_article"]).all()
    for v in verdicts.itertuples(index=False):
        assert v.reason.endswith(".") and (v.verdict == "undetermined" or f"of {v.n_links} link(s)" in v.reason)
        if v.verdict == "topical":
            assert 2 * v.n_on_topic > v.n_links


@SLOW
@given(corpora)
def test_article_dates_are_never_the_furniture(corpus):
    days = related.article_dates(corpus.pages)
    assert days.index.tolist() == corpus.pages.doc_id.astype(str).tolist()
    pages = corpus.pages.set_index(corpus.pages.doc_id.astype(str))
    furniture_only = pages["published"].isna() & pages["reference_source"].isin(["furniture", "none"])
    assert days[furniture_only.to_numpy()].isna().all()
    assert (days.dropna() == pages["published"].fillna(pages["reference_time"])[days.notna().to_numpy()]).all()


@SLOW
@given(headline_lists, st.lists(st.sampled_from(["Dunia", "Sport", "News", "Health", "", None]), max_size=25),
       st.sampled_from(["sections", "section"]))
def test_headline_topics_with_link_sections(items, drawn, column):
    """Sections (lists as collect_headlines gives them, or one string per link) never break a fit; every
    topic row sums up its members' sections as text, and no table prints a list."""
    sections = (drawn + [None] * len(items))[: len(items)]
    values = [[s] if s else [] for s in sections] if column == "sections" else sections
    frame = pd.DataFrame({"headline": pd.Series(items, dtype="object"), column: pd.Series(values, dtype="object")})
    model = topics.HeadlineTopics(random_state=0).fit(frame)
    assert len(model.sections_) == len(items)
    assert all(isinstance(s, str) and "[" not in s for s in model.topics_["sections"])
    table = topics.topic_table(model)
    if "sections" in table:
        assert all(isinstance(s, str) and "[" not in s for s in table["sections"])
        cross = topics.topic_crosstab(table, "sections")
        assert cross.empty or int(cross.to_numpy().sum()) >= len(items)


# analysis.show report tables, prose and tallies; analysis.overview headers and findings; dates.reader_date

#: The markup show.report writes itself; anything else in its HTML would be page text become markup.
OWN_TAGS_RE = re.compile(r"</?(?:div|table|caption|thead|tbody|tr|th|td|span)(?: [a-z-]+=\"[^\"<>]*\")*>")
CELLS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=False),
                  st.lists(st.sampled_from(WORDS + ODD + ["<b>x</b>", "https://e.org/" + "a" * 30, ""]),
                           max_size=8).map(" ".join))


@FAST
@given(st.lists(st.tuples(CELLS, CELLS, st.text(max_size=25)), max_size=8), st.integers(1, 5),
       st.sampled_from([None, "pages", "mapping"]))
def test_show_report_escapes_everything_and_keeps_every_id(rows, max_rows, pages):
    df = pd.DataFrame(rows, columns=["a", "b", "doc_id"])
    df["wide_text_" + "x" * 10] = "kata " * 12
    titles = {"pages": pd.DataFrame({"doc_id": df["doc_id"], "title": ["<i>judul</i>"] * len(df)}),
              "mapping": dict.fromkeys(df["doc_id"], "Judul & <b>"), None: None}[pages]
    shown = show.report(df, "No rows.", pages=titles, max_rows=max_rows)
    if not rows:
        assert shown == "No rows." and isinstance(shown, show.Note)
        return
    assert isinstance(shown, show.Table) and shown.data is df and repr(shown) == repr(df)
    text = shown._repr_html_()
    assert "<" not in OWN_TAGS_RE.sub("", text)  # page text never becomes markup
    assert text == shown._repr_html_()  # deterministic
    frame, kinds, groups, _ = shown.layout()
    assert len(frame) == min(len(df), max_rows) and set(kinds.values()) <= {
        "num", "int", "flag", "time", "short", "text", "token", "page"}
    assert sorted({c for g in groups for c in g}) == sorted(frame.columns)
    import html as html_module

    for doc_id in frame["doc_id"]:  # every row can be traced: the full id is in the title attribute
        assert f'title="{html_module.escape(doc_id)}"' in text or html_module.escape(doc_id) in text


@FAST
@given(st.text(max_size=60), st.integers(0, 40))
def test_clip_and_short_value_never_exceed_the_width(text, width):
    clipped, short = show.clip(text, width), show.short_value(text, width)
    assert len(clipped) <= max(width, 0) or len(text) <= width
    assert len(short) <= max(width, 1)
    if len(text) <= width:
        assert clipped == text and short == text
    else:
        assert clipped.endswith("…") or width == 0
        assert text.startswith(clipped.removesuffix("…").rstrip()) or width == 0


@FAST
@given(st.lists(CELLS, max_size=10))
def test_column_kind_is_one_of_the_kinds(values):
    assert show.column_kind(pd.Series(values, dtype=object)) in {"num", "flag", "time", "short", "text", "token"}


@FAST
@given(st.lists(st.sampled_from(["topical", "mixed", None, "<b>"]), max_size=12), st.text(min_size=1, max_size=20))
def test_tally_counts_every_value_and_prose_is_escaped(values, what):
    note = show.tally(values, what)
    if values:
        assert note.endswith(f"; {len(values)} in all.")
        assert sum(int(n) for n in re.findall(r"\((\d+)\)", note.split(": ", 1)[1])) >= len(values)
    else:
        assert note == f"No {what}."
    assert isinstance(show.header([note]), show.Header)
    for shown in (show.prose([note, what]), show.header([note]), show.prose(what)):
        assert "<" not in OWN_TAGS_RE.sub("", re.sub(r"</?p>", "", shown._repr_html_()))


@SLOW
@given(corpus_files())
def test_report_header_finding_and_date_range(files):
    with folder_of(files) as root:
        corpus = load_corpus(root, workers=1)
        head = overview.report_header(corpus, "../corpus").splitlines()
        assert head[0] == "Corpus: ../corpus" and head[1].startswith(f"{len(corpus.pages)} page")
        assert f"{len(corpus.errors)} file" in head[1]
        dated = overview.date_range(corpus.pages["reference_time"])
        assert (dated == "") == corpus.pages["reference_time"].isna().all()
        assert (dated in head[2]) and ("no page carries a date" in head[2]) == (dated == "")
        finding = overview.finding(corpus)
        assert finding.startswith(f"{len(corpus.pages)} page") and finding.endswith(".")


@FAST
@given(st.text(max_size=30), st.text(max_size=30), st.sampled_from([None, "START", "MID", "END", "APPROX", 3]))
def test_reader_date_never_raises(value, expression, mod):
    from analysis.dates import reader_date

    assert isinstance(reader_date(value, expression, mod), str)


@FAST
@given(st.dates(min_value=pd.Timestamp("1900-01-01").date(), max_value=pd.Timestamp("2099-12-31").date()),
       st.sampled_from(["", "TMO", "TNI", "T07:06"]), st.sampled_from(["malam", "dini hari", "pagi", ""]))
def test_reader_date_of_a_day_carries_day_month_and_year(day, time, words):
    from analysis.dates import READER_MONTHS, reader_date, reader_dates

    shown = reader_date(f"{day:%Y-%m-%d}{time}", words)
    assert shown.startswith(f"{day.day} {READER_MONTHS[day.month - 1]} {day.year}")
    if time == "TNI":
        assert shown.endswith(", dini hari" if words == "dini hari" else ", malam")
    frame = pd.DataFrame({"value": [f"{day:%Y-%m-%d}{time}", None], "expression": [words, None]})
    assert reader_dates(frame).tolist() == [shown, ""]


@pytest.mark.parametrize(("value", "expression", "mod", "shown"), [
    ("2020-11-10TNI", "Selasa (10/11) dini hari", None, "10 Nov 2020, dini hari"),
    ("2020-11-10TNI", "Selasa malam", None, "10 Nov 2020, malam"),
    ("2020-09", "akhir September", "END", "akhir Sep 2020"),
    ("2020-09", "penghujung September", "END", "penghujung Sep 2020"),
    ("XXXX-11-09", "9 November", None, "9 Nov (year unknown)"),
    ("2020-W45", "pekan lalu", None, "week 45 of 2020"),
    ("2017-09-26/2017-09-27", "26-27 September 2017", None, "26 Sep 2017 – 27 Sep 2017"),
    ("2020-11-09T07:06", "9 November 2020 07:06", None, "9 Nov 2020, 07:06"),
    ("P44D", "44 hari", None, "P44D"),
    (None, "", None, ""),
])
def test_reader_date_in_the_pages_own_words(value, expression, mod, shown):
    from analysis.dates import reader_date

    assert reader_date(value, expression, mod) == shown


def test_plots_say_why_as_prose_in_a_notebook_and_print_elsewhere(capsys):
    plots.nothing_to_draw("No links in this corpus.", None)
    assert capsys.readouterr().out == "No links in this corpus.\n"


# analysis.html, analysis.jsonl, analysis.warc, analysis.formats (HTML, WARC and JSON-lines pages)

import gzip  # noqa: E402
import json  # noqa: E402

from analysis import formats, jsonl, warc  # noqa: E402
from analysis import html as html_module  # noqa: E402

WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
TAGS = ["p", "div", "span", "b", "a", "li", "h1", "h3", "figcaption", "br", "section", "td", "nav", "button"]


@st.composite
def html_documents(draw) -> str:
    """Markup of random elements around random text, with a script and a hidden element whose text must not show."""
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(st.sampled_from(TAGS))
        href = ' href="/x/' + str(draw(st.integers(0, 9))) + '"' if tag == "a" else ""
        text = draw(WORDS).replace("<", " ").replace("&", " ")
        closed = draw(st.booleans())  # unclosed tags too
        parts.append(f"<{tag}{href}>{text}" + (f"</{tag}>" if closed else ""))
    parts.insert(draw(st.integers(0, len(parts))), "<script>SCRIPTMARK()</script><div hidden>HIDDENMARK</div>")
    return "<html><body>" + "".join(parts) + draw(st.sampled_from(["</body></html>", ""]))


@FAST
@given(html_documents())
def test_html_to_text_keeps_lines_and_anchors_consistent(doc):
    out = html_module.html_to_text(doc)
    lines = out.text.split("\n")
    assert "SCRIPTMARK" not in out.text and "HIDDENMARK" not in out.text
    assert all(line == line.strip() for line in lines)
    assert "\n\n\n" not in out.text and not out.text.startswith("\n")
    for anchor in out.anchors:
        assert 1 <= anchor.line <= len(lines) and lines[anchor.line - 1]
        assert anchor.href.startswith("/x/") and anchor.text in lines[anchor.line - 1]


@FAST
@given(st.binary(max_size=600), st.sampled_from([None, "utf-8", "windows-1252", "nonsense-charset"]))
def test_decode_html_never_raises(data, declared):
    text, warnings = html_module.decode_html(data, declared)
    assert isinstance(text, str) and all(isinstance(w, str) for w in warnings)


@FAST
@given(st.text(max_size=300).filter(lambda t: "charset" not in t.lower() and not t.startswith("\ufeff")))
def test_decode_html_reads_utf8_back(text):
    assert html_module.decode_html(text.encode("utf-8"))[0] == text


@FAST
@given(st.lists(st.tuples(st.integers(1, 6), WORDS, st.sampled_from(["/a", "b.html", "https://x.id/c"])), max_size=8),
       st.lists(st.tuples(st.integers(1, 6), WORDS), max_size=8),
       st.sampled_from([None, "https://situs.example.id/berita/1"]))
def test_link_urls_gives_one_url_per_link_from_its_line(anchors, links, base):
    anchors = [html_module.Anchor(line, text, href) for line, text, href in anchors]
    rows = [analysis.page.Link("inline", i + 1, headline, None, None, None, None, line)
            for i, (line, headline) in enumerate(links)]
    urls = html_module.link_urls(rows, anchors, base)
    assert len(urls) == len(rows)
    for row, url in zip(rows, urls, strict=True):
        on_line = {a.href for a in anchors if a.line == row.line}
        assert url is None or any(url == h or url.endswith(h.lstrip("/")) for h in on_line)


@FAST
@given(st.one_of(st.none(), st.text(max_size=40), st.sampled_from(["2021-03-12T00:30:00+00:00", "2021-01-14T09:20Z"])))
@example("01")  # found in a full run: reads as the year 1, out of the tables' nanosecond range
def test_meta_time_is_naive_or_none(value):
    ts = html_module.meta_time(value)
    assert ts is None or (isinstance(ts, pd.Timestamp) and ts.tzinfo is None)


@SLOW
@given(html_documents())
def test_read_html_page_and_file_give_a_page_or_an_error(doc):
    got = html_module.read_html_page(doc.encode("utf-8", "surrogatepass"), "d")
    assert (got.page is None) == (got.error is not None)
    if got.page is not None:
        assert len(got.link_urls) == len(got.page.links)
    parsed = formats.read_html_file(doc.encode("utf-8", "surrogatepass"), "d")
    assert (parsed.page is None) == (parsed.error is not None) and parsed.doc_id == "d"


@FAST
@given(st.one_of(st.binary(max_size=200), st.builds(lambda d: json.dumps(d).encode(), st.dictionaries(
    st.sampled_from(["title", "maintext", "text", "html", "url", "date_publish", "description"]),
    st.one_of(st.text(max_size=40), st.integers(), st.none()), max_size=5))))
def test_jsonl_record_is_a_record_or_a_reason(line):
    record, why = jsonl.jsonl_record(line)
    assert record is None or why is None
    if record is not None:
        assert (record.text is None) != (record.html is None)
        assert (record.text or record.html).strip()


@SLOW
@given(st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b" ")), max_size=130))
def test_jsonl_slices_cover_every_line_once(lines):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.jsonl"
        path.write_bytes(b"".join(line + b"\n" for line in lines))
        slices = jsonl.index_jsonl(path, every=jsonl.LINES_PER_SLICE)
        read = [item for first, offset, count in slices for item in jsonl.read_jsonl_slice(path, offset, count, first)]
        assert [n for n, _ in read] == list(range(1, len(lines) + 1))
        assert [b.rstrip(b"\n") for _, b in read] == lines
        items, weights, error = formats.slice_items(str(path), "jsonl")
        assert error is None and sum(weights) == len(lines) and all(formats.is_slice(i) for i in items)
        parsed = [p for item in items for p in formats.read_slice(item, "f")]
        assert [p.doc_id for p in parsed] == [f"f/{n}" for n in range(1, len(lines) + 1)]
        assert all((p.page is not None) or p.error or p.warnings for p in parsed)


@SLOW
@given(st.binary(max_size=400), st.booleans())
def test_index_warc_never_raises_and_numbers_slices_in_order(data, gzipped):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("a.warc.gz" if gzipped else "a.warc")
        path.write_bytes(gzip.compress(data) if gzipped else data)
        index = warc.index_warc(path)
        first = 1
        for number, _, count in index.slices:
            assert number == first and count > 0
            first += count
        for number, offset, count in index.slices:
            records = list(warc.read_warc_slice(path, offset, count, number))
            assert [r.number for r in records] == list(range(number, number + len(records)))


@FAST
@given(st.text(max_size=30), st.sampled_from(["", ".txt", ".HTML", ".htm", ".warc.gz", ".warc", ".jsonl", ".md"]))
def test_file_format_and_strip_format_agree(stem, ending):
    name = stem + ending
    fmt = formats.file_format(name)
    assert (fmt is None) == (formats.strip_format(name) == name)
    if fmt is not None:
        assert name.lower().endswith(next(e for e, f in formats.FORMATS.items()
                                          if name.lower().endswith(e) and f == fmt))
    assert not formats.is_slice(name) or "\0" in name
    assert warc.html_charset(f"text/html; charset={stem}") in (None, stem.split(";")[0].strip(" \"'"))
