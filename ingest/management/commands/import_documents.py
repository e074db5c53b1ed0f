"""`manage.py import_documents PATH…`: turn files and folders of documents into draft resources.

Each file is analysed, checked against the library for an identical file (content hash), and
created as a draft (or published with --publish) in its own transaction, so one bad file never
stops the batch or leaves a half-made resource. --dry-run analyses and reports without writing.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ingest.drafts import build_vocabulary, create_resource
from ingest.errors import IngestError
from ingest.pipeline import analyse_file
from resources.models import ResourceIndexPage, ResourcePage, ResourceType


def collect_files(paths):
    """Files named, and every file under folders named (hidden files skipped), in a stable order."""
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.exists():
            files.append(path)
        else:
            raise CommandError(f"No such file or folder: {raw}")
    return files


def describe(document):
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
    }


class Command(BaseCommand):
    help = "Import documents (PDF, HTML, DOCX, Markdown, text) as draft resources."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders (searched recursively).")
        parser.add_argument("--type", help="Resource type slug for every file, e.g. report.")
        parser.add_argument("--publish", action="store_true", help="Publish instead of drafting.")
        parser.add_argument("--dry-run", action="store_true", help="Analyse and report only.")
        parser.add_argument("--report", choices=["json"], help="End with a JSON report line.")

    def handle(self, *args, paths, type=None, publish=False, dry_run=False, report=None, **options):
        if type and not ResourceType.objects.filter(slug=type).exists():
            known = ", ".join(ResourceType.objects.values_list("slug", flat=True))
            raise CommandError(f"Unknown resource type '{type}'. Known types: {known}")
        parent = ResourceIndexPage.objects.first()
        if parent is None:
            raise CommandError("There is no resources page to import into: run load_library first.")
        files = collect_files(paths)
        vocabulary = build_vocabulary()
        outcomes = []
        for path in tqdm(files, desc="Importing", unit="file", disable=not files):
            entry = {"path": str(path), "outcome": "imported", "reason": ""}
            try:
                document = analyse_file(path, vocabulary=vocabulary)
                entry.update(describe(document))
                duplicate = ResourcePage.objects.filter(content_hash=document.content_hash).first()
                if duplicate is not None:
                    entry["outcome"] = "duplicate"
                    entry["reason"] = f"the same file is already imported as '{duplicate.title}'"
                elif not dry_run:
                    page = create_resource(
                        document,
                        parent,
                        source_path=path,
                        overrides={"type": type},
                        publish=publish,
                    )
                    entry["url"] = page.url
                else:
                    entry["outcome"] = "would import"
            except IngestError as error:
                entry.update(outcome="failed", reason=error.reason)
            outcomes.append(entry)

        summary = {
            outcome: sum(1 for entry in outcomes if entry["outcome"] == outcome)
            for outcome in ("imported", "would import", "duplicate", "failed")
        }
        for entry in outcomes:
            if entry["outcome"] != "imported":
                self.stdout.write(f"{entry['outcome']}: {entry['path']}: {entry['reason']}")
        self.stdout.write(
            "Summary: "
            + ", ".join(f"{count} {outcome}" for outcome, count in summary.items() if count)
            + (" (dry run: nothing written)" if dry_run else "")
        )
        if report == "json":
            self.stdout.write(json.dumps({"documents": outcomes, "summary": summary}))
