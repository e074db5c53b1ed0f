from django.apps import AppConfig


class IngestConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ingest"

    def ready(self):
        from ingest import signals  # noqa: F401 - connects the receivers
        from ingest.attachment_text import attachment_sections
        from ingest.panels import ImportReviewPanel
        from resources.models import ResourcePage
        from search import site_index

        # The importer extends what others show without their knowing of it (app layers): the
        # search index gains the text of attached files, the resource editor a review panel.
        site_index.register_section_source(attachment_sections)
        panels = list(ResourcePage.content_panels)
        panels.insert(1, ImportReviewPanel(heading="Import suggestions to review"))
        ResourcePage.content_panels = panels
