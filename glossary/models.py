"""Glossary terms readers meet in the library (partnership, LTO, rep ...) and the page listing them."""

import re

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class GlossaryTerm(index.Indexed, models.Model):
    """A term with its definition and the other names (abbreviations, synonyms) people use for it."""

    term = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    also_known_as = models.CharField(
        max_length=300, blank=True, help_text="Other names and abbreviations, separated by ';'."
    )
    definition = models.TextField()

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("also_known_as"),
        FieldPanel("definition"),
    ]
    search_fields = [index.SearchField("term"), index.AutocompleteField("term")]

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def synonyms(self):
        """Every other way documents write the term (plurals too): what search and marking match."""
        return [name.strip() for name in self.also_known_as.split(";") if name.strip()]

    @property
    def other_names(self):
        """The other names a reader would want told, as the glossary shows them: without
        plurals, spellings that differ only in capitals or hyphens, or the term itself."""

        def key(name):  # "Co-ordinators" and "coordinator" are one name to a reader
            folded = re.sub(r"[^a-z0-9]", "", name.casefold())
            return folded[:-1] if folded.endswith("s") else folded

        seen = {key(re.sub(r"\s*\([^)]*\)\s*$", "", self.term)), key(self.term)}
        shown = []
        for name in self.synonyms:
            if key(name) not in seen:
                seen.add(key(name))
                shown.append(name)
        return shown


class GlossaryPage(Page):
    """`/glossary/`: every term, A to Z."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["terms"] = GlossaryTerm.objects.all()
        return context
