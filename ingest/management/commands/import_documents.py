"""`manage.py import_documents PATH…`: turn files and folders of documents into draft resources.

Drafts unless --publish; --dry-run analyses and reports without writing anything.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ingest.batch import PICTURE_REASON, import_file, is_picture, summarise
from ingest.drafts import build_vocabulary
from resources.models import ResourceIndexPage, ResourceType


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


def _record(outcomes) -> None:
    """Keep what each draft's import found, for the page editor's import panel."""
    from ingest.models import ImportedFile

    ImportedFile.objects.bulk_create(
        ImportedFile(
            name=Path(entry["path"]).name[:255],
            state=ImportedFile.DONE,
            outcome=entry["outcome"],
            reason=entry["reason"],
            page_id=entry["page_id"],
            report=entry,
        )
        for entry in outcomes
        if entry.get("page_id")
    )


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
        outcomes = [
            # Pictures are not resources: a web page beside one takes it as its hero image.
            {"path": str(path), "outcome": "picture", "reason": PICTURE_REASON}
            if is_picture(path.name)
            else import_file(
                path,
                parent=parent,
                vocabulary=vocabulary,
                resource_type=type,
                publish=publish,
                dry_run=dry_run,
                max_bytes=settings.INGEST_MAX_UPLOAD_BYTES,
            )
            for path in tqdm(files, desc="Importing", unit="file", disable=not files)
        ]
        if not dry_run:
            _record(outcomes)
        summary = summarise(outcomes)
        for entry in outcomes:
            if entry["reason"]:
                self.stdout.write(f"{entry['outcome']}: {entry['path']}: {entry['reason']}")
        self.stdout.write(
            "Summary: "
            + ", ".join(f"{count} {outcome}" for outcome, count in summary.items() if count)
            + (" (dry run: nothing written)" if dry_run else "")
        )
        if report == "json":
            self.stdout.write(json.dumps({"documents": outcomes, "summary": summary}))
