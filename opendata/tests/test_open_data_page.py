"""/data/ explains the downloads, their licence and every field, without JavaScript."""

import pytest

from opendata.tables import FORMATS, TABLES

pytestmark = pytest.mark.django_db


def test_open_data_page_links_every_download_and_shows_every_field(client):
    response = client.get("/data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Open data</h1>" in html
    assert 'href="/data/datapackage.json"' in html
    assert 'rel="license"' in html
    for name, table in TABLES.items():
        assert f'href="/data/{name}.csv"' in html
        assert f'href="/data/{name}.json"' in html
        for field in table.fields:
            assert f"<code>{field.name}</code>" in html


def test_site_footer_links_to_open_data(client):
    response = client.get("/")
    assert '<a href="/data/">Open data</a>' in response.content.decode()


def test_every_listed_download_path_answers(client):
    paths = ["/data/", "/data/datapackage.json"]
    paths += [f"/data/{name}.{extension}" for name in TABLES for extension in FORMATS]
    for path in paths:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize(
    "path", ["/data/nothing.csv", "/data/resources.xml", "/data/Resources.csv"]
)
def test_unknown_download_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_downloads_are_read_only(client):
    assert client.post("/data/resources.csv").status_code == 405
