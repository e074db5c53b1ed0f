"""Measure search quality on a test collection in BEIR layout.

``evaluate_collection(directory)`` indexes ``corpus.jsonl`` through the site's own search engine
(same analysis, passages, embeddings and fusion) into a temporary, isolated SQLite file, runs every
judged query of ``qrels/test.tsv`` and scores the top 100 with pytrec_eval (nDCG@10, MAP@100, P@10,
Recall@100) for the site's configured ranking, lexical only, semantic only, and bm25s (BM25 with
the English stemmer and stop words) measured in the same run as the reference.

    python -m search.evaluation bench/data/cisi

prints a table and, as its last line, one JSON object keyed by ranking.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from search.engine import Document, Index, Query, SearchSettings, Section

DEPTH = 100
MEASURES = {
    "ndcg@10": "ndcg_cut_10",
    "map@100": "map_cut_100",
    "precision@10": "P_10",
    "recall@100": "recall_100",
}
RANKINGS = ("site", "lexical", "semantic", "bm25s")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_collection(directory: str | Path) -> tuple[list[dict], dict[str, str], dict]:
    """(corpus rows, {query id: text} for judged queries, qrels {query id: {doc id: grade}})."""
    directory = Path(directory)
    corpus = read_jsonl(directory / "corpus.jsonl")
    qrels: dict[str, dict[str, int]] = {}
    with open(directory / "qrels" / "test.tsv", encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t")
        for row in reader:
            if len(row) < 3 or row[0] == "query-id":
                continue
            qrels.setdefault(str(row[0]), {})[str(row[1])] = int(float(row[2]))
    queries = {
        str(q["_id"]): q["text"]
        for q in read_jsonl(directory / "queries.jsonl")
        if str(q["_id"]) in qrels
    }
    qrels = {qid: judged for qid, judged in qrels.items() if qid in queries}
    return corpus, queries, qrels


def split_queries(query_ids: Iterable[str], part: str) -> list[str]:
    """Deterministic halves of the judged queries: "tune" (1st, 3rd, …) and "test" (2nd, 4th, …)."""
    ordered = sorted(query_ids, key=lambda q: (len(q), q))
    if part == "all":
        return ordered
    return ordered[0::2] if part == "tune" else ordered[1::2]


def to_document(row: dict) -> Document:
    return Document(
        id=str(row["_id"]),
        title=row.get("title") or "",
        sections=[Section(text=row.get("text") or "")],
    )


def build_index(corpus: list[dict], path: str | Path, progress: bool = True, **index_options):
    index = Index(path, **index_options)
    with tqdm(total=len(corpus), desc="indexing", unit="doc", disable=not progress) as bar:
        index.add((to_document(row) for row in corpus), progress=bar.update)
    return index


def run_queries(
    index: Index, queries: dict[str, str], mode: str | None, progress: bool = True, label: str = ""
) -> tuple[dict[str, dict[str, float]], list[float]]:
    """Top-100 run {query id: {doc id: score}} (score from rank, so ties keep our order)."""
    run: dict[str, dict[str, float]] = {}
    timings: list[float] = []
    index.clear_caches()  # each ranking pays for its own query embeddings
    items = tqdm(queries.items(), desc=label or str(mode), unit="q", disable=not progress)
    for qid, text in items:
        started = time.perf_counter()
        results = index.search(
            Query(text=text, limit=DEPTH, mode=mode, facets=False, snippets=False)
        )
        timings.append((time.perf_counter() - started) * 1000)
        run[qid] = {hit.id: float(DEPTH - rank) for rank, hit in enumerate(results.hits)}
    return run, timings


def run_bm25s(corpus: list[dict], queries: dict[str, str]) -> tuple[dict, list[float]]:
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    ids = [str(row["_id"]) for row in corpus]
    texts = [f"{row.get('title') or ''} {row.get('text') or ''}" for row in corpus]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False))
    run, timings = {}, []
    for qid, text in queries.items():
        started = time.perf_counter()
        tokens = bm25s.tokenize([text], stopwords="en", stemmer=stemmer, show_progress=False)
        k = min(DEPTH, len(ids))
        if tokens.vocab and any(tokens.ids):
            docs, scores = retriever.retrieve(tokens, k=k, show_progress=False)
            run[qid] = {
                ids[int(d)]: float(s) for d, s in zip(docs[0], scores[0], strict=True) if s > 0
            }
        else:
            run[qid] = {}
        timings.append((time.perf_counter() - started) * 1000)
    return run, timings


def score(run: dict[str, dict[str, float]], qrels: dict[str, dict[str, int]]) -> dict[str, float]:
    """Mean of each measure over every judged query (a query with no results scores 0)."""
    import pytrec_eval

    evaluator = pytrec_eval.RelevanceEvaluator(qrels, set(MEASURES.values()))
    per_query = evaluator.evaluate({qid: docs for qid, docs in run.items() if docs})
    return {
        name: statistics.fmean(per_query.get(qid, {}).get(measure, 0.0) for qid in qrels)
        for name, measure in MEASURES.items()
    }


def evaluate_index(
    index: Index,
    corpus: list[dict],
    queries: dict[str, str],
    qrels: dict,
    rankings: Iterable[str] = RANKINGS,
    progress: bool = True,
) -> tuple[dict[str, dict[str, float]], dict[str, list[float]]]:
    figures, timings = {}, {}
    qrels = {qid: qrels[qid] for qid in queries}
    for ranking in rankings:
        if ranking == "bm25s":
            run, times = run_bm25s(corpus, queries)
        else:
            mode = None if ranking == "site" else ranking
            run, times = run_queries(index, queries, mode, progress, label=ranking)
        figures[ranking] = score(run, qrels)
        timings[ranking] = times
    return figures, timings


def evaluate_collection(
    directory: str | Path,
    *,
    settings: SearchSettings | None = None,
    queries: str = "all",
    progress: bool = True,
    timings: dict | None = None,
    **index_options,
) -> dict[str, dict[str, float]]:
    """Index a BEIR collection in a temporary index and score site/lexical/semantic/bm25s.

    ``queries`` is "all" (every judged query) or a half: "tune" or "test".
    ``timings``, if given, is filled with per-query milliseconds for each ranking.
    """
    corpus, all_queries, qrels = load_collection(directory)
    chosen = {qid: all_queries[qid] for qid in split_queries(all_queries, queries)}
    with tempfile.TemporaryDirectory(prefix="lfbl-eval-") as tmp:
        index = build_index(
            corpus, Path(tmp) / "index.sqlite3", progress, settings=settings, **index_options
        )
        try:
            figures, times = evaluate_index(index, corpus, chosen, qrels, progress=progress)
        finally:
            index.close()
    if timings is not None:
        timings.update(times)
    return figures


def format_table(figures: dict[str, dict[str, float]], timings: dict | None = None) -> str:
    header = f"{'ranking':<10}" + "".join(f"{m:>14}" for m in MEASURES)
    if timings:
        header += f"{'median ms':>12}"
    lines = [header, "-" * len(header)]
    for ranking, values in figures.items():
        line = f"{ranking:<10}" + "".join(f"{values[m]:>14.4f}" for m in MEASURES)
        if timings and timings.get(ranking):
            line += f"{statistics.median(timings[ranking]):>12.1f}"
        lines.append(line)
    if "site" in figures and "bm25s" in figures and figures["bm25s"]["ndcg@10"]:
        ratio = figures["site"]["ndcg@10"] / figures["bm25s"]["ndcg@10"]
        lines.append(f"site / bm25s nDCG@10 = {ratio:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", help="a collection in BEIR layout")
    parser.add_argument("--queries", choices=("all", "tune", "test"), default="all")
    parser.add_argument("--semantic-weight", type=float, default=None)
    args = parser.parse_args(argv)
    settings = SearchSettings()
    if args.semantic_weight is not None:
        settings = replace(settings, semantic_weight=args.semantic_weight)
    timings: dict = {}
    figures = evaluate_collection(
        args.directory, settings=settings, queries=args.queries, timings=timings
    )
    print(format_table(figures, timings), file=sys.stdout)
    print(json.dumps({r: {m: round(v, 4) for m, v in f.items()} for r, f in figures.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
