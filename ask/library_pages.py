"""The library's own pages as evidence: the About page and the timeline.

They state plainly some facts that the resources only imply or spread across several pages (how
many areas took part, the year Local Trust was founded), each sentence with its source linked. Their
passages are offered to ``quotes.choose`` beside the resources' passages and quoted the same way,
word for word; a quote links to the page at the sentence (the timeline at its event) with a text
fragment. Only pages the public may see are read.
"""

from __future__ import annotations

import re

from programme.models import AboutPage
from resources.record import text_of
from search.engine.passages import PassageMatch
from security.visibility import visible
from timeline.models import TimelineEvent, TimelinePage

HEADING = re.compile(r"<h[2-4][^>]*>(.*?)</h[2-4]>", re.IGNORECASE | re.DOTALL)


def library_passages() -> list[PassageMatch]:
    """The passages of the About page (one per headed part) and of the timeline (one per event),
    with no similarity yet (``ask`` measures it against the question)."""
    return _about_passages() + _timeline_passages()


def _about_passages() -> list[PassageMatch]:
    page = visible(AboutPage.objects.all()).first()
    if page is None:
        return []
    # The body split at its headings: [text before the first, heading, text, heading, text...].
    parts = HEADING.split(page.body or "")
    headed = [("", parts[0])] + list(zip(parts[1::2], parts[2::2], strict=True))
    return [
        _passage(f"page:about:{n}", page.title, page.url, text_of(heading), "", text_of(body))
        for n, (heading, body) in enumerate(headed)
        if text_of(body)
    ]


def _timeline_passages() -> list[PassageMatch]:
    page = visible(TimelinePage.objects.all()).first()
    if page is None:
        return []
    return [
        _passage(
            f"page:timeline:{event.pk}",
            page.title,
            page.url,
            f"{event.display_date}: {event.title}",
            event.anchor,
            event.description,
        )
        for event in TimelineEvent.objects.all()
        if event.description
    ]


def _passage(document, title, url, heading, anchor, text) -> PassageMatch:
    return PassageMatch(
        document=document,
        title=title,
        url=url,
        position=1,
        heading=heading,
        anchor=anchor,
        text=text,
        similarity=0.0,
    )
