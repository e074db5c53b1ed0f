"""Keep the search index in step with the CMS: publish, unpublish, edit and delete show at once.

Updates run after the database transaction commits, so a rolled-back edit never reaches the index.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from resources.models import ResourcePage
from search import site_index
from security.signals import visibility_changed


@receiver(page_published, sender=ResourcePage)
def index_published_resource(sender, instance, **kwargs):
    transaction.on_commit(lambda: site_index.index_resource(instance))


@receiver(page_unpublished, sender=ResourcePage)
def remove_unpublished_resource(sender, instance, **kwargs):
    transaction.on_commit(lambda: site_index.remove_resource(instance.pk))


@receiver(post_delete, sender=ResourcePage)
def remove_deleted_resource(sender, instance, **kwargs):
    page_id = instance.pk
    transaction.on_commit(lambda: site_index.remove_resource(page_id))


@receiver(visibility_changed)
def follow_visibility(sender, pages, **kwargs):
    """A view restriction came or went: index what the public may now see, drop the rest."""
    page_ids = list(
        ResourcePage.objects.filter(pk__in=pages.values("pk")).values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: site_index.reindex_resources(page_ids))
