"""The shape of the package, read from its source with ``ast``: no import cycle among the modules of
``analysis/``, no private name imported from another module, no function longer than 60 lines.

Function length counts from the line after the docstring (or the ``def`` line's body start) to the
function's last line, blanks, comments and nested definitions included.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "analysis"
MAX_FUNCTION_LINES = 60


def _module_name(path: Path) -> str:
    parts = ["analysis", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _resolve(module: str, node: ast.ImportFrom) -> str:
    """The absolute module an ``ImportFrom`` names (relative imports resolved against ``module``)."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not _is_package(module):
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *(node.module.split(".") if node.module else [])])


def imports(module: str) -> list[tuple[str, str | None, int]]:
    """``(imported module, imported name or None, line)`` for every import of ``module``, at any depth."""
    out = []
    for node in ast.walk(TREES[module]):
        if isinstance(node, ast.Import):
            out += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.append((sub, None, node.lineno) if sub in MODULES else (target, alias.name, node.lineno))
    return out


def _graph() -> dict[str, set[str]]:
    graph = {m: set() for m in MODULES}
    for m in MODULES:
        for target, _, _ in imports(m):
            if target in MODULES and target != m and target != "analysis":  # the package's lazy table of names
                graph[m].add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules around it, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return [*stack[stack.index(n):], n]
            if n not in state and (found := visit(n)):
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_the_package_has_modules_to_check():
    assert {"analysis", "analysis.dates", "analysis.events"} <= set(MODULES)


def test_no_import_cycle():
    assert _cycle(_graph()) is None, " -> ".join(_cycle(_graph()) or [])


def test_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_private_name_is_imported_from_another_module():
    bad = []
    for m in MODULES:
        for target, name, line in imports(m):
            if not target.startswith("analysis") or target == m:
                continue
            if any(_private(part) for part in target.split(".")) or (name is not None and _private(name)):
                bad.append(f"{MODULES[m].relative_to(PACKAGE.parent)}:{line} imports {target}"
                           + (f".{name}" if name else ""))
    assert not bad, "\n".join(bad)


def _length(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    first = node.body[0]
    start = first.lineno
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        start = first.end_lineno + 1
    return node.end_lineno - start + 1


def test_length_counts_from_after_the_docstring():
    tree = ast.parse('def f():\n    """Doc\n    string."""\n    x = 1\n\n    # c\n    return x\n')
    assert _length(tree.body[0]) == 4
    tree = ast.parse("def g(): return 1\n")
    assert _length(tree.body[0]) == 1


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_function_is_longer_than_60_lines(module):
    long = [f"{node.name} (line {node.lineno}): {_length(node)} lines"
            for node in ast.walk(TREES[module]) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and _length(node) > MAX_FUNCTION_LINES]
    assert not long, "; ".join(long)
