"""`manage.py backup OUT`: one archive with the database, the uploaded media and a manifest.

Safe while editors work (the database copy is one consistent snapshot). See README, Backups.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups import archive
from backups.media import describe_missing, missing_files


class Command(BaseCommand):
    help = "Back up the database and uploaded media to one archive (.tar.gz) with checksums."

    def add_arguments(self, parser):
        parser.add_argument("out", help="Archive to write, e.g. backups/lfbl-2026-12-01.tar.gz")

    def handle(self, *args, out, **options):
        try:
            manifest = archive.write_backup(Path(out))
        except (archive.BackupError, RuntimeError) as error:
            raise CommandError(str(error)) from error
        size = Path(out).stat().st_size
        counts = ", ".join(f"{n} {what}" for what, n in manifest["counts"].items())
        self.stdout.write(
            f"Backed up {manifest['database']['vendor']} database and "
            f"{len(manifest['members']) - 1} media files to {out} ({size:,} bytes): {counts}."
        )
        # Say so now, not on the day of the restore.
        if missing := missing_files():
            self.stderr.write(
                f"WARNING: {len(missing)} file(s) the database refers to were already missing "
                f"and are not in this backup:\n{describe_missing(missing)}"
            )
