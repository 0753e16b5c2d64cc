"""Execute the notebooks on a corpus and write self-contained HTML reports.

``python -m analysis render [--corpus DIR] [--out DIR] [--no-input]`` runs every numbered notebook in
``notebooks/`` (``01_*.ipynb``, ``02_*.ipynb``, ...) in order with papermill, passing the corpus through
each notebook's ``parameters`` cell, and writes into the output folder (default ``reports/``):

- ``NN_name.ipynb``: the executed notebook (volatile metadata removed);
- ``NN_name.html``: a self-contained report (figures embedded as data URIs, no external scripts, HTML
  sanitised, so it opens offline and page text never becomes markup);
- ``index.html``: one row per report with its corpus, a one-line summary and its status.

A notebook that fails keeps its partial output (executed notebook and HTML, marked incomplete); the
others still run, and the command exits with status 1 naming the notebook and the cell.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # nbformat, papermill and nbconvert load on first use: `import analysis` stays light
    import nbformat

__all__ = [
    "DEFAULT_CORPUS",
    "DEFAULT_OUT",
    "HELP",
    "NOTEBOOKS_DIR",
    "RenderError",
    "Report",
    "add_arguments",
    "corpus_label",
    "find_notebooks",
    "markdown_to_text",
    "notebook_finding",
    "notebook_summary",
    "render_reports",
    "report_css",
    "run",
    "sanitize_html",
    "write_index",
]

#: The repository (the package is installed editable from it): default notebooks, corpus and output.
REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = REPO / "notebooks"
DEFAULT_CORPUS = REPO / "seeds"
DEFAULT_OUT = REPO / "reports"
#: Notebooks that make the reports, run in file-name order.
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
#: The variable every notebook's ``parameters`` cell defines.
PARAMETER = "corpus_path"
KERNEL_NAME = "python3"
#: Seconds a kernel may take to start, and one cell to run.
START_TIMEOUT = 60
CELL_TIMEOUT = 600

#: Tags papermill gives the cells it adds.
INJECTED_TAG = "injected-parameters"
ERROR_MARKER_TAG = "papermill-error-cell-tag"
#: Metadata that changes on every run (timings, papermill's paths and parameters): removed.
VOLATILE_NB_METADATA = ("papermill",)
VOLATILE_CELL_METADATA = ("papermill", "execution")

#: HTML the reports keep (pandas tables, Markdown cells); anything else is escaped to visible text.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "div", "dl",
    "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "s", "samp",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
ALLOWED_ATTRIBUTES = {
    "*": ["class", "id", "title"],
    "a": ["href", "title", "class", "id"],
    "td": ["colspan", "rowspan", "class"],
    "th": ["colspan", "rowspan", "class"],
    "ol": ["start", "class"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
#: pandas' ``<style scoped>`` block in front of every DataFrame: the lab CSS styles tables already.
STYLE_BLOCK_RE = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)
#: The lab template without anything fetched from the network (require.js, MathJax, mermaid).
REPORT_TEMPLATE = "analysis_report.html.j2"
#: The report stylesheet (package data), added last to the head so that it wins over the lab CSS.
REPORT_CSS = Path(__file__).resolve().parent / "data" / "report.css"
REPORT_CSS_ID = "analysis-report-css"
REPORT_TEMPLATE_SOURCE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style type="text/css" id="analysis-report-css">
{{ resources.report_css }}
</style>
{%- endblock html_head_css -%}
"""
#: The tag of the code cell whose output is a report's one-line finding (shown in ``index.html``).
FINDING_TAG = "finding"
#: The tag of the notebook's own parameters cell (its default is not shown once papermill injected the real one).
PARAMETERS_TAG = "parameters"
#: First sentence of a purpose paragraph (up to the first full stop followed by a space or the end).
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s")
#: Inline Markdown, turned into plain text by :func:`markdown_to_text`: code spans (kept verbatim), links and
#: images (their text), emphasis marks at word edges (``doc_id`` keeps its underscore), HTML tags.
CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS_RE = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
HTML_TAG_RE = re.compile(r"</?[A-Za-z][^>]*>")
HEADING_RE = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*\s*$")



@dataclass(frozen=True)
class Report:
    """One rendered notebook: where its outputs are and how it went."""

    notebook: Path
    ipynb: Path
    html: Path
    title: str
    summary: str
    corpus: str
    seconds: float
    failure: str | None = None
    finding: str = ""


