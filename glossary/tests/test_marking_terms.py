"""Glossary terms are marked in resource text: first use only, in running text only."""

from lxml import html as lxml_html

from glossary.marking import Term, mark_terms

PARTNERSHIP = Term(
    "Big Local partnership",
    "big-local-partnership",
    "The group of residents that steered Big Local in an area.",
    ("Big Local partnership", "partnership", "partnerships"),
)
REP = Term("Big Local rep", "big-local-rep", "A person appointed to support an area.", ("rep",))
LTO = Term(
    "Locally Trusted Organisation (LTO)",
    "locally-trusted-organisation-lto",
    "Holds the money <and> accounts for it.",
    ("Locally Trusted Organisation (LTO)", "LTO"),
)
TERMS = [PARTNERSHIP, REP, LTO]


def links(html):
    return lxml_html.fragment_fromstring(html, create_parent="div").xpath(
        "//a[@class='glossary-link']"
    )


def test_only_the_first_occurrence_of_a_term_is_marked():
    html = mark_terms("<p>The partnership met. Then the partnership voted.</p>", TERMS)
    marked = links(html)
    assert [a.text for a in marked] == ["partnership"]
    assert "met. Then the partnership voted.</p>" in html


def test_other_names_mark_the_same_term_once():
    html = mark_terms("<p>Partnerships formed; each partnership chose an LTO.</p>", TERMS)
    assert [a.text for a in links(html)] == ["Partnerships", "LTO"]
    assert [a.get("href") for a in links(html)] == [
        "/glossary/#big-local-partnership",
        "/glossary/#locally-trusted-organisation-lto",
    ]


def test_matching_is_case_insensitive_and_keeps_the_words_as_written():
    html = mark_terms("<p>PARTNERSHIP matters.</p>", TERMS)
    assert [a.text for a in links(html)] == ["PARTNERSHIP"]


def test_only_whole_words_match():
    html = mark_terms("<p>The report and the reporter; a co-partnership; rep-led.</p>", TERMS)
    assert links(html) == []


def test_the_longest_name_wins():
    html = mark_terms("<p>Our Big Local partnership grew.</p>", TERMS)
    assert [a.text for a in links(html)] == ["Big Local partnership"]


def test_text_inside_links_headings_and_code_is_left_alone():
    source = (
        '<h2 id="partnership">The partnership</h2>'
        '<p><a href="/x/">partnership pages</a> and <code>partnership</code>.</p>'
        "<p>Later, the partnership met.</p>"
    )
    html = mark_terms(source, TERMS)
    marked = links(html)
    assert len(marked) == 1
    assert marked[0].getparent().getparent().tag == "p"
    assert '<h2 id="partnership">The partnership</h2>' in html
    assert '<a href="/x/">partnership pages</a>' in html
    assert "<code>partnership</code>" in html


def test_attributes_are_never_changed():
    source = '<p><img alt="partnership photo" src="/p.jpg"> <span title="LTO">text</span></p>'
    assert mark_terms(source, TERMS) == source


def test_escaped_text_stays_escaped_and_definitions_are_escaped():
    source = "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; the LTO &amp; more</p>"
    html = mark_terms(source, TERMS)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; the " in html
    assert "<script>" not in html
    assert "Holds the money &lt;and&gt; accounts for it." in html
    assert "</a>" in html and " &amp; more</p>" in html


def test_marked_term_carries_its_definition_for_screen_readers():
    html = mark_terms("<p>The rep visited.</p>", TERMS)
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    link = root.xpath("//a[@class='glossary-link']")[0]
    definition = root.get_element_by_id(link.get("aria-describedby"))
    assert definition.get("hidden") is not None
    assert definition.text_content() == "Big Local rep: A person appointed to support an area."


def test_text_around_nested_markup_keeps_its_order():
    source = "<p>Before <em>the rep</em> and after, with an LTO at the end</p>"
    root = lxml_html.fragment_fromstring(mark_terms(source, TERMS), create_parent="div")
    for definition in root.xpath("//span[@class='glossary-definition']"):
        definition.drop_tree()
    assert root.xpath("//p")[0].text_content() == "Before the rep and after, with an LTO at the end"
    assert len(links(lxml_html.tostring(root, encoding="unicode"))) == 2


def test_no_terms_leaves_html_unchanged():
    source = "<p>Nothing to mark &amp; nothing lost.</p>"
    assert mark_terms(source, []) == source
    assert mark_terms(source, TERMS) == source
