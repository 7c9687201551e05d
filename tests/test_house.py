"""The shape of the code, held by tests: no import cycle between tqlint's modules (imports
inside functions included), every import inside a function says why it is there, no module
grows past what can be read in one sitting, and ruff and mypy are clean."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tqlint"
MAX_MODULE_LINES = 500
# Modules being split in this wave, with where: each leaves this list when its split lands.
BEING_SPLIT: dict[str, str] = {}  # modules over the limit with a split under way: path → where to


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imported(node, module: str, is_package: bool, known) -> set[str]:
    """The tqlint modules an import statement loads (a package's __init__ counts as loaded)."""
    found = set()
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            anchor = module.split(".") if is_package else module.split(".")[:-1]
            anchor = anchor[: len(anchor) - node.level + 1]
            base = ".".join(anchor + ([base] if base else []))
        names = [base] + [f"{base}.{alias.name}" for alias in node.names]
    for name in names:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # importing a.b.c loads a, a.b and a.b.c
            prefix = ".".join(parts[:i])
            if prefix in known:
                found.add(prefix)
    return found


def _graph():
    modules = _modules()
    graph, inner = {}, []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lines = path.read_text(encoding="utf-8").splitlines()
        edges = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                edges |= _imported(node, name, path.name == "__init__.py", modules)
        for function in ast.walk(tree):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(function):
                    if isinstance(node, (ast.Import, ast.ImportFrom)):
                        inner.append((path, node.lineno, lines))
        graph[name] = edges - {name}
    return graph, inner


def _cycle(graph):
    """One import cycle as a list of modules, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            # A package's __init__ importing its own submodules is how packages are made, not
            # a cycle a reader can trip over; a submodule importing its parent package is.
            if other.startswith(node + "."):
                continue
            if state.get(other) == 1:
                return stack[stack.index(other):] + [other]
            if other not in state:
                found = visit(other)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycles_imports_inside_functions_included():
    graph, _ = _graph()
    assert _cycle(graph) is None, " → ".join(_cycle(graph))


def test_every_import_inside_a_function_says_why():
    """Only an optional dependency or start-up time justifies importing inside a function, and
    the comment on the line (or the line above) says which."""
    unexplained = []
    _, inner = _graph()
    for path, line, lines in inner:
        here, above = lines[line - 1], lines[line - 2] if line > 1 else ""
        if "#" not in here and not above.strip().startswith("#"):
            unexplained.append(f"{path.relative_to(ROOT)}:{line}: {here.strip()}")
    assert not unexplained, "\n".join(unexplained)


def test_no_module_is_longer_than_one_sitting():
    long = [f"{p.relative_to(ROOT)}: {n} lines" for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
            and str(p.relative_to(ROOT)) not in BEING_SPLIT]
    assert not long, "\n".join(long)


def _tool(name: str) -> str:
    found = shutil.which(name, path=os.path.dirname(sys.executable)) or shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]' brings it)")
    return found


def test_ruff_is_clean():
    result = subprocess.run([_tool("ruff"), "check", "tqlint", "tests", "bench"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean():
    result = subprocess.run([_tool("mypy"), "tqlint"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_architecture_md_maps_every_module():
    """A newcomer answers "where is X" from docs/architecture.md: every module has its line."""
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    def mapped(path: Path) -> bool:
        relative = path.relative_to(ROOT).as_posix()
        # a package's __init__ may be mapped by its folder ("`tqlint/cache/`")
        return f"`{relative}`" in doc or (path.name == "__init__.py" and f"`{path.parent.relative_to(ROOT).as_posix()}/`" in doc)

    missing = [str(p.relative_to(ROOT)) for p in sorted(PACKAGE.rglob("*.py")) if not mapped(p)]
    assert not missing, "docs/architecture.md does not say what these are for: " + ", ".join(missing)
