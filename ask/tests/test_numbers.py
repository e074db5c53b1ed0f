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
