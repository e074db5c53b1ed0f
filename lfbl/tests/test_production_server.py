"""The production server as deployed: gunicorn with `lfbl/gunicorn.conf.py` and the production
settings. Its access log is JSON lines, `/healthz` answers, and `kill -9` of a worker under load
fails at most the requests that worker had in flight (the master starts another at once)."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from lfbl.tests import served_site

THREADS_PER_WORKER = 2
WORKERS = 2
# As the reverse proxy would send them (production redirects plain HTTP to HTTPS).
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def get(url):
    request = urllib.request.Request(url, headers=HEADERS)
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.status, response.read()


def worker_pids(master):
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("production-var")
    key = {"LFBL_SECRET_KEY": "production-test-key-" + "x" * 40}
    os.environ.update(key)
    try:
        env = served_site.prepare_site(var_dir, "lfbl.settings.production", collect_static=True)
    finally:
        del os.environ["LFBL_SECRET_KEY"]
    port = served_site.free_port()
    env.update(
        key,
        LFBL_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(WORKERS),
        LFBL_THREADS=str(THREADS_PER_WORKER),
    )
    log = open(var_dir / "access.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "lfbl/gunicorn.conf.py", "lfbl.wsgi"],
        env=env,
        cwd=served_site.ROOT,
        stdout=log,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            get(url + "/healthz")
            break
        except OSError:
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.3)
    yield url, server, var_dir / "access.log"
    server.terminate()
    server.wait(timeout=30)
    log.close()


def test_access_log_is_json_lines_and_healthz_answers(production_server):
    url, _server, access_log = production_server
    status, body = get(url + "/healthz")
    assert status == 200
    assert json.loads(body)["status"] == "ok"
    time.sleep(0.5)
    records = [json.loads(line) for line in access_log.read_text().splitlines() if line.strip()]
    healthz = [r for r in records if r.get("path") == "/healthz"]
    assert healthz and healthz[-1]["status"] == "200" and healthz[-1]["method"] == "GET"
    assert "duration_ms" in healthz[-1]


def test_kill_9_of_a_worker_fails_at_most_its_requests_in_flight(production_server):
    url, server, _log = production_server
    paths = ["/", "/resources/", "/search/?q=young+people", "/api/v1/resources/", "/healthz"]
    results = {"ok": 0, "failed": 0}
    failures = []
    lock = threading.Lock()
    stop = threading.Event()

    def reader(offset):
        number = offset
        while not stop.is_set():
            path = paths[number % len(paths)]
            try:
                status, _ = get(url + path)
                outcome = "ok" if status == 200 else "failed"
            except (urllib.error.URLError, OSError) as error:
                outcome = "failed"
                failures.append(f"{path}: {error}")
            with lock:
                results[outcome] += 1
            number += 1

    def wait_for(successes, seconds=180):
        deadline = time.monotonic() + seconds
        while results["ok"] < successes and time.monotonic() < deadline:
            time.sleep(0.1)

    readers = [threading.Thread(target=reader, args=(i,)) for i in range(6)]
    for thread in readers:
        thread.start()
    try:
        wait_for(10)  # under load: every worker busy
        victim = worker_pids(server.pid)[0]
        os.kill(victim, signal.SIGKILL)
        wait_for(results["ok"] + 20)  # and the site goes on answering
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    # A worker holds at most one request per thread; the master replaced it.
    assert results["failed"] <= THREADS_PER_WORKER, (results, failures)
    assert results["ok"] >= 30, results
    assert len(worker_pids(server.pid)) == WORKERS
    assert victim not in worker_pids(server.pid)
