"""Every notebook renders on any corpus a user points it at, and degrades to a sentence, not a traceback.

Each corpus of tests/corpora.py (only bad files, one page, pages without links/dates/quotes, duplicates, a
nested crawl, 300 scrambled pages) and the shared sample corpus (skipped when absent) is rendered once with
``analysis.render_reports``; then, for every ``notebooks/NN_*.ipynb`` (found anew, so notebooks added later
are covered too): every cell completed, no "Incomplete report", and the HTML report holds no traceback, no
stderr output, no Python warning text and no machine path but the corpus path as given. The project's own
data-quality warnings ("warning: ...") are content and allowed.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import corpora
import pytest

from analysis import render

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = [p.name for p in render.find_notebooks()]
CORPORA = [*corpora.BUILDERS, "shared"]
#: Python's warning text (``UserWarning: ...``, ``FutureWarning: ...``), not the loader's "warning: ..." rows.
PYTHON_WARNING_RE = re.compile(r"\b[A-Za-z]*Warning:")
STDERR_MARK = 'data-mime-type="application/vnd.jupyter.stderr"'
STYLE_RE = re.compile(r"<style\b.*?</style\s*>", re.DOTALL | re.IGNORECASE)


@pytest.fixture(scope="module")
def rendered(request, tmp_path_factory):
    """Render every notebook on one corpus: (corpus folder, shown label, out folder, reports by name, seconds)."""
    name = request.param
    root = tmp_path_factory.mktemp(f"corpus-{name}")
    if name == "shared":
        if not corpora.SHARED_CORPUS.is_dir():
            pytest.skip(f"needs the shared corpus at {corpora.SHARED_CORPUS} (not part of the repo)")
        source = corpora.SHARED_CORPUS
    else:
        source = corpora.BUILDERS[name](root / "pages")
    out = root / "reports"
    start = time.perf_counter()
    try:
        reports = render.render_reports(corpus=source, out=out, progress=None)
        failures = {}
    except render.RenderError as exc:
        reports = [r.html for r in exc.reports]
        failures = {r.notebook.name: r.failure for r in exc.reports if r.failure}
    seconds = time.perf_counter() - start
    shown = render._relative(source, render.NOTEBOOKS_DIR)
    return source, shown, out, {p.with_suffix(".ipynb").name: p for p in reports}, failures, seconds


def _machine_paths(text: str, source: Path, shown: str) -> list[str]:
    """Machine paths in a report: the repository, a path render had to scrub to ``<repo>``, a file named with the
    corpus folder in front (files are shown relative to the corpus), or the corpus folder in any other form than
    the corpus path as shown."""
    found = [n for n in (str(REPO), "<repo>", "&lt;repo&gt;", f"{source}/", f"{shown}/") if n in text]
    text = re.sub(re.escape(shown) + r"(?![\w/.-])", "", text)
    return sorted({*found, *(n for n in (str(source), str(source.parent)) if n in text)})


@pytest.mark.parametrize("rendered", CORPORA, indirect=True)
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_renders_cleanly(rendered, notebook):
    source, shown, out, reports, failures, _ = rendered
    assert notebook in reports, f"no report for {notebook}"
    assert notebook not in failures, f"{notebook} failed: {failures.get(notebook)}"
    nb = json.loads((out / notebook).read_text(encoding="utf-8"))
    problems = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            first = "".join(cell["source"]).strip().splitlines()[:1]
            if output["output_type"] == "error":
                problems.append(f"{first}: {output['ename']}: {output['evalue'][:300]}")
            elif output.get("name") == "stderr":
                problems.append(f"{first}: stderr: {''.join(output['text'])[:300]}")
    assert not problems, "\n".join(problems)
    page = STYLE_RE.sub("", reports[notebook].read_text(encoding="utf-8"))
    assert "Incomplete report" not in page
    assert "Traceback" not in page
    assert STDERR_MARK not in page
    warning = PYTHON_WARNING_RE.search(page)
    assert warning is None, page[max(0, warning.start() - 200):warning.end() + 200]
    for text in (page, json.dumps(nb, ensure_ascii=False)):
        assert not _machine_paths(text, Path(source), shown)


@pytest.mark.parametrize("rendered", CORPORA, indirect=True)
def test_index_lists_every_report_as_ok(rendered):
    source, shown, out, _, failures, seconds = rendered
    index = (out / "index.html").read_text(encoding="utf-8")
    assert [f"{n.removesuffix('.ipynb')}.html" in index for n in NOTEBOOKS] == [True] * len(NOTEBOOKS)
    assert 'class="failed"' not in index, failures
    assert not _machine_paths(index, Path(source), shown)
    print(f"rendered {len(NOTEBOOKS)} notebooks in {seconds:.1f} s")
