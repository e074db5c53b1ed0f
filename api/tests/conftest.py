import pytest


@pytest.fixture
def api(client):
    """GET an /api/v1/ path: (status code, parsed JSON body)."""

    def get(path, **params):
        response = client.get(f"/api/v1/{path}", params)
        assert response["Content-Type"] == "application/json"
        return response.status_code, response.json()

    return get


@pytest.fixture
def all_results(api):
    """Every result of a list, following `next` links page by page."""

    def collect(path, **params):
        status, body = api(path, page_size=100, **params)
        assert status == 200, body
        results = body["results"]
        page = 1
        while body["next"]:
            page += 1
            status, body = api(path, page_size=100, page=page, **params)
            results += body["results"]
        return results

    return collect
