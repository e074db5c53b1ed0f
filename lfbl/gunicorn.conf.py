"""Gunicorn in production: `gunicorn -c lfbl/gunicorn.conf.py lfbl.wsgi`.

Every value can be changed by an environment variable (README, Deployment). Why these:
- workers: one thread each (gunicorn's sync worker), one per CPU core, on SQLite and on
  PostgreSQL. Rendering a page is Python work: requests in flight beyond the cores only take
  turns on them, and pay for it. Measured with 50 readers on the 2-core test machine
  (`bench/load_test.py`, 30 s each, no page cache, SQLite): 3 workers x 4 threads 32
  requests/s, 3 x 2 34, 5 x 1 35, 3 x 1 46, 2 x 1 54 (p95 1.9 s -> 1.1 s). PostgreSQL had two
  per core while a render made 15-30 queries, so more workers filled the waits for its
  answers; now that pages read what is kept per content version, one per core is better there
  too (page cache on, an editor publishing every 3 s): 2 x 1 266 requests/s and p95 0.51 s,
  3 x 1 127 and 1.1 s, 4 x 1 139 and 1.1 s. Each worker also keeps its own copy of what is
  kept (the search engine's ONNX model and index snapshot, about 250 MB, and the values kept
  per version), so more workers cost memory and rebuilding too.
- worker_connections = threads: a worker accepts only as many connections as it has threads to
  serve; the rest wait in the listening socket's queue, which any worker can take from. So a
  request never waits inside a busy worker while another is idle, and a worker that dies loses
  only the requests it was serving (its threads' worth), not a queue of accepted ones. The
  reverse proxy buffers slow clients, so a sync worker is never held by one.
- timeout 30 s: no request should take long (imports run in the task queue, not in requests); a
  worker stuck longer is killed and replaced, failing only the requests it had in flight.
- max_requests with jitter: workers are replaced now and then so slow leaks cannot grow, and
  not all at once. Not often: a new worker pays seconds of CPU to start (Django, then the search
  model and caches at its first requests). At 2000, 50 readers had each worker replaced every
  25 s, and p99 rose from 0.74 s to 2.0 s (`bench/load_test.py`, 30 s, SQLite); 20000 is hours at
  an ordinary site's traffic and a few minutes under that load. A worker's memory stayed flat
  in the load tests (about 250 MB), so nothing asks for more often.
- JSON logs on standard output and error (lfbl/logs.py), access log included.
"""

import multiprocessing
import os
import uuid

from lfbl.logs import gunicorn_logging

bind = os.environ.get("LFBL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("LFBL_THREADS", "1"))
worker_connections = threads
timeout = int(os.environ.get("LFBL_TIMEOUT", "30"))
graceful_timeout = 30
# Short: an idle kept-alive connection takes one of the worker's few connection slots.
keepalive = 2
max_requests = int(os.environ.get("LFBL_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
# The reverse proxy sets X-Forwarded-* (and terminates TLS); trust only it.
forwarded_allow_ips = os.environ.get("LFBL_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Worker heartbeats in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = "-"
errorlog = "-"
logconfig_dict = gunicorn_logging()
raw_env = [
    f"DJANGO_SETTINGS_MODULE={os.environ.get('DJANGO_SETTINGS_MODULE', 'lfbl.settings.production')}"
]
# This run of the server: the page cache files what it keeps under it (pagecache/cache.py), so
# after an upgrade and restart no page rendered by the old code is served. Read again on a
# reload (HUP), which starts new workers with the new code too.
os.environ["LFBL_SERVER_RUN"] = uuid.uuid4().hex
