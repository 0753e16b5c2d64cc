"""Corpora a new user might point the notebooks at, built into a folder at test time.

Each builder fills an empty folder and returns it. Nothing here is committed data: the scrambled corpus is
generated from the pages it finds (the seed page, our fixture pages and, when present, the shared pages read
in place) with a fixed seed, into ``tmp_path``.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"

#: Date- and time-like fragments, valid and not, that the date tagger and the parser must survive.
DATE_FRAGMENTS = (
    "Selasa, 10 November 2020 10:05 WIB", "Senin (30/2/2021) pukul 25.61 WIB", "3 jam lalu", "kemarin sore",
    "12/31/2020", "31 Februari 2021", "2020-13-45", "tahun 1900 hingga 2999", "awal pekan depan",
    "0 Januari 2020", "Minggu, 32 Desember 2020 24:00 WITA", "1 menit yang lalu", "Rabu (11/11)",
    "11 April 2021 22:19", "pertengahan September lalu", "99/99/9999", "Kamis, 08 April 2021",
)
#: Odd Unicode: invisible and bidi marks, combining accents, odd spaces, a line separator, emoji, full-width
#: digits, dotted capitals, a lone replacement character.
ODD_UNICODE = (
    "\u200b", "\u200e", "\u202e", "\ufeff", "e\u0301", "\u00a0", "\u3000", "\u2028", "\U0001f600", "\uff11\uff12",
    "\u0130", "\u00df", "\ufffd", "\u0000", "<b>", "&amp;", "$x$", "**tebal**", "[tautan](#x)",
)


def _copy(pages: list[Path], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for page in pages:
        shutil.copy(page, folder / page.name)
    return folder


def only_bad_files(folder: Path) -> Path:
    """No page at all: a binary file, an empty one, a whitespace-only one, HTML saved as .txt, an .html page with
    nothing visible (only a script), a note."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "binary_dump_of_a_crawler_database.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "empty_page_that_never_downloaded.txt").write_bytes(b"")
    (folder / "whitespace_only_page.txt").write_text(" \n\t\n \n", encoding="utf-8")
    (folder / "saved_as_html_by_mistake.txt").write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body><p>Berita</p></body></html>", encoding="utf-8")
    (folder / "page.html").write_text("<html><body><script>var berita = 1;</script></body></html>", encoding="utf-8")
    (folder / "notes.md").write_text("# crawl notes\n", encoding="utf-8")
    return folder


def one_page(folder: Path) -> Path:
    """The seed page alone."""
    return _copy(sorted(SEEDS.glob("*.txt"))[:1], folder)


def plain_pages(folder: Path) -> Path:
    """Pages without links, without dates and without quotations (our own words)."""
    return _copy(sorted((FIXTURES / "plain").glob("*.txt")), folder)


def duplicates(folder: Path) -> Path:
    """The same page under several names."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = sorted(SEEDS.glob("*.txt"))[0]
    for name in ("copy_a.txt", "copy_b.txt", "copy_c.txt", "copy_d.txt"):
        shutil.copy(seed, folder / name)
    return folder


def nested(folder: Path) -> Path:
    """A crawl laid out by site and date: two ``001.txt``, a JupyterLab checkpoint copy, an HTML file, a
    manifest that names pages by relative path."""
    pages = [*sorted(SEEDS.glob("*.txt")), *sorted((FIXTURES / "layouts").glob("*.txt"))]
    targets = ["kompas/2020/11/001.txt", "detik/001.txt", "detik/002.txt", "antara/dunia/001.txt",
               "antara/dunia/002.txt", "tirto/001.txt"]
    for page, rel in zip(pages, targets, strict=False):
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, folder / rel)
    (folder / ".ipynb_checkpoints").mkdir(parents=True)
    shutil.copy(pages[0], folder / ".ipynb_checkpoints" / "001-checkpoint.txt")
    (folder / "detik" / "index.html").write_text("<html><body>indeks</body></html>", encoding="utf-8")
    (folder / "manifest.tsv").write_text(
        "file\turl\n"
        "kompas/2020/11/001.txt\thttps://internasional.kompas.com/read/2020/11/10/10050061/x\n"
        "detik/001.txt\thttps://news.detik.com/internasional/d-5250000/y\n"
        "antara/dunia/002.txt\thttps://www.antaranews.com/berita/1830000/z\n"
        "missing/003.txt\thttps://example.com/gone\n",
        encoding="utf-8",
    )
    return folder


def _source_lines() -> list[str]:
    """Lines of every page at hand: the shared pages (read in place) when present, else ours."""
    pages = sorted(SHARED_CORPUS.glob("*.txt")) or [*sorted(SEEDS.glob("*.txt")), *sorted(FIXTURES.rglob("*.txt"))]
    lines = []
    for page in pages:
        lines += page.read_text(encoding="utf-8", errors="replace").splitlines()
    return lines


def scrambled(folder: Path, n: int = 300, seed: int = 0) -> Path:
    """``n`` pages of shuffled lines of real pages, with date-like fragments and odd Unicode mixed in.

    A few files are encoded oddly (Windows-1252, UTF-8 with a BOM, UTF-16, CRLF line ends) and a few are
    not pages at all (empty, binary), as in a real crawl; six copies of the seed page carry characters no
    font has (CJK, private use, a lone combining accent), ``$x$`` and an emoji in their text and file names.
    """
    rng = random.Random(seed)
    lines = _source_lines()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        picked = rng.sample(lines, k=min(len(lines), rng.randint(3, 60)))
        out = []
        for line in picked:
            roll = rng.random()
            if roll < 0.12:
                line = f"{line} {rng.choice(DATE_FRAGMENTS)}"
            elif roll < 0.2:
                at = rng.randint(0, len(line))
                line = line[:at] + rng.choice(ODD_UNICODE) + line[at:]
            elif roll < 0.24:
                line = rng.choice(DATE_FRAGMENTS)
            out.append(line)
            if rng.random() < 0.5:
                out.append("")
        text = "\n".join(out) + "\n"
        kind = i % 50
        name = folder / f"scrambled_{i:04d}.txt"
        if kind == 7:
            name.write_bytes(text.encode("cp1252", errors="replace"))
        elif kind == 13:
            name.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8", errors="replace"))
        elif kind == 21:
            name.write_bytes(text.encode("utf-16", errors="replace"))
        elif kind == 29:
            name.write_bytes(text.replace("\n", "\r\n").encode("utf-8", errors="replace"))
        elif kind == 37 and i < 100:
            name.write_bytes(b"")
        elif kind == 43 and i < 100:
            name.write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
        else:
            name.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    # The seed page with odd characters in front of half its lines (its headline and sidebar headlines among
    # them), under odd file names: page text and doc_ids that the figures must draw without warnings.
    seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    for j, odd in enumerate(["\u7b76\u7b77", "$x$", "\U0001f600", "\ue000", "\u0300", "\u3000"]):
        text = "\n".join(f"{odd} {line}" if line and rng.random() < 0.5 else line for line in seed.splitlines())
        (folder / f"odd_{j}_{odd}.txt").write_text(text, encoding="utf-8")
    return folder


#: name -> builder, in the order the render test reports them.
BUILDERS = {
    "only-bad-files": only_bad_files,
    "one-page": one_page,
    "plain-pages": plain_pages,
    "duplicates": duplicates,
    "nested": nested,
    "scrambled": scrambled,
}
