"""The background task that imports an editor's uploaded batch, outside any web request.

It runs in the import queue's worker (`manage.py db_worker --backend imports`, started by
`make run`). Each file is marked as it starts and finishes, so the upload page can show progress;
each is analysed under a time and memory limit (ingest/isolation.py) and saved by the worker.
Uploads are deleted once their file is done: the original is kept as the draft's attachment.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from ingest.batch import PICTURE_REASON, import_file, is_picture
from ingest.isolation import analyse_with_limits
from ingest.library_vocabulary import build_vocabulary


@task(backend="imports")
def import_batch(batch_id: int) -> dict:
    """Import every waiting file of the batch; returns the count of each outcome."""
    from ingest.models import ImportBatch, ImportedFile
    from resources.models import ResourceIndexPage

    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    try:
        _import_waiting(batch, ResourceIndexPage.objects.first(), build_vocabulary())
    finally:
        # Whatever stopped the batch, no file is left looking busy forever.
        for item in batch.files.exclude(state=ImportedFile.DONE):
            _finish(item, {"outcome": "failed", "reason": STOPPED_REASON})
        shutil.rmtree(upload_folder(batch), ignore_errors=True)
    outcomes = batch.files.values_list("outcome", flat=True)
    return {outcome: list(outcomes).count(outcome) for outcome in set(outcomes)}


STOPPED_REASON = "the import stopped before this file was done; please upload it again"


def _finish(item, entry: dict) -> None:
    item.outcome, item.reason = entry["outcome"], entry["reason"]
    item.page_id = entry.get("page_id")
    item.report = entry
    item.state, item.finished_at = item.DONE, timezone.now()
    item.save()


def _import_waiting(batch, parent, vocabulary) -> None:
    from ingest.models import ImportedFile

    waiting = list(batch.files.filter(state=ImportedFile.WAITING))
    # Pictures are not resources: they wait in the folder for the web pages that show them.
    pictures = [item for item in waiting if is_picture(item.name)]
    for item in pictures:
        _finish(item, {"outcome": "picture", "reason": PICTURE_REASON})
    for item in waiting:
        if item in pictures:
            continue
        # Claimed only if still waiting: a batch queued again after a stall (ingest/recovery.py)
        # never has one file imported by two tasks.
        item.state, item.started_at = ImportedFile.RUNNING, timezone.now()
        claimed = ImportedFile.objects.filter(pk=item.pk, state=ImportedFile.WAITING).update(
            state=item.state, started_at=item.started_at
        )
        if not claimed:
            continue
        _finish(item, _import_one(item, batch, parent, vocabulary))
        Path(item.upload_path).unlink(missing_ok=True)


def _import_one(item, batch, parent, vocabulary) -> dict:
    path = Path(item.upload_path)
    max_bytes = settings.INGEST_MAX_UPLOAD_BYTES
    return import_file(
        path,
        parent=parent,
        vocabulary=vocabulary,
        resource_type=batch.resource_type or None,
        user=batch.created_by,
        name=item.name,
        max_bytes=max_bytes,
        analyse=lambda: analyse_with_limits(
            path,
            item.name,
            vocabulary,
            max_bytes=max_bytes,
            seconds=settings.INGEST_FILE_SECONDS,
            memory_bytes=settings.INGEST_FILE_MEMORY_BYTES,
        ),
    )


def upload_folder(batch) -> Path:
    """Where a batch's uploads wait: one folder each, so pictures stay beside their pages."""
    return Path(settings.INGEST_UPLOAD_DIR) / str(batch.pk)
