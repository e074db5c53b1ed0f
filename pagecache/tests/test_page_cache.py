"""Anonymous requests for public pages come from memory until content changes, anywhere."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pagecache import cache
from pagecache.models import Generation
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_POLL_SECONDS = 0
    cache.changed_here()
    yield
    from django.core.cache import caches

    caches["pages"].clear()


def queries_for(client, path, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    return response, len(queries)


def test_second_request_for_a_page_is_answered_from_memory(client):
    page = ResourcePage.objects.live().first()
    first, first_queries = queries_for(client, page.url)
    second, second_queries = queries_for(client, page.url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert first_queries > 5
    assert second_queries == 1  # only: has content changed since?


def test_a_publish_shows_at_once(client):
    page = ResourcePage.objects.live().first()
    client.get(page.url)
    page.title = "A title published a moment ago"
    page.save_revision().publish()
    assert "A title published a moment ago" in client.get(page.url).content.decode()


def test_a_change_made_on_another_server_shows_once_the_generation_moves(client, settings):
    page = ResourcePage.objects.live().first()
    before = client.get(page.url).content
    # As another server would: the change and a new generation, committed there.
    ResourcePage.objects.filter(pk=page.pk).update(title="Changed on the other server")
    assert client.get(page.url).content == before
    Generation.objects.update(token="moved-on-elsewhere")
    assert "Changed on the other server" in client.get(page.url).content.decode()


def test_visitors_with_a_session_and_the_admin_are_never_served_from_memory(client):
    page = ResourcePage.objects.live().first()
    client.get(page.url)
    client.cookies["sessionid"] = "someone-signed-in"
    _, queries = queries_for(client, page.url)
    assert queries > 1
    anonymous = type(client)()
    anonymous.get("/healthz")
    anonymous.get("/admin/login/")
    from django.core.cache import caches

    kept = list(caches["pages"]._cache)  # noqa: SLF001 - what the cache holds, by key
    assert not [key for key in kept if "/healthz" in key or "/admin/" in key]


def test_a_view_restriction_takes_a_page_out_at_once(client):
    from wagtail.models import PageViewRestriction

    page = ResourcePage.objects.live().first()
    assert client.get(page.url).status_code == 200
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert client.get(page.url).status_code != 200 or b"password" in client.get(page.url).content
