"""The file of a page's hero picture, when it travels with the page: beside the HTML file in the
same folder, or embedded in it as a data: URI. Addresses on the web are never fetched."""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

MAX_IMAGE_BYTES = 20 * 1024 * 1024
_DATA_URI = re.compile(r"^data:(image/(?:png|jpeg|gif|webp));base64,(.+)$", re.I | re.S)
_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"RIFF")


def hero_image_file(document, source_path: Path) -> tuple[str, bytes] | None:
    """(file name, bytes) of the hero picture, or None when it is not at hand or not an image."""
    src = (document.hero.src if document.hero else "").strip()
    if not src:
        return None
    embedded = _DATA_URI.match(src)
    if embedded:
        try:
            data = base64.b64decode(embedded.group(2), validate=False)
        except (binascii.Error, ValueError):
            return None
        name = f"{source_path.stem}-hero.{_EXTENSIONS[embedded.group(1).lower()]}"
        return (name, data) if _looks_like_image(data) else None
    return _beside(source_path, src)


def _beside(source_path: Path, src: str) -> tuple[str, bytes] | None:
    parsed = urlparse(src)
    if parsed.scheme or parsed.netloc or not parsed.path:
        return None  # on the web: never fetched
    relative = PurePosixPath(unquote(parsed.path))
    if relative.is_absolute() or ".." in relative.parts:
        return None  # only files inside the page's own folder
    folder = source_path.resolve().parent
    candidate = (folder / Path(*relative.parts)).resolve()
    if folder not in candidate.parents or not candidate.is_file():
        return None
    if candidate.stat().st_size > MAX_IMAGE_BYTES:
        return None
    data = candidate.read_bytes()
    return (candidate.name, data) if _looks_like_image(data) else None


def _looks_like_image(data: bytes) -> bool:
    return 0 < len(data) <= MAX_IMAGE_BYTES and data.startswith(_MAGIC)
