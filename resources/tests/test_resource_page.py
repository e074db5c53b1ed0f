"""What a reader sees on a resource page: on the tests' own library (lfbl/tests/fixtures.py), and
on the bundled seed documents where what is checked is how they were imported."""

import pytest

pytestmark = pytest.mark.django_db

QA = "/resources/how-did-local-trust-support-big-local-areas-to-build-networks/"


def test_resource_page_shows_type_title_key_points_and_themes(client, library):
    html = client.get(library.report.url).content.decode()
    assert '<p class="resource-type">Report</p>' in html
    assert "<h1>Growing together: a fixture report on shared plots</h1>" in html
    start = html.index('id="key-points"')
    assert html.count("<li>", start, html.index("</section>", start)) == 1
    assert f'href="{library.themes[0].url}"' in html


def test_internal_references_link_to_the_library_and_show_cited_by(client, library):
    html = client.get(library.report.url).content.decode()
    assert f'href="{library.case_study.url}"' in html
    cited = client.get(library.case_study.url).content.decode()
    assert 'id="cited-by"' in cited
    assert library.report.url in cited


def test_body_sections_have_anchors_and_a_contents_list(client, library):
    html = client.get(library.report.url).content.decode()
    assert 'id="the-plots"' in html
    assert 'href="#the-plots"' in html


def test_areas_and_organisations_are_shown(client, library):
    html = client.get(library.report.url).content.decode()
    assert f'href="{library.area.url}"' in html and "Fixtureford" in html
    assert "Fixture Growers Trust" in html


def test_web_boilerplate_is_not_shown(client):
    html = client.get("/resources/support-partners-open-to-all-big-local-areas/").content.decode()
    body = html[html.index("<main") :]
    assert "Skip to Main Content" not in body
    assert ">Read more<" not in body


def test_pdf_debris_is_repaired_in_the_report(client):
    html = client.get("/resources/our-bigger-story-change-in-big-local/").content.decode()
    assert "multi-media evaluation" in html or "multimedia evaluation" in html
    assert "\uf0b7" not in html
    assert "Reduce social isolation" in html


def test_related_resources_share_themes(client, library):
    html = client.get(library.report.url).content.decode()
    related = html[html.index('id="related"') :]
    assert library.case_study.title in related


def test_in_text_citations_link_to_their_reference(client):
    html = client.get(QA).content.decode()
    assert '<a href="#ref-1">Dobson et al., 2022</a>' in html
    assert 'id="ref-1"' in html


def test_report_has_a_plain_text_version(client):
    url = "/resources/our-bigger-story-change-in-big-local/"
    assert (
        'href="/resources/our-bigger-story-change-in-big-local/text/"'
        in client.get(url).content.decode()
    )
    response = client.get(url + "text/")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert text.startswith("Our Bigger Story: how Big Local creates change\n")
    assert "<p>" not in text and "Reduce social isolation" in text


def test_cite_this_gives_apa_and_harvard(client):
    html = client.get(
        "/resources/dobson-2022-unlocking-the-potential-of-big-local-partnerships/"
    ).content.decode()
    assert "Dobson, J., Gore, T., Graham, K., &amp; Swade, K. (2022)." in html  # APA
    assert "Dobson, J. <i>et al.</i> (2022)" in html  # Harvard (Cite Them Right)


def test_citation_downloads_parse_as_ris_and_bibtex(client):
    import bibtexparser
    import rispy

    url = "/resources/dobson-2022-unlocking-the-potential-of-big-local-partnerships/"
    ris = client.get(url + "cite/ris/")
    assert ris["Content-Disposition"].startswith("attachment")
    [record] = rispy.loads(ris.content.decode())
    assert record["type_of_reference"] == "RPRT"
    assert record["authors"][0] == "Dobson, J."
    assert record["year"] == "2022"
    library = bibtexparser.parse_string(client.get(url + "cite/bibtex/").content.decode())
    [entry] = library.entries
    assert entry.entry_type == "techreport"
    assert entry["year"] == "2022"
    assert "Dobson, J. and Gore, T." in entry["author"]


def test_person_author_names_are_split_and_organisations_kept_whole(client):
    html = client.get("/resources/support-partners-open-to-all-big-local-areas/").content.decode()
    assert "Davies, G." in html  # APA initials from "Gabriel Davies"
    report = client.get("/resources/our-bigger-story-change-in-big-local/").content.decode()
    assert "Third Sector Research Centre. (n.d.)." in report


def test_most_cited_counts_distinct_live_citing_resources():
    from collections import defaultdict

    from resources.models import ResourcePage, ResourceReference

    citing = defaultdict(set)
    for reference in ResourceReference.objects.filter(target__isnull=False, page__live=True):
        citing[reference.target_id].add(reference.page_id)
    expected = {
        pk: len(pages) for pk, pages in citing.items() if ResourcePage.objects.get(pk=pk).live
    }
    most_cited = list(ResourcePage.most_cited())
    assert expected, "the bundled library should hold internal references"
    assert {page.pk: page.citations for page in most_cited} == expected
    counts = [page.citations for page in most_cited]
    assert counts == sorted(counts, reverse=True)
    # Unpublishing the only citing resource of one target removes it from the list.
    once = next(pk for pk, n in expected.items() if n == 1)
    ResourcePage.objects.get(pk=next(iter(citing[once]))).unpublish()
    assert once not in {page.pk for page in ResourcePage.most_cited()}


def test_publisher_who_is_also_the_author_is_named_once(client):
    html = client.get("/resources/our-bigger-story-change-in-big-local/").content.decode()
    assert html.count("Third Sector Research Centre") >= 1
    assert "Third Sector Research Centre · Third Sector Research Centre" not in " ".join(
        html.split()
    )


def test_report_bullets_stay_a_list_and_the_missing_diagram_is_noted(client):
    html = client.get("/resources/our-bigger-story-change-in-big-local/").content.decode()
    assert "<li>" in html
    assert "following diagram: (figure not reproduced)" in html


def test_the_byline_joins_authors_date_and_publisher_and_can_be_marked(client, library):
    report, case_study = library.report, library.case_study
    assert report.byline() == "By Ada Planter, Ben Hoe · 14 March 2022 · Fixture Growers Trust"
    # Only a publisher: no separator left hanging before it.
    assert case_study.byline() == "Fixture Growers Trust"
    html = client.get(report.url, {"highlight": "By Ada Planter, Ben Hoe"}).content.decode()
    header = html.split('id="about-this-resource"', 1)[1].split("</p>", 1)[0]
    assert '<mark class="quoted" id="quoted">By Ada Planter, Ben Hoe</mark>' in header
    assert '<time datetime="2022-03-14">14 March 2022</time>' in header
