"""`manage.py check_search_index`: compare the search index with the database and repair it.

Reports every publicly visible resource missing from this server's index, every stale document
(indexed from an older version of the page) and every extra one (no longer public), then repairs
them, unless --dry-run. `make setup` runs it; it is safe to run at any time, on every server.
"""

from django.core.management.base import BaseCommand, CommandError

from search import index_sync


class Command(BaseCommand):
    help = "Report and repair differences between the search index and the published resources."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only report; exit with status 1 if anything differs.",
        )

    def handle(self, *args, dry_run=False, **options):
        found = index_sync.check_and_repair(repair=not dry_run)
        for label, ids in (
            ("missing", found.missing),
            ("stale", found.stale),
            ("extra", found.extra),
        ):
            if ids:
                shown = ", ".join(ids[:20]) + (" ..." if len(ids) > 20 else "")
                self.stdout.write(f"{len(ids)} {label}: page ids {shown}")
        if not found.count:
            self.stdout.write(f"Search index matches the database ({found.checked} resources).")
            return
        if dry_run:
            raise CommandError(
                f"Search index differs from the database in {found.count} documents."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Repaired {found.count} documents ({found.checked} resources).")
        )
