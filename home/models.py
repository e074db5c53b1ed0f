"""The home page: what Big Local was, the ways in, and what is new."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from themes.models import ThemePage


class HomePage(Page):
    intro = RichTextField(blank=True, help_text="What Big Local was, in three sentences.")
    start_here = RichTextField(blank=True, help_text="Where a first-time visitor should begin.")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("start_here")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        # The resource lists come from the resources app's template tags (resource_lists).
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = (
            ThemePage.objects.visible()
            .select_related("group")
            .order_by("group__sort_order", "path")
        )
        return context
