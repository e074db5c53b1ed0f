"""Numbers in questions are read as exact values; answer kinds come from the question's opening."""

from ask.numbers import all_present, answer_kind, holds_kind, numbers_in


def test_numbers_are_read_as_exact_values():
    assert numbers_in("£1m, 2,000 people, 1.50 and 007 in 2019") == {
        "1",
        "2000",
        "1.5",
        "7",
        "2019",
    }


def test_a_different_year_does_not_count_as_the_one_asked_about():
    assert all_present(numbers_in("in 2018"), "learning clusters were launched in 2018")
    assert not all_present(numbers_in("in 2018"), "learning clusters were launched in 2019")
    assert not all_present(numbers_in("15 areas"), "150 areas")


def test_questions_asking_when_or_how_many_want_a_year_or_a_figure():
    assert answer_kind("When did Big Local end?") == "year"
    assert answer_kind("In which year did reps stop?") == "year"
    assert answer_kind("How many areas were there?") == "number"
    assert answer_kind("What does an LTO do?") is None
    assert holds_kind("number", "seven areas of 150") and holds_kind("number", "seven areas")
    assert holds_kind("year", "launched in 2018") and not holds_kind("year", "about 150 areas")


def test_number_words_and_ordinals_are_exact_values_too():
    asked = numbers_in("Who presented the seventh episode?")
    assert asked == {"7"}
    assert all_present(asked, "Episode 7: the final word") and all_present(asked, "the seventh")
    assert not all_present(asked, "Episode 6 of Community Pride")
    # Too common to be asked for as figures.
    assert numbers_in("When did residents first meet one another?") == frozenset()


def test_who_questions_want_a_name_after_by_or_from():
    assert answer_kind("Who carried out the research?") == "agent"
    assert answer_kind("Which organisation ran the survey?") == "agent"
    assert holds_kind("agent", "This document is based on work carried out by IVAR in 2014.")
    assert holds_kind("agent", "This research from New Local was commissioned in 2021.")
    assert not holds_kind("agent", "residents were supported by each other")
