"""The archive cannot answer questions: its Ask page says where the live one is."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(WAGTAILADMIN_BASE_URL="https://library.example.org")
def test_the_archives_ask_page_points_to_the_live_ask(tmp_path):
    from archive.export import build_static_site

    result = build_static_site(tmp_path / "archive", progress=False)
    page = (result.out / "ask/index.html").read_text()
    assert '<form class="big-search ask-form"' not in page
    assert 'href="https://library.example.org/ask/"' in page
    assert "search this archive" in page
