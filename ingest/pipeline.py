"""One call from a file to an analysed document: sniff, read, analyse, suggest tags.

Either an AnalysedDocument comes back or an IngestError is raised; nothing in between, so the
importer can create a draft only from a complete analysis.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import formats, readers
from .analysis import Labels, analyse
from .document import AnalysedDocument
from .errors import IngestError
from .neutralise import neutralise
from .tagging import THEME, suggest_tags
from .theme_suggestions import suggest_themes
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
    embedder=None,
) -> AnalysedDocument:
    """Analyse a file given as a path or as bytes (then ``filename`` names it).

    ``embedder`` stands in for the search engine's embedding model (tests pass their own)."""
    data, filename = _load(source, filename, max_bytes)
    sniffed = formats.sniff(data, filename, max_bytes=max_bytes)
    result = neutralise(readers.read(sniffed, data))
    if not any(any(ch.isalpha() for ch in block.text) for block in result.blocks):
        raise IngestError("no readable text found in the file", code="no_text")
    result.hints.notes[:0] = sniffed.notes
    labels = Labels.from_vocabulary(vocabulary) if vocabulary is not None else None
    document = analyse(result.blocks, neutralise(filename), result.hints, labels)
    document.source_format = sniffed.format
    document.content_hash = content_hash(data)
    if vocabulary is not None:
        document.tags = _suggestions(document, vocabulary, embedder)
    return document


def _suggestions(document: AnalysedDocument, vocabulary: Vocabulary, embedder) -> list:
    """Names found in the text, and themes by label and by meaning (named themes add weight)."""
    found = suggest_tags(_tagging_text(document), vocabulary)
    named = {tag.name: tag for tag in found if tag.kind == THEME}
    themes = suggest_themes(document, vocabulary.themes, embedder)
    for tag in themes:
        if tag.name in named and tag.confidence < 0.95:
            # A theme both near in meaning and named in the text is surer than either alone.
            tag.confidence = round(min(tag.confidence + 0.1, 0.95), 2)
            tag.evidence += named[tag.name].evidence
    return [tag for tag in found if tag.kind != THEME] + themes


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
