"""Only published, public resources are in the repository."""

import pytest
from oaipmh import error
from wagtail.models import PageViewRestriction

from resources.models import ResourcePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("library")]

SLUG = "fixture-report"  # lfbl/tests/fixtures.py
IDENTIFIER = f"oai:testserver:resource/{SLUG}"


def harvested_slugs(harvester):
    return {
        header.identifier().rsplit("/", 1)[1]
        for header in harvester.listIdentifiers(metadataPrefix="oai_dc")
    }


def test_unpublished_resource_disappears_from_the_repository(harvester):
    assert SLUG in harvested_slugs(harvester)
    harvester.getRecord(identifier=IDENTIFIER, metadataPrefix="oai_dc")

    ResourcePage.objects.get(slug=SLUG).unpublish()

    assert SLUG not in harvested_slugs(harvester)
    assert len(harvested_slugs(harvester)) == ResourcePage.objects.live().count()
    with pytest.raises(error.IdDoesNotExistError):
        harvester.getRecord(identifier=IDENTIFIER, metadataPrefix="oai_dc")


def test_draft_changes_are_not_harvested_until_published(harvester):
    page = ResourcePage.objects.get(slug=SLUG)
    published_title = page.title
    page.title = "Draft title nobody should see"
    page.save_revision()
    _header, metadata, _about = harvester.getRecord(identifier=IDENTIFIER, metadataPrefix="oai_dc")
    assert metadata.getField("title") == [published_title]


def test_password_protected_resource_is_not_harvested(harvester):
    page = ResourcePage.objects.get(slug=SLUG)
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")
    assert SLUG not in harvested_slugs(harvester)
    with pytest.raises(error.IdDoesNotExistError):
        harvester.getRecord(identifier=IDENTIFIER, metadataPrefix="oai_dc")
