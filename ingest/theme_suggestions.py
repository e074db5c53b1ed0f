"""Themes suggested by meaning, not only by name: the page's own theme labels, the themes its
sentences are closest to in the search engine's embedding space, and the themes of the library's
resources its sentences are closest to.

Each theme is represented by its own words (name, description and keyword phrases), embedded with
the model the search engine uses. The resources already tagged with a theme are its examples: each
of their passages (title and summary, or a section) votes for its themes when it is among the
nearest to one of the document's sentences. A document is represented by a bounded sample of its
sentences (title, summary, key points, opening paragraphs), so a long document costs no more than a
short one. The sentence closest to a theme is kept as the evidence an editor sees. Confidence maps
the score, and the theme's lead over the runner-up, onto 0-1 (`calibrated()`); the threshold that
applies a suggestion is a setting (ingest/review.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from .document import TagSuggestion
from .vocabulary import Example, Term

THEME = "theme"
STATED_CONFIDENCE = 0.99
MAX_SENTENCES = 48
MAX_SENTENCE_CHARS = 400
# Measured with `manage.py evaluate_import` (its threshold sweep) on the development pages labelled
# by an editor's judgement and on the bundled library's documents (README, "Importing documents"):
# themes by meaning at confidence 0.6 and above were right 12 times in 12 on the pages and 4 in 4
# on the library, at 0.5 about 3 in 4. Lower ones wait for the editor's review.
FLOOR = 0.10  # centred cosine similarity below which a theme is not suggested at all
TOP_SENTENCES = 3
NAMED_BONUS = 0.10  # the theme's own words in the title, summary or key points
# Averaging examples into a theme's vector blurred every theme towards what all Big Local resources
# say (measured: recall 0.6 with, 0.8 without, at the same precision); as neighbours that vote, with
# each theme's share of all examples taken off, they add only where a document is like them. With
# the bundled library's five tagged resources the vote changed no measured suggestion (weights 0,
# 0.05 and 0.1 gave the same sweep); it counts for more as editors tag more resources.
NEIGHBOURS = 10
VOTE_WEIGHT = 0.05
LEAD_BONUS = 0.5  # per unit of score the best theme leads the runner-up by
MAX_BY_MEANING = 0.8
WHEN_THEMES_STATED = 0.5  # at most, for themes by meaning on a page that lists its own
_COMMON_WORDS = frozenset("community based and working local people change resident".split())
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")


def suggest_themes(document, themes: list[Term], embedder=None) -> list[TagSuggestion]:
    """Stated theme labels first (near-certain), then themes by meaning, best first."""
    out = [
        TagSuggestion(THEME, name, STATED_CONFIDENCE, ["the page lists it among its themes"])
        for name in document.stated_themes
    ]
    sentences = document_sentences(document)
    if not themes or not sentences:
        return out
    embedder = embedder or _default_embedder()
    prototypes, common = theme_prototypes(tuple(themes), embedder)
    vectors = _units(embedder.embed(sentences) - common)
    # A theme is as near as the few sentences nearest to it: a document about several things is
    # near each of them in some sentences, while its average is near none.
    by_sentence = vectors @ prototypes.T
    nearest = np.sort(by_sentence, axis=0)[-min(TOP_SENTENCES, len(sentences)) :].mean(axis=0)
    headline = " ".join([document.title, document.summary, *document.key_points]).lower()
    named = np.array([NAMED_BONUS * _named(theme.name, headline) for theme in themes])
    votes = example_votes(vectors, tuple(themes), embedder, exclude=document.content_hash)
    scores = nearest + named + VOTE_WEIGHT * votes
    # Evidence is a sentence of the text where one will do, not a heading or the title.
    headings = {document.title, *(section.heading for section in document.sections)}
    lines = np.array([-1.0 if sentence in headings else 0.0 for sentence in sentences])
    order = np.argsort(-scores)
    best = float(scores[order[0]])
    runner_up = float(scores[order[1]]) if len(order) > 1 else None
    for rank, index in enumerate(order):
        name, score = themes[index].name, float(scores[index])
        if name in document.stated_themes or score < FLOOR:
            continue
        evidence = sentences[int(np.argmax(by_sentence[:, index] + lines))]
        confidence = calibrated(score, best, rank, runner_up)
        if document.stated_themes:
            # The page names its own themes: others are for the editor to consider, not apply.
            confidence = min(confidence, WHEN_THEMES_STATED)
        out.append(TagSuggestion(THEME, name, confidence, [evidence]))
    return out


def calibrated(score: float, best: float, rank: int, runner_up: float | None = None) -> float:
    """A score as the share of such suggestions an editor would keep (measured, see FLOOR)."""
    value = 0.45 + (score - FLOOR) * 1.15
    if rank:
        value -= 2.0 * (best - score)  # trailing the best theme makes a suggestion less likely
    elif runner_up is not None:
        value += LEAD_BONUS * (score - runner_up)  # and a clear lead more likely
    return round(min(max(value, 0.05), MAX_BY_MEANING), 2)


def _named(theme_name: str, text: str) -> bool:
    """The theme's distinctive words ("assets", "wellbeing", "pride") appear in the text."""
    words = [w for w in re.findall(r"[a-z]+", theme_name.lower()) if w not in _COMMON_WORDS]
    return any(word[:6] in text for word in words if len(word) >= 4)


