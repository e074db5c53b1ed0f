"""Anonymous requests for public pages are answered without rendering, until content changes."""

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from pagecache.cache import PageCacheMiddleware
from pagecache.models import Generation
from resources.models import ResourcePage
from search import change_log, index_sync, site_index
from themes.models import ThemePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.fixture
def resource():
    return ResourcePage.objects.live().order_by("pk").first()


def queries_for(client, path, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    return response, len(queries)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/resources/?type=report",
        "/themes/working-collaboratively/",
        "/areas/par-bay/",
        "/search/?q=volunteers",
        "/api/v1/resources/",
    ],
)
def test_second_request_for_a_public_page_is_answered_without_rendering(client, path):
    first, first_queries = queries_for(client, path)
    second, second_queries = queries_for(client, path)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert first_queries > 3
    assert second_queries == 1  # only: has the library changed since?
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")


def test_a_kept_answer_has_the_headers_of_a_fresh_one(client, resource):
    fresh = client.get(resource.url)
    kept = client.get(resource.url)
    for header in (
        "Content-Type",
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Vary",
    ):
        assert kept.get(header) == fresh.get(header), header
    assert "Set-Cookie" not in kept


def test_head_is_answered_from_what_get_kept(client, resource):
    client.get(resource.url)
    with CaptureQueriesContext(connection) as captured:
        head = client.head(resource.url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"].startswith("text/html")
    assert len(captured) == 1


def test_a_published_edit_shows_at_once_in_the_page_the_api_and_search(
    client, django_capture_on_commit_callbacks
):
    page = ResourcePage.objects.get(slug="big-locals-together")
    paths = [page.url, f"/api/v1/resources/{page.slug}/", "/api/v1/resources/"]
    search = "/search/?q=business+plan"
    for path in [*paths, search]:
        client.get(path)
    try:
        with django_capture_on_commit_callbacks(execute=True):  # the search index follows
            page.title = "Big Locals Together: a business plan beyond 2026"
            page.save_revision().publish()
        for path in [*paths, search]:
            assert "beyond 2026" in client.get(path).content.decode(), path
    finally:
        site_index.rebuild()  # the index file outlives the test's rolled-back transaction


def test_an_unpublished_resource_is_gone_at_once_everywhere(
    client, django_capture_on_commit_callbacks
):
    page = ResourcePage.objects.get(slug="big-locals-together")
    search = "/search/?q=business+plan"
    detail = f"/api/v1/resources/{page.slug}/"
    listing = "/api/v1/resources/?limit=100"
    for path in (search, page.url, detail, listing, "/resources/", "/"):
        assert client.get(path).status_code == 200
    assert page.url in client.get(search).content.decode()
    assert page.url in client.get("/resources/").content.decode()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
        assert page.url not in client.get(search).content.decode()
        assert client.get(page.url).status_code == 404
        assert client.get(detail).status_code == 404
        assert page.slug not in client.get(listing).content.decode()
        assert page.url not in client.get("/resources/").content.decode()
    finally:
        site_index.rebuild()


def test_a_view_restriction_takes_a_page_out_at_once(client, resource):
    assert client.get(resource.url).status_code == 200
    PageViewRestriction.objects.create(
        page=resource, restriction_type=PageViewRestriction.PASSWORD, password="secret-words"
    )
    response = client.get(resource.url)
    assert resource.summary[:40] not in response.content.decode()


def test_an_unpublished_theme_leaves_the_kept_resource_pages_at_once(client):
    theme = ThemePage.objects.live().filter(resources__live=True).first()
    page = theme.resources.live().first()
    assert theme.url in client.get(page.url).content.decode()
    theme.unpublish()
    assert theme.url not in client.get(page.url).content.decode()


def test_a_change_made_on_another_server_shows_once_its_change_log_row_is_read(client, resource):
    before = client.get(resource.url).content
    # As another server would: the change and its change-log row, committed there (no signals
    # here in this process).
    ResourcePage.objects.filter(pk=resource.pk).update(title="Changed on the other server")
    assert client.get(resource.url).content == before
    change_log.record_change(resource.pk)
    assert "Changed on the other server" in client.get(resource.url).content.decode()


def test_a_snippet_change_made_on_another_server_shows_once_the_generation_moves(client):
    before = client.get("/").content
    Generation.objects.update_or_create(pk=1, defaults={"token": "moved-on-elsewhere"})
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/").content == before


def test_a_signed_in_editor_never_gets_a_kept_page_nor_keeps_one(client, resource):
    editor = get_user_model().objects.create_superuser("cache-editor", "e@example.org", "pw")
    client.get(resource.url)  # kept, for the anonymous
    client.force_login(editor)
    response, queries = queries_for(client, resource.url)
    assert queries > 1
    assert "X-Page-Cache" not in response
    caches["pages"].clear()
    client.get("/")
    client.logout()
    anonymous = type(client)()
    assert anonymous.get("/")["X-Page-Cache"] == "miss"  # the editor's page was not kept


def test_the_admin_and_the_health_check_are_never_kept(client):
    client.get("/healthz")
    client.get("/admin/login/")
    _, queries = queries_for(client, "/healthz")
    assert queries >= 1
    kept = list(caches["pages"]._cache)  # noqa: SLF001 - what the cache holds, by key
    assert not [key for key in kept if "/healthz" in key or "/admin/" in key]


def _middleware(response_factory):
    calls = []

    def get_response(request):
        calls.append(request)
        return response_factory()

    return PageCacheMiddleware(get_response), calls


def _twice(middleware, **headers):
    factory = RequestFactory()
    first = middleware(factory.get("/made-up/", **headers))
    second = middleware(factory.get("/made-up/", **headers))
    return first, second


def test_an_answer_that_sets_a_cookie_is_not_kept():
    def with_cookie():
        response = HttpResponse("a form with a token")
        response.set_cookie("csrftoken", "abc")
        return response

    middleware, calls = _middleware(with_cookie)
    _twice(middleware)
    assert len(calls) == 2


@pytest.mark.parametrize(
    "header, value",
    [("Cache-Control", "private"), ("Cache-Control", "no-store"), ("Vary", "X-Something")],
)
def test_an_answer_marked_private_or_varying_by_an_unkeyed_header_is_not_kept(header, value):
    def marked():
        response = HttpResponse("personal")
        response[header] = value
        return response

    middleware, calls = _middleware(marked)
    _twice(middleware)
    assert len(calls) == 2


def test_requests_with_a_session_authorization_or_range_are_never_answered_from_the_cache():
    middleware, calls = _middleware(lambda: HttpResponse("page"))
    factory = RequestFactory()
    middleware(factory.get("/made-up/"))
    assert len(calls) == 1
    middleware(factory.get("/made-up/"))
    assert len(calls) == 1
    request = factory.get("/made-up/")
    request.COOKIES["sessionid"] = "someone"
    middleware(request)
    middleware(factory.get("/made-up/", HTTP_AUTHORIZATION="Token abc"))
    middleware(factory.get("/made-up/", HTTP_RANGE="bytes=0-10"))
    assert len(calls) == 4


def test_the_key_holds_the_accept_header():
    middleware, calls = _middleware(lambda: HttpResponse("page"))
    factory = RequestFactory()
    middleware(factory.get("/made-up/", HTTP_ACCEPT="application/json"))
    middleware(factory.get("/made-up/", HTTP_ACCEPT="text/html"))
    assert len(calls) == 2


def test_answers_kept_by_an_earlier_run_of_the_server_are_not_served(monkeypatch):
    """After an upgrade and restart, a page rendered by the old code must not be served."""
    middleware, calls = _middleware(lambda: HttpResponse("page"))
    factory = RequestFactory()
    monkeypatch.setattr("pagecache.cache.SERVER_RUN", "before-the-upgrade")
    middleware(factory.get("/made-up/"))
    middleware(factory.get("/made-up/"))
    assert len(calls) == 1
    monkeypatch.setattr("pagecache.cache.SERVER_RUN", "after-the-upgrade")
    middleware(factory.get("/made-up/"))
    assert len(calls) == 2


def test_a_conditional_request_for_a_kept_answer_gets_304():
    def with_etag():
        response = HttpResponse("page")
        response["ETag"] = '"v1"'
        return response

    middleware, calls = _middleware(with_etag)
    factory = RequestFactory()
    middleware(factory.get("/made-up/"))
    response = middleware(factory.get("/made-up/", HTTP_IF_NONE_MATCH='"v1"'))
    assert response.status_code == 304
    assert len(calls) == 1


def test_readers_asking_at_once_for_a_page_get_one_rendering(monkeypatch):
    monkeypatch.setattr("pagecache.cache.content_version", lambda: "the same version")
    started = threading.Event()

    def slow():
        started.set()
        time.sleep(0.3)
        return HttpResponse("page")

    middleware, calls = _middleware(slow)
    answers = []

    def read():
        answers.append(middleware(RequestFactory().get("/made-up/")).content)

    first = threading.Thread(target=read)
    first.start()
    started.wait(5)
    others = [threading.Thread(target=read) for _ in range(3)]
    for thread in others:
        thread.start()
    for thread in [first, *others]:
        thread.join(10)
    assert answers == [b"page"] * 4
    assert len(calls) == 1


def test_a_search_answered_from_an_index_behind_the_change_log_is_not_kept(
    client, resource, monkeypatch
):
    search = "/search/?q=volunteers"
    client.get(search)
    # A change committed (its change-log row) that this server's index has not applied yet.
    monkeypatch.setattr(index_sync, "follow", lambda **kwargs: 0)
    change_log.record_change(resource.pk)
    client.get(search)
    # Rendered again: the index may not show the change yet.
    assert client.get(search)["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("path", ["/", "/resources/?type=report", "/search/?q=volunteers"])
def test_a_page_rendered_for_the_cache_reads_the_content_version_once(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path)["X-Page-Cache"] == "miss"
    versions = [q for q in captured.captured_queries if "pagecache_generation" in q["sql"]]
    assert len(versions) == 1
