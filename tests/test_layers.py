"""The package layers and who may import whom, checked on the source (AST) of every module.

- ``engine/`` imports no front, walk, dumps, view, notebook or cli module, except the
  ``Lab.docker()``-style shortcuts in ``LAZY_SHORTCUTS`` (imported inside the method, on use);
- ``fronts/`` imports no view or notebook module;
- only ``views/`` and ``notebook/`` import pandas, matplotlib, networkx or ipywidgets at
  module level (everything else imports them inside the function that draws);
- the module-level imports between winnetlab's modules form no cycle;
- no code reaches into another object's underscore attributes (``obj._x`` where ``obj`` is
  not ``self``/``cls``): a class's private state is written by that class only.
"""

import ast
import pathlib

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "winnetlab"
HEAVY = ("pandas", "matplotlib", "networkx", "ipywidgets")

# (importing module, imported module): the engine's shortcuts to the layers above it.  Each is
# imported inside the Lab method that offers it, so ``import winnetlab.engine`` loads none.
LAZY_SHORTCUTS = {
    ("winnetlab.engine.lab", "winnetlab.fronts.docker"),  # Lab.docker
    ("winnetlab.engine.lab", "winnetlab.fronts.powershell"),  # Lab.powershell
    ("winnetlab.engine.lab", "winnetlab.fronts.in_container"),  # Lab.exec
    ("winnetlab.engine.lab", "winnetlab.walk.trace"),  # Lab.trace, Lab.reachability
    ("winnetlab.engine.lab", "winnetlab.dumps.labfile"),  # Lab.save, Lab.load
}

# Underscore names that are public by convention of the standard library or IPython.
PUBLIC_UNDERSCORE = {"_repr_html_", "_repr_mimebundle_", "_asdict", "_replace", "_fields", "_make"}


def module_name(path):
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules():
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


MODULES = modules()


