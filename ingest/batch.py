"""Importing one file of a batch, shared by the `import_documents` command and the admin upload.

Each file is analysed, checked against the library for an identical file (content hash), and
created as a resource in its own transaction: a bad file gets a reason and never stops the batch.
"""

import logging
from pathlib import Path

from ingest.drafts import create_resource
from ingest.duplicates import find_near_duplicate
from ingest.errors import IngestError
from ingest.pipeline import DEFAULT_MAX_BYTES, analyse_file
from ingest.review import threshold_for
from resources.models import ResourcePage

OUTCOMES = ("imported", "would import", "duplicate", "failed", "picture")
logger = logging.getLogger(__name__)
PICTURE_REASON = "a picture: a web page imported with it that shows it gets it as its hero image"
_PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def is_picture(name: str) -> bool:
    """Pictures are not resources: they travel with the web pages that show them."""
    return name.lower().endswith(_PICTURE_SUFFIXES)


def describe(document) -> dict:
    """The analysis as the JSON report gives it: lists, and names for tags."""
    return {
        "title": document.title,
        "type": document.resource_type,
        "date": document.publication_date.isoformat() if document.publication_date else None,
        "authors": document.authors,
        "key_points": document.key_points,
        "sections": [section.heading for section in document.sections if section.heading],
        "references": [reference.raw for reference in document.references],
        "areas": _applied(document, "area"),
        "organisations": _applied(document, "organisation"),
        "themes": _applied(document, "theme"),
        "summary": document.summary,
        "hero": {
            "alt": document.hero_alt,
            "caption": document.hero_caption,
            "credit": document.hero_credit,
        },
        "warnings": document.warnings,
        # Every suggestion with its confidence: those at or above the threshold are applied as
        # tags on the draft, the rest are for the editor to consider.
        "suggestions": [
            {"kind": tag.kind, "name": tag.name, "confidence": round(tag.confidence, 2)}
            for tag in document.tags
        ],
    }


def _applied(document, kind: str) -> list[str]:
    return [t.name for t in document.tags if t.kind == kind and t.confidence >= threshold_for(kind)]


def import_file(
    path: Path,
    *,
    parent,
    vocabulary,
    resource_type: str | None = None,
    publish: bool = False,
    dry_run: bool = False,
    user=None,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    analyse=None,
) -> dict:
    """Import one file; returns its report entry (path, outcome, reason and the analysis).

    Whatever goes wrong with this file, reading, analysing or saving it, becomes its failure
    with a plain reason; nothing of it is left behind and the caller's batch goes on.
    ``analyse`` replaces the in-process analysis (the admin's worker runs it under limits).
    """
    entry = {"path": name or str(path), "outcome": "imported", "reason": ""}
    analyse = analyse or (
        lambda: analyse_file(path, name, vocabulary=vocabulary, max_bytes=max_bytes)
    )
    try:
        document = analyse()
        entry.update(describe(document))
    except Exception as error:  # any failure is this file's alone
        return _failed(entry, error, "could not be read")
    try:
        if _is_duplicate(document, entry):
            return entry
        if dry_run:
            entry["outcome"] = "would import"
            return entry
        page = create_resource(
            document,
            parent,
            source_path=path,
            overrides={"type": resource_type},
            publish=publish,
            user=user,
            original_name=name,
        )
    except Exception as error:
        return _failed(entry, error, "could not be saved")
    entry["page_id"] = page.pk
    return entry


def _is_duplicate(document, entry: dict) -> bool:
    duplicate = ResourcePage.objects.filter(content_hash=document.content_hash).first()
    if duplicate is not None:
        entry.update(
            outcome="duplicate",
            reason=f"the same file is already in the library as '{duplicate.title}'",
            duplicate_of_id=duplicate.pk,
        )
        return True
    near = find_near_duplicate(document)
    if near is not None:
        entry["near_duplicate_of"] = near.title
        entry["near_duplicate_of_id"] = near.pk
        entry["reason"] = (
            f"looks like '{near.title}', already in the library: check before publishing"
        )
    return False


def _failed(entry: dict, error: Exception, doing: str) -> dict:
    if isinstance(error, IngestError):
        reason = error.reason
    else:
        # Unexpected errors are logged in full for developers; the editor gets one plain line.
        logger.exception("importing %s failed", entry["path"])
        detail = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
        reason = f"{doing}: {type(error).__name__}" + (f" ({detail})" if detail else "")
    entry.update(outcome="failed", reason=reason)
    return entry


def summarise(entries) -> dict:
    summary = {outcome: sum(1 for e in entries if e["outcome"] == outcome) for outcome in OUTCOMES}
    summary["near duplicate"] = sum(1 for e in entries if e.get("near_duplicate_of"))
    return summary
