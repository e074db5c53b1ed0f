"""Adds 'Import documents' to the Wagtail admin menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ingest import views


@hooks.register("register_admin_urls")
def register_upload_url():
    return [
        path("import/", views.upload, name="ingest_upload"),
        path("import/<int:batch_id>/", views.batch_progress, name="ingest_batch"),
        path("import/<int:batch_id>/status/", views.batch_status, name="ingest_batch_status"),
        path(
            "import/suggestion/<int:suggestion_id>/<str:action>/",
            views.review_suggestion,
            name="ingest_review_suggestion",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_upload_menu_item():
    return MenuItem("Import documents", reverse("ingest_upload"), icon_name="upload", order=250)
