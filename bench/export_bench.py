"""Static archive export: time, size, Pagefind index size and in-browser search latency.

    .venv/bin/python bench/export_bench.py               # bundled library and 5,000 resources
    .venv/bin/python bench/export_bench.py --docs 500    # a quicker look at the generated library
    .venv/bin/python bench/export_bench.py --only bundled

For each library one worker process prepares (or reuses) a bench site under
``var/bench/export-<library>/`` (its own SQLite database; the generated library's 5,000 resources
are bulk-inserted by ``bench/search_latency.py``'s ``generate_pages``, CISI abstracts as text), then
measures, in the same run:

- the export (``archive.export.StaticSiteBuilder``: render, link, Pagefind index), its file count
  and size, and Pagefind's index size;
- the peer: rendering the very same URLs through Django's test ``Client`` as the live site would
  serve them (no writing, no link rewriting, no indexing); the ratio is export time / live time;
- search latency in headless Chromium: the export served by Python's http.server, Pagefind's JS
  search (``archiveSearch`` in ``archive-search.js``: Pagefind plus near matches) and the top five results' data, for the 20 queries in
  ``archive/data/search_queries.txt``: first pass (index chunks fetched) and second pass (cached);
- for the bundled library also the live ``/api/search`` latency for the same queries through the
  test client (the generated library has no live search index: building it runs the embedding
  model over every passage), and the ratio Pagefind / live.

Results: ``bench/results/export-<library>.json``.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import bench_sites

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
QUERIES = ROOT / "archive" / "data" / "search_queries.txt"
READY = bench_sites.READY
SETTINGS = "lfbl.settings.test"
CHROMIUM = "/usr/bin/chromium"


def var_dir(library: str) -> Path:
    return ROOT / "var" / "bench" / f"export-{library}"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def summary(values: list[float]) -> dict:
    return {
        "median": round(statistics.median(values), 2),
        "p95": round(percentile(values, 95), 2),
        "max": round(max(values), 2),
    }


def queries() -> list[str]:
    lines = QUERIES.read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def prepare(library: str, docs: int) -> dict:
    """The bench site's database, made once and reused while ``ready.json`` is there."""

    def build(timings: dict) -> None:
        if library == "bundled":
            from django.core.management import call_command

            with bench_sites.timed(timings, "live_search_index_s"):
                call_command("rebuild_search_index", verbosity=0)
        else:
            from search_latency import generate_pages

            with bench_sites.timed(timings, "generate_pages_s"):
                generate_pages(docs)

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop, no DB use
    return bench_sites.prepare_site(var_dir(library), SETTINGS, library, build)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# The search page's own function (archive-search.js: Pagefind plus near matches when fewer than
# five pages hold every word), timed with the top five results' data.
SEARCH_JS = """async (queries) => {
  const search = await import(document.querySelector("script[type=module]").src);
  const root = document.getElementById("archive-search");
  const started = performance.now();
  const pagefind = await search.loadPagefind(JSON.parse(root.dataset.ranking));
  const init = performance.now() - started;
  const passes = [];
  for (let pass = 0; pass < 2; pass++) {
    const times = [];
    for (const query of queries) {
      const t0 = performance.now();
      const {every, some} = await search.archiveSearch(pagefind, query);
      const t1 = performance.now();
      await Promise.all([...every, ...some].slice(0, 5).map((r) => r.data()));
      times.push({search: t1 - t0, with_top5: performance.now() - t0, total: every.length + some.length});
    }
    passes.push(times);
  }
  return {init, passes};
}"""


