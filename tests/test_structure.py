"""The code's shape, read from its source: who imports the engine, no state between stages, no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "scorecard"
ENGINE_PACKAGES = ("mkdocs", "properdocs", "material", "zensical")
ENGINE_MODULES = {"mkdocs_engine"}  # the adapter (docs/engine.md)


def modules() -> dict[str, ast.Module]:
    """Every module of scorecard/, parsed, by name."""
    return {path.stem: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in sorted(PACKAGE.glob("*.py"))}


def imported(tree: ast.Module) -> set[str]:
    """Every module name a module imports when it runs (absolute names; `from . import x` and `from .x import y`
    as scorecard.x), inside functions too; not those for type checkers only (`if TYPE_CHECKING:`)."""
    names = set()
    for node in runtime_nodes(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names.add(node.module)
            elif node.module:
                names.add(f"scorecard.{node.module}")
            else:
                names.update(f"scorecard.{alias.name}" for alias in node.names)
    return names


def runtime_nodes(tree: ast.AST):
    """Every node of a tree except those under `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            yield from (n for child in node.orelse for n in [child, *runtime_nodes(child)])
            continue
        yield node
        yield from runtime_nodes(node)


def own_imports(tree: ast.Module, known: set[str]) -> set[str]:
    """The scorecard modules a module imports (whether at the top or inside a function)."""
    return {name.split(".")[1] for name in imported(tree)
            if name.startswith("scorecard.") and name.split(".")[1] in known}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle, each as the path of modules that leads back to its first (depth-first search)."""
    found, done = [], set()

    def visit(module, path):
        if module in path:
            cycle = path[path.index(module):]
            rotated = min(cycle[i:] + cycle[:i] for i in range(len(cycle)))
            if rotated not in found:
                found.append(rotated)
            return
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, path + [module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    return found


@pytest.mark.parametrize("graph, expected", [
    ({"a": {"b"}, "b": set()}, []),
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"a"}}, [["a"]]),
])
def test_cycles_are_found(graph, expected):
    assert cycles(graph) == expected


def test_scorecard_has_no_import_cycle():
    parsed = modules()
    graph = {name: own_imports(tree, set(parsed)) - {name} for name, tree in parsed.items()}
    assert graph["pipeline"] >= {"publish", "render"}  # the reading works (it sees imports inside functions)
    assert cycles(graph) == []


def test_only_the_adapter_imports_mkdocs_or_material():
    users = {name for name, tree in modules().items()
             if any(module.split(".")[0] in ENGINE_PACKAGES for module in imported(tree))}
    assert users == ENGINE_MODULES


# A library's switch that it reads when imported, not data between stages: openpyxl's writer without lxml.
LIBRARY_SETTINGS = {"os.environ['OPENPYXL_LXML'] = 'False'"}


def test_no_module_writes_the_environment():
    """Data between stages goes in arguments: no module sets, removes or updates os.environ."""
    offences = []
    for name, tree in modules().items():
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else []
            for target in targets:
                if isinstance(target, ast.Subscript) and ast.unparse(target.value) == "os.environ" \
                        and ast.unparse(node) not in LIBRARY_SETTINGS:
                    offences.append(f"{name}: {ast.unparse(node)}")
            if isinstance(node, ast.Call) and ast.unparse(node.func) in (
                    "os.environ.pop", "os.environ.update", "os.environ.setdefault", "os.environ.clear",
                    "os.putenv", "os.unsetenv"):
                offences.append(f"{name}: {ast.unparse(node)}")
    assert offences == []


def test_no_module_keeps_state_for_another():
    """No module-level empty dict, list or set to fill at run time, no `global`, no assignment into another
    module (the old publish.IN_MEMORY, progress.CURRENT and the hooks' _bodies)."""
    offences = []
    for name, tree in modules().items():
        module_names = {alias.asname or alias.name for node in ast.walk(tree)
                        if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
        for node in tree.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and empty_container(node.value):
                offences.append(f"{name}: {ast.unparse(node)}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                offences.append(f"{name}: global {', '.join(node.names)}")
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id in module_names:
                    offences.append(f"{name}: {ast.unparse(node)}")
    assert offences == []


def empty_container(value) -> bool:
    """An empty dict, list or set, written as a display or a call."""
    return (isinstance(value, ast.Dict) and not value.keys or isinstance(value, (ast.List, ast.Set)) and not value.elts
            or isinstance(value, ast.Call) and ast.unparse(value) in ("dict()", "list()", "set()"))
