"""Pages about the programme as a whole: About, and the Theory of change."""

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index


class AboutPage(Page):
    """`/about/`: what Big Local was and what this library is, each claim linked to its source."""

    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1


class EvidencedStatement(blocks.StructBlock):
    """One statement in the theory of change, with the resources that evidence it."""

    statement = blocks.TextBlock()
    evidence = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="resources.ResourcePage"), required=False
    )

    class Meta:
        icon = "link"
        template = "programme/blocks/evidenced_statement.html"


class TheoryOfChangePage(Page):
    """`/theory-of-change/`: inputs → activities → outcomes, with enablers, barriers and risks."""

    # Each section of the model, in the order it is read; the label is what readers see.
    SECTIONS = [
        ("inputs", "Inputs"),
        ("activities", "Activities"),
        ("planned_outcomes", "Planned outcomes"),
        ("unplanned_outcomes", "Unplanned outcomes"),
        ("enablers", "Enablers"),
        ("barriers", "Barriers"),
        ("risks", "Risks"),
    ]

    intro = RichTextField(blank=True)
    items = StreamField(
        [(key, EvidencedStatement(label=label)) for key, label in SECTIONS],
        blank=True,
        help_text="Add statements to any section; each can link the resources that evidence it.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("items")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    def sections(self):
        """The statements grouped by section, in reading order, leaving out empty sections."""
        grouped = {key: [] for key, _ in self.SECTIONS}
        for item in self.items:
            grouped[item.block_type].append(item.value)
        return [(key, label, grouped[key]) for key, label in self.SECTIONS if grouped[key]]
