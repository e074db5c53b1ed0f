"""The page editor's "Import suggestions" panel: each suggested theme, area, organisation and type
of an imported draft, with its confidence, the sentence that led to it, and one button to accept
or reject it; also what the importer could not find (a summary it had to make, and so on)."""

from wagtail.admin.panels import Panel


class ImportReviewPanel(Panel):
    """Shown only on resources made by the importer."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "ingest/panels/import_review.html"

        def is_shown(self):
            page_id = getattr(self.instance, "pk", None)
            if not page_id:
                return False
            from ingest.models import ImportedFile, Suggestion

            return (
                Suggestion.objects.filter(page_id=page_id).exists()
                or ImportedFile.objects.filter(page_id=page_id).exists()
            )

        def get_context_data(self, parent_context=None):
            from ingest.models import ImportedFile, Suggestion

            context = super().get_context_data(parent_context)
            page_id = self.instance.pk
            context["suggestions"] = Suggestion.objects.filter(page_id=page_id)
            latest = ImportedFile.objects.filter(page_id=page_id).order_by("-pk").first()
            context["warnings"] = (latest.report.get("warnings") or []) if latest else []
            return context
