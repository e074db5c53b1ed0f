"""'Areas like this one': peers chosen by shared themes and region, each saying why."""

import pytest
from lxml import html as lxml_html

from areas.models import AreaPage
from resources.area_peers import similar_areas, themes_by_area
from resources.models import ResourceIndexPage, ResourcePage, ResourceType
from themes.models import ThemePage

pytestmark = pytest.mark.django_db


def add_resource(title, areas, themes):
    index = ResourceIndexPage.objects.get()
    resource = ResourcePage(
        title=title, summary="A test resource.", resource_type=ResourceType.objects.first()
    )
    index.add_child(instance=resource)
    resource.areas.set(areas)
    resource.themes.set(themes)
    resource.save_revision().publish()
    return resource


def peers_on_page(client, area):
    page = lxml_html.fromstring(client.get(area.url).content)
    items = page.xpath("//section[@aria-labelledby='peers']//li")
    return {item.xpath("a")[0].text: item.xpath("span")[0].text_content() for item in items}


def test_areas_mentioned_alongside_share_themes_and_say_so(client):
    par_bay = AreaPage.objects.get(title="Par Bay")
    peers = peers_on_page(client, par_bay)
    # The bundled news item mentions Par Bay, Dyke House, Ramsey and Central Boston.
    for name in ("Dyke House", "Ramsey", "Central Boston"):
        assert peers[name].startswith("shares 3 themes: ")


def test_shared_themes_outrank_region_and_both_reasons_are_given(client):
    area = AreaPage.objects.get(title="Dover Big Local")
    same_region_peer = (
        AreaPage.objects.filter(region=area.region).exclude(pk=area.pk).order_by("title").first()
    )
    far_peer = AreaPage.objects.exclude(region=area.region).order_by("title").last()
    themes = list(ThemePage.objects.live()[:3])
    add_resource("Dover and a far area", [area, far_peer], themes[:2])
    add_resource("Dover and a near area", [area, same_region_peer], themes[:1])

    peers = similar_areas(area)
    assert [peer.area.pk for peer in peers[:2]] == [far_peer.pk, same_region_peer.pk]
    assert peers[0].reasons == ["shares 2 themes"]
    assert peers[1].reasons == ["same region", "shares 1 theme"]

    shown = peers_on_page(client, area)
    assert shown[far_peer.title] == "shares 2 themes: " + ", ".join(
        sorted(t.title for t in themes[:2])
    )
    assert shown[same_region_peer.title] == f"same region · shares 1 theme: {themes[0].title}"


def test_unpublished_resources_do_not_make_areas_alike():
    area = AreaPage.objects.get(title="Dover Big Local")
    other = AreaPage.objects.exclude(region=area.region).first()
    resource = add_resource("Soon withdrawn", [area, other], list(ThemePage.objects.live()[:2]))
    assert other.pk in {peer.area.pk for peer in similar_areas(area)}
    resource.unpublish()
    assert other.pk not in {peer.area.pk for peer in similar_areas(area)}
    assert area.pk not in themes_by_area()


def test_an_area_with_no_themed_resources_lists_no_peers_section(client):
    area = AreaPage.objects.get(title="Dover Big Local")
    assert peers_on_page(client, area) == {}
    html = client.get(area.url).content.decode()
    assert 'id="neighbours"' in html
