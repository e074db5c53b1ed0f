"""Machine-readable metadata: schema.org JSON-LD, Open Graph, sitemap and robots.txt."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_resource_page_carries_schema_org_metadata(client):
    html = client.get(
        "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/"
    ).content.decode()
    data = json_ld(html)
    assert data["@type"] == "ScholarlyArticle"
    assert data["name"] == "How did Local Trust support Big Local areas to build networks?"
    assert data["datePublished"] == "2025"
    assert len(data["citation"]) >= 10
    assert '<meta property="og:title" content="How did Local Trust' in html


def test_report_and_area_and_theme_pages_have_their_schema_types(client):
    report = json_ld(
        client.get("/resources/our-bigger-story-change-in-big-local/").content.decode()
    )
    assert report["@type"] == "Report"
    area = json_ld(client.get("/areas/par-bay/").content.decode())
    assert area["@type"] == "Place"
    assert area["address"]["addressRegion"] == "South West"
    theme = json_ld(client.get("/themes/local-economy/").content.decode())
    assert theme["@type"] == "CollectionPage"


def test_json_ld_cannot_break_out_of_its_script_block(client):
    from resources.models import ResourcePage

    page = ResourcePage.objects.get(slug="big-locals-together")
    page.summary = "</script><script>alert(1)</script>"
    page.save_revision().publish()
    html = client.get("/resources/big-locals-together/").content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["description"] == "</script><script>alert(1)</script>"


def test_sitemap_lists_published_pages(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/resources/our-bigger-story-change-in-big-local/</loc>" in xml
    assert "/areas/ramsey/</loc>" in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_search(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /search/" in text
    assert "sitemap.xml" in text
