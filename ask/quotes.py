"""Choosing the quotes that answer a question, from the passages search found.

No Django here: given the question, candidate passages (``search.engine.PassageMatch``), an
embedding function and word weights, it scores every quotable piece (sentence or key point) by how
directly it answers, drops near-duplicates, and keeps the best one to ``max_quotes``, or none
when the best is below ``min_score`` (the library does not answer: abstain).

A piece's score is a weighted sum of
- its closeness in meaning to the question (cosine of the piece's own embedding),
- its passage's closeness (the stored passage vector, which carries the title and heading),
- how much of the question's weight in words it holds (idf-weighted, with glossary synonyms),
  in the piece itself and, at a third of the weight, in its title and heading,
- a bonus when it states the kind of value the question asks for ("when ...?": a year; "how
  many ...?": a figure; ``data/answer_kinds.tsv``),
- a bonus when it holds every number of the question; a document holding none of a question's
  numbers cannot answer it (see ``numbers.py``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from search.engine import PassageMatch, analysis
from search.engine.lexical import Synonyms
from search.engine.query import parse

from .numbers import all_present, answer_kind, holds_kind, numbers_in
from .sentences import Piece, pieces_of

DATA = Path(__file__).resolve().parent / "data"
Embed = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class AskSettings:
    """How answers are chosen. ``min_score`` is the abstention threshold, chosen by measurement
    (``manage.py evaluate_ask``; see README); the weights are fixed, not fitted per question."""

    min_score: float = 0.41
    max_quotes: int = 5
    documents: int = 8  # best search results whose passages are read
    passages: int = 10  # passages whose pieces are scored
    max_pieces: int = 80  # bounds the embedding work of one question
    margin: float = 0.1  # further quotes score within this of the best
    sentence_weight: float = 0.45
    passage_weight: float = 0.1
    words_weight: float = 0.25
    number_bonus: float = 0.1
    kind_bonus: float = 0.1  # the piece states the kind of value asked for (a year, a figure)
    named_bonus: float = 0.1  # the question names the piece's resource by its title
    focus_bonus: float = 0.1  # the piece names what a "what ... / which ...?" question asks for
    duplicate_cosine: float = 0.9
    duplicate_overlap: float = 0.7
    related_questions: int = 3  # Q&A articles shown below the answer
    question_similarity: float = 0.5  # their title's cosine with the question, at least


@dataclass(frozen=True)
class Quote:
    """A piece chosen for the answer, with the passage it was cut from."""

    piece: Piece
    passage: PassageMatch
    score: float

    @property
    def text(self) -> str:
        return self.piece.text


@dataclass(frozen=True)
class Choice:
    """The quotes for one question (best first) and the best score seen, answered or not."""

    quotes: tuple[Quote, ...]
    best_score: float

    @property
    def answered(self) -> bool:
        return bool(self.quotes)


class QuestionWords:
    """The question's content words, each with its synonyms and its weight (idf)."""

    def __init__(self, question: str, synonyms: Synonyms, frequencies: Callable):
        parsed = parse(question)
        synonyms.expand(parsed)
        stop = analysis.stopwords() | question_words()
        self.options: list[list[tuple[str, ...]]] = []
        for clause in parsed.free:
            if clause.words and clause.words[0] in stop and not clause.alternatives:
                continue
            # A letter on its own is no word to match: the "s" of "Local Trust's", an initial.
            if all(len(term) < 2 for term in clause.terms) and not clause.alternatives:
                continue
            self.options.append([tuple(clause.terms), *map(tuple, clause.alternatives)])
        self.options += [[tuple(alt) for alt in group] for group in parsed.expansions]
        df, size = frequencies({term for o in self.options for term in o[0]})
        # A word the library never uses weighs most: nothing in it can answer for that word.
        # A phrase (a multi-word synonym) weighs as its rarest word.
        self.weights = [max(_idf(df.get(t, 0), size) for t in o[0]) for o in self.options]
        self.total = sum(self.weights)

    def share_in(self, terms: Sequence[str]) -> float:
        """The share of the question's word weight that ``terms`` hold (0 to 1)."""
        if not self.total:
            return 0.0
        present = set(terms)
        joined = " " + " ".join(terms) + " "
        held = 0.0
        for options, weight in zip(self.options, self.weights, strict=True):
            if any(
                (o[0] in present) if len(o) == 1 else (" " + " ".join(o) + " ") in joined
                for o in options
            ):
                held += weight
        return held / self.total


def _idf(df: int, size: int) -> float:
    # Counts of a term's several spellings can add up past the library's size: clamp them.
    df = min(df, size)
    return math.log(1 + (max(size, 1) - df + 0.5) / (df + 0.5))


