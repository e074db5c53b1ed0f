"""The home page: ways in that say what they hold, and no empty or repeated furniture."""

import re

import pytest

from resources.models import ResourcePage, ResourceReference

pytestmark = pytest.mark.django_db


def _section(html, heading_id):
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


def test_theme_cards_say_how_many_resources_each_holds_and_empty_ones_come_last(client):
    themes = _section(client.get("/").content.decode(), "themes-heading")
    for group in re.split(r'<h3 class="theme-group-name">', themes)[1:]:
        counts = re.findall(r'<span class="theme-count">([^<]+)</span>', group)
        empty = [i for i, text in enumerate(counts) if text == "No resources yet"]
        assert empty == list(range(len(counts) - len(empty), len(counts)))  # all at the end


def test_theme_cards_do_not_repeat_their_group_on_every_card(client):
    themes = _section(client.get("/").content.decode(), "themes-heading")
    assert 'class="theme-group"' not in themes
    assert themes.count('<h3 class="theme-group-name">') >= 2


def test_a_citation_count_shows_only_when_it_says_something(client):
    html = _section(client.get("/").content.decode(), "cited-heading")
    assert "cited by 1 resource" not in html
    cited = ResourcePage.most_cited().first()
    others = ResourcePage.objects.visible().exclude(pk=cited.pk).exclude(references__target=cited)
    for page in others[:2]:
        ResourceReference.objects.create(page=page, title=cited.title, target=cited)
    html = client.get("/").content.decode()
    assert "Most cited in the library" in html
    assert re.search(r"cited by [2-9]\d* resources", _section(html, "cited-heading"))


def test_home_and_search_pages_have_one_search_box(client):
    for url in ("/", "/search/?q=networks"):
        html = client.get(url).content.decode()
        assert html.count('type="search"') == 1, url
    assert client.get("/about/").content.decode().count('type="search"') == 1  # the header's
