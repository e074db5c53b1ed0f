"""Gunicorn in production: `gunicorn -c lfbl/gunicorn.conf.py lfbl.wsgi`.

Every value can be changed by an environment variable (README, Deployment). Why these:
- workers: one per CPU core plus one, each with a few threads. A worker holds the search engine
  (ONNX model and the index's in-memory snapshot, about 300 MB), so more workers than cores buy
  memory use, not speed; threads overlap the waits for the database.
- worker_connections = threads: a worker accepts only as many connections as it has threads to
  serve; the rest wait in the listening socket's queue, which any worker can take from. So a
  request never waits inside a busy worker while another is idle, and a worker that dies loses
  only the requests it was serving (its threads' worth), not a queue of accepted ones.
- timeout 30 s: no request should take long (imports run in the task queue, not in requests); a
  worker stuck longer is killed and replaced, failing only the requests it had in flight.
- max_requests with jitter: workers are replaced now and then so slow leaks cannot grow, and
  not all at once.
- JSON logs on standard output and error (lfbl/logs.py), access log included.
"""

import multiprocessing
import os

from lfbl.logs import gunicorn_logging

bind = os.environ.get("LFBL_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("LFBL_THREADS", "4"))
worker_connections = threads
timeout = int(os.environ.get("LFBL_TIMEOUT", "30"))
graceful_timeout = 30
# Short: an idle kept-alive connection takes one of the worker's few connection slots.
keepalive = 2
max_requests = int(os.environ.get("LFBL_MAX_REQUESTS", "2000"))
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
