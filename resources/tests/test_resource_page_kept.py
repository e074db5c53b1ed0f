"""What a resource page shows beside its text is read once while the library is unchanged, follows
any publish at once, and a preview of a draft shows the draft (lfbl/tests/fixtures.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import ResourcePage

pytestmark = pytest.mark.django_db


def reference_queries(queries):
    return [q["sql"] for q in queries.captured_queries if "resources_resourcereference" in q["sql"]]


def test_a_resource_page_that_renders_again_does_not_read_its_references_again(client, library):
    client.get(library.report.url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(library.report.url).content.decode()
    assert f'href="{library.case_study.url}"' in html  # the reference, shown
    assert reference_queries(queries) == []


def test_a_published_change_to_a_related_resource_shows_at_once(client, library):
    assert library.case_study.title in client.get(library.report.url).content.decode()
    case_study = ResourcePage.objects.get(pk=library.case_study.pk)
    case_study.title = "Quince Lane, renamed by an editor"
    case_study.save_revision().publish()
    html = client.get(library.report.url).content.decode()
    assert "Quince Lane, renamed by an editor" in html

    case_study.unpublish()
    html = client.get(library.report.url).content.decode()
    assert "Quince Lane, renamed by an editor" not in html


def test_a_preview_shows_the_draft_not_the_published_page(client, library):
    client.get(library.report.url)  # the published page, kept
    draft = ResourcePage.objects.get(pk=library.report.pk)
    draft.summary = "A draft summary only the preview may show."
    draft.title = "A draft title"
    draft.save_revision()
    preview = draft.get_latest_revision_as_object().make_preview_request()
    assert preview.status_code == 200
    html = preview.render().content.decode()
    assert "A draft summary only the preview may show." in html
    assert '"A draft title"' in html  # the structured data: the draft's record, not the kept one
    published = client.get(library.report.url).content.decode()
    assert "A draft summary only the preview may show." not in published


def test_a_highlighted_quote_is_marked_on_the_kept_page(client, library):
    client.get(library.case_study.url)
    html = client.get(library.case_study.url + "?highlight=dug+forty+plots").content.decode()
    assert "<mark" in html and "<mark" not in client.get(library.case_study.url).content.decode()
