"""The import graph: no module imports from a layer above its own, and no modules import each
other in a circle (in-function imports count too: they hide circles, they do not break them).

A module belongs to the most specific entry that matches it: `dangvu.people` holds every module
of people, `dangvu.*.views` every app's views, `dangvu.accounts.models` that one module. Modules
of one layer may import each other; tests and migrations are not checked.
"""

import ast
from fnmatch import fnmatch
from pathlib import Path

# Top to bottom: a module may import from its own layer and the layers below it.
LAYERS = [
    # The project's wiring and the demonstration data, which records through every app. An app's
    # AppConfig.ready() is wiring too: it registers the app's rules, facts and jobs at start-up.
    [
        "dangvu.urls",
        "dangvu.wsgi",
        "dangvu.settings",
        "dangvu.*.apps",
        "dangvu.demo",
        "dangvu.demo.management",
    ],
    # Screens and commands: a page or a command may show the records of any app.
    [
        "dangvu.*.views",
        "dangvu.*.setup_views",
        "dangvu.*.excel_views",
        "dangvu.*.urls",
        "dangvu.*.excel_urls",
        "dangvu.*.forms",
        "dangvu.*.management",
        "dangvu.*.templatetags",
        "dangvu.templatetags",
        "dangvu.accounts.history",
        "dangvu.navigation",
        "dangvu.web",
        "dangvu.records",
        "dangvu.home",
    ],
    # Excel imports and exports: a file's rows become calls to the actions of several apps; a
    # background job runs such work for the user who asked, with that user's scope.
    ["dangvu.*.excel", "dangvu.people.jobs"],
    # The federation file: a committee's consolidated figures, signed for the instance above.
    ["dangvu.federation"],
    ["dangvu.superior"],
    ["dangvu.reports"],
    # The record apps split from work: each owns its records, actions, figures and pages.
    [
        "dangvu.meetings",
        "dangvu.mobilisation",
        "dangvu.training",
        "dangvu.oversight",
        "dangvu.awards",
        "dangvu.review",
        "dangvu.programme",
    ],
    # What the record apps share: input checks, the figure helper, party membership spans.
    ["dangvu.work"],
    ["dangvu.finance"],
    ["dangvu.documents"],
    ["dangvu.accounts", "dangvu.ops"],
    # An organization's merge or dissolution moves or ends its members' memberships.
    ["dangvu.orgs", "dangvu.people"],
    ["dangvu.core"],
    # Users, roles and audit entries: the records every app points to.
    ["dangvu.accounts.models"],
    # The base of every model, users and roles included (it imports only Django).
    ["dangvu.core.models"],
    ["dangvu.lib"],
]

ROOT = Path(__file__).resolve().parents[2]


def _modules():
    """{dotted name: path} of every module of the project but tests and migrations."""
    found = {}
    for path in sorted((ROOT / "dangvu").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _type_only(tree):
    """The nodes under `if TYPE_CHECKING:`: imports for annotations, never run."""
    return {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }


def _imports(name, path, modules):
    """The project modules `name` imports, top-level or inside functions, with line numbers;
    imports for annotations only (under `if TYPE_CHECKING:`) are not counted."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = _type_only(tree)
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module; `from module import name` the module.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield node.lineno, target


def _graph():
    modules = _modules()
    return modules, {
        name: sorted(set(_imports(name, path, modules))) for name, path in modules.items()
    }


def layer_of(module):
    """The index in LAYERS (0 = top) of the most specific entry matching `module`."""
    parts = module.split(".")
    best = None
    for index, layer in enumerate(LAYERS):
        for entry in layer:
            size = entry.count(".") + 1
            if len(parts) >= size and fnmatch(".".join(parts[:size]), entry):
                if best is None or size > best[0]:
                    best = (size, index)
    assert best is not None, f"{module} is in no layer: add it to LAYERS"
    return best[1]


def _cycles(graph):
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for _line, child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_every_module_is_in_a_layer():
    modules, _graph_ = _graph()
    for name in modules:
        if name != "dangvu":
            layer_of(name)


def test_no_module_imports_from_a_layer_above_its_own():
    modules, graph = _graph()
    upward = [
        f"{modules[name].relative_to(ROOT)}:{line} imports {target}"
        for name, imports in graph.items()
        if name != "dangvu"
        for line, target in imports
        if target != "dangvu" and layer_of(target) < layer_of(name)
    ]
    assert upward == []


def test_no_modules_import_each_other_in_a_circle():
    _modules_, graph = _graph()
    assert _cycles(graph) == []


def test_the_checks_see_an_upward_import_and_a_circle():
    """The rules above would pass on an empty graph: show they catch what they are meant to."""
    assert layer_of("dangvu.people.actions") > layer_of("dangvu.reports.actions")
    assert layer_of("dangvu.people.views") < layer_of("dangvu.reports.actions")
    assert layer_of("dangvu.accounts.models") > layer_of("dangvu.core.audit")
    graph = {"a": [(1, "b")], "b": [(1, "c")], "c": [(1, "a")], "d": [(1, "a")]}
    assert _cycles(graph) == [["a", "b", "c"]]
