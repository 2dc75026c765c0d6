"""Routes of the API as plain functions: (method, path, body) in, (status, JSON) out."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

Json = dict[str, Any]


@dataclass
class App:
    """The application state; one instance per running server (or per test)."""

    items: list[Json] = field(default_factory=list)

    def handle(self, method: str, path: str, body: bytes = b"") -> tuple[int, Json]:
        """Answer one request."""
        if path == "/health" and method == "GET":
            return 200, {"status": "ok"}
        if path == "/" and method == "GET":
            return 200, project_info()
        if path == "/api/items":
            if method == "GET":
                return 200, {"items": self.items}
            if method == "POST":
                return self.create_item(body)
            return 405, {"error": "method not allowed"}
        return 404, {"error": f"no route for {path}"}

    def create_item(self, body: bytes) -> tuple[int, Json]:
        """Add an item from a JSON body like {"name": "..."}."""
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return 400, {"error": "the body must be JSON"}
        name = data.get("name") if isinstance(data, dict) else None
        if not isinstance(name, str) or not name.strip():
            return 422, {"error": "'name' must be a non-empty string"}
        item = {"id": len(self.items) + 1, "name": name.strip()}
        self.items.append(item)
        return 201, item


def project_info() -> Json:
    """Title and brief of the project, from the package's project.json."""
    text = resources.files("api").joinpath("project.json").read_text(encoding="utf-8")
    info: Json = json.loads(text)
    return info
