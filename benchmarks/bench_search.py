"""Concordance speed: ``search()`` on 10,000 and 100,000 pages, per query, with the index build timed apart.

    nice -n 10 python benchmarks/bench_search.py [--sizes 10000 100000] [--repeat 3]

The pages are tables, not files: the seed page and the shared corpus (read in place, when present) are
loaded once, then replicated into ``n`` pages with a fixed seed: each copy gets its own doc_id and date,
and a few words of each title, body paragraph and caption are swapped for words of other pages (so the
texts are distinct, as in a real crawl); sidebar headlines are copied unchanged, so they repeat across
pages as they do on a news site. For each size the script prints

* the index build (seconds, the growth of the resident set size it caused, and what the index itself holds),
* per query: hits and the median of ``--repeat`` runs, against the baseline of the same run: the same
  regular expression over every text without the index (what a pandas ``str.findall`` chain does),
* the peak resident set size of the process (VmHWM).

Goal (issue #19): under 1 s a query on 10,000 pages, index build not counted.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import analysis  # noqa: E402
from analysis import explore  # noqa: E402
from analysis.tables import Corpus  # noqa: E402

SHARED = REPO.parent / "shared" / "corpus"
GOAL_SECONDS = 1.0
#: (label, query, options): phrases, a common word, a stem, several words, a regex, a rare and a missing word.
QUERIES = [
    ("phrase", "gencatan senjata", {}),
    ("common word", "yang", {}),
    ("name", "Rusia", {}),
    ("hyphenated", "Nagorno-Karabakh", {}),
    ("stem", "vaksin", {"stem": True}),
    ("stem phrase", "kesepakatan damai", {"stem": True}),
    ("words", "Armenia Azerbaijan", {"mode": "words"}),
    ("body only", "perdamaian", {"where": "body"}),
    ("links only", "vaksin", {"where": "links"}),
    ("regex", r"\d{1,2} November", {"mode": "regex"}),
    ("rare", "Pashinyan", {}),
    ("missing", "zzyzx", {}),
]


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mib() -> float:
    with open("/proc/self/status") as f:
        line = next(x for x in f if x.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


def index_mib(index: explore.SearchIndex) -> float:
    """What the index itself holds: its arrays, its rows table and its distinct texts as Python strings."""
    arrays = [index.codes, *index.text_rows, *index.postings]
    held = sum(a.nbytes for a in arrays) + index.rows.memory_usage(deep=True).sum()
    return (held + sum(sys.getsizeof(t) for t in index.texts)) / 2**20


def base_corpus() -> Corpus:
    files = sorted((REPO / "seeds").glob("*.txt")) + (sorted(SHARED.glob("*.txt")) if SHARED.is_dir() else [])
    return analysis.load_corpus(files)


def _perturb(texts: pd.Series, vocab: np.ndarray, rng: np.random.Generator, n_swaps: int) -> list:
    """Each text with ``n_swaps`` of its words replaced by random corpus words."""
    out = []
    picks = rng.integers(0, len(vocab), size=(len(texts), n_swaps))
    for text, pick in zip(texts.tolist(), picks, strict=True):
        if not isinstance(text, str):
            out.append(text)
            continue
        words = text.split(" ")
        for j, w in zip(rng.integers(0, len(words), size=n_swaps), pick, strict=True):
            words[j] = vocab[w]
        out.append(" ".join(words))
    return out


def replicate(base: Corpus, n: int, seed: int = 0) -> Corpus:
    """``n`` pages made from the pages of ``base`` (see the module docstring)."""
    rng = np.random.default_rng(seed)
    pages = base.pages.reset_index(drop=True)
    copy_of = np.arange(n) % len(pages)
    ids = pd.Series([f"{pages.doc_id[b]}-{k:06d}" for k, b in enumerate(copy_of)], dtype="string")
    vocab = np.array(sorted({w for t in base.paragraphs.text.dropna() for w in t.split(" ") if w.isalpha()}))
    new_pages = pages.iloc[copy_of].reset_index(drop=True).assign(doc_id=ids)
    shift = pd.to_timedelta(rng.integers(-400, 400, size=n), unit="D")
    for col in ("published", "reference_time", "crawled"):
        new_pages[col] = new_pages[col] + shift
    new_pages["title"] = pd.array(_perturb(new_pages["title"], vocab, rng, 1), dtype="string")
    new_pages["caption"] = pd.array(_perturb(new_pages["caption"], vocab, rng, 1), dtype="string")
    tables = {"pages": new_pages}
    for name, column, swaps in (("paragraphs", "text", 2), ("links", "headline", 0)):
        table = getattr(base, name)
        groups = table.groupby("doc_id", sort=False).indices
        take = [(k, i) for k, b in enumerate(copy_of) for i in groups.get(pages.doc_id[b], ())]
        rows = table.iloc[[i for _, i in take]].reset_index(drop=True)
        rows["doc_id"] = ids.iloc[[k for k, _ in take]].to_numpy()
        if swaps:
            rows[column] = pd.array(_perturb(rows[column], vocab, rng, swaps), dtype="string")
        tables[name] = rows
    empty = {t: getattr(base, t).iloc[:0] for t in ("quotes", "videos", "blocks", "errors", "warnings")}
    return Corpus(**tables, **empty)


def _baseline(index: explore.SearchIndex, query: str, options: dict) -> tuple[int, float]:
    """The same search without the index: the query's regex over every text (each distinct text once)."""
    pattern = index.pattern(query, mode=options.get("mode", "phrase"), stem=options.get("stem", False))
    start = time.perf_counter()
    n = sum(len(pattern.findall(t)) for t in index.texts)
    return n, time.perf_counter() - start


def bench(n: int, base: Corpus, repeat: int) -> None:
    t = time.perf_counter()
    corpus = replicate(base, n)
    print(f"\n== {n:,} pages: {len(corpus.paragraphs):,} paragraphs, {len(corpus.links):,} links "
          f"(made in {time.perf_counter() - t:.1f} s)")
    before = rss_mib()
    t = time.perf_counter()
    index = explore.build_index(corpus)
    build = time.perf_counter() - t
    print(f"index build: {build:.2f} s, +{rss_mib() - before:.0f} MiB resident (the index holds "
          f"{index_mib(index):.0f} MiB; the rest is the build's freed temporaries); {len(index):,} rows, "
          f"{len(index.texts):,} distinct texts, {len(index.vocabulary):,} words, {len(index.forms):,} stems")
    print(f"{'query':<34} {'hits':>8} {'search s':>9} {'scan s':>8} {'ratio':>6}")
    worst = 0.0
    for label, query, options in QUERIES:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            hits = explore.search(index, query, **options)
            times.append(time.perf_counter() - t)
        took = statistics.median(times)
        worst = max(worst, took)
        _, scan = _baseline(index, query, options)
        shown = f"{label}: {query}"[:34]
        print(f"{shown:<34} {len(hits):>8,} {took:>9.3f} {scan:>8.3f} {scan / took if took else float('inf'):>5.1f}x")
    verdict = "meets" if worst < GOAL_SECONDS else "MISSES"
    print(f"slowest query {worst:.3f} s: {verdict} the goal of < {GOAL_SECONDS:.0f} s; peak RSS {peak_mib():.0f} MiB; "
          f"load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    base = base_corpus()
    print(f"base: {len(base.pages)} pages ({'seeds + shared corpus' if SHARED.is_dir() else 'seeds only'})")
    for n in args.sizes:
        bench(n, base, args.repeat)


if __name__ == "__main__":
    re.purge()
    main()
