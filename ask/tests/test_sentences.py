"""Cutting passages into quotable pieces: every piece is an exact slice of the passage."""

from ask.sentences import pieces_of


def test_pieces_are_exact_slices_of_the_passage_text():
    text = "Big Local began in 2010. It ran for 15 years!  Was it worth it? Residents say yes."
    for piece in pieces_of(text):
        assert text[piece.start : piece.end] == piece.text
    assert [p.text for p in pieces_of(text)][:3] == [
        "Big Local began in 2010.",
        "It ran for 15 years!",
        "Was it worth it?",
    ]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = (
        "Around approx. 2.5 million people took part, e.g. in Ramsey. J. Smith led the work there."
    )
    assert [p.text for p in pieces_of(text)] == [
        "Around approx. 2.5 million people took part, e.g. in Ramsey.",
        "J. Smith led the work there.",
    ]


def test_a_line_break_ends_a_piece_and_scraps_are_left_out():
    text = "They did this through:\n\nGrants and capacity building support\n\nOK"
    assert [p.text for p in pieces_of(text)] == ["Grants and capacity building support"]


def test_key_points_are_one_piece_per_line_without_their_bullet():
    pieces = pieces_of("- First point here. Two sentences.\n- Second point here", key_points=True)
    assert [p.text for p in pieces] == ["First point here. Two sentences.", "Second point here"]
    assert all(p.key_point for p in pieces)
