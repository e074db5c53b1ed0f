"""Importing one file of a batch, shared by the `import_documents` command and the admin upload.

Each file is analysed, checked against the library for an identical file (content hash), and
created as a resource in its own transaction: a bad file gets a reason and never stops the batch.
"""

from pathlib import Path

from ingest.drafts import create_resource
from ingest.duplicates import find_near_duplicate
from ingest.errors import IngestError
from ingest.pipeline import DEFAULT_MAX_BYTES, analyse_file
from resources.models import ResourcePage

OUTCOMES = ("imported", "would import", "duplicate", "failed")


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
        "areas": [tag.name for tag in document.tags if tag.kind == "area"],
        "organisations": [tag.name for tag in document.tags if tag.kind == "organisation"],
        "themes": [tag.name for tag in document.tags if tag.kind == "theme"],
        "warnings": document.warnings,
        # Every suggestion with its confidence: those at or above the threshold are applied as
        # tags on the draft, the rest are for the editor to consider.
        "suggestions": [
            {"kind": tag.kind, "name": tag.name, "confidence": round(tag.confidence, 2)}
            for tag in document.tags
        ],
    }


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
) -> dict:
    """Import one file; returns its report entry (path, outcome, reason and the analysis)."""
    entry = {"path": name or str(path), "outcome": "imported", "reason": ""}
    try:
        document = analyse_file(path, name, vocabulary=vocabulary, max_bytes=max_bytes)
    except IngestError as error:
        entry.update(outcome="failed", reason=error.reason)
        return entry
    entry.update(describe(document))
    duplicate = ResourcePage.objects.filter(content_hash=document.content_hash).first()
    if duplicate is not None:
        entry.update(
            outcome="duplicate",
            reason=f"the same file is already in the library as '{duplicate.title}'",
        )
        return entry
    near = find_near_duplicate(document)
    if near is not None:
        entry["near_duplicate_of"] = near.title
        entry["reason"] = (
            f"looks like '{near.title}', already in the library: check before publishing"
        )
    if dry_run:
        entry["outcome"] = "would import"
    else:
        page = create_resource(
            document,
            parent,
            source_path=path,
            overrides={"type": resource_type},
            publish=publish,
            user=user,
            original_name=name,
        )
        entry["page_id"] = page.pk
    return entry


def summarise(entries) -> dict:
    summary = {outcome: sum(1 for e in entries if e["outcome"] == outcome) for outcome in OUTCOMES}
    summary["near duplicate"] = sum(1 for e in entries if e.get("near_duplicate_of"))
    return summary