class RenderError(RuntimeError):
    """Some notebooks failed; their partial reports were written all the same.

    Attributes
    ----------
    reports : list of Report
        Every notebook rendered, failed ones included (``failure`` says where it stopped).
    """

    def __init__(self, reports: list[Report]):
        self.reports = reports
        failed = [r for r in reports if r.failure]
        super().__init__("; ".join(f"{r.notebook.name}: {r.failure}" for r in failed))


def find_notebooks(folder: str | os.PathLike = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks of a folder (``01_name.ipynb`` ...), in order."""
    return sorted(Path(folder).glob(NOTEBOOK_GLOB))


def markdown_to_text(markdown: str) -> str:
    """Inline Markdown as plain text: code spans verbatim, links as their text, emphasis marks and tags dropped.

    Examples
    --------
    >>> markdown_to_text("**Stopped** at `corpus.pages.doc_id` ([jump to the error](#cell))")
    'Stopped at corpus.pages.doc_id (jump to the error)'
    """
    out, last = [], 0
    for m in CODE_SPAN_RE.finditer(markdown):
        out.append(_inline_text(markdown[last:m.start()]))
        out.append(m.group(2).strip())
        last = m.end()
    out.append(_inline_text(markdown[last:]))
    return "".join(out)


def _inline_text(text: str) -> str:
    text = HTML_TAG_RE.sub("", LINK_RE.sub(r"\1", text))
    previous = None
    while previous != text:  # nested emphasis (***x***, **_x_**)
        previous, text = text, EMPHASIS_RE.sub(r"\2", text)
    return text


def notebook_summary(nb: nbformat.NotebookNode) -> tuple[str, str]:
    """Title and one-line summary of a notebook: its first heading and the first sentence after it.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook whose first Markdown cell holds a heading and a purpose paragraph. Cells that
        papermill adds (the "Incomplete report" note of a failed run) are not the notebook's own.

    Returns
    -------
    (str, str)
        Plain text (see :func:`markdown_to_text`); empty strings when absent.
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown" or ERROR_MARKER_TAG in cell.metadata.get("tags", []):
            continue
        title, paragraph = "", []
        for line in cell.source.splitlines():
            m = HEADING_RE.match(line)
            if m and not title and not paragraph:
                title = m.group("text")
            elif line.strip():
                paragraph.append(line.strip())
            elif paragraph:
                break
        text = markdown_to_text(" ".join(paragraph))
        summary = SENTENCE_END_RE.split(text, maxsplit=1)[0] if text else ""
        return markdown_to_text(title), summary
    return "", ""


def notebook_finding(nb: nbformat.NotebookNode) -> str:
    """The one-line finding of an executed notebook: the plain text shown by its cell tagged ``finding``.

    Lines are joined by a space; an empty string when there is no such cell or it showed nothing.
    """
    for cell in nb.cells:
        if cell.cell_type != "code" or FINDING_TAG not in cell.metadata.get("tags", []):
            continue
        texts = []
        for out in cell.get("outputs", []):
            if out.output_type == "stream" and out.get("name") == "stdout":
                texts.append(out.text)
            elif out.output_type in ("execute_result", "display_data"):
                texts.append(out.get("data", {}).get("text/plain", ""))
        return " ".join(" ".join(texts).split())
    return ""


def report_css() -> str:
    """The report stylesheet (``analysis/data/report.css``), shared by every report and ``index.html``."""
    return REPORT_CSS.read_text(encoding="utf-8")


def _without_default_parameters(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of an executed notebook without its default ``parameters`` cell when papermill injected the
    real ones after it: a report shows the corpus it ran on once."""
    import copy

    cells = nb.cells
    if not any(INJECTED_TAG in c.metadata.get("tags", []) for c in cells):
        return nb
    shown = copy.deepcopy(nb)
    shown.cells = [c for c in cells if PARAMETERS_TAG not in c.metadata.get("tags", [])
                   or INJECTED_TAG in c.metadata.get("tags", [])]
    return shown


def _posix(path: str) -> str:
    return path.replace(os.sep, "/")


def _relative(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` (``..`` allowed) unless they only share the filesystem root."""
    path, base = Path(os.path.abspath(path)), Path(os.path.abspath(base))
    if Path(os.path.commonpath([path, base])) == Path(path.anchor):
        return _posix(str(path))
    return _posix(os.path.relpath(path, base))


def corpus_label(corpus: str | os.PathLike) -> str:
    """How reports name a corpus: as the user gave it when relative, else relative to the repository.

    An absolute path shares nothing with the repository but the filesystem root stays absolute.
    """
    if not os.path.isabs(corpus):
        return _posix(os.path.normpath(corpus))
    return _relative(Path(corpus), REPO)


def sanitize_html(text: str) -> str:
    """Keep table and text markup, drop every attribute but a few, escape any other tag to visible text.

    Used as nbconvert's ``clean_html`` filter (Markdown cells, HTML and Markdown outputs). pandas'
    ``<style>`` blocks are dropped first (their CSS would otherwise show as text).
    """
    import bleach

    text = text.decode() if isinstance(text, bytes) else str(text)
    return bleach.clean(
        STYLE_BLOCK_RE.sub("", text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=False,
        strip_comments=True,
    )


def _exporter(no_input: bool):
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        template_file=REPORT_TEMPLATE,
        extra_loaders=[DictLoader({REPORT_TEMPLATE: REPORT_TEMPLATE_SOURCE})],
        sanitize_html=True,
        filters={"clean_html": sanitize_html},
        exclude_input=no_input,
        exclude_input_prompt=no_input,
        exclude_output_prompt=no_input,
    )


def _kernel_manager_class():
    """A kernel manager whose ``python3`` is ipykernel on this interpreter (not whatever a kernelspec says)."""
    import zmq
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class CurrentPythonKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self):
            # No kernel folders: only ipykernel's built-in spec, whose argv[0] is sys.executable.
            return KernelSpecManager(kernel_dirs=[], parent=self)

        @default("transport_encryption")
        def _transport_encryption_default(self):
            return "auto" if zmq.has("curve") else "disabled"

    return CurrentPythonKernelManager


def _first_error(nb: nbformat.NotebookNode) -> tuple[int, nbformat.NotebookNode, str] | None:
    """(index, cell, exception name) of the first cell that failed or never finished."""
    for idx, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                return idx, cell, out.ename
        state = cell.metadata.get("papermill", {})
        if state.get("exception") is True or state.get("status") == "running":
            return idx, cell, "an error" if state.get("exception") else "no result (kernel died or timed out)"
    return None


def _describe_cell(cell: nbformat.NotebookNode, source_nb: nbformat.NotebookNode) -> str:
    """'cell 7 of 21 (In [5], `first line`)', numbered as in the source notebook (1-based)."""
    ids = [c.get("id") for c in source_nb.cells]
    if INJECTED_TAG in cell.metadata.get("tags", []):
        where = "the injected parameters cell"
    elif cell.get("id") in ids:
        where = f"cell {ids.index(cell.get('id')) + 1} of {len(ids)}"
    else:
        where = "a cell"
    first = next((line for line in cell.source.splitlines() if line.strip()), "")
    return f"{where} (In [{cell.get('execution_count') or ' '}], `{first[:60]}`)"


def _scrub_outputs(nb: nbformat.NotebookNode, replacements: Sequence[tuple[str, str]]) -> None:
    """Replace machine paths in text outputs (never in images)."""

    def fix(value):
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, str):
            for old, new in replacements:
                value = value.replace(old, new)
        return value

    for cell in nb.cells:
        for out in cell.get("outputs", []):
            for key in ("text", "evalue", "traceback"):
                if key in out:
                    out[key] = fix(out[key])
            for mime in list(out.get("data", {})):
                if mime.startswith("text/"):
                    out.data[mime] = fix(out.data[mime])


