"""Text analysis shared by indexing, querying and highlighting.

A word is a run of letters or digits. Each word is case-folded, stripped of accents, stemmed with the
Snowball English stemmer and then folded from British to American spelling (the pairs live in
``data/spelling_variants.tsv``), so ``Organisations`` and ``organization`` meet on one term. The same
function analyses documents and queries, which is what lets the highlighter mark exactly the words
that matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import Stemmer

DATA = Path(__file__).resolve().parent / "data"
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: where it is and the term it indexes as."""

    start: int
    end: int
    word: str  # case-folded surface form, accents removed
    term: str  # stemmed, spelling-folded index term


def _read_lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(line.strip() for line in _read_lines("stopwords_en.txt"))


_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _spelling_map() -> dict[str, str]:
    mapping = {}
    for line in _read_lines("spelling_variants.tsv"):
        british, american = line.split("\t")[:2]
        b, a = _stemmer.stemWord(british.strip()), _stemmer.stemWord(american.strip())
        if b != a:
            mapping[b] = a
    return mapping


def fold(word: str) -> str:
    """Lower-case and strip accents (café -> cafe)."""
    word = word.casefold()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def term_of(word: str) -> str:
    """The index term of one word: folded, stemmed, British spelling mapped to American."""
    folded = fold(word)
    stem = _stemmer.stemWord(folded)
    return _spelling_map().get(stem, stem)


@lru_cache(maxsize=200_000)
def _analyse(word: str) -> tuple[str, str]:
    return fold(word), term_of(word)


def tokens(text: str) -> Iterator[Token]:
    for match in WORD_RE.finditer(text or ""):
        folded, term = _analyse(match.group())
        yield Token(match.start(), match.end(), folded, term)


def terms(text: str) -> list[str]:
    """The index terms of a text, in order (stop words kept so that phrases stay exact)."""
    return [term_of(word) for word in WORD_RE.findall(text or "")]


def words(text: str) -> list[str]:
    """Folded surface words, used for the typo-correction and completion vocabulary."""
    return [_analyse(word)[0] for word in WORD_RE.findall(text or "")]
