"""The code rules of ../shared/style.md that a machine can check, enforced here (and by pre-commit).

- no module of ``src/ogi`` over 600 lines, no function over 100 lines (read with ``ast``);
- ``make test`` runs the docstrings' examples of ``src/ogi``, ``make lint`` runs ruff and mypy
  with the configuration in ``pyproject.toml``, and CI (``.ci/run``) runs ``make lint``;
- the pre-commit hooks run the same checks as ``make lint`` (and this module).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "ogi"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 100


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def _long_functions(path: Path, limit: int, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            n = (node.end_lineno or node.lineno) - node.lineno + 1
            if n > limit:
                out.append(f"{path.relative_to(root)}:{node.lineno} {node.name} ({n} lines)")
    return out


def _make_recipe(target: str) -> str:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    m = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n?)+)", text, flags=re.M)
    assert m, f"Makefile has no target {target}"
    return m.group(1)


def test_the_source_is_where_the_rules_look():
    assert len(_modules()) > 50 and (SRC / "__init__.py").is_file()


def test_no_module_over_600_lines():
    big = [f"{p.relative_to(ROOT)} ({_lines(p)} lines)" for p in _modules() if _lines(p) > MAX_MODULE_LINES]
    assert not big, "split these modules (one job per module): " + ", ".join(big)


def test_no_function_over_100_lines():
    long = [f for p in _modules() for f in _long_functions(p, MAX_FUNCTION_LINES)]
    assert not long, "split these functions into named steps: " + ", ".join(long)


def test_the_line_counters_catch_what_they_should(tmp_path):
    # the checks above would pass on any tree if the counters were wrong: try them on a file
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    f = tmp_path / "m.py"
    f.write_text(f"def short():\n    return 1\n\n\ndef long():\n{body}\n", encoding="utf-8")
    assert _lines(f) == MAX_FUNCTION_LINES + 5
    assert _long_functions(f, MAX_FUNCTION_LINES, root=tmp_path) == ["m.py:5 long (101 lines)"]
    assert _long_functions(f, MAX_FUNCTION_LINES + 1, root=tmp_path) == []


def test_make_test_runs_the_doctests_of_src_ogi():
    recipe = _make_recipe("test")
    assert "--doctest-modules src/ogi" in recipe
    assert "pytest" in recipe and "tests" in recipe


def test_make_lint_runs_ruff_and_mypy_with_the_pyproject_config():
    recipe = _make_recipe("lint")
    assert "ruff check src tests benchmarks" in recipe and "mypy" in recipe
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "[tool.ruff]" in pyproject and "[tool.mypy]" in pyproject
    assert re.search(r'files\s*=\s*\["src/ogi"\]', pyproject)


def test_ci_runs_make_lint_and_make_test():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    code = [line for line in ci.splitlines() if not line.lstrip().startswith("#")]
    assert any(re.search(r"\bmake lint\b", line) for line in code), ".ci/run does not call make lint"
    assert any(re.search(r"\bmake test\b", line) for line in code), ".ci/run does not call make test"


def test_pre_commit_runs_the_lint_checks():
    yaml = pytest.importorskip("yaml")
    cfg = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in cfg["repos"] for h in repo["hooks"]}
    assert "ruff check" in hooks["ruff"]["entry"] and "mypy" in hooks["mypy"]["entry"]
    assert "tests/test_code_rules.py" in hooks["no-large-modules"]["entry"]
    assert all(repo["repo"] == "local" for repo in cfg["repos"])  # nothing fetched from the network
