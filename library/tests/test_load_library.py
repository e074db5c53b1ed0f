"""The bundled library loads completely, once, and leaves editors' changes alone."""

import io
import os

import pytest
from django.core.management import call_command

from accessibility.models import AccessibilityStatementPage
from areas.models import AreaPage, Region
from glossary.models import GlossaryTerm
from organisations.models import Organisation
from programme.models import AboutPage, TheoryOfChangePage
from resources.models import ResourcePage
from themes.models import ThemePage
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


def load():
    out = io.StringIO()
    call_command("load_library", stdout=out)
    return out.getvalue()


def test_all_150_areas_load_with_their_region_and_council():
    assert AreaPage.objects.live().count() == 150
    assert Region.objects.count() == 9
    ramsey = AreaPage.objects.get(title="Ramsey")
    assert ramsey.region.name == "East of England"
    assert ramsey.local_authority == "Huntingdonshire"
    assert ramsey.our_bigger_story
    assert AreaPage.objects.filter(our_bigger_story=True).count() == 15
    assert not AreaPage.objects.filter(region=None).exists()


def test_area_spanning_two_councils_lists_both():
    area = AreaPage.objects.get(title="Grassland and Hasmoor")
    assert area.local_authorities == ["Chesterfield", "North East Derbyshire"]


def test_nine_confirmed_themes_load_in_their_groups():
    themes = ThemePage.objects.live()
    assert themes.count() == 9
    assert not themes.filter(group=None).exists()
    assert themes.get(title="Community change").group.slug == "overview"
    assert themes.filter(group__slug="topics").count() == 5
    assert all(theme.description for theme in themes)


def test_organisations_glossary_and_timeline_load():
    assert Organisation.objects.filter(name="Local Trust").exists()
    assert Organisation.objects.count() >= 19
    lto = GlossaryTerm.objects.get(slug="locally-trusted-organisation-lto")
    assert "LTO" in lto.synonyms
    assert GlossaryTerm.objects.count() >= 19
    first = TimelineEvent.objects.first()
    assert first.date.year == 2010
    assert TimelineEvent.objects.count() >= 19


def test_seed_documents_become_resources_of_the_stated_type_with_source():
    expected = {
        "big-locals-together": "Case study",
        "our-bigger-story-change-in-big-local": "Report",
        "support-partners-open-to-all-big-local-areas": "News",
        "how-did-local-trust-support-big-local-areas-to-build-networks": "Q&A article",
        "learning-from-big-local-a-guide-to-the-website": "News",
    }
    for slug, type_name in expected.items():
        page = ResourcePage.objects.live().get(slug=slug)
        assert page.resource_type.name == type_name
        assert page.source
        assert page.attachments.count() == 1


def test_qa_article_keeps_key_points_and_references_resolve_into_the_library():
    page = ResourcePage.objects.get(
        slug="how-did-local-trust-support-big-local-areas-to-build-networks"
    )
    assert page.title == "How did Local Trust support Big Local areas to build networks?"
    assert len(page.key_points) == 5
    references = list(page.references.all())
    assert len(references) >= 10
    assert all(ref.year for ref in references)
    resolved = [ref for ref in references if ref.target_id]
    assert len(resolved) >= 8
    dobson = next(ref for ref in references if ref.authors.startswith("Dobson"))
    assert dobson.target.slug == "dobson-2022-unlocking-the-potential-of-big-local-partnerships"


def test_catalogue_records_are_reports_with_citation_metadata():
    record = ResourcePage.objects.get(
        slug="dobson-2022-unlocking-the-potential-of-big-local-partnerships"
    )
    assert record.resource_type.slug == "report"
    assert record.publication_date.year == 2022
    assert record.author_names[0].startswith("Dobson")
    assert record.external_url.startswith("https://")


def test_about_and_theory_of_change_link_their_claims_to_resources():
    about = AboutPage.objects.get()
    assert about.body.count('linktype="page"') >= 3
    theory = TheoryOfChangePage.objects.get()
    sections = {key for key, _label, _items in theory.sections()}
    assert {"inputs", "activities", "planned_outcomes", "enablers", "barriers"} <= sections
    for _key, _label, statements in theory.sections():
        for statement in statements:
            assert len(statement["evidence"]) >= 1


def test_the_accessibility_statement_loads_with_its_date_and_stays_out_of_the_menu():
    statement = AccessibilityStatementPage.objects.get()
    assert statement.url == "/accessibility/"
    assert statement.live and not statement.show_in_menus
    assert statement.prepared_on is not None
    assert "WCAG 2.2" in statement.standard and statement.known_issues


def test_loading_again_creates_nothing_new():
    counts = (ResourcePage.objects.count(), AreaPage.objects.count(), TimelineEvent.objects.count())
    output = load()
    assert "nothing new" in output
    assert counts == (
        ResourcePage.objects.count(),
        AreaPage.objects.count(),
        TimelineEvent.objects.count(),
    )


def test_loading_again_keeps_an_editors_change_and_deletion():
    theme = ThemePage.objects.get(slug="local-economy")
    theme.description = "Edited by an editor."
    theme.save_revision().publish()
    Organisation.objects.filter(name="Koreo").delete()
    load()
    assert ThemePage.objects.get(slug="local-economy").description == "Edited by an editor."
    assert not Organisation.objects.filter(name="Koreo").exists()


def test_the_sample_episodes_load_with_their_recordings_in_one_series():
    episodes = ResourcePage.objects.live().exclude(recording=None).order_by("episode_number")
    assert [episode.episode_number for episode in episodes] == [1, 2]
    assert {episode.series.slug for episode in episodes} == {"the-library-explained"}
    for episode in episodes:
        path = episode.recording.file.path
        assert episode.recording.file_size == os.path.getsize(path) > 0
        assert episode.recording_content_type == "audio/ogg"
        assert episode.duration.total_seconds() > 0
