"""A question that names a resource by its title prefers that resource's own sentences."""

from ask.quotes import names_title


def test_a_question_names_a_resource_by_its_title_or_a_part_of_it():
    title = "PLAIN TEXT - Power in our hands - An inquiry into positive and lasting change"
    assert names_title("Who wrote Power in our hands?", title)
    assert names_title("What did Rebalancing the Power find?", "Rebalancing the Power: Five rules")


def test_short_or_common_parts_of_titles_do_not_count():
    # "Big Local" is in almost every question about the programme.
    assert not names_title("How much did Big Local spend?", "Big Local: the early years")
    assert not names_title("Who wrote about power?", "PLAIN TEXT - Power in our hands")
    assert not names_title("", "Power in our hands")
