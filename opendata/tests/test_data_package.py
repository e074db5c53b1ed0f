"""datapackage.json describes every CSV file, and the files pass Frictionless validation."""

import csv
import json

import frictionless
import pytest

from opendata.tables import TABLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def package_folder(client, tmp_path):
    """/data/datapackage.json and its CSV files saved side by side, as a downloader would."""
    response = client.get("/data/datapackage.json")
    assert response.status_code == 200
    (tmp_path / "datapackage.json").write_bytes(response.content)
    for name in TABLES:
        (tmp_path / f"{name}.csv").write_bytes(client.get(f"/data/{name}.csv").content)
    return tmp_path


def test_data_package_describes_every_table_and_field(package_folder):
    package = json.loads((package_folder / "datapackage.json").read_text())
    described = {resource["name"]: resource for resource in package["resources"]}
    assert set(described) == set(TABLES)
    for name, table in TABLES.items():
        fields = described[name]["schema"]["fields"]
        assert [field["name"] for field in fields] == [field.name for field in table.fields]
        assert all(field["description"] for field in fields)
    assert package["licenses"][0]["name"]


def test_frictionless_finds_the_package_valid(package_folder):
    report = frictionless.validate(package_folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert {task.name for task in report.tasks} == set(TABLES)


def test_frictionless_catches_a_row_that_breaks_the_schema(package_folder):
    # Shows the validation above can fail: a year that is not a number is reported.
    path = package_folder / "references.csv"
    with path.open(newline="") as source:
        rows = list(csv.DictReader(source))
    rows[0]["year"] = "not-a-year"
    with path.open("w", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = frictionless.validate(package_folder / "datapackage.json")
    assert not report.valid
    assert report.flatten(["fieldName", "type"]) == [["year", "type-error"]]
