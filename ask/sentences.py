"""Cutting a passage into the pieces an answer can quote: sentences, or key points.

Every piece is an exact slice of the passage text as indexed (``text[start:end]``), so what the
answer shows is verbatim. A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quote or
bracket) followed by a space and a capital, digit or opening quote, unless the word before the stop
is a known abbreviation (``data/abbreviations.txt``); a line break always ends a piece. Key points
are one per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
# The end of a sentence: a stop, any closing quotes or brackets, then white space.
BOUNDARY_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9£])")
LINE_RE = re.compile(r"[^\n]+")
WORD_BEFORE_RE = re.compile(r"([\w.]+)[.!?…]+[\"'”’)\]]*$")
MIN_WORDS = 3


@dataclass(frozen=True)
class Piece:
    """One quotable piece of a passage: ``text == passage_text[start:end]``."""

    text: str
    start: int
    end: int
    key_point: bool = False

    @property
    def words(self) -> int:
        return len(self.text.split())


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    lines = (DATA / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip()[:1] not in "#")


def pieces_of(text: str, key_points: bool = False) -> list[Piece]:
    """The quotable pieces of a passage, in order. Fragments under ``MIN_WORDS`` words (list
    scraps, stray headings) and lead-ins ending in a colon are left out: alone they answer
    nothing."""
    found: list[Piece] = []
    for line in LINE_RE.finditer(text or ""):
        spans = [(line.start(), line.end())] if key_points else _sentence_spans(text, line)
        for start, end in spans:
            start, end = _trimmed(text, start, end)
            piece = Piece(text[start:end], start, end, key_points)
            if piece.words >= MIN_WORDS and not piece.text.endswith(":"):
                found.append(piece)
    return found


def _sentence_spans(text: str, line: re.Match) -> list[tuple[int, int]]:
    spans = []
    start = line.start()
    for boundary in BOUNDARY_RE.finditer(text, line.start(), line.end()):
        if _after_abbreviation(text[start : boundary.end()]):
            continue
        spans.append((start, boundary.end()))
        start = boundary.end()
    spans.append((start, line.end()))
    return spans


def _after_abbreviation(sentence: str) -> bool:
    match = WORD_BEFORE_RE.search(sentence)
    if not match:
        return False
    word = match.group(1).casefold()
    # A single capital letter and a stop is an initial ("J. Smith"), not the end of a sentence.
    return word in abbreviations() or (len(word) == 1 and word.isalpha())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # A key point or list item written with a leading bullet quotes without it.
    while start < end and text[start] in "-•*–":
        start += 1
        while start < end and text[start].isspace():
            start += 1
    return start, end
