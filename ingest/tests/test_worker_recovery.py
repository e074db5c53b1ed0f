"""A batch whose import worker died is picked up again: the file being read is failed with a plain
reason, the files after it are imported, and a batch a live worker is busy with is left alone."""

import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ingest.models import ImportBatch, ImportedFile
from ingest.recovery import STALLED_REASON, resume_stalled_batches, worker_id
from ingest.tasks import upload_folder
from lfbl.tests.editor_sign_in import force_verified_login

pytestmark = pytest.mark.django_db

NOTE = """Residents of a coastal Big Local area ran a survey of every household in 2019.

The partnership used the survey to choose three priorities for the next five years: a youth
club, a community garden and small grants for local groups. Residents said that being asked
in person made them more likely to take part in the partnership's later events.
"""


def a_dead_worker() -> str:
    finished = subprocess.Popen(["true"])
    finished.wait()
    return worker_id(finished.pid)


def stalled_batch(worker: str, *, started=None) -> ImportBatch:
    """A batch as a killed worker leaves it: one file being read, one waiting, the task running."""
    started = started or timezone.now() - timedelta(seconds=5)
    batch = ImportBatch.objects.create()
    folder = upload_folder(batch)
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("killer.txt", "survey.txt"):
        (folder / name).write_text(NOTE.replace("survey", name[:-4]))
    ImportedFile.objects.create(
        batch=batch,
        name="killer.txt",
        upload_path=str(folder / "killer.txt"),
        state=ImportedFile.RUNNING,
        started_at=started,
    )
    ImportedFile.objects.create(
        batch=batch, name="survey.txt", upload_path=str(folder / "survey.txt")
    )
    task = DBTaskResult.objects.create(
        task_path="ingest.tasks.import_batch",
        args_kwargs={"args": [batch.pk], "kwargs": {}},
        backend_name="imports",
        queue_name="default",
        run_after=started,
        status=TaskResultStatus.RUNNING,
        started_at=started,
        worker_ids=[worker],
    )
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=started, task_id=str(task.id))
    return ImportBatch.objects.get(pk=batch.pk)


def states(batch):
    return {item.name: (item.state, item.outcome) for item in batch.files.all()}


def test_a_batch_whose_worker_was_killed_is_resumed():
    batch = stalled_batch(a_dead_worker())
    old_task = batch.task_id

    assert resume_stalled_batches() == [batch]

    killer = batch.files.get(name="killer.txt")
    assert (killer.state, killer.outcome, killer.reason) == ("done", "failed", STALLED_REASON)
    survey = batch.files.get(name="survey.txt")
    assert (survey.state, survey.outcome) == ("done", "imported"), survey.reason
    assert survey.page.title
    assert DBTaskResult.objects.get(id=old_task).status == TaskResultStatus.FAILED
    batch.refresh_from_db()
    assert batch.finished and batch.task_id != old_task
    # Nothing is left waiting in the upload folder.
    assert not Path(upload_folder(batch)).exists()


def test_a_batch_a_live_worker_is_reading_is_left_alone():
    batch = stalled_batch(worker_id())  # this process: alive
    before = states(batch)

    assert resume_stalled_batches() == []
    assert states(batch) == before


def test_a_batch_silent_for_longer_than_a_file_may_take_is_resumed(settings):
    # Another machine's worker cannot be looked up, but no live worker spends this long on a file.
    settings.INGEST_FILE_SECONDS, settings.INGEST_STALL_MARGIN_SECONDS = 60, 30
    batch = stalled_batch("another-server:4242", started=timezone.now() - timedelta(seconds=60))
    assert resume_stalled_batches() == []
    later = timezone.now() + timedelta(seconds=31)
    assert resume_stalled_batches(now=later) == [batch]
    assert states(batch)["survey.txt"] == ("done", "imported")


def test_a_queued_batch_waits_for_its_worker():
    batch = stalled_batch(a_dead_worker())
    DBTaskResult.objects.filter(id=batch.task_id).update(status=TaskResultStatus.READY)
    batch.files.filter(state=ImportedFile.RUNNING).update(state=ImportedFile.WAITING)
    assert resume_stalled_batches() == []


def test_the_progress_page_resumes_its_own_batch(client):
    editor = get_user_model().objects.create_superuser("watcher", "", "pw-for-watching-1")
    force_verified_login(client, editor)
    batch = stalled_batch(a_dead_worker())

    response = client.get(f"/admin/import/{batch.pk}/status/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Finished" in html and STALLED_REASON in html
    assert states(batch)["survey.txt"] == ("done", "imported")
