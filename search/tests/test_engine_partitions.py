"""Vector partitions: large indexes probe a few k-means groups instead of every passage."""

from __future__ import annotations

import hashlib

import numpy as np

from search.engine import Document, Index, Query, Section, partitions


class WordHashEmbedder:
    """Bag-of-words vectors: fast, deterministic, and similar when texts share words."""

    name = "word-hash"
    dimensions = 64

    def embed(self, texts):
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                digest = hashlib.md5(word.strip(".,").encode()).digest()
                out[row, digest[0] % self.dimensions] += 1.0
            out[row] /= max(np.linalg.norm(out[row]), 1e-9)
        return out


def test_large_indexes_search_partitions_and_keep_exact_lexical_scores(tmp_path, monkeypatch):
    monkeypatch.setattr(partitions, "MIN_VECTORS", 100)
    words = [f"w{n}" for n in range(400)]
    documents = [
        Document(
            id=str(n),
            title=f"Document {n}",
            sections=[Section(" ".join(words[(n * 7 + k) % 400] for k in range(6)))],
        )
        for n in range(300)
    ]
    index = Index(tmp_path / "big.sqlite3", embedder=WordHashEmbedder())
    index.add(documents, batch_size=50)
    index.search(Query("warm"))
    snapshot = index.snapshot
    assert snapshot.partitioned and snapshot.centroids is not None
    assert (snapshot.vec_list >= 0).all()  # every vector assigned to a partition
    # A passage's own text: its vector's closest centroid is its partition, which is probed.
    text = "Document 10. " + " ".join(words[70 + k] for k in range(6))
    query = np.asarray(WordHashEmbedder().embed([text])[0])
    rows, cosines = snapshot.nearest_rows(query)
    assert len(cosines) < len(snapshot.vec_ids)  # only some partitions were read
    results = index.search(Query(text, mode="semantic", limit=5))
    assert results.hits[0].id == "10"
    # A lexical candidate gets its exact cosine even when its partition was not probed.
    hybrid = index.search(Query("w70 w71 w72 w73 w74 w75", limit=5))
    assert hybrid.hits[0].id == "10"


def test_small_indexes_compare_every_passage(tmp_path):
    index = Index(tmp_path / "small.sqlite3", embedder=WordHashEmbedder())
    index.add([Document(id="a", title="Alpha", sections=[Section("one two three")])])
    index.search(Query("one"))
    assert not index.snapshot.partitioned
