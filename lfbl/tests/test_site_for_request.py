"""A request's Wagtail site is found once while the library is unchanged, and afresh after a site
is edited; each request gets its own copy."""

import pytest
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from lfbl.sites import SiteForRequestMiddleware, site_for

pytestmark = pytest.mark.django_db


def site_queries(queries):
    return [q["sql"] for q in queries.captured_queries if '"wagtailcore_site"' in q["sql"]]


def test_a_page_that_renders_again_does_not_look_its_site_up_again(client):
    client.get("/resources/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/resources/").status_code == 200
    assert site_queries(queries) == []


def test_a_new_site_is_found_at_once():
    default = Site.objects.get(is_default_site=True)
    assert site_for("second.example", 80).pk == default.pk
    resources = Page.objects.get(url_path=default.root_page.url_path + "resources/")
    second = Site.objects.create(hostname="second.example", port=80, root_page=resources)
    assert site_for("second.example", 80).pk == second.pk
    assert site_for("elsewhere.example", 80).pk == default.pk


def test_each_request_gets_a_copy_of_its_own():
    seen = []

    def view(request):
        seen.append(Site.find_for_request(request))
        return None

    middleware = SiteForRequestMiddleware(view)
    for _ in range(2):
        middleware(RequestFactory().get("/"))
    first, second = seen
    assert first.pk == second.pk and first is not second
    assert first.root_page is not second.root_page


def test_an_address_without_pages_does_not_look_its_site_up():
    seen = []
    middleware = SiteForRequestMiddleware(lambda request: seen.append(request))
    middleware(RequestFactory().get("/api/v1/schema/"))
    assert not hasattr(seen[0], "_wagtail_site")


def test_a_host_that_is_not_allowed_is_refused_before_its_site_is_looked_up():
    seen = []
    middleware = SiteForRequestMiddleware(lambda request: seen.append(request))
    with pytest.raises(DisallowedHost):
        middleware(RequestFactory().get("/", HTTP_HOST="made-up.example"))
    assert seen == []