def _tidy(nb: nbformat.NotebookNode, shown_path: str, failure: tuple[str, str] | None) -> None:
    """Drop volatile metadata; give papermill's cells fixed ids and portable, plain sources."""
    for key in VOLATILE_NB_METADATA:
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        tags = cell.metadata.get("tags")
        if tags == []:
            del cell.metadata["tags"]
        elif tags and INJECTED_TAG in tags:
            cell["id"] = INJECTED_TAG
            cell.source = (
                "# Parameters injected by `python -m analysis render`: the kernel, working in this notebook's\n"
                "# folder, was given the absolute form of this path.\n"
                f"{PARAMETER} = {json.dumps(shown_path, ensure_ascii=False)}\n"
            )
    markers = [c for c in nb.cells if ERROR_MARKER_TAG in c.metadata.get("tags", [])]
    if failure and len(markers) == 2:
        where, ename = failure
        markers[0]["id"], markers[1]["id"] = "papermill-error-message", "papermill-error-anchor"
        markers[0].source = (
            f"**Incomplete report:** {where} raised `{ename}`; the outputs stop there "
            "([jump to the error](#papermill-error-cell))."
        )
        markers[1].source = '<span id="papermill-error-cell">**The run stopped at the next cell:**</span>'


def _execute(notebook: Path, output: Path, corpus: Path) -> tuple[str, str] | None:
    """Run one notebook with papermill; return (where, what) if a cell failed."""
    import nbformat
    import papermill as pm

    crash = None
    output.unlink(missing_ok=True)  # never mistake an old run for this one
    try:
        pm.execute_notebook(
            notebook, output, parameters={PARAMETER: str(corpus)}, kernel_name=KERNEL_NAME,
            progress_bar=False, cwd=notebook.parent, start_timeout=START_TIMEOUT,
            execution_timeout=CELL_TIMEOUT, record_timing=False, kernel_manager_class=_kernel_manager_class(),
        )
    except Exception as exc:  # a cell raised, or the kernel died or timed out: papermill saved what ran
        if not output.exists():
            raise RuntimeError(f"{notebook.name} did not run: {type(exc).__name__}: {exc}") from exc
        crash = exc
    found = _first_error(nbformat.read(output, as_version=4))
    if found is not None:
        _, cell, what = found
        return _describe_cell(cell, nbformat.read(notebook, as_version=4)), what
    if crash is not None:
        return "the kernel", type(crash).__name__
    return None


