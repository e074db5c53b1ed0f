"""Plain data shapes passed between the ingest steps: blocks in, an analysed document out.

Nothing here touches Django; the importer that creates draft resources maps these fields onto
page models.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"


@dataclass
class Block:
    """One unit of structure that every reader produces, whatever the file format."""

    kind: str  # HEADING, PARAGRAPH or LIST_ITEM
    text: str
    level: int = 0  # heading level 1-6; nesting depth (0 = top) for list items


@dataclass
class SourceHints:
    """Metadata a format carries outside its body text (HTML meta tags, front matter)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # as written in the source, parsed later
    notes: list[str] = field(default_factory=list)
    link_title: str | None = None  # a "Read more" card's title that closed a web page
    hero: HeroImage | None = None  # the page's lead picture, when the format shows one


@dataclass
class HeroImage:
    """A page's lead picture: its alt text, caption and credit, and where the file is."""

    alt: str = ""
    caption: str = ""
    credit: str = ""
    src: str = ""  # as written in the page: a relative path, an address or a data: URI


@dataclass
class ReadResult:
    """What a reader returns: the blocks, hints, and notes for the editor."""

    blocks: list[Block]
    hints: SourceHints = field(default_factory=SourceHints)


@dataclass
class Section:
    """A headed part of the body; the lead section before any heading has heading ""."""

    heading: str
    anchor: str
    paragraphs: list[str]
    level: int = 2
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Reference:
    """One entry of a references list, split into the fields a citation needs."""

    raw: str
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    note: str | None = None
    accessed: str | None = None  # ISO date the source was last checked, if stated


@dataclass
class Citation:
    """An in-text author-date citation such as "(Dobson et al., 2022)"."""

    text: str  # the citation as written, without brackets
    authors: str  # the author part, e.g. "Dobson et al."
    year: int
    reference_index: int | None  # index into AnalysedDocument.references, None if unmatched
    section_anchor: str = ""


@dataclass
class PublicationDate:
    """A date stated in the document, no more precise than the evidence."""

    year: int
    month: int | None = None
    day: int | None = None
    precision: str = "year"  # "year", "month" or "day"
    evidence: str = ""

    def isoformat(self) -> str:
        if self.precision == "day":
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass
class TagSuggestion:
    """A suggested area, organisation, glossary term or theme, with why it was suggested."""

    kind: str  # "area", "organisation", "glossary_term" or "theme"
    name: str  # the vocabulary entry's name exactly as the vocabulary gives it
    confidence: float
    evidence: list[str] = field(default_factory=list)


@dataclass
class AnalysedDocument:
    """Everything the importer needs to create a draft resource for an editor to check."""

    title: str
    resource_type: str
    resource_type_confidence: float
    publication_date: PublicationDate | None
    authors: list[str]
    summary: str
    key_points: list[str]
    sections: list[Section]
    references: list[Reference]
    citations: list[Citation]
    warnings: list[str]
    filename: str = ""
    source_format: str = ""
    content_hash: str = ""
    tags: list[TagSuggestion] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    hero: HeroImage | None = None
    stated_type: str = ""  # the type label the page itself shows ("Q&A article")
    stated_themes: list[str] = field(default_factory=list)  # the theme labels the page shows
    # Every type the cues pointed to, best first: (type, confidence, reasons).
    type_ranking: list[tuple[str, float, list[str]]] = field(default_factory=list)

    @property
    def hero_alt(self) -> str:
        return self.hero.alt if self.hero else ""

    @property
    def hero_caption(self) -> str:
        return self.hero.caption if self.hero else ""

    @property
    def hero_credit(self) -> str:
        return self.hero.credit if self.hero else ""

    @property
    def plain_text(self) -> str:
        """The readable text, one block per line (for search and screen-reader versions)."""
        return "\n".join(block.text for block in self.blocks)

    def to_dict(self) -> dict:
        return asdict(self)
