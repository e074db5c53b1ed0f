"""What the engine indexes: documents made of sections, and the passages they are cut into.

A document is plain data (no Django), so any collection can be indexed: the site's resources, a BEIR
test collection, a generated benchmark library. Long sections are split into passages of at most
``max_words`` words at sentence boundaries, so a hit deep inside a long report ranks the report and
its snippet points at the section's anchor.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MAX_PASSAGES_PER_DOCUMENT = 1024  # passage row ids are (document << 10) | position
SENTENCE_END_RE = re.compile(r"((?<=[.!?])\s+|\n\s*\n)")


@dataclass(frozen=True)
class Section:
    """One part of a document's body: its heading, the anchor that links to it, and plain text."""

    text: str
    heading: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class Document:
    """One searchable item. ``facets`` maps each facet's name to the document's values (plain
    strings: the collection decides which facets exist); ``date`` (ISO, or just a year) orders
    results by date."""

    id: str
    title: str
    url: str = ""
    key_points: str = ""
    sections: Sequence[Section] = ()
    facets: Mapping[str, Sequence[str]] = field(default_factory=dict)
    date: str = ""

    def facet_values(self) -> dict[str, list[str]]:
        return {
            name: list(dict.fromkeys(str(value) for value in values if str(value)))
            for name, values in self.facets.items()
        }

    def fingerprint(self) -> str:
        """A digest of everything indexed, so a stored copy can be checked against the source."""
        content = {
            "id": str(self.id),
            "title": self.title,
            "url": self.url,
            "key_points": self.key_points,
            "sections": [[s.text, s.heading, s.anchor] for s in self.sections],
            "facets": self.facet_values(),
            "date": str(self.date or ""),
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()

    def sort_date(self) -> str:
        return str(self.date or "")[:10]


@dataclass(frozen=True)
class Passage:
    """A piece of a document as indexed: ``position`` 0 holds the key points (or the title alone)."""

    position: int
    heading: str
    anchor: str
    text: str
    key_points: str = ""
    meta: dict = field(default_factory=dict)


def split_text(text: str, max_words: int) -> list[str]:
    """Split text into chunks of about ``max_words`` words, preferring sentence boundaries.

    Paragraph breaks inside a chunk are kept (as one blank line), so a list item or a line of
    its own stays one when quoted."""
    text = (text or "").strip()
    if not text:
        return []
    if len(text.split()) <= max_words:
        return [text]
    chunks: list[str] = []
    current: list[str] = []
    count = 0
    for sentence, paragraph in _sentences(text):
        words = sentence.split()
        while len(words) > max_words:  # one enormous "sentence": cut it
            if current:
                chunks.append("".join(current))
                current, count = [], 0
            chunks.append(" ".join(words[:max_words]))
            words = words[max_words:]
        if count + len(words) > max_words and current:
            chunks.append("".join(current))
            current, count = [], 0
        separator = ("\n\n" if paragraph else " ") if current else ""
        current.append(separator + " ".join(words))
        count += len(words)
    if current:
        # Fold a short tail into the previous chunk rather than leave a scrap of a passage.
        if chunks and count < max_words // 4:
            chunks[-1] = chunks[-1] + " " + "".join(current)
        else:
            chunks.append("".join(current))
    return chunks


def _sentences(text: str):
    """(sentence, whether a paragraph break comes before it) for each non-empty sentence."""
    parts = SENTENCE_END_RE.split(text)
    paragraph = False
    for k in range(0, len(parts), 2):
        sentence = parts[k].strip()
        if sentence:
            yield sentence, paragraph
        separator = parts[k + 1] if k + 1 < len(parts) else ""
        paragraph = "\n" in separator or (paragraph and not sentence)


def passages_of(document: Document, max_words: int = 200) -> list[Passage]:
    """Cut a document into passages; the title is indexed with every passage by the caller."""
    passages: list[Passage] = []
    if document.key_points.strip() or not any(s.text.strip() for s in document.sections):
        passages.append(Passage(0, "", "", "", key_points=document.key_points.strip()))
    position = 1
    for section in document.sections:
        for chunk in split_text(section.text, max_words):
            if position >= MAX_PASSAGES_PER_DOCUMENT:
                return passages
            passages.append(Passage(position, section.heading, section.anchor, chunk))
            position += 1
    return passages
