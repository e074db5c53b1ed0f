"""Move the content generation on when anything the public pages are made from is saved.

Rather than list what a page depends on (and miss something), every model counts except those
that cannot change what the public sees: accounts and sign-in records (a sign-in saves the user),
sessions, logs, drafts' revisions and workflows, the admin's own state, editors' import jobs, the
search change log (itself part of the version), the generation itself, and derived data written
while a page renders (image renditions, embeds, search entries): counting those would make
reading a page throw the cache away. Counting too much only costs cache misses.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from pagecache.models import Generation, move_on

IGNORED_APPS = {
    "admin",
    "auth",
    "axes",
    "contenttypes",
    "django_tasks_database",
    "library",
    "migrations",
    "otp_totp",
    "search",
    "sessions",
    "wagtailadmin",
    "wagtailsearch",
    "wagtailusers",
}
IGNORED = {
    "ingest.importbatch",
    "ingest.importedfile",
    "ingest.suggestion",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflowstate",
    "wagtailembeds.embed",
    "wagtailimages.rendition",
}


def _counts(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None or sender is Generation:
        return False
    if meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED:
        return False
    # Migrations' historical models: the generation table may not exist yet, and nothing is
    # cached while migrating.
    return sender.__module__ != "__fake__"


@receiver(post_save)
@receiver(post_delete)
def content_saved(sender, **kwargs):
    if not kwargs.get("raw") and _counts(sender):
        move_on()


@receiver(m2m_changed)
def content_related(sender, action, instance, **kwargs):
    if action.startswith("post_") and _counts(type(instance)):
        move_on()
