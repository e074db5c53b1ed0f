"""The apps form layers: no app imports, even inside a function, an app that imports it back.

Tags (themes, areas) know nothing of the resources tagged with them; resources know their tags;
search, import, open data, the API, OAI-PMH and the archive read resources; the loader and the
project package (`lfbl`: settings and URLs) sit on top. An import inside a function still counts,
since hiding an import there is how such circles grow unseen.
"""

import ast
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_PARTS = {"tests", "migrations", "management"}
# The project package wires everything together: its settings and URLs may import any app.
WIRING = {ROOT / "lfbl" / "urls.py", ROOT / "lfbl" / "settings"}


def project_apps() -> set[str]:
    return {config.name for config in apps.get_app_configs() if (ROOT / config.name).is_dir()}


def _is_wiring(path: Path) -> bool:
    return any(path == wiring or wiring in path.parents for wiring in WIRING)


def dependencies() -> dict[str, set[str]]:
    names = project_apps()
    graph = {name: set() for name in names}
    for name in names:
        for path in (ROOT / name).rglob("*.py"):
            if set(path.relative_to(ROOT).parts) & SKIPPED_PARTS or _is_wiring(path):
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    targets = [node.module]
                elif isinstance(node, ast.Import):
                    targets = [alias.name for alias in node.names]
                else:
                    continue
                for target in targets:
                    other = target.split(".")[0]
                    if other in names and other != name:
                        graph[name].add(other)
    return graph


def find_cycle(graph):
    """One import circle as [a, b, ..., a], or None."""
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for other in sorted(graph[node]):
            if state.get(other) == "open":
                return trail[trail.index(other) :] + [other]
            if other not in state and (found := visit(other, [*trail, other])):
                return found
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def test_no_app_imports_an_app_that_imports_it():
    cycle = find_cycle(dependencies())
    assert cycle is None, "import circle: " + " → ".join(cycle or [])


def test_tags_know_nothing_of_what_they_tag():
    graph = dependencies()
    for tags in ("themes", "areas", "glossary", "organisations", "security", "home"):
        assert not graph[tags] & {"resources", "search", "ingest", "library"}, tags


def test_the_cycle_finder_finds_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
