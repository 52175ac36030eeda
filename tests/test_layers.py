"""Imports point down: the plan's foundation, then cases and the logbook, then reporting.

helhedsplan/ imports no app above it; cases never imports the logbook or reporting;
the logbook reads cases only through its published selectors; no app looks another's
models up by name (`apps.get_model`), and no module imports itself round a circle.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("helhedsplan", "cases", "activities", "reporting", "drafts", "agenda")


def modules():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                yield name.removesuffix(".__init__"), path


def imports(name: str, path: Path) -> set[str]:
    """The modules `name` imports (relative imports resolved); `from x import y` counts x.y if a module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


ALL = dict(modules())


def offenders(app: str, forbidden) -> list[str]:
    return sorted(
        f"{name} -> {target}"
        for name, path in ALL.items()
        if name.split(".")[0] == app
        for target in imports(name, path)
        if forbidden(target)
    )


def top(target: str) -> str:
    return target.split(".")[0]


def test_the_foundation_imports_no_app_above_it():
    assert offenders("helhedsplan", lambda t: top(t) in {"cases", "activities", "reporting", "tests"}) == []


def test_cases_import_neither_the_logbook_nor_reporting():
    assert offenders("cases", lambda t: top(t) in {"activities", "reporting", "tests"}) == []


def test_the_logbook_reads_cases_only_through_published_selectors():
    def forbidden(target):
        return top(target) in {"reporting", "tests"} or (
            top(target) == "cases" and target not in {"cases", "cases.selectors"}
        )

    assert offenders("activities", forbidden) == []


def test_no_app_looks_up_another_apps_models_by_name():
    # Looking up a third-party model (e.g. django-otp's devices) by its label is fine.
    by_name = re.compile(
        r"get_model\(\s*[\"'](helhedsplan|cases|activities|reporting|notes|privacy|districts)\b"
    )
    assert [name for name, path in ALL.items() if by_name.search(path.read_text())] == []


def test_no_import_circle():
    graph = {name: {t for t in imports(name, path) if t in ALL and t != name} for name, path in ALL.items()}
    circles, done = [], set()

    def visit(node, trail):
        if node in trail:
            circles.append(trail[trail.index(node) :] + [node])
            return
        if node in done:
            return
        for target in sorted(graph[node]):
            visit(target, [*trail, node])
        done.add(node)

    for name in sorted(graph):
        visit(name, [])
    # Imports inside functions count too: a late import is how a circle hides.
    assert circles == []
