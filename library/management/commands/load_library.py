"""`manage.py load_library`: load (or top up) the bundled library from `corpus/`."""

from django.core.management.base import BaseCommand

from library.loader import LibraryLoader


class Command(BaseCommand):
    help = "Load the bundled library from corpus/. Safe to run again: it only adds what is new."

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus", help="Folder of data files (default: the project's corpus/)."
        )

    def handle(self, *args, corpus=None, **options):
        report = LibraryLoader(corpus).load()
        self.stdout.write(str(report))
