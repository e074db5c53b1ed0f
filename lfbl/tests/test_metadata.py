"""Machine-readable metadata: schema.org JSON-LD, Open Graph, sitemap and robots.txt."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_resource_page_carries_schema_org_metadata(client, library):
    html = client.get(library.question.url).content.decode()
    data = json_ld(html)
    assert data["@type"] == "ScholarlyArticle"
    assert data["name"] == "How did the fixture partnership choose its bus routes?"
    assert data["datePublished"] == "2020-06"
    assert set(data["about"]) == {"Fixture allotments", "Fixture bus routes"}
    assert '<meta property="og:title" content="How did the fixture partnership' in html
    report = json_ld(client.get(library.report.url).content.decode())
    assert report["citation"] == ["Fixture Growers Trust (2021) " + library.case_study.title]
    assert [author["name"] for author in report["author"]] == ["Ada Planter", "Ben Hoe"]


def test_report_and_area_and_theme_pages_have_their_schema_types(client, library):
    assert json_ld(client.get(library.report.url).content.decode())["@type"] == "Report"
    area = json_ld(client.get(library.area.url).content.decode())
    assert area["@type"] == "Place"
    assert area["address"]["addressRegion"] == "Fixture region"
    theme = json_ld(client.get(library.themes[0].url).content.decode())
    assert theme["@type"] == "CollectionPage"


def test_json_ld_cannot_break_out_of_its_script_block(client, library):
    page = library.case_study
    page.summary = "</script><script>alert(1)</script>"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["description"] == "</script><script>alert(1)</script>"


def test_sitemap_lists_published_pages(client, library):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"{library.report.url}</loc>" in xml
    assert f"{library.area.url}</loc>" in xml
    library.report.unpublish()
    assert f"{library.report.url}</loc>" not in client.get("/sitemap.xml").content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_search(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /search/" in text
    assert "sitemap.xml" in text
