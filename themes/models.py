"""Themes: the editable topics the library is browsed by, in groups (topics, leading change, overview)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from security.visibility import VisiblePageManager


@register_snippet
class ThemeGroup(models.Model):
    """One of the groups themes are shown in, e.g. 'Topics residents focused on'."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ThemeIndexPage(Page):
    """`/themes/`: every theme, shown in its group."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["themes.ThemePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        themes = ThemePage.objects.visible().child_of(self).select_related("group")
        groups = []
        for group in ThemeGroup.objects.all():
            members = [theme for theme in themes if theme.group_id == group.pk]
            if members:
                groups.append((group, members))
        ungrouped = [theme for theme in themes if theme.group_id is None]
        if ungrouped:
            groups.append((None, ungrouped))
        context["theme_groups"] = groups
        return context


class ThemePage(Page):
    """One theme: its introduction and the resources tagged with it."""

    objects = VisiblePageManager()

    group = models.ForeignKey(
        ThemeGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="themes"
    )
    description = models.TextField(help_text="A short introduction to the theme.")
    body = RichTextField(blank=True, help_text="Optional longer introduction.")

    content_panels = Page.content_panels + [
        FieldPanel("group"),
        FieldPanel("description"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("description")]
    parent_page_types = ["themes.ThemeIndexPage"]
    subpage_types = []

    @property
    def structured_data(self):
        return {
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "name": self.title,
            "description": self.description,
            "url": self.full_url,
            "about": {"@type": "DefinedTerm", "name": self.title},
            "isPartOf": {"@type": "WebSite", "name": "Learning from Big Local"},
        }

    def get_context(self, request, *args, **kwargs):
        # The theme's resources come from the resources app's `{% resource_listing %}` tag.
        context = super().get_context(request, *args, **kwargs)
        context["related_themes"] = (
            ThemePage.objects.visible().sibling_of(self, inclusive=False).filter(group=self.group)
            if self.group_id
            else ThemePage.objects.none()
        )
        return context
