"""The accessibility statement page, in the shape of the UK public sector model statement.

A page rather than a view, so that editors keep it true as the site changes (its known issues above
all) and its revisions show who changed what; being a page, it is in the sitemap and the static
archive like any other. Its headings are the model statement's, fixed in the template; the contact
address is the `CONTACT_EMAIL` setting, the one place the site's operator gives it.
"""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class AccessibilityStatementPage(Page):
    """`/accessibility/`: linked from every page's footer, kept out of the main navigation."""

    introduction = RichTextField(
        blank=True, help_text="What the statement covers and what readers should be able to do."
    )
    standard = RichTextField(
        help_text="The standard the site aims for (WCAG 2.2 AA) and how far it meets it."
    )
    known_issues = RichTextField(
        help_text="What is known not to be accessible. Update it as problems are found and fixed."
    )
    contact = RichTextField(
        blank=True,
        help_text="How to report a problem. The contact address (the CONTACT_EMAIL setting) "
        "is shown after this text.",
    )
    enforcement = RichTextField(help_text="The enforcement procedure.")
    testing = RichTextField(
        help_text="How the site was tested: keep it to what the site's tests really check."
    )
    prepared_on = models.DateField(help_text="The day this statement was first prepared.")
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day someone last checked this statement against the site. Change it only "
        "after checking.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("standard"),
        FieldPanel("known_issues"),
        FieldPanel("contact"),
        FieldPanel("enforcement"),
        FieldPanel("testing"),
        MultiFieldPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")], "Dates"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contact_email"] = settings.CONTACT_EMAIL
        return context
