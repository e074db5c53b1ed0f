"""Suggest areas, organisations, glossary terms and themes that a text is about.

Proper names match whole words, case-sensitively, longest first, so "Radstock and Westfield"
is not also read as "Westfield". A variant that is part of another entry's name (such as
"Westfield") only counts when its local authority or region follows it ("Westfield, Sheffield").
A one-word name that runs on into another capitalised word ("Boston Spa") is a different name and
is skipped. Confidence grows with repetition and with context such as "Big Local areas like X".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .document import TagSuggestion
from .vocabulary import Term, Vocabulary

AREA = "area"
ORGANISATION = "organisation"
GLOSSARY = "glossary_term"
THEME = "theme"
KIND_ORDER = (AREA, ORGANISATION, GLOSSARY, THEME)

_SMALL_WORDS = frozenset("a an and at by for in of on or the to with it".split())
_SENTENCE_WORDS = frozenset(
    "The In At On From To For With By Like And Both Near Across Around Within Of As "
    "Including Unlike Between Since".split()
)
_CUE_BEFORE = re.compile(
    r"(?:\b(?:areas?|partnerships?|communities|places?|neighbourhoods?)\s+(?:like|such as|including|in)"
    r"|\bin)\s*$"
)
_CUE_AFTER = re.compile(r"^\s*(?:Big Local|partnership)")
_CONTEXT_WINDOW = 60


@dataclass
class _Hit:
    start: int
    end: int
    kind: str
    term: Term
    surface: str
    canonical: bool
    needs_context: bool


def suggest_tags(text: str, vocabulary: Vocabulary) -> list[TagSuggestion]:
    """Suggest tags for ``text`` from ``vocabulary``, best first within each kind."""
    text = _normalise(text)
    # Only names whose first word occurs at all are searched for: most of the vocabulary is
    # absent from any one document, and this keeps long documents fast.
    present = frozenset(re.findall(r"\w+", text.lower()))
    suggestions: list[TagSuggestion] = []
    suggestions += _names(
        text, present, [(AREA, vocabulary.areas), (ORGANISATION, vocabulary.organisations)]
    )
    suggestions += _names(text, present, [(GLOSSARY, vocabulary.glossary_terms)])
    suggestions += _themes(text, present, vocabulary.themes)
    return sorted(suggestions, key=lambda s: (KIND_ORDER.index(s.kind), -s.confidence, s.name))


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    return re.sub(r"[ \t\r\f\v]+", " ", text)


@cache
def _pattern(surface: str, *, plural: bool, case_sensitive: bool) -> re.Pattern[str]:
    tokens = [re.escape(token).replace("'", "['’]") for token in _normalise(surface).split()]
    body = r"\s+".join(tokens).replace(r"\-", r"[-\s]")
    suffix = r"(?:s|es)?" if plural else ""
    flags = 0 if case_sensitive else re.I
    return re.compile(rf"(?<![\w&-]){body}{suffix}(?![\w&])", flags)


def is_proper_name(surface: str) -> bool:
    """ "Make it Happen", "LTO" and "Spring Events" are names; "Resident-led" and
    "Big Local partnership" are ordinary words and match in any case."""
    words = re.findall(r"[\w']+", surface)
    if len(words) == 1 and "-" in surface and not surface.isupper():
        return False
    significant = [word for word in words if word.lower() not in _SMALL_WORDS]
    return bool(significant) and all(word[:1].isupper() for word in significant)


def _may_occur(surface: str, present: frozenset[str]) -> bool:
    tokens = re.findall(r"\w+", surface.lower())
    if not tokens:
        return False
    # A one-word term may only occur in its plural form ("rep" as "reps").
    forms = (tokens[0],) if len(tokens) > 1 else (tokens[0], tokens[0] + "s", tokens[0] + "es")
    return any(form in present for form in forms)


def _names(
    text: str, present: frozenset[str], groups: list[tuple[str, list[Term]]]
) -> list[TagSuggestion]:
    containing = _containment(tuple(term for _, terms in groups for term in terms))
    hits: list[_Hit] = []
    for kind, terms in groups:
        for term in terms:
            glossary = kind == GLOSSARY
            for surface in (term.name, *term.variants):
                if not _may_occur(surface, present):
                    continue
                canonical = surface == term.name
                needs = not canonical and surface in containing
                # Areas and organisations are names even when a brand is written in lower case.
                sensitive = is_proper_name(surface) if glossary else True
                pattern = _pattern(surface, plural=glossary, case_sensitive=sensitive)
                for match in pattern.finditer(text):
                    hits.append(
                        _Hit(match.start(), match.end(), kind, term, surface, canonical, needs)
                    )
    chosen = _longest_first(hits)
    by_term: dict[tuple[str, str], list[_Hit]] = {}
    for hit in chosen:
        if _accept(text, hit):
            by_term.setdefault((hit.kind, hit.term.name), []).append(hit)
    return [_score(text, kind, name, found) for (kind, name), found in by_term.items()]


@lru_cache(maxsize=8)
def _containment(terms: tuple[Term, ...]) -> frozenset[str]:
    """Variants that also occur inside another entry's name: ambiguous on their own."""
    names = {term.name: term for term in terms}
    out = set()
    for term in terms:
        for variant in term.variants:
            pattern = re.compile(rf"(?<!\w){re.escape(variant)}(?!\w)")
            if any(other != term.name and pattern.search(other) for other in names):
                out.add(variant)
    return frozenset(out)


