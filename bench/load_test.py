"""Readers under load while an editor publishes, on SQLite and on PostgreSQL in the same run.

For each database: a fresh site (the bundled library, production settings, static files
collected), served by gunicorn exactly as deployed (`lfbl/gunicorn.conf.py`, its default worker
count), an editor process publishing a resource every few seconds, and Locust's closed-loop
readers (`bench/load_readers.py`: home, filtered listings, resource, theme and area pages,
search, API) at 50 and then 100 at once, for `--duration` seconds each. Then `kill -9` of one
worker under load, counting the requests that fail.

Reported per run: requests/s, p50/p95/p99 (ms), errors, "database is locked" seen in any log,
worker memory (largest resident set of one worker, and of all together); and PostgreSQL's
figures as a ratio of SQLite's measured in the same run. Results: bench/results/load-test.json
and .txt.

    python bench/load_test.py [--duration 60] [--readers 50,100] [--databases sqlite,postgresql]
"""

import argparse
import csv
import json
import os
import runpy
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lfbl.tests import postgres_cluster, served_site  # noqa: E402

RESULTS = ROOT / "bench" / "results"
SECRET = "load-test-key-" + "k" * 40
EDITOR_SECONDS = 3
URLS_SCRIPT = """
import json
from pathlib import Path
from areas.models import AreaPage, Region
from resources.models import ResourcePage, ResourceType
from themes.models import ThemePage
resources = list(ResourcePage.objects.visible())
print(json.dumps({
    "resources": [page.url for page in resources],
    "slugs": [page.slug for page in resources],
    "themes": [page.url for page in ThemePage.objects.live()],
    "areas": [page.url for page in AreaPage.objects.live()[:40]],
    "type": list(ResourceType.objects.values_list("slug", flat=True)),
    "theme": list(ThemePage.objects.live().values_list("slug", flat=True)),
    "region": list(Region.objects.values_list("slug", flat=True)),
    "queries": [
        line.strip() for line in Path("archive/data/search_queries.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ],
}))
"""
PAGE_CACHE_SCRIPT = "from django.conf import settings; print(settings.PAGE_CACHE_SECONDS)"
EDITOR_SCRIPT = """
import random, time
from resources.models import ResourcePage
pages = list(ResourcePage.objects.visible().values_list("pk", flat=True))
while True:
    page = ResourcePage.objects.get(pk=random.choice(pages))
    page.summary = (page.summary or "") + " "
    page.save_revision().publish()
    print("published", time.time(), flush=True)
    time.sleep({seconds})
"""


def served_threads() -> int:
    """Threads per worker as gunicorn's own settings choose them (lfbl/gunicorn.conf.py)."""
    saved = os.environ.get("LFBL_SERVER_RUN")
    try:
        return runpy.run_path(str(ROOT / "lfbl" / "gunicorn.conf.py"))["threads"]
    finally:
        os.environ.pop("LFBL_SERVER_RUN", None)
        if saved is not None:
            os.environ["LFBL_SERVER_RUN"] = saved


def manage(env, *command):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *command],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {command[0]} failed: {result.stderr[-2000:]}")
    return result.stdout


def prepare(folder: Path, server_url: str | None) -> dict:
    saved = dict(os.environ)
    os.environ["LFBL_SECRET_KEY"] = SECRET
    os.environ.pop("DATABASE_URL", None)
    if server_url:
        os.environ["DATABASE_URL"] = server_url
    try:
        env = served_site.prepare_site(folder, "lfbl.settings.production", collect_static=True)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    env["LFBL_SECRET_KEY"] = SECRET
    return env


