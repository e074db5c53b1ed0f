"""PDF-extraction debris and web furniture are repaired before analysis."""

from __future__ import annotations

from ingest import cleaning
from ingest.blocks import text_to_blocks
from ingest.document import LIST_ITEM


def _repair(text: str) -> str:
    return cleaning.repair_extracted_text(text)


WRAPPED = (
    "'Our Bigger Story' is the longitudinal multi-\n"
    "media evaluation that runs alongside Big \n"
    "Local, charting the stories of change in 15 \n"
    "different areas, with front-\n"
    "\n"
    "line workers and regu-\n"
    "lation of well-\n"
    "being across the whole \n"
    "\n"
    "country.  M\n"
)


def test_words_split_at_line_ends_are_mended():
    repaired = _repair(WRAPPED)
    assert "multi-media evaluation" in repaired
    assert "multi- media" not in repaired
    assert "regulation" in repaired


def test_real_compound_hyphen_is_kept_when_both_halves_are_words():
    assert "front-line workers" in _repair(WRAPPED)


def test_hyphen_evidence_from_the_document_wins():
    text = (
        "Funding became mainstream by then, and a place-based approach \n"
        "followed when it became main-\nstream for the place-\nbased model to \nspread.\n"
    )
    repaired = _repair(text)
    assert "became mainstream for the place-based model" in repaired


def test_blank_lines_inside_a_paragraph_are_closed():
    assert "across the whole country." in _repair(WRAPPED)


def test_stray_trailing_letter_is_removed():
    assert not _repair(WRAPPED).rstrip().endswith("M")


def test_private_use_bullet_glyphs_become_list_items():
    text = "Activities included:\n\uf0b7 Knit and natter\n\uf0b7 Luncheon clubs\n\u2022 Foodbanks\n"
    blocks = text_to_blocks(text)
    items = [block.text for block in blocks if block.kind == LIST_ITEM]
    assert items == ["Knit and natter", "Luncheon clubs", "Foodbanks"]
    assert all("\uf0b7" not in block.text for block in blocks)


def test_private_use_characters_inside_text_are_dropped():
    assert cleaning.clean_inline("Big\uf0a7 Local\u00a0areas") == "Big Local areas"


def test_lost_bullets_after_a_colon_become_list_items():
    text = (
        "At its heart are four outcomes that the programme \nhoped for: \n\n"
        " Communities will be better able to \nidentify local needs. \n\n"
        " People will have increased skills. \n\n"
        "It is with these outcomes in mind that each \npartnership plans. \n"
    )
    repaired = _repair(text)
    assert "• Communities will be better able to identify local needs." in repaired
    assert "• People will have increased skills." in repaired
    assert "\nIt is with these outcomes" in repaired


def test_boilerplate_phrases_live_in_a_data_file():
    assert cleaning.BOILERPLATE_FILE.name == "boilerplate.txt"
    phrases = cleaning.load_boilerplate()
    assert phrases.matches("Skip to Main Content")
    assert phrases.matches("  Read more  ")
    assert phrases.matches("We use cookies to improve your experience.")
    assert not phrases.matches("Read more about Big Local in our report on change.")


def test_web_boilerplate_lines_are_removed_from_plain_text():
    text = "Skip to Main Content\n\nA real paragraph about the programme.\n\nRead more\n"
    kept, removed = cleaning.remove_boilerplate_lines(text.splitlines())
    assert "Skip to Main Content" in removed and "Read more" in removed
    assert "A real paragraph about the programme." in kept


def test_unbroken_text_is_not_treated_as_pdf_debris():
    text = "First paragraph, complete.\nSecond paragraph, complete.\n" * 5
    assert not cleaning.looks_hard_wrapped(text)
