"""The theory of change is drawn as a diagram from the page's own statements: inputs → activities →
outcomes, with enablers, barriers and risks as a band beneath, every item linking its evidence.
The diagram is the list itself, styled, so a screen reader or a printer reads it once."""

import lxml.html
import pytest
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from programme.models import TheoryOfChangePage
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db

URL = "/theory-of-change/"


def diagram(client):
    response = client.get(URL)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def having_class(node, name, path=".//*"):
    """Elements under `node` (by the XPath `path`) with the CSS class `name`."""
    return node.xpath(f"{path}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def one(node, name):
    found = having_class(node, name)
    assert len(found) == 1, name
    return found[0]


def classes(node):
    return [child.get("class", "").split()[0] for child in node if child.get("class")]


def step_keys(tree):
    return [
        [section.get("aria-labelledby") for section in step.xpath(".//section")]
        for step in having_class(one(tree, "toc-chain"), "toc-step", "./*")
    ]


def test_the_chain_reads_inputs_then_activities_then_outcomes(client):
    tree = diagram(client)
    assert step_keys(tree) == [
        ["inputs"],
        ["activities"],
        ["planned_outcomes", "unplanned_outcomes"],
    ]
    headings = [h.text_content() for h in one(tree, "toc-chain").xpath(".//h2")]
    assert headings == ["Inputs", "Activities", "Planned outcomes", "Unplanned outcomes"]


def test_an_arrow_joins_each_step_to_the_next_and_is_hidden_from_screen_readers(client):
    chain = one(diagram(client), "toc-chain")
    assert classes(chain) == ["toc-step", "toc-arrow", "toc-step", "toc-arrow", "toc-step"]
    for arrow in having_class(chain, "toc-arrow"):
        assert arrow.get("aria-hidden") == "true"
        assert arrow.xpath(".//*[local-name()='svg']")
        assert arrow.text_content().strip() == ""


def test_enablers_barriers_and_risks_form_a_band_after_the_chain(client):
    tree = diagram(client)
    parts = classes(one(tree, "toc-diagram"))
    assert parts.index("toc-chain") < parts.index("toc-conditions")
    band = one(tree, "toc-conditions")
    assert [s.get("aria-labelledby") for s in band.xpath(".//section")] == [
        "enablers",
        "barriers",
        "risks",
    ]


def test_every_item_links_the_resources_that_evidence_it(client):
    page = TheoryOfChangePage.objects.get()
    tree = diagram(client)
    items = having_class(one(tree, "toc-diagram"), "toc-item", ".//li")
    statements = [item.value for item in page.items]
    assert len(items) == len(statements) > 30
    for item, statement in zip(items, statements, strict=True):
        assert statement["statement"] in item.text_content()
        links = [a.get("href") for a in one(item, "evidence").xpath(".//a")]
        assert links == [resource.url for resource in statement["evidence"]], statement
        assert links


def test_each_statement_is_read_once_inside_the_diagram_and_nothing_with_text_is_hidden(client):
    html = client.get(URL).content.decode()
    tree = lxml.html.fromstring(html)
    drawn = one(tree, "toc-diagram").text_content()
    for item in TheoryOfChangePage.objects.get().items:
        text = item.value["statement"]
        assert html.count(escape(text)) == 1, text
        assert text in drawn
    for hidden in tree.xpath("//main//*[@aria-hidden='true']"):
        assert hidden.text_content().strip() == "", lxml.html.tostring(hidden)[:200]


def test_the_diagram_says_in_words_how_to_read_it(client):
    tree = diagram(client)
    note = one(tree, "toc-how-to-read").text_content()
    assert "inputs" in note.lower() and "outcomes" in note.lower()


def test_evidence_the_public_may_not_see_is_not_linked(client):
    hidden = ResourcePage.objects.get(slug="big-locals-together")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    tree = diagram(client)
    links = [a.get("href") for e in having_class(tree, "evidence") for a in e.xpath(".//a")]
    assert links
    assert hidden.url not in links


def test_a_theory_of_change_with_no_statements_says_it_is_not_written_yet(client):
    page = TheoryOfChangePage.objects.get()
    page.items = []
    page.save_revision().publish()
    tree = diagram(client)
    assert not having_class(tree, "toc-diagram")
    assert "has not been written yet" in tree.xpath("//main")[0].text_content()


def test_a_missing_step_leaves_no_dangling_arrow(client):
    page = TheoryOfChangePage.objects.get()
    page.items = [
        (item.block_type, item.value) for item in page.items if item.block_type != "activities"
    ]
    page.save_revision().publish()
    chain = one(diagram(client), "toc-chain")
    assert classes(chain) == ["toc-step", "toc-arrow", "toc-step"]
