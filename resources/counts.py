"""How many publicly visible resources carry each tag (area, theme, organisation)."""

from django.db.models import Count, Q

from resources.models import ResourcePage


def visible_resource_count(relation: str) -> Count:
    """An annotation counting only the publicly visible resources behind `relation`."""
    visible = ResourcePage.objects.visible().values("pk")
    return Count(relation, filter=Q(**{f"{relation}__in": visible}), distinct=True)


def with_resource_counts(tags):
    """`tags` (areas, themes, organisations), each annotated with `resource_count`."""
    return tags.annotate(resource_count=visible_resource_count("resources"))
