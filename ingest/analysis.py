"""Turn blocks into an analysed document: title, type, date, authors, summary, key points,
sections, references and linked citations, with warnings wherever an editor should look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.text import slugify

from . import metadata, references, resource_types
from .document import (
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    AnalysedDocument,
    Block,
    Reference,
    Section,
    SourceHints,
)
from .figures import note_missing_figures
from .page_structure import PageFurniture, label_key, take_furniture

KEY_POINT_HEADINGS = re.compile(
    r"^(key (points|findings|messages|learning|lessons|takeaways)|summary of key points|"
    r"at a glance|in brief)$",
    re.I,
)
SUMMARY_MIN_WORDS = 12
SUMMARY_MAX_WORDS = 120
MADE_SUMMARY_WORDS = 60
LOW_CONFIDENCE = 0.5
_INTRODUCTION_HEADINGS = re.compile(
    r"^(introduction|overview|summary|executive summary|abstract|about this (report|paper))$", re.I
)


@dataclass
class Labels:
    """The names a page's labels may use: resource types and themes, keyed by label_key."""

    type_names: dict[str, str] = field(default_factory=dict)
    theme_names: dict[str, str] = field(default_factory=dict)
    types: list[resource_types.TypeCues] = field(default_factory=list)

    @classmethod
    def from_vocabulary(cls, vocabulary) -> Labels:
        names = {}
        for kind in vocabulary.resource_types:
            for surface in (kind.name, kind.plural):
                if surface:
                    names[label_key(surface)] = kind.name
        themes = {label_key(term.name): term.name for term in vocabulary.themes}
        return cls(names, themes, list(vocabulary.resource_types))


def analyse(
    blocks: list[Block],
    filename: str,
    hints: SourceHints | None = None,
    labels: Labels | None = None,
) -> AnalysedDocument:
    """Analyse a document's blocks; ``hints`` carries metadata the file format stated and
    ``labels`` the type and theme names a page may show as labels."""
    hints = hints or SourceHints()
    warnings = list(hints.notes)
    furniture = PageFurniture()
    if labels is not None:
        blocks, furniture = take_furniture(blocks, labels.type_names, labels.theme_names)
        warnings += furniture.notes
    furniture.hero = hints.hero or furniture.hero
    blocks, figures = note_missing_figures(blocks)
    if figures:
        warnings.append(
            f"{figures} figure(s) of the original are not reproduced; the text says so where "
            "it introduced them"
        )
    byline = metadata.find_byline(blocks)
    if byline is not None and not hints.authors:
        hints.authors = byline[0]
        blocks = [block for i, block in enumerate(blocks) if i != byline[1]]
    title, title_index, kickers = _find_title(blocks, hints, labels.types if labels else [])
    if not title:
        title = _fallback_title(hints, filename, warnings)
    body_blocks = blocks[title_index + 1 :] if title_index is not None else list(blocks)
    body_blocks = [b for b in body_blocks if not (b.kind == HEADING and b.text in kickers)]

    key_points, refs_raw, sections = _split_sections(body_blocks)
    refs = [references.parse_reference(raw) for raw in refs_raw]
    citations = []
    for section in sections:
        citations += references.make_citations(" ".join(section.paragraphs), refs, section.anchor)
    _warn_references(refs, citations, warnings)

    date = metadata.find_publication_date(blocks, hints)
    authors = metadata.find_authors(blocks, hints)
    summary = _summary(sections) or _made_summary(sections, key_points, warnings)

    body_text = " ".join(p for s in sections for p in s.paragraphs)
    features = resource_types.Features(
        title=title,
        kicker_headings=kickers,
        headings=[s.heading for s in sections if s.heading],
        body=body_text,
        has_key_points=bool(key_points),
        reference_count=len(refs),
        linked_citations=sum(1 for c in citations if c.reference_index is not None),
        dated_to_day=bool(date and date.precision == "day"),
        standfirst_author=bool(authors) and not hints.authors,
        from_web=any("boilerplate" in note for note in hints.notes),
        filename=PurePath(filename or "").stem.replace("_", " ").replace("-", " "),
        word_count=len(body_text.split()),
    )
    types = labels.types if labels is not None else []
    ranking = resource_types.rank(features, types, stated=furniture.stated_type)
    kind, confidence, reasons = ranking[0]
    if confidence < LOW_CONFIDENCE:
        warnings.append(
            f"resource type {kind!r} is a guess ({confidence:.0%} confident: {'; '.join(reasons)})"
        )
    return AnalysedDocument(
        title=title,
        resource_type=kind,
        resource_type_confidence=confidence,
        publication_date=date,
        authors=authors,
        summary=summary,
        key_points=key_points,
        sections=sections,
        references=refs,
        citations=citations,
        warnings=warnings,
        filename=filename,
        blocks=list(blocks),
        hero=furniture.hero,
        stated_type=furniture.stated_type,
        stated_themes=furniture.stated_themes,
        type_ranking=ranking,
    )


