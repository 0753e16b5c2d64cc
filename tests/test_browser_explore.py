"""The page view of notebook 05 in a real browser: a hostile page is shown as text and no script runs.

tests/fixtures/explore/hostile/markup_in_text.txt (our own words) puts ``<script>``, ``onerror``/``onload``/
``onmouseover`` handlers, an ``<iframe>`` and Markdown in its title, caption, body, a quotation and a sidebar
headline; it is also copied under a file name that is itself markup, so its doc_id is too. The loader strips
some tags (and says so in ``warnings``); what is left reaches ``corpus.page()``, which notebook 05 shows first.
A second check puts a raw ``<script>`` into the tables themselves (as a cache written by another tool could).
The HTML checks run everywhere; the browser checks (Playwright driving Debian's /usr/bin/chromium, no browser
download) skip only where that executable is absent.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, open_in_browser

import analysis
from analysis import render
from analysis.tables import Corpus

REPO = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "explore" / "hostile" / "markup_in_text.txt"
NOTEBOOK = REPO / "notebooks" / "05_explore.ipynb"
DOC_ID_PAYLOAD = "<img src=x onerror=window.__pwned=1>"
#: What the loader leaves of the hostile page's markup (read from the file): each must be visible as text.
VISIBLE = (
    "<svg onload=window.__pwned=1>", "<b onmouseover=window.__pwned=1>ini", "<img src=x onerror=window.__pwned=1>",
    "**huruf tebal**", "[tautan](javascript:window.__pwned=1)", "<iframe src=javascript:window.__pwned=1>",
    "# Bukan judul, hanya tanda pagar di awal baris",
)
RAW_MARKUP = ("<img src=x", "<svg onload", "<script", "<iframe", "<b onmouseover", 'href="javascript:')
SCRIPT = "<script>window.__pwned=1;alert('pwned')</script>"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """Notebook 05 rendered on a corpus of the hostile page (twice: once under a markup file name)."""
    root = tmp_path_factory.mktemp("explore-hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(HOSTILE, corpus / HOSTILE.name)
    shutil.copy(HOSTILE, corpus / f"{DOC_ID_PAYLOAD}.txt")
    try:
        (html,) = render.render_reports(corpus=corpus, out=root / "reports", notebooks=[NOTEBOOK], progress=None)
    except render.RenderError as exc:
        pytest.fail(f"rendering failed: {exc}")
    return html


@pytest.fixture(scope="module")
def script_in_tables(tmp_path_factory) -> Path:
    """A standalone HTML file of ``page()`` on tables whose every block line ends in a raw ``<script>``."""
    corpus = analysis.load_corpus(HOSTILE.parent)
    blocks = corpus.blocks.copy()
    blocks["text"] = blocks["text"].str.replace("\n", f" {SCRIPT}\n", regex=False).str.cat(
        [SCRIPT] * len(blocks), sep=" ").astype("string")
    view = Corpus(**{**corpus.tables(), "blocks": blocks}).page()
    path = tmp_path_factory.mktemp("explore-script") / "page.html"
    assert len(view.lines) == 12  # the non-blank lines of the file
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{view._repr_html_()}</body>"
                    "</html>", encoding="utf-8")
    return path


def test_the_report_shows_the_page_view_of_the_hostile_page(report):
    text = report.read_text(encoding="utf-8")
    for raw in RAW_MARKUP:
        assert raw not in text
    assert "&lt;img src=x onerror=window.__pwned=1&gt;" in text
    assert "&lt;svg onload=window.__pwned=1&gt;" in text


def test_script_in_the_tables_is_escaped(script_in_tables):
    text = script_in_tables.read_text(encoding="utf-8")
    assert "<script" not in text
    assert text.count("&lt;script&gt;window.__pwned=1;alert(&#x27;pwned&#x27;)&lt;/script&gt;") == 12  # one a line


# --- in a browser ---------------------------------------------------------------------------------------


def _in_browser(check) -> None:
    """Run ``check(browser)`` with a Chromium of its own, in a thread of its own.

    Playwright's sync API refuses to start while another sync session runs in the same thread, and
    tests/test_browser.py keeps one open for the whole test session; a new thread has no such session.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"browser checks need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    failure: list[BaseException] = []

    def run() -> None:
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
                try:
                    check(browser)
                finally:
                    browser.close()
        except BaseException as exc:  # re-raised in the test's thread, assertion or not
            failure.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def _nothing_ran(page, seen) -> None:
    page.mouse.move(300, 300)  # an onmouseover handler would fire on hover, if there were one
    page.mouse.wheel(0, 800)
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('iframe, svg, img, b').length") == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on')))"
        ".map(e => e.outerHTML.slice(0, 80))"
    )
    assert handlers == []
    assert seen == {"dialogs": [], "remote": []}


def test_report_in_browser_shows_markup_as_text(report, tmp_path):
    def check(browser):
        page, seen = open_in_browser(browser, report)
        try:
            _nothing_ran(page, seen)
            body = page.inner_text("body")
            for payload in VISIBLE:
                assert payload in body, payload
            assert f"{DOC_ID_PAYLOAD}:" not in body  # the plain-text repr is not what the report shows ...
            # ... the HTML view is, with its marks: they are tags, which the report keeps (it strips styles)
            speaker = page.locator("strong[title='speaker: Lurah Sumber Makmur']")
            assert speaker.count() == 1 and speaker.first.inner_text() == "Lurah Sumber Makmur"
            date = page.locator("code.mark-date[title='date: Senin, 2 Maret 2020 = 2 Mar 2020']")
            assert date.count() == 1 and date.first.inner_text() == "Senin, 2 Maret 2020"
            quote = page.locator("em[title^='quote: Lurah Sumber Makmur: Tulisan']")
            quoted = "Tulisan <b onmouseover=window.__pwned=1>ini harus dibaca sebagai teks"
            assert "".join(quote.all_inner_texts()) == quoted
            assert page.inner_text("h1").startswith("05")
            page.screenshot(path=str(tmp_path / "05_explore.png"), full_page=True)
        finally:
            page.close()

    _in_browser(check)


def test_script_in_the_tables_stays_text_in_browser(script_in_tables):
    def check(browser):
        page, seen = open_in_browser(browser, script_in_tables)
        try:
            _nothing_ran(page, seen)
            assert page.inner_text("body").count(SCRIPT) == 12
        finally:
            page.close()

    _in_browser(check)
