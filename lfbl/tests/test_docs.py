"""Every environment variable and project setting the code reads is documented in the README
(Datasette's tests/test_docs.py is the model): a new knob nobody can find is a failing test."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import global_settings

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
SKIPPED = {".venv", "var", "node_modules", "migrations", "tests", "bench", "tools", "scripts"}
# Read only by the test settings, for the served test site; not an operator's knob.
NOT_FOR_OPERATORS = {ROOT / "lfbl" / "settings" / "test.py"}
# Settings of the libraries the project configures, documented by those libraries.
LIBRARY_PREFIXES = (
    "WAGTAIL",
    "AXES_",
    "OTP_",
    "REST_FRAMEWORK",
    "SPECTACULAR_",
    "CONTENT_SECURITY",
)
ENV_NAME = re.compile(r"^(LFBL_[A-Z0-9_]+|DATABASE_URL)$")


def _modules():
    for path in ROOT.rglob("*.py"):
        if not set(path.relative_to(ROOT).parts) & SKIPPED and path not in NOT_FOR_OPERATORS:
            yield path


def _string_constants(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def environment_variables():
    names = {
        value for path in _modules() for value in _string_constants(path) if ENV_NAME.match(value)
    }
    names |= set(re.findall(r"\b(LFBL_[A-Z0-9_]+)\b", (ROOT / "Makefile").read_text()))
    return sorted(names)


def _settings_read(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "settings"
            and node.attr.isupper()
        ):
            yield node.attr
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id == "settings"
            and isinstance(node.args[1], ast.Constant)
        ):
            yield node.args[1].value


def project_settings():
    read = {name for path in _modules() for name in _settings_read(path)}
    return sorted(
        name
        for name in read
        if not hasattr(global_settings, name) and not name.startswith(LIBRARY_PREFIXES)
    )


def _in_code(name) -> bool:
    """Whether the README names `name` in a code span (`NAME` or `NAME=value make run`)."""
    return re.search(rf"`[^`\n]*\b{re.escape(name)}\b[^`\n]*`", README) is not None


@pytest.mark.parametrize("name", environment_variables())
def test_environment_variable_is_documented(name):
    assert _in_code(name), f"{name} is read but README.md does not mention it"


@pytest.mark.parametrize("name", project_settings())
def test_setting_is_documented(name):
    assert _in_code(name), f"settings.{name} is read but README.md does not mention it"


def test_the_checks_find_what_they_look_for():
    assert {"LFBL_SECRET_KEY", "LFBL_VAR_DIR", "DATABASE_URL"} <= set(environment_variables())
    assert {"SEARCH_RANKING", "RESOURCES_PER_PAGE"} <= set(project_settings())
    assert "MEDIA_ROOT" not in project_settings()  # Django's own
