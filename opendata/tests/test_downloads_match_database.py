"""Every table downloads as CSV and JSON holding exactly the published content of the database."""

import pytest
from django.db.models import Q

from areas.models import AreaPage
from opendata.tables import TABLES
from organisations.models import Organisation
from resources.models import ResourcePage, ResourceReference
from themes.models import ThemePage
from timeline.models import TimelineEvent

pytestmark = pytest.mark.django_db


def expected_counts():
    live_resources = ResourcePage.objects.live()
    return {
        "resources": live_resources.count(),
        "areas": AreaPage.objects.live().count(),
        "themes": ThemePage.objects.live().count(),
        "organisations": Organisation.objects.count(),
        "references": ResourceReference.objects.filter(page__in=live_resources).count(),
        "timeline": TimelineEvent.objects.count(),
    }


@pytest.mark.parametrize("name", TABLES)
def test_csv_and_json_have_one_row_per_published_record(name, download_csv, download_json):
    expected = expected_counts()[name]
    assert expected > 0, "the bundled library should fill every table"

    header, csv_rows = download_csv(name)
    document = download_json(name)

    assert header == [field.name for field in TABLES[name].fields]
    assert len(csv_rows) == expected
    assert document["count"] == len(document["rows"]) == expected
    assert list(document["rows"][0]) == header


@pytest.mark.parametrize("name", TABLES)
def test_csv_and_json_say_the_same_thing(name, download_csv, download_json):
    _header, csv_rows = download_csv(name)
    json_rows = download_json(name)["rows"]
    for csv_row, json_row in zip(csv_rows, json_rows, strict=True):
        for field, value in json_row.items():
            if value is None:
                assert csv_row[field] == ""
            elif isinstance(value, list):
                assert csv_row[field] == ";".join(value)
            elif isinstance(value, bool):
                assert csv_row[field] == str(value).lower()
            else:
                assert csv_row[field] == str(value)


def test_resource_rows_carry_tags_and_partial_dates(download_json):
    page = ResourcePage.objects.live().filter(~Q(themes=None)).first()
    rows = {row["slug"]: row for row in download_json("resources")["rows"]}
    row = rows[page.slug]
    assert row["title"] == page.title
    assert row["type"] == page.resource_type.slug
    assert row["themes"] == sorted(page.themes.values_list("slug", flat=True))
    assert row["url"].endswith(page.url)

    year_only = ResourcePage.objects.live().filter(date_precision="year").first()
    assert rows[year_only.slug]["publication_date"] == str(year_only.publication_date.year)


def test_references_point_at_resources_in_the_download(download_json):
    slugs = {row["slug"] for row in download_json("resources")["rows"]}
    references = download_json("references")["rows"]
    assert {row["resource"] for row in references} <= slugs
    targets = {row["target"] for row in references if row["target"]}
    assert targets, "the bundled library has references that resolve inside it"
    assert targets <= slugs


def test_every_download_states_its_licence(download_json):
    for name in TABLES:
        document = download_json(name)
        assert document["licence"]["name"]
        assert document["licence"]["path"].startswith("https://")
        assert "belong to their authors" in document["rights"]
