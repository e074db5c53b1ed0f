"""Serve the site with gunicorn on a fresh database, prepared the way `make setup` prepares it.

The quality tests and `bench/lighthouse.py` both need a real server, so the steps live here once.
The database is a new SQLite file in the site's folder or, when ``DATABASE_URL`` names a
PostgreSQL server (the suite's PostgreSQL run), a new database on that server.
"""

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from lfbl.tests.postgres_cluster import copy_database, create_database, is_postgres

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Prepared sites, made once per process and copied for each caller: (settings, static, server)
# -> (folder, database URL or None).
_prepared: dict[tuple, tuple[Path, str | None]] = {}


def _manage(env, command):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *command],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{result.stderr[-3000:]}")


def _prepare_once(settings, collect_static, server_url):
    """Run `make setup`'s steps once into a folder of its own (and a database of its own)."""
    key = (settings, collect_static, server_url)
    if key not in _prepared:
        folder = Path(tempfile.mkdtemp(prefix="lfbl-prepared-site-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, "LFBL_VAR_DIR": str(folder)}
        database = create_database(server_url, "prepared") if server_url else None
        if database:
            env["DATABASE_URL"] = database
        commands = [
            ["migrate", "--noinput", "-v", "0"],
            ["load_library"],
            ["check_search_index"],
        ]
        if collect_static:
            # Hashed, compressed static files as `make setup` makes them, so caching is as in
            # real use.
            commands.append(["collectstatic", "--noinput", "-v", "0"])
        for command in commands:
            _manage(env, command)
        _prepared[key] = (folder, database)
    return _prepared[key]


def prepare_site(var_dir, settings="lfbl.settings.test", *, collect_static=False, admin=None):
    """A site of its own in `var_dir`, migrated, loaded with the bundled library and indexed as
    `make setup` does it; returns the server's environment, with the address (a free port) the
    site will be served on.

    The steps run once per process; each caller gets a copy (the folder, and on PostgreSQL a
    database made from the prepared one as its template) and its own address, so tests stay
    independent without paying for the same preparation again and again.
    """
    server_url = os.environ.get("DATABASE_URL")
    server_url = server_url if is_postgres(server_url) else None
    folder, database = _prepare_once(settings, collect_static, server_url)
    shutil.copytree(folder, var_dir, dirs_exist_ok=True)
    address = f"http://127.0.0.1:{free_port()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "LFBL_VAR_DIR": str(var_dir),
        # The test settings read the first, the local settings (bench/lighthouse.py) the second.
        "LFBL_TEST_SITE_URL": address,
        "LFBL_BASE_URL": address,
        # As under `make run`: uploads are imported by the real worker, which serve() starts.
        "LFBL_IMPORT_QUEUE": "database",
    }
    if database:
        env["DATABASE_URL"] = copy_database(database, "site")
    _manage(env, ["set_site_address"])
    if admin:
        _manage(env, ["ensure_admin", "--username", admin[0], "--password", admin[1]])
    return env


@contextmanager
def serve(var_dir, env, *, workers=1, threads=4):
    """Run gunicorn on the site's address (from `prepare_site`), and the import worker beside it
    as `make run` does, until the block ends; yield the address."""
    url = env["LFBL_BASE_URL"]
    port = urlsplit(url).port
    log_path = Path(var_dir) / "server.log"
    with open(log_path, "w") as log, open(Path(var_dir) / "worker.log", "w") as worker_log:
        worker = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "import_worker", "--interval", "0.5"],
            env=env,
            cwd=ROOT,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
        )
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "lfbl.wsgi", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", str(workers), "--threads", str(threads)],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(url + "/", timeout=2)
                    break
                except OSError as error:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            f"site server did not start: {log_path.read_text()}"
                        ) from error
                    time.sleep(0.3)
            yield url
        finally:
            server.terminate()
            worker.terminate()
            server.wait(timeout=10)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
