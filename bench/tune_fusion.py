"""Compare ranking settings on a BEIR collection: the sweep behind ``SearchSettings``' defaults.

    .venv/bin/python bench/tune_fusion.py bench/data/cisi

Indexes the collection once (embeddings are the slow part), then scores each variant on the two
halves of the judged queries ("tune" chooses, "test" checks) and on all of them, next to bm25s.
Prints one line per variant: nDCG@10 / MAP@100 / P@10 / Recall@100 for tune, test and all.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.engine import SearchSettings  # noqa: E402
from search.evaluation import (  # noqa: E402
    build_index,
    load_collection,
    run_bm25s,
    run_queries,
    score,
    split_queries,
)


def variants() -> list[tuple[str, str, SearchSettings]]:
    base = SearchSettings()
    found = [("lexical", "lexical", base), ("semantic", "semantic", base)]
    for method in ("minmax", "tmm", "zscore", "rrf"):
        for weight in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
            found.append(
                (
                    f"{method} w={weight}",
                    "hybrid",
                    replace(base, normalisation=method, semantic_weight=weight),
                )
            )
    for share in (1.0, 0.5, 0.1):
        found.append(
            (f"common_term_share={share}", "hybrid", replace(base, common_term_share=share))
        )
    for title in (1.0, 3.0):
        found.append((f"title_weight={title}", "hybrid", replace(base, title_weight=title)))
    found.append(("site default", "hybrid", base))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    args = parser.parse_args()
    corpus, queries, qrels = load_collection(args.directory)
    parts = {p: split_queries(queries, p) for p in ("tune", "test", "all")}

    def line(name: str, run: dict) -> str:
        cells = []
        for part, ids in parts.items():
            figures = score({q: run.get(q, {}) for q in ids}, {q: qrels[q] for q in ids})
            cells.append(f"{part} " + "/".join(f"{v:.4f}" for v in figures.values()))
        return f"{name:28} " + "  ".join(cells)

    bm25s_run, _ = run_bm25s(corpus, queries)
    print(line("bm25s", bm25s_run), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        index = build_index(corpus, Path(tmp) / "index.sqlite3")
        for name, mode, settings in variants():
            index.settings = settings
            run, _ = run_queries(index, queries, mode, progress=False)
            print(line(name, run), flush=True)
        index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
