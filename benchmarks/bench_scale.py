"""Scale: pages/s and peak memory per process for each engine, 1/10 vs full size, Parquet cache vs re-parse.

    python benchmarks/bench_scale.py [--n 1000000] [--dir /tmp] [--keep] [--configs w1 w2 dask]

Builds ``--n`` varied pages with ``bench_load.build`` (paragraphs spliced from other real pages,
digits changed), hard-links the first tenth into a second folder, then runs every configuration
on both sizes, each in a fresh Python process so its peak memory is its own:

* ``w1``, ``w2``: ``analysis.write_corpus(pages, out, workers=1|2)``, the streaming
  (flat-memory) load straight to a Parquet dataset;
* ``dask``: the same through ``engine="dask"`` on ``LocalCluster(n_workers=2, threads_per_worker=1)``
  (cluster start-up not timed).

Peak memory is the largest resident set size of the main process (VmHWM) and of any one worker
process (sampled every 0.1 s; getrusage maxima would include the parent's, inherited at exec).
It must not grow from the tenth to the full corpus. Then, at ``min(n, --cache-n)`` pages, an
in-memory ``load_corpus(workers=2)`` (re-parse) is timed against ``read_corpus`` of its dataset
(the cache). The machine's load average is printed with each timing: other processes on the
machine slow every figure down.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_load import build

GOALS = {"speedup": 1.7, "peak_mib": 1024, "cache": 10.0}
LABELS = {"w1": "workers=1", "w2": "workers=2", "dask": "dask LocalCluster(n_workers=2)"}


# --------------------------------------------------------------------------------------------
# One measurement, in a fresh process


class PeakSampler(threading.Thread):
    """Largest resident set size of this process and of any one descendant, sampled every 0.1 s.

    ``getrusage`` maxima are not used: on Linux a child started with fork/exec inherits its
    parent's high-water mark, which would charge the benchmark's own memory to every worker.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.main = self.worker = 0
        self.done = threading.Event()

    def run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self.done.wait(0.1):
            self.main = max(self.main, me.memory_info().rss)
            for child in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):  # ended meanwhile
                    self.worker = max(self.worker, child.memory_info().rss)

    def stop(self) -> dict[str, float]:
        self.done.set()
        self.join()
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {"main_mib": max(self.main, _hwm()) / 2**20, "worker_mib": self.worker / 2**20,
                "main_cpu": own.ru_utime + own.ru_stime, "worker_cpu": kids.ru_utime + kids.ru_stime}


