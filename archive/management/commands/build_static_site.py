"""`manage.py build_static_site OUT`: write the published site as a static archive with search."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.export import ExportError, build_static_site
from archive.warc import write_warc


class Command(BaseCommand):
    help = (
        "Write every published page, image, document and stylesheet to OUT as static files with "
        "relative links, plus an offline Pagefind search. OUT is replaced only when the build "
        "succeeds."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", help="folder to write the archive to (replaced if it exists)")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bars")
        parser.add_argument(
            "--strict",
            action="store_true",
            help="fail (leaving OUT untouched) if any linked URL did not respond",
        )
        parser.add_argument(
            "--warc",
            metavar="FILE",
            help="also write the archive as a gzipped WARC file (e.g. var/lfbl.warc.gz)",
        )
        parser.add_argument(
            "--warc-base-url",
            default=None,
            help="the address the archive will be hosted at, used for the WARC records "
            "(default: the site's base URL, LFBL_BASE_URL)",
        )

    def handle(self, *args, out, no_progress, strict, warc, warc_base_url, **options):
        for folder in (Path(out), *Path(out).absolute().parents):
            if folder.exists():
                if not folder.is_dir():
                    raise CommandError(f"{folder} exists and is not a folder")
                break
        try:
            result = build_static_site(out, progress=not no_progress, strict=strict)
        except ExportError as error:
            raise CommandError(str(error)) from error
        for line in result.missing:
            self.stderr.write(f"not exported: {line}")
        self.stdout.write(
            f"Wrote {result.pages} pages ({result.files} files, {result.bytes / 1e6:.1f} MB, "
            f"search index {result.pagefind_bytes / 1e6:.1f} MB) to {result.out} in "
            f"{result.seconds_render + result.seconds_index:.1f} s"
        )
        if result.missing and not strict:
            self.stderr.write(f"{len(result.missing)} linked URLs did not respond")
        if warc:
            base_url = warc_base_url or settings.WAGTAILADMIN_BASE_URL
            records = write_warc(result.out, Path(warc), base_url, made_by="build_static_site")
            self.stdout.write(f"Wrote {records} records to {warc} (as if hosted at {base_url})")
