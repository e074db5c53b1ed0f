"""The editor's multi-file upload in the Wagtail admin: files in, a batch queued, progress shown.

The upload only stores the files and queues the batch; the import itself runs in the background
worker (ingest/tasks.py), so a large or slow file never ties up a web request. The batch page
shows each file's state and outcome, and refreshes itself while the worker is busy.
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from ingest.models import ImportBatch, ImportedFile
from ingest.recovery import resume
from ingest.tasks import import_batch, upload_folder
from resources.models import ResourceIndexPage, ResourceType


def _check_permission(request):
    parent = ResourceIndexPage.objects.first()
    if parent is None or not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied


def upload(request):
    _check_permission(request)
    max_bytes = settings.INGEST_MAX_UPLOAD_BYTES
    context = {
        "page_title": "Import documents",
        "header_title": "Import documents",  # the browser tab's title
        "header_icon": "upload",
        "resource_types": ResourceType.objects.all(),
        "max_size": filesizeformat(max_bytes),
        "recent": ImportBatch.objects.filter(created_by=request.user)[:5],
    }
    if request.method == "POST":
        files = request.FILES.getlist("files")
        if not files:
            context["error"] = "Choose at least one file to import."
        else:
            batch = _queue_batch(request, files, max_bytes)
            return redirect("ingest_batch", batch.pk)
    return render(request, "ingest/upload.html", context)


def _queue_batch(request, files, max_bytes) -> ImportBatch:
    resource_type = request.POST.get("type") or ""
    if resource_type and not ResourceType.objects.filter(slug=resource_type).exists():
        resource_type = ""
    with transaction.atomic():
        batch = ImportBatch.objects.create(created_by=request.user, resource_type=resource_type)
        folder = upload_folder(batch)
        folder.mkdir(parents=True, exist_ok=True)
        for upload_file in files:
            _add_file(batch, folder, upload_file, max_bytes)
    # Queued once the rows are committed, so the worker never looks for a batch too early.
    _enqueue(batch)
    return batch


def _add_file(batch, folder: Path, upload_file, max_bytes: int) -> None:
    name = Path(upload_file.name).name or "upload"
    item = ImportedFile(batch=batch, name=name[:255], size=upload_file.size)
    if upload_file.size > max_bytes:
        item.state, item.outcome = ImportedFile.DONE, "failed"
        item.reason = (
            f"the file is {filesizeformat(upload_file.size)}; "
            f"the limit is {filesizeformat(max_bytes)}"
        )
        item.save()
        return
    path = _free_path(folder, name)
    with path.open("wb") as handle:
        for chunk in upload_file.chunks():
            handle.write(chunk)
    item.upload_path = str(path)
    item.save()


def _free_path(folder: Path, name: str) -> Path:
    # Files keep their own names (a picture beside its page is found by name); a second file
    # with the same name goes into a numbered subfolder.
    path, number = folder / name, 1
    while path.exists():
        path = folder / str(number) / name
        path.parent.mkdir(exist_ok=True)
        number += 1
    return path


def _enqueue(batch: ImportBatch) -> None:
    result = import_batch.enqueue(batch.pk)
    ImportBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id))


def review_suggestion(request, suggestion_id, action):
    """Accept or reject one suggestion from the page editor's import panel, then go back there."""
    from django.contrib import messages
    from django.http import HttpResponseNotAllowed

    from ingest.models import Suggestion
    from ingest.review import review

    if request.method != "POST" or action not in ("accept", "reject"):
        return HttpResponseNotAllowed(["POST"])
    suggestion = get_object_or_404(Suggestion.objects.select_related("page"), pk=suggestion_id)
    if not suggestion.page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if suggestion.status == Suggestion.PENDING:
        review(suggestion, accept=action == "accept", user=request.user)
        done = "accepted" if action == "accept" else "rejected"
        messages.success(request, f"{suggestion.get_kind_display()} '{suggestion.name}' {done}.")
    return redirect("wagtailadmin_pages:edit", suggestion.page_id)


def batch_progress(request, batch_id):
    _check_permission(request)
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    context = _progress_context(batch)
    context.update(
        page_title="Import progress", header_title="Import progress", header_icon="upload"
    )
    return render(request, "ingest/batch.html", context)


def batch_status(request, batch_id):
    """The progress table alone, fetched by the batch page every few seconds while it runs."""
    _check_permission(request)
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    return render(request, "ingest/_batch_progress.html", _progress_context(batch))


def _progress_context(batch: ImportBatch) -> dict:
    # A batch whose worker died is picked up again here, so the editor watching it sees it move.
    resume(batch)
    files = list(batch.files.select_related("page"))
    done = [item for item in files if item.state == ImportedFile.DONE]
    counts = {
        outcome: sum(1 for item in done if item.outcome == outcome)
        for outcome in ("imported", "duplicate", "failed", "picture")
    }
    return {
        "batch": batch,
        "files": files,
        "done_count": len(done),
        "counts": counts,
        "finished": len(done) == len(files),
        "status_url": reverse("ingest_batch_status", args=[batch.pk]),
    }
