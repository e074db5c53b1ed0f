"""Themes suggested by meaning, not only by name: the page's own theme labels, and the themes its
sentences are closest to in the search engine's embedding space.

Each theme is represented by its description and by the resources already tagged with it (their
titles and summaries), embedded with the model the search engine uses. A document is represented
by a bounded sample of its sentences (title, summary, key points, opening paragraphs), so a long
document costs no more than a short one. The sentence closest to a theme is kept as the evidence
an editor sees. Confidence maps the similarity, and the theme's lead over the runner-up, onto 0-1
(`confidence()`); the threshold that applies a suggestion is a setting (ingest/review.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from .document import TagSuggestion
from .vocabulary import Term

THEME = "theme"
STATED_CONFIDENCE = 0.99
MAX_SENTENCES = 48
MAX_SENTENCE_CHARS = 400
# Calibration of cosine similarity to confidence, measured with `manage.py evaluate_import`
# (README, "Importing documents"): below FLOOR a theme is not suggested at all.
FLOOR = 0.30
SCALE = 0.25
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")


def suggest_themes(document, themes: list[Term], embedder=None) -> list[TagSuggestion]:
    """Stated theme labels first (near-certain), then themes by meaning, best first."""
    out = [
        TagSuggestion(THEME, name, STATED_CONFIDENCE, ["the page lists it among its themes"])
        for name in document.stated_themes
    ]
    stated = set(document.stated_themes)
    if not themes:
        return out
    sentences = document_sentences(document)
    if not sentences:
        return out
    embedder = embedder or _default_embedder()
    prototypes = theme_prototypes(tuple(themes), embedder)
    vectors = embedder.embed(sentences)
    weights = np.ones(len(sentences), dtype=np.float32)
    weights[0] = 3.0  # the title says most about what a resource is for
    centre = _unit((vectors * weights[:, None]).sum(axis=0))
    similarity = prototypes @ centre
    order = np.argsort(-similarity)
    best = float(similarity[order[0]])
    for rank, index in enumerate(order):
        name = themes[index].name
        score = float(similarity[index])
        if name in stated or score < FLOOR:
            continue
        evidence = sentences[int(np.argmax(vectors @ prototypes[index]))]
        confidence = calibrated(score, best, rank)
        out.append(TagSuggestion(THEME, name, confidence, [evidence]))
    return out


def calibrated(similarity: float, best: float, rank: int) -> float:
    """Similarity above the floor, less a penalty for trailing the best theme, as 0-1."""
    lead_penalty = 0.0 if rank == 0 else (best - similarity) * 2.0
    value = (similarity - FLOOR) / SCALE - lead_penalty
    return round(min(max(0.05 + 0.9 * value, 0.01), 0.95), 2)


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
def theme_prototypes(themes: tuple[Term, ...], embedder) -> np.ndarray:
    """One unit vector per theme: its name and description, with its tagged resources."""
    rows = []
    for theme in themes:
        texts = [theme.name, *_SENTENCE_END.split(theme.description or "")]
        texts = [text for text in texts if text.strip()]
        described = embedder.embed(texts).mean(axis=0)
        if theme.examples:
            examples = embedder.embed(list(theme.examples)).mean(axis=0)
            described = _unit(described) + _unit(examples)
        rows.append(_unit(described))
    return np.vstack(rows)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _default_embedder():
    from search.engine.embeddings import default_embedder

    return default_embedder()