def _find_title(
    blocks: list[Block], hints: SourceHints, types=()
) -> tuple[str, int | None, list[str]]:
    """The first heading before the body starts, skipping labels such as "Case Study: ..."."""
    kickers: list[str] = []
    for index, block in enumerate(blocks[:5]):
        if block.kind != HEADING:
            if len(block.text.split()) > 12:
                break
            continue
        if KEY_POINT_HEADINGS.match(block.text):
            break
        if resource_types.is_kicker(block.text, types):
            kickers.append(block.text)
            continue
        if block.level <= 1 or index == len(kickers):
            return block.text, index, kickers
        break
    if hints.title:
        return hints.title, None, kickers
    return "", None, kickers


def _fallback_title(hints: SourceHints, filename: str, warnings: list[str]) -> str:
    if hints.link_title:
        warnings.append(
            f'no title in the document; suggested "{hints.link_title}" from the link that closed'
            " the page, please check it"
        )
        return hints.link_title
    warnings.append("no title found in the document; used the file name, please enter one")
    return _title_from_filename(filename)


def _title_from_filename(filename: str) -> str:
    stem = PurePath(filename or "untitled").stem
    return re.sub(r"[\s_\-]+", " ", stem).strip() or "Untitled"


def _split_sections(blocks: list[Block]) -> tuple[list[str], list[str], list[Section]]:
    """Separate the key points and references from the body sections."""
    key_blocks: list[Block] = []
    refs: list[str] = []
    sections: list[Section] = []
    current: Section | None = None
    mode = "body"
    anchors: set[str] = set()
    for block in blocks:
        text = block.text.strip()
        if block.kind == HEADING:
            if KEY_POINT_HEADINGS.match(text):
                mode = "key_points"
            elif references.REFERENCE_HEADINGS.match(text):
                mode = "references"
            else:
                mode = "body"
                current = Section(text, _anchor(text, anchors), [], block.level or 2)
                sections.append(current)
            continue
        if mode == "key_points":
            # A paragraph after the bullets is the body resuming without a heading.
            if not (block.kind == PARAGRAPH and any(b.kind == LIST_ITEM for b in key_blocks)):
                key_blocks.append(block)
                continue
            mode = "body"
        if mode == "references":
            refs.append(text)
            continue
        if current is None:
            current = Section("", _anchor("introduction", anchors), [], 2)
            sections.append(current)
        current.paragraphs.append(text)
        current.blocks.append(block)
    items = [b.text for b in key_blocks if b.kind == LIST_ITEM]
    key_points = items or [b.text for b in key_blocks]
    return key_points, refs, [s for s in sections if s.paragraphs or s.heading]


def _anchor(heading: str, taken: set[str]) -> str:
    base = slugify(heading) or "section"
    anchor, counter = base, 2
    while anchor in taken:
        anchor, counter = f"{base}-{counter}", counter + 1
    taken.add(anchor)
    return anchor


def _summary(sections: list[Section]) -> str:
    """The introduction: the first paragraph under an "Introduction" heading if there is one,
    else the first paragraph long enough to say what the resource is about."""
    ordered = sorted(sections, key=lambda s: not _INTRODUCTION_HEADINGS.match(s.heading or ""))
    for section in ordered:
        for block in section.blocks:
            if block.kind == PARAGRAPH and len(block.text.split()) >= SUMMARY_MIN_WORDS:
                return _trim_sentences(block.text)
    return ""


def _made_summary(sections: list[Section], key_points: list[str], warnings: list[str]) -> str:
    """No paragraph is long enough: the opening sentences stand in, and the editor is told."""
    texts = [b.text for s in sections for b in s.blocks if b.kind == PARAGRAPH] or [
        b.text for s in sections for b in s.blocks
    ]
    words: list[str] = []
    for text in texts + key_points:
        words += text.split()
        if len(words) >= SUMMARY_MIN_WORDS:
            break
    if not words:
        warnings.append("no summary: the document has no text besides its title; please write one")
        return ""
    warnings.append("no summary paragraph found; made one from the opening text, please check it")
    return _trim_sentences(" ".join(words), MADE_SUMMARY_WORDS)


def _trim_sentences(text: str, limit: int = SUMMARY_MAX_WORDS) -> str:
    if len(text.split()) <= limit:
        return text
    out = ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if out and len((out + " " + sentence).split()) > limit:
            break
        out = f"{out} {sentence}".strip()
    return out


def _warn_references(refs: list[Reference], citations, warnings: list[str]) -> None:
    for ref in refs:
        if ref.year is None:
            warnings.append(f"reference without a year: {ref.raw[:80]}")
    for citation in citations:
        if citation.reference_index is None:
            warnings.append(f"citation ({citation.text}) matches no single reference")
