"""Uploaded documents: downloads only, and only when a page the public may see uses them."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from resources.models import ResourceAttachment, ResourceIndexPage, ResourcePage, ResourceType

pytestmark = pytest.mark.django_db

HOSTILE_HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def _resource_with(document, *, slug, publish=True):
    page = ResourcePage(
        title=f"Resource {slug}",
        slug=slug,
        resource_type=ResourceType.objects.get(slug="report"),
        summary="A resource with an original file attached.",
        publication_date=datetime.date(2024, 1, 1),
    )
    ResourceIndexPage.objects.get().add_child(instance=page)
    page.attachments.add(ResourceAttachment(document=document, title="Original"))
    page.save()
    if publish:
        page.save_revision().publish()
    else:
        page.unpublish()
    return page


def _document(name, data=HOSTILE_HTML):
    document = get_document_model()(title=name)
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


@pytest.fixture
def editor():
    return User.objects.create_superuser("doc-editor", "e@example.org", "a-long-test-password")


def test_an_uploaded_html_document_is_only_ever_a_download(client):
    document = _document("notes.html")
    _resource_with(document, slug="with-html-notes")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "Content-Encoding" not in response


def test_the_media_folder_never_serves_documents(client):
    document = _document("notes.html")
    _resource_with(document, slug="with-media-notes")
    path = f"/media/{document.file.name}"
    assert client.get(path).status_code == 404
    assert client.get(f"/media/images/../{document.file.name}").status_code == 404


def test_media_images_carry_nosniff_and_a_sandbox(client):
    image = get_image_model().objects.create(title="Photo", file=get_test_image_file())
    response = client.get(f"/media/{image.file.name}")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_drafts_original_file_is_not_reachable_anonymously(client, editor):
    document = _document("draft-report.pdf", b"%PDF-1.4 draft")
    _resource_with(document, slug="draft-with-file", publish=False)
    assert client.get(document.url).status_code == 404
    client.force_login(editor)
    assert client.get(document.url).status_code == 200


def test_a_restricted_pages_file_is_not_reachable_anonymously(client):
    document = _document("private-report.pdf", b"%PDF-1.4 private")
    page = _resource_with(document, slug="private-with-file")
    assert client.get(document.url).status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert client.get(document.url).status_code == 404


def test_a_document_no_page_uses_is_not_public(client):
    document = _document("stray.pdf", b"%PDF-1.4 stray")
    assert client.get(document.url).status_code == 404


def test_document_ids_cannot_be_probed(client):
    document = _document("hidden.pdf", b"%PDF-1.4 hidden")
    _resource_with(document, slug="hidden-file", publish=False)
    missing = client.get(f"/documents/{document.pk + 1000}/hidden.pdf")
    hidden = client.get(document.url)
    assert missing.status_code == hidden.status_code == 404


def test_the_archive_keeps_an_html_document_as_inert_text(tmp_path):
    from archive.export import build_static_site

    document = _document("notes.html")
    _resource_with(document, slug="archive-html-notes")
    result = build_static_site(tmp_path / "archive", progress=False)
    kept = list(result.out.rglob(f"{document.filename}*"))
    assert [path.name for path in kept] == [f"{document.filename}.txt"]
    assert kept[0].read_bytes() == HOSTILE_HTML
    page = (result.out / "resources/archive-html-notes/index.html").read_text()
    assert f"{document.filename}.txt" in page
