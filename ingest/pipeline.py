"""One call from a file to an analysed document: sniff, read, analyse, suggest tags.

Either an AnalysedDocument comes back or an IngestError is raised; nothing in between, so the
importer can create a draft only from a complete analysis.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import formats, readers
from .analysis import analyse
from .document import AnalysedDocument
from .errors import IngestError
from .neutralise import neutralise
from .tagging import suggest_tags
from .vocabulary import Vocabulary

DEFAULT_MAX_BYTES = formats.DEFAULT_MAX_BYTES


def content_hash(data: bytes) -> str:
    """SHA-256 of the file's bytes, so the same file is recognised when imported again."""
    return hashlib.sha256(data).hexdigest()


def analyse_file(
    source: str | os.PathLike | bytes,
    filename: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    vocabulary: Vocabulary | None = None,
) -> AnalysedDocument:
    """Analyse a file given as a path or as bytes (then ``filename`` names it)."""
    data, filename = _load(source, filename, max_bytes)
    sniffed = formats.sniff(data, filename, max_bytes=max_bytes)
    result = neutralise(readers.read(sniffed, data))
    if not any(any(ch.isalpha() for ch in block.text) for block in result.blocks):
        raise IngestError("no readable text found in the file", code="no_text")
    result.hints.notes[:0] = sniffed.notes
    document = analyse(result.blocks, neutralise(filename), result.hints)
    document.source_format = sniffed.format
    document.content_hash = content_hash(data)
    if vocabulary is not None:
        document.tags = suggest_tags(_tagging_text(document), vocabulary)
    return document


def _load(source, filename: str | None, max_bytes: int) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), filename or ""
    path = Path(source)
    try:
        # Check the size before reading so an oversized upload is never loaded into memory.
        formats.check_size(path.stat().st_size, max_bytes)
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise IngestError(f"{path.name} is a folder, not a file", code="not_a_file") from exc
    except OSError as exc:
        raise IngestError(
            f"cannot open {path.name}: {exc.strerror or exc}", code="unreadable"
        ) from exc
    return data, filename or path.name


def _tagging_text(document: AnalysedDocument) -> str:
    texts = [block.text for block in document.blocks]
    if document.title not in texts:
        texts.insert(0, document.title)
    return "\n".join(texts)
