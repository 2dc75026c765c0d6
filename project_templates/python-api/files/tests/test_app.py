"""Tests of the routes, called directly: no server, no network."""

import json

from api.app import App


def test_health_answers_ok():
    assert App().handle("GET", "/health") == (200, {"status": "ok"})


def test_root_describes_the_project():
    status, body = App().handle("GET", "/")
    assert status == 200
    assert body["title"]


def test_an_item_can_be_created_and_listed():
    app = App()
    status, item = app.handle("POST", "/api/items", json.dumps({"name": " Study group "}).encode())
    assert (status, item) == (201, {"id": 1, "name": "Study group"})
    assert app.handle("GET", "/api/items") == (200, {"items": [item]})


def test_an_item_needs_a_name():
    status, body = App().handle("POST", "/api/items", b'{"name": ""}')
    assert status == 422
    assert "name" in body["error"]


def test_unknown_routes_are_404():
    assert App().handle("GET", "/nope")[0] == 404
