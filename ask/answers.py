"""Answering a question from the library: the one entry point the page, the API and the
evaluation share.

``ask(question)`` searches the site's index (which holds only publicly visible resources),
reads the passages of the best few resources, lets ``quotes.choose`` pick the sentences that
answer, and adds what a reader needs around them: a link to each quote's passage with the sentence
highlighted, the resources drawn on, and the library's Q&A articles whose questions are closest.
Nothing is written here: every sentence shown is a slice of the library's own text.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

import numpy as np
from django.conf import settings

from resources.models import BYLINE_ANCHOR, ResourcePage, ResourceType
from resources.quote_marks import MARK_ID
from search.engine import Hit, PassageMatch, Query
from search.index_sync import current_index
from search.site_index import get_index

from .library_pages import library_passages
from .links import quote_link
from .quotes import AskSettings, Choice, QuestionWords, choose, names_title, unknown_name

MAX_QUESTION_LENGTH = 1000
VECTOR_CACHE_SIZE = 20_000
BYLINE_HEADING = "About this resource"


@dataclass(frozen=True)
class QuotedPassage:
    """One quote of the answer: the sentence, where it comes from, and the link to it there."""

    text: str
    title: str
    url: str  # the resource
    link: str  # the passage, with the quote highlighted
    heading: str
    key_point: bool
    score: float


@dataclass(frozen=True)
class Source:
    """A resource: one the answer drew on, or a Q&A article close to the question."""

    title: str
    url: str
    type: str


@dataclass(frozen=True)
class Answer:
    question: str
    quotes: tuple[QuotedPassage, ...] = ()
    sources: tuple[Source, ...] = ()
    questions: tuple[Source, ...] = ()
    best_score: float = 0.0
    took_ms: float = 0.0
    search_url: str = field(default="")

    @property
    def answered(self) -> bool:
        return bool(self.quotes)


def ask_settings() -> AskSettings:
    """The measured defaults, with the ``ASK`` Django setting's overrides (a dict of fields)."""
    return replace(AskSettings(), **getattr(settings, "ASK", {}))


def ask(question: str) -> Answer:
    """The library's answer to ``question`` (never raises on odd input: it abstains)."""
    started = time.perf_counter()
    text = " ".join(str(question or "").split())[:MAX_QUESTION_LENGTH]
    search_url = "/search/?" + urlencode({"q": text})
    if not text:
        return Answer(question=text, search_url=search_url)
    config = ask_settings()
    index = get_index()
    hits = _visible(index.search(Query(text, limit=config.documents, facets=False)).hits)
    passages = index.passages([hit.id for hit in hits], text) + _measured(library_passages(), text)
    # A byline is one piece: measured on its own words, its vector is the one its piece reuses.
    bylines = _measured(_bylines(hits, text), text, with_heading=False)
    words = QuestionWords(text, index.synonyms, index.document_frequencies)
    library_text = " ".join(passage.text for passage in library_passages())
    if unknown_name(text, index.document_frequencies, library_text):
        choice = Choice((), 0.0)  # it asks about a name the library never uses
    else:
        choice = choose(text, passages, _embed, words, config, bylines)
    return Answer(
        question=text,
        quotes=_quoted(choice),
        sources=_sources(choice, hits),
        questions=_closest_questions(text, config),
        best_score=choice.best_score,
        took_ms=(time.perf_counter() - started) * 1000,
        search_url=search_url,
    )


def _visible(hits: list[Hit]) -> list[Hit]:
    """Hits whose resource the public may see now. The index already holds only those; this
    is the database's word on it, for a server whose index has not yet caught up."""
    ids = [int(hit.id) for hit in hits if hit.id.isdigit()]
    visible = ResourcePage.objects.visible().filter(pk__in=ids).values_list("pk", flat=True)
    visible = {str(pk) for pk in visible}
    return [hit for hit in hits if hit.id in visible]


def _bylines(hits: list[Hit], question: str) -> list[PassageMatch]:
    """The header byline ("By Ann Lee · July 2020 · Local Trust") of each resource the question
    names by its title, as a passage: "who wrote ...?" and "when was ... published?" are
    answered there, and the importer moves such lines out of the text into the record."""
    named = {
        int(hit.id): hit for hit in hits if hit.id.isdigit() and names_title(question, hit.title)
    }
    found = []
    for page in ResourcePage.objects.visible().filter(pk__in=named).prefetch_related("authors"):
        if byline := page.byline():
            hit = named[page.pk]
            found.append(
                PassageMatch(
                    hit.id, hit.title, hit.url, 1, BYLINE_HEADING, BYLINE_ANCHOR, byline, 0.0
                )
            )
    return found


