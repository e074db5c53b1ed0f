"""Pages about the programme as a whole: About, and the Theory of change."""

from dataclasses import dataclass

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from resources.quote_marks import marked_html
from security.visibility import visible


class AboutPage(Page):
    """`/about/`: what Big Local was and what this library is, each claim linked to its source."""

    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        """The body, with the sentence "ask the library" quoted marked (``?highlight=``)."""
        context = super().get_context(request, *args, **kwargs)
        context["body"] = marked_html(
            expand_db_html(self.body or ""), request.GET.get("highlight", "")
        )
        return context


class EvidencedStatement(blocks.StructBlock):
    """One statement in the theory of change, with the resources that evidence it."""

    statement = blocks.TextBlock()
    evidence = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="resources.ResourcePage"), required=False
    )

    class Meta:
        icon = "link"


@dataclass
class Statement:
    """One statement as the page shows it: its text and the evidence the public may open."""

    text: str
    evidence: list


@dataclass
class Section:
    key: str
    label: str
    statements: list[Statement]


@dataclass
class Step:
    """One column of the diagram (a row on a phone); outcomes, planned and unplanned, are one."""

    key: str
    sections: list[Section]


@dataclass
class Diagram:
    chain: list[Step]  # read in order, an arrow from each step to the next
    conditions: list[Section]  # bear on every step: drawn as a band beneath the chain

    def __bool__(self):
        return bool(self.chain or self.conditions)


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

    # How the diagram lays the sections out: the chain of steps, and the conditions around it.
    CHAIN = [
        ("inputs", ["inputs"]),
        ("activities", ["activities"]),
        ("outcomes", ["planned_outcomes", "unplanned_outcomes"]),
    ]
    CONDITIONS = ["enablers", "barriers", "risks"]

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

    def diagram(self) -> Diagram:
        """The statements shaped as the diagram draws them, each with only the evidence the
        public may see (one query for all of it), leaving out empty sections and steps."""
        labels = dict(self.SECTIONS)
        cited = {page.pk for item in self.items for page in item.value["evidence"] if page}
        shown = set(visible(Page.objects.filter(pk__in=cited)).values_list("pk", flat=True))
        grouped = {key: [] for key in labels}
        for item in self.items:
            evidence = [page for page in item.value["evidence"] if page and page.pk in shown]
            grouped[item.block_type].append(Statement(item.value["statement"], evidence))
        sections = {
            key: Section(key, labels[key], statements)
            for key, statements in grouped.items()
            if statements
        }
        chain = [
            Step(step, [sections[key] for key in keys if key in sections])
            for step, keys in self.CHAIN
        ]
        return Diagram(
            chain=[step for step in chain if step.sections],
            conditions=[sections[key] for key in self.CONDITIONS if key in sections],
        )
