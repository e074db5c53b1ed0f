"""The index file: one SQLite database (WAL) holding documents, passages, FTS5 and vectors.

Tables:
- ``documents``: one row per document (its id, title, url, key points, facet data as JSON);
- ``passages``: row id ``(document << 10) | position``, heading, anchor, plain text, text hash;
- ``passages_fts``: FTS5 over the passages' analysed terms in four weighted columns
  (title, key_points, heading, body); the title is indexed with every passage;
- ``vectors``: one float32 embedding per passage (BLOB) and its partition (see partitions.py);
- ``facets``: (document, facet, value) rows; ``words``: surface vocabulary with document counts
  for typo correction and completion;
- ``changes``: a log of changed documents so other processes refresh their in-memory copy;
- ``meta``: schema version, vector partitions, and whatever the application keeps beside the
  documents (the site keeps its place in the database's change log there).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

import numpy as np

from . import analysis
from .documents import Document, Passage

SCHEMA_VERSION = "1"
CHANGE_LOG_KEEP = 20_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    key_points TEXT NOT NULL,
    sort_date TEXT NOT NULL,
    data TEXT NOT NULL,
    fingerprint TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS passages(
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL,
    heading TEXT NOT NULL,
    anchor TEXT NOT NULL,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_document ON passages(document);
CREATE INDEX IF NOT EXISTS passages_text_hash ON passages(text_hash);
CREATE TABLE IF NOT EXISTS vectors(
    passage INTEGER PRIMARY KEY, vector BLOB NOT NULL, list INTEGER
);
CREATE TABLE IF NOT EXISTS facets(document INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS facets_document ON facets(document);
CREATE TABLE IF NOT EXISTS words(
    word TEXT PRIMARY KEY, term TEXT NOT NULL, documents INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changes(seq INTEGER PRIMARY KEY AUTOINCREMENT, document INTEGER NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    title, key_points, heading, body, tokenize = 'unicode61 remove_diacritics 0'
);
"""


