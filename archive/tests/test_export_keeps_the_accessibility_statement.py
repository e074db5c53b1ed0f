"""The archive keeps the accessibility statement, and every archived page's footer still leads to it."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_statement_is_archived_and_the_footer_links_to_it(export):
    statement = export.out / "accessibility" / "index.html"
    assert "Accessibility statement" in statement.read_text()
    home = (export.out / "index.html").read_text()
    assert 'href="accessibility/index.html"' in home
    resource = next((export.out / "resources").glob("*/index.html")).read_text()
    assert 'href="../../accessibility/index.html"' in resource
