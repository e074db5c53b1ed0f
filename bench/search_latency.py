"""Latency of a full search request: the site's engine against Wagtail's database search backend.

    .venv/bin/python bench/search_latency.py            # bundled library and 100,000 resources
    .venv/bin/python bench/search_latency.py --docs 20000 --queries 24   # a quicker look

For each library, one worker process prepares (or reuses) a bench site under
``var/bench/site-<library>/`` (its own SQLite database, Wagtail search index and our index), then
sends the same query mix through Django's test ``Client`` (in process: URL routing, middleware,
view, template or JSON rendering, no network) to four answers, interleaved query by query so a
busy machine slows all of them alike:

- ``ours hybrid``: ``/search/`` and ``/api/search``, the site as configured (semantic matching on);
- ``ours lexical``: the same views with the engine switched to lexical-only ranking;
- ``wagtail``: ``ResourcePage.objects.live().search(q)`` on Wagtail's own database backend
  (SQLite FTS5) rendered by the bench-only views in ``bench/search_bench_urls.py``, with Wagtail's
  default operator;
- ``wagtail or``: the same with ``operator="or"`` (the default "and" finds nothing for most
  long queries, so "or" is the fair peer for ranked search).

Then "ask the library": ``/api/ask`` for questions made from the library's titles ("What did
... find?", "Who wrote ...?"), interleaved with its peer, ``/api/search`` on the same text.

After a warm-up with 30 other queries, every timed request starts from that warm state: the
engine's cache of word match sets holds what the warm-up left (common words, as on a live site)
and nothing from the timed queries; no query embedding is ever cached. Results: ``bench/results/search-latency-<docs>.json`` and
``.txt``.

The generated library: CISI abstracts (``bench/data/cisi``) as titles, key points and sections,
the bundled library's types, themes and areas as facets. Its pages are bulk-inserted (creating
100,000 Wagtail pages one by one takes hours): ``wagtailcore_page`` rows through
``Page.objects.bulk_create`` with treebeard paths computed as ``MP_Node._get_path(parent path,
depth, position)`` under /resources/ (the parent's ``numchild`` updated to match), the
``ResourcePage`` rows through the model manager's multi-row insert, tags through the through
models. Wagtail's index is then filled by its own ``add_items`` in chunks (what
``update_index`` does), and ours by the site's ``resource_document`` for every live page. Passage
vectors reuse the real MiniLM vector of the abstract a passage comes from (as
``bench/engine_latency.py`` explains); queries are embedded by the model for real.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import bench_sites

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
CISI = BENCH / "data" / "cisi"
READY = bench_sites.READY
SETTINGS = "search_bench_settings"
ENGINES = ("ours hybrid", "ours lexical", "wagtail", "wagtail or")
HEADINGS = ["Introduction", "What we found", "How it was done", "What it means"]


def var_dir(library: str) -> Path:
    return ROOT / "var" / "bench" / f"site-{library}"


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], p: float) -> float:
    import numpy as np

    return float(np.percentile(values, p)) if values else 0.0


# -- worker: runs inside one library's Django ------------------------------------------------------
def cisi_rows() -> list[dict]:
    with open(CISI / "corpus.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    # Abstracts short enough to stay one passage, so each passage has its source's vector.
    return [r for r in rows if r["title"].strip() and 20 <= len(r["text"].split()) <= 190]


def generate_pages(count: int, seed: int = 7) -> None:
    """Bulk-insert ``count`` live ResourcePages under /resources/ (see the module docstring)."""
    import uuid
    from datetime import date
    from html import escape

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from tqdm import tqdm
    from wagtail.models import Page

    from areas.models import AreaPage
    from resources.models import ResourceIndexPage, ResourcePage, ResourceType
    from themes.models import ThemePage

    rng = random.Random(seed)
    rows = cisi_rows()
    parent = ResourceIndexPage.objects.get()
    types = list(ResourceType.objects.all())
    themes = list(ThemePage.objects.values_list("pk", flat=True))
    areas = list(AreaPage.objects.values_list("pk", flat=True))
    content_type = ContentType.objects.get_for_model(ResourcePage)
    now = timezone.now()
    depth = parent.depth + 1
    position = parent.numchild
    page_fields = {f.attname for f in Page._meta.concrete_fields} - {"id"}
    own_fields = [
        f for f in ResourcePage._meta.local_concrete_fields if f.attname not in page_fields
    ]
    themes_through = ResourcePage.themes.through
    areas_through = ResourcePage.areas.through
    chunk = 1000
    with tqdm(total=count, desc="generating pages", unit="page") as bar:
        for start in range(0, count, chunk):
            pages = []
            for n in range(start, min(start + chunk, count)):
                position += 1
                title = rng.choice(rows)["title"].strip()[:250]
                slug = f"bench-{n}"
                texts = [rng.choice(rows)["text"] for _ in range(rng.randint(1, 4))]
                summary = " ".join(re.split(r"(?<=[.!?])\s+", texts[0])[:2])[:600]
                year = rng.randint(2010, 2026)
                page = ResourcePage(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=ResourcePage._get_path(parent.path, depth, position),
                    depth=depth,
                    numchild=0,
                    url_path=f"{parent.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    content_type=content_type,
                    locale_id=parent.locale_id,
                    resource_type=rng.choice(types),
                    summary=summary,
                    key_points=[
                        {
                            "type": "point",
                            "value": rng.choice(rows)["text"],
                            "id": str(uuid.uuid4()),
                        }
                    ]
                    if rng.random() < 0.3
                    else [],
                    body=[
                        {
                            "type": "section",
                            "value": {"heading": HEADINGS[k], "content": f"<p>{escape(text)}</p>"},
                            "id": str(uuid.uuid4()),
                        }
                        for k, text in enumerate(texts)
                    ],
                    publication_date=date(year, rng.randint(1, 12), 1),
                )
                pages.append(page)
            with transaction.atomic():
                bases = Page.objects.bulk_create(
                    [Page(**{a: getattr(p, a) for a in page_fields}) for p in pages]
                )
                for page, base in zip(pages, bases, strict=True):
                    page.page_ptr_id = page.pk = base.pk
                # Django's bulk_create refuses multi-table children, so the ResourcePage rows go
                # in through the manager's multi-row insert, in batches SQLite accepts.
                size = max(1, connection.ops.bulk_batch_size(own_fields, pages))
                for k in range(0, len(pages), size):
                    ResourcePage._base_manager._insert(pages[k : k + size], fields=own_fields)
                themes_through.objects.bulk_create(
                    themes_through(resourcepage_id=p.pk, themepage_id=t)
                    for p in pages
                    for t in rng.sample(themes, k=min(len(themes), rng.randint(1, 3)))
                )
                if areas:
                    areas_through.objects.bulk_create(
                        areas_through(resourcepage_id=p.pk, areapage_id=rng.choice(areas))
                        for p in pages
                    )
            bar.update(len(pages))
    Page.objects.filter(pk=parent.pk).update(numchild=position)


def build_wagtail_index() -> None:
    """Wagtail's own index of every live resource, through its backend's ``add_items``."""
    from modelsearch.backends import get_search_backend
    from tqdm import tqdm

    from resources.models import ResourcePage

    backend = get_search_backend()
    index = backend.get_index_for_model(ResourcePage)
    ids = list(ResourcePage.get_indexed_objects().order_by("pk").values_list("pk", flat=True))
    with tqdm(total=len(ids), desc="Wagtail index", unit="page") as bar:
        for start in range(0, len(ids), 1000):
            chunk = list(
                ResourcePage.get_indexed_objects().filter(pk__in=ids[start : start + 1000])
            )
            index.add_items(ResourcePage, chunk)
            bar.update(len(chunk))


_generated_index = None


def bench_index(library: str):
    """Our index for a bench library: the site's own for the bundled library; for a generated
    one, the same file with the pooled passage vectors (queries still go through the model)."""
    global _generated_index
    from search import site_index

    if library == "bundled":
        return site_index.get_index()
    if _generated_index is None:
        from django.conf import settings
        from engine_latency import PooledEmbedder

        from search.engine import Index

        site_index.reset_index()
        _generated_index = Index(
            settings.SEARCH_INDEX_PATH,
            synonyms=site_index.glossary_synonyms(),
            embedder=PooledEmbedder([r["text"] for r in cisi_rows()]),
        )
        site_index._index = _generated_index  # the views' get_index() answers with it
    return _generated_index


def build_our_index(library: str) -> None:
    from tqdm import tqdm

    from search import site_index

    index = bench_index(library)
    index.clear()
    pages = site_index.visible_resources().order_by("pk")
    with tqdm(total=pages.count(), desc="our index", unit="page") as bar:
        index.add(
            (site_index.resource_document(p) for p in pages.iterator(chunk_size=2000)),
            batch_size=256,
            progress=bar.update,
        )
    index.optimise()


def prepare(library: str, docs: int) -> dict:
    def build(timings: dict) -> None:
        if library != "bundled":
            with bench_sites.timed(timings, "generate_pages_s"):
                generate_pages(docs)
        with bench_sites.timed(timings, "wagtail_index_s"):
            build_wagtail_index()
            # Statistics for SQLite's query planner: without them Wagtail's search query scans
            # its index once per page and took over 50 s for one rare word at 100,000 pages.
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        with bench_sites.timed(timings, "our_index_s"):
            build_our_index(library)

    return bench_sites.prepare_site(var_dir(library), SETTINGS, library, build)


def query_mix(count: int, seed: int) -> list[tuple[str, dict]]:
    """(kind, GET parameters): short, three words, long, misspelt, filtered, page 3 — drawn from
    the library's own titles and summaries so every kind finds something."""
    from resources.models import ResourcePage

    rng = random.Random(seed)
    pages = list(
        ResourcePage.objects.live()
        .order_by("pk")
        .values_list("title", "summary", "resource_type__slug")[:5000]
    )
    stop = {"the", "and", "for", "with", "from", "that", "this", "what", "into", "their", "about"}

    def words(text: str) -> list[str]:
        return [w for w in re.findall(r"[A-Za-z]+", text) if len(w) > 3 and w.lower() not in stop]

    found = []
    kinds = ["short", "three words", "long", "misspelt", "filtered", "page 3"]
    while len(found) < count:
        kind = kinds[len(found) % len(kinds)]
        title, summary, type_slug = rng.choice(pages)
        title_words = words(title) or ["community"]
        if kind == "short":
            params = {"q": rng.choice(title_words).lower()}
        elif kind == "three words":
            k = rng.randrange(max(1, len(title_words) - 2))
            params = {"q": " ".join(title_words[k : k + 3]).lower()}
        elif kind == "long":
            summary_words = summary.split()
            k = rng.randrange(max(1, len(summary_words) - 20))
            params = {"q": " ".join(summary_words[k : k + rng.randint(12, 20)])}
        elif kind == "misspelt":
            chosen = rng.sample(title_words, k=min(2, len(title_words)))
            word = max(chosen, key=len).lower()
            if len(word) > 4:
                k = rng.randrange(1, len(word) - 2)
                typo = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
                chosen = [typo if w.lower() == word else w.lower() for w in chosen]
            params = {"q": " ".join(chosen).lower()}
        elif kind == "filtered":
            params = {"q": " ".join(rng.sample(title_words, k=min(2, len(title_words)))).lower()}
            params["type"] = type_slug
        else:
            params = {"q": rng.choice(title_words).lower(), "page": "3"}
        found.append((kind, params))
    return found


