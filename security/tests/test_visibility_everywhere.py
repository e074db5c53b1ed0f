"""One definition of "publicly visible", used by every output.

Three resources the public must never see are made beside the bundled library: one behind a
password, one for signed-in users only, and a draft that was never published. Each carries a word
found nowhere else, is tagged with a theme and an area, is the newest in the library, cites a
public resource and is cited by one, so every list that could show it has a reason to. Then
every output the site has is read anonymously, and none may carry those words.
"""

import datetime
import json

import pytest
from wagtail.models import PageViewRestriction

from archive.export import build_static_site
from areas.models import AreaPage
from oai.records import oai_identifier
from resources.models import ResourceIndexPage, ResourcePage, ResourceReference, ResourceType
from search import site_index
from themes.models import ThemePage

pytestmark = pytest.mark.django_db

HIDDEN = {
    "password": "zebracornpassword",
    "login": "quokkasignedin",
    "draft": "narwhaldraftonly",
}


def _hidden_resource(kind, word, theme, area, cites):
    index = ResourceIndexPage.objects.get()
    page = ResourcePage(
        title=f"Findings on {word}",
        slug=f"hidden-{kind}-resource",
        resource_type=ResourceType.objects.get(slug="report"),
        summary=f"What {word} taught the partnership.",
        body=[("paragraph", f"<p>The {word} evidence in full.</p>")],
        publication_date=datetime.date(2026, 12, 1),
        publisher=f"{word} trust",
    )
    index.add_child(instance=page)
    page.themes.set([theme])
    page.areas.set([area])
    ResourceReference.objects.create(page=page, title=cites.title, target=cites)
    page.authors.create(name=f"{word.title()} Author")
    if kind == "draft":
        page.unpublish()
        page.save_revision()
    else:
        page.save_revision().publish()
        PageViewRestriction.objects.create(
            page=page,
            restriction_type=kind,
            password="a-long-shared-password" if kind == "password" else "",
        )
    return page


@pytest.fixture
def hidden(tmp_path, settings):
    """The three hidden resources, with a search index of their own built as `make setup` does."""
    theme = ThemePage.objects.visible().filter(resources__isnull=False).first()
    area = AreaPage.objects.visible().filter(resources__isnull=False).first()
    cited = ResourcePage.objects.visible().filter(themes=theme).first()
    pages = {
        kind: _hidden_resource(kind, word, theme, area, cited) for kind, word in HIDDEN.items()
    }
    # A public resource citing each hidden one, in words of its own: the outputs may show the
    # reference as written, but nothing of the hidden page it resolves to.
    for page in pages.values():
        ResourceReference.objects.create(page=cited, title="An internal paper", target=page)
    settings.SEARCH_INDEX_PATH = tmp_path / "search.sqlite3"
    site_index.reset_index()
    site_index.rebuild()
    yield {"pages": pages, "theme": theme, "area": area, "cited": cited}
    site_index.reset_index()


def _outputs(theme, area, cited):
    """Every anonymous URL that lists, searches, feeds, harvests or downloads resources."""
    urls = [
        "/",
        "/resources/",
        f"/resources/?theme={theme.slug}",
        f"/resources/?area={area.slug}",
        "/resources/?year=2026",
        theme.url,
        area.url,
        "/areas/",
        "/themes/",
        cited.url,
        "/feeds/resources.rss",
        "/feeds/resources.atom",
        f"/feeds/themes/{theme.slug}.rss",
        f"/feeds/themes/{theme.slug}.atom",
        "/api/v1/resources/?page_size=100",
        f"/api/v1/resources/?theme={theme.slug}&page_size=100",
        f"/api/v1/resources/{cited.slug}/",
        f"/api/v1/themes/{theme.slug}/",
        f"/api/v1/areas/{area.slug}/",
        "/oai?verb=ListRecords&metadataPrefix=oai_dc",
        "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc",
        f"/oai?verb=ListRecords&metadataPrefix=oai_dc&set=theme:{theme.slug}",
        "/sitemap.xml",
        f"{cited.url}text/",
        f"{cited.url}cite/ris/",
        f"{cited.url}cite/bibtex/",
        "/data/",
    ]
    urls += [f"/data/{name}.{ext}" for name in DATA_TABLES for ext in ("csv", "json")]
    return urls


