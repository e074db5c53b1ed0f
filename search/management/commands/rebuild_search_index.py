"""`manage.py rebuild_search_index`: index every published resource again, with a progress bar."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import site_index


class Command(BaseCommand):
    help = "Rebuild the site's search index from the published resources."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Only build when the index holds nothing yet."
        )

    def handle(self, *args, if_empty=False, **options):
        index = site_index.get_index()
        if if_empty and index.doc_ids():
            self.stdout.write(f"Search index ready ({len(index.doc_ids())} resources).")
            return
        total = site_index.visible_resources().count()
        with tqdm(total=total, desc="Indexing", unit="resource") as bar:
            count = site_index.rebuild(progress=bar.update)
        self.stdout.write(f"Search index rebuilt: {count} resources.")
