"""The home page: what Big Local was, the ways in, and what is new."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField(blank=True, help_text="What Big Local was, in three sentences.")
    start_here = RichTextField(blank=True, help_text="Where a first-time visitor should begin.")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("start_here")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from resources.models import ResourcePage
        from themes.models import ThemePage

        context = super().get_context(request, *args, **kwargs)
        resources = ResourcePage.objects.visible().select_related("resource_type")
        context["themes"] = (
            ThemePage.objects.visible()
            .select_related("group")
            .order_by("group__sort_order", "path")
        )
        # Counted, not written into the template: the library grows after the bundled 15.
        context["resource_count"] = resources.count()
        context["start_here"] = resources.filter(resource_type__slug="qa-article").order_by(
            "-publication_date"
        )[:3]
        context["latest"] = resources.exclude(publication_date=None).order_by("-publication_date")[
            :5
        ]
        context["most_cited"] = ResourcePage.most_cited()[:5]
        return context
