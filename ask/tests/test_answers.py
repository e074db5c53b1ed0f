"""Answers from the bundled library: quoted word for word, linked to their passage, or none."""

import pytest

from ask.answers import ask
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db


def _page_text(url):
    page = ResourcePage.objects.visible().get(
        url_path__endswith=url.rstrip("/").split("/")[-1] + "/"
    )
    return " ".join(page.plain_text().split())


def test_a_question_is_answered_with_sentences_quoted_verbatim_from_the_library():
    answer = ask("When was the Community Leadership Academy launched?")
    assert answer.answered
    assert "2020" in answer.quotes[0].text
    for quote in answer.quotes:
        assert " ".join(quote.text.split()) in _page_text(quote.url)


def test_quotes_are_few_and_ordered_by_how_directly_they_answer():
    answer = ask("What does a locally trusted organisation do?")
    assert 1 <= len(answer.quotes) <= 5
    scores = [quote.score for quote in answer.quotes]
    assert scores == sorted(scores, reverse=True)
    assert len({quote.text for quote in answer.quotes}) == len(answer.quotes)


def test_each_quote_links_to_its_passage_with_the_text_highlighted():
    quote = ask("When did ACT become an incorporated body?").quotes[0]
    assert quote.link.startswith(quote.url + "?highlight=")
    assert "#networking-beyond-big-local:~:text=" in quote.link


def test_the_answer_lists_its_sources_and_the_closest_qa_articles():
    answer = ask("How did Local Trust help areas build networks?")
    assert {source.url for source in answer.sources} == {q.url for q in answer.quotes}
    assert "How did Local Trust support Big Local areas to build networks?" in [
        source.title for source in answer.questions
    ]


@pytest.mark.parametrize(
    "question",
    ["What is the capital of France?", "How do I bake sourdough bread?", "zzkq wvvx"],
)
def test_a_question_the_library_does_not_answer_gets_no_quotes_and_a_search(question):
    answer = ask(question)
    assert not answer.answered and answer.quotes == ()
    assert answer.search_url.startswith("/search/?q=")


def test_a_number_in_the_question_must_be_in_the_answer_exactly():
    # The library says the Academy began in 2020; nothing in it is about 2011.
    assert "2020" in ask("What did Local Trust launch in 2020?").quotes[0].text
    assert not ask("What did Local Trust launch for volunteers in 2011?").answered


def test_an_empty_question_is_not_asked():
    assert ask("   ").quotes == ()


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Who wrote Our Bigger Story?", "By Third Sector Research Centre"),
        ("When was Understanding success in Big Local published?", "2024"),
    ],
)
def test_who_wrote_or_when_published_is_answered_from_the_named_resource_byline(
    client, question, fact
):
    from ask.evaluation import found_at_link

    first = ask(question).quotes[0]
    assert first.heading == "About this resource" and fact in first.text
    assert "#about-this-resource" in first.link
    # The header shows the byline and marks it when the link is followed.
    assert found_at_link(client, first.link, first.text)


def test_a_byline_is_not_quoted_for_a_question_that_names_no_resource():
    assert all(q.heading != "About this resource" for q in ask("Who wrote about power?").quotes)
