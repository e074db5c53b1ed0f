"""The evaluation indexes a BEIR-layout collection through the engine and scores it with a library."""

from __future__ import annotations

import json

import pytest

from search import evaluation

DOCS = [
    ("d1", "Library classification", "The Dewey decimal classification of library books."),
    ("d2", "Citation analysis", "Counting citations between journals to map science."),
    ("d3", "Online catalogues", "Users searching an online public access catalogue."),
    ("d4", "Indexing languages", "Controlled vocabularies and thesauri for indexing documents."),
    ("d5", "Gardening", "Growing vegetables in allotments."),
]
QUERIES = [
    ("q1", "How are library books classified?"),
    ("q2", "citation counts between journals"),
    ("q3", "a query nobody judged"),
]
QRELS = [("q1", "d1", 1), ("q2", "d2", 1)]


@pytest.fixture
def collection(tmp_path):
    (tmp_path / "qrels").mkdir()
    with open(tmp_path / "corpus.jsonl", "w") as handle:
        for doc_id, title, text in DOCS:
            handle.write(json.dumps({"_id": doc_id, "title": title, "text": text}) + "\n")
    with open(tmp_path / "queries.jsonl", "w") as handle:
        for query_id, text in QUERIES:
            handle.write(json.dumps({"_id": query_id, "text": text}) + "\n")
    with open(tmp_path / "qrels" / "test.tsv", "w") as handle:
        handle.write("query-id\tcorpus-id\tscore\n")
        for query_id, doc_id, grade in QRELS:
            handle.write(f"{query_id}\t{doc_id}\t{grade}\n")
    return tmp_path


def test_evaluate_collection_scores_every_ranking(collection):
    figures = evaluation.evaluate_collection(collection, progress=False)
    assert set(figures) == {"site", "lexical", "semantic", "bm25s"}
    for ranking, values in figures.items():
        assert set(values) == {"ndcg@10", "map@100", "precision@10", "recall@100"}, ranking
        assert all(0.0 <= v <= 1.0 for v in values.values())
    # Both judged queries have an obvious answer: every ranking finds them.
    assert figures["site"]["recall@100"] == pytest.approx(1.0)
    assert figures["site"]["ndcg@10"] > 0.8


def test_only_judged_queries_are_run(collection):
    _, queries, qrels = evaluation.load_collection(collection)
    assert set(queries) == set(qrels) == {"q1", "q2"}


def test_query_halves_split_the_judged_queries():
    ids = [str(n) for n in range(1, 11)]
    tune = evaluation.split_queries(ids, "tune")
    test = evaluation.split_queries(ids, "test")
    assert not set(tune) & set(test) and sorted(tune + test, key=int) == ids


def test_command_line_prints_a_table_then_json_last(collection, capsys):
    assert evaluation.main([str(collection)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("ranking")
    figures = json.loads(lines[-1])
    assert set(figures) == {"site", "lexical", "semantic", "bm25s"}
