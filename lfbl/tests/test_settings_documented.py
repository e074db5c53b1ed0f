"""Every environment variable the code reads, and every management command an operator runs, is
documented in the README (as Datasette's tests check its own documentation)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
# Where operator settings are read: Django settings, gunicorn's settings, backups, the tests'
# PostgreSQL helper.
SOURCES = [
    *sorted((ROOT / "lfbl" / "settings").glob("*.py")),
    ROOT / "lfbl" / "gunicorn.conf.py",
    *sorted((ROOT / "backups").glob("*.py")),
    ROOT / "lfbl" / "tests" / "postgres_cluster.py",
]
VARIABLE = re.compile(r"""os\.environ(?:\.get\(|\[|\.setdefault\()\s*["']([A-Z][A-Z0-9_]+)["']""")


def variables():
    found = set()
    for source in SOURCES:
        found.update(VARIABLE.findall(source.read_text()))
    return sorted(found)


def test_some_variables_are_found():
    assert {"DATABASE_URL", "LFBL_SECRET_KEY", "WEB_CONCURRENCY"} <= set(variables())


@pytest.mark.parametrize("variable", variables())
def test_environment_variable_is_in_the_readme(variable):
    assert f"`{variable}`" in README


@pytest.mark.parametrize(
    "command", ["backup", "restore", "check_media", "check_search_index", "rebuild_search_index"]
)
def test_operator_command_is_in_the_readme(command):
    assert command in README