def document_sentences(document) -> list[str]:
    """A bounded, representative sample of the document's sentences, the title first."""
    texts = [document.title, document.summary, *document.key_points]
    for section in document.sections:
        if section.heading:
            texts.append(section.heading)
        texts += section.paragraphs[:3]
    sentences: list[str] = []
    for text in texts:
        for sentence in _SENTENCE_END.split(text or ""):
            sentence = sentence.strip()
            if len(sentence.split()) >= 3 and sentence not in sentences:
                sentences.append(sentence[:MAX_SENTENCE_CHARS])
            if len(sentences) >= MAX_SENTENCES:
                return sentences
    if document.title and (not sentences or sentences[0] != document.title[:MAX_SENTENCE_CHARS]):
        sentences.insert(0, document.title[:MAX_SENTENCE_CHARS])
    return sentences[:MAX_SENTENCES]


@lru_cache(maxsize=4)
def theme_prototypes(themes: tuple[Term, ...], embedder) -> tuple[np.ndarray, np.ndarray]:
    """One unit vector per theme (its name, description and keywords), centred on what all themes
    share, and that shared vector: every theme of this library speaks of residents, partnerships
    and Big Local, and only what sets a theme apart tells them apart."""
    rows = []
    for theme in themes:
        texts = [theme.name, *_SENTENCE_END.split(theme.description or ""), *theme.variants]
        rows.append(_unit(embedder.embed([t for t in texts if t.strip()]).mean(axis=0)))
    matrix = np.vstack(rows)
    common = matrix.mean(axis=0)
    return _units(matrix - common), common


def example_votes(vectors, themes: tuple[Term, ...], embedder, exclude: str = "") -> np.ndarray:
    """Per theme, how much more often than its share of all examples the passages nearest to the
    document's sentences are tagged with it (between -1 and 1; 0 where there are no examples).

    A passage from the file being imported (same content hash) is left out: a document is no
    evidence for itself."""
    passages, labels, sources = theme_examples(themes, embedder)
    keep = np.array([not exclude or source != exclude for source in sources], dtype=bool)
    if not keep.any():
        return np.zeros(len(themes))
    passages, labels = passages[keep], labels[keep]
    similarity = np.maximum(vectors @ passages.T, 0.0)
    k = min(NEIGHBOURS, len(passages))
    nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
    weights = np.take_along_axis(similarity, nearest, axis=1)
    shares = np.einsum("sk,skt->st", weights, labels[nearest])
    shares /= np.maximum(weights.sum(axis=1, keepdims=True), 1e-9)
    return shares.mean(axis=0) - labels.mean(axis=0)


@lru_cache(maxsize=4)
def theme_examples(themes: tuple[Term, ...], embedder) -> tuple[np.ndarray, np.ndarray, tuple]:
    """The themes' example passages, once each however many themes a resource has: their
    centred unit vectors, their themes (one row of 0/1 per passage) and their sources."""
    owners: dict[Example, list[int]] = {}
    for index, theme in enumerate(themes):
        for example in theme.examples:
            owners.setdefault(example, []).append(index)
    if not owners:
        return np.zeros((0, 1)), np.zeros((0, len(themes))), ()
    _, common = theme_prototypes(themes, embedder)
    examples = list(owners)
    vectors = _units(embedder.embed([example.text for example in examples]) - common)
    labels = np.zeros((len(examples), len(themes)))
    for row, example in enumerate(examples):
        labels[row, owners[example]] = 1.0
    return vectors, labels, tuple(example.source for example in examples)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _units(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)


def _default_embedder():
    from search.engine.embeddings import default_embedder

    return default_embedder()
