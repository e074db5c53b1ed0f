"""Suggestions an editor reviews: recorded when a draft is made, accepted or rejected one by one.

Each kind has a confidence threshold at or above which its suggestions are applied to the draft
straight away (settings.INGEST_APPLY_THRESHOLDS overrides the measured defaults below). Accepting
or rejecting changes the draft through a new revision, as an edit in the page editor would.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

# Chosen by measurement with `manage.py evaluate_import` (its threshold sweep; README, "Importing
# documents"): on the development pages, with an editor's judgement of their themes, themes
# applied at 0.6 were right 12 times in 12 (recall 0.8), at 0.65 11 in 11 (recall 0.73), at 0.5
# 13 in 18; on the bundled library's own documents 4 in 4 at 0.6 (recall 0.36), 6 in 7 at 0.5.
# Themes a page states (0.99) are always above it.
DEFAULT_THRESHOLDS = {"theme": 0.6, "area": 0.5, "organisation": 0.5, "type": 0.0}


def threshold_for(kind: str) -> float:
    """The confidence at or above which a suggestion of this kind is applied to the draft."""
    overrides = getattr(settings, "INGEST_APPLY_THRESHOLDS", {}) or {}
    return float(overrides.get(kind, DEFAULT_THRESHOLDS.get(kind, 1.0)))


def record_suggestions(page, document) -> None:
    """Keep every suggestion for the review panel, noting which were applied."""
    from ingest.models import Suggestion

    rows = []
    for tag in document.tags:
        if tag.kind not in ("theme", "area", "organisation"):
            continue
        rows.append(
            Suggestion(
                page=page,
                kind=tag.kind,
                name=tag.name[:300],
                confidence=tag.confidence,
                evidence=(tag.evidence[0] if tag.evidence else "")[:1000],
                applied=tag.confidence >= threshold_for(tag.kind),
            )
        )
    for rank, (name, confidence, reasons) in enumerate(document.type_ranking[:2]):
        rows.append(
            Suggestion(
                page=page,
                kind="type",
                name=name,
                confidence=confidence,
                evidence="; ".join(reasons)[:1000],
                applied=rank == 0 and name == document.resource_type,
            )
        )
    Suggestion.objects.bulk_create(rows)


@transaction.atomic
def review(suggestion, accept: bool, user=None):
    """Accept or reject one suggestion: the draft gains or loses the tag in a new revision."""
    from resources.models import ResourceType

    page = suggestion.page.get_latest_revision_as_object()
    target = _target(suggestion)
    if suggestion.kind == "type":
        if accept and target is not None:
            page.resource_type = target
        elif not accept and page.resource_type_id == getattr(target, "pk", None):
            other = suggestion.page.import_suggestions.filter(kind="type").exclude(pk=suggestion.pk)
            fallback = ResourceType.objects.filter(name__in=other.values("name")).first()
            if fallback is not None:
                page.resource_type = fallback
    elif target is not None:
        related = getattr(page, _RELATIONS[suggestion.kind])
        current = set(related.all())
        current = current | {target} if accept else current - {target}
        related.set(current)
    page.save_revision(user=user)
    suggestion.status = suggestion.ACCEPTED if accept else suggestion.REJECTED
    suggestion.reviewed_at = timezone.now()
    suggestion.save(update_fields=["status", "reviewed_at"])


_RELATIONS = {"theme": "themes", "area": "areas", "organisation": "organisations"}


def _target(suggestion):
    from areas.models import AreaPage
    from organisations.models import Organisation
    from resources.models import ResourceType
    from themes.models import ThemePage

    lookups = {
        "theme": (ThemePage, "title"),
        "area": (AreaPage, "title"),
        "organisation": (Organisation, "name"),
        "type": (ResourceType, "name"),
    }
    model, field = lookups[suggestion.kind]
    return model.objects.filter(**{field: suggestion.name}).first()
