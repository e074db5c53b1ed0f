"""Lighthouse (mobile preset, Debian's Chromium) scores the home, a resource and an area page at
least 95 for performance, accessibility, best practices and SEO.

`bench/lighthouse.py` runs the same check against a server set up as `make run` sets it up and
saves the numbers; this test keeps the bar from slipping between benchmark runs.
"""

import pytest

from lfbl.tests.quality_tools import (
    LIGHTHOUSE_BAR,
    LIGHTHOUSE_CLI,
    LIGHTHOUSE_PAGES,
    require,
    run_lighthouse,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", LIGHTHOUSE_PAGES)
def test_lighthouse_scores_at_least_95_in_every_category(site_server, tmp_path, name):
    require(LIGHTHOUSE_CLI)
    run = run_lighthouse(site_server.url + LIGHTHOUSE_PAGES[name], tmp_path / "report.json")
    low = {category: score for category, score in run.scores.items() if score < LIGHTHOUSE_BAR}
    assert low == {}, f"audits losing points: {run.below_full_marks}"
