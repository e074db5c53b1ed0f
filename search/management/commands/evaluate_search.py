"""`manage.py evaluate_search DIR`: score the site's search on a BEIR-layout test collection.

Indexes the collection through the same engine and settings as the site, into a temporary index,
and prints nDCG@10, MAP@100, P@10 and Recall@100 for the site's ranking, lexical, semantic and the
bm25s reference; the last line is the figures as one JSON object.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.evaluation import evaluate_collection, format_table


class Command(BaseCommand):
    help = "Evaluate search on a collection in BEIR layout (corpus.jsonl, queries.jsonl, qrels/)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument(
            "--queries",
            choices=("all", "tune", "test"),
            default="all",
            help="All judged queries, or one half (tune/test) for held-out checks.",
        )

    def handle(self, *args, directory, queries, **options):
        folder = Path(directory)
        missing = [
            name
            for name in ("corpus.jsonl", "queries.jsonl", "qrels/test.tsv")
            if not (folder / name).is_file()
        ]
        if missing:
            raise CommandError(f"{folder} is not a BEIR collection: missing {', '.join(missing)}")
        timings: dict = {}
        figures = evaluate_collection(folder, queries=queries, timings=timings)
        self.stdout.write(format_table(figures, timings))
        self.stdout.write(
            json.dumps({r: {m: round(v, 4) for m, v in f.items()} for r, f in figures.items()})
        )
