"""Schemathesis explores the read API from its own OpenAPI document, in-process through WSGI.

For every operation it generates requests that the document allows (including odd slugs, page
numbers and filter values) and checks each answer: never a server error, and status code,
content type and body all as the document says. The document itself is fetched from
/api/v1/schema/ through the same WSGI application, so what is tested is what is served.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection

from areas.models import AreaPage
from lfbl.wsgi import application
from resources.models import ResourcePage
from themes.models import ThemePage

# Loaded at collection: serving the document needs no database. (schemathesis's lazy
# `from_fixture` loader does not work with this pytest version.)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture(autouse=True)
def keep_the_test_transaction_open():
    """Calling the WSGI application directly would close the test's database connection at each
    request (PostgreSQL; SQLite's in-memory test database ignores it), ending the test's
    transaction. Django's own test client disconnects the same handler for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_as_its_openapi_document_says(case):
    # "Invalid data must be rejected" is left out: in a query string the integer 559 that
    # schemathesis sends as a wrong-typed slug is the text "559", a perfectly good slug.
    # Garbage input is still sent, and must still never cause a 5xx or an undocumented answer.
    case.call_and_validate(excluded_checks=[negative_data_rejection])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "model"),
    [
        ("/api/v1/resources/{slug}/", ResourcePage),
        ("/api/v1/areas/{slug}/", AreaPage),
        ("/api/v1/themes/{slug}/", ThemePage),
    ],
)
def test_every_published_item_detail_matches_the_document(path, model):
    # Generated slugs rarely exist, so each real one is checked here too.
    operation = schema[path]["GET"]
    for slug in model.objects.live().values_list("slug", flat=True):
        response = operation.Case(path_parameters={"slug": slug}).call_and_validate()
        assert response.status_code == 200
