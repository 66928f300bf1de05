"""The import graph of src/ogi: no cycle anywhere, and the stages import only what comes before.

The graph is read from the source with ``ast`` (nothing is imported): an edge for every
``import``/``from … import`` anywhere in a module, function bodies included (a lazy import is
still a dependency), except under ``if TYPE_CHECKING:``.  ``from ogi.x import y`` is an edge to
the module ``ogi.x.y`` when that is a module, else to ``ogi.x``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ogi

SRC = Path(ogi.__file__).resolve().parent.parent


def _modules() -> dict[str, Path]:
    mods = {}
    for p in (SRC / "ogi").rglob("*.py"):
        parts = list(p.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = p
    return mods


MODULES = _modules()


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return skip


def _imports(module: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out |= {t for a in node.names if (t := _resolve(a.name))}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module if path.name == "__init__.py" else module.rpartition(".")[0]
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                name = base + (f".{node.module}" if node.module else "")
            else:
                name = node.module or ""
            for a in node.names:
                full = f"{name}.{a.name}"
                target = full if full in MODULES else _resolve(name)
                if target:
                    out.add(target)
    out.discard(module)
    return out


GRAPH = {m: _imports(m, p) for m, p in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def _under(package: str) -> list[str]:
    return sorted(m for m in GRAPH if m == package or m.startswith(package + "."))


def test_imports_graph_is_read():
    assert "ogi.nlp.statements" in GRAPH["ogi.parse"]
    assert "ogi.nlp.models" in GRAPH["ogi.nlp.statements"]


def test_imports_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_imports_no_cycle_in_src_ogi():
    assert _cycles(GRAPH) == []


@pytest.mark.parametrize("package, forbidden", [
    ("ogi.nlp", ("ogi.parse", "ogi.training", "ogi.corpus", "ogi.synth", "ogi.claims", "ogi.analysis")),
    ("ogi.training", ("ogi.corpus", "ogi.commands", "ogi.cli")),
])
def test_imports_stage_imports_nothing_after_it(package, forbidden):
    bad = {m: sorted(t for t in GRAPH[m] if any(t == f or t.startswith(f + ".") for f in forbidden))
           for m in _under(package)}
    assert {m: t for m, t in bad.items() if t} == {}


def test_imports_worker_start_up_does_not_import_the_generator():
    src = MODULES["ogi.corpus.worker"].read_text(encoding="utf-8")
    tree = ast.parse(src)
    init = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "initialize")
    names = {a.name if isinstance(n, ast.Import) else n.module
             for n in ast.walk(init) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    assert not any(n and n.startswith("ogi.synth") for n in names)
