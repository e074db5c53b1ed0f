"""Every public URL answers, unknown ones get a helpful 404, and nothing shows a traceback."""

import pytest

from lfbl.tests.key_pages import KEY_PAGES, MISSING_PAGE

pytestmark = pytest.mark.django_db

# Every key page but the deliberate 404.
PAGES = [url for url in KEY_PAGES if url != MISSING_PAGE]


@pytest.mark.parametrize("url", PAGES)
def test_public_page_answers(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert b"<h1" in response.content


def test_home_page_gives_the_ways_in(client):
    html = client.get("/").content.decode()
    for link in ('href="/themes/', 'action="/search/', 'href="/about/"', 'href="/timeline/"'):
        assert link in html
    assert 'id="cited-heading"' in html  # most cited, or "cited by other resources"


def test_home_search_label_counts_the_published_resources(client):
    from resources.models import ResourcePage

    published = ResourcePage.objects.live().public()
    count = published.count()
    assert f"Search {count} resources on" in client.get("/").content.decode()
    published.first().unpublish()
    assert f"Search {count - 1} resources on" in client.get("/").content.decode()


def test_areas_are_grouped_by_region(client):
    html = client.get("/areas/").content.decode()
    assert '<h2 id="east-of-england">East of England' in html
    # The region's list (not the map's dot, which comes earlier) holds the area's link.
    assert html.index('href="/areas/ramsey/">Ramsey</a>') > html.index('id="east-of-england"')


def test_area_page_lists_resources_that_mention_it(client):
    html = client.get("/areas/par-bay/").content.decode()
    assert "Cornwall" in html and "South West" in html
    assert "/resources/support-partners-open-to-all-big-local-areas/" in html


def test_our_bigger_story_areas_link_the_report(client):
    html = client.get("/areas/blackpool-revoe/").content.decode()
    assert "/resources/our-bigger-story-change-in-big-local/" in html


def test_timeline_lists_events_in_order(client):
    html = client.get("/timeline/").content.decode()
    assert html.index("2010") < html.index("2027")


def test_theme_page_lists_its_resources(client):
    html = client.get("/themes/working-collaboratively/").content.decode()
    assert "How did Local Trust support Big Local areas to build networks?" in html


def test_unknown_url_gives_helpful_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'href="/search/"' in html
    assert "Traceback" not in html


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "AND OR NOT", "*", "a:b", "🙂", "x" * 5000, "'; DROP TABLE x; --", "NEAR(a b)"],
)
def test_search_never_fails_on_odd_input(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert b'name="robots" content="noindex"' in response.content


def test_search_finds_and_filters(client):
    response = client.get("/search/", {"q": "networks", "type": "qa-article"})
    assert [hit.title for hit in response.context["results"].hits] == [
        "How did Local Trust support Big Local areas to build networks?"
    ]
