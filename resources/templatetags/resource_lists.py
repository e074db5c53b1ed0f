"""Lists of resources for the pages of the things resources are tagged with.

Theme, area and home pages show what the library holds about them, but their apps know nothing of
resources (resources know their tags, not the other way round); so those pages ask here, in their
templates: `{% load resource_lists %}{% resources_about page as resources %}`.
"""

from django import template
from django.db.models import Count

from resources.area_peers import similar_areas
from resources.listing import ResourceListing
from resources.models import ResourcePage

register = template.Library()


def _visible():
    return ResourcePage.objects.visible().select_related("resource_type")


@register.simple_tag(takes_context=True)
def resource_listing(context, **fixed):
    """The filtered list for this request, with some facets fixed: `theme=page.slug`."""
    request = context["request"]
    fixed = {name: [value] for name, value in fixed.items()}
    return ResourceListing(request.GET, fixed=fixed).build(request)


@register.simple_tag
def resources_about(area):
    """The visible resources that mention an area, newest first."""
    return _visible().filter(areas=area).order_by("-publication_date", "title")


@register.simple_tag
def areas_like(area):
    """Areas like this one (resources/area_peers.py)."""
    return similar_areas(area)


@register.simple_tag
def resource_counts_by_region():
    """{region id: visible resources mentioning at least one of its areas}."""
    rows = (
        ResourcePage.objects.visible()
        .filter(areas__region__isnull=False)
        .order_by()  # the default ordering by path would split the groups
        .values("areas__region")
        .annotate(count=Count("pk", distinct=True))
    )
    return {row["areas__region"]: row["count"] for row in rows}


@register.filter
def count_for(counts, key):
    return counts.get(key, 0)


@register.simple_tag
def resource_count():
    # Counted, not written into a template: the library grows after the bundled 15.
    return ResourcePage.objects.visible().count()


@register.simple_tag
def latest_resources(limit=5):
    return _visible().exclude(publication_date=None).order_by("-publication_date")[:limit]


@register.simple_tag
def most_cited_resources(limit=5):
    return ResourcePage.most_cited()[:limit]


@register.simple_tag
def start_here_resources(limit=3):
    """The newest resources of the types whose titles are questions (Q&A articles)."""
    questions = _visible().filter(resource_type__title_is_question=True)
    return questions.order_by("-publication_date")[:limit]
