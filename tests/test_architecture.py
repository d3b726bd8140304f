"""The house rules that keep tutor/ easy to live in, read from the source itself:
no import cycles among tutor's modules (module-level imports), and engines that never import UI."""
from __future__ import annotations

import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "tutor"
ENGINES = ("tutor.content", "tutor.grading", "tutor.progress", "tutor.quiz", "tutor.demos", "tutor.data")
UI = ("tutor.tui", "tutor.commands", "tutor.cli", "tutor.serve", "textual", "rich")


def module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imported(node: ast.AST, here: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = here.split(".") if is_package else here.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module or ""
        # `from pkg import mod` imports pkg.mod when that is a module
        return [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in MODULES else prefix for a in node.names]
    return []


def top_level_imports(name: str) -> set[str]:
    """What importing `name` imports at once: module-level statements (and their if/try blocks),
    not imports inside functions (those run later, on purpose) nor `if TYPE_CHECKING:`."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(body):
        for node in body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            found.update(imported(node, name, path.name == "__init__.py"))
            for field in ("body", "orelse", "finalbody", "handlers"):
                inner = getattr(node, field, None)
                if isinstance(inner, list) and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                     ast.ClassDef)):
                    walk(inner)

    walk(tree.body)
    return {m for m in found if m in MODULES and m != name}


def all_imports(name: str) -> set[str]:
    """Every import anywhere in the module, functions included."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        found.update(imported(node, name, MODULES[name].name == "__init__.py"))
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_the_cycle_finder_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles_in_tutor():
    graph = {name: top_level_imports(name) for name in MODULES}
    # a package's __init__ importing its own submodule is how packages re-export: not a cycle
    for name, deps in graph.items():
        graph[name] = {d for d in deps if not (MODULES[name].name == "__init__.py" and d.startswith(name + "."))}
        graph[name] |= set()
    assert find_cycle(graph) is None


@pytest.mark.parametrize("engine", ENGINES)
def test_engines_import_no_ui(engine):
    offenders = {name: sorted(i for i in all_imports(name) if i.startswith(UI))
                 for name in MODULES if name == engine or name.startswith(engine + ".")}
    assert not {k: v for k, v in offenders.items() if v}
