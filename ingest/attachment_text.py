"""The readable text of documents attached to resources, kept so search finds words inside them.

The importer keeps the text of the file it read. For files an editor attaches, the text is read in
the import queue's worker (`extract_attachment_text`), never in the web request, and the resources
that attach the file are indexed again. The text is read with the importer's own readers, so a PDF
or DOCX attachment reads exactly as it would if imported.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from ingest import formats, readers
from ingest.errors import IngestError

MAX_CHARS = 500_000  # about 250 pages: enough to find a report by its contents
MAX_FILE_BYTES = 100 * 1024 * 1024


def attachment_sections(page) -> list:
    """The text inside a resource's attached files as search sections, one per file, headed
    "Attached document: <title>" and pointing at the resource's list of files. The file the
    resource was imported from is left out: its text is the resource's own body already."""
    from ingest.models import AttachmentText
    from search.engine import Section

    sections = []
    for attachment in page.attachments.select_related("document"):
        stored = AttachmentText.objects.filter(document=attachment.document).first()
        if stored is None or stored.is_import_source or not stored.text.strip():
            continue
        title = attachment.title or attachment.document.title
        sections.append(Section(stored.text, f"Attached document: {title}", "files"))
    return sections


def remember_text(document, text: str, *, is_import_source: bool = False) -> None:
    """Keep text already read (the importer has it) for a stored document."""
    from ingest.models import AttachmentText

    AttachmentText.objects.update_or_create(
        document=document,
        defaults={
            "file_hash": document.file_hash or "",
            "text": text[:MAX_CHARS],
            "failure": "",
            "is_import_source": is_import_source,
        },
    )


def read_text(document) -> str:
    """The document's text as the importer's readers see it (IngestError if unreadable)."""
    if document.file.size > MAX_FILE_BYTES:
        raise IngestError("the file is too large to read for search", code="too_large")
    with document.file.open("rb") as handle:
        data = handle.read()
    sniffed = formats.sniff(data, document.file.name, max_bytes=MAX_FILE_BYTES)
    result = readers.read(sniffed, data)
    return "\n".join(block.text for block in result.blocks)


def needs_text(document) -> bool:
    from ingest.models import AttachmentText

    stored = AttachmentText.objects.filter(document=document).first()
    return stored is None or (stored.file_hash != (document.file_hash or "") and not stored.text)


@task(backend="imports")
def extract_attachment_text(document_id: int) -> str:
    """Read an attached document's text, then index again the live resources that attach it."""
    from wagtail.documents import get_document_model

    from ingest.models import AttachmentText

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "gone"
    if not needs_text(document):
        return "already read"
    try:
        remember_text(document, read_text(document))
        outcome = "read"
    except Exception as error:  # an unreadable attachment is simply not searchable inside
        AttachmentText.objects.update_or_create(
            document=document,
            defaults={
                "file_hash": document.file_hash or "",
                "text": "",
                "failure": str(error)[:300],
            },
        )
        outcome = "unreadable"
    transaction.on_commit(lambda: _reindex_resources_attaching(document_id))
    return outcome


def _reindex_resources_attaching(document_id: int) -> None:
    from resources.models import ResourcePage
    from search import site_index

    # index_resource itself leaves out any page the public may not see.
    for page in ResourcePage.objects.filter(attachments__document_id=document_id).distinct():
        site_index.index_resource(page)
