"""CPU per page: each key page kind rendered in process, with its SQL query count.

    .venv/bin/python bench/page_cpu.py                       # 20 passes, results page-cpu.*
    .venv/bin/python bench/page_cpu.py --passes 5 --name page-cpu-quick

One process prepares (or reuses) a site of its own in ``--var`` (default
``/tmp/lfbl-bench-page-cpu``, outside the worktree; built by ``bench/bench_sites.py``: migrate, the
bundled library, the search index, collected static files), with the settings the load test serves
(``lfbl.settings.production``: its caches, the page cache among them; ``LFBL_PAGE_CACHE_SECONDS=0``
turns that off, to measure rendering). Then, through Django's test
``Client`` (URL routing, middleware, view, templates or JSON; no network, no gunicorn):

- a warm-up: one request of each kind (imports, templates, the search model), then the cache
  cleared;
- the cold pass: every address once, on an empty cache, timed (as the first reader of a page
  after the worker starts or the page is published);
- the query pass: every address once more, counting SQL queries
  (``django.test.utils.CaptureQueriesContext``, kept out of the timed passes since it forces the
  debug cursor);
- ``--passes`` timed passes over every address: the warm figure, as a worker serves a page
  again and again under the load test.

Each kind has a few addresses (``--addresses``), chosen as ``bench/load_readers.py`` chooses them
(filters, queries, random resources with a fixed seed), so a cache of one page is not all a kind
measures. Time is ``time.process_time()`` (CPU of this process) and wall time, in ms per request.

Results: ``bench/results/<name>.json`` and ``.txt``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_sites  # noqa: E402

ROOT = bench_sites.ROOT
RESULTS = ROOT / "bench" / "results"
SETTINGS = "lfbl.settings.production"
QUERIES = ROOT / "archive" / "data" / "search_queries.txt"
KINDS = (
    "home",
    "listing (filtered)",
    "resource page",
    "theme page",
    "area page",
    "search",
    "api list",
    "api detail",
)


def prepare(folder: Path) -> dict:
    os.environ.pop("DATABASE_URL", None)  # SQLite in the bench folder, as the load test's first run
    os.environ.setdefault("LFBL_SECRET_KEY", "page-cpu-bench-" + "k" * 40)
    os.environ.setdefault("LFBL_LOG_LEVEL", "ERROR")

    def build(timings: dict) -> None:
        from django.core.management import call_command

        with bench_sites.timed(timings, "search_index_s"):
            call_command("check_search_index", verbosity=0)
        with bench_sites.timed(timings, "collectstatic_s"):
            call_command("collectstatic", "--noinput", verbosity=0)

    return bench_sites.prepare_site(folder, SETTINGS, "bundled", build)


def addresses(count: int, seed: int = 13) -> dict[str, list[str]]:
    """A few addresses of each kind, as the load test's readers pick them (fixed seed)."""
    from areas.models import AreaPage, Region
    from resources.models import ResourcePage, ResourceType
    from themes.models import ThemePage

    pick = random.Random(seed)
    resources = list(ResourcePage.objects.visible().order_by("pk"))
    types = list(ResourceType.objects.values_list("slug", flat=True))
    themes = list(ThemePage.objects.visible().order_by("path"))
    regions = list(Region.objects.values_list("slug", flat=True))
    areas = list(AreaPage.objects.visible().order_by("path"))
    lines = QUERIES.read_text().splitlines()
    queries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]

    listings = ["/resources/"]
    facets = (("type", types), ("theme", [t.slug for t in themes]), ("region", regions))
    while len(listings) < count:
        params = [f"{name}={pick.choice(values)}" for name, values in facets if values][
            : 1 + len(listings) % 3
        ]
        if len(listings) % 4 == 3:
            params.append("page=2")
        listings.append("/resources/?" + "&".join(params))
    chosen = pick.sample(resources, min(count, len(resources)))
    searches = [f"/search/?q={q.replace(' ', '+')}" for q in pick.sample(queries, count)]
    return {
        "home": ["/"],
        "listing (filtered)": listings,
        "resource page": [page.url for page in chosen],
        "theme page": [page.url for page in pick.sample(themes, min(count, len(themes)))],
        "area page": [page.url for page in pick.sample(areas, min(count, len(areas)))],
        "search": searches,
        "api list": ["/api/v1/resources/"]
        + [f"/api/v1/resources/?theme={t.slug}" for t in pick.sample(themes, count - 1)],
        "api detail": [f"/api/v1/resources/{page.slug}/" for page in chosen],
    }