def _resolve(mod, node):
    """The absolute module names an import node names (``from . import x`` -> the submodule
    ``x`` if it is one, else the package)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level:
        base = mod.split(".")
        is_pkg = MODULES.get(mod, pathlib.Path()).name == "__init__.py"
        base = base[: len(base) - node.level + (1 if is_pkg else 0)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module
    out = []
    for a in node.names:
        sub = f"{target}.{a.name}"
        out.append(sub if sub in MODULES else target)
    return out


def _walk(tree, top_level):
    """(node, is_module_level) for every import that runs: an import inside a function is not
    module level; one under ``if TYPE_CHECKING:`` (type hints only) is skipped."""

    def visit(node, level):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child, level
            elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                yield from visit(child, False)
            else:
                yield from visit(child, level)

    yield from visit(tree, top_level)


def imports():
    """(importer, imported, module_level, line) for every import in the package."""
    rows = []
    for mod, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, top in _walk(tree, True):
            for target in _resolve(mod, node):
                rows.append((mod, target, top, node.lineno))
    return rows


IMPORTS = imports()


def _layer(mod):
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "winnetlab" else None


def test_engine_imports_no_upper_layer():
    upper = {"fronts", "walk", "dumps", "views", "notebook", "cli"}
    bad = [
        f"{a}:{line} imports {b}"
        for a, b, _top, line in IMPORTS
        if _layer(a) == "engine" and _layer(b) in upper and (a, b) not in LAZY_SHORTCUTS
    ]
    assert not bad, bad


def test_engine_shortcuts_are_lazy_and_listed():
    used = {(a, b) for a, b, _t, _l in IMPORTS if _layer(a) == "engine" and _layer(b) != "engine"}
    used = {u for u in used if u[1].startswith("winnetlab.")}
    assert used == LAZY_SHORTCUTS  # an unused allow-list entry is stale
    eager = [(a, b) for a, b, top, _l in IMPORTS if (a, b) in LAZY_SHORTCUTS and top]
    assert not eager, eager


def test_fronts_import_no_view():
    bad = [
        f"{a}:{line} imports {b}"
        for a, b, _top, line in IMPORTS
        if _layer(a) == "fronts" and _layer(b) in {"views", "notebook"}
    ]
    assert not bad, bad


def test_heavy_libraries_only_in_views_and_notebook_at_module_level():
    bad = [
        f"{a}:{line} imports {b}"
        for a, b, top, line in IMPORTS
        if top and b.split(".")[0] in HEAVY and _layer(a) not in {"views", "notebook"}
    ]
    assert not bad, bad


def _cycles(edges):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def strong(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in edges.get(v, ()):
                out.append(sorted(comp))

    for v in list(edges):
        if v not in index:
            strong(v)
    return out


def module_graph():
    edges = {}
    for a, b, top, _line in IMPORTS:
        if top and b in MODULES and b != a:
            edges.setdefault(a, set()).add(b)
    return edges


def test_no_module_level_import_cycles():
    assert _cycles(module_graph()) == []


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def cross_class_underscore():
    """``obj._name`` where obj is not self/cls (dunder names and PUBLIC_UNDERSCORE excepted)."""
    rows = []
    for mod, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Attribute) or not node.attr.startswith("_"):
                continue
            if node.attr.startswith("__") or node.attr in PUBLIC_UNDERSCORE:
                continue
            if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                continue
            rows.append(f"{mod}:{node.lineno} {ast.unparse(node)}")
    return rows


def test_no_cross_class_underscore_access():
    assert cross_class_underscore() == []


def test_every_package_says_what_it_holds():
    for mod, path in MODULES.items():
        if path.name == "__init__.py":
            assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), mod


def test_identifiers_have_one_home():
    """Only ``engine/ids.py`` hashes or lays out a GUID: every id format has one home."""
    hashers = {mod for mod, target, _, _ in IMPORTS if target == "hashlib"}
    assert hashers == {"winnetlab.engine.ids"}
    for mod, path in MODULES.items():
        if mod != "winnetlab.engine.ids":
            assert "[8:12]}-" not in path.read_text(encoding="utf-8"), f"{mod} lays out a GUID itself"


# The two records every container start builds are not declared keyword-only: CPython looks a
# keyword-only default up in a dict for every field not passed (Container has 30 fields, Endpoint
# 23: ~2% of ``docker run``).  That they are still built with keywords is checked on the source.
BUILT_WITH_KEYWORDS = {"Container", "Endpoint"}


def test_engine_records_are_keyword_only():
    """Every dataclass of the engine is built with keywords (``Endpoint(id=…, name=…)``):
    declared keyword-only, or — ``BUILT_WITH_KEYWORDS`` — never given a positional argument
    anywhere in winnetlab (nor their ``__init__`` after ``object.__new__``)."""
    import dataclasses
    import importlib

    for mod in (m for m in MODULES if m.startswith("winnetlab.engine")):
        module = importlib.import_module(mod)
        for obj in vars(module).values():
            if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == mod:
                if obj.__name__ not in BUILT_WITH_KEYWORDS:
                    assert all(f.kw_only for f in dataclasses.fields(obj)), f"{mod}.{obj.__name__}"
    positional = []
    for mod, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
                built = name == "__init__" and isinstance(
                    f.value, ast.Name
                )  # x.__init__ after object.__new__
                if name in BUILT_WITH_KEYWORDS or (built and mod.startswith("winnetlab.engine")):
                    positional.append(f"{mod}:{node.lineno}")
    assert positional == []


# A memo of a pure function is not state (its answers never depend on earlier calls).
PURE_MEMOS = {
    ("winnetlab.engine.routing", "dotted"),
    ("winnetlab.engine.routing", "_route"),  # a raw row (ints and text) -> its frozen Route
    ("winnetlab.engine.errors", "engine_version"),
}
MUTATORS = {"append", "add", "update", "setdefault", "pop", "popitem", "clear", "extend", "insert", "remove"}


def module_state(mod, tree):
    """Places where engine code keeps state at module level: ``global``, writes into or
    mutating calls on a module-level name, module-level caches and weak dictionaries."""
    top = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    rows = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            rows.append(f"{mod}:{node.lineno} global {node.names}")
        elif (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS
        ):
            if isinstance(node.func.value, ast.Name) and node.func.value.id in top:
                rows.append(f"{mod}:{node.lineno} mutates {node.func.value.id}")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            for t in node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]:
                if isinstance(t, (ast.Subscript, ast.Attribute)) and isinstance(t.value, ast.Name):
                    if t.value.id in top:
                        rows.append(f"{mod}:{node.lineno} writes into {t.value.id}")
        elif isinstance(node, ast.FunctionDef) and (mod, node.name) not in PURE_MEMOS:
            if any("cache" in ast.unparse(d) for d in node.decorator_list):
                rows.append(f"{mod}:{node.lineno} cached {node.name}")
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            if any(k in ast.unparse(node.value.func) for k in ("Weak", "defaultdict", "cache", "Counter")):
                rows.append(f"{mod}:{node.lineno} {ast.unparse(node.value.func)}")
    return rows


def test_engine_keeps_no_module_level_state():
    rows = []
    for mod, path in MODULES.items():
        if mod.startswith("winnetlab.engine"):
            rows += module_state(mod, ast.parse(path.read_text(encoding="utf-8")))
    assert rows == []


def test_the_state_finder_finds_state():
    src = (
        "X = {}\nW = weakref.WeakKeyDictionary()\ndef f():\n    global Y\n    X['a'] = 1\n    X.update(b=2)\n"
    )
    assert len(module_state("m", ast.parse(src))) == 4
