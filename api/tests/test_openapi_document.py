"""The OpenAPI 3 document at /api/v1/schema/ describes the read API, and its docs page works offline."""

import re

import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_schema_is_openapi_3_and_covers_the_read_api_only(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/v1/resources/",
        "/api/v1/resources/{slug}/",
        "/api/v1/areas/",
        "/api/v1/areas/{slug}/",
        "/api/v1/themes/",
        "/api/v1/themes/{slug}/",
        "/api/v1/search/",
        "/api/v1/suggest/",
        "/api/v1/ask/",
    }
    parameters = {p["name"] for p in document["paths"]["/api/v1/resources/"]["get"]["parameters"]}
    assert {"type", "theme", "region", "area", "year", "page", "page_size"} <= parameters


def test_the_json_search_is_documented_with_every_facet_of_the_site(client):
    from resources.facets import FACETS

    document = yaml.safe_load(client.get("/api/v1/schema/").content)
    search = document["paths"]["/api/v1/search/"]["get"]
    assert {p["name"] for p in search["parameters"]} == {"q", "sort", "page"} | {
        facet.name for facet in FACETS
    }
    assert document["paths"]["/api/v1/suggest/"]["get"]["parameters"][0]["name"] == "q"


def test_the_older_search_addresses_answer_as_the_documented_ones(client):
    for old, new in (("/api/search", "/api/v1/search/"), ("/api/suggest", "/api/v1/suggest/")):
        assert (
            client.get(old, {"q": "networks"}).json() == client.get(new, {"q": "networks"}).json()
        )


def test_schema_is_also_served_as_json(client):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Learning from Big Local read API"


def test_docs_page_loads_its_scripts_from_this_site(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(source.startswith("/") for source in sources), sources
    for source in sources:
        assert client.get(source).status_code == 200, source


def test_api_is_read_only(client):
    assert client.post("/api/v1/resources/", {}).status_code == 405
    assert client.delete("/api/v1/themes/community-change/").status_code == 405