def browser_latency(out: Path) -> dict:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(out.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            tab = browser.new_page()
            tab.goto(f"http://127.0.0.1:{server.server_port}/{out.name}/search/index.html")
            answer = tab.evaluate(SEARCH_JS, queries())
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    first, second = answer["passes"]
    return {
        "pagefind_init_ms": round(answer["init"], 1),
        "first_pass_ms": summary([t["with_top5"] for t in first]),
        "first_pass_search_only_ms": summary([t["search"] for t in first]),
        "cached_ms": summary([t["with_top5"] for t in second]),
        "median_results": statistics.median(t["total"] for t in first),
    }


def live_search_latency(client) -> dict:
    for query in queries()[:3]:  # warm-up: loads the index snapshot and the model
        client.get("/api/search", {"q": query})
    times = []
    for query in queries():
        started = time.perf_counter()
        response = client.get("/api/search", {"q": query})
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return summary(times)


def measure(library: str) -> dict:
    from django.test import Client

    from archive.export import StaticSiteBuilder, _client_host
    from resources.models import ResourcePage

    client = Client(HTTP_HOST=_client_host())
    workdir = Path(tempfile.mkdtemp(prefix="export-bench-", dir=var_dir(library)))
    out = workdir / "archive"
    try:
        # A few pages first, so neither side pays for imports and template loading.
        for url in ("/", "/resources/", "/themes/", "/about/"):
            client.get(url)
        builder = StaticSiteBuilder(out, progress=True)
        started = time.perf_counter()
        result = builder.build()
        export_s = time.perf_counter() - started
        # The peer: the same URLs rendered by the live site, nothing written.
        urls = [
            f.key
            for f in builder.fetched.values()
            if f.file and not f.key.startswith(("/media/", "/static/", "/search/"))
        ]
        started = time.perf_counter()
        for url in urls:
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
        live_s = time.perf_counter() - started
        report = {
            "library": library,
            "resources": ResourcePage.objects.live().count(),
            "export": {
                "seconds": round(export_s, 1),
                "render_and_link_s": round(result.seconds_render, 1),
                "pagefind_index_s": round(result.seconds_index, 1),
                "html_pages": result.pages,
                "files": result.files,
                "size_mb": round(result.bytes / 1e6, 2),
                "pagefind_index_mb": round(result.pagefind_bytes / 1e6, 2),
                "urls_not_exported": len(result.missing),
            },
            "live_render_peer": {
                "urls": len(urls),
                "seconds": round(live_s, 1),
                "ms_per_url": round(live_s * 1000 / len(urls), 2),
            },
            "export_ms_per_url": round(export_s * 1000 / len(urls), 2),
            "ratio_export_to_live_render": round(export_s / live_s, 2),
            "pagefind_in_chromium": browser_latency(out),
        }
        if library == "bundled":
            live = live_search_latency(client)
            report["live_api_search_ms"] = live
            report["ratio_pagefind_first_pass_to_live_median"] = round(
                report["pagefind_in_chromium"]["first_pass_ms"]["median"] / live["median"], 3
            )
        return report
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def worker(library: str, docs: int, out: Path | None) -> int:
    info = prepare(library, docs)  # also sets Django up on the bench site
    if out is None:  # preparing only: measuring happens in a fresh process
        return 0
    out.write_text(json.dumps({**info, **measure(library)}))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=5000, help="resources in the generated library")
    parser.add_argument("--only", choices=("bundled", "generated"))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker, args.docs, args.out)

    libraries = [("bundled", 0), (str(args.docs), args.docs)]
    if args.only == "bundled":
        libraries = libraries[:1]
    elif args.only == "generated":
        libraries = libraries[1:]
    RESULTS.mkdir(parents=True, exist_ok=True)
    for library, docs in libraries:
        with tempfile.NamedTemporaryFile(suffix=".json") as handle:
            # Prepare in one process and measure in a fresh one, as the other benches do.
            command = [sys.executable, __file__, "--worker", library, "--docs", str(docs)]
            if not (var_dir(library) / READY).exists():
                subprocess.run(command, check=True)
            subprocess.run([*command, "--out", handle.name], check=True)
            report = json.loads(Path(handle.name).read_text())
        report["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count()}
        path = RESULTS / f"export-{library}.json"
        path.write_text(json.dumps(report, indent=2) + "\n")
        export, peer, search = (
            report["export"],
            report["live_render_peer"],
            report["pagefind_in_chromium"],
        )
        print(
            f"{library}: {report['resources']} resources, {export['html_pages']} pages, "
            f"{export['files']} files, {export['size_mb']} MB (Pagefind index "
            f"{export['pagefind_index_mb']} MB) in {export['seconds']} s; live render of the "
            f"same {peer['urls']} URLs {peer['seconds']} s -> export/live "
            f"{report['ratio_export_to_live_render']}x"
        )
        line = (
            f"  Pagefind in Chromium: first pass median {search['first_pass_ms']['median']} ms, "
            f"p95 {search['first_pass_ms']['p95']} ms; cached median "
            f"{search['cached_ms']['median']} ms"
        )
        if "live_api_search_ms" in report:
            live = report["live_api_search_ms"]
            line += (
                f"; live /api/search median {live['median']} ms, p95 {live['p95']} ms -> "
                f"Pagefind/live {report['ratio_pagefind_first_pass_to_live_median']}x"
            )
        print(line)
        print(f"  saved {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
