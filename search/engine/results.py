"""What a search returns: one hit per document, facet counts and spelling help."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .query import Query


@dataclass(frozen=True)
class Hit:
    """One document in the results, with its best passage as a highlighted snippet.

    ``snippet`` and ``title_html`` are safe HTML: escaped text plus ``<mark>`` elements only.
    """

    id: str
    title: str
    url: str
    score: float
    snippet: str = ""
    title_html: str = ""
    anchor: str = ""
    heading: str = ""
    date: str = ""
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date[:4].isdigit() else None

    def first(self, facet: str) -> str:
        """The document's first value of `facet`, or "" (for one-valued facets such as a type)."""
        values = self.facets.get(facet) or ()
        return values[0] if values else ""

    @property
    def link(self) -> str:
        """The document URL, pointing at the matching section when there is one."""
        return f"{self.url}#{self.anchor}" if self.anchor else self.url


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    """A page of hits plus what the whole result set looks like.

    Facet counts follow the usual multi-select rule: the counts for one facet apply every other
    facet's filters but not its own, so a user can widen a facet as well as narrow it.
    """

    query: Query
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    did_you_mean: str | None = None
    corrections: dict[str, str] = field(default_factory=dict)
    # True when no document contained every "quoted phrase", so they ranked instead of filtered.
    phrases_relaxed: bool = False
    mode: str = "hybrid"
    took_ms: float = 0.0

    @property
    def has_next(self) -> bool:
        return self.query.offset + len(self.hits) < self.total

    @property
    def has_previous(self) -> bool:
        return self.query.offset > 0
