"""HTML loading speed against the text dumps of the same pages, the converter libraries, and WARC streaming memory.

    nice -n 10 python benchmarks/bench_html.py [--pages 400] [--workers 2] [--warc-records 10000] [--sample 30]

1. Builds ``--pages`` news pages of 100-200 KB of HTML from the three fixtures of tests/fixtures/html (our own
   words), padded as real news pages are: inline analytics and configuration scripts, a JSON-LD block, CSS, inline
   SVG icons, a mega menu and a footer of links, ad slots, long class and data- attributes, a popular-articles
   sidebar. Each page is varied (numbers, paragraph order, sidebar length) so no two are alike. Its text dump is
   what :func:`analysis.html.html_to_text` makes of it, written as a ``.txt`` file.
2. Times ``load_corpus`` on the HTML folder and on the text folder in the same run (same workers), and prints
   pages/s and the ratio (targets: >= 500 pages/s on 2 cores, <= 4x the text load).
3. Times the conversion of one page (``--sample`` pages) with selectolax (:func:`html_to_text`: parse, clean,
   walk), against lxml (parse + ``text_content``) and inscriptis (``get_text``): ms per page.
4. Streams WARC archives of ``--warc-records`` records and of three times as many into a Parquet dataset with
   ``write_corpus``, each in a fresh process, and prints the peak resident memory of the loading process and of
   its worker processes: flat memory means the same peak for 3x the records (both sizes fill the loader's
   bounded buffers: a row group of 2,000 pages, chunks of 1,000 records per worker task).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "html"
MENU = ["Nasional", "Internasional", "Ekonomi", "Bisnis", "Olahraga", "Teknologi", "Otomotif", "Hiburan",
        "Gaya Hidup", "Kesehatan", "Pendidikan", "Regional", "Megapolitan", "Hukum", "Politik", "Sains"]
POPULAR = ["Harga Beras Turun di Pasar Induk", "Jadwal Kereta Lebaran Diumumkan", "Stadion Baru Siap Dipakai",
           "Festival Budaya Digelar Akhir Pekan", "Aplikasi Layanan Publik Diperbarui", "Banjir Surut di Hilir",
           "Pelabuhan Kembali Dibuka", "Tarif Listrik Tidak Naik", "Jembatan Gantung Diresmikan"]


def _script(rng: random.Random, kb: int) -> str:
    """An inline script of about ``kb`` KB (a minified analytics/configuration bundle)."""
    words = ["function", "var", "return", "window", "document", "push", "dataLayer", "config", "slot", "null"]
    body = ";".join(f"{rng.choice(words)}_{i}=function(a,b){{return a+b*{i}}}" for i in range(kb * 22))
    return f"<script>{body}</script>\n"


def _padding(rng: random.Random, target: int) -> tuple[str, str, str]:
    """Head, top and bottom markup padding a page to about ``target`` bytes."""
    icon = ('<svg viewBox="0 0 24 24" class="icon"><path d="M12 2L2 7l10 5 10-5-10-5zm0 13l-10-5v6l10 5 '
            '10-5v-6z"/></svg>')
    attrs = 'class="menu-item menu-item-type-taxonomy menu-item-object-category" data-track="nav" data-pos="{}"'
    menu = "".join(f'<li {attrs.format(i)}><a href="/{m.lower().replace(" ", "-")}/{i}">{icon}<span>{m}</span></a>'
                   f'<ul class="sub" style="display:none">' + "".join(
                       f'<li><a href="/{m.lower()}/sub{j}">{m} {j}</a></li>' for j in range(6)) + "</ul></li>"
                   for i, m in enumerate(MENU))
    css = "<style>" + "".join(f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{i:06x}}}" for i in range(400)) + \
        "</style>\n"
    ld = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",' + \
        ",".join(f'"k{i}":"{"x" * 40}"' for i in range(60)) + "}</script>\n"
    ad = '<div class="ads ad-slot" id="div-gpt-ad-{0}"><script>googletag.cmd.push(function(){{' \
         'googletag.display("div-gpt-ad-{0}")}})</script><span>ADVERTISEMENT</span></div>\n'
    popular = "".join(f'<li class="item" data-id="{rng.randrange(10**6)}"><a href="/pop/{i}">'
                      f'<div class="t">{p}</div></a><div class="time">{rng.randrange(1, 28)} Maret 2021 '
                      f'{rng.randrange(24):02d}:{rng.randrange(60):02d}</div></li>'
                      for i, p in enumerate(rng.sample(POPULAR, rng.randrange(5, len(POPULAR)))))
    footer = "<footer><nav>" + "".join(f'<a href="/f/{i}">{m}</a>' for i, m in enumerate(MENU * 4)) + \
        "</nav><p>Hak cipta dilindungi undang-undang.</p></footer>\n"
    card = ('<div class="card card--horizontal col-12 col-md-6" data-article-id="{0}" data-category="{1}">'
            '<a class="card__link" href="/terkini/{0}" data-track="terkini-{0}"><picture class="card__image">'
            '<source srcset="/img/{0}-320.webp 320w, /img/{0}-640.webp 640w" type="image/webp">'
            '<img loading="lazy" src="/img/{0}.jpg" alt="" width="320" height="180"></picture>'
            '<div class="card__body"><h4 class="card__title">{2} {0}</h4></div></a>'
            '<div class="card__meta"><span class="card__category">{1}</span></div></div>')
    cards = "".join(card.format(rng.randrange(10**6), rng.choice(MENU), rng.choice(POPULAR)) for _ in range(90))
    head = css + ld
    top = f'<nav class="mega">{menu}</nav>\n' + ad.format("top")
    bottom = (f'<aside class="popular"><h3>Terpopuler</h3><ul>{popular}</ul></aside>\n' + ad.format("bottom") +
              f'<section class="terkini" hidden data-lazy="1">{cards}</section>\n' + footer)
    size = len(head) + len(top) + len(bottom)
    scripts = []
    while size < target:
        scripts.append(_script(rng, 4))
        size += len(scripts[-1])
    return head + "".join(scripts), top, bottom


def build_pages(n: int, folder: Path, seed: int = 0) -> tuple[int, list[Path]]:
    """Write ``n`` padded HTML pages; total bytes and paths."""
    from analysis.html import html_to_text

    rng = random.Random(seed)
    bases = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.html"))]
    (folder / "html").mkdir(parents=True)
    (folder / "text").mkdir()
    total, paths = 0, []
    for i in range(n):
        page = bases[i % len(bases)].replace("2021", str(2016 + i % 8)).replace("dua", rng.choice(["dua", "tiga"]))
        page = re.sub(r"\b(\d{2})\b", lambda m, i=i: f"{(int(m.group(1)) + i) % 60:02d}", page, count=3)
        head, top, bottom = _padding(rng, rng.randrange(100_000, 195_000))
        page = page.replace("</head>", head + "</head>", 1).replace("<body", f"<body data-page='{i}'", 1)
        page = re.sub(r"(<body[^>]*>)", lambda m, top=top: m.group(1) + top, page, count=1)
        page = page.replace("</body>", bottom + "</body>", 1)
        data = page.encode("utf-8")
        path = folder / "html" / f"{i:06d}.html"
        path.write_bytes(data)
        (folder / "text" / f"{i:06d}.txt").write_text(html_to_text(data).text, encoding="utf-8")
        total += len(data)
        paths.append(path)
    return total, paths


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (worker processes)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def time_load(folder: Path, workers: int, repeat: int = 2) -> tuple[float, float, object]:
    """Best wall-clock seconds of ``repeat`` loads, the CPU seconds of that load (all processes), the corpus."""
    import analysis

    best, cpu, corpus = float("inf"), float("inf"), None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _cpu()
        corpus = analysis.load_corpus(folder, workers=workers, progress=False)
        wall = time.perf_counter() - start
        if wall < best:
            best, cpu = wall, _cpu() - start_cpu
    return best, cpu, corpus


def time_converters(paths: list[Path]) -> dict[str, float]:
    """ms per page of each converter on the same pages (best of 3 passes)."""
    import inscriptis
    import lxml.html
    from selectolax.lexbor import LexborHTMLParser

    from analysis.html import html_to_text

    texts = [p.read_text(encoding="utf-8") for p in paths]

    def lxml_text(t):
        tree = lxml.html.fromstring(t)
        for bad in tree.xpath("//script|//style"):
            bad.drop_tree()
        return tree.text_content()

    runs = {
        "selectolax parse only": lambda t: LexborHTMLParser(t),
        "selectolax html_to_text (ours)": html_to_text,
        "lxml parse + text_content": lxml_text,
        "inscriptis get_text": inscriptis.get_text,
    }
    out = {}
    for name, fn in runs.items():
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for t in texts:
                fn(t)
            best = min(best, time.perf_counter() - start)
        out[name] = best / len(texts) * 1000
    return out


def build_warc(path: Path, records: int, page: bytes) -> None:
    """An archive of ``records`` records: a warcinfo, then request/response pairs of varied pages."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "bench_html"}))
        n = 1
        while n < records:
            url = f"https://arsip.example.id/berita/{n}"
            if n % 2:
                req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "arsip.example.id")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            else:
                body = page.replace(b"Banjir Rendam", b"Banjir %d Rendam" % n)
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                           protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                              http_headers=headers))
            n += 1


