"""`manage.py restore IN`: put a backup into an empty database and LFBL_VAR_DIR.

Checks every checksum first, restores the database and media, migrates, rebuilds the search
index, then checks that every file the database refers to is there: if not, it names each one
and exits with status 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups import archive as backup_archive
from backups.media import describe_missing


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty database and media folder."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by `manage.py backup`.")

    def handle(self, *args, **options):
        try:
            report = backup_archive.restore(Path(options["archive"]), progress=self._progress)
        except (backup_archive.BackupError, RuntimeError) as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{n} {what}" for what, n in report.manifest["counts"].items())
        self.stdout.write(
            f"Restored the backup of {report.manifest['created_at']}: {counts}; "
            f"{report.files} media files; search index rebuilt ({report.indexed} resources)."
        )
        if report.missing_media:
            self.stderr.write(
                f"MISSING MEDIA: {len(report.missing_media)} file(s) the restored database refers "
                f"to are not in the backup; they will answer 404:\n"
                f"{describe_missing(report.missing_media)}"
            )
            raise CommandError(f"{len(report.missing_media)} media file(s) missing after restore.")

    def _progress(self, step):
        self.stdout.write(f"  {step}")
