"""`kill -9` of the real import worker in the middle of a batch loses nothing: the next worker
to start fails the file it was reading, with a plain reason, and imports the files after it."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from lfbl.tests.served_site import ROOT, prepare_site

pytestmark = pytest.mark.django_db(transaction=True)

NOTE = """A Big Local partnership in a market town opened a community shop in 2021.

Volunteers staff the shop four days a week, and its takings pay for a small grants scheme that
residents decide on together at an open meeting each spring. The partnership says the shop has
become the place where new residents first hear about its work.
"""

QUEUE = """
import os, shutil
from pathlib import Path
from ingest.models import ImportBatch, ImportedFile
from ingest.tasks import import_batch, upload_folder
batch = ImportBatch.objects.create()
folder = upload_folder(batch)
folder.mkdir(parents=True)
for name in os.environ["QUEUE_IN_ORDER"].split(","):
    shutil.copy(Path(os.environ["QUEUE_FROM"]) / name, folder / name)
    ImportedFile.objects.create(batch=batch, name=name, upload_path=str(folder / name))
ImportBatch.objects.filter(pk=batch.pk).update(task_id=str(import_batch.enqueue(batch.pk).id))
"""

STATES = """
import json
from ingest.models import ImportedFile
print(json.dumps({f.name: [f.state, f.outcome, f.reason] for f in ImportedFile.objects.all()}))
"""


def _shell(env, code):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _states(env) -> dict:
    return json.loads(_shell(env, STATES).strip().splitlines()[-1])


def _worker(env, *args):
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "import_worker", "--interval", "0.2", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so the kill takes its children too
    )


def test_the_batch_goes_on_after_its_worker_is_killed(tmp_path):
    env = prepare_site(tmp_path / "site")
    # A long first file keeps the worker busy long enough to be killed while reading it.
    long_text = (NOTE + "\n") * 60_000
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "long-report.txt").write_text(long_text)
    (uploads / "community-shop.txt").write_text(NOTE)
    order = "long-report.txt,community-shop.txt"
    _shell({**env, "QUEUE_FROM": str(uploads), "QUEUE_IN_ORDER": order}, QUEUE)

    worker = _worker(env)
    deadline = time.monotonic() + 180
    while _states(env)["long-report.txt"][0] != "running":
        assert time.monotonic() < deadline, "the worker never started the batch"
        assert worker.poll() is None, "the worker stopped by itself"
        time.sleep(0.5)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    stuck = _states(env)
    assert stuck["long-report.txt"][0] == "running" and stuck["community-shop.txt"][0] == "waiting"

    # The next worker resumes the batch when it starts, imports what waits, then stops (--batch).
    assert _worker(env, "--batch").wait(timeout=300) == 0

    after = _states(env)
    assert after["long-report.txt"][:2] == ["done", "failed"]
    assert "import worker stopped" in after["long-report.txt"][2]
    assert after["community-shop.txt"][:2] == ["done", "imported"], after
