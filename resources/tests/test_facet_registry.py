"""Every list of resources offers the facets of one registry (`resources/facets.py`), in its order,
with the same labels and the same meaning, so a facet added there appears everywhere."""

import json

import pytest
import yaml
from lxml import html as lxml_html

from resources.facets import FACETS, archive_facets, facet_values
from resources.models import ResourcePage
from search import site_index

pytestmark = pytest.mark.django_db

NAMES = [facet.name for facet in FACETS]


def test_the_listing_theme_pages_and_search_show_the_registry_facets_in_order(client):
    listing = client.get("/resources/").context["listing"]
    assert [group.name for group in listing.groups] == NAMES
    theme = client.get("/themes/local-economy/").context["listing"]
    assert [group.name for group in theme.groups] == [n for n in NAMES if n != "theme"]
    search = client.get("/search/", {"q": "Big Local"}).context["listing"]
    assert [group.name for group in search.groups] == NAMES


def test_search_and_listing_label_and_count_a_facet_alike(client):
    listing = {g.name: g for g in client.get("/resources/").context["listing"].groups}
    search = {
        g.name: g for g in client.get("/search/", {"type": "report"}).context["listing"].groups
    }
    listed = {(o.value, o.label, o.count) for o in listing["theme"].options}
    reports = client.get("/resources/", {"type": "report"}).context["listing"]
    by_listing = {(o.value, o.label, o.count) for o in reports.groups[1].options}
    assert {(o.value, o.label, o.count) for o in search["theme"].options} == by_listing
    assert listed  # the unfiltered listing offers themes too


def test_the_api_filters_and_json_search_take_the_registry_facets(client):
    document = yaml.safe_load(client.get("/api/v1/schema/").content)
    resources = document["paths"]["/api/v1/resources/"]["get"]["parameters"]
    assert set(NAMES) <= {parameter["name"] for parameter in resources}
    assert list(client.get("/api/v1/search/", {"q": "networks"}).json()["facets"]) == NAMES


def test_the_index_holds_each_resource_with_its_registry_values():
    page = ResourcePage.objects.visible().filter(themes__isnull=False).first()
    document = site_index.resource_document(page)
    assert document.facets == facet_values(page)
    assert list(document.facets) == NAMES


def test_the_archive_search_offers_the_registry_facets_marked_for_it(tmp_path):
    from archive.export import build_static_site

    result = build_static_site(tmp_path / "archive", progress=False)
    page = lxml_html.fromstring((result.out / "search/index.html").read_bytes())
    offered = json.loads(page.get_element_by_id("archive-search").get("data-facets"))
    assert offered == archive_facets()
    assert [facet["name"] for facet in offered] == [f.name for f in FACETS if f.in_archive]
