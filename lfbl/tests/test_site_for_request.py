"""A request's Wagtail site and page route are found once while the library is unchanged, and
afresh after anything is published, moved or restricted; each request gets its own copy."""

import pytest
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from lfbl.sites import SiteForRequestMiddleware, site_for
from resources.models import ResourcePage

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


def routing_queries(queries):
    """Wagtail's walk: a child by its slug, its specific row, and the view restrictions."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if '"wagtailcore_page"."slug" =' in q["sql"]
        or '"wagtailcore_pageviewrestriction"."page_id" IN' in q["sql"]
    ]


def test_a_page_that_renders_again_is_not_routed_again(client):
    resource = ResourcePage.objects.live().first()
    for path in ("/resources/", resource.url, resource.url + "text/"):
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        assert routing_queries(queries) == [], path


def test_a_new_address_reads_only_the_levels_not_kept(client):
    first, second = ResourcePage.objects.live()[:2]
    client.get(first.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(second.url).status_code == 200
    by_slug = [sql for sql in routing_queries(queries) if '"wagtailcore_page"."slug" =' in sql]
    assert len(by_slug) == 1  # the resource itself; the resources index under the root is kept


def test_a_route_follows_unpublish_publish_renaming_and_restriction_at_once(client):
    resource = ResourcePage.objects.live().first()
    url = resource.url
    assert client.get(url).status_code == 200
    resource.unpublish()
    assert client.get(url).status_code == 404
    resource.save_revision().publish()
    assert client.get(url).status_code == 200

    resource.slug = resource.slug + "-renamed"
    resource.save_revision().publish()
    assert client.get(url).status_code == 404
    assert client.get(url[:-1] + "-renamed/").status_code == 200

    resources = Page.objects.get(pk=resource.get_parent().pk)
    PageViewRestriction.objects.create(page=resources, restriction_type="password", password="s")
    answer = client.get(url[:-1] + "-renamed/")
    assert answer.status_code == 200 and b'name="password"' in answer.content


def test_a_new_page_is_found_where_there_was_nothing(client):
    resource = ResourcePage.objects.live().first()
    parent = resource.get_parent()
    assert client.get(parent.url + "not-yet-here/").status_code == 404
    copied = resource.copy(to=parent, update_attrs={"slug": "not-yet-here", "title": "Here now"})
    copied.save_revision().publish()
    assert client.get(parent.url + "not-yet-here/").status_code == 200


def routed(path):
    """The route the middleware hands Wagtail for `path`, as one request sees it."""
    request = RequestFactory().get(path)
    middleware = SiteForRequestMiddleware(lambda request: None)
    middleware(request)
    middleware.process_view(request, wagtail_views.serve, (path.lstrip("/"),), {})
    return request, Page.route_for_request(request, path.lstrip("/"))


def test_each_request_routes_to_a_page_of_its_own():
    resource = ResourcePage.objects.live().first()
    (first_request, first), (_, second) = routed(resource.url), routed(resource.url)
    assert first.page.pk == second.page.pk == resource.pk and first.page is not second.page
    assert isinstance(first.page, ResourcePage)
    # A routable page's view is the request's own page's, and so is the match Wagtail records.
    view = first.args[0]
    assert view.__self__ is first.page and second.args[0].__self__ is second.page
    assert first_request.routable_resolver_match.func.__self__ is first.page


def test_a_restricted_page_is_checked_each_time():
    resource = ResourcePage.objects.live().first()
    PageViewRestriction.objects.create(page=resource, restriction_type="password", password="s")
    _request, route = routed(resource.url)
    assert route.page.get_view_restrictions().exists()
    _request, route = routed(ResourcePage.objects.live().exclude(pk=resource.pk).first().url)
    assert not route.page.get_view_restrictions().exists()
