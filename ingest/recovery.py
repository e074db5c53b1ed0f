"""Picking up an upload batch whose import worker died (`kill -9`, a crash, the machine stopping).

A worker that is stopped cleanly finishes or fails its files itself (ingest/tasks.py). One that
is killed leaves its batch "importing" for ever: the file it was reading stays running, the files
after it wait, and the queue believes the task is still running. A batch is *stalled* when

- its queued task is marked running by a worker of this machine whose process has gone
  (`import_worker` names each worker after its host and process id), or
- its task ended, or is unknown, while files still wait, or
- nothing in it has moved for longer than one file may take (the per-file time limit) plus a
  margin for saving: a live worker always finishes or fails a file within that time.

Resuming marks the file that was being read as failed, with a plain reason (it may be the file
that killed the worker, so it is not tried again unasked), and queues the batch again so its
waiting files are imported. The import worker resumes stalled batches when it starts, and the
batch's progress page checks its own batch each time it refreshes.
"""

import os
import socket
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ingest.models import ImportBatch, ImportedFile

STALLED_REASON = (
    "the import worker stopped while it was reading this file, so it was not imported; "
    "upload it again if it belongs in the library"
)


class WorkerStopped(Exception):
    """Recorded on a queued task whose worker died before it could say how the task ended."""


def worker_id(pid: int | None = None) -> str:
    """This machine's name and a process id: another process here can tell if it has gone."""
    return f"{socket.gethostname()[:40]}:{pid or os.getpid()}"


def _is_gone(worker: str) -> bool:
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname()[:40] or not pid.isdigit():
        return False  # another machine's worker, or not named by us: only time can tell
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # a process of another user has that id now: not provably gone
    return False


def _last_activity(batch: ImportBatch, result: DBTaskResult | None):
    times = [batch.created_at]
    for item in batch.files.all():
        times += [item.started_at, item.finished_at]
    if result is not None:
        times.append(result.started_at)
    return max(moment for moment in times if moment is not None)


def _queued_task(batch: ImportBatch) -> DBTaskResult | None:
    try:
        return DBTaskResult.objects.filter(id=batch.task_id).first() if batch.task_id else None
    except ValidationError:
        return None  # another queue's id (the immediate queue of the tests): nothing to look at


def is_stalled(batch: ImportBatch, now=None) -> bool:
    """Whether the batch has unfinished files that no live worker will finish."""
    if batch.finished:
        return False
    result = _queued_task(batch)
    if result is not None and result.status == TaskResultStatus.READY:
        return False  # queued: it waits for a worker, whenever one starts
    if result is not None and result.status == TaskResultStatus.RUNNING:
        if result.worker_ids and _is_gone(result.worker_ids[-1]):
            return True
    elif result is not None:
        return True  # the task ended, yet files wait
    limit = timedelta(seconds=settings.INGEST_FILE_SECONDS + settings.INGEST_STALL_MARGIN_SECONDS)
    return (now or timezone.now()) - _last_activity(batch, result) > limit


def resume(batch: ImportBatch, now=None) -> bool:
    """Resume the batch if it is stalled; returns whether it was."""
    from ingest.tasks import import_batch

    with transaction.atomic():
        # One resumer at a time: two refreshing progress pages must not queue the batch twice.
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if not is_stalled(batch, now):
            return False
        result = _queued_task(batch)
        if result is not None and result.status == TaskResultStatus.RUNNING:
            result.set_failed(WorkerStopped("the import worker stopped during this task"))
        for item in batch.files.filter(state=ImportedFile.RUNNING):
            item.state, item.finished_at = ImportedFile.DONE, timezone.now()
            item.outcome, item.reason = "failed", STALLED_REASON
            item.report = {"path": item.name, "outcome": "failed", "reason": STALLED_REASON}
            item.save()
        waiting = batch.files.filter(state=ImportedFile.WAITING).exists()
        if waiting:
            batch.task_id = ""
            batch.save(update_fields=["task_id"])
    if waiting:
        # Queued after the commit, as an upload is, so the worker finds the files as left here.
        result = import_batch.enqueue(batch.pk)
        ImportBatch.objects.filter(pk=batch.pk, task_id="").update(task_id=str(result.id))
    return True


def resume_stalled_batches(now=None) -> list[ImportBatch]:
    """Resume every stalled batch; returns those resumed."""
    unfinished = ImportBatch.objects.filter(
        files__state__in=[ImportedFile.WAITING, ImportedFile.RUNNING]
    )
    return [batch for batch in unfinished.distinct() if resume(batch, now)]
