"""Words inside a resource's attached PDF or DOCX file find the resource in search, and the hit
links to the resource's list of files."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from ingest.attachment_text import extract_attachment_text
from ingest.models import AttachmentText
from ingest.tests.makers import docx_file, weasyprint_pdf
from resources.models import ResourceAttachment, ResourcePage
from search import site_index

pytestmark = pytest.mark.django_db

REPORT = "/resources/our-bigger-story-change-in-big-local/"


def attach(page, name: str, data: bytes, title: str):
    document = get_document_model().objects.create(title=title, file=ContentFile(data, name=name))
    extract_attachment_text.call(document.pk)  # what the worker runs for a stored document
    page = page.get_latest_revision_as_object()
    page.attachments.add(ResourceAttachment(document=document, title=title))
    page.save_revision().publish()
    return document


@pytest.fixture
def report_page():
    page = ResourcePage.objects.get(url_path__endswith="our-bigger-story-change-in-big-local/")
    yield page
    # The index outlives the test's rolled-back transaction: put the page back as it was.
    AttachmentText.objects.filter(is_import_source=False).delete()
    site_index.index_resource(ResourcePage.objects.get(pk=page.pk))


def hits(client, query):
    return client.get("/search/", {"q": query}).context["results"].hits


@pytest.mark.parametrize(
    ("name", "make"),
    [("annex.pdf", weasyprint_pdf), ("annex.docx", docx_file)],
)
def test_text_inside_an_attachment_is_searchable_and_links_to_the_resource(
    client, report_page, name, make
):
    page = report_page
    structure = [
        ("title", "Annex: the allotment survey"),
        ("paragraph", "Residents counted thirty-one quinceberry bushes along the canal towpath."),
    ]
    document = attach(page, name, make(structure), "Annex: the allotment survey")
    assert "quinceberry" in AttachmentText.objects.get(document=document).text
    site_index.index_resource(ResourcePage.objects.get(pk=page.pk))
    found = hits(client, "quinceberry bushes")
    assert found and found[0].link.startswith(REPORT)
    assert found[0].link.endswith("#files")


def test_the_file_a_resource_was_imported_from_is_not_indexed_twice():
    page = ResourcePage.objects.get(url_path__endswith="our-bigger-story-change-in-big-local/")
    sections = site_index.resource_document(page).sections
    assert not any(section.heading.startswith("Attached document") for section in sections)
