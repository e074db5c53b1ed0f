"""The site's search index: published resources fed to the search engine, kept in step with the CMS.

The engine (`search/engine/`) knows nothing of Django; this module turns a resource page into an
engine `Document` (its facets are those of `resources/facets.py`, the listing's own) and gives the
views one shared `Index`. Glossary terms supply the engine's synonyms (LTO ⇄ Locally Trusted
Organisation).
"""

import re
import threading
from pathlib import Path

from django.conf import settings

from resources.facets import facet_values, prefetches
from resources.models import ResourcePage
from resources.record import record_of, with_record_prefetches
from search.engine import Document, Index, SearchSettings, Section
from security.visibility import is_visible

_lock = threading.Lock()
_index: Index | None = None


def glossary_synonyms() -> dict[str, list[str]]:
    """Each glossary term with its other names, both ways round."""
    from glossary.models import GlossaryTerm

    synonyms: dict[str, list[str]] = {}
    for term in GlossaryTerm.objects.all():
        # "Locally Trusted Organisation (LTO)" is searched as its name without the bracket.
        name = re.sub(r"\s*\([^)]*\)\s*$", "", term.term).strip()
        names = [name, *term.synonyms]
        for word in names:
            others = [other for other in names if other.lower() != word.lower()]
            if others:
                synonyms.setdefault(word, []).extend(others)
    return synonyms


def get_index() -> Index:
    """The shared index (one per process), opened on first use."""
    global _index
    with _lock:
        if _index is None:
            path = Path(settings.SEARCH_INDEX_PATH)
            path.parent.mkdir(parents=True, exist_ok=True)
            # SEARCH_RANKING overrides the measured defaults, e.g. {"semantic_weight": 0.5}.
            ranking = SearchSettings(**getattr(settings, "SEARCH_RANKING", {}))
            _index = Index(path, synonyms=glossary_synonyms(), settings=ranking)
        return _index


def reset_index() -> None:
    """Forget the open index (tests and rebuilds point it at a fresh file)."""
    global _index
    with _lock:
        if _index is not None:
            _index.close()
        _index = None


def resource_document(page) -> Document:
    """The engine's document for a resource: its words from its public record (the text every
    output shares), its facets from the facet registry."""
    resource = record_of(page)
    sections = []
    if resource.summary and not page.summary_repeats_body:
        sections.append(Section(resource.summary))
    sections += [Section(s.text, s.heading, s.anchor) for s in resource.sections]
    sections += attachment_sections(page)
    published = resource.publication_date.date
    return Document(
        id=str(page.pk),
        title=resource.title,
        url=page.url,  # a path on the site, as search results link
        key_points="\n".join(resource.key_points),
        sections=sections,
        facets=facet_values(page),
        date=published.isoformat() if published else "",
    )


# Apps that know more text of a resource than its page shows (the importer reads the text of its
# attached files) add a function page -> [Section] here; search itself imports none of them.
SECTION_SOURCES: list = []


def register_section_source(source) -> None:
    """Add `source(page) -> list[Section]`: more text to index as sections of each resource."""
    if source not in SECTION_SOURCES:
        SECTION_SOURCES.append(source)


def attachment_sections(page) -> list[Section]:
    """The sections the registered sources add (the text inside attached PDF and DOCX files)."""
    return [section for source in SECTION_SOURCES for section in source(page)]


def index_resource(page) -> None:
    """Index `page` if the public may see it; otherwise make sure the index does not hold it."""
    if is_visible(page):
        get_index().add([resource_document(page)])
    else:
        remove_resource(page.pk)


def reindex_resources(page_ids) -> None:
    """Bring these resources in the index in line with the database: indexed if publicly visible,
    removed if not (or gone)."""
    pages = with_record_prefetches(ResourcePage.objects.filter(pk__in=page_ids))
    pages = {page.pk: page for page in pages}
    for page_id in page_ids:
        if page_id in pages:
            index_resource(pages[page_id])
        else:
            remove_resource(page_id)


def remove_resource(page_id) -> None:
    get_index().delete([str(page_id)])


def visible_resources():
    return with_record_prefetches(ResourcePage.objects.visible()).prefetch_related(*prefetches())


def rebuild(progress=None) -> int:
    """Index every publicly visible resource from scratch; returns how many were indexed."""
    from search import change_log, index_sync

    index = get_index()
    # Read before the pages (changes made meanwhile are applied again), and the old position
    # forgotten first: a rebuild killed halfway leaves an index that is checked in full.
    start = change_log.latest_position() or index_sync.LOG_START
    index_sync.set_position(index, None)
    index.clear()
    index.set_synonyms(glossary_synonyms())
    count = index.add((resource_document(page) for page in visible_resources()), progress=progress)
    index.optimise()
    index_sync.set_position(index, start)
    return count
