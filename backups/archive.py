"""One backup archive: the database, the uploaded media and a manifest with checksums.

Layout of the tar file (gzip-compressed):

- ``manifest.json``: format, when and from what it was made, and the size and SHA-256 of every
  other member, plus row counts of what matters (pages, revisions, users ...);
- ``database.sqlite3`` or ``database.pgdump``: see `backups/database.py`;
- ``media/...``: every file under MEDIA_ROOT except generated renditions.

The database is copied first and the media after it, so every file the copied database refers to
is already on disk when the media are read (an upload that lands in between is simply extra).
A restore checks every checksum before it touches anything, refuses a database or media folder
that is not empty, migrates (a backup from older code gets the newer schema), rebuilds the
search index and then checks that every file the database refers to was restored.
"""

import io
import json
import os
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from backups import database
from backups.media import MediaFile, missing_files, sha256_of

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
# Wagtail's renditions (resized images) are derived data, made again on demand.
GENERATED_MEDIA_FOLDERS = ("images",)


class BackupError(Exception):
    """A backup that cannot be made or an archive that cannot be trusted."""


@dataclass
class RestoreReport:
    manifest: dict
    files: int = 0
    indexed: int = 0
    missing_media: list[MediaFile] = field(default_factory=list)


def counts() -> dict[str, int]:
    """Row counts a person can compare after a restore."""
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
    }


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and relative.parts[0] not in GENERATED_MEDIA_FOLDERS:
            found.append(path)
    return found


def write_backup(out: Path, progress=None) -> dict:
    """Write the archive to ``out`` (replaced only once complete); returns the manifest."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="lfbl-backup-", dir=out.parent) as tmp:
        tmp = Path(tmp)
        db_name = database.archive_name()
        db_copy = tmp / db_name
        row_counts = counts()
        database.dump(db_copy)
        members = [(db_name, db_copy)]
        members += [
            (MEDIA_PREFIX + str(p.relative_to(media_root)), p) for p in _media_files(media_root)
        ]
        entries = []
        partial = tmp / "archive.tar.gz"
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            for name, path in members:
                checksum = sha256_of(path)
                size = path.stat().st_size
                tar.add(path, arcname=name, recursive=False)
                entries.append({"name": name, "size": size, "sha256": checksum})
                if progress:
                    progress(name)
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "database": {"vendor": database.vendor(), "member": db_name},
                "counts": row_counts,
                "members": entries,
            }
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(time.time())
            tar.addfile(info, io.BytesIO(data))
        os.replace(partial, out)
    return manifest


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        try:
            member = tar.getmember(MANIFEST)
        except KeyError as error:
            raise BackupError(f"{archive} has no {MANIFEST}: not an LfBL backup") from error
        manifest = json.load(tar.extractfile(member))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}")
    return manifest


def extract_verified(archive: Path, folder: Path) -> dict:
    """Unpack into ``folder`` and check every member against the manifest; returns it."""
    manifest = read_manifest(archive)
    expected = {entry["name"]: entry for entry in manifest["members"]}
    with tarfile.open(archive, "r:gz") as tar:
        # The "data" filter refuses absolute paths, "..", links out of the folder and devices.
        tar.extractall(folder, filter="data")
    problems = []
    for name, entry in expected.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: listed in the manifest but not in the archive")
        elif path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
            problems.append(f"{name}: checksum does not match the manifest")
    for path in folder.rglob("*"):
        name = str(path.relative_to(folder))
        if path.is_file() and name != MANIFEST and name not in expected:
            problems.append(f"{name}: in the archive but not in the manifest")
    if problems:
        raise BackupError("The archive is damaged:\n  " + "\n  ".join(problems))
    return manifest


def restore(archive: Path, progress=None) -> RestoreReport:
    """Restore an archive into this (empty) database and MEDIA_ROOT; see the module docstring."""
    archive = Path(archive)
    media_root = Path(settings.MEDIA_ROOT)
    if _media_files(media_root):
        raise BackupError(f"{media_root} already holds files: restore into an empty folder.")
    if not database.is_empty():
        raise BackupError("The database already has tables: restore into an empty database.")
    manifest = read_manifest(archive)
    if manifest["database"]["vendor"] != database.vendor():
        raise BackupError(
            f"This backup holds a {manifest['database']['vendor']} database; "
            f"the configured database is {database.vendor()}."
        )
    report = RestoreReport(manifest)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lfbl-restore-", dir=media_root.parent) as tmp:
        tmp = Path(tmp)
        extract_verified(archive, tmp)
        if progress:
            progress("checked every checksum")
        database.load(tmp / manifest["database"]["member"])
        if progress:
            progress("database restored")
        media_root.mkdir(parents=True, exist_ok=True)
        source = tmp / MEDIA_PREFIX.rstrip("/")
        for path in sorted(source.rglob("*")) if source.is_dir() else []:
            if path.is_file():
                target = media_root / path.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
                report.files += 1
    call_command("migrate", "--noinput", verbosity=0)
    from search import site_index

    site_index.reset_index()
    report.indexed = site_index.rebuild()
    report.missing_media = missing_files()
    return report