@contextmanager
def gunicorn(env, folder: Path):
    port = served_site.free_port()
    env = {**env, "LFBL_BIND": f"127.0.0.1:{port}"}
    log = open(folder / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "lfbl/gunicorn.conf.py", "lfbl.wsgi"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        served_site_wait(url, server, folder / "gunicorn.log")
        yield url, server
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def served_site_wait(url, server, log_path):
    import urllib.request

    deadline = time.monotonic() + 90
    while True:
        try:
            request = urllib.request.Request(
                url + "/healthz", headers={"X-Forwarded-Proto": "https"}
            )
            urllib.request.urlopen(request, timeout=5)
            return
        except OSError as error:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start: {log_path.read_text()}") from error
            time.sleep(0.5)


@contextmanager
def editor(env, folder: Path, seconds: float):
    """An editor publishing a resource every few seconds, on the same server's folder (none when
    `seconds` is 0: the peer run that shows what the publishing costs)."""
    log = open(folder / "editor.log", "w")  # noqa: SIM115
    if not seconds:
        log.close()
        yield None
        return
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "shell",
            "-c",
            EDITOR_SCRIPT.format(seconds=seconds),
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        process.kill()
        process.wait()
        log.close()


class MemorySampler:
    """Largest resident memory of any one worker, and of all workers together, once a second."""

    def __init__(self, master_pid: int):
        self.master = psutil.Process(master_pid)
        self.largest_worker = 0
        self.largest_total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.wait(1.0):
            sizes = []
            for child in self.master.children():
                with suppress(psutil.Error):
                    sizes.append(child.memory_info().rss)
            if sizes:
                self.largest_worker = max(self.largest_worker, max(sizes))
                self.largest_total = max(self.largest_total, sum(sizes))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def percentile(values, share) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def cache_figures(times: dict[str, list[float]]) -> dict:
    """Share of answers the page cache gave, and p95 of those it gave and those rendered."""
    hits, misses = times.get("hit", []), times.get("miss", [])
    answered = sum(len(values) for values in times.values())
    return {
        "hit_share": round(len(hits) / answered, 3) if answered else 0.0,
        "hit_p95_ms": round(percentile(hits, 0.95)),
        "miss_p95_ms": round(percentile(misses, 0.95)),
    }


def locust(url, urls_file, readers, seconds, prefix: Path) -> dict:
    cache_stats = Path(f"{prefix}_cache.json")
    env = {
        **os.environ,
        "LFBL_LOAD_URLS": str(urls_file),
        "LFBL_LOAD_CACHE_STATS": str(cache_stats),
    }
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "load_readers.py")]
        + ["--headless", "-u", str(readers), "-r", str(readers), "-t", f"{seconds}s"]
        + ["--host", url, "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR"]
        + ["--stop-timeout", "10"],
        env=env,
        cwd=ROOT,
        check=False,
        capture_output=True,
    )
    with open(f"{prefix}_stats.csv") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    aggregated = rows.pop("Aggregated")

    def figures(row):
        return {
            "requests": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "requests_per_s": round(float(row["Requests/s"]), 1),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"]),
        }

    by_status = json.loads(cache_stats.read_text()) if cache_stats.exists() else {}
    everything: dict[str, list[float]] = {}
    for kinds in by_status.values():
        for status, values in kinds.items():
            everything.setdefault(status, []).extend(values)
    return {
        **figures(aggregated),
        "page_cache": {
            **cache_figures(everything),
            "by_kind": {name: cache_figures(kinds) for name, kinds in by_status.items()},
        },
        "by_kind": {name: figures(r) for name, r in rows.items()},
    }


def locked_messages(folder: Path) -> int:
    count = 0
    for name in ("gunicorn.log", "editor.log"):
        path = folder / name
        if path.exists():
            count += path.read_text(errors="replace").count("database is locked")
    return count


def kill_a_worker_under_load(url, server, urls_file, readers, prefix) -> dict:
    """Readers for 20 s; at 10 s one worker gets SIGKILL. Failures are counted."""
    result = {}

    def killer():
        time.sleep(10)
        victim = psutil.Process(server.pid).children()[0]
        result["killed_pid"] = victim.pid
        os.kill(victim.pid, signal.SIGKILL)

    thread = threading.Thread(target=killer)
    thread.start()
    figures = locust(url, urls_file, readers, 20, prefix)
    thread.join()
    threads = served_threads()
    return {
        "readers": readers,
        "requests": figures["requests"],
        "errors": figures["errors"],
        "threads_per_worker": threads,
        "at_most_in_flight": figures["errors"] <= threads,
    }


def measure(database: str, server_url: str | None, work: Path, args) -> dict:
    folder = work / database
    folder.mkdir(parents=True)
    started = time.monotonic()
    env = prepare(folder, server_url)
    urls_file = folder / "urls.json"
    urls_file.write_text(manage(env, "shell", "-c", URLS_SCRIPT).strip().splitlines()[-1])
    # As the served settings have it (production's default unless LFBL_PAGE_CACHE_SECONDS is set).
    page_cache_seconds = int(manage(env, "shell", "-c", PAGE_CACHE_SCRIPT).strip().splitlines()[-1])
    prepared_s = time.monotonic() - started
    runs = []
    with ExitStack() as stack:
        url, server = stack.enter_context(gunicorn(env, folder))
        workers = len(psutil.Process(server.pid).children())
        locust(url, urls_file, 10, 10, folder / "warmup")  # every worker loads its model
        stack.enter_context(editor(env, folder, args.editor_seconds))
        for readers in args.readers:
            locked_before = locked_messages(folder)
            with MemorySampler(server.pid) as memory:
                figures = locust(url, urls_file, readers, args.duration, folder / f"r{readers}")
            figures.update(
                readers=readers,
                seconds=args.duration,
                database_is_locked=locked_messages(folder) - locked_before,
                largest_worker_mb=round(memory.largest_worker / 2**20),
                all_workers_mb=round(memory.largest_total / 2**20),
            )
            runs.append(figures)
            print(database, summary_line(figures), flush=True)
        kill = kill_a_worker_under_load(url, server, urls_file, 50, folder / "kill")
        print(database, "kill -9 of a worker:", kill, flush=True)
    published = (folder / "editor.log").read_text().count("published ")
    return {
        "database": database,
        "workers": workers,
        "threads_per_worker": served_threads(),
        "page_cache_seconds": page_cache_seconds,
        "editor_seconds": args.editor_seconds,
        "prepare_seconds": round(prepared_s, 1),
        "editor_publishes": published,
        "runs": runs,
        "kill_worker": kill,
    }


