"""Keep the search index in step with the CMS: publish, unpublish, edit, move and delete.

Each change appends a row to the change log (`search.models.IndexChange`) inside the change's own
transaction, so the log has exactly the changes that committed. After the commit, this process
applies the log at once (the editor's next search shows the change); every other server's index
follows the same log within a second or so (`search/index_sync.py`).
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from resources.models import ResourcePage
from search import change_log, index_sync
from security.signals import visibility_changed


def _changed(page_id) -> None:
    change_log.record_change(page_id)
    transaction.on_commit(lambda: index_sync.follow(force=True))


@receiver(page_published, sender=ResourcePage)
def log_published_resource(sender, instance, **kwargs):
    _changed(instance.pk)


@receiver(page_unpublished, sender=ResourcePage)
def log_unpublished_resource(sender, instance, **kwargs):
    _changed(instance.pk)


@receiver(post_delete, sender=ResourcePage)
def log_deleted_resource(sender, instance, **kwargs):
    _changed(instance.pk)


@receiver(post_page_move)
def log_moved_resources(sender, instance, url_path_before, url_path_after, **kwargs):
    # A move changes the URL of the page and of every resource below it.
    if url_path_before == url_path_after:
        return
    moved = ResourcePage.objects.filter(path__startswith=instance.path).values_list("pk", flat=True)
    page_ids = list(moved)
    if page_ids:
        change_log.record_changes(page_ids)
        transaction.on_commit(lambda: index_sync.follow(force=True))


@receiver(visibility_changed)
def log_visibility_change(sender, pages, **kwargs):
    """A view restriction came or went: the index adds what the public may now see, drops the
    rest (the follower decides, by the one definition of visible)."""
    page_ids = list(
        ResourcePage.objects.filter(pk__in=pages.values("pk")).values_list("pk", flat=True)
    )
    if page_ids:
        change_log.record_changes(page_ids)
        transaction.on_commit(lambda: index_sync.follow(force=True))
