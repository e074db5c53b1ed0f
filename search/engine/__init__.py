"""The LfBL search engine: one small interface over an SQLite file.

    from search.engine import Document, Index, Query, Section

    index = Index("var/search.sqlite3", synonyms={"LTO": ["Locally Trusted Organisation"]})
    index.add([Document(id="1", title="...", sections=[Section("...", "Heading", "anchor")])])
    results = index.search(Query("youth clubs", filters={"region": ["North West"]}))

It knows nothing of Django: the site feeds it documents (and glossary synonyms), the evaluation
feeds it a BEIR collection, the benchmarks a generated library.
"""

from .documents import Document, Section
from .embeddings import OnnxEmbedder, default_embedder
from .index import Index
from .passages import PassageMatch
from .query import Query
from .results import FacetValue, Hit, SearchResults
from .settings import SearchSettings

__all__ = [
    "Document",
    "FacetValue",
    "Hit",
    "Index",
    "OnnxEmbedder",
    "PassageMatch",
    "Query",
    "SearchResults",
    "SearchSettings",
    "Section",
    "default_embedder",
]