def _render_one(notebook: Path, out: Path, corpus: Path, label: str, no_input: bool) -> Report:
    import nbformat

    ipynb, report = out / notebook.name, out / f"{notebook.stem}.html"
    start = time.perf_counter()
    failure = _execute(notebook, ipynb, corpus)
    seconds = time.perf_counter() - start
    nb = nbformat.read(ipynb, as_version=4)
    shown = _relative(corpus, notebook.parent)
    _tidy(nb, shown, failure)
    _scrub_outputs(nb, [(str(corpus), shown), (str(REPO), "<repo>")])
    nbformat.write(nb, ipynb)
    resources = {"metadata": {"name": notebook.stem}, "report_css": report_css()}
    body, _ = _exporter(no_input).from_notebook_node(_without_default_parameters(nb), resources=resources)
    report.write_text(body, encoding="utf-8")
    title, summary = notebook_summary(nbformat.read(notebook, as_version=4))  # the notebook's own words
    message = f"{failure[0]} raised {failure[1]}" if failure else None
    return Report(notebook, ipynb, report, title or notebook.stem, summary, label, seconds, message,
                  notebook_finding(nb))


def write_index(reports: Iterable[Report], out: str | os.PathLike, corpus: str) -> Path:
    """Write ``index.html``: one row per report (link, summary, finding, corpus, status); all text escaped.

    Parameters
    ----------
    reports : iterable of Report
    out : path-like
        The folder holding the reports; links are relative to it.
    corpus : str
        The corpus as shown to the reader (see :func:`corpus_label`).

    Returns
    -------
    pathlib.Path
        The index file.
    """
    esc = html.escape
    rows = []
    for r in reports:
        status = f'<span class="failed">failed: {esc(r.failure)}</span>' if r.failure else "ok"
        rows.append(
            f'<tr><td><a href="{esc(r.html.name)}">{esc(r.title)}</a><br><small>{esc(r.notebook.name)}'
            f' · <a href="{esc(r.ipynb.name)}">notebook</a></small></td>'
            f'<td>{esc(r.summary)}</td><td class="finding">{esc(r.finding) or "–"}</td>'
            f"<td><code>{esc(r.corpus)}</code></td><td>{status}</td></tr>"
        )
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<title>Reports: {esc(corpus)}</title>\n<style id="{REPORT_CSS_ID}">\n{report_css()}</style>\n</head>\n'
        '<body class="report-index">\n'
        f"<h1>Reports</h1>\n<p>Notebooks run on the corpus <code>{esc(corpus)}</code> "
        "by <code>python -m analysis render</code>.</p>\n"
        "<table>\n<thead><tr><th>report</th><th>what it shows</th><th>finding</th><th>corpus</th><th>status</th>"
        "</tr></thead>\n"
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</body>\n</html>\n"
    )
    index = Path(out) / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def render_reports(
    corpus: str | os.PathLike = DEFAULT_CORPUS,
    out: str | os.PathLike = DEFAULT_OUT,
    no_input: bool = False,
    notebooks: Sequence[str | os.PathLike] | None = None,
    progress: Callable[[str], None] | None = print,
) -> list[Path]:
    """Execute notebooks on a corpus and write executed notebooks, HTML reports and ``index.html``.

    Parameters
    ----------
    corpus : path-like
        Folder of page dumps, passed (absolute) as ``corpus_path`` to each notebook's ``parameters``
        cell. Default: the repository's ``seeds/``.
    out : path-like
        Output folder (created). Default: the repository's ``reports/``.
    no_input : bool
        Leave code cells out of the HTML reports.
    notebooks : sequence of path-like, optional
        Notebooks to run, in this order. Default: :func:`find_notebooks` of ``notebooks/``.
    progress : callable, optional
        Called with one line per notebook (name, seconds, status); ``None`` for silence.

    Returns
    -------
    list of pathlib.Path
        The HTML reports, one per notebook, in order (``index.html`` is written beside them).

    Raises
    ------
    FileNotFoundError
        The corpus folder or the notebooks do not exist.
    ValueError
        ``out`` is the notebooks' own folder.
    RenderError
        A notebook failed. Every notebook was still rendered, the failed ones up to the failing cell.
    """
    say = progress or (lambda _line: None)
    corpus_abs = Path(os.path.abspath(corpus))
    if not corpus_abs.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus}")
    paths = [Path(os.path.abspath(p)) for p in (notebooks if notebooks is not None else find_notebooks())]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing or not paths:
        raise FileNotFoundError(f"notebooks not found: {', '.join(missing) or NOTEBOOKS_DIR / NOTEBOOK_GLOB}")
    out = Path(out)
    if any(Path(os.path.abspath(out)) == p.parent for p in paths):
        raise ValueError(f"output folder {out} holds the notebooks themselves: the reports would overwrite them")
    out.mkdir(parents=True, exist_ok=True)
    label = corpus_label(corpus)
    reports = []
    for i, notebook in enumerate(paths, 1):
        report = _render_one(notebook, out, corpus_abs, label, no_input)
        status = f"FAILED at {report.failure}" if report.failure else "ok"
        say(f"[{i}/{len(paths)}] {notebook.name}: {status} ({report.seconds:.1f} s)")
        reports.append(report)
    index = write_index(reports, out, label)
    say(f"wrote {index} and {len(reports)} report(s) on corpus {label}")
    if any(r.failure for r in reports):
        raise RenderError(reports)
    return [r.html for r in reports]


