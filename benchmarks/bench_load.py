"""Load throughput: build N varied pages from the seed and shared pages, load them, print pages/s.

    python benchmarks/bench_load.py [--n 100000] [--workers 2]

Pages are varied so no two files are identical: paragraphs are sampled from different source pages,
shuffled, and numbers in them changed. Peak memory is the maximum resident set size of this process
and of its worker processes (getrusage), in MiB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

import analysis

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "seeds", REPO.parent / "shared" / "corpus"]


def source_pages() -> list[list[str]]:
    pages = []
    for folder in SOURCES:
        for f in sorted(folder.glob("*.txt")):
            pages.append(f.read_text(encoding="utf-8").split("\n"))
    return pages


def build(n: int, out: Path, seed: int = 0) -> int:
    """Write n varied pages; return total bytes."""
    rng = random.Random(seed)
    pages = source_pages()
    total = 0
    for i in range(n):
        base = pages[i % len(pages)]
        other = pages[rng.randrange(len(pages))]
        lines = list(base)
        # splice a few lines of another page into the body and vary digits
        cut = rng.randrange(1, max(2, len(lines)))
        lines[cut:cut] = other[: rng.randrange(0, min(6, len(other)) + 1)]
        text = "\n".join(lines).replace("2020", str(2015 + i % 10)).replace(" 1", f" {i % 9 + 1}")
        data = text.encode("utf-8")
        (out / f"{i:07d}.txt").write_bytes(data)
        total += len(data)
    return total


def peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    ap.add_argument("--keep", type=Path, default=None, help="write the pages here and keep them")
    args = ap.parse_args()
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="bench_load_"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        nbytes = build(args.n, tmp)
        t_build = time.perf_counter() - t0
        t0 = time.perf_counter()
        corpus = analysis.load_corpus(tmp, workers=args.workers, progress=False)
        t_load = time.perf_counter() - t0
        own, children = peak_mib()
        rate = args.n / t_load
        print(f"pages               {args.n:>12,}")
        print(f"input               {nbytes / 2**20:>12.1f} MiB  (built in {t_build:.1f} s)")
        print(f"workers             {args.workers:>12}")
        print(f"load time           {t_load:>12.2f} s")
        print(f"throughput          {rate:>12,.0f} pages/s   ({rate / 5000:.2f}x the 5,000 pages/s target)")
        print(f"peak RSS main       {own:>12.0f} MiB")
        print(f"peak RSS worker     {children:>12.0f} MiB   (largest single worker)")
        print(f"tables              {corpus!r}")
        assert len(corpus.pages) + len(corpus.errors) == args.n
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
