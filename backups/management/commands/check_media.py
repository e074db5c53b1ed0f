"""`manage.py check_media`: every document and image file the database refers to is on disk.

Exits with status 1, naming each missing file, when any is not: the usual cause is a database
restored without its media (see README, Backups).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.media import describe_missing, missing_files, referenced_files


class Command(BaseCommand):
    help = "Check that every uploaded document and image the database refers to exists."

    def handle(self, *args, **options):
        missing = missing_files()
        if missing:
            self.stderr.write(
                f"MISSING MEDIA: {len(missing)} file(s) the database refers to are not in "
                f"{settings.MEDIA_ROOT}; they answer 404 until restored:\n{describe_missing(missing)}"
            )
            raise CommandError(f"{len(missing)} media file(s) missing.")
        self.stdout.write(f"Media complete ({len(referenced_files())} files).")
