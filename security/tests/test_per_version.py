"""Values kept per content version are computed once while the library is unchanged, and afresh the
moment a change is committed: the menu and the footer show a publish on the very next page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from security import per_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions():
    """A version source of the test's own, put back afterwards."""
    from pagecache.models import content_version

    state = {"version": 1}
    per_version.follow(lambda: state["version"])
    yield state
    per_version.follow(content_version)


def test_a_value_is_kept_per_arguments_until_the_version_moves_on(versions):
    calls = []

    @per_version.per_version
    def square(n):
        calls.append(n)
        return n * n

    assert [square(3), square(3), square(4), square(3)] == [9, 9, 16, 9]
    assert calls == [3, 4]
    versions["version"] = 2
    assert square(3) == 9
    assert calls == [3, 4, 3]


def test_without_a_version_to_follow_nothing_is_kept(monkeypatch):
    monkeypatch.setattr(per_version, "_source", None)
    calls = []

    @per_version.per_version
    def value():
        calls.append(1)
        return len(calls)

    assert [value(), value()] == [1, 2]


def menu_html(client):
    html = client.get("/").content.decode()
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    return nav


def test_the_menu_follows_a_publish_at_once(client):
    home = Site.objects.get(is_default_site=True).root_page
    item = Page.objects.child_of(home).live().filter(show_in_menus=True).first().specific
    assert f">{item.title}<" in menu_html(client)
    with CaptureQueriesContext(connection) as again:
        client.get("/")
    item.unpublish()
    assert f">{item.title}<" not in menu_html(client)
    item.save_revision().publish()
    assert f">{item.title}<" in menu_html(client)
    assert not [q for q in again.captured_queries if "show_in_menus" in q["sql"]]


def test_the_footer_follows_the_accessibility_statement_at_once(client):
    from accessibility.models import AccessibilityStatementPage

    statement = AccessibilityStatementPage.objects.live().get()
    assert statement.url in client.get("/").content.decode()
    statement.unpublish()
    assert statement.url not in client.get("/").content.decode()


def test_inside_a_pinned_version_the_source_is_not_asked(versions):
    asked = []
    per_version.follow(lambda: asked.append(1) or 1)

    @per_version.per_version
    def value(n):
        return n

    with per_version.pinned(5):
        assert [value(1), value(2), value(1)] == [1, 2, 1]
    assert asked == []
    value(1)
    assert asked == [1]


def test_no_more_than_max_kept_values_are_held(versions, monkeypatch):
    monkeypatch.setattr(per_version, "MAX_KEPT", 3)
    calls = []

    @per_version.per_version
    def echo(n):
        calls.append(n)
        return n

    for n in range(10):
        echo(n)
    echo(9)
    assert calls == list(range(10))  # 9 was still kept
    echo(0)
    assert calls[-1] == 0  # 0 had been dropped