def fetch(client, url: str) -> int:
    response = client.get(url, secure=True)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    else:
        response.content  # noqa: B018 - rendered in full
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code}")
    return response.status_code


def timed(client, url: str) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    fetch(client, url)
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def measure(passes: int, count: int) -> dict:
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from archive.export import _client_host

    client = Client(HTTP_HOST=_client_host())
    urls = addresses(count)
    for kind in KINDS:  # warm-up: imports, templates, the search engine's model and snapshot
        fetch(client, urls[kind][-1])
    for store in caches.all():  # the page cache too: the cold pass renders every page
        store.clear()

    result = {kind: {"addresses": urls[kind]} for kind in KINDS}
    for kind in KINDS:
        cold = [timed(client, url) for url in urls[kind]]
        result[kind]["cold_cpu_ms"] = round(statistics.mean(c for c, _ in cold), 1)
    for kind in KINDS:
        counts = []
        for url in urls[kind]:
            with CaptureQueriesContext(connection) as queries:
                fetch(client, url)
            counts.append(len(queries.captured_queries))
        result[kind]["queries"] = {"min": min(counts), "max": max(counts), "per_address": counts}
    samples = {kind: [] for kind in KINDS}
    for _ in range(passes):  # interleaved: a busy machine slows every kind alike
        for kind in KINDS:
            samples[kind] += [timed(client, url) for url in urls[kind]]
    for kind in KINDS:
        cpu = [c for c, _ in samples[kind]]
        wall = [w for _, w in samples[kind]]
        result[kind].update(
            requests=len(cpu),
            cpu_ms={
                "median": round(statistics.median(cpu), 1),
                "mean": round(statistics.mean(cpu), 1),
                "p90": round(statistics.quantiles(cpu, n=10)[-1], 1),
            },
            wall_ms_median=round(statistics.median(wall), 1),
        )
    return result


def report(result: dict, passes: int, label: str) -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"CPU per page{f' ({label})' if label else ''}, {time.strftime('%Y-%m-%d %H:%M')}, "
        f"{passes} passes, {os.cpu_count()} cores, load average at the end {load}",
        "",
        f"{'page kind':<20} {'cpu median':>10} {'cpu mean':>9} {'cpu p90':>8} {'wall med':>9} "
        f"{'cold cpu':>9} {'queries':>9}",
    ]
    for kind in KINDS:
        row = result[kind]
        q = row["queries"]
        queries = str(q["min"]) if q["min"] == q["max"] else f"{q['min']}-{q['max']}"
        lines.append(
            f"{kind:<20} {row['cpu_ms']['median']:>10.1f} {row['cpu_ms']['mean']:>9.1f} "
            f"{row['cpu_ms']['p90']:>8.1f} {row['wall_ms_median']:>9.1f} "
            f"{row['cold_cpu_ms']:>9.1f} {queries:>9}"
        )
    lines += [
        "",
        "ms of CPU (time.process_time) per request; cold: first request on an empty cache.",
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=20, help="timed passes over every address")
    parser.add_argument("--addresses", type=int, default=6, help="addresses per page kind")
    parser.add_argument("--var", default="/tmp/lfbl-bench-page-cpu", help="the bench site's folder")
    parser.add_argument("--name", default="page-cpu", help="results file name")
    parser.add_argument("--label", default="", help="what this run measures (before, after ...)")
    args = parser.parse_args()
    info = prepare(Path(args.var))
    result = measure(args.passes, args.addresses)
    text = report(result, args.passes, args.label)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {
        "label": args.label,
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "passes": args.passes,
        "load_average": os.getloadavg(),
        "site": info,
        "pages": result,
    }
    (RESULTS / f"{args.name}.json").write_text(json.dumps(out, indent=2) + "\n")
    (RESULTS / f"{args.name}.txt").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
