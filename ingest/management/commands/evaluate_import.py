"""`manage.py evaluate_import DIR`: a dry run over a folder of pages with an expected.json, printing
per-field accuracy (title, type, date, themes, key points, summary, section headings, areas) and,
as its last line, the same as JSON. Nothing is written to the library."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ingest.analysis import Labels
from ingest.batch import import_file
from ingest.evaluation import RawLines, Scores, find_file, load_expected, report_lines
from ingest.library_vocabulary import build_vocabulary
from resources.models import ResourceIndexPage


class Command(BaseCommand):
    help = "Dry-run import of a folder with an expected.json; prints per-field accuracy."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Folder with the files and expected.json.")

    def handle(self, *args, folder, **options):
        folder = Path(folder)
        if not (folder / "expected.json").is_file():
            raise CommandError(f"{folder} has no expected.json")
        parent = ResourceIndexPage.objects.first()
        vocabulary = build_vocabulary()
        labels = Labels.from_vocabulary(vocabulary)
        scores = Scores()
        for expected in load_expected(folder):
            path = find_file(folder, expected.slug)
            if path is None:
                self.stderr.write(f"{expected.slug}: no file in the folder, skipped")
                continue
            entry = import_file(
                path,
                parent=parent,
                vocabulary=vocabulary,
                dry_run=True,
                max_bytes=settings.INGEST_MAX_UPLOAD_BYTES,
            )
            text = path.read_text(encoding="utf-8", errors="replace")
            raw = RawLines.read(text, set(labels.type_names), labels.theme_names)
            scores.score(expected, entry, raw)
        for line in report_lines(scores):
            self.stdout.write(line)
        self.stdout.write(json.dumps(scores.as_dict()))
