"""Uploaded files are served as downloads, and only when a page the public may see uses them.

- `/documents/<id>/<name>` (Wagtail's document view) answers a reader only for a document that a
  publicly visible page attaches or links to; editors can fetch any. Others get the same 404 as a
  document that does not exist, so ids cannot be probed. The answer is always an attachment with
  `nosniff` and a sandboxing Content-Security-Policy, so an uploaded HTML file never runs as the
  site.
- `/media/...`, served by Django only where no web server does it (`SERVE_MEDIA`), gives images
  the same headers and never serves the documents folder, whose files go through the view above.
"""

import posixpath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.views.static import serve
from wagtail.documents.views.serve import serve as wagtail_serve_document
from wagtail.models import Page, ReferenceIndex

from security.visibility import visible

# Nothing in a served file may run, load anything or be framed: it is data to save.
DOWNLOAD_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'"
# Wagtail stores documents below this folder of MEDIA_ROOT.
DOCUMENTS_FOLDER = "documents/"


def may_see_any_document(user) -> bool:
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def used_by_a_visible_page(document) -> bool:
    """Whether a publicly visible page attaches the document or links to it (Wagtail's
    reference index records both, for a page's fields, rich text and inline children)."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return visible(Page.objects.filter(pk__in=[int(pk) for pk in page_ids])).exists()


def check_document_access(document, request):
    """Wagtail's `before_serve_document` hook: a 404 unless the reader may have the file."""
    if may_see_any_document(request.user) or used_by_a_visible_page(document):
        return None
    raise Http404("No such document")


def as_download(response, filename: str | None = None):
    """`response` made a download that cannot run: attachment, nosniff, sandboxing policy."""
    disposition = response.get("Content-Disposition", "")
    if not disposition.startswith("attachment"):
        response["Content-Disposition"] = (
            "attachment" + disposition[len("inline") :]
            if disposition.startswith("inline")
            else "attachment" + (f'; filename="{filename}"' if filename else "")
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_POLICY
    # Wagtail's file sender writes the header even when there is no encoding ("None").
    if response.get("Content-Encoding") in ("None", ""):
        del response["Content-Encoding"]
    return response


def serve_document(request, document_id, document_filename):
    """Wagtail's document view (access hook, privacy, conditional GET), always as a download."""
    response = wagtail_serve_document(request, document_id, document_filename)
    if response.status_code == 200:
        return as_download(response, document_filename)
    return response


def serve_media(request, path):
    """Uploaded images for a site without a separate web server; never the documents folder."""
    # Normalised as `serve` will, so "images/../documents/x" cannot slip past.
    if posixpath.normpath(path).lstrip("/").startswith(DOCUMENTS_FOLDER):
        raise Http404("Documents are served from /documents/")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_POLICY
    return response
