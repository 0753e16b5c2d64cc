"""analysis.render: summaries, corpus labels, HTML sanitising, index escaping, and one small real run.

The full render of the project's notebooks (and the browser check of its HTML) is in test_browser.py.
"""

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

from analysis import render

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            "# 01 — Corpus overview\n\nWhat is in a folder of pages: parts, dates. Every number is computed.",
            ("01 — Corpus overview", "What is in a folder of pages: parts, dates."),
        ),
        (
            "# 02 — Timeline\n\nWhen the `events` happen,\nline two of **one** sentence.\n\nSecond paragraph.",
            ("02 — Timeline", "When the events happen, line two of one sentence."),
        ),
        ("# Only a heading", ("Only a heading", "")),
        ("No heading here. Second sentence.", ("", "No heading here.")),
    ],
)
def test_notebook_summary(markdown, expected):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_markdown_cell(markdown)])
    assert render.notebook_summary(nb) == expected


def test_notebook_summary_without_markdown():
    assert render.notebook_summary(nbformat.v4.new_notebook()) == ("", "")


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("`corpus.pages.doc_id` of snake_case names", "corpus.pages.doc_id of snake_case names"),
        ("([jump to the error](#papermill-error-cell))", "(jump to the error)"),
        ("**bold**, *em*, __strong__, _u_, ***both***", "bold, em, strong, u, both"),
        ('<span id="x">**The run stopped**</span>', "The run stopped"),
        ("2 * 3 * 4 and a_b", "2 * 3 * 4 and a_b"),
    ],
)
def test_markdown_to_text(markdown, expected):
    assert render.markdown_to_text(markdown) == expected