@lru_cache(maxsize=1)
def question_words() -> frozenset[str]:
    """Words that shape a question (``data/question_words.txt``), left out of word matching."""
    lines = (DATA / "question_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def choose(
    question: str,
    passages: Sequence[PassageMatch],
    embed: Embed,
    words: QuestionWords,
    settings: AskSettings,
    bylines: Sequence[PassageMatch] = (),
) -> Choice:
    """The quotes that answer ``question`` best, or none (``Choice.answered`` is False).

    ``bylines`` are the header lines of the resources the question names by title (the caller
    checks that with ``names_title``: "By Ann Lee · July 2020"): always scored, and quoted first
    when the question asks who made a resource or when it appeared
    (``data/record_questions.txt``) and the byline says so."""
    wanted_numbers = numbers_in(question)
    kind = answer_kind(question)
    passages = [p for p in passages if _document_has(p, passages, wanted_numbers)]
    bylines = [b for b in bylines if _document_has(b, passages, wanted_numbers)]
    named = {p.document for p in passages if names_title(question, p.title)}
    named |= {byline.document for byline in bylines}
    candidates = _candidate_pieces(passages, words, settings, named, kind)
    about_record = asks_about_record(question)
    candidates += [(piece, byline) for byline in bylines for piece in pieces_of(byline.text)]
    if not candidates:
        return Choice((), 0.0)
    vectors = embed([question, *(piece.text for piece, _ in candidates)])
    question_vector, piece_vectors = vectors[0], vectors[1:]
    focus = focus_of(question)
    scores = [
        _score(piece, passage, float(vector @ question_vector), words, wanted_numbers, settings)
        + (settings.kind_bonus if holds_kind(kind, piece.text) else 0.0)
        + (settings.focus_bonus if focus and focus in analysis.terms(piece.text) else 0.0)
        + (settings.named_bonus if passage.document in named else 0.0)
        for (piece, passage), vector in zip(candidates, piece_vectors, strict=True)
    ]
    # A named resource's byline that says what a question about its record asks (who wrote it,
    # when it appeared) is the direct answer: it comes first, whatever the closeness in meaning.
    direct = {
        i
        for i, (piece, passage) in enumerate(candidates)
        if about_record and passage in bylines and holds_kind(kind, piece.text)
    }
    order = sorted(range(len(candidates)), key=lambda i: (i not in direct, -scores[i]))
    best = max(scores)
    if best < settings.min_score and not direct:
        return Choice((), best)
    chosen: list[int] = []
    for i in order:
        if len(chosen) >= settings.max_quotes:
            break
        if i not in direct and scores[i] < best - settings.margin:
            break
        if not any(_duplicates(i, j, candidates, piece_vectors, settings) for j in chosen):
            chosen.append(i)
    quotes = tuple(Quote(candidates[i][0], candidates[i][1], scores[i]) for i in chosen)
    return Choice(quotes, best)


def _document_has(
    passage: PassageMatch, passages: Sequence[PassageMatch], numbers: frozenset[str]
) -> bool:
    if not numbers:
        return True
    text = " ".join([passage.title] + [p.text for p in passages if p.document == passage.document])
    return all_present(numbers, text)


@lru_cache(maxsize=1)
def _record_questions() -> list[re.Pattern]:
    lines = (DATA / "record_questions.txt").read_text(encoding="utf-8").splitlines()
    return [re.compile(line, re.IGNORECASE) for line in lines if line and not line.startswith("#")]


# "What roles did ...", "Which skills mattered ...": the words between the opening and the verb
# name what is asked for, and the last of them is its head ("roles", "skills"). "What kind of X"
# asks for X; "Which years of research" for years.
_FOCUS_VERBS = frozenset(
    "did does do was were is are has have had can could would should will might must "
    "mattered matter count counts made make makes helped help helps".split()
)
_FOCUS_KINDS = frozenset("kind kinds type types sort sorts form forms".split())


def focus_of(question: str) -> str | None:
    """The index term of what a "what/which ...?" question asks for (its head noun: "What roles
    did partnerships take on?" asks for roles), or None, as for a question asking for a kind of
    value (a year, a figure: ``answer_kind``), which its own bonus covers."""
    words = _WORDS.findall((question or "").casefold())
    if len(words) < 3 or words[0] not in ("what", "which") or answer_kind(question):
        return None
    phrase: list[str] = []
    for word in words[1:6]:
        if word in _FOCUS_VERBS:
            break
        if word == "of":
            if phrase and phrase[-1] in _FOCUS_KINDS:
                phrase = []
                continue
            break
        phrase.append(word)
    else:
        return None  # no verb close after the opening: not a "what X did ...?" question
    found = analysis.terms(" ".join(phrase))
    return found[-1] if found and found[-1] not in analysis.stopwords() else None


