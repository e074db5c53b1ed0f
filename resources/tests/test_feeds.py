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
def test_library_feed_lists_published_resources(client, url):
    from resources.models import ResourcePage

    feed = parse(client, url)
    titles = {entry.title for entry in feed.entries}
    assert "How did Local Trust support Big Local areas to build networks?" in titles
    assert len(feed.entries) == min(30, ResourcePage.objects.live().count())
    assert all(entry.link.startswith("http") for entry in feed.entries)


def test_theme_feed_lists_only_that_theme(client):
    feed = parse(client, "/feeds/themes/investing-in-young-people.atom")
    assert [entry.title for entry in feed.entries] == [
        "Big Local areas can access specialist new support from 4 partnerships up until 2021"
    ]
    assert "Investing in young people" in feed.feed.title


def test_unknown_theme_feed_is_404(client):
    assert client.get("/feeds/themes/no-such-theme.rss").status_code == 404


def test_unpublished_resources_leave_the_feed(client):
    from resources.models import ResourcePage

    ResourcePage.objects.get(slug="big-locals-together").unpublish()
    titles = {entry.title for entry in parse(client, "/feeds/resources.rss").entries}
    assert "Big Locals Together" not in titles


def test_pages_announce_their_feeds(client):
    html = client.get("/").content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in html
    theme = client.get("/themes/local-economy/").content.decode()
    assert 'href="/feeds/themes/local-economy.atom"' in theme
