"""The editor's multi-file upload in the Wagtail admin: files in, draft resources out."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

from ingest.batch import import_file, summarise
from ingest.drafts import build_vocabulary
from resources.models import ResourceIndexPage, ResourceType


def _save_upload(upload, folder: Path) -> Path:
    # Uploads are written under a folder of their own so the original name reaches the analysis.
    path = folder / Path(upload.name).name
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return path


def upload(request):
    parent = ResourceIndexPage.objects.first()
    if parent is None or not parent.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    max_bytes = settings.INGEST_MAX_UPLOAD_BYTES
    context = {
        "page_title": "Import documents",
        "header_icon": "upload",
        "resource_types": ResourceType.objects.all(),
        "max_size": filesizeformat(max_bytes),
    }
    if request.method == "POST":
        files = request.FILES.getlist("files")
        resource_type = request.POST.get("type") or None
        if resource_type and not ResourceType.objects.filter(slug=resource_type).exists():
            resource_type = None
        entries = []
        if not files:
            context["error"] = "Choose at least one file to import."
        vocabulary = build_vocabulary() if files else None
        for upload_file in files:
            if upload_file.size > max_bytes:
                entries.append(
                    {
                        "path": upload_file.name,
                        "outcome": "failed",
                        "reason": f"the file is {filesizeformat(upload_file.size)}; "
                        f"the limit is {filesizeformat(max_bytes)}",
                    }
                )
                continue
            with tempfile.TemporaryDirectory(prefix="lfbl-upload-") as folder:
                path = _save_upload(upload_file, Path(folder))
                entries.append(
                    import_file(
                        path,
                        parent=parent,
                        vocabulary=vocabulary,
                        resource_type=resource_type,
                        user=request.user,
                        name=upload_file.name,
                        max_bytes=max_bytes,
                    )
                )
        context.update(entries=entries, summary=summarise(entries))
    return render(request, "ingest/upload.html", context)