def _hwm() -> int:
    """This process's exact peak RSS (VmHWM: reset at exec, unlike ru_maxrss), in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def measure(task: str, source: Path, out: Path) -> dict:
    """Run one task in this process; return timings and resource usage."""
    import analysis
    from analysis.dataset import MARKER

    load_before = os.getloadavg()[0]
    sampler = PeakSampler()
    sampler.start()
    start = time.perf_counter()
    if task in ("w1", "w2"):
        analysis.write_corpus(source, out, workers=int(task[1]), progress=False, overwrite=True)
    elif task == "dask":
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster):
            start = time.perf_counter()  # parse and write, not cluster start-up
            analysis.write_corpus(source, out, engine="dask", progress=False, overwrite=True)
            seconds = time.perf_counter() - start
    elif task == "load":
        corpus = analysis.load_corpus(source, workers=2, progress=False)
        pages = len(corpus.pages) + len(corpus.errors)
    elif task == "read":
        corpus = analysis.read_corpus(out)
        pages = len(corpus.pages) + len(corpus.errors)
    else:
        raise ValueError(task)
    if task != "dask":
        seconds = time.perf_counter() - start
    if task in ("w1", "w2", "dask"):
        rows = json.loads((out / MARKER).read_text())["tables"]
        pages = rows["pages"]["rows"] + rows["errors"]["rows"]
    return {"task": task, "pages": pages, "seconds": seconds, "load": [load_before, os.getloadavg()[0]],
            **sampler.stop()}


def run_child(task: str, source: Path, out: Path) -> dict:
    cmd = [sys.executable, __file__, "--child", task, "--source", str(source), "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{task} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------
# The report


def line(r: dict) -> str:
    rate = r["pages"] / r["seconds"]
    return (f"{LABELS.get(r['task'], r['task']):<32} {r['pages']:>9,} pages {r['seconds']:>8.1f} s "
            f"{rate:>8,.0f} pages/s   peak main {r['main_mib']:>6.0f} MiB  worker {r['worker_mib']:>6.0f} MiB"
            f"   load {r['load'][0]:.1f}->{r['load'][1]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--cache-n", type=int, default=100_000, help="pages for the cache vs re-parse comparison")
    ap.add_argument("--dir", type=Path, default=None, help="where to build the pages (default: a temp folder)")
    ap.add_argument("--keep", action="store_true", help="keep the pages and datasets")
    ap.add_argument("--pages", type=Path, default=None,
                    help="an existing folder of built pages to use (never deleted) instead of building --n")
    ap.add_argument("--configs", nargs="+", default=["w1", "w2", "dask"], choices=["w1", "w2", "dask"])
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--source", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.source, args.out)))
        return

    if args.dir is not None:
        args.dir.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="bench_scale_", dir=args.dir))
    try:
        print(f"cores {os.cpu_count()}, load average {os.getloadavg()[0]:.1f} at start; folder {root}")
        full, tenth = args.pages or root / "pages", root / "pages_tenth"
        tenth.mkdir()
        start = time.perf_counter()
        if args.pages is None:
            full.mkdir()
            nbytes = build(args.n, full)
            print(f"built {args.n:,} pages, {nbytes / 2**20:,.0f} MiB, in {time.perf_counter() - start:.0f} s\n")
        names = sorted(os.listdir(full))
        args.n = len(names)
        names = names[: max(args.n // 10, args.cache_n)]
        for name in names[: args.n // 10]:
            os.link(full / name, tenth / name)
        print(f"{args.n:,} pages in {full}\n")

        results: dict[tuple[str, str], dict] = {}
        for size, folder in (("tenth", tenth), ("full", full)):
            for config in args.configs:
                r = run_child(config, folder, root / f"out_{config}_{size}")
                results[config, size] = r
                print(line(r), flush=True)
                shutil.rmtree(root / f"out_{config}_{size}", ignore_errors=True)

        print()
        for config in args.configs:
            a, b = results[config, "tenth"], results[config, "full"]
            peak_a, peak_b = (max(r["main_mib"], r["worker_mib"]) for r in (a, b))
            print(f"{LABELS[config]:<32} peak per process {a['pages']:>9,} pages: {peak_a:>5.0f}"
                  f" MiB   {b['pages']:>9,} pages: {peak_b:>5.0f} MiB   (goal < {GOALS['peak_mib']} MiB)")
        if {"w1", "w2"} <= set(args.configs):
            w1, w2 = results["w1", "full"], results["w2", "full"]
            speedup = w1["seconds"] / w2["seconds"]
            print(f"speed-up workers 1 -> 2: {speedup:.2f}x (goal >= {GOALS['speedup']}x)")
            print(f"parse CPU per page: workers=1 {1e3 * w1['main_cpu'] / w1['pages']:.3f} ms (whole process); "
                  f"workers=2 {1e3 * w2['worker_cpu'] / w2['pages']:.3f} ms in workers + "
                  f"{1e3 * w2['main_cpu'] / w2['pages']:.3f} ms in the main process")

        # cache vs re-parse, in memory, at up to --cache-n pages
        cache_folder = full if args.n <= args.cache_n else tenth
        if args.n > args.cache_n and args.n // 10 != args.cache_n:
            cache_folder = root / "pages_cache"
            cache_folder.mkdir()
            for name in names[: args.cache_n]:
                os.link(full / name, cache_folder / name)
        out = root / "out_cache"
        run_child("w2", cache_folder, out)
        parse = run_child("load", cache_folder, out)
        read = run_child("read", cache_folder, out)
        print()
        print(line({**parse, "task": "re-parse: load_corpus(workers=2)"}))
        print(line({**read, "task": "cache: read_corpus"}))
        ratio = parse["seconds"] / read["seconds"]
        print(f"cache read vs re-parse: {ratio:.1f}x faster (goal >= {GOALS['cache']:.0f}x)")
        size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
        print(f"dataset size {size / 2**20:,.0f} MiB for {parse['pages']:,} pages")
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
