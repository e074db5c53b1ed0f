"""Fetching the /data/ downloads through Django's test client, as a reader's program would."""

import csv
import io
import json

import pytest


@pytest.fixture
def download_csv(client):
    """GET /data/<name>.csv: (header, rows as dicts) parsed with the csv module."""

    def download(name):
        response = client.get(f"/data/{name}.csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        reader = csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline=""))
        rows = list(reader)
        return reader.fieldnames, rows

    return download


@pytest.fixture
def download_json(client):
    """GET /data/<name>.json: the parsed document."""

    def download(name):
        response = client.get(f"/data/{name}.json")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        return json.loads(response.content)

    return download
