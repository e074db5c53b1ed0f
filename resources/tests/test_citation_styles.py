"""Cite this, compared with what APA 7 and Cite Them Right (Harvard) prescribe.

Grey literature with no personal author is cited under the organisation that published it, which
is then not repeated as publisher; a title ending in "?" takes no full stop after it. The expected
entries are written out here from the styles' rules, not taken from the code's own output.
"""

import datetime
import re

import pytest
from django.test import override_settings

from resources.models import ResourceIndexPage, ResourcePage, ResourceType

pytestmark = pytest.mark.django_db

TITLE = "How did residents keep control of the money?"
URL = "https://library.example.org/resources/how-did-residents-keep-control-of-the-money/"


def _text(html):
    return re.sub(r"<[^>]+>", "", html).replace("&amp;", "&")


def _resource(type_slug, authors=(), publisher="Local Trust", **fields):
    page = ResourcePage(
        title=TITLE,
        slug="how-did-residents-keep-control-of-the-money",
        resource_type=ResourceType.objects.get(slug=type_slug),
        summary="How partnerships held on to the decisions about their Big Local money.",
        publication_date=datetime.date(2025, 9, 1),
        date_precision="month",
        publisher=publisher,
        **fields,
    )
    ResourceIndexPage.objects.get().add_child(instance=page)
    for name in authors:
        page.authors.create(name=name)
    page.save_revision().publish()
    return ResourcePage.objects.get(pk=page.pk)


def _citations(client, page):
    html = client.get(page.url).content.decode()
    entries = re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", html, re.S)
    return {style: _text(entry) for style, entry in entries}


@override_settings(WAGTAILADMIN_BASE_URL="https://library.example.org")
def test_with_neither_person_nor_organisation_the_library_is_credited_and_the_title_said_once(
    client,
):
    from django.core.management import call_command

    call_command("set_site_address")
    page = _resource("qa-article", publisher="")
    cited = _citations(client, page)
    for style in ("APA (7th edition)", "Harvard"):
        assert cited[style].count(TITLE) == 1, cited[style]
        assert cited[style].startswith("Learning from Big Local"), cited[style]


@override_settings(WAGTAILADMIN_BASE_URL="https://library.example.org")
def test_an_organisation_is_the_author_when_no_person_is(client):
    from django.core.management import call_command

    call_command("set_site_address")
    page = _resource("qa-article")
    cited = _citations(client, page)
    assert cited["APA (7th edition)"] == (
        f"Local Trust. (2025, September). {TITLE} Learning from Big Local. {URL}"
    )
    assert cited["Harvard"].startswith(f"Local Trust (2025) {TITLE}")
    assert f"Available at: {URL}" in cited["Harvard"]
    for entry in cited.values():
        assert entry.count(TITLE) == 1  # never the title in the author's place as well
        assert "?." not in entry


@override_settings(WAGTAILADMIN_BASE_URL="https://library.example.org")
def test_people_are_the_authors_and_the_organisation_publishes(client):
    page = _resource(
        "report", authors=["Dobson, J.", "Gore, T."], external_url="https://shu.ac.uk/report"
    )
    cited = _citations(client, page)
    assert cited["APA (7th edition)"] == (
        f"Dobson, J., & Gore, T. (2025). {TITLE} Local Trust. https://shu.ac.uk/report"
    )
    assert cited["Harvard"] == (
        f"Dobson, J. and Gore, T. (2025) {TITLE} Local Trust. Available at: https://shu.ac.uk/report."
    )


def test_reference_managers_get_the_organisation_as_author_too(client):
    import bibtexparser
    import rispy

    page = _resource("report")
    [record] = rispy.loads(client.get(f"{page.url}cite/ris/").content.decode())
    assert record["authors"] == ["Local Trust"]
    [entry] = bibtexparser.parse_string(
        client.get(f"{page.url}cite/bibtex/").content.decode()
    ).entries
    assert entry["author"] == "{Local Trust}"
    assert entry["institution"] == "Local Trust"  # BibTeX's techreport requires it
