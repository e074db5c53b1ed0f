"""A WARC file of the static archive (ISO 28500), the format web archives take in, via warcio.

Each archived file becomes one `response` record at the address it will have once the archive is
hosted at `base_url`; a `warcinfo` record first says what made the file and when.
"""

import mimetypes
import os
import tempfile
from pathlib import Path
from urllib.parse import quote

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Kinds the standard library does not know, so web archives replay them with the right type.
CONTENT_TYPES = {
    ".ris": "application/x-research-info-systems",
    ".bib": "application/x-bibtex",
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
}


def content_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    guessed = CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0]
    guessed = guessed or "application/octet-stream"
    return guessed + "; charset=utf-8" if guessed.startswith("text/") else guessed


def write_warc(archive: Path, warc_path: Path, base_url: str, *, made_by: str) -> int:
    """Write `archive` as a gzipped WARC to `warc_path` (replaced only when complete); return
    the number of response records."""
    base_url = base_url.rstrip("/") + "/"
    warc_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{warc_path.name}-", dir=warc_path.parent)
    records = 0
    try:
        with os.fdopen(handle, "wb") as output:
            writer = WARCWriter(output, gzip=True)
            writer.write_record(
                writer.create_warcinfo_record(
                    warc_path.name,
                    {"software": made_by, "format": "WARC File Format 1.1", "isPartOf": base_url},
                )
            )
            for file in sorted(p for p in archive.rglob("*") if p.is_file()):
                name = file.relative_to(archive).as_posix()
                headers = StatusAndHeaders(
                    "200 OK",
                    [
                        ("Content-Type", content_type(name)),
                        ("Content-Length", str(file.stat().st_size)),
                    ],
                    protocol="HTTP/1.1",
                )
                with open(file, "rb") as payload:
                    record = writer.create_warc_record(
                        base_url + quote(name), "response", payload=payload, http_headers=headers
                    )
                    writer.write_record(record)
                records += 1
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private
        os.replace(temporary, warc_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return records
