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


# The filters are tried on the tests' own small library (lfbl/tests/fixtures.py): three resources
# of three types in the theme "Fixture allotments", one of them also in "Fixture bus routes".
ALLOTMENTS = "theme=fixture-allotments"


def test_filter_by_type_keeps_only_that_type(client, library):
    response = client.get(f"/resources/?{ALLOTMENTS}&type=qa-article")
    assert titles(response) == [library.question.title]


def test_filters_of_different_kinds_narrow_each_other(client, library):
    both = client.get("/resources/?type=qa-article&theme=fixture-bus-routes")
    assert titles(both) == [library.question.title]
    assert (
        client.get("/resources/?type=report&theme=fixture-bus-routes").context["listing"].total == 0
    )
    assert len(titles(client.get(f"/resources/?{ALLOTMENTS}"))) == 3


def test_repeated_filter_values_are_alternatives(client, library):
    response = client.get(f"/resources/?{ALLOTMENTS}&type=report&type=case-study")
    assert sorted(titles(response)) == sorted([library.report.title, library.case_study.title])


def test_counts_show_what_each_other_choice_would_give(client, library):
    response = client.get(f"/resources/?{ALLOTMENTS}&type=report")
    facets = {facet.name: facet for facet in response.context["listing"].groups}
    type_counts = {option.value: option.count for option in facets["type"].options}
    # The type counts ignore the type filter itself, and keep the theme filter.
    assert (type_counts["report"], type_counts["case-study"], type_counts["qa-article"]) == (
        1,
        1,
        1,
    )
    theme_counts = {option.value: option.count for option in facets["theme"].options}
    assert theme_counts["fixture-allotments"] == 1  # the report
    html = response.content.decode()
    assert re.search(r"Case study <span class=\"count\">\(1\)</span>", html)


def test_region_and_area_filters_follow_area_tags(client, library):
    expected = sorted(page.title for page in library.resources)
    assert sorted(titles(client.get("/resources/?region=fixture-region"))) == expected
    assert sorted(titles(client.get(f"/resources/?area={library.area.slug}"))) == expected


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
