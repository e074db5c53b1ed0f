"""References are split into fields and author-date citations point at them."""

from __future__ import annotations

from ingest.document import Reference
from ingest.references import link_citation, make_citations, normalise_url, parse_reference


def test_reference_with_bare_host_path_gets_an_https_url():
    ref = parse_reference(
        "Wilson, M., McCabe, A., and Macmillan, R. (2022) ‘Building Big Local Futures (Paper 1)’ "
        "(Local Trust, Third Sector Research Centre, and Sheffield Hallam University). "
        "Available at: ourbiggerstory.com/wp-content/uploads/2024/09/OBS.pdf (Accessed 22 July 2025)"
    )
    assert ref.authors == ["Wilson, M.", "McCabe, A.", "Macmillan, R."]
    assert ref.title == "Building Big Local Futures (Paper 1)"
    assert (
        ref.publisher
        == "Local Trust, Third Sector Research Centre, and Sheffield Hallam University"
    )
    assert ref.url == "https://ourbiggerstory.com/wp-content/uploads/2024/09/OBS.pdf"
    assert ref.accessed == "2025-07-22"
    assert ref.note is None


def test_unpublished_reference_keeps_a_note_and_no_url():
    ref = parse_reference(
        "Local Trust (2021) ‘Learning cluster review report’. Unpublished internal document."
    )
    assert ref.authors == ["Local Trust"]
    assert ref.year == 2021
    assert ref.note == "Unpublished internal document."
    assert ref.url is None


def test_title_with_an_apostrophe_inside_is_kept_whole():
    ref = parse_reference(
        "Local Trust (2023) ‘Evaluation of funders’ support for community-led change’. "
        "Unpublished internal document."
    )
    assert ref.title == "Evaluation of funders’ support for community-led change"


def test_multi_word_surnames_are_kept():
    ref = parse_reference(
        "Wilson, M., Ellis Paine, A., and McCabe, A. (2023) ‘A delicate balance’."
    )
    assert ref.authors == ["Wilson, M.", "Ellis Paine, A.", "McCabe, A."]


def test_apa_style_reference_with_doi():
    ref = parse_reference(
        "Smith, J. (2020). Community power in practice. Policy Press. doi:10.1332/abc123"
    )
    assert ref.year == 2020
    assert ref.title == "Community power in practice"
    assert ref.url == "https://doi.org/10.1332/abc123"


def test_unparseable_reference_keeps_its_raw_text():
    ref = parse_reference("Some notes somebody left in the references list")
    assert ref.raw == "Some notes somebody left in the references list"
    assert ref.year is None


def test_urls_are_normalised():
    assert normalise_url("www.localtrust.org.uk/about.") == "https://www.localtrust.org.uk/about"
    assert normalise_url("http://example.org/x") == "http://example.org/x"
    assert normalise_url("not a url") is None


REFS = [
    Reference("a", authors=["Local Trust"], year=2018),
    Reference("b", authors=["Wilson, M.", "McCabe, A.", "Macmillan, R."], year=2022),
    Reference("c", authors=["Wilson, M.", "Munro, E.", "Wells, P."], year=2024),
    Reference("d", authors=["Hashmi, I.", "Davis, J."], year=2025),
    Reference("e", authors=["Smith, J."], year=2020),
    Reference("f", authors=["Smith, J."], year=2020),
]


def test_citations_link_by_first_author_and_year():
    assert link_citation("Wilson et al.", 2024, "", REFS) == 2
    assert link_citation("Hashmi and Davis", 2025, "", REFS) == 3
    assert link_citation("Local Trust", 2018, "", REFS) == 0


def test_citation_with_wrong_year_links_nothing():
    assert link_citation("Local Trust", 2019, "", REFS) is None


def test_ambiguous_citation_links_nothing_unless_lettered():
    assert link_citation("Smith", 2020, "", REFS) is None
    assert link_citation("Smith", 2020, "b", REFS) == 5


def test_several_citations_in_one_bracket_and_narrative_citations():
    text = "As shown (Local Trust, 2018; Hashmi and Davis, 2025), and Wilson et al. (2022) agree."
    linked = {c.text: c.reference_index for c in make_citations(text, REFS)}
    assert linked == {
        "Local Trust, 2018": 0,
        "Hashmi and Davis, 2025": 3,
        "Wilson et al. (2022)": 1,
    }


def test_year_ranges_and_plain_brackets_are_not_citations():
    text = "Near the end of Big Local (2025–2026), events (Spring Events) ran; see (2020)."
    assert make_citations(text, REFS) == []
