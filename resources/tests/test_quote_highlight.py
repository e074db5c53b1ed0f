"""A resource page marks a quoted sentence given as ?highlight= (links from "ask the library")."""

import pytest
from lxml import html as lxml_html

from resources.quote_marks import mark_in_html, quote_pattern

pytestmark = pytest.mark.django_db

QA = "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/"
SENTENCE = "In 2020, Local Trust launched the Community Leadership Academy (CLA)"


def test_the_page_marks_the_quoted_sentence_once_with_an_id_to_scroll_to(client):
    html = client.get(QA, {"highlight": SENTENCE}).content.decode()
    marks = lxml_html.fromstring(html).xpath("//mark[@class='quoted']")
    # A glossary link inside the sentence splits the mark; together the pieces are the sentence.
    assert "".join(mark.text_content() for mark in marks) == SENTENCE
    assert marks[0].get("id") == "quoted" and html.count('id="quoted"') == 1


def test_a_key_point_is_marked_too(client):
    point = "Big Local created networking opportunities between areas."
    assert f'id="quoted">{point}</mark>' in client.get(QA, {"highlight": point}).content.decode()


def test_text_not_on_the_page_marks_nothing_and_is_never_written_out(client):
    html = client.get(QA, {"highlight": "<b>zebra</b> crossing"}).content.decode()
    assert "<mark" not in html and "zebra" not in html


def test_a_sentence_across_a_link_is_marked_piece_by_piece_leaving_hidden_text_alone():
    html = (
        '<p>Partners helped <a href="/g/">locally trusted organisations</a>'
        "<span hidden>definition</span> grow.</p>"
    )
    marked = mark_in_html(html, quote_pattern("helped locally trusted organisations grow."), True)
    assert marked.count("<mark") == 3
    assert "<span hidden>definition</span>" in marked