def question_mix(count: int, seed: int) -> list[str]:
    """Questions as readers put them to "ask the library", about the library's own titles."""
    from resources.models import ResourcePage

    rng = random.Random(seed)
    titles = list(ResourcePage.objects.live().order_by("pk").values_list("title", flat=True)[:5000])
    shapes = ["What did {} find?", "How did {} work?", "Who wrote {}?", "Why does {} matter?"]
    found = []
    while len(found) < count:
        words = re.findall(r"[A-Za-z]+", rng.choice(titles)) or ["community"]
        k = rng.randrange(max(1, len(words) - 2))
        found.append(shapes[len(found) % len(shapes)].format(" ".join(words[k : k + 3]).lower()))
    return found


def measure_ask(client, index, warm_masks, questions: list[str]) -> dict:
    """``/api/ask`` for each question, and its peer in the same run: ``/api/search`` (the site's
    hybrid ranking) for the same text, interleaved, each from the warm state."""
    times = {"ask": [], "search": []}
    answered = 0
    for n, question in enumerate(questions):
        order = ("ask", "search") if n % 2 == 0 else ("search", "ask")
        for name in order:
            index.clear_caches()
            index.snapshot._masks.update(warm_masks)
            started = time.perf_counter()
            response = client.get(f"/api/{name}", {"q": question})
            times[name].append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"/api/{name} {question!r}: HTTP {response.status_code}")
            if name == "ask":
                answered += bool(json.loads(response.content)["quotes"])
        print(f"  ask {n + 1}/{len(questions)}: {question}", file=sys.stderr, flush=True)
    return {
        "questions": len(questions),
        "answered": answered,
        "ask": _summary(times["ask"]),
        "search_peer": _summary(times["search"]),
        "p95_ratio_ask_to_search": ratio(
            percentile(times["ask"], 95), percentile(times["search"], 95)
        ),
    }


