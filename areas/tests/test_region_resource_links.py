"""Each region on /areas/ links to the resources about its areas, with the listing's count."""

import re

import pytest

from areas.models import Region
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db


def test_region_links_count_the_resources_the_filtered_listing_shows(client):
    html = client.get("/areas/").content.decode()
    links = dict(
        re.findall(r'<a href="/resources/\?region=([a-z-]+)">(\d+) resources? about areas in', html)
    )
    assert links, "the bundled library mentions areas in every region"
    for region in Region.objects.all():
        expected = ResourcePage.objects.live().filter(areas__region=region).distinct().count()
        if expected == 0:
            assert region.slug not in links
            continue
        assert int(links[region.slug]) == expected
        listing = client.get(f"/resources/?region={region.slug}").content.decode()
        assert listing.count('class="card-title"') == expected
