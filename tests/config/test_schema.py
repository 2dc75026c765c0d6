"""The committed JSON Schema and reference are current, and the example passes the schema."""

from __future__ import annotations

import json

import jsonschema
import yaml

from cohort.config.schema import reference_markdown, schema, schema_json
from tests.conftest import EXAMPLE, ROOT


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "schema" / "cohort.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), "run: cohort schema > schema/cohort.schema.json"


def test_committed_reference_is_current() -> None:
    committed = (ROOT / "docs" / "reference" / "cohort-yml.md").read_text(encoding="utf-8")
    assert committed == reference_markdown(), (
        "run: cohort schema --format markdown > docs/reference/cohort-yml.md"
    )


def test_example_validates_against_the_json_schema_editors_use() -> None:
    data = json.loads(json.dumps(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")), default=str))
    jsonschema.validate(data, schema())


def test_example_carries_the_editor_hint() -> None:
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/cohort.schema.json"
