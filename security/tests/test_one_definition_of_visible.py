"""What the public may see is decided in one place: `security/visibility.py`.

A new output that picks pages with Wagtail's `.live()` (which lets restricted pages through) or
tests `live` by hand would quietly leak; this test names the file and line so it is fixed at once.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFINITION = ROOT / "security" / "visibility.py"
# Picking pages by publication state or privacy by hand, instead of through `visible()`.
BY_HAND = re.compile(r"\.live\(\)|\.public\(\)|\blive\s*=\s*True|__live\b|\.live\s+and\b")
SKIPPED = {".venv", "var", "node_modules", "migrations", "tests", "bench"}


def _project_modules():
    for path in ROOT.rglob("*.py"):
        parts = set(path.relative_to(ROOT).parts)
        if not parts & SKIPPED and path != DEFINITION:
            yield path


def _templates():
    for path in ROOT.rglob("*.html"):
        if not set(path.relative_to(ROOT).parts) & SKIPPED:
            yield path


def test_only_the_visibility_module_decides_what_is_public():
    offences = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in [*_project_modules(), *_templates()]
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if BY_HAND.search(line)
    ]
    assert not offences, "use security.visibility (`.visible()`):\n" + "\n".join(offences)


def test_the_check_finds_hand_made_selections():
    for line in (
        "ResourcePage.objects.live()",
        "pages.live().public()",
        "filter(themes__live=True)",
        "{% if ref.target.live and x %}",
    ):
        assert BY_HAND.search(line), line
    assert not BY_HAND.search("ResourcePage.objects.visible()")
