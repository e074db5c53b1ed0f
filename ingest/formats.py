"""Decide what a file really is from its bytes, and refuse files we must not read.

The file name's extension is only a claim: we sniff magic numbers and content, read the file as
what it really is, and tell the editor when the claim was wrong.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from .errors import IngestError

DEFAULT_MAX_BYTES = 300 * 1024 * 1024

PDF = "pdf"
DOCX = "docx"
HTML = "html"
MARKDOWN = "markdown"
TEXT = "text"

FORMAT_LABELS = {PDF: "a PDF", DOCX: "a Word (DOCX) file", HTML: "HTML", MARKDOWN: "Markdown"}
FORMAT_LABELS[TEXT] = "plain text"

EXTENSION_CLAIMS = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".txt": TEXT,
    ".text": TEXT,
}

# Formats we recognise only to say clearly why we will not import them.
UNSUPPORTED_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%!PS", "a PostScript file"),
    (b"{\\rtf", "an RTF document (save it as DOCX or PDF)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a program"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg audio file"),
    (b"fLaC", "a FLAC audio file"),
)

# Zip limits: a DOCX is a zip, and a small zip can declare gigabytes (a "zip bomb").
MAX_ZIP_ENTRIES = 5_000
MAX_ZIP_TOTAL = 1024 * 1024 * 1024
MAX_ZIP_XML_TOTAL = 128 * 1024 * 1024
MAX_ZIP_RATIO = 200

_HTML_START = re.compile(
    r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAGS = re.compile(r"<(html|head|body|article|main)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"</?(p|div|h[1-6]|ul|ol|li|span|a|br|table)\b[^>]*>", re.I)
_MD_HEADING = re.compile(r"^#{1,6} \S", re.M)


@dataclass
class Sniffed:
    """The format a file really has, its decoded text if it is text, and notes for the editor."""

    format: str
    text: str | None = None
    notes: list[str] = field(default_factory=list)


def extension_of(filename: str) -> str:
    return PurePath(filename or "").suffix.lower()


def check_size(size: int, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse files over the limit before reading them into memory."""
    if size > max_bytes:
        raise IngestError(
            f"file is {_megabytes(size)}, over the {_megabytes(max_bytes)} import limit",
            code="too_large",
        )


