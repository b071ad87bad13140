"""The shape of the package, read from its source with ``ast``: no import cycle between modules
(function-level imports included), no module over 500 lines, and no module reaching for another
module's underscore names. Each failure names what to fix."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "toolkit"
MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def known(name: str) -> str | None:
    """``name`` if it is a module of the package, else its longest prefix that is."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that can run (at module level or in a function); those under
    ``if TYPE_CHECKING:`` never do."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.append(child)
            visit(child)

    visit(tree)
    return found


def base_of(module: str, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` reads from."""
    if not node.level:
        return node.module or ""
    package = module if is_package(module) else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def imports_of(module: str) -> list[tuple[str, str, int]]:
    """(imported module, name imported from it or '', line) for each of the package's imports."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = []
    for node in runtime_imports(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = known(alias.name) if alias.name.startswith("toolkit") else None
                if target:
                    found.append((target, "", node.lineno))
            continue
        base = base_of(module, node)
        if not (base == "toolkit" or base.startswith("toolkit.")):
            continue
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            if submodule in MODULES:
                found.append((submodule, "", node.lineno))
            elif known(base):
                found.append((known(base), alias.name, node.lineno))
    return found


def graph() -> dict[str, set[str]]:
    return {
        module: {target for target, _, _ in imports_of(module) if target != module}
        for module in MODULES
    }


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return [one_cycle(component, edges) for component in components]


def one_cycle(component: list[str], edges: dict[str, set[str]]) -> list[str]:
    """A shortest way round from the component's first module back to itself."""
    members, start = set(component), component[0]
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(edges[node] & members):
                if target == start:
                    return [*paths[node], start]
                if target not in paths:
                    paths[target] = [*paths[node], target]
                    following.append(target)
        frontier = following
    return component


def test_the_walk_sees_relative_absolute_and_function_level_imports() -> None:
    edges = graph()
    assert "toolkit.errors" in edges["toolkit.cli"]  # from .errors import ... (module level)
    assert "toolkit.sources" in edges["toolkit.commands._options"]  # inside a function
    assert "toolkit.commands" in edges["toolkit.cli"]
    example = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(example) == [["a", "b", "c", "a"]]


def test_no_import_cycle() -> None:
    found = cycles(graph())
    assert not found, "import cycles: " + "; ".join(" -> ".join(c) for c in found)


def test_no_module_over_500_lines() -> None:
    sizes = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()
    }
    over = {name: lines for name, lines in sorted(sizes.items()) if lines > MAX_LINES}
    assert not over, f"modules over {MAX_LINES} lines (split them by job): {over}"


def test_no_module_imports_another_modules_underscore_names() -> None:
    """``from .x import _name`` (or ``x._name``) of another module's private name; a package's
    own private modules (``from . import _common``) are its to use."""
    found = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bound: dict[str, str] = {}
        for target, name, line in imports_of(module):
            private = name.startswith("_") and not name.startswith("__")
            if private:
                found.append(f"{module}:{line} imports {target}.{name}")
        for node in runtime_imports(tree):
            for alias in node.names:
                if isinstance(node, ast.ImportFrom):
                    submodule = f"{base_of(module, node)}.{alias.name}"
                    if submodule in MODULES:
                        bound[alias.asname or alias.name] = submodule
                        owner = submodule.rpartition(".")[0]
                        leaf = alias.name
                        if leaf.startswith("_") and not leaf.startswith("__"):
                            mine = module == owner or module.startswith(owner + ".")
                            if not mine:
                                found.append(f"{module}:{node.lineno} imports {submodule}")
                elif alias.asname and alias.name in MODULES:
                    bound[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in bound
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                found.append(f"{module}:{node.lineno} uses {bound[node.value.id]}.{node.attr}")
    assert not found, "another module's private names: " + "; ".join(sorted(set(found)))
