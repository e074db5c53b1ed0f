"""The resource list: filters combine, repeat, count, paginate and survive bad input."""

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def titles(response):
    return [page.title for page in response.context["listing"].items]


def test_listing_shows_every_published_resource(client):
    response = client.get("/resources/")
    assert response.status_code == 200
    from resources.models import ResourcePage

    assert response.context["listing"].total == ResourcePage.objects.live().count()


def test_filter_by_type_keeps_only_that_type(client):
    response = client.get("/resources/?type=qa-article")
    assert titles(response) == ["How did Local Trust support Big Local areas to build networks?"]


def test_filters_of_different_kinds_narrow_each_other(client):
    both = client.get("/resources/?type=news&theme=investing-in-young-people")
    assert titles(both) == [
        "Big Local areas can access specialist new support from 4 partnerships up until 2021"
    ]
    news = client.get("/resources/?type=news")
    assert len(titles(news)) == 2


def test_repeated_filter_values_are_alternatives(client):
    response = client.get("/resources/?type=news&type=case-study")
    assert sorted(titles(response)) == sorted(
        [
            "Big Locals Together",
            "Big Local areas can access specialist new support from 4 partnerships up until 2021",
            "Learning from Big Local: a guide to the website",
        ]
    )


def test_counts_show_what_each_other_choice_would_give(client):
    response = client.get("/resources/?type=news")
    facets = {facet.name: facet for facet in response.context["listing"].groups}
    type_counts = {option.value: option.count for option in facets["type"].options}
    assert type_counts["news"] == 2
    assert type_counts["report"] >= 9  # the count ignores the type filter itself
    html = response.content.decode()
    assert re.search(r"News <span class=\"count\">\(2\)</span>", html)


def test_region_and_area_filters_follow_area_tags(client):
    by_region = client.get("/resources/?region=north-east")
    assert (
        "Big Local areas can access specialist new support from 4 partnerships up until 2021"
        in titles(by_region)
    )
    by_area = client.get("/resources/?area=dyke-house")
    assert titles(by_area) == [
        "Big Local areas can access specialist new support from 4 partnerships up until 2021"
    ]


def test_year_filter_and_unknown_values_never_fail(client):
    response = client.get("/resources/?year=2022&year=abc&type=nonsense&page=999")
    assert response.status_code == 200
    assert response.context["listing"].total == 0  # no type 'nonsense'
    assert client.get("/resources/?year=2022").context["listing"].total >= 2


@override_settings(RESOURCES_PER_PAGE=5)
def test_listing_paginates_with_links_that_keep_filters(client):
    response = client.get("/resources/?type=report")
    listing = response.context["listing"]
    assert listing.pages >= 2
    html = response.content.decode()
    assert "type=report&amp;page=2" in html
    second = client.get("/resources/?type=report&page=2")
    assert set(titles(second)).isdisjoint(titles(response))


def test_filter_form_works_without_javascript(client):
    html = client.get("/resources/").content.decode()
    assert '<form method="get"' in html
    assert 'type="checkbox"' in html and 'name="theme"' in html