def _longest_first(hits: list[_Hit]) -> list[_Hit]:
    """Keep the longest match wherever matches overlap ("Radstock and Westfield" over "Westfield")."""
    chosen: list[_Hit] = []
    # Overlaps are settled within runs of mutually overlapping matches, so the characters marked
    # as taken never grow beyond one run (a long text has many short runs, not one big one).
    for run in _overlapping_runs(sorted(hits, key=lambda h: h.start)):
        taken: set[int] = set()
        for hit in sorted(run, key=lambda h: (-(h.end - h.start), h.start)):
            span = range(hit.start, hit.end)
            if taken.isdisjoint(span):
                taken.update(span)
                chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _overlapping_runs(hits: list[_Hit]):
    run: list[_Hit] = []
    end = -1
    for hit in hits:
        if run and hit.start >= end:
            yield run
            run = []
        run.append(hit)
        end = max(end, hit.end)
    if run:
        yield run


def _accept(text: str, hit: _Hit) -> bool:
    if hit.needs_context and not _has_place_context(text, hit):
        return False
    if hit.kind == GLOSSARY or len(hit.surface.split()) > 1:
        return True
    # A one-word name that runs into other capitalised words is part of a different name.
    after = text[hit.end : hit.end + 40]
    before = text[max(0, hit.start - 40) : hit.start]
    if re.match(r" [A-Z]", after) and not after.startswith(" Big Local"):
        return False
    prev_word = re.search(r"([A-Z][\w']*) $", before)
    return not (prev_word and prev_word.group(1) not in _SENTENCE_WORDS)


def _has_place_context(text: str, hit: _Hit) -> bool:
    after = text[hit.end : hit.end + _CONTEXT_WINDOW]
    return any(re.match(rf"\s*,?\s*{re.escape(place)}\b", after) for place in hit.term.context)


def _score(text: str, kind: str, name: str, hits: list[_Hit]) -> TagSuggestion:
    first = hits[0]
    if first.surface.islower():
        # Lower-case brand names ("always possible") read as ordinary words unless they open
        # a sentence, where ordinary words would be capitalised.
        base = 0.5 if any(_opens_sentence(text, hit.start) for hit in hits) else 0.25
    else:
        base = 0.6 if any(hit.canonical for hit in hits) else 0.5
    if kind == GLOSSARY:
        base = 0.5
    context = any(_has_cue(text, hit) for hit in hits)
    confidence = base + min(0.1 * (len(hits) - 1), 0.2) + (0.2 if context else 0.0)
    evidence = [_snippet(text, hit) for hit in hits[:3]]
    return TagSuggestion(kind, name, round(min(confidence, 0.99), 2), evidence)


def _has_cue(text: str, hit: _Hit) -> bool:
    before = text[max(0, hit.start - 40) : hit.start]
    after = text[hit.end : hit.end + 40]
    return bool(_CUE_BEFORE.search(before) or _CUE_AFTER.match(after)) or _has_place_context(
        text, hit
    )


_OPENING_WINDOW = 40
_QUOTES_AND_SPACES = " \"'“”"


def _opens_sentence(text: str, start: int) -> bool:
    # Only a short window before the match is copied: copying all of text[:start] for every
    # match made tagging quadratic in the text's length.
    while start > 0:
        window = max(0, start - _OPENING_WINDOW)
        before = text[window:start].rstrip(_QUOTES_AND_SPACES)
        if before:
            return before.endswith((".", "!", "?", "\n", ":"))
        start = window
    return True


def _snippet(text: str, hit: _Hit, width: int = 50) -> str:
    start, end = max(0, hit.start - width), min(len(text), hit.end + width)
    snippet = re.sub(r"\s+", " ", text[start:end]).strip()
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")


def _themes(text: str, present: frozenset[str], themes: list[Term]) -> list[TagSuggestion]:
    words = max(len(text.split()), 1)
    out = []
    for theme in themes:
        counts = {}
        # The theme's own name counts as a keyword, so a vocabulary without keywords still works.
        for keyword in (theme.name, *theme.variants):
            if not _may_occur(keyword, present):
                continue
            pattern = _pattern(keyword, plural=True, case_sensitive=False)
            found = len(pattern.findall(text))
            if found:
                counts[keyword] = found
        hits = sum(counts.values())
        if len(counts) < 2 and hits < 3:
            continue
        density = hits * 1000 / words
        confidence = min(0.15 * len(counts) + 0.1 * math.log1p(density), 0.9)
        top = sorted(counts.items(), key=lambda item: -item[1])[:5]
        evidence = [f"{keyword} ×{count}" for keyword, count in top]
        out.append(TagSuggestion(THEME, theme.name, round(confidence, 2), evidence))
    return out