def _measured(passages, text: str, *, with_heading: bool = True) -> list:
    """Passages of the library's own pages, with their closeness to the question measured as
    the index measures its own (heading and text)."""
    if not passages:
        return []
    vectors = _embed(
        [text, *(f"{p.heading}. {p.text}" if with_heading else p.text for p in passages)]
    )
    closeness = vectors[1:] @ vectors[0]
    return [replace(p, similarity=float(c)) for p, c in zip(passages, closeness, strict=True)]


def _is_library_page(passage) -> bool:
    return passage.document.startswith("page:")


def _link(quote) -> str:
    return quote_link(quote.passage.url, _anchor(quote), quote.text)


def _quoted(choice: Choice) -> tuple[QuotedPassage, ...]:
    return tuple(
        QuotedPassage(
            text=quote.text,
            title=quote.passage.title,
            url=quote.passage.url,
            link=_link(quote),
            heading=quote.passage.heading,
            key_point=quote.piece.key_point,
            score=round(quote.score, 4),
        )
        for quote in choice.quotes
    )


def _anchor(quote) -> str:
    # Key points sit under the page's "Key points" heading; a library page's quote is found by
    # its mark (those pages have no section anchors of their own).
    if _is_library_page(quote.passage):
        return MARK_ID
    return "key-points" if quote.piece.key_point else quote.passage.anchor


def _sources(choice: Choice, hits: list[Hit]) -> tuple[Source, ...]:
    types = _type_names()
    by_id = {hit.id: hit for hit in hits}
    sources = {}
    for quote in choice.quotes:
        passage = quote.passage
        if _is_library_page(passage):
            sources.setdefault(passage.url, Source(passage.title, passage.url, "Library page"))
        elif passage.document in by_id:
            hit = by_id[passage.document]
            sources.setdefault(hit.url, Source(hit.title, hit.url, _type_of(hit, types)))
    return tuple(sources.values())


def _closest_questions(text: str, config: AskSettings) -> tuple[Source, ...]:
    """Resources whose title is a question (types with `title_is_question`: Q&A articles),
    closest in meaning to the one asked."""
    question_types = list(
        ResourceType.objects.filter(title_is_question=True).values_list("slug", flat=True)
    )
    query = Query(text, filters={"type": question_types}, limit=2 * config.related_questions)
    hits = _visible(current_index().search(replace(query, facets=False, snippets=False)).hits)
    if not hits:
        return ()
    vectors = _embed([text, *(hit.title for hit in hits)])
    closeness = vectors[1:] @ vectors[0]
    types = _type_names()
    ranked = sorted(zip(closeness, hits, strict=True), key=lambda pair: -pair[0])
    return tuple(
        Source(hit.title, hit.url, _type_of(hit, types))
        for cosine, hit in ranked[: config.related_questions]
        if cosine >= config.question_similarity
    )


def _type_of(hit: Hit, names: dict) -> str:
    slug = (hit.facets.get("type") or ("",))[0]
    return names.get(slug, slug)


def _type_names() -> dict:
    return dict(ResourceType.objects.values_list("slug", "name"))


_vectors: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_vectors_lock = threading.Lock()


def _embed(texts) -> np.ndarray:
    """Embeddings of pieces and questions, the last ``VECTOR_CACHE_SIZE`` kept: the same
    passages come up for many questions."""
    embedder = get_index().embedder
    if embedder is None:
        return np.zeros((len(texts), 1), dtype=np.float32)
    keys = [(embedder.name, text) for text in texts]
    with _vectors_lock:
        missing = list(dict.fromkeys(k for k in keys if k not in _vectors))
    embedded = embedder.embed([text for _, text in missing]) if missing else []
    with _vectors_lock:
        for key, vector in zip(missing, embedded, strict=True):
            _vectors[key] = vector
        found = [_vectors.get(k) for k in keys]
        while len(_vectors) > VECTOR_CACHE_SIZE:
            _vectors.popitem(last=False)
    return np.stack(found)
