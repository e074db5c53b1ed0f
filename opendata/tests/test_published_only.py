"""Drafts, unpublished and password-protected pages never appear in the open data."""

import pytest
from wagtail.models import PageViewRestriction

from areas.models import AreaPage
from resources.models import ResourcePage, ResourceReference

pytestmark = pytest.mark.django_db


def cited_resource():
    """A live resource that another live resource's reference resolves to."""
    reference = ResourceReference.objects.filter(target__live=True, page__live=True).first()
    return reference.target


def test_unpublished_resource_leaves_every_table(download_csv, download_json):
    page = cited_resource()
    _header, rows = download_csv("resources")
    assert page.slug in {row["slug"] for row in rows}

    page.unpublish()

    _header, rows = download_csv("resources")
    assert page.slug not in {row["slug"] for row in rows}
    assert page.slug not in {row["slug"] for row in download_json("resources")["rows"]}
    references = download_json("references")["rows"]
    assert page.slug not in {row["resource"] for row in references}
    assert page.slug not in {row["target"] for row in references}
    for event in download_json("timeline")["rows"]:
        assert page.slug not in event["resources"]


def test_draft_changes_are_not_shown_until_published(download_json):
    page = ResourcePage.objects.live().first()
    page.title = "A draft title nobody should see"
    page.save_revision()
    titles = {row["title"] for row in download_json("resources")["rows"]}
    assert "A draft title nobody should see" not in titles
    assert ResourcePage.objects.get(pk=page.pk).title in titles


def test_password_protected_resource_is_left_out(download_csv):
    page = ResourcePage.objects.live().first()
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")
    _header, rows = download_csv("resources")
    assert page.slug not in {row["slug"] for row in rows}
    assert len(rows) == ResourcePage.objects.live().count() - 1


def test_unpublished_area_leaves_the_areas_table_and_resource_tags(download_json):
    area = AreaPage.objects.live().filter(resources__live=True).first()
    area.unpublish()
    assert area.slug not in {row["slug"] for row in download_json("areas")["rows"]}
    for row in download_json("resources")["rows"]:
        assert area.slug not in row["areas"]
