"""The uploaded files the database points at, and which of them are missing.

A database restored without its media looks healthy while every document answers 404, so this is
checked loudly: by `manage.py check_media`, by `make setup`, by `manage.py restore` and by
`/healthz`. Renditions (resized images) are left out: Wagtail makes them again when missing.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model


@dataclass(frozen=True)
class MediaFile:
    """One file the database needs: what it belongs to and its path under MEDIA_ROOT."""

    owner: str
    name: str


def referenced_files() -> list[MediaFile]:
    """Every original document and image file the database refers to."""
    files = []
    for model in (get_document_model(), get_image_model()):
        label = model._meta.verbose_name
        for pk, name in model.objects.order_by("pk").values_list("pk", "file"):
            if name:
                files.append(MediaFile(f"{label} {pk}", name))
    return files


def missing_files(root: Path | None = None) -> list[MediaFile]:
    root = Path(root or settings.MEDIA_ROOT)
    return [f for f in referenced_files() if not (root / f.name).is_file()]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe_missing(missing: list[MediaFile], limit: int = 20) -> str:
    lines = [f"  {f.owner}: {f.name}" for f in missing[:limit]]
    if len(missing) > limit:
        lines.append(f"  ... and {len(missing) - limit} more")
    return "\n".join(lines)
