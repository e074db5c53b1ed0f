"""What the repository holds: published resources as OAI-PMH records, in sets by theme and type.

A record's identifier is `oai:<repository identifier>:resource/<slug>` and its datestamp is when
the resource was last published. Unpublished and privacy-restricted resources are never shown.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlparse

from django.conf import settings
from django.db.models import Min, Value
from django.db.models.functions import Coalesce

from resources.models import ResourcePage, ResourceType
from resources.record import ResourceRecord, with_record_prefetches
from themes.models import ThemePage

from .arguments import SET_SPEC, DatestampRange

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
THEME_SETS = "theme"
TYPE_SETS = "type"


def page_size() -> int:
    """Records or headers per response; a setting so tests can force several pages."""
    return getattr(settings, "OAI_PAGE_SIZE", 50)


def repository_identifier() -> str:
    """The name in every record identifier: the site's own host name unless set otherwise."""
    configured = getattr(settings, "OAI_REPOSITORY_IDENTIFIER", None)
    return configured or urlparse(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def oai_identifier(resource: ResourcePage | ResourceRecord) -> str:
    return f"oai:{repository_identifier()}:resource/{resource.slug}"


def published_resources():
    """Every resource a harvester may see, with what its record needs, oldest first."""
    return (
        with_record_prefetches(ResourcePage.objects.visible())
        # Wagtail sets both on publishing; the fallbacks keep a hand-made live page harvestable.
        .annotate(datestamp=Coalesce("last_published_at", "first_published_at", Value(EPOCH)))
        .order_by("pk")
    )


def find_record(identifier: str) -> ResourcePage | None:
    prefix = f"oai:{repository_identifier()}:resource/"
    if not identifier.startswith(prefix):
        return None
    return published_resources().filter(slug=identifier.removeprefix(prefix)).first()


def earliest_datestamp() -> dt.datetime:
    earliest = published_resources().aggregate(earliest=Min("datestamp"))["earliest"]
    return earliest or EPOCH


def set_specs(resource: ResourceRecord) -> list[str]:
    """The sets a record belongs to (its parent sets `theme` and `type` are implied)."""
    specs = [f"{TYPE_SETS}:{resource.type.slug}"]
    specs += [f"{THEME_SETS}:{theme.slug}" for theme in resource.themes]
    return [spec for spec in specs if SET_SPEC.fullmatch(spec)]


def select_records(set_spec: str | None, datestamps: DatestampRange):
    """Published resources in a set and datestamp range; None when no such set exists."""
    records = published_resources()
    if datestamps.start is not None:
        records = records.filter(datestamp__gte=datestamps.start)
    if datestamps.end is not None:
        records = records.filter(datestamp__lt=datestamps.end)
    if set_spec is None or set_spec == TYPE_SETS:
        return records
    if set_spec == THEME_SETS:
        return records.filter(
            pk__in=ResourcePage.objects.filter(themes__in=ThemePage.objects.visible()).values("pk")
        )
    kind, _, slug = set_spec.partition(":")
    if kind == THEME_SETS and (theme := ThemePage.objects.visible().filter(slug=slug).first()):
        return records.filter(themes=theme)
    if kind == TYPE_SETS and (resource_type := ResourceType.objects.filter(slug=slug).first()):
        return records.filter(resource_type=resource_type)
    return None


@dataclass(frozen=True)
class RecordSet:
    spec: str
    name: str
    description: str = ""


def all_sets() -> list[RecordSet]:
    """Two set hierarchies: themes and resource types."""
    sets = [RecordSet(THEME_SETS, "Themes", "Resources grouped by the themes of the library.")]
    sets += [
        RecordSet(f"{THEME_SETS}:{theme.slug}", theme.title, theme.description)
        for theme in ThemePage.objects.visible().order_by("title")
    ]
    sets.append(RecordSet(TYPE_SETS, "Resource types", "Resources grouped by what kind they are."))
    sets += [
        RecordSet(
            f"{TYPE_SETS}:{resource_type.slug}", resource_type.name, resource_type.description
        )
        for resource_type in ResourceType.objects.order_by("sort_order", "name")
    ]
    return [record_set for record_set in sets if SET_SPEC.fullmatch(record_set.spec)]
