"""Move the content generation on when anything the public pages are made from is saved.

Rather than list what a page depends on (and miss something), every model counts except those
that cannot change what the public sees: sessions, logs, the search change log, the generation
itself, and accounts (a sign-in saves the user). Too many changes only cost cache misses.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from pagecache import cache
from pagecache.models import Generation, move_on

IGNORED = {
    "migrations.migration",
    "sessions.session",
    "admin.logentry",
    "auth.user",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailusers.userprofile",
    "search.indexchange",
}


def _counts(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None or sender is Generation or meta.label_lower in IGNORED:
        return False
    # Migrations' historical models: the generation table may not exist yet, and nothing is
    # cached while migrating.
    return sender.__module__ != "__fake__"


@receiver(post_save)
@receiver(post_delete)
def content_saved(sender, **kwargs):
    if kwargs.get("raw") or not _counts(sender):
        return
    move_on()
    cache.changed_here()


@receiver(m2m_changed)
def content_related(sender, action, instance, **kwargs):
    if action.startswith("post_") and _counts(type(instance)):
        move_on()
        cache.changed_here()
