"""Editors review what the importer suggested: accepting adds the tag to the draft, rejecting an
applied one takes it off, each through a new revision."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from ingest.models import ImportedFile, Suggestion
from ingest.tests.pages import LAYOUT_A
from lfbl.tests.editor_sign_in import force_verified_login
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("reviewer", "", "pw-for-review-1")
    return force_verified_login(client, user)


@pytest.fixture
def imported(editor_client):
    editor_client.post(
        "/admin/import/", {"files": [SimpleUploadedFile("library.txt", LAYOUT_A.encode())]}
    )
    item = ImportedFile.objects.get(name="library.txt")
    return ResourcePage.objects.get(pk=item.page_id)


def draft(page):
    return ResourcePage.objects.get(pk=page.pk).get_latest_revision_as_object()


def test_stated_themes_are_applied_and_listed_for_review(imported):
    themes = {theme.title for theme in draft(imported).themes.all()}
    assert themes == {"Community assets and spaces", "Resident leadership"}
    applied = Suggestion.objects.filter(page=imported, kind="theme", applied=True)
    assert {s.name for s in applied} == themes
    assert all(s.evidence for s in applied)


def test_editor_sees_suggestions_with_confidence_and_evidence(editor_client, imported):
    html = editor_client.get(f"/admin/pages/{imported.pk}/edit/").content.decode()
    assert "Import suggestions to review" in html
    assert "the page lists it among its themes" in html
    assert "99%" in html


def test_accepting_a_suggestion_adds_it_to_the_draft(editor_client, imported):
    pending = Suggestion.objects.filter(page=imported, kind="theme", applied=False).first()
    assert pending is not None, "expected a theme suggested by meaning but not applied"
    response = editor_client.post(f"/admin/import/suggestion/{pending.pk}/accept/")
    assert response.status_code == 302
    assert pending.name in {theme.title for theme in draft(imported).themes.all()}
    pending.refresh_from_db()
    assert pending.status == Suggestion.ACCEPTED


def test_rejecting_an_applied_suggestion_takes_it_off_the_draft(editor_client, imported):
    applied = Suggestion.objects.get(page=imported, kind="theme", name="Resident leadership")
    editor_client.post(f"/admin/import/suggestion/{applied.pk}/reject/")
    assert "Resident leadership" not in {theme.title for theme in draft(imported).themes.all()}
    applied.refresh_from_db()
    assert applied.status == Suggestion.REJECTED


def test_review_needs_a_post(editor_client, imported):
    suggestion = Suggestion.objects.filter(page=imported).first()
    response = editor_client.get(f"/admin/import/suggestion/{suggestion.pk}/accept/")
    assert response.status_code == 405
