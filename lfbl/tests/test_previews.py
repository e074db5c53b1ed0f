"""An editor's preview of a draft renders for every kind of page the site has."""

import pytest
from wagtail.models import Page, get_page_models

pytestmark = pytest.mark.django_db


def test_a_draft_of_every_page_type_previews(library):
    previewed = []
    for model in get_page_models():
        if model is Page or not (page := model.objects.live().first()):
            continue
        page.title = page.title + " (draft)"
        page.save_revision()
        draft = page.get_latest_revision_as_object()
        response = draft.make_preview_request()
        assert response.status_code == 200, model.__name__
        response.render()
        assert "(draft)" in response.content.decode(), model.__name__
        previewed.append(model.__name__)
    assert {"ResourcePage", "ThemePage", "AreaPage", "HomePage"} <= set(previewed)