def test_summary_of_a_failed_run_is_the_notebooks_own():
    """papermill puts its "Incomplete report" cell first; the index must still show the purpose sentence."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(
            "**Incomplete report:** cell 12 of 23 (In [8], `first = corpus.pages.doc_id.iloc[0]`) raised "
            "`IndexError`; the outputs stop there ([jump to the error](#papermill-error-cell))."),
        nbformat.v4.new_markdown_cell("# 01 — Overview\n\nWhat each `doc_id` holds. More."),
    ])
    nb.cells[0].metadata["tags"] = ["papermill-error-cell-tag"]
    assert render.notebook_summary(nb) == ("01 — Overview", "What each doc_id holds.")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../shared/corpus", "../shared/corpus"),
        ("seeds/", "seeds"),
        ("./seeds", "seeds"),
        (str(REPO / "seeds"), "seeds"),
        (str(REPO.parent / "shared" / "corpus"), "../shared/corpus"),
    ],
)
def test_corpus_label(given, expected):
    assert render.corpus_label(given) == expected


def test_corpus_label_outside_keeps_absolute():
    # Only the filesystem root in common with the repository: a relative path would just climb to /.
    outside = Path("/" + next(p for p in ("srv", "opt", "mnt", "tmpx") if p != REPO.parts[1])) / "corpus"
    assert render.corpus_label(str(outside)) == str(outside)


PANDAS_TABLE = (
    '<div>\n<style scoped>\n    .dataframe tbody tr th:only-of-type {\n        vertical-align: middle;\n    }\n'
    '</style>\n<table border="1" class="dataframe">\n  <thead>\n    <tr style="text-align: right;">\n'
    "      <th></th>\n      <th>title</th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <th>0</th>\n"
    "      <td>&lt;script&gt;x&lt;/script&gt;</td>\n    </tr>\n  </tbody>\n</table>\n</div>"
)


@pytest.mark.parametrize(
    ("html_in", "expected"),
    [
        # pandas' table survives, its <style> block and inline style go, escaped cell text stays escaped
        (
            PANDAS_TABLE,
            '<div>\n\n<table class="dataframe">\n  <thead>\n    <tr>\n      <th></th>\n      <th>title</th>\n'
            "    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <th>0</th>\n"
            "      <td>&lt;script&gt;x&lt;/script&gt;</td>\n"
            "    </tr>\n  </tbody>\n</table>\n</div>",
        ),
        ("<script>window.__pwned=1</script>", "&lt;script&gt;window.__pwned=1&lt;/script&gt;"),
        ('<img src=x onerror="window.__pwned=1">', '&lt;img src=x onerror="window.__pwned=1"&gt;'),
        ('<p onclick="x()">hi</p>', "<p>hi</p>"),
        ('<a href="javascript:window.__pwned=1">go</a>', "<a>go</a>"),
        ('<a href="#section" class="anchor-link">¶</a>', '<a href="#section" class="anchor-link">¶</a>'),
        ("<h2 id=\"Pages\">Pages</h2><!-- hidden -->", '<h2 id="Pages">Pages</h2>'),
        ("<iframe src=x></iframe>", "&lt;iframe src=x&gt;&lt;/iframe&gt;"),
    ],
)
def test_sanitize_html(html_in, expected):
    assert render.sanitize_html(html_in) == expected


def _output_nb(output):
    cell = nbformat.v4.new_code_cell("show_page_table()", execution_count=1, outputs=[output])
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T\n\n<b onmouseover=x()>ok</b>"), cell])


@pytest.mark.parametrize(
    ("output", "hostile", "shown"),
    [
        # display(HTML(page_text)) — not allowed in the notebooks, and defused here all the same
        (
            nbformat.v4.new_output("display_data", {"text/html": '<img src=x onerror="window.__pwned=1">'}),
            "<img src",
            "&lt;img src=",
        ),
        (
            nbformat.v4.new_output("display_data", {"text/markdown": "[a](javascript:window.__pwned=1) <script>1"}),
            "javascript:",
            "&lt;script&gt;1",
        ),
        (
            nbformat.v4.new_output("display_data", {"application/javascript": "window.__pwned=1"}),
            "window.__pwned",
            'data-mime-type="application/javascript"',
        ),
        (nbformat.v4.new_output("stream", name="stdout", text="<script>window.__pwned=1</script>\n"),
         "<script>", "&lt;script&gt;window.__pwned=1&lt;/script&gt;"),
    ],
)
def test_exported_html_defuses_outputs(output, hostile, shown):
    body, _ = render._exporter(no_input=False).from_notebook_node(_output_nb(output))
    assert hostile not in body
    assert shown in body
    assert "onmouseover" not in body
    assert "<script" not in body  # the report template loads nothing: no require.js, MathJax or mermaid


def test_exported_html_no_input():
    nb = _output_nb(nbformat.v4.new_output("stream", name="stdout", text="result line\n"))
    with_input, _ = render._exporter(no_input=False).from_notebook_node(nb)
    without, _ = render._exporter(no_input=True).from_notebook_node(nb)
    assert "show_page_table" in with_input and "show_page_table" not in without
    assert "result line" in without


def test_write_index_escapes_everything(tmp_path):
    report = render.Report(
        notebook=Path("01_x.ipynb"), ipynb=tmp_path / "01_x.ipynb", html=tmp_path / "01_x.html",
        title="<script>window.__pwned=1</script>", summary='<img src=x onerror="window.__pwned=1">',
        corpus="a&b", seconds=1.0, failure="cell 3 of 5 (In [2], `x = '<b>'`) raised ValueError",
    )
    text = render.write_index([report], tmp_path, corpus="<i>c</i>").read_text(encoding="utf-8")
    assert "<script>" not in text and "<img" not in text and "<i>c" not in text and "'<b>'" not in text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in text
    assert "<code>a&amp;b</code>" in text
    assert 'href="01_x.html"' in text
    assert 'class="failed"' in text


def test_run_missing_corpus(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    render.add_arguments(parser)
    args = parser.parse_args(["--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert render.run(args) == 2
    assert "corpus folder not found" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_run_refuses_to_overwrite_notebooks(tmp_path, capsys):
    _write_nb(tmp_path / "01_a.ipynb", [("code", 'corpus_path = "x"', ["parameters"])])
    before = (tmp_path / "01_a.ipynb").read_bytes()
    with pytest.raises(ValueError, match="holds the notebooks themselves"):
        render.render_reports(corpus=tmp_path, out=tmp_path, notebooks=[tmp_path / "01_a.ipynb"], progress=None)
    assert (tmp_path / "01_a.ipynb").read_bytes() == before
    parser = argparse.ArgumentParser()
    render.add_arguments(parser)
    assert render.run(parser.parse_args(["--out", str(render.NOTEBOOKS_DIR)])) == 2
    assert "holds the notebooks themselves" in capsys.readouterr().err


def test_arguments_defaults():
    parser = argparse.ArgumentParser()
    render.add_arguments(parser)
    args = parser.parse_args([])
    assert (args.corpus, args.out, args.no_input) == (None, None, False)
    assert parser.parse_args(["--no-input"]).no_input is True


def test_find_notebooks_numbered_in_order(tmp_path):
    for name in ("02_b.ipynb", "01_a.ipynb", "scratch.ipynb", "10_c.ipynb", "1_bad.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in render.find_notebooks(tmp_path)] == ["01_a.ipynb", "02_b.ipynb", "10_c.ipynb"]


# --- one real run: a notebook that works and one that fails at its 4th cell ------------------------------


def _write_nb(path, cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    for i, (kind, source, tags) in enumerate(cells):
        cell = nbformat.v4.new_markdown_cell(source) if kind == "md" else nbformat.v4.new_code_cell(source)
        cell["id"] = f"c{i}"
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    """Render two tiny notebooks on a tiny corpus; the second one raises at its 4th cell.

    A kernelspec named python3 that points at another interpreter is on JUPYTER_PATH: the kernel must
    still run this interpreter.
    """
    root = tmp_path_factory.mktemp("small")
    spec = root / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": ["/nonexistent/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "elsewhere", "language": "python",
    }), encoding="utf-8")
    (root / "corpus").mkdir()
    (root / "corpus" / "a.txt").write_text("Judul\n\nIsi.\n", encoding="utf-8")
    (root / "nbs").mkdir()
    ok, bad = root / "nbs" / "01_ok.ipynb", root / "nbs" / "02_bad.ipynb"
    _write_nb(ok, [
        ("md", "# 01 — OK\n\nLists the corpus files. More text.", None),
        ("code", "import os\nfrom pathlib import Path", None),
        ("code", 'corpus_path = "../elsewhere"', ["parameters"]),
        ("code", "print(corpus_path, os.path.abspath(corpus_path))\n"
                 "sorted(p.name for p in Path(corpus_path).iterdir())", None),
        ("code", f"import sys\nsys.executable == {sys.executable!r}", None),
    ])
    _write_nb(bad, [
        ("md", "# 02 — Bad\n\nFails on purpose.", None),
        ("code", 'corpus_path = "../elsewhere"', ["parameters"]),
        ("code", "x = 1\nx", None),
        ("code", "\n# the failing cell\nraise ValueError('boom <b>')", None),
        ("code", "print('never')", None),
    ])
    out = root / "out"
    lines = []
    with pytest.MonkeyPatch.context() as mp, pytest.raises(render.RenderError) as info:
        mp.setenv("JUPYTER_PATH", str(root / "jupyter"))
        render.render_reports(corpus=root / "corpus", out=out, notebooks=[ok, bad], progress=lines.append)
    return root, out, info.value, lines


def test_small_run_reports_failure(small_run):
    _, out, error, lines = small_run
    assert [r.notebook.name for r in error.reports] == ["01_ok.ipynb", "02_bad.ipynb"]
    assert error.reports[0].failure is None
    # 4th cell of the source notebook (the injected cell is not numbered), 4th execution (it is run)
    assert error.reports[1].failure == "cell 4 of 5 (In [4], `# the failing cell`) raised ValueError"
    assert lines[0].startswith("[1/2] 01_ok.ipynb: ok (")
    assert lines[1].startswith(
        "[2/2] 02_bad.ipynb: FAILED at cell 4 of 5 (In [4], `# the failing cell`) raised ValueError ("
    )
    assert "02_bad.ipynb: cell 4 of 5" in str(error)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "failed: cell 4 of 5" in index and "Lists the corpus files." in index
    # the failed notebook is summarised by its own purpose sentence, not by papermill's Markdown note
    assert "<td>Fails on purpose.</td>" in index
    assert "jump to the error" not in index and "**" not in index


def test_small_run_keeps_partial_output(small_run):
    _, out, _, _ = small_run
    nb = nbformat.read(out / "02_bad.ipynb", as_version=4)
    sources = [c.source for c in nb.cells]
    assert sources[0].startswith("**Incomplete report:** cell 4 of 5")
    executed = {c.source: c for c in nb.cells if c.cell_type == "code"}
    assert executed["x = 1\nx"].outputs[0].data["text/plain"] == "1"
    assert executed["print('never')"].outputs == []
    html_text = (out / "02_bad.html").read_text(encoding="utf-8")
    assert "Incomplete report" in html_text and "boom &lt;b&gt;" in html_text


def test_small_run_injects_portable_parameters(small_run):
    root, out, _, _ = small_run
    nb = nbformat.read(out / "01_ok.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and injected[0].id == "injected-parameters"
    assert injected[0].source.splitlines()[-1] == 'corpus_path = "../corpus"'
    assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == [1, 2, 3, 4, 5]
    assert nb.cells[-1].outputs[0].data["text/plain"] == "True"  # the kernel ran this interpreter
    last = nb.cells[-2].outputs
    assert last[0].text == "../corpus ../corpus\n"  # absolute paths in outputs shown relative too
    assert last[1].data["text/plain"] == "['a.txt']"
    raw = (out / "01_ok.ipynb").read_text(encoding="utf-8") + (out / "01_ok.html").read_text(encoding="utf-8")
    assert str(root) not in raw
    assert "papermill" not in json.dumps(nb.metadata) and '"execution"' not in raw


# --- nbval kept honest: strict comparison, explained sanitizers, figures paired with their numbers -----------

SANITIZE = REPO / "tests" / "sanitize.cfg"
EXAMPLE_RE = re.compile(r'^# Example: "(?P<before>.*)" -> "(?P<after>.*)"(?: \(.*\))?$')


def _sanitizers():
    """(section, regex, replace, example comment) for each section of tests/sanitize.cfg."""
    sections, current, comments = [], None, []
    for line in SANITIZE.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            current = {"name": line.strip("[]"), "comments": comments}
            sections.append(current)
            comments = []
        elif line.startswith("#"):
            (current["comments"] if current and "replace" not in current else comments).append(line)
        elif current and ":" in line:
            key, value = line.split(":", 1)
            current[key.strip()] = value.strip()
    return sections


def test_pytest_compares_notebooks_strictly():
    options = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    addopts = options["addopts"].split()
    assert "--nbval" in addopts and "--nbval-sanitize-with=tests/sanitize.cfg" in addopts
    assert not any(o.startswith("--nbval-lax") for o in addopts)
    assert "notebooks" in options["testpaths"]


def test_every_sanitizer_has_a_working_example():
    sections = _sanitizers()
    assert sections
    for section in sections:
        examples = [m for c in section["comments"] if (m := EXAMPLE_RE.match(c))]
        assert examples, f"[{section['name']}] needs a '# Example: \"...\" -> \"...\"' comment"
        for m in examples:
            assert re.sub(section["regex"], section["replace"], m["before"]) == m["after"], section["name"]


@pytest.mark.parametrize("name", [p.name for p in render.find_notebooks()])
def test_notebook_nbval_hygiene(name):
    nb = nbformat.read(render.NOTEBOOKS_DIR / name, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "run top to bottom in a fresh kernel"
    assert sum("parameters" in c.metadata.get("tags", []) for c in code) == 1
    for c in code:
        assert "execution" not in c.metadata, "timing metadata (execute with record_timing=False)"
        if "nbval-ignore-output" in c.metadata.get("tags", []):
            assert "# nbval-ignore-output:" in c.source, "say why the output varies in a '# nbval-ignore-output:' line"


def _shows_numbers(cell) -> bool:
    return any(o.output_type == "stream" or "text/html" in o.get("data", {})
               or (o.output_type == "execute_result" and "image/png" not in o.get("data", {}))
               for o in cell.get("outputs", []))


@pytest.mark.parametrize("name", [p.name for p in render.find_notebooks()])
def test_every_figure_has_its_numbers_next_to_it(name):
    """nbval does not compare images: a table (or printed summary) next to each figure carries its numbers."""
    code = [c for c in nbformat.read(render.NOTEBOOKS_DIR / name, as_version=4).cells if c.cell_type == "code"]
    for i, cell in enumerate(code):
        if any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            neighbours = code[max(i - 1, 0):i] + code[i + 1:i + 2]
            assert _shows_numbers(cell) or any(map(_shows_numbers, neighbours)), (
                f"In [{cell.execution_count}] draws a figure without a table or printed summary next to it"
            )


# --- what a report shows once: its corpus, its finding, its stylesheet -----------------------------------------


def test_the_report_shows_the_injected_corpus_not_the_default(small_run):
    _, out, _, _ = small_run
    text = (out / "01_ok.html").read_text(encoding="utf-8")
    assert "../elsewhere" not in text and "../corpus" in text  # the default cell is left out of the HTML
    nb = nbformat.read(out / "01_ok.ipynb", as_version=4)
    assert any("../elsewhere" in c.source for c in nb.cells)  # ... but the executed notebook keeps every cell
    assert text.count('id="analysis-report-css"') == 1
    assert "table.report-table" in text and ' style="' not in text


def _finding_nb(*outputs, tags=("finding",)):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show.tally(verdicts, 'pages')")
    cell.metadata["tags"] = list(tags)
    cell.outputs = list(outputs)
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), cell]
    return nb


@pytest.mark.parametrize(("outputs", "tags", "expected"), [
    ([nbformat.v4.new_output("execute_result", data={"text/plain": "Pages: topical (2);\n2 in all.",
                                                      "text/html": "<p>ignored</p>"})],
     ("finding",), "Pages: topical (2); 2 in all."),
    ([nbformat.v4.new_output("stream", name="stdout", text="8 headlines\n"),
      nbformat.v4.new_output("stream", name="stderr", text="a warning\n")], ("finding",), "8 headlines"),
    ([nbformat.v4.new_output("execute_result", data={"text/plain": "x"})], ("other",), ""),
    ([], ("finding",), ""),
])
def test_notebook_finding(outputs, tags, expected):
    assert render.notebook_finding(_finding_nb(*outputs, tags=tags)) == expected


def test_write_index_shows_each_finding_escaped(tmp_path):
    report = render.Report(
        notebook=Path("04_x.ipynb"), ipynb=tmp_path / "04_x.ipynb", html=tmp_path / "04_x.html", title="04 — X",
        summary="Are the links related?", corpus="seeds", seconds=1.0,
        finding="Pages with links: <b>recency feed</b> (1); 1 in all.",
    )
    text = render.write_index([report], tmp_path, corpus="seeds").read_text(encoding="utf-8")
    assert '<td class="finding">Pages with links: &lt;b&gt;recency feed&lt;/b&gt; (1); 1 in all.</td>' in text
    assert '<style id="analysis-report-css">' in text and '<body class="report-index">' in text


def test_every_numbered_notebook_has_one_finding_and_one_header():
    for path in render.find_notebooks():
        nb = nbformat.read(path, as_version=4)
        findings = [c for c in nb.cells if "finding" in c.metadata.get("tags", [])]
        assert len(findings) == 1 and findings[0].cell_type == "code", path.name
        assert render.notebook_finding(nb), f"{path.name}: the finding cell shows nothing"
        assert sum("overview.report_header(corpus, corpus_path)" in c.source for c in nb.cells) == 1, path.name


def test_the_stylesheet_is_package_data():
    css = render.report_css()
    assert css == (REPO / "analysis" / "data" / "report.css").read_text(encoding="utf-8")
    assert "<" not in css  # inlined into a <style> element as it is
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'analysis = ["data/*"]' in pyproject
