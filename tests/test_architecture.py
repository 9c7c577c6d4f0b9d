"""The package's shape, checked from its code: layers, no import cycles, Streamlit only in ``ui``,
and units small enough to read (docs/architecture.md says why)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "lebak_dash"

#: Each folder's layer: a module may import its own layer and those below it, never one above.
LAYERS: dict[str, int] = {
    "config": 0,
    "i18n": 0,
    "records": 1,
    "ingest": 2,
    "store": 3,
    "analysis": 4,
    "charts": 5,
    "views": 6,
    "exports": 7,
    "cli": 8,
    "ui": 9,
}
MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 120
#: String tables are data, not logic: their length is the number of strings.
TABLE_MODULES = {"lebak_dash.i18n.dashboard", "lebak_dash.i18n.importer", "lebak_dash.i18n.mapping",
                 "lebak_dash.i18n.presentation", "lebak_dash.i18n.progress", "lebak_dash.i18n.store",
                 "lebak_dash.i18n.ui"}  # fmt: skip


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """Yield (imported module of ours, line) for every import in the module, function-level ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield (full if full in MODULES else base), node.lineno


def _edges() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for target, _ in _imports(name, path):
            if target in MODULES and target != name:
                graph[name].add(target)
    return graph


def _layer(name: str) -> int | None:
    parts = name.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def test_no_import_cycles():
    graph = _edges()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert cycles == []


def test_layers_import_only_downwards():
    upward = []
    for name, path in MODULES.items():
        own = _layer(name)
        if own is None:
            continue
        for target, line in _imports(name, path):
            theirs = _layer(target) if target.startswith("lebak_dash.") else None
            if theirs is not None and theirs > own:
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}")
    assert upward == []


def test_streamlit_only_in_ui():
    outside = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for name, path in MODULES.items()
        if _layer(name) != LAYERS["ui"]
        for target, line in _imports(name, path)
        if target == "streamlit" or target.startswith("streamlit.")
    ]
    assert outside == []


def test_every_module_in_a_layer():
    assert [n for n in MODULES if n.count(".") >= 1 and _layer(n) is None and n != "lebak_dash.__main__"] == []


def _function_lengths(path: Path) -> Iterator[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
                body = body[1:]  # the docstring does not count
            if body:
                yield node.name, (body[-1].end_lineno or 0) - body[0].lineno + 1


def test_modules_and_functions_stay_small():
    long_modules = {
        name: n
        for name, path in MODULES.items()
        if name not in TABLE_MODULES and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    long_functions = {
        f"{name}.{func}": n
        for name, path in MODULES.items()
        if name not in TABLE_MODULES
        for func, n in _function_lengths(path)
        if n > MAX_FUNCTION_LINES
    }
    assert (long_modules, long_functions) == ({}, {})


def test_the_checker_sees_imports():
    """The graph is not empty by accident: known edges are found."""
    graph = _edges()
    assert "lebak_dash.records.schema" in graph["lebak_dash.ingest.importer"]
    assert len(MODULES) > 40
    assert len({n.split(".")[1] for n in MODULES if n.count(".") >= 2}) >= 4  # subpackages with modules