def summary_line(run) -> str:
    return (
        f"{run['readers']:>4} readers: {run['requests_per_s']:>6} req/s  "
        f"p50 {run['p50_ms']:>5.0f} ms  p95 {run['p95_ms']:>5.0f} ms  p99 {run['p99_ms']:>5.0f} ms  "
        f"errors {run['errors']}  locked {run['database_is_locked']}  "
        f"worker {run['largest_worker_mb']} MB (all {run['all_workers_mb']} MB)"
    )


def report(results: list[dict]) -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"Load test, {time.strftime('%Y-%m-%d %H:%M')} ({os.cpu_count()} CPU cores; "
        f"load average at the end {load}: other work on the machine shares the cores)",
        "",
    ]
    for result in results:
        lines.append(
            f"{result['database']}: {result['workers']} workers x "
            f"{result['threads_per_worker']} threads, page cache "
            f"{result['page_cache_seconds'] or 'off'}"
            f"{' s' if result['page_cache_seconds'] else ''}, editor published "
            f"{result['editor_publishes']} times"
        )
        lines += ["  " + summary_line(run) for run in result["runs"]]
        kill = result["kill_worker"]
        lines.append(
            f"  kill -9 of a worker under {kill['readers']} readers: {kill['errors']} of "
            f"{kill['requests']} requests failed (at most its {kill['threads_per_worker']} in "
            f"flight: {'yes' if kill['at_most_in_flight'] else 'NO'})"
        )
        for run in result["runs"]:
            slowest = sorted(run["by_kind"].items(), key=lambda kv: -kv[1]["p95_ms"])
            lines.append(
                f"  p95 by kind at {run['readers']}: "
                + ", ".join(f"{name} {f['p95_ms']:.0f}" for name, f in slowest)
            )
            if cache := run.get("page_cache"):
                lines.append(
                    f"  page cache at {run['readers']}: {cache['hit_share']:.0%} hits "
                    f"(p95 {cache['hit_p95_ms']} ms; rendered {cache['miss_p95_ms']} ms); hits "
                    "by kind: "
                    + ", ".join(
                        f"{name} {kind['hit_share']:.0%}"
                        for name, kind in sorted(cache["by_kind"].items())
                    )
                )
        lines.append("")
    by_db = {r["database"]: r for r in results}
    if {"sqlite", "postgresql"} <= by_db.keys():
        lines.append("PostgreSQL / SQLite, same run:")
        for sqlite_run, pg_run in zip(
            by_db["sqlite"]["runs"], by_db["postgresql"]["runs"], strict=False
        ):
            lines.append(
                f"  {sqlite_run['readers']} readers: req/s x"
                f"{pg_run['requests_per_s'] / max(sqlite_run['requests_per_s'], 0.1):.2f}, "
                f"p95 x{pg_run['p95_ms'] / max(sqlite_run['p95_ms'], 0.1):.2f}"
            )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds per reader count")
    parser.add_argument("--readers", default="50,100", help="reader counts, comma-separated")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--name", default="load-test", help="results file name")
    parser.add_argument(
        "--editor-seconds",
        type=float,
        default=EDITOR_SECONDS,
        help="seconds between the editor's publishes (0: no editor)",
    )
    args = parser.parse_args()
    args.readers = [int(n) for n in args.readers.split(",")]
    results = []
    with tempfile.TemporaryDirectory(prefix="lfbl-load-") as tmp:
        for database in args.databases.split(","):
            if database == "postgresql":
                with postgres_cluster.throwaway_cluster(max_connections=300) as cluster:
                    results.append(measure(database, cluster.url("postgres"), Path(tmp), args))
            else:
                results.append(measure(database, None, Path(tmp), args))
    text = report(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.name}.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / f"{args.name}.txt").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