def _searches():
    """Searches for each hidden resource's own word; the page repeats the query, so only the
    resource's title and address count as a leak here."""
    for word in HIDDEN.values():
        yield from (f"/search/?q={word}", f"/search/?q=findings+{word}", f"/api/search?q={word}")
        yield from (f"/api/suggest?q={word[:6]}", f"/api/suggest?q=findings+{word[:6]}")
        question = f"What did {word} teach the partnership?"
        yield from (f"/ask/?q={question}", f"/api/ask?q={question}", f"/api/v1/ask/?q={question}")


DATA_TABLES = ("resources", "areas", "themes", "organisations", "references", "timeline")


def _body(response):
    if response.get("Content-Type", "").startswith("application/json"):
        # Compare decoded text, so an escaped word in JSON counts too.
        return json.dumps(response.json(), ensure_ascii=False)
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _words_in(text, searched=False):
    """What of the hidden resources `text` shows: their words, titles or addresses."""
    text = text.lower()
    found = [f"hidden-{kind}-resource" for kind in HIDDEN if f"hidden-{kind}-resource" in text]
    found += [f"findings on {word}" for word in HIDDEN.values() if f"findings on {word}" in text]
    # A sentence of theirs, quoted by "ask the library".
    found += [f"{word} taught" for word in HIDDEN.values() if f"{word} taught" in text]
    found += [f"{word} evidence" for word in HIDDEN.values() if f"{word} evidence" in text]
    if not searched:
        found += [word for word in HIDDEN.values() if word in text]
    return found


def test_no_output_shows_a_restricted_or_draft_resource(client, hidden):
    leaks = {}
    for url in _outputs(hidden["theme"], hidden["area"], hidden["cited"]):
        response = client.get(url)
        assert response.status_code == 200, url
        if found := _words_in(_body(response)):
            leaks[url] = found
    for url in _searches():
        response = client.get(url)
        assert response.status_code == 200, url
        if found := _words_in(_body(response), searched=True):
            leaks[url] = found
    assert not leaks


def test_hidden_resources_own_urls_give_nothing_away(client, hidden):
    for kind, page in hidden["pages"].items():
        for suffix in ("", "text/", "cite/ris/", "cite/bibtex/"):
            response = client.get(f"/resources/{page.slug}/{suffix}")
            # The password form names the address asked for, which the reader already knows.
            assert not _words_in(_body(response).replace(page.slug, "")), (kind, suffix)
        assert client.get(f"/api/v1/resources/{page.slug}/").status_code == 404
        identifier = oai_identifier(page)
        record = client.get(f"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier={identifier}")
        assert "idDoesNotExist" in record.content.decode()


def test_the_static_archive_leaves_hidden_resources_out(hidden, tmp_path):
    result = build_static_site(tmp_path / "archive", progress=False)
    leaks = [
        str(path.relative_to(result.out))
        for path in result.out.rglob("*")
        if path.is_file()
        and path.suffix in {".html", ".txt", ".json", ".xml", ".csv", ".rss", ".atom", ".ris"}
        and _words_in(path.read_text(errors="replace"))
    ]
    assert not leaks


def test_restricting_a_published_resource_takes_it_out_of_search_at_once(
    client, hidden, django_capture_on_commit_callbacks
):
    page = hidden["cited"]
    word = page.title.split()[-1]
    assert page.pk in _search_ids(client, page.title)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert page.pk not in _search_ids(client, page.title), word
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert page.pk in _search_ids(client, page.title)


def _search_ids(client, text):
    results = client.get("/search/", {"q": text}).context["results"]
    return {int(hit.id) for hit in results.hits}