def warc_child(archive: str, out: str, workers: int) -> None:
    """In a fresh process: stream one archive into a dataset; print pages, seconds, peak MiB (self, workers)."""
    import analysis
    from analysis.dataset import read_marker

    start = time.perf_counter()
    analysis.write_corpus(archive, out, workers=workers, progress=False)
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows = {t: spec["rows"] for t, spec in read_marker(Path(out))["tables"].items()}  # counts, not the tables
    print(rows["pages"], rows["warnings"], rows["errors"], f"{seconds:.2f}", f"{own:.0f}", f"{kids:.0f}")


def warc_memory(tmp: Path, records: int, workers: int) -> None:
    page = (FIXTURES / "banjir_desa.html").read_bytes()
    for n in (records, 3 * records):
        archive = tmp / f"crawl_{n}.warc.gz"
        start = time.perf_counter()
        build_warc(archive, n, page)
        built = time.perf_counter() - start
        done = subprocess.run([sys.executable, __file__, "--warc-child", str(archive), str(tmp / f"out_{n}"),
                               str(workers)], capture_output=True, text=True, check=True)
        pages, warnings, errors, seconds, own, kids = done.stdout.split()
        print(f"WARC {n:>7,} records ({archive.stat().st_size / 2**20:.1f} MiB gz, built in {built:.1f} s): "
              f"{int(pages):,} pages + {int(warnings):,} warnings + {int(errors)} errors in {float(seconds):.1f} s "
              f"({int(pages) / float(seconds):,.0f} pages/s); peak RSS loader {own} MiB, workers {kids} MiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--warc-records", type=int, default=10_000)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--warc-child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.warc_child:
        warc_child(args.warc_child[0], args.warc_child[1], int(args.warc_child[2]))
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench_html_"))
    try:
        total, paths = build_pages(args.pages, tmp)
        sizes = sorted(p.stat().st_size for p in paths)
        print(f"{args.pages} HTML pages, {total / 2**20:.1f} MiB ({sizes[0] / 1024:.0f}-{sizes[-1] / 1024:.0f} KB "
              f"each); text dumps {sum(p.stat().st_size for p in (tmp / 'text').glob('*.txt')) / 2**20:.1f} MiB")
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (the cores are shared)")
        html_s, html_cpu, html_c = time_load(tmp / "html", args.workers)
        text_s, text_cpu, text_c = time_load(tmp / "text", args.workers)
        assert html_c.errors.empty and text_c.errors.empty, (html_c.errors, text_c.errors)
        same = (html_c.pages.title.tolist() == text_c.pages.title.tolist()
                and html_c.pages.body.tolist() == text_c.pages.body.tolist())
        n = args.pages
        print(f"load_corpus, {args.workers} workers, wall clock: HTML {html_s:.2f} s = {n / html_s:,.0f} pages/s "
              f"(target >= 500); text dumps {text_s:.2f} s = {n / text_s:,.0f} pages/s; "
              f"ratio HTML/text {html_s / text_s:.2f}x (target <= 4x); same titles and bodies: {same}")
        print(f"  CPU time (all processes): HTML {html_cpu / n * 1000:.2f} ms/page = "
              f"{args.workers * n / html_cpu:,.0f} pages/s on {args.workers} dedicated cores; text "
              f"{text_cpu / n * 1000:.2f} ms/page; ratio {html_cpu / text_cpu:.2f}x")
        for name, ms in time_converters(paths[: args.sample]).items():
            print(f"  {name:<32} {ms:6.2f} ms/page")
        if args.warc_records:
            warc_memory(tmp, args.warc_records, args.workers)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
