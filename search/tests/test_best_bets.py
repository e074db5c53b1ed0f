"""Best bets: what the query names (a theme, a glossary term, an area, an organisation) is shown
first, with a link, on the search page and in the JSON search."""

import pytest
from lxml import html as lxml_html

from search.best_bets import BestBet, best_bets, closeness, words

pytestmark = pytest.mark.django_db


def _bets(client, query):
    page = lxml_html.fromstring(client.get("/search/", {"q": query}).content)
    return [
        (item.findtext(".//span[@class='best-bet-kind']"), item.find(".//a"))
        for item in page.xpath("//section[@class='best-bets']//li")
    ]


def test_a_query_that_names_a_theme_offers_the_theme_first(client):
    [(kind, link), *_] = _bets(client, "young people")
    assert kind == "Theme" and link.text == "Investing in young people"
    assert link.get("href") == "/themes/investing-in-young-people/"


def test_an_abbreviation_offers_its_glossary_entry(client):
    bets = _bets(client, "LTO")
    assert ("Glossary", "Locally Trusted Organisation (LTO)") in [(k, a.text) for k, a in bets]


def test_an_area_name_offers_the_area(client):
    bets = _bets(client, "Ramsey")
    assert ("Area", "/areas/ramsey/") in [(k, a.get("href")) for k, a in bets]


def test_best_bets_come_before_the_results(client):
    html = client.get("/search/", {"q": "young people"}).content.decode()
    assert html.index('class="best-bets"') < html.index('class="result-list"')


def test_nothing_is_offered_for_words_that_name_nothing(client):
    assert _bets(client, "qwxzvbnm") == []
    assert _bets(client, "in") == []  # too short to name anything
    assert best_bets("<script>alert(1)</script>") == []


def test_the_json_search_carries_the_best_bets(client):
    data = client.get("/api/v1/search/", {"q": "young people"}).json()
    assert data["best_bets"][0]["name"] == "Investing in young people"
    assert data["best_bets"][0]["url"].endswith("/themes/investing-in-young-people/")


def test_unpublished_themes_are_not_offered(client):
    from themes.models import ThemePage

    ThemePage.objects.get(slug="investing-in-young-people").unpublish()
    assert "Investing in young people" not in [a.text for _, a in _bets(client, "young people")]


def read(*names):
    return BestBet("Theme", names[0], "/", "", names).name_words


def test_closeness_ranks_an_exact_name_above_a_name_holding_the_query():
    assert closeness(words("Local Trust"), read("Local Trust")) == 3
    assert closeness(words("what did Local Trust do"), read("Local Trust")) == 2
    assert closeness(words("young people"), read("Investing in young people")) == 1
    assert closeness(words("young"), read("Local Trust")) == 0
    assert closeness(words("LTO"), read("Locally Trusted Organisation", "LTO")) == 3
