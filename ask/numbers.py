"""Numbers and dates in a question, matched exactly.

Meaning-based matching treats "2018" and "2019", or "40" and "400", as near neighbours; a reader
asking about 2018 does not want the 2019 figure. So the numbers of a question are read as exact
values ("2,000" = "2000", "1.50" = "1.5", "£1m" = "1") and checked against each piece's own numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
YEAR_RE = re.compile(r"(?<!\d)(1[89]|20)\d\d(?!\d)")
NUMBER_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?")


def numbers_in(text: str) -> frozenset[str]:
    """The exact values of the numbers written in ``text``, in figures or in words ("seventh"
    and "seven" are 7; ``data/number_values.tsv``)."""
    values = _word_values()
    words = re.findall(r"[^\W\d_]+", (text or "").casefold())
    return figures_in(text) | {values[word] for word in words if word in values}


def figures_in(text: str) -> frozenset[str]:
    """The exact values of the numbers written in figures in ``text``."""
    found = set()
    for match in NUMBER_RE.finditer(text or ""):
        value = match.group().replace(",", "")
        if "." in value:
            value = value.rstrip("0").rstrip(".")
        value = value.lstrip("0") or "0"
        found.add(value)
    return frozenset(found)


def all_present(wanted: frozenset[str], text: str) -> bool:
    """True when every number in ``wanted`` is written in ``text`` (trivially so for none)."""
    return not wanted or wanted <= numbers_in(text)


def _lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _answer_kinds() -> list[tuple[re.Pattern, str]]:
    rows = [line.split("\t") for line in _lines("answer_kinds.tsv")]
    return [(re.compile(pattern + r"\b", re.IGNORECASE), kind.strip()) for pattern, kind in rows]


@lru_cache(maxsize=1)
def _word_values() -> dict[str, str]:
    rows = [line.split("\t") for line in _lines("number_values.tsv")]
    return {word.strip().casefold(): value.strip() for word, value in rows}


@lru_cache(maxsize=1)
def _number_words() -> frozenset[str]:
    return frozenset(line.strip().casefold() for line in _lines("number_words.txt"))


def answer_kind(question: str) -> str | None:
    """ "year", "number" or "agent" when the question asks for one (``data/answer_kinds.tsv``)."""
    text = (question or "").strip()
    for pattern, kind in _answer_kinds():
        if pattern.match(text):
            return kind
    return None


# "carried out by IVAR", "research from New Local", "led by the Young Foundation".
AGENT_RE = re.compile(r"\b(?:[Bb]y|[Ff]rom)\s+(?:the\s+)?[A-Z][\w&'’-]+")


def holds_kind(kind: str | None, text: str) -> bool:
    """True when ``text`` states a value of that kind (a year; a figure or number word; who
    did something, named after "by" or "from")."""
    if kind == "agent":
        return bool(AGENT_RE.search(text))
    if kind == "year":
        return bool(YEAR_RE.search(text))
    if kind == "number":
        words = {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}
        return bool(figures_in(text)) or bool(words & _number_words())
    return False
