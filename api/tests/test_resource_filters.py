"""The resource list filters by type, theme, region, area and year, as the /resources/ listing does."""

import pytest

from areas.models import AreaPage
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db


def slugs(results):
    return {result["slug"] for result in results}


def live():
    return ResourcePage.objects.live()


def test_unfiltered_list_holds_every_published_resource(all_results):
    assert slugs(all_results("resources/")) == set(live().values_list("slug", flat=True))


def test_type_filter_keeps_only_that_type(all_results):
    page = live().first()
    results = all_results("resources/", type=page.resource_type.slug)
    expected = live().filter(resource_type=page.resource_type).values_list("slug", flat=True)
    assert slugs(results) == set(expected)
    assert {result["type"]["slug"] for result in results} == {page.resource_type.slug}


def test_several_types_separated_by_commas_mean_any_of_them(all_results):
    types = sorted(set(live().values_list("resource_type__slug", flat=True)))[:2]
    assert len(types) == 2
    results = all_results("resources/", type=",".join(types))
    expected = live().filter(resource_type__slug__in=types).values_list("slug", flat=True)
    assert slugs(results) == set(expected)


def test_theme_filter_matches_tagged_resources(all_results):
    theme = live().exclude(themes=None).first().themes.first()
    results = all_results("resources/", theme=theme.slug)
    assert slugs(results) == set(live().filter(themes=theme).values_list("slug", flat=True))
    assert all(theme.slug in [tag["slug"] for tag in result["themes"]] for result in results)


def test_area_and_region_filters_match_resources_about_those_areas(all_results):
    area = AreaPage.objects.live().filter(resources__live=True).exclude(region=None).first()
    by_area = all_results("resources/", area=area.slug)
    assert slugs(by_area) == set(live().filter(areas=area).values_list("slug", flat=True))

    by_region = all_results("resources/", region=area.region.slug)
    in_region = live().filter(areas__region=area.region).distinct()
    assert slugs(by_region) == set(in_region.values_list("slug", flat=True))
    assert slugs(by_area) <= slugs(by_region)


def test_year_filter_matches_publication_year(all_results):
    year = live().exclude(publication_date=None).first().publication_date.year
    results = all_results("resources/", year=year)
    assert slugs(results) == set(
        live().filter(publication_date__year=year).values_list("slug", flat=True)
    )
    assert {result["year"] for result in results} == {year}


def test_filters_combine(all_results):
    page = live().exclude(themes=None).exclude(publication_date=None).first()
    theme = page.themes.first()
    results = all_results(
        "resources/", theme=theme.slug, type=page.resource_type.slug, year=page.year
    )
    assert page.slug in slugs(results)
    expected = live().filter(
        themes=theme, resource_type=page.resource_type, publication_date__year=page.year
    )
    assert slugs(results) == set(expected.values_list("slug", flat=True))


@pytest.mark.parametrize(
    "params",
    [{"theme": "no-such-theme"}, {"type": "nothing"}, {"region": "atlantis"}, {"area": "\x00"}],
)
def test_unknown_slug_gives_an_empty_list(api, params):
    status, body = api("resources/", **params)
    assert status == 200
    assert body["count"] == 0
    assert body["results"] == []


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("abc", "Enter a whole number."),
        ("20.5", "Enter a whole number."),
        ("99999", "Ensure this value is less than or equal to 9999."),
        ("0", "Ensure this value is greater than or equal to 1."),
    ],
)
def test_bad_year_is_a_400_naming_the_problem(api, year, message):
    status, body = api("resources/", year=year)
    assert status == 400
    assert body == {"year": [message]}


def test_areas_filter_by_region(all_results):
    area = AreaPage.objects.live().exclude(region=None).first()
    results = all_results("areas/", region=area.region.slug)
    expected = AreaPage.objects.live().filter(region=area.region)
    assert slugs(results) == set(expected.values_list("slug", flat=True))
    assert {result["region"]["slug"] for result in results} == {area.region.slug}
