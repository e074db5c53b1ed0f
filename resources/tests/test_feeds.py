"""RSS and Atom feeds of new resources, checked by parsing them as a feed reader would."""

import feedparser
import pytest

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("url", ["/feeds/resources.rss", "/feeds/resources.atom"])
def test_library_feed_lists_published_resources(client, url, library):
    from resources.models import ResourcePage

    feed = parse(client, url)
    titles = {entry.title for entry in feed.entries}
    assert {page.title for page in library.resources} <= titles
    assert len(feed.entries) == min(30, ResourcePage.objects.live().count())
    assert all(entry.link.startswith("http") for entry in feed.entries)


def test_theme_feed_lists_only_that_theme(client, library):
    buses = library.themes[1]
    feed = parse(client, f"/feeds/themes/{buses.slug}.atom")
    assert [entry.title for entry in feed.entries] == [library.question.title]
    assert buses.title in feed.feed.title


def test_unknown_theme_feed_is_404(client):
    assert client.get("/feeds/themes/no-such-theme.rss").status_code == 404


def test_unpublished_resources_leave_the_feed(client, library):
    assert library.case_study.title in {
        e.title for e in parse(client, "/feeds/resources.rss").entries
    }
    library.case_study.unpublish()
    titles = {entry.title for entry in parse(client, "/feeds/resources.rss").entries}
    assert library.case_study.title not in titles


def test_pages_announce_their_feeds(client, library):
    html = client.get("/").content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in html
    theme = client.get(library.themes[0].url).content.decode()
    assert f'href="/feeds/themes/{library.themes[0].slug}.atom"' in theme