def connect(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA temp_store=MEMORY")
    connection.execute("PRAGMA cache_size=-65536")
    return connection


def create_schema(connection: sqlite3.Connection) -> None:
    connection.executescript(SCHEMA)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(vectors)")}
    if "list" not in columns:  # files made before vector partitions existed
        connection.execute("ALTER TABLE vectors ADD COLUMN list INTEGER")
    columns = {row[1] for row in connection.execute("PRAGMA table_info(documents)")}
    if "fingerprint" not in columns:  # files made before fingerprints: every document reads stale
        connection.execute("ALTER TABLE documents ADD COLUMN fingerprint TEXT NOT NULL DEFAULT ''")
    connection.execute(
        "CREATE INDEX IF NOT EXISTS vectors_unassigned ON vectors(passage) WHERE list IS NULL"
    )
    connection.execute(
        "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
    )


def embedding_text(document: Document, passage: Passage) -> str:
    """What the embedding model reads for a passage: the title gives every passage its context."""
    parts = [document.title.strip()]
    if passage.heading and passage.heading.strip() != document.title.strip():
        parts.append(passage.heading.strip())
    parts.append(passage.key_points or passage.text)
    return ". ".join(p for p in parts if p)


def text_hash(text: str, model: str) -> str:
    return hashlib.sha1(f"{model}\0{text}".encode()).hexdigest()


def document_words(title: str, key_points: str, texts: list[str]) -> set[str]:
    found = set(analysis.words(title)) | set(analysis.words(key_points))
    for text in texts:
        found.update(analysis.words(text))
    return {w for w in found if len(w) > 1 and not w.isdigit()}


def _adjust_words(connection: sqlite3.Connection, words: set[str], delta: int) -> None:
    if not words:
        return
    if delta > 0:
        connection.executemany(
            "INSERT INTO words(word, term, documents) VALUES (?, ?, 1) "
            "ON CONFLICT(word) DO UPDATE SET documents = documents + 1",
            [(w, analysis.term_of(w)) for w in words],
        )
    else:
        connection.executemany(
            "UPDATE words SET documents = documents - 1 WHERE word = ?", [(w,) for w in words]
        )
        connection.execute("DELETE FROM words WHERE documents <= 0")


def delete_document(connection: sqlite3.Connection, internal_id: int) -> dict[str, bytes]:
    """Remove a document's rows; returns its vectors by text hash, for reuse by an update."""
    row = connection.execute(
        "SELECT title, key_points FROM documents WHERE id = ?", (internal_id,)
    ).fetchone()
    if row is None:
        return {}
    passages = connection.execute(
        "SELECT p.id, p.text, p.text_hash, v.vector FROM passages p "
        "LEFT JOIN vectors v ON v.passage = p.id WHERE p.document = ?",
        (internal_id,),
    ).fetchall()
    old_vectors = {h: v for _, _, h, v in passages if v is not None}
    _adjust_words(connection, document_words(row[0], row[1], [p[1] for p in passages]), -1)
    ids = [(p[0],) for p in passages]
    connection.executemany("DELETE FROM passages_fts WHERE rowid = ?", ids)
    connection.executemany("DELETE FROM vectors WHERE passage = ?", ids)
    connection.execute("DELETE FROM passages WHERE document = ?", (internal_id,))
    connection.execute("DELETE FROM facets WHERE document = ?", (internal_id,))
    connection.execute("DELETE FROM documents WHERE id = ?", (internal_id,))
    return old_vectors


def write_document(
    connection: sqlite3.Connection,
    document: Document,
    passages: list[Passage],
    vectors: list[bytes | None],
    hashes: list[str],
) -> int:
    """Insert or replace one document (keeping its internal id so row ids stay stable)."""
    row = connection.execute(
        "SELECT id FROM documents WHERE doc_id = ?", (str(document.id),)
    ).fetchone()
    if row is not None:
        delete_document(connection, row[0])
    data = {"date": str(document.date or ""), "facets": document.facet_values()}
    values = (
        str(document.id),
        document.title or "",
        document.url or "",
        document.key_points or "",
        document.sort_date(),
        json.dumps(data),
        document.fingerprint(),
    )
    if row is None:
        cursor = connection.execute(
            "INSERT INTO documents(doc_id, title, url, key_points, sort_date, data, fingerprint) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            values,
        )
        internal_id = cursor.lastrowid
    else:
        internal_id = row[0]
        connection.execute(
            "INSERT INTO documents(id, doc_id, title, url, key_points, sort_date, data, "
            "fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (internal_id, *values),
        )
    title_terms = " ".join(analysis.terms(document.title))
    for passage, vector, digest in zip(passages, vectors, hashes, strict=True):
        passage_id = (internal_id << 10) | passage.position
        connection.execute(
            "INSERT INTO passages(id, document, heading, anchor, text, text_hash) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                passage_id,
                internal_id,
                passage.heading,
                passage.anchor,
                passage.key_points or passage.text,
                digest,
            ),
        )
        connection.execute(
            "INSERT INTO passages_fts(rowid, title, key_points, heading, body) VALUES (?, ?, ?, ?, ?)",
            (
                passage_id,
                title_terms,
                " ".join(analysis.terms(passage.key_points)),
                " ".join(analysis.terms(passage.heading)),
                " ".join(analysis.terms(passage.text)),
            ),
        )
        if vector is not None:
            connection.execute(
                "INSERT INTO vectors(passage, vector) VALUES (?, ?)", (passage_id, vector)
            )
    connection.executemany(
        "INSERT INTO facets(document, facet, value) VALUES (?, ?, ?)",
        [
            (internal_id, facet, value)
            for facet, values_ in document.facet_values().items()
            for value in values_
        ],
    )
    _adjust_words(
        connection,
        document_words(document.title, document.key_points, [p.text for p in passages]),
        +1,
    )
    connection.execute("INSERT INTO changes(document) VALUES (?)", (internal_id,))
    return internal_id


def log_change(connection: sqlite3.Connection, internal_id: int) -> None:
    connection.execute("INSERT INTO changes(document) VALUES (?)", (internal_id,))


def prune_changes(connection: sqlite3.Connection) -> None:
    last = connection.execute("SELECT max(seq) FROM changes").fetchone()[0] or 0
    connection.execute("DELETE FROM changes WHERE seq <= ?", (last - CHANGE_LOG_KEEP,))


def known_vectors(connection: sqlite3.Connection, hashes: list[str]) -> dict[str, bytes]:
    """Embeddings already stored for identical passage texts (re-indexing costs no model time)."""
    found: dict[str, bytes] = {}
    unique = list(dict.fromkeys(hashes))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for digest, vector in connection.execute(
            f"SELECT p.text_hash, v.vector FROM passages p JOIN vectors v ON v.passage = p.id "
            f"WHERE p.text_hash IN ({marks})",
            chunk,
        ):
            found.setdefault(digest, vector)
    return found


def vector_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()
