"""Ingest throughput: documents per second, PDF pages per second and peak memory.

    .venv/bin/python bench/ingest_throughput.py [--docs 400]

Generates a batch of documents from the bundled seed texts in every format the importer reads
(plain text, Markdown, HTML, DOCX made with python-docx, PDF typeset by weasyprint), then times the
full analysis (`ingest.pipeline.analyse_file`: sniffing, reading, repair, structure, references,
tag suggestions against the whole vocabulary). As the peer measured in the same run it times bare
text extraction of the same files (pypdf `extract_text`, trafilatura, mammoth, reading the text),
so the ratio shows what the analysis costs on top of getting the text out. Everything runs in one
process on one core, so the rates are per core (CPU seconds are reported too). It also times 1 MB
against 8 MB of generated text (import cost must grow at most linearly: <= 10x), and the admin
upload's path, where each file is analysed in a child process under time and memory limits.
Results go to `bench/results/ingest-throughput.json`.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mammoth  # noqa: E402
import trafilatura  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from ingest.isolation import analyse_with_limits  # noqa: E402
from ingest.pipeline import analyse_file  # noqa: E402
from ingest.tests.makers import (  # noqa: E402
    docx_file,
    html_document,
    markdown_file,
    seed_structure,
    weasyprint_pdf,
)
from ingest.tests.test_import_scales_linearly import generated_text  # noqa: E402
from ingest.vocabulary import Term, Vocabulary, plain_description  # noqa: E402

CORPUS = ROOT / "corpus"
FORMATS = ("txt", "md", "html", "docx", "pdf")


def vocabulary() -> Vocabulary:
    def rows(name):
        with (CORPUS / name).open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    def split(value):
        return tuple(v.strip() for v in (value or "").split(";") if v.strip())

    return Vocabulary(
        areas=[
            Term(r["name"], split(r["variants"]), split(r["local_authority"]) + (r["region"],))
            for r in rows("areas.csv")
        ],
        organisations=[
            Term(r["name"], split(r["abbreviation"])) for r in rows("organisations.csv")
        ],
        glossary_terms=[Term(r["term"], split(r["also_known_as"])) for r in rows("glossary.csv")],
        themes=[
            Term(r["name"], description=plain_description(r["description"]))
            for r in rows("themes.csv")
        ],
        resource_types=[Term(r["name"], (r["plural"],)) for r in rows("resource-types.csv")],
    )


def make_batch(folder: Path, count: int) -> list[Path]:
    """`count` documents: each a seed with its paragraphs reshuffled, in a rotating format."""
    seeds = sorted((CORPUS / "documents").glob("00*.txt"))
    rng = random.Random(7)
    paths = []
    for n in range(count):
        text = seeds[n % len(seeds)].read_text()
        structure = seed_structure(text)
        head, rest = structure[:1], structure[1:]
        rng.shuffle(rest)
        structure = (
            head + rest + [("paragraph", f"Generated document number {n} for the benchmark.")]
        )
        kind = FORMATS[n % len(FORMATS)]
        path = folder / f"doc-{n:04d}.{kind}"
        if kind == "txt":
            path.write_text("\n\n".join(t for _, t in structure))
        elif kind == "md":
            path.write_text(markdown_file(structure))
        elif kind == "html":
            path.write_text(html_document(structure))
        elif kind == "docx":
            path.write_bytes(docx_file(structure))
        else:
            path.write_bytes(weasyprint_pdf(structure))
        paths.append(path)
    return paths


def bare_extract(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    if path.suffix == ".html":
        return trafilatura.extract(data.decode()) or ""
    if path.suffix == ".docx":
        return mammoth.convert_to_html(io.BytesIO(data)).value
    return data.decode()


def timed(function, paths):
    start = time.perf_counter()
    for path in paths:
        function(path)
    return time.perf_counter() - start


def cpu_timed(function, paths):
    start = time.process_time()
    for path in paths:
        function(path)
    return time.process_time() - start


def linear_scaling(vocab) -> dict:
    """Seconds for 1 MB and 8 MB of generated text, and their ratio (linear would be 8)."""
    small, large = generated_text(1_000_000), generated_text(8_000_000)

    def run(data):
        start = time.perf_counter()
        analyse_file(data, "generated.txt", vocabulary=vocab, max_bytes=len(data) + 1)
        return time.perf_counter() - start

    one, eight = run(small), run(large)
    return {
        "1_mb_seconds": round(one, 2),
        "8_mb_seconds": round(eight, 2),
        "ratio": round(eight / one, 2),
    }


def isolated(vocab, paths) -> dict:
    """Seconds per file on the admin upload's path: a child process with limits per file."""
    sample = paths[:10]

    def run(path):
        analyse_with_limits(
            path, path.name, vocab, max_bytes=10**9, seconds=300, memory_bytes=2 * 1024**3
        )

    run(sample[0])  # the child server's first start
    return {"files": len(sample), "seconds_per_file": round(timed(run, sample) / len(sample), 3)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    args = parser.parse_args()
    vocab = vocabulary()
    with tempfile.TemporaryDirectory(prefix="lfbl-ingest-bench-") as folder:
        made = time.perf_counter()
        paths = make_batch(Path(folder), args.docs)
        made = time.perf_counter() - made
        pdfs = [p for p in paths if p.suffix == ".pdf"]
        pdf_pages = sum(len(PdfReader(p).pages) for p in pdfs)
        analyse = lambda path: analyse_file(path, vocabulary=vocab)  # noqa: E731
        analyse(paths[0])  # warm-up: imports, compiled patterns
        full = timed(analyse, paths)
        full_cpu = cpu_timed(analyse, paths[:50]) * len(paths) / min(len(paths), 50)
        # tracemalloc slows Python several times over, so it watches a separate, shorter pass.
        tracemalloc.start()
        timed(analyse, paths[:25])
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        full_pdf = timed(analyse, pdfs)
        bare = timed(bare_extract, paths)
        bare_pdf = timed(bare_extract, pdfs)
        in_child = isolated(vocab, paths)
    scaling = linear_scaling(vocab)
    result = {
        "documents": len(paths),
        "formats": {kind: sum(1 for p in paths if p.suffix == f".{kind}") for kind in FORMATS},
        "pdf_pages": pdf_pages,
        "generate_seconds": round(made, 2),
        "cores": os.cpu_count(),
        "analysis": {
            "seconds": round(full, 2),
            "cpu_seconds_estimated": round(full_cpu, 2),
            "documents_per_second": round(len(paths) / full, 1),
            "pdf_pages_per_second": round(pdf_pages / full_pdf, 1),
        },
        "peer_bare_extraction": {
            "seconds": round(bare, 2),
            "documents_per_second": round(len(paths) / bare, 1),
            "pdf_pages_per_second": round(pdf_pages / bare_pdf, 1),
        },
        "analysis_time_vs_bare_extraction": round(full / bare, 2),
        "admin_upload_child_process": in_child,
        "linear_scaling_1mb_vs_8mb": scaling,
        "targets": {
            "pdf_pages_per_second_per_core_at_least_20": round(pdf_pages / full_pdf, 1) >= 20,
            "eight_times_the_text_at_most_ten_times_the_time": scaling["ratio"] <= 10,
        },
        "peak_python_allocations_mb": round(traced_peak / 2**20, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
    }
    print(f"{result['documents']} documents ({result['pdf_pages']} PDF pages)")
    print(
        f"  full analysis : {result['analysis']['documents_per_second']} docs/s, "
        f"{result['analysis']['pdf_pages_per_second']} PDF pages/s"
    )
    print(
        f"  bare extract  : {result['peer_bare_extraction']['documents_per_second']} docs/s, "
        f"{result['peer_bare_extraction']['pdf_pages_per_second']} PDF pages/s"
    )
    print(
        f"  analysis takes {result['analysis_time_vs_bare_extraction']}x the bare extraction time"
    )
    print(
        f"  peak RSS {result['peak_rss_mb']} MB, peak Python allocations "
        f"{result['peak_python_allocations_mb']} MB"
    )
    print(
        f"  1 MB {scaling['1_mb_seconds']} s, 8 MB {scaling['8_mb_seconds']} s: "
        f"{scaling['ratio']}x (linear is 8x, the limit 10x)"
    )
    print(f"  admin upload path: {in_child['seconds_per_file']} s per file in a child process")
    out = ROOT / "bench" / "results" / "ingest-throughput.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