def sniff(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Sniffed:
    """Return the real format of ``data``; raise IngestError for anything we will not read."""
    if not data:
        raise IngestError("file is empty", code="empty")
    check_size(len(data), max_bytes)
    ext = extension_of(filename)
    claimed = EXTENSION_CLAIMS.get(ext)

    real, text, notes = _detect(data, ext, claimed)
    if claimed and claimed != real and not (claimed == TEXT and real == MARKDOWN):
        notes.insert(0, f"file says {ext} but is {FORMAT_LABELS[real]}; read it as {real}")
    return Sniffed(real, text, notes)


def _detect(data: bytes, ext: str, claimed: str | None) -> tuple[str, str | None, list[str]]:
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF, None, []
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        _reject_unless_docx(data, ext, claimed)
        return DOCX, None, []
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        _reject_binary(_describe_ole(data), ext, claimed)
    if len(data) > 8 and data[4:8] == b"ftyp":
        _reject_binary("a video or audio file", ext, claimed)
    for magic, label in UNSUPPORTED_MAGIC:
        if data.startswith(magic):
            _reject_binary(label, ext, claimed)

    text, notes = decode_text(data, ext, claimed)
    if _looks_like_html(text, claimed):
        return HTML, text, notes
    if _looks_like_markdown(text, claimed):
        return MARKDOWN, text, notes
    return TEXT, text, notes


def _reject_binary(label: str, ext: str, claimed: str | None) -> None:
    if claimed and ext:
        raise IngestError(
            f"file says {ext} but is {label}, which cannot be imported", code="wrong_type"
        )
    raise IngestError(f"file is {label}, which cannot be imported", code="unsupported")


def _describe_ole(data: bytes) -> str:
    # Password-protected DOCX files are stored inside this old container format.
    if "EncryptedPackage".encode("utf-16-le") in data[:65536] or b"E\x00n\x00c\x00r" in data:
        return "a password-protected Office file (remove the password and save as DOCX)"
    return "an old-format Office file such as .doc (save it as DOCX or PDF)"


def _reject_unless_docx(data: bytes, ext: str, claimed: str | None) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise IngestError(
            "file is a damaged or truncated ZIP/DOCX archive and cannot be read",
            code="corrupt",
        ) from exc
    if "word/document.xml" in names:
        check_zip_archive(archive)
        return
    if "xl/workbook.xml" in names:
        label = "an Excel workbook"
    elif "ppt/presentation.xml" in names:
        label = "a PowerPoint presentation"
    elif "mimetype" in names and "content.xml" in names:
        label = "an OpenDocument file (save it as DOCX or PDF)"
    else:
        label = "a ZIP archive"
    _reject_binary(label, ext, claimed)


def check_zip_archive(
    archive: zipfile.ZipFile,
    *,
    max_entries: int = MAX_ZIP_ENTRIES,
    max_total: int = MAX_ZIP_TOTAL,
    max_xml_total: int = MAX_ZIP_XML_TOTAL,
    max_ratio: int = MAX_ZIP_RATIO,
) -> None:
    """Refuse zip bombs from the declared sizes, before anything is decompressed.

    Python's zipfile stops at the declared size (and fails the CRC check past it), so the
    declared sizes are a true upper bound on what the DOCX reader can inflate.
    """
    infos = archive.infolist()
    if len(infos) > max_entries:
        raise IngestError(f"DOCX archive has {len(infos)} parts; refusing it", code="zip_bomb")
    total = sum(info.file_size for info in infos)
    xml_total = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    if total > max_total or xml_total > max_xml_total:
        raise IngestError(
            f"DOCX archive would unpack to {_megabytes(total)}; refusing a likely zip bomb",
            code="zip_bomb",
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > max_ratio * max(info.compress_size, 1):
            raise IngestError(
                f"DOCX part {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}"
                " to 1; refusing a likely zip bomb",
                code="zip_bomb",
            )
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size:
            start = _read_start(archive, info)
            # Entity declarations are how "billion laughs" attacks expand XML in memory.
            if b"<!ENTITY" in start or b"<!DOCTYPE" in start:
                raise IngestError(
                    f"DOCX part {info.filename} declares XML entities; refusing it", code="unsafe"
                )


def _read_start(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with archive.open(info) as part:
            return part.read(4096)
    except Exception as exc:  # zipfile/zlib raise many types for damaged or encrypted parts.
        raise IngestError(
            f"DOCX part {info.filename} is damaged and cannot be read", code="corrupt"
        ) from exc


def decode_text(data: bytes, ext: str = "", claimed: str | None = None) -> tuple[str, list[str]]:
    """Decode bytes that should be text, or raise IngestError for binary junk."""
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _strict(data, "utf-16")
    else:
        text = _strict(data, "utf-8-sig")
        if text is None and _strict(data[:-3], "utf-8-sig") is not None:
            # Only the last character is broken: a UTF-8 file cut short mid-character.
            text = data[:-3].decode("utf-8-sig") + data[-3:].decode("utf-8", "ignore")
            notes.append("text ends mid-character; the file may have been cut short")
        if text is None:
            text = _strict(data, "cp1252")
            if text is not None and _high_ratio(text) < 0.3:
                notes.append("text is not UTF-8; decoded it as Windows-1252")
            else:
                text = None
    if text is None or _control_ratio(text) > 0.001:
        if claimed and ext:
            raise IngestError(
                f"file says {ext} but is binary data of an unknown type", code="wrong_type"
            )
        raise IngestError("file is binary data of an unknown type, not a document", code="binary")
    return text, notes


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, ValueError):
        return None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(
        1 for ch in text if ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Cs")
    )
    return bad / len(text)


def _high_ratio(text: str) -> float:
    return sum(1 for ch in text if ord(ch) > 127) / max(len(text), 1)


def _looks_like_html(text: str, claimed: str | None) -> bool:
    start = text[:4096]
    if _HTML_START.match(start) or _HTML_TAGS.search(start):
        return True
    return claimed == HTML and len(_ANY_TAG.findall(start)) >= 2


def _looks_like_markdown(text: str, claimed: str | None) -> bool:
    if claimed == MARKDOWN:
        return True
    # Without the extension, only ATX headings are a strong enough sign: plain text uses
    # "- " bullets too.
    return claimed in (None, TEXT) and len(_MD_HEADING.findall(text[:20000])) >= 2


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
