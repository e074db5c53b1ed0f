"""The library's own pages answer too: a fact stated only on the About page or the timeline is
quoted from there, word for word, and the page marks the quoted sentence. Pages the public may not
see say nothing. The facts here are invented for the test, so no resource holds them."""

import datetime

import lxml.html
import pytest
from wagtail.models import PageViewRestriction

from ask.answers import ask
from ask.evaluation import found_at_link
from programme.models import AboutPage
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db

ABOUT_FACT = "The library's reading room opened in 1987 in a former tram depot beside the canal."
EVENT_FACT = "Residents launched the Quillbrook lantern parade, which drew 4,000 people."


@pytest.fixture
def about():
    page = AboutPage.objects.get()
    page.body = f"<h2>Where it lives</h2><p>{ABOUT_FACT} It closed for repairs in 1994.</p>"
    page.save_revision().publish()
    return page


def test_a_fact_only_the_about_page_states_is_quoted_from_it(client, about):
    answer = ask("When did the library's reading room open in the former tram depot?")
    assert answer.answered
    [quote] = [q for q in answer.quotes if q.url == about.url]
    assert quote.text == ABOUT_FACT
    assert ("Library page", about.url) in [(s.type, s.url) for s in answer.sources]
    # The link opens the About page with that sentence marked, as resource pages mark theirs.
    assert found_at_link(client, quote.link, quote.text)


def test_a_timeline_event_is_quoted_and_marked_on_the_timeline(client):
    TimelineEvent.objects.create(
        date=datetime.date(2016, 1, 1),
        date_precision="year",
        title="Lanterns",
        description=EVENT_FACT,
    )
    answer = ask("How many people came to the Quillbrook lantern parade?")
    [quote] = [q for q in answer.quotes if q.url == "/timeline/"]
    assert quote.text == EVENT_FACT
    assert found_at_link(client, quote.link, quote.text)
    html = client.get("/timeline/").content.decode()
    assert '<li id="2016-lanterns">' in html
    assert "<mark" not in html  # marked only when asked to


def test_a_restricted_about_page_is_not_read(about):
    PageViewRestriction.objects.create(page=about, restriction_type="password", password="secret")
    answer = ask("When did the library's reading room open in the former tram depot?")
    assert ABOUT_FACT not in [quote.text for quote in answer.quotes]


def test_the_about_page_marks_only_text_it_holds(client, about):
    html = client.get(about.url, {"highlight": "<script>alert(1)</script>"}).content.decode()
    assert "<mark" not in html and "alert(1)" not in html
    tree = lxml.html.fromstring(client.get(about.url, {"highlight": ABOUT_FACT}).content)
    [mark] = tree.xpath("//mark[@class='quoted']")
    assert mark.get("id") == "quoted" and mark.text_content() == ABOUT_FACT


def test_the_timeline_names_only_resources_the_public_may_see(client, library):
    event = TimelineEvent.objects.create(
        date=datetime.date(2016, 1, 1), date_precision="year", title="Plots", description="Dug."
    )
    event.resources.set([library.report, library.case_study])
    event.save()
    library.case_study.unpublish()
    html = client.get("/timeline/").content.decode()
    assert library.report.url in html
    assert library.case_study.url not in html
