"""What the public may see: live pages without view restrictions, and the snippets they use.

The open data downloads and the read API both select content here, so a draft, an unpublished
page or a password-protected page never leaks through one of them and not the other.
"""

from django.db.models import Count, Q

from areas.models import AreaPage
from organisations.models import Organisation
from resources.models import ResourcePage
from themes.models import ThemePage
from timeline.models import TimelineEvent


def resources():
    return ResourcePage.objects.live().public()


def areas():
    return AreaPage.objects.live().public()


def themes():
    return ThemePage.objects.live().public()


def resource_count(relation: str) -> Count:
    """An annotation counting only the published resources behind `relation`."""
    return Count(relation, filter=Q(**{f"{relation}__in": resources().values("pk")}), distinct=True)


def with_resource_counts(pages):
    """``pages`` (areas, themes, organisations), each annotated with ``resource_count``: how many
    published resources are tagged with it."""
    return pages.annotate(resource_count=resource_count("resources"))


def organisations():
    return Organisation.objects.all()


def timeline_events():
    return TimelineEvent.objects.all()
