"""The apps are layered, and the imports say so: an app's core imports only the cores of apps in layers below
its own, so no two apps import each other, directly or round a circle. Admin wiring (modules named admin.py,
admin_*.py or *_admin.py) sits above every core: it may import any app's core and other admin wiring, no core
imports it, and it makes no cycle either. Read from the source (every import statement, also those inside
functions) of every module under apps/ that is not a test or a migration.

`python apps/reference/tests/test_layering.py` prints which app imports which ("budgets.admin": budgets' admin
wiring; "budgets": the rest of budgets)."""

import ast
from collections import defaultdict
from pathlib import Path

APPS_DIR = Path(__file__).resolve().parents[2]

# Bottom first. An app may import apps of lower layers only.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("reference",),  # departments, units, the national code lists, the glossary
    ("budgets", "projects"),  # the budget and its parts: projects hang off a budget and are read with it
    ("accounts",),  # access policy: who works for which department, what staff see and change
    ("workbooks", "public"),  # spreadsheets in and out; the public pages
    ("ingest", "api", "opendata", "generator"),  # built on workbooks and the core; the budget admin's upload pages
)
# Apps that form one layer together and may import each other: a project is a part of a budget (its model
# points at Budget and shares its money fields), and the budget's checks, tables and history read projects.
# Moving models between apps would take migrations that move tables; the two are treated as one.
ONE_UNIT = {"budgets", "projects"}

LAYER_OF = {app: depth for depth, layer in enumerate(LAYERS) for app in layer}


def is_source(path: Path) -> bool:
    parts = path.relative_to(APPS_DIR).parts
    return not ({"tests", "migrations"} & set(parts)) and not path.name.startswith(("test_", "conftest"))


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, absolute dotted name) of every import in one module, relative ones resolved."""
    package = list(path.relative_to(APPS_DIR.parent).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            # `from apps import budgets` names the app in the imported names
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def is_admin_wiring(name: str) -> bool:
    return name == "admin" or name.startswith("admin_") or name.endswith("_admin")


def node_of(app: str, module_parts: list[str]) -> str:
    """The app, or "<app>.admin" for its admin wiring."""
    return f"{app}.admin" if any(is_admin_wiring(part) for part in module_parts) else app


def app_imports() -> dict[str, dict[str, list[str]]]:
    """node -> {node it imports: ["path:line", ...]}, across apps and between an app's core and admin wiring."""
    edges: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(APPS_DIR.rglob("*.py")):
        if not is_source(path) or path.parent == APPS_DIR:
            continue
        relative = path.relative_to(APPS_DIR).with_suffix("").parts
        source = node_of(relative[0], list(relative[1:]))
        for line, module in imported_modules(path):
            parts = module.split(".")
            if parts[0] != "apps" or len(parts) < 2:
                continue
            target = node_of(parts[1], parts[2:])
            if target != source:
                edges[source][target].append(f"{path.relative_to(APPS_DIR.parent)}:{line}")
    return edges


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as [a, b, ..., a], or None when it has none."""
    done: set[str] = set()

    def visit(node: str, trail: list[str]) -> list[str] | None:
        if node in trail:
            return trail[trail.index(node) :] + [node]
        if node in done:
            return None
        for target in sorted(graph.get(node, ())):
            cycle = visit(target, [*trail, node])
            if cycle:
                return cycle
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return None


def test_every_app_has_a_layer():
    apps = {path.parent.name for path in APPS_DIR.glob("*/apps.py")} | {
        path.parent.name for path in APPS_DIR.glob("*/__init__.py") if path.parent != APPS_DIR
    }
    assert apps == set(LAYER_OF), "declare each app's layer in LAYERS"


def test_the_walk_reads_imports_absolute_relative_and_inside_functions():
    edges = app_imports()
    assert "apps/public/views.py" in {where.split(":")[0] for where in edges["public"]["budgets"]}
    assert "reference" in edges["budgets"]
    assert "budgets" in edges["budgets.admin"]  # admin wiring reading its own app's core is an edge too
    # read from a fixture module written the three ways
    module = APPS_DIR / "reference" / "tests" / "layering_sample" / "mod.py"
    assert [name for _, name in imported_modules(module)] == [
        "apps.budgets.models.Budget",
        "apps.reference.tests.models.Department",
        "apps.workbooks",
        "apps.public.links.code_url",
    ]


def test_find_cycle_finds_a_circle_and_only_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def collapsed(node: str) -> str:
    app, _, admin = node.partition(".")
    unit = "+".join(sorted(ONE_UNIT)) if app in ONE_UNIT else app
    return f"{unit}.{admin}" if admin else unit


def test_no_import_cycle_between_apps():
    """Budgets and projects count as one node (ONE_UNIT); any other circle fails."""
    graph: dict[str, set[str]] = defaultdict(set)
    for app, targets in app_imports().items():
        graph[collapsed(app)] |= {collapsed(target) for target in targets} - {collapsed(app)}
    assert find_cycle(graph) is None


def allowed(source: str, target: str) -> bool:
    if source.endswith(".admin"):
        return True  # admin wiring is above every core
    if target.endswith(".admin"):
        return False  # no core imports admin wiring, not even its own app's
    return LAYER_OF[target] < LAYER_OF[source] or {source, target} <= ONE_UNIT


def test_apps_import_only_the_layers_below():
    wrong = [
        f"{source} -> {target} ({', '.join(where)})"
        for source, targets in app_imports().items()
        for target, where in targets.items()
        if not allowed(source, target)
    ]
    assert wrong == []


def test_the_rules_refuse_an_import_upwards_and_a_core_importing_admin_wiring():
    assert not allowed("budgets", "accounts")
    assert not allowed("budgets", "budgets.admin")
    assert not allowed("workbooks", "public")
    assert allowed("budgets.admin", "accounts") and allowed("projects", "budgets")


if __name__ == "__main__":
    for app, targets in sorted(app_imports().items()):
        print(app, "->", ", ".join(sorted(targets)))
