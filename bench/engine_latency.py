"""Latency, build time and memory of the search engine on a generated library.

    .venv/bin/python bench/engine_latency.py --docs 100000

Generates ``--docs`` resources (titles and sections drawn from the CISI abstracts in
``bench/data/cisi``; types, themes, regions and areas from ``corpus/``), indexes them into
``var/bench/engine-<docs>.sqlite3`` (kept between runs; ``--rebuild`` to start again) and times
searches after a warm-up: the site's hybrid ranking, lexical only, and hybrid with a filter, each with
facet counts and highlighted snippets for a page of 10. Results go to ``bench/results/``.

Passage vectors are real MiniLM vectors: every CISI abstract is embedded once and a generated
passage reuses the vector of the abstract it was cut from, plus a little noise (embedding 100,000
documents on two cores would take hours and measure the model, not the search). Queries are embedded by the model for
real, inside the timed search.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.engine import Document, Index, Query, Section, default_embedder  # noqa: E402

CISI = ROOT / "bench" / "data" / "cisi"
CORPUS = ROOT / "corpus"


def read_csv(name: str) -> list[dict]:
    path = CORPUS / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class PooledEmbedder:
    """Real model for queries; for generated passages, the stored vector of their source text."""

    def __init__(self, pool: list[str]):
        self.model = default_embedder()
        self.name = self.model.name + "+pool"
        self.dimensions = self.model.dimensions
        cache = ROOT / "var" / "bench" / "cisi-vectors.npy"
        if cache.exists():
            vectors = np.load(cache)
        else:
            vectors = self.model.embed(pool)
            cache.parent.mkdir(parents=True, exist_ok=True)
            np.save(cache, vectors)
        self.by_tail = {text.strip()[-120:]: vectors[k] for k, text in enumerate(pool)}

    def embed(self, texts):
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        missing = []
        for k, text in enumerate(texts):
            vector = self.by_tail.get(text.strip()[-120:])
            if vector is None:
                missing.append(k)
            else:
                # A little noise per passage, as real passages are never exact duplicates
                # (identical vectors would pile into one partition).
                seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest())
                noisy = vector + np.random.default_rng(seed).normal(0, 0.015, self.dimensions)
                out[k] = noisy / np.linalg.norm(noisy)
        if missing:
            out[missing] = self.model.embed([texts[k] for k in missing])
        return out


def generate(count: int, rows: list[dict], seed: int = 7):
    rng = random.Random(seed)
    # Abstracts short enough to stay one passage, so each passage has its pooled vector.
    rows = [r for r in rows if len(r["text"].split()) <= 190]
    types = [r["name"] for r in read_csv("resource-types.csv")] or ["Report", "Story"]
    themes = [r["name"] for r in read_csv("themes.csv")] or ["Community change"]
    areas = read_csv("areas.csv")
    regions = [r["name"] for r in read_csv("regions.csv")] or ["London"]
    for n in range(count):
        title = rng.choice(rows)["title"] or "Untitled"
        sections = []
        for s in range(rng.randint(1, 4)):
            text = rng.choice(rows)["text"]
            sections.append(Section(text=text, heading=f"Section {s + 1}", anchor=f"s{s + 1}"))
        area = rng.choice(areas) if areas else {"name": "Area", "region": rng.choice(regions)}
        year = rng.randint(2010, 2026)
        yield Document(
            id=f"gen-{n}",
            title=title,
            url=f"/resources/gen-{n}/",
            key_points=rng.choice(rows)["text"] if rng.random() < 0.3 else "",
            sections=sections,
            facets={
                "type": [rng.choice(types)],
                "theme": rng.sample(themes, k=min(len(themes), rng.randint(1, 3))),
                "region": [area.get("region") or rng.choice(regions)],
                "area": [area["name"]],
                "year": [str(year)],
            },
            date=f"{year}-{rng.randint(1, 12):02d}-01",
        )


def queries(rows: list[dict], count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    glossary = [r["term"] for r in read_csv("glossary.csv")]
    themes = [r["name"] for r in read_csv("themes.csv")]
    words = [w for r in rows[:300] for w in r["title"].split() if len(w) > 4]
    found = []
    for n in range(count):
        kind = n % 6
        if kind == 0 and glossary:
            found.append(rng.choice(glossary))
        elif kind == 1 and themes:
            found.append(rng.choice(themes))
        elif kind == 2:
            found.append(" ".join(rng.sample(words, 2)))
        elif kind == 3:
            word = rng.choice(words).lower()
            k = rng.randrange(1, len(word) - 1)
            found.append(word[:k] + word[k + 1] + word[k] + word[k + 2 :])  # a typo
        elif kind == 4:
            found.append(f'"{" ".join(rng.choice(rows)["text"].split()[2:4])}"')
        else:
            found.append(" ".join(rng.choice(rows)["title"].split()[:6]))
    return found


def percentile(values: list[float], p: float) -> float:
    return float(np.percentile(values, p)) if values else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    with open(CISI / "corpus.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    embedder = PooledEmbedder([f"{r['text']}" for r in rows])
    synonyms = {}
    for r in read_csv("glossary.csv"):
        synonyms[r["term"]] = [v for v in (r.get("also_known_as") or "").split(";") if v]
    path = ROOT / "var" / "bench" / f"engine-{args.docs}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    build_seconds = None
    if args.rebuild or not path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        index = Index(path, embedder=embedder, synonyms=synonyms)
        started = time.perf_counter()
        index.add(generate(args.docs, rows), batch_size=500)
        build_seconds = time.perf_counter() - started
        print(f"built {args.docs} documents in {build_seconds:.1f}s", flush=True)
    index = Index(path, embedder=embedder, synonyms=synonyms)
    started = time.perf_counter()
    index.optimise()  # vector partitions (a no-op once built)
    optimise_seconds = time.perf_counter() - started

    started = time.perf_counter()
    index.search(Query("warm up"))  # loads the snapshot: documents, facets, vectors
    load_seconds = time.perf_counter() - started
    texts = queries(rows, args.queries)
    region = next((r["name"] for r in read_csv("regions.csv")), "London")
    variants = {
        "hybrid": lambda t: Query(t),
        "lexical": lambda t: Query(t, mode="lexical"),
        "hybrid+filter": lambda t: Query(t, filters={"region": [region]}),
        "hybrid page 3": lambda t: Query(t, offset=20),
    }
    for text in texts[:20]:  # warm-up
        index.search(Query(text))
    report = {
        "documents": args.docs,
        "passages": int(index.snapshot.vec_ids.shape[0]),
        "build_seconds": build_seconds,
        "optimise_seconds": round(optimise_seconds, 2),
        "snapshot_load_seconds": round(load_seconds, 2),
        "vector_partitions": index.snapshot.partitioned,
        "index_file_mb": round(os.path.getsize(path) / 1e6, 1),
        "vectors_mb": round(index.snapshot.matrix.nbytes / 1e6, 1),
        "max_rss_mb": None,
        "machine": f"{platform.machine()} {os.cpu_count()} cores",
        "latency_ms": {},
    }
    for name, make in variants.items():
        index.clear_caches()
        times = []
        totals = []
        for text in texts:
            started = time.perf_counter()
            results = index.search(make(text))
            times.append((time.perf_counter() - started) * 1000)
            totals.append(results.total)
        report["latency_ms"][name] = {
            "median": round(statistics.median(times), 1),
            "p95": round(percentile(times, 95), 1),
            "max": round(max(times), 1),
            "median_results": int(statistics.median(totals)),
        }
        print(name, report["latency_ms"][name], flush=True)
    suggest_times = []
    for text in texts:
        started = time.perf_counter()
        index.suggest(text[:4])
        suggest_times.append((time.perf_counter() - started) * 1000)
    report["latency_ms"]["suggest"] = {
        "median": round(statistics.median(suggest_times), 2),
        "p95": round(percentile(suggest_times, 95), 2),
    }
    report["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    out = ROOT / "bench" / "results" / f"engine-latency-{args.docs}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
