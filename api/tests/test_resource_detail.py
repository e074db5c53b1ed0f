"""A resource's detail gives its text, references, and the published resources that cite it."""

import pytest

from resources.models import ResourcePage, ResourceReference

pytestmark = pytest.mark.django_db


def test_detail_has_sections_references_and_backlinks(api):
    reference = ResourceReference.objects.filter(target__live=True, page__live=True).first()
    citing, cited = reference.page, reference.target

    _status, body = api(f"resources/{citing.slug}/")
    assert body["title"] == citing.title
    assert body["url"].endswith(citing.url)
    assert body["text_url"].endswith(citing.url + "text/")
    assert len(body["sections"]) == len(citing.body)
    assert [ref["title"] for ref in body["references"]] == list(
        citing.references.order_by("sort_order", "pk").values_list("title", flat=True)
    )
    assert cited.slug in [ref["target"] for ref in body["references"]]

    _status, cited_body = api(f"resources/{cited.slug}/")
    assert citing.slug in cited_body["cited_by"]


def test_reference_to_an_unpublished_resource_has_no_target(api):
    reference = ResourceReference.objects.filter(target__live=True, page__live=True).first()
    ResourcePage.objects.get(pk=reference.target_id).unpublish()
    _status, body = api(f"resources/{reference.page.slug}/")
    matching = [ref for ref in body["references"] if ref["title"] == reference.title]
    assert matching and matching[0]["target"] is None


def test_unknown_slug_is_not_found(api):
    status, body = api("resources/no-such-resource/")
    assert status == 404
    assert body == {"detail": "No ResourcePage matches the given query."}
