"""Timeline events of the Big Local programme, and the `/timeline/` page that lists them in order."""

from django.db import models
from django.db.models import Prefetch
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from resources.models import ResourcePage
from resources.partial_dates import DatePrecision, format_partial_date
from resources.quote_marks import marked_texts
from security.visibility import visible


@register_snippet
class TimelineEvent(ClusterableModel):
    """A dated programme event; the date may be known only to the year or month."""

    date = models.DateField(help_text="For a year or month only, use its first day.")
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    resources = ParentalManyToManyField(
        "resources.ResourcePage", blank=True, related_name="timeline_events"
    )

    panels = [
        FieldPanel("date"),
        FieldPanel("date_precision"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("resources"),
    ]

    class Meta:
        ordering = ["date", "title"]

    def __str__(self):
        return f"{self.display_date}: {self.title}"

    @property
    def display_date(self):
        return format_partial_date(self.date, self.date_precision)

    @property
    def anchor(self) -> str:
        """The event's `id` on the timeline page, for links to it: "2012-local-trust-founded"."""
        return f"{self.date.year}-{slugify(self.title)}"


class TimelinePage(Page):
    """`/timeline/`: the programme's events in date order, readable as a plain list."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        """The events, each with the resources the public may see, and the sentence "ask the
        library" quoted marked (``?highlight=``)."""
        context = super().get_context(request, *args, **kwargs)
        shown = visible(ResourcePage.objects.all())
        events = list(
            TimelineEvent.objects.prefetch_related(
                Prefetch("resources", queryset=shown, to_attr="shown_resources")
            )
        )
        texts = marked_texts([e.description for e in events], request.GET.get("highlight", ""))
        for event, text in zip(events, texts, strict=True):
            event.shown_description = text
        context["events"] = events
        return context
