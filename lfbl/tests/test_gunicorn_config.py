"""What `lfbl/gunicorn.conf.py` chooses from its environment (measured choices: see its docstring)."""

import multiprocessing
import os
import runpy
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"


@pytest.fixture
def config(monkeypatch):
    # The file sets LFBL_SERVER_RUN; monkeypatch puts the environment back afterwards.
    monkeypatch.setenv("LFBL_SERVER_RUN", "")
    for name in ("WEB_CONCURRENCY", "LFBL_THREADS", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)

    def read(**environ):
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(CONFIG))

    return read


@pytest.mark.parametrize("database", ["", "postgres://lfbl:secret@db.internal:5432/lfbl"])
def test_one_single_threaded_worker_per_core_on_either_database(config, database):
    values = config(DATABASE_URL=database) if database else config()
    assert values["workers"] == multiprocessing.cpu_count()
    assert values["threads"] == 1


def test_the_operator_sets_workers_and_threads(config):
    values = config(WEB_CONCURRENCY="7", LFBL_THREADS="3")
    assert (values["workers"], values["threads"], values["worker_connections"]) == (7, 3, 3)


def test_each_run_of_gunicorn_has_its_own_page_cache_key_space(config):
    runs = []
    for _ in range(2):
        config()
        runs.append(os.environ["LFBL_SERVER_RUN"])
    assert all(runs) and runs[0] != runs[1]
