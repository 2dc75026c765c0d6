"""The HTTP API: its routes and the shapes of what goes in and out.

FastAPI reads the type hints below to validate requests (a bad body or query string gets a
422 with a message saying which field is wrong) and to write the interactive documentation
at /docs. Add a route by adding a function; test it in tests/test_app.py.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel, Field

from api import __version__


class NewItem(BaseModel):
    """What a client sends to create an item."""

    name: str = Field(min_length=1, max_length=200, examples=["Linear algebra notes"])
    course: str | None = Field(default=None, max_length=40, examples=["cs101"])


class Item(NewItem):
    """An item as the API stores and returns it."""

    id: int


class ItemList(BaseModel):
    """A list of items."""

    items: list[Item]


def project_info() -> dict[str, Any]:
    """Title and brief of the project, from the package's project.json."""
    text = resources.files("api").joinpath("project.json").read_text(encoding="utf-8")
    info: dict[str, Any] = json.loads(text)
    return info


def create_app() -> FastAPI:
    """A fresh application with an empty in-memory store (one per server, one per test)."""
    info = project_info()
    app = FastAPI(title=info["title"], version=__version__, description=info["brief"])
    items: list[Item] = []

    @app.get("/health", tags=["meta"])
    def health() -> dict[str, str]:
        """Answers 200 while the server runs: used by Docker and by monitoring."""
        return {"status": "ok"}

    app.head("/health", include_in_schema=False)(health)  # monitors often ask with HEAD

    @app.get("/", tags=["meta"])
    def about() -> dict[str, Any]:
        """What this API is about."""
        return info

    @app.get("/api/items", tags=["items"])
    def list_items(
        course: Annotated[str | None, Query(max_length=40, description="Only this course")] = None,
    ) -> ItemList:
        """Every item, or only the items of one course: /api/items?course=cs101."""
        chosen = [item for item in items if course is None or item.course == course]
        return ItemList(items=chosen)

    @app.post("/api/items", status_code=201, tags=["items"])
    def create_item(new: NewItem) -> Item:
        """Add an item from a JSON body like {"name": "...", "course": "cs101"}."""
        item = Item(id=len(items) + 1, name=new.name.strip(), course=new.course)
        items.append(item)
        return item

    @app.get("/api/items/{item_id}", tags=["items"])
    def get_item(item_id: int) -> Item:
        """One item by its id, or 404."""
        for item in items:
            if item.id == item_id:
                return item
        raise HTTPException(status_code=404, detail=f"no item with id {item_id}")

    return app
