"""`visibility_changed`: sent when pages become visible to the public or stop being so without
being published or unpublished (a view restriction added, changed or removed above them).

Outputs that keep their own copy of public content (the search index) listen to it, as they listen
to Wagtail's publish and unpublish signals.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from wagtail.models import Page, PageViewRestriction

# Sent with `pages`: a queryset of the pages whose visibility may have changed.
visibility_changed = Signal()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    # The page may be going too (a cascade from deleting it): then its own signals say so.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    pages = page.get_descendants(inclusive=True)
    visibility_changed.send(sender=PageViewRestriction, pages=pages)
