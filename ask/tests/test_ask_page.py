"""The /ask/ page and the JSON answer at /api/ask and /api/v1/ask/."""

import pytest

pytestmark = pytest.mark.django_db

QUESTION = "When was the Community Leadership Academy launched?"


def test_the_page_answers_without_javascript_and_links_each_quote(client):
    response = client.get("/ask/", {"q": QUESTION})
    html = response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert "What the library says" in html and "<blockquote" in html
    assert "?highlight=" in html and ":~:text=" in html
    assert "<script" not in html.split("<main", 1)[1]


def test_the_page_says_plainly_when_the_library_holds_no_answer(client):
    html = client.get("/ask/", {"q": "What is the capital of France?"}).content.decode()
    assert "The library does not hold an answer to that" in html
    assert 'href="/search/?q=What+is+the+capital+of+France%3F"' in html


def test_search_and_home_pages_link_to_ask(client):
    assert 'href="/ask/?q=networks"' in client.get("/search/", {"q": "networks"}).content.decode()
    assert 'href="/ask/"' in client.get("/").content.decode()


def test_the_json_answer_is_the_same_at_both_addresses(client):
    short = client.get("/api/ask", {"q": QUESTION}).json()
    versioned = client.get("/api/v1/ask/", {"q": QUESTION}).json()
    assert short == versioned
    assert short["answered"] and "2020" in short["quotes"][0]["text"]
    assert short["quotes"][0]["link"].startswith("http")


def test_the_answer_is_in_the_openapi_document(client):
    document = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/ask/" in document["paths"]


@pytest.mark.parametrize(
    "question",
    [
        "x" * 20_000,
        '"unbalanced quote -NOT OR AND ***',
        "<script>alert(1)</script>",
        "'; DROP TABLE documents; --",
        "\x00\x01 nul and control",
        "😀 " * 300,
        "NEAR(a b) col:term ^start {x y}",
    ],
)
def test_hostile_or_very_long_questions_never_fail(client, question):
    for path in ("/ask/", "/api/ask", "/api/v1/ask/"):
        response = client.get(path, {"q": question})
        assert response.status_code == 200, path
    assert "<script>alert" not in client.get("/ask/", {"q": question}).content.decode()