def asks_about_record(question: str) -> bool:
    """True when the question asks who wrote or made a resource, or when it was published."""
    return any(pattern.search(question or "") for pattern in _record_questions())


def names_title(question: str, title: str) -> bool:
    """True when the question names a resource by its title, or by a part of it of three words or
    more ("Who wrote Power in our hands?" names "PLAIN TEXT - Power in our hands - An inquiry
    into ..."), so the resource's own pieces are preferred."""
    asked = f" {' '.join(_WORDS.findall(question.casefold()))} "
    for part in _TITLE_PARTS.split(title or ""):
        wanted = _WORDS.findall(part.casefold())
        if len(wanted) >= 3 and len("".join(wanted)) >= 12 and f" {' '.join(wanted)} " in asked:
            return True
    return False


_WORDS = re.compile(r"[^\W_]+")
# A name: a capitalised word ("Noel", "StreetGames", "LTOs"), after the question's first word.
_NAME = re.compile(r"(?<=\s)[A-Z][^\W_]*")


def names_in(question: str) -> list[str]:
    """The capitalised words of a question after its first word: the places, people and bodies
    it asks about ("How many members did the Noel Park partnership have?": Noel, Park)."""
    return _NAME.findall(question or "")


def unknown_name(question: str, frequencies: Callable, known_text: str = "") -> str | None:
    """A name of the question that the library never uses (no resource holds any of its terms,
    and ``known_text``, the library's own pages, does not hold it), or None. The library cannot
    answer a question about a place or body it never mentions, however close the rest is."""
    folded = known_text.casefold()
    names = [name for name in names_in(question) if name.casefold() not in folded]
    terms = {name: analysis.terms(name) for name in names}
    df, _size = frequencies({term for found in terms.values() for term in found})
    for name in names:
        if terms[name] and not any(df.get(term, 0) for term in terms[name]):
            return name
    return None


# Where a title's parts meet: "Title: subtitle", "PLAIN TEXT - Title - subtitle".
_TITLE_PARTS = re.compile(r"\s*[:|]\s+|\s+[-–—]\s+")


def _candidate_pieces(
    passages: Sequence[PassageMatch],
    words: QuestionWords,
    settings: AskSettings,
    named: set[str] = frozenset(),
    kind: str | None = None,
) -> list[tuple[Piece, PassageMatch]]:
    """Pieces of the passages that look most like an answer, at most ``max_pieces``: passages
    close to the question in meaning and words, of a resource it names, or stating the kind of
    value it asks for (a question "when ...?" reads first the passages that hold a year)."""

    def closeness(p: PassageMatch) -> float:
        shared = words.share_in(analysis.terms(f"{p.heading} {p.text}"))
        bonus = settings.named_bonus if p.document in named else 0.0
        bonus += settings.kind_bonus if kind and holds_kind(kind, p.text) else 0.0
        return p.similarity + shared + bonus

    ranked = sorted(passages, key=lambda p: -closeness(p))
    candidates: list[tuple[Piece, PassageMatch]] = []
    for passage in ranked[: settings.passages]:
        for piece in pieces_of(passage.text, key_points=passage.is_key_points):
            candidates.append((piece, passage))
            if len(candidates) >= settings.max_pieces:
                return candidates
    return candidates


def _score(
    piece: Piece,
    passage: PassageMatch,
    cosine: float,
    words: QuestionWords,
    numbers: frozenset[str],
    settings: AskSettings,
) -> float:
    own = words.share_in(analysis.terms(piece.text))
    context = words.share_in(analysis.terms(f"{passage.title} {passage.heading} {piece.text}"))
    score = (
        settings.sentence_weight * cosine
        + settings.passage_weight * passage.similarity
        + settings.words_weight * (2 * own + context) / 3
    )
    if numbers and all_present(numbers, piece.text):
        score += settings.number_bonus
    return score


def _duplicates(
    i: int,
    j: int,
    candidates: Sequence[tuple[Piece, PassageMatch]],
    vectors: np.ndarray,
    settings: AskSettings,
) -> bool:
    """Near-duplicates: the same point made twice (a key point that repeats the body)."""
    if float(vectors[i] @ vectors[j]) >= settings.duplicate_cosine:
        return True
    a = set(analysis.terms(candidates[i][0].text))
    b = set(analysis.terms(candidates[j][0].text))
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= settings.duplicate_overlap
