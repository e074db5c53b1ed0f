"""Organisations named in the library: the programme operator, funders, partners, networks."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Organisation(index.Indexed, models.Model):
    """An organisation resources can be tagged with (e.g. Local Trust, Locality, Media Trust)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    abbreviation = models.CharField(max_length=30, blank=True)
    kind = models.CharField(
        max_length=80, blank=True, help_text="Role, e.g. support partner, funder."
    )
    description = models.TextField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("abbreviation"),
        FieldPanel("kind"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
