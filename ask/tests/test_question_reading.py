"""How a question is read before its quotes are chosen: what it asks for, the names it holds,
and the words that count."""

import numpy as np
import pytest

from ask.answers import ask
from ask.numbers import answer_kind
from ask.quotes import AskSettings, QuestionWords, choose, focus_of, unknown_name
from search.engine import PassageMatch
from search.engine.lexical import Synonyms


def test_questions_over_a_span_of_years_want_years():
    assert answer_kind("Over which years did the evaluation follow its areas?") == "year"
    assert answer_kind("In what years were the plans written?") == "year"
    assert answer_kind("Which year did it end?") == "year"


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("What roles did partnerships take on during the pandemic?", "role"),
        ("Which skills mattered as much as governance skills?", "skill"),
        ("What kind of support did the reps offer?", "support"),
        ("Which public bodies count as the public sector?", "bodi"),
        ("What did Brinnington do with its green spaces?", None),  # asks what was done
        ("What share of the money went on staff?", None),  # a figure: answer_kind covers it
        ("How did the areas respond?", None),
    ],
)
def test_a_what_or_which_question_asks_for_its_head_noun(question, focus):
    assert focus_of(question) == focus


def frequencies(df):
    return lambda terms: ({term: df.get(term, 0) for term in terms}, 100)


def test_a_name_the_library_never_uses_is_found():
    known = frequencies({"park": 4, "partnership": 50, "member": 20})
    question = "How many members did the Noel Park partnership have in 2019?"
    assert unknown_name(question, known) == "Noel"
    # Named on one of the library's own pages (the About page, the timeline): known.
    assert unknown_name(question, known, "Noel Park joined the programme late.") is None
    # The opening word is capitalised as every question's is: it is no name.
    assert unknown_name("Zebras: how many partnerships were there?", known) is None


def test_the_letter_of_a_possessive_is_no_word_to_match():
    words = QuestionWords("How did Local Trust's offer change?", Synonyms(), frequencies({}))
    assert ("s",) not in [option[0] for option in words.options]
    assert ("offer",) in [option[0] for option in words.options]


def embed_alike(texts):
    """Every piece equally close in meaning to the question (the first text) and none close to
    another, so only what choose() reads of the words decides."""
    vectors = np.zeros((len(texts), len(texts)))
    vectors[:, 0] = 0.6
    vectors[0, 0] = 1.0
    for i in range(1, len(texts)):
        vectors[i, i] = 0.8
    return vectors


def passage(text, position=1):
    return PassageMatch("1", "A report", "/r/", position, "", "", text, 0.5)


def test_a_piece_naming_what_is_asked_for_comes_first():
    question = "What roles did partnerships take on during the pandemic?"
    passages = [
        passage("Partnerships faced hard choices during the pandemic."),
        passage("Partnerships took on three roles: doing, connecting and collaborating."),
    ]
    words = QuestionWords(question, Synonyms(), frequencies({"partnership": 10, "pandem": 5}))
    choice = choose(question, passages, embed_alike, words, AskSettings(min_score=0.0))
    assert "three roles" in choice.quotes[0].text


def test_passages_holding_the_kind_of_value_asked_for_are_read_first():
    question = "Over which years did the evaluation follow its areas?"
    filler = [passage(f"Its areas were visited again, visit {n}.") for n in range(12)]
    answer = passage("It ran between 2015 and 2025.")
    settings = AskSettings(min_score=0.0, passages=10)
    words = QuestionWords(question, Synonyms(), frequencies({"evalu": 3, "area": 60}))
    choice = choose(question, [*filler, answer], embed_alike, words, settings)
    # Twelve passages share a word of the question; the one with the years is still read.
    assert any("2015" in quote.text for quote in choice.quotes)


@pytest.mark.django_db
def test_a_question_about_a_place_the_library_never_names_is_not_answered():
    answer = ask("How many members did the Quuxley Big Local partnership have?")
    assert not answer.answered and answer.search_url
