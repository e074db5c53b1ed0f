"""Typo tolerance ("partnreship" -> "partnership") and "did you mean", from the index's own words.

A query word is corrected only when its term is unknown to the index. Candidates are index words
within an edit distance (optimal string alignment, so a swapped pair of letters costs one) of 1 for
short words and 2 for words of eight letters or more; the nearest, then the most common, wins.
"""

from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import OSA

from . import analysis
from .query import ParsedQuery
from .snapshot import Vocabulary

MIN_LENGTH = 4
MAX_CORRECTIONS = 3
MAX_QUERY_WORDS = 12  # longer text is prose: an unknown word there is rarely a typo


def max_distance(word: str) -> int:
    return 1 if len(word) < 8 else 2


def correct_word(word: str, vocabulary: Vocabulary) -> str | None:
    if len(word) < MIN_LENGTH or not word.isalpha():
        return None
    limit = max_distance(word)
    best: tuple[int, int, str] | None = None
    for length in range(len(word) - limit, len(word) + limit + 1):
        candidates = vocabulary.by_length.get(length)
        if not candidates:
            continue
        for candidate, distance, _ in process.extract(
            word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=20
        ):
            key = (int(distance), -vocabulary.counts.get(candidate, 0), candidate)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def correct(parsed: ParsedQuery, vocabulary: Vocabulary) -> dict[str, str]:
    """Add corrections of unknown free words to the query; returns {typed word: correction}."""
    corrections: dict[str, str] = {}
    stop = analysis.stopwords()
    if len(parsed.free) > MAX_QUERY_WORDS:
        return corrections
    for clause in parsed.free:
        if len(corrections) >= MAX_CORRECTIONS:
            break
        word = clause.words[0]
        if clause.prefix or word in stop or clause.terms[0] in vocabulary.terms:
            continue
        if any(alt and alt[0] in vocabulary.terms for alt in clause.alternatives):
            continue  # a synonym already matches
        fixed = corrections.get(word) or correct_word(word, vocabulary)
        if fixed:
            corrections[word] = fixed
            clause.alternatives.append([analysis.term_of(fixed)])
    return corrections


def did_you_mean(text: str, corrections: dict[str, str]) -> str | None:
    if not corrections:
        return None

    def replace(match: re.Match) -> str:
        return corrections.get(analysis.fold(match.group()), match.group())

    suggestion = analysis.WORD_RE.sub(replace, text)
    return " ".join(suggestion.split()) if suggestion != text else None
