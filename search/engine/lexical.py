"""Lexical matching: synonym expansion and the FTS5 MATCH expression built from a parsed query.

Every term in the expression is one of our own analysed terms, double-quoted, so no user input can
reach FTS5's query syntax. Free words are OR-ed (BM25 ranks documents matching more and rarer words
first); quoted phrases are required and exclusions remove documents, both checked per document
(by the index) rather than per passage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from . import analysis
from .query import Clause, ParsedQuery


class Synonyms:
    """Equivalence groups of words or phrases, e.g. ``{"LTO": ["Locally Trusted Organisation"]}``.

    A key and its values form one group; groups sharing a member merge. Expansion happens at query
    time, so the index never needs rebuilding when the glossary changes.
    """

    def __init__(self, mapping: Mapping[str, Iterable[str]] | None = None):
        groups: list[set[tuple[str, ...]]] = []
        for key, values in (mapping or {}).items():
            members = {tuple(analysis.terms(text)) for text in [key, *values]}
            members.discard(())
            if len(members) < 2:
                continue
            overlapping = [g for g in groups if g & members]
            for group in overlapping:
                members |= group
                groups.remove(group)
            groups.append(members)
        self.groups = {member: group for group in groups for member in group}
        self.max_length = max((len(m) for m in self.groups), default=0)

    def __bool__(self) -> bool:
        return bool(self.groups)

    def alternatives(self, terms: Iterable[str]) -> list[list[str]]:
        terms = tuple(terms)
        return [list(m) for m in sorted(self.groups.get(terms, ())) if m != terms]

    def expand(self, parsed: ParsedQuery) -> None:
        if not self.groups:
            return
        for clause in parsed.required:
            clause.alternatives.extend(self.alternatives(clause.terms))
        free_terms = [c.terms[0] for c in parsed.free]
        for length in range(1, min(self.max_length, len(free_terms)) + 1):
            for start in range(len(free_terms) - length + 1):
                span = tuple(free_terms[start : start + length])
                if span not in self.groups:
                    continue
                if length == 1:
                    parsed.free[start].alternatives.extend(self.alternatives(span))
                else:
                    parsed.expansions.append([list(span), *self.alternatives(span)])


def quote(terms: Iterable[str], prefix: bool = False) -> str:
    body = " ".join(t.replace('"', '""') for t in terms)
    return f'"{body}"' + ("*" if prefix else "")


def _clause_expression(clause: Clause, prefix_word: bool = False) -> str:
    if clause.prefix and prefix_word:
        # Prefixes match the folded word rather than its stem ("partn*"): stems can be shorter.
        main = quote([clause.words[-1]], prefix=True)
    else:
        main = quote(clause.terms)
    options = [main] + [quote(alt) for alt in clause.alternatives]
    options = list(dict.fromkeys(options))
    return options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"


def match_clauses(
    parsed: ParsedQuery, max_terms: int = 256, skip: frozenset[str] = frozenset()
) -> list[str]:
    """The FTS5 expressions of a query's positive clauses; OR-ed, they find and rank passages.

    Quoted phrases and exclusions are document-level constraints, applied with
    ``required_expressions`` and ``exclusion_expression`` (a phrase in one section and an excluded
    word in another must still exclude the document). ``skip`` leaves out plain word clauses all
    of whose terms it holds (see ``Index`` on common terms).
    """
    stop = analysis.stopwords()
    free = [c for c in parsed.free if c.prefix or c.alternatives or _ranks(c.words[0], stop)]
    if not free and not parsed.required:
        free = parsed.free  # a query of stop words only still searches for them
    if skip:
        free = [c for c in free if c.prefix or not _skippable(c, skip)]
    options = list(dict.fromkeys(_clause_expression(c) for c in parsed.required))
    # A word typed twice counts twice (query term frequency, as in classic BM25): FTS5's bm25()
    # scores each phrase of the expression, so repeats are kept on purpose.
    options += [_clause_expression(c, prefix_word=True) for c in free]
    options += ["(" + " OR ".join(quote(alt) for alt in group) + ")" for group in parsed.expansions]
    return options[:max_terms]


def _ranks(word: str, stop: frozenset[str]) -> bool:
    """A free word ranks unless it is a stop word or a lone letter ("I", "a", "s" from "it's"):
    BM25 implementations such as bm25s drop single characters too, and a letter says nothing a
    query is about. Lone digits still rank ("phase 1")."""
    return word not in stop and not (len(word) == 1 and word.isalpha())


def _skippable(clause: Clause, skip: frozenset[str]) -> bool:
    terms = clause_terms(clause)
    return bool(terms) and set(terms) <= skip


def clause_terms(clause: Clause) -> list[str]:
    """Single terms a word clause can match (itself, one-word synonyms and corrections)."""
    options = [clause.terms, *clause.alternatives]
    return [o[0] for o in options if len(o) == 1] if all(len(o) == 1 for o in options) else []


def match_expression(
    parsed: ParsedQuery, max_terms: int = 256, skip: frozenset[str] = frozenset()
) -> str | None:
    """All positive clauses OR-ed into one FTS5 MATCH string (None when nothing is left)."""
    options = match_clauses(parsed, max_terms, skip)
    return " OR ".join(options) if options else None


def required_expressions(parsed: ParsedQuery) -> list[str]:
    """One MATCH string per quoted phrase: a result's passages must contain each of them."""
    return list(dict.fromkeys(_clause_expression(c) for c in parsed.required))


def exclusion_expression(parsed: ParsedQuery) -> str | None:
    """MATCH string for the passages that exclude their document from the results."""
    excluded = list(dict.fromkeys(_clause_expression(c, prefix_word=True) for c in parsed.excluded))
    return " OR ".join(excluded) if excluded else None
