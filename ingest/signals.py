"""When an editor stores a document, its text is read for search in the background."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model


@receiver(post_save, sender=get_document_model())
def read_stored_document_for_search(sender, instance, **kwargs):
    from ingest.attachment_text import extract_attachment_text, needs_text

    if needs_text(instance):
        document_id = instance.pk
        transaction.on_commit(lambda: extract_attachment_text.enqueue(document_id))
