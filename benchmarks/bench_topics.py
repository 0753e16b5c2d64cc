"""Benchmark analysis.HeadlineTopics: agreement with categories, and time/memory at 100,000 headlines.

Quality: on a labelled headline set (``headline,category``; labels used only for scoring) report NMI and
ARI of the clusterings against the categories, mean (and std) over seeds, for

* plain baselines fitted in the same run: word TF-IDF + KMeans(5), and word TF-IDF + LSA + KMeans(5);
* HeadlineTopics with ``n_topics=5`` and with the automatic choice. HeadlineTopics leaves headlines
  that fit no topic as -1; scores are given over all headlines (-1 counted as one more cluster, which
  penalises it), over the assigned headlines only (with the share assigned), and with
  ``min_similarity=0`` (every headline assigned, directly comparable with the baselines);
* ablations at ``n_topics=5``: without character n-grams, without stemming.

Scale: fit 100,000 headlines sampled with replacement from the same file, in a fresh subprocess
(wall and CPU time of ``fit``, peak resident memory of the process from ``getrusage``). A second run appends one
random made-up word to every headline, so the stemmer cache and vocabulary see ~100,000 unseen tokens.

Prediction: quality of ``predict`` on held-out headlines (fit on 80%, assign the other 20%), and the
streaming form of "fit on a sample, assign the rest": fit 20,000 headlines, then assign 100,000 and
1,000,000 more in chunks of 50,000 (headlines/s, peak memory after the fit and at the end).

Usage::

    python benchmarks/bench_topics.py [--csv ../shared/headlines/detik_dev.csv] [--seeds 5] [--n 100000]
        [--scale-only]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.preprocessing import normalize

from analysis.topics import HeadlineTopics

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "headlines" / "detik_dev.csv"
ALPHABET = np.array(list("abcdefghijklmnopqrstuvwxyz"))
#: Share of the headlines held out, by the rule of :func:`held_out` (fixed before any further tuning).
HELD_OUT_PERCENT = 35


def held_out(headline: str) -> bool:
    """The held-out rule: the first 8 hex digits of the headline's SHA-256, as a number, mod 100 < 35.

    Fixed on 2026-12-01 before tuning further. NOT truly unseen: all 500 headlines of detik_dev.csv had
    been tuned on in earlier rounds; this part is only unseen by the tuning done since.
    """
    import hashlib

    return int(hashlib.sha256(headline.encode("utf-8")).hexdigest()[:8], 16) % 100 < HELD_OUT_PERCENT


def baseline_tfidf_kmeans(headlines: list[str], k: int, seed: int) -> np.ndarray:
    """Word TF-IDF (scikit-learn defaults) + KMeans(k)."""
    X = TfidfVectorizer().fit_transform(headlines)
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(X)


def baseline_lsa_kmeans(headlines: list[str], k: int, seed: int) -> np.ndarray:
    """Word TF-IDF + LSA(100) + normalisation + KMeans(k) (scikit-learn's text clustering example)."""
    X = TfidfVectorizer().fit_transform(headlines)
    Z = normalize(TruncatedSVD(n_components=100, random_state=seed).fit_transform(X))
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(Z)


def scores(truth: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    """NMI/ARI over all rows (-1 as a cluster), share assigned, NMI/ARI over assigned rows."""
    assigned = labels >= 0
    out = {
        "NMI": normalized_mutual_info_score(truth, labels),
        "ARI": adjusted_rand_score(truth, labels),
        "assigned": assigned.mean(),
        "topics": len(set(labels[assigned].tolist())),
    }
    if assigned.sum() > 1:
        out["NMI_assigned"] = normalized_mutual_info_score(truth[assigned], labels[assigned])
        out["ARI_assigned"] = adjusted_rand_score(truth[assigned], labels[assigned])
    return out


def quality(headlines: list[str], truth: np.ndarray, n_seeds: int) -> pd.DataFrame:
    """Mean and std over seeds of every method's scores."""
    k = len(set(truth.tolist()))
    methods = {
        f"baseline: word TF-IDF + KMeans({k})": lambda s: baseline_tfidf_kmeans(headlines, k, s),
        f"baseline: word TF-IDF + LSA + KMeans({k})": lambda s: baseline_lsa_kmeans(headlines, k, s),
        f"HeadlineTopics n_topics={k}": lambda s: HeadlineTopics(k, random_state=s).fit_predict(headlines),
        f"HeadlineTopics n_topics={k}, min_similarity=0": lambda s: HeadlineTopics(
            k, min_similarity=0, random_state=s).fit_predict(headlines),
        "HeadlineTopics automatic": lambda s: HeadlineTopics(random_state=s).fit_predict(headlines),
        "HeadlineTopics automatic, min_similarity=0": lambda s: HeadlineTopics(
            min_similarity=0, random_state=s).fit_predict(headlines),
        f"ablation n_topics={k}, min_sim=0, no char n-grams": lambda s: HeadlineTopics(
            k, min_similarity=0, char_ngrams=None, random_state=s).fit_predict(headlines),
        f"ablation n_topics={k}, min_sim=0, no stemming": lambda s: HeadlineTopics(
            k, min_similarity=0, stem=False, random_state=s).fit_predict(headlines),
    }
    rows = []
    for name, run in methods.items():
        runs = pd.DataFrame([scores(truth, run(seed)) for seed in range(n_seeds)])
        rows.append(_row(name, runs))
    # predict: fit on 80% of the headlines, assign the held-out 20% (scored on those only)
    runs = []
    for seed in range(n_seeds):
        order = np.random.RandomState(seed).permutation(len(headlines))
        fit, held = order[: len(order) * 4 // 5], order[len(order) * 4 // 5 :]
        model = HeadlineTopics(k, random_state=seed).fit([headlines[i] for i in fit])
        runs.append(scores(truth[held], model.predict([headlines[i] for i in held])))
    rows.append(_row(f"HeadlineTopics n_topics={k}: predict held-out 20%", pd.DataFrame(runs)))
    return pd.DataFrame(rows)


def _row(name: str, runs: pd.DataFrame) -> dict:
    row = {"method": name}
    for col in runs.columns:
        row[col] = runs[col].mean()
        if col in ("NMI", "ARI"):
            row[f"{col}_std"] = runs[col].std(ddof=0)
    return row


def child(csv: Path, n: int, novel: bool) -> None:
    """Fit ``n`` resampled headlines in this process and print a JSON line of time and memory."""
    headlines = pd.read_csv(csv)["headline"].sample(n, replace=True, random_state=0).tolist()
    if novel:
        rng = np.random.default_rng(0)
        words = ["".join(rng.choice(ALPHABET, rng.integers(6, 10))) for _ in range(n)]
        headlines = [f"{h} {w}" for h, w in zip(headlines, words, strict=True)]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu_start = time.perf_counter(), time.process_time()
    model = HeadlineTopics(random_state=0).fit(headlines)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({
        "n": n, "novel_words": novel, "fit_seconds": seconds, "fit_cpu_seconds": cpu, "peak_rss_MiB": rss / 1024,
        "rss_before_fit_MiB": rss_before / 1024, "topics": model.n_topics_,
        "assigned": float((model.labels_ >= 0).mean()),
    }))


def child_stream(csv: Path, n: int, sample: int, chunk: int = 50_000) -> None:
    """Fit on ``sample`` headlines, then assign ``n`` more chunk by chunk (never all held); print JSON."""
    base = pd.read_csv(csv)["headline"]
    start = time.perf_counter()
    model = HeadlineTopics(random_state=0).fit(base.sample(sample, replace=True, random_state=0).tolist())
    fit_seconds = time.perf_counter() - start
    rss_fit = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, assigned = time.perf_counter(), 0
    for i, lo in enumerate(range(0, n, chunk)):
        headlines = base.sample(min(chunk, n - lo), replace=True, random_state=i + 1).tolist()
        assigned += int((model.predict(headlines) >= 0).sum())
    seconds = time.perf_counter() - start
    print(json.dumps({
        "fit_sample": sample, "assigned_n": n, "fit_seconds": fit_seconds, "assign_seconds": seconds,
        "headlines_per_s": n / seconds, "peak_rss_after_fit_MiB": rss_fit / 1024,
        "peak_rss_MiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "assigned": assigned / n,
    }))


def stream(csv: Path, n: int, sample: int) -> dict:
    """Run :func:`child_stream` in a fresh interpreter and return its measurements."""
    cmd = [sys.executable, __file__, "--csv", str(csv), "--child", str(n), "--stream", str(sample)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def scale(csv: Path, n: int, novel: bool) -> dict:
    """Run :func:`child` in a fresh interpreter and return its measurements."""
    cmd = [sys.executable, __file__, "--csv", str(csv), "--child", str(n)] + (["--novel"] if novel else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--scale-only", action="store_true", help="skip the quality table")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--novel", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--stream", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child and args.stream:
        child_stream(args.csv, args.child, args.stream)
        return
    if args.child:
        child(args.csv, args.child, args.novel)
        return
    if not args.scale_only:
        data = pd.read_csv(args.csv)
        headlines, truth = data["headline"].tolist(), data["category"].to_numpy()
        print(f"{len(headlines)} headlines, {len(set(truth))} categories; mean over {args.seeds} seeds\n")
        table = quality(headlines, truth, args.seeds)
        with pd.option_context("display.width", 200, "display.max_columns", 20):
            print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        print()
    runs = pd.DataFrame([scale(args.csv, args.n, novel) for novel in (False, True)])
    print(runs.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
    print("\nfit on a sample, assign the rest in chunks of 50,000 (memory must not grow with the number assigned)")
    runs = pd.DataFrame([stream(args.csv, n, 20_000) for n in (100_000, 1_000_000)])
    print(runs.to_string(index=False, float_format=lambda v: f"{v:.2f}"))


if __name__ == "__main__":
    main()