#: One line of ``python -m analysis --help``.
HELP = "execute the notebooks on a corpus and write HTML reports plus index.html"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python -m analysis render``."""
    parser.description = (
        "Execute every notebooks/NN_*.ipynb on a corpus and write an executed notebook and an HTML report per "
        "notebook, plus index.html. Exits with status 1 when a notebook failed (its partial report is kept), "
        "2 on bad input (nothing run)."
    )
    parser.add_argument("--corpus", default=None, metavar="DIR",
                        help="folder of pages (.txt, .html, .warc, .jsonl; searched into subfolders) or a dataset "
                             "written by 'python -m analysis load' (default: the repository's seeds/)")
    parser.add_argument("--out", default=None, metavar="DIR",
                        help="output folder for the reports (default: the repository's reports/)")
    parser.add_argument("--no-input", action="store_true",
                        help="leave code cells out of the HTML reports (default: off: code is shown)")


def run(args: argparse.Namespace) -> int:
    """Render the reports; 0 on success, 1 when a notebook failed, 2 on bad input (nothing run)."""
    try:
        render_reports(
            corpus=args.corpus if args.corpus is not None else DEFAULT_CORPUS,
            out=args.out if args.out is not None else DEFAULT_OUT,
            no_input=args.no_input,
        )
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except RenderError as exc:
        for r in exc.reports:
            if r.failure:
                print(f"error: {r.notebook.name} failed at {r.failure}; partial report: {r.html}", file=sys.stderr)
        return 1
    return 0
