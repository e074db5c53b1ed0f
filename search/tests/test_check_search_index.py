"""`check_search_index` finds missing, stale and extra documents and repairs them; the change log
holds exactly the changes that committed."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from resources.models import ResourcePage
from search import index_sync, site_index
from search.engine import Document
from search.models import IndexChange

pytestmark = pytest.mark.django_db


def check(*args):
    out = io.StringIO()
    call_command("check_search_index", *args, stdout=out)
    return out.getvalue()


def test_check_search_index_reports_and_repairs_missing_stale_and_extra_documents():
    index = site_index.get_index()
    check()  # whatever earlier tests left behind (their rolled-back publishes) is repaired first
    missing, stale = ResourcePage.objects.live().order_by("pk")[:2]
    try:
        index.delete([str(missing.pk)])
        index.add([Document(id=str(stale.pk), title="An old title nobody wrote")])
        index.add([Document(id="999999", title="A page the database never had")])

        with pytest.raises(CommandError, match="differs from the database in 3 documents"):
            check("--dry-run")
        report = check()
        assert f"1 missing: page ids {missing.pk}" in report
        assert f"1 stale: page ids {stale.pk}" in report
        assert "1 extra: page ids 999999" in report
        assert "Repaired 3 documents" in report

        assert "matches the database" in check("--dry-run")
        assert str(missing.pk) in index and "999999" not in index
        titles = [hit.title for hit in index.search(stale.title).hits]
        assert stale.title in titles
    finally:
        site_index.rebuild()


def test_change_log_row_commits_or_rolls_back_with_the_publish():
    page = ResourcePage.objects.live().first()
    before = IndexChange.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        assert IndexChange.objects.filter(page_id=page.pk).exists()
        raise RuntimeError("the editor's request failed after the publish")
    assert IndexChange.objects.count() == before
    page = ResourcePage.objects.get(pk=page.pk)  # the copy in memory names a rolled-back revision
    page.save_revision().publish()
    assert IndexChange.objects.count() == before + 1
    assert IndexChange.objects.last().page_id == page.pk


def test_index_follows_a_change_it_did_not_make():
    # As on another server: the change is in the log, but no hook of this process applied it.
    page = ResourcePage.objects.live().order_by("pk").first()
    index = site_index.get_index()
    try:
        page.unpublish()
        assert str(page.pk) in index
        index_sync.reset_poll_timer()
        assert index_sync.follow() >= 1
        assert str(page.pk) not in index
    finally:
        site_index.rebuild()
