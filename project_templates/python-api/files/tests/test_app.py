"""Tests of the routes through FastAPI's test client: no server, no network."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


def test_health_answers_ok(client: TestClient) -> None:
    response = client.get("/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert client.head("/health").status_code == 200


def test_root_describes_the_project(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.json()["title"]


def test_an_item_can_be_created_and_listed(client: TestClient) -> None:
    created = client.post("/api/items", json={"name": " Study group ", "course": "cs101"})
    assert created.status_code == 201
    item = created.json()
    assert item == {"id": 1, "name": "Study group", "course": "cs101"}
    assert client.get("/api/items").json() == {"items": [item]}
    assert client.get(f"/api/items/{item['id']}").json() == item


def test_items_can_be_filtered_by_course(client: TestClient) -> None:
    client.post("/api/items", json={"name": "Vectors", "course": "math201"})
    client.post("/api/items", json={"name": "Loops", "course": "cs101"})
    names = [i["name"] for i in client.get("/api/items?course=cs101").json()["items"]]
    assert names == ["Loops"]


def test_an_item_needs_a_name(client: TestClient) -> None:
    response = client.post("/api/items", json={"name": ""})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]


def test_a_body_that_is_not_json_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/items", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422


def test_unknown_items_and_routes_are_404(client: TestClient) -> None:
    assert client.get("/api/items/99").status_code == 404
    assert client.get("/nope").status_code == 404


def test_the_documentation_lists_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/health", "/", "/api/items", "/api/items/{item_id}"} <= set(paths)
