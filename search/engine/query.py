"""Queries: what a caller asks, and how free text from a search box is read.

The parser accepts any string and never raises. It understands "quoted phrases" (required), ``-word``
and ``-"a phrase"`` (excluded), ``NOT word`` (excluded), ``word*`` (prefix) and ignores ``AND``/``OR``
(words are OR-ed and ranked); in long queries (pasted prose) it reads only words. Everything else (colons, brackets, SQL, emoji) is only a separator:
the FTS5 MATCH expression is built from our own analysed, quoted terms, never from user syntax.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from . import analysis

SORTS = ("relevance", "date")
MAX_QUERY_CHARS = 10_000
MAX_OPERATOR_WORDS = 12


@dataclass(frozen=True)
class Query:
    """A search request. ``filters`` maps a facet name (one the documents were given) to the
    values any of which a document must have; different facets combine with AND. ``mode`` overrides the index's
    configured ranking ("hybrid", "lexical" or "semantic")."""

    text: str = ""
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 10
    mode: str | None = None
    facets: bool = True
    snippets: bool = True


@dataclass
class Clause:
    """A word or a phrase from the query: its folded surface words and their index terms."""

    words: list[str]
    terms: list[str]
    prefix: bool = False
    alternatives: list[list[str]] = field(default_factory=list)  # synonyms, typo corrections


@dataclass
class ParsedQuery:
    free: list[Clause] = field(default_factory=list)
    required: list[Clause] = field(default_factory=list)
    excluded: list[Clause] = field(default_factory=list)
    embedding_text: str = ""
    # Extra optional groups found by synonym expansion over the free words (multi-word synonyms).
    expansions: list[list[list[str]]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.free or self.required)

    def highlight_terms(self) -> set[str]:
        """Single index terms worth marking in a snippet: positive words but stop words."""
        stop = analysis.stopwords()
        found: set[str] = set()
        for clause in self.free + self.required:
            for word, term in zip(clause.words, clause.terms, strict=False):
                if word not in stop:
                    found.add(term)
            for alternative in clause.alternatives:
                if len(alternative) == 1:
                    found.update(alternative)
        return found

    def highlight_phrases(self) -> list[tuple[str, ...]]:
        """Term sequences marked as a whole wherever they occur (phrases, multi-word synonyms)."""
        found: list[tuple[str, ...]] = []
        for clause in self.free + self.required:
            for sequence in [clause.terms, *clause.alternatives]:
                if len(sequence) > 1:
                    found.append(tuple(sequence))
        for group in self.expansions:
            found.extend(tuple(alt) for alt in group if len(alt) > 1)
        return list(dict.fromkeys(found))

    def prefixes(self) -> list[str]:
        return [c.words[-1] for c in self.free if c.prefix and c.words]


def _clause(text: str, prefix: bool = False) -> Clause | None:
    words = analysis.words(text)
    if not words:
        return None
    return Clause(words=words, terms=[analysis.term_of(w) for w in words], prefix=prefix)


def parse(text: str) -> ParsedQuery:
    """Read a search-box string. Total: every input gives a ParsedQuery.

    Operators are honoured in queries of up to ``MAX_OPERATOR_WORDS`` words. Longer text (a pasted
    paragraph, a question) is read as plain words: quotation marks and dashes in prose are
    punctuation, not a demand that every result contain the quoted words.
    """
    text = (text or "")[:MAX_QUERY_CHARS]
    if len(analysis.WORD_RE.findall(text)) > MAX_OPERATOR_WORDS:
        text = text.replace('"', " ").replace("*", " ")
        text = re.sub(r"(^|\s)-", r"\1 ", text).replace("NOT", "not")
    parsed = ParsedQuery()
    kept: list[str] = []  # the text the embedding model sees: no exclusions, no operators
    negate = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            if end == -1:  # unbalanced quote: read the rest as ordinary words
                i += 1
                continue
            clause = _clause(text[i + 1 : end])
            if clause:
                (parsed.excluded if negate else parsed.required).append(clause)
                if not negate:
                    kept.append(text[i + 1 : end])
            negate = False
            i = end + 1
            continue
        if ch == "-" and (i == 0 or text[i - 1].isspace() or text[i - 1] == "(") and i + 1 < n:
            nxt = text[i + 1]
            if nxt == '"' or analysis.WORD_RE.match(nxt):
                negate = True
                i += 1
                continue
        match = analysis.WORD_RE.match(text, i)
        if match:
            word = match.group()
            end = match.end()
            prefix = end < n and text[end] == "*"
            if word in ("AND", "OR"):
                pass
            elif word == "NOT":
                negate = True
                i = end
                continue
            else:
                clause = _clause(word, prefix=prefix)
                if clause:
                    (parsed.excluded if negate else parsed.free).append(clause)
                    if not negate:
                        kept.append(word)
            negate = False
            i = end + (1 if prefix else 0)
            continue
        if not ch.isspace():
            negate = False
        if not negate:
            kept.append(ch if ch.isspace() or ch in ".,;?!'" else " ")
        i += 1
    embedding = "".join(part if len(part) == 1 else f" {part} " for part in kept)
    parsed.embedding_text = " ".join(embedding.split())
    return parsed
