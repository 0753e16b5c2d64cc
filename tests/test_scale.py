"""Scale: the pandas, multi-process and Dask engines (and the streamed Parquet writer) give equal tables."""

from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import chunks, dataset
from analysis import corpus as corpus_module
from analysis.dask_engine import DaskCorpus, map_pages
from analysis.tables import PAGE_TABLES, TABLES

distributed = pytest.importorskip("distributed")

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

PARAGRAPH = "Paragraf nomor {i} dari berita ini menjelaskan perundingan damai yang berlangsung di ibu kota."


def page_text(n_paragraphs: int) -> str:
    """A page: a title line, then ``n_paragraphs`` body paragraphs separated by blank lines."""
    body = "\n\n".join(PARAGRAPH.format(i=i + 1) for i in range(n_paragraphs))
    return f"Judul Berita Tentang Perundingan Damai Di Ibu Kota\n\n{body}\n"


def assert_corpus_equal(a, b):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


@pytest.fixture(scope="module")
def client():
    """A small in-process cluster (threads), so the tests stay fast and pickling-free."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory):
    """450 pages (enough for worker processes) with 1 to 5 paragraphs, and two bad files among them."""
    folder = tmp_path_factory.mktemp("big")
    for i in range(450):
        (folder / f"p{i:04d}.txt").write_text(page_text(i % 5 + 1), encoding="utf-8")
    (folder / "p0200x.txt").write_bytes(bytes(range(256)) * 64)  # binary, sorts between p0200 and p0201
    (folder / "p0333x.txt").write_bytes(b"")
    return folder


@pytest.fixture
def real_files(shared_dir):
    """The seed page and the shared pages, as one list, with the shared manifest."""
    files = sorted(SEEDS.glob("*.txt")) + sorted((shared_dir / "corpus").glob("*.txt"))
    return files, shared_dir / "corpus" / "manifest.tsv"


def engines(source, tmp_path, chunk_size, dask_chunk_size, **kw):
    """The same corpus from every engine, by name (several chunks and partitions each)."""
    out = {
        "workers=2": analysis.load_corpus(source, workers=2, chunk_size=chunk_size, **kw),
        "dask": analysis.load_corpus(source, engine="dask", chunk_size=dask_chunk_size, **kw).compute(),
        "stream": analysis.read_corpus(analysis.write_corpus(source, tmp_path / "s", workers=2, chunk_size=chunk_size,
                                                          part_pages=2 * chunk_size, **kw)),
        "dask-parquet": analysis.read_corpus(
            analysis.load_corpus(source, engine="dask", chunk_size=dask_chunk_size, **kw).to_parquet(tmp_path / "d")),
    }
    out["dask-read"] = analysis.read_corpus(tmp_path / "d", engine="dask").compute()
    written = analysis.write_corpus(source, tmp_path / "w", engine="dask", chunk_size=dask_chunk_size, **kw)
    out["dask-write"] = analysis.read_corpus(written)
    (written / dataset.MARKER).unlink()  # without the marker: files in name order (head, parts, tail)
    out["dask-write-no-marker"] = analysis.read_corpus(written)
    return out


def test_engines_equal_on_real_pages(real_files, tmp_path, client, monkeypatch):
    files, manifest = real_files
    files = [*files, files[5]]  # the same file again: a duplicate doc_id, listed first in errors
    monkeypatch.setattr(corpus_module, "PARALLEL_MIN_FILES", 0)  # use worker processes on 34 files
    serial = analysis.load_corpus(files, workers=1, metadata=manifest)
    assert len(serial.pages) == 34
    assert serial.errors.path.tolist() == [str(files[5])]
    assert serial.errors.error.str.startswith("duplicate doc_id").all()
    # 059 carries scraper debris (`" target="_blank">`); the seed page is the one page without a manifest row
    assert serial.warnings.warning.tolist() == [
        "HTML markup removed from the text (1 tag(s))", "page has no manifest row: 000_dc8006bf72fa3c3c.txt"]
    assert serial.warnings.doc_id.iloc[0] == "059"
    for name, corpus in engines(files, tmp_path, 5, 12, metadata=manifest).items():
        for table in TABLES:
            pd.testing.assert_frame_equal(getattr(corpus, table), getattr(serial, table), obj=f"{name}: {table}")


def test_bad_files_in_a_large_folder_are_errors_under_every_engine(big_folder, tmp_path, client):
    serial = analysis.load_corpus(big_folder, workers=1)
    assert len(serial.pages) == 450
    assert serial.errors.path.tolist() == [str(big_folder / "p0200x.txt"), str(big_folder / "p0333x.txt")]
    assert serial.errors.error.str.split(" ").str[:2].str.join(" ").tolist() == ["binary file", "empty file"]
    # 1..5 paragraphs in turn: 90 pages of each
    assert serial.pages.n_paragraphs.value_counts().sort_index().to_dict() == {1: 90, 2: 90, 3: 90, 4: 90, 5: 90}
    for name, corpus in engines(big_folder, tmp_path, 64, 160).items():
        for table in TABLES:
            pd.testing.assert_frame_equal(getattr(corpus, table), getattr(serial, table), obj=f"{name}: {table}")


def paragraph_counts(corpus):
    """A per-page function: paragraphs per page."""
    counts = corpus.paragraphs.groupby("doc_id", sort=False).size()
    return pd.DataFrame({"doc_id": corpus.pages.doc_id, "paragraphs": corpus.pages.doc_id.map(counts).fillna(0)
                         .astype("int64")}).reset_index(drop=True)


def test_map_pages_over_dask_partitions(big_folder, client):
    dcorpus = analysis.load_corpus(big_folder, engine="dask", chunk_size=100)
    assert isinstance(dcorpus, DaskCorpus) and dcorpus.pages.npartitions == 5
    result = map_pages(dcorpus, paragraph_counts)
    assert result.npartitions == 5
    df = result.compute()
    assert len(df) == 450
    # p0000 has 1 paragraph, p0001 2, ..., p0004 5, p0005 1 again
    assert df.set_index("doc_id").paragraphs.loc[["p0000", "p0004", "p0005", "p0449"]].tolist() == [1, 5, 1, 5]


def test_map_pages_over_a_read_dataset_and_in_pandas_batches(big_folder, tmp_path, client):
    out = analysis.write_corpus(big_folder, tmp_path / "ds", workers=1, chunk_size=100, part_pages=1)
    dcorpus = analysis.read_corpus(out, engine="dask")
    # 452 files in chunks of 100 files, a part per chunk: 5 aligned partitions
    assert {getattr(dcorpus, t).npartitions for t in PAGE_TABLES} == {5}
    whole = paragraph_counts(analysis.read_corpus(out))
    pd.testing.assert_frame_equal(map_pages(dcorpus, paragraph_counts).compute().reset_index(drop=True), whole)
    pd.testing.assert_frame_equal(map_pages(analysis.read_corpus(out), paragraph_counts, batch_pages=100), whole)


def test_iter_chunks_concatenates_to_load_corpus(big_folder):
    chunks = list(analysis.iter_chunks(big_folder, workers=1, chunk_size=64))
    assert len(chunks) == 8 + 1  # 452 files in chunks of 64, then the manifest/notes chunk
    joined = {t: pd.concat([c[t] for c in chunks], ignore_index=True) for t in TABLES}
    assert_corpus_equal(analysis.Corpus(**joined), analysis.load_corpus(big_folder, workers=1))


class _RecordingPool:
    """Stands in for ProcessPoolExecutor: runs tasks in-process, records how many wait unconsumed."""

    def __init__(self, max_workers):
        self.outstanding = 0
        self.peak = 0
        _RecordingPool.last = self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, *args):
        self.outstanding += 1
        self.peak = max(self.peak, self.outstanding)
        pool = self
        result = fn(*args)

        class Future:
            def result(self):
                pool.outstanding -= 1
                return result

            def cancel(self):
                return True

        return Future()


@pytest.mark.parametrize(("workers", "peak"), [(2, 4), (3, 6)])
def test_chunks_in_flight_are_bounded(big_folder, monkeypatch, workers, peak):
    monkeypatch.setattr(corpus_module, "ProcessPoolExecutor", _RecordingPool)
    corpus = analysis.load_corpus(big_folder, workers=workers, chunk_size=10)  # 46 chunks
    assert len(corpus.pages) == 450
    assert _RecordingPool.last.peak == peak  # IN_FLIGHT (2) chunks per worker, never all 46


def test_progress_bar_counts_files(big_folder, capsys):
    analysis.load_corpus(big_folder, workers=1, progress=True)
    err = capsys.readouterr().err
    assert "loading" in err and "452/452" in err


def test_a_page_that_crashes_the_parser_is_an_error_row(big_folder, client, monkeypatch):
    real = chunks.parse_page

    def fragile(text, doc_id):
        if doc_id == "p0123":
            raise RecursionError("too deep")
        return real(text, doc_id)

    monkeypatch.setattr(chunks, "parse_page", fragile)
    expected = [(str(big_folder / "p0123.txt"), "parser failed: RecursionError: too deep")]
    for corpus in (analysis.load_corpus(big_folder, workers=1),
                   analysis.load_corpus(big_folder, engine="dask", chunk_size=200).compute()):
        assert len(corpus.pages) == 449
        assert list(corpus.errors.itertuples(index=False, name=None))[:1] == expected  # before the bad files
        assert corpus.errors.path.str.rsplit("/", n=1).str[-1].tolist() == ["p0123.txt", "p0200x.txt", "p0333x.txt"]


def test_same_stem_in_a_folder_is_a_duplicate_error(tmp_path):
    (tmp_path / "a.txt").write_text(page_text(1), encoding="utf-8")
    (tmp_path / "a.TXT").write_text(page_text(2), encoding="utf-8")
    corpus = analysis.load_corpus(tmp_path)
    # sorted by name: "a.TXT" < "a.txt", so the upper-case file is the page
    assert corpus.pages.path.tolist() == [str(tmp_path / "a.TXT")]
    assert corpus.errors.error.tolist() == [f"duplicate doc_id 'a': same file name as {tmp_path / 'a.TXT'}"]


def test_dask_writer_keeps_a_window_of_tasks_and_the_order_of_parts(big_folder, tmp_path, client, monkeypatch):
    from analysis import dask_engine

    serial = analysis.load_corpus(big_folder, workers=1)
    # 452 files in chunks of 20: 23 tasks, more than the window of 4 per worker (8)
    written = analysis.write_corpus(big_folder, tmp_path / "w", engine="dask", chunk_size=20)
    assert len(list((written / "pages").glob("*.parquet"))) == 23
    assert_corpus_equal(analysis.read_corpus(written), serial)
    # results come back in call order, with a client and (in batches) without one
    calls = [(i, 1) for i in range(30)]
    assert dask_engine._run_windowed(pow, iter(calls), 30, False) == list(range(30))
    monkeypatch.setattr(dask_engine, "_active_client", lambda: None)
    assert dask_engine._run_windowed(pow, iter(calls), 30, False) == list(range(30))


def test_packed_chunk_paths_round_trip():
    from analysis.chunks import pack_paths, unpack_paths

    paths = [f"/data/pages/{i:07d}.txt" for i in range(1000)] + ["/data/été/\udcff.txt"]  # undecodable byte
    packed = pack_paths(paths)
    assert unpack_paths(packed) == paths
    assert len(packed) < len("".join(paths)) / 5  # what a Dask task and its message logs carry


def test_engines_equal_on_a_nested_folder(tmp_path_factory, client, monkeypatch):
    """doc_ids relative to the folder (``site/NNN``) reach the worker processes and Dask tasks."""
    folder = tmp_path_factory.mktemp("nested")
    for site in ("kompas", "detik/2020"):
        (folder / site).mkdir(parents=True)
        for i in range(6):
            (folder / site / f"{i:03d}.txt").write_text(page_text(i % 3 + 1), encoding="utf-8")
    (folder / "detik" / "feed.html").write_text("<html><body><script>x()</script></body></html>",  # no visible text
                                                encoding="utf-8")
    (folder / "manifest.tsv").write_text("file\turl\nkompas/001.txt\thttps://www.kompas.com/read/2020/11/10/x\n",
                                         encoding="utf-8")
    monkeypatch.setattr(corpus_module, "PARALLEL_MIN_FILES", 0)
    serial = analysis.load_corpus(folder, workers=1)
    assert serial.pages.doc_id.tolist() == [f"{site}/{i:03d}" for site in ("detik/2020", "kompas") for i in range(6)]
    assert serial.errors.path.tolist() == [str(folder / "detik" / "feed.html")]
    assert serial.pages.set_index("doc_id").url.dropna().index.tolist() == ["kompas/001"]
    for name, corpus in engines(folder, tmp_path_factory.mktemp("out"), 4, 5).items():
        for table in TABLES:
            pd.testing.assert_frame_equal(getattr(corpus, table), getattr(serial, table), obj=f"{name}: {table}")