def _summary(values: list[float]) -> dict:
    return {
        "median": round(statistics.median(values), 1),
        "p95": round(percentile(values, 95), 1),
        "max": round(max(values), 1),
    }


def file_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6, 1)


def wagtail_index_mb(database: Path) -> float | None:
    """Bytes of the tables behind Wagtail's search index (SQLite's dbstat, if compiled in)."""
    import sqlite3

    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        rows = connection.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'modelsearch%' OR name LIKE "
            "'wagtailsearch%' OR name LIKE 'sqlite_autoindex_modelsearch%'"
        ).fetchone()
        connection.close()
        return round((rows[0] or 0) / 1e6, 1)
    except sqlite3.Error:
        return None


def measure(library: str, queries: int, cap_seconds: float) -> dict:
    from dataclasses import replace

    from django.conf import settings
    from django.test import Client

    from resources.models import ResourcePage

    rss_django = rss_mb()
    index = bench_index(library)
    hybrid = index.settings
    lexical = replace(hybrid, mode="lexical")
    client = Client()
    started = time.perf_counter()
    client.get("/search/", {"q": "warm up"})  # loads the index snapshot and the model
    first_request_s = time.perf_counter() - started
    rss_ours = rss_mb()

    routes = {
        "ours hybrid": ("/search/", "/api/search", {}, hybrid),
        "ours lexical": ("/search/", "/api/search", {}, lexical),
        "wagtail": ("/bench/wagtail-search/", "/bench/api/wagtail-search", {}, None),
        "wagtail or": (
            "/bench/wagtail-search/",
            "/bench/api/wagtail-search",
            {"operator": "or"},
            None,
        ),
    }

    from django.db import OperationalError, connection

    connection.ensure_connection()
    deadline = [float("inf")]
    # SQLite calls this every 10,000 virtual-machine steps; a true answer interrupts the query.
    connection.connection.set_progress_handler(lambda: time.perf_counter() > deadline[0], 10_000)

    def request(engine: str, endpoint: int, params: dict, warming=False) -> tuple[float, int]:
        """(milliseconds, results or -1 for a page, -2 when Wagtail hit the time cap)."""
        page_url, api_url, extra, engine_settings = routes[engine]
        if engine_settings is not None:
            index.settings = engine_settings
        # Steady state after warm-up, and nothing kept from the timed queries themselves: no
        # cached embedding of this query, and only the warm-up's cached word match sets.
        if not warming:
            index.clear_caches()
            index.snapshot._masks.update(warm_masks)
        started = time.perf_counter()
        if engine.startswith("wagtail"):
            deadline[0] = started + cap_seconds
        try:
            response = client.get((page_url, api_url)[endpoint], {**params, **extra})
        except OperationalError:  # interrupted at the cap: counted as taking the cap
            return cap_seconds * 1000, -2
        finally:
            deadline[0] = float("inf")
            index.settings = hybrid
        took = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{engine} {params}: HTTP {response.status_code}")
        total = json.loads(response.content)["total"] if endpoint == 1 else -1
        return took, total

    warm_masks = {}
    # Warm-up with other queries than the timed ones (Wagtail's are slow: a few suffice).
    for n, (_, params) in enumerate(query_mix(30, seed=99)):
        for engine in ENGINES if n < 4 else ENGINES[:2]:
            request(engine, 1, params, warming=True)
    warm_masks = dict(index.snapshot._masks)

    mix = query_mix(queries, seed=11)
    times = {e: {"page": [], "json": []} for e in ENGINES}
    by_kind = {e: {} for e in ENGINES}
    totals = {e: [] for e in ENGINES}
    capped = {e: 0 for e in ENGINES}
    for n, (kind, params) in enumerate(mix):
        order = ENGINES[n % len(ENGINES) :] + ENGINES[: n % len(ENGINES)]
        for engine in order:
            for endpoint, name in ((0, "page"), (1, "json")):
                took, total = request(engine, endpoint, params)
                times[engine][name].append(took)
                by_kind[engine].setdefault(kind, []).append(took)
                if total >= 0:
                    totals[engine].append(total)
                elif total == -2:
                    capped[engine] += 1
        print(f"  {n + 1}/{len(mix)} {kind}: {params}", file=sys.stderr, flush=True)

    summary = _summary
    ask_latency = measure_ask(client, index, warm_masks, question_mix(queries // 2, seed=13))

    latency = {}
    for engine in ENGINES:
        both = times[engine]["page"] + times[engine]["json"]
        latency[engine] = {
            "page": summary(times[engine]["page"]),
            "json": summary(times[engine]["json"]),
            "all": summary(both),
            "median_by_kind": {
                k: round(statistics.median(v), 1) for k, v in by_kind[engine].items()
            },
            "median_results": int(statistics.median(totals[engine])) if totals[engine] else None,
            "queries_with_no_results": sum(1 for t in totals[engine] if t == 0),
            # Requests stopped at the time cap count as taking the cap: figures with any are
            # lower bounds for that engine (and so its ratios are lower bounds too).
            "requests_stopped_at_cap": capped[engine],
        }
    database = Path(settings.DATABASES["default"]["NAME"])
    return {
        "library": library,
        "resources": ResourcePage.objects.live().count(),
        "passages": int(index.snapshot.vec_ids.shape[0]),
        "requests_per_engine": 2 * len(mix),
        "wagtail_cap_s": cap_seconds,
        "queries": [{"kind": k, **p} for k, p in mix],
        "latency_ms": latency,
        "ask_ms": ask_latency,
        "first_request_s": round(first_request_s, 2),
        "memory_mb": {
            "rss_after_django_setup": round(rss_django, 1),
            "rss_after_our_index_loaded": round(rss_ours, 1),
            "our_index_in_memory": round(rss_ours - rss_django, 1),
            "peak_rss": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        },
        "index_size_mb": {
            "ours": file_mb(Path(settings.SEARCH_INDEX_PATH)),
            "wagtail": wagtail_index_mb(database),
            "site_database": file_mb(database),
        },
    }


def worker(library: str, docs: int, queries: int, cap: float, out: Path | None) -> int:
    if out is None:  # preparing only: measuring happens in a fresh process (clean memory)
        prepare(library, docs)
        return 0
    info = prepare(library, docs)  # also sets Django up on the bench site
    out.write_text(json.dumps({**info, **measure(library, queries, cap)}))
    return 0


# -- parent: one worker per library, then the comparison ---------------------------------------------
def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("inf")


def text_summary(report: dict) -> str:
    lines = [
        f"search latency, full request through Django's test Client, {report['machine']}, "
        f"{report['date']}",
        "",
    ]
    for result in report["libraries"]:
        lat = result["latency_ms"]
        lines.append(
            f"{result['library']}: {result['resources']} resources, {result['passages']} passages, "
            f"{result['requests_per_engine']} requests per engine (page + JSON)"
        )
        lines.append(
            f"  {'':14} {'page med':>9} {'page p95':>9} {'json med':>9} {'json p95':>9} "
            f"{'all med':>8} {'all p95':>8} {'results':>8} {'empty':>6} {'capped':>7}"
        )
        for engine in ENGINES:
            e = lat[engine]
            results = "-" if e["median_results"] is None else str(e["median_results"])
            lines.append(
                f"  {engine:14} {e['page']['median']:9.1f} {e['page']['p95']:9.1f} "
                f"{e['json']['median']:9.1f} {e['json']['p95']:9.1f} {e['all']['median']:8.1f} "
                f"{e['all']['p95']:8.1f} {results:>8} {e['queries_with_no_results']:6d} "
                f"{e['requests_stopped_at_cap']:7d}"
            )
        if any(lat[e]["requests_stopped_at_cap"] for e in ENGINES):
            lines.append(
                f"  (capped: Wagtail requests stopped at {result['wagtail_cap_s']} s and counted "
                "as that long, so its figures and the ratios against it are lower bounds)"
            )
        for name, value in result["ratios"].items():
            lines.append(f"  {name}: {value}x")
        if ask := result.get("ask_ms"):
            lines.append(
                f"  ask (/api/ask, {ask['questions']} questions, {ask['answered']} answered): "
                f"median {ask['ask']['median']} ms, p95 {ask['ask']['p95']} ms; its peer "
                f"/api/search on the same text: median {ask['search_peer']['median']} ms, "
                f"p95 {ask['search_peer']['p95']} ms; ask p95 / search p95: "
                f"{ask['p95_ratio_ask_to_search']}x"
            )
        lines.append(f"  memory (MB): {result['memory_mb']}")
        lines.append(f"  index size (MB): {result['index_size_mb']}")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000, help="size of the generated library")
    parser.add_argument("--queries", type=int, default=48, help="timed queries per library")
    parser.add_argument("--libraries", default="bundled,generated")
    parser.add_argument("--rebuild", action="store_true", help="prepare the bench sites again")
    parser.add_argument(
        "--wagtail-cap",
        type=float,
        default=2.0,
        help="seconds after which a Wagtail request is stopped (and counted as the cap)",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        out = Path(args.out) if args.out else None
        return worker(args.worker, args.docs, args.queries, args.wagtail_cap, out)

    started = time.perf_counter()
    libraries = []
    for name in args.libraries.split(","):
        library = "bundled" if name == "bundled" else str(args.docs)
        if args.rebuild:
            shutil.rmtree(var_dir(library), ignore_errors=True)
        out = ROOT / "var" / "bench" / f"search-latency-{library}.tmp.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        print(f"== {library}", flush=True)
        command = [sys.executable, __file__, "--worker", library, "--docs", str(args.docs)]
        prepared = time.perf_counter()
        if not (var_dir(library) / READY).exists():
            subprocess.run(command, check=True)
        prepare_seconds = time.perf_counter() - prepared
        options = ["--queries", str(args.queries), "--wagtail-cap", str(args.wagtail_cap)]
        subprocess.run(command + options + ["--out", str(out)], check=True)
        result = json.loads(out.read_text())
        out.unlink()
        result["prepare_this_run_s"] = round(prepare_seconds, 1)
        lat = result["latency_ms"]
        result["ratios"] = {
            "wagtail p95 / ours lexical p95": ratio(
                lat["wagtail"]["all"]["p95"], lat["ours lexical"]["all"]["p95"]
            ),
            "wagtail median / ours lexical median": ratio(
                lat["wagtail"]["all"]["median"], lat["ours lexical"]["all"]["median"]
            ),
            "wagtail or p95 / ours lexical p95": ratio(
                lat["wagtail or"]["all"]["p95"], lat["ours lexical"]["all"]["p95"]
            ),
            "wagtail or median / ours lexical median": ratio(
                lat["wagtail or"]["all"]["median"], lat["ours lexical"]["all"]["median"]
            ),
            "wagtail p95 / ours hybrid p95": ratio(
                lat["wagtail"]["all"]["p95"], lat["ours hybrid"]["all"]["p95"]
            ),
        }
        libraries.append(result)
    report = {
        "how": "Django test Client in process; each timed request starts from the warm-up's state",
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "wall_seconds": round(time.perf_counter() - started, 1),
        "targets": {
            "p95_ms_at_100000_hybrid": 100,
            "lexical_vs_wagtail": 5,
            "ask_p95_ms_bundled": 1000,
            "ask_p95_ms_at_100000": 2000,
        },
        "libraries": libraries,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    # Named after the largest library measured: a run of the bundled one alone must not
    # overwrite the figures at 100,000.
    measured = [r["library"] for r in libraries]
    stem = RESULTS / f"search-latency-{measured[-1] if measured else args.docs}"
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    summary = text_summary(report)
    stem.with_suffix(".txt").write_text(summary + "\n")
    print(summary)
    print(f"saved {stem}.json and .txt ({report['wall_seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
