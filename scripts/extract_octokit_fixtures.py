"""Extract the @octokit/fixtures scenarios that touch endpoints cohort calls, for the replay test.

Keeps, per recorded request, what the replay compares: method, path, request body and media
type, GitHub's status, the top-level keys of its answer (of the first item for a list, with the
list's length) and, for an error, GitHub's whole error body.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# Scenarios left out, and why (every other scenario uses only endpoints cohort never calls).
EXCLUDED = {
    "rename-repository": "cohort never renames a repository (the sandbox refuses it with 422)",
    "lock-issue": "cohort never locks issues",
}
# Endpoints cohort calls (and accepting a repository invitation, which a recorded scenario
# needs to reach them). A scenario is kept when every request in it is one of these.
_REPO = r"/repos/[^/]+/[^/]+"
_CALLED = re.compile(
    "^(?:"
    + "|".join(
        (
            r"/",
            r"/orgs/[^/]+",
            r"/user/repository_invitations/\d+",
            rf"(?:{_REPO}|/repositories/\d+)(?:/issues(?:/\d+(?:/labels)?)?)?",
            rf"{_REPO}/(?:collaborators|invitations|labels)(?:/[^/]+)?",
            rf"{_REPO}/branches/[^/]+/protection",
            rf"{_REPO}/contents/.*",
            rf"{_REPO}/git/refs(?:/.*)?",
        )
    )
    + ")$"
)


def _cohort_calls(path: str) -> bool:
    return _CALLED.match(urlsplit(path).path) is not None


def _keys(response: Any) -> dict[str, Any]:
    if isinstance(response, list):
        first = response[0] if response else {}
        return {"length": len(response), "item_keys": sorted(first) if first else []}
    if isinstance(response, dict):
        return {"keys": sorted(response)}
    return {"text": response}


def _request(raw: dict[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {
        "method": raw["method"].upper(),
        "path": raw["path"],
        "accept": raw["reqheaders"].get("accept", "application/vnd.github.v3+json"),
        "body": raw["body"] or None,
        "status": raw["status"],
        **_keys(raw["response"]),
    }
    if raw["status"] >= 400 and isinstance(raw["response"], dict):
        kept["error"] = raw["response"]
    return kept


def extract(scenarios: Path) -> dict[str, list[dict[str, Any]]]:
    """{scenario: [recorded request…]} for the scenarios the replay test uses."""
    out: dict[str, list[dict[str, Any]]] = {}
    for folder in sorted(p for p in scenarios.iterdir() if p.is_dir()):
        if folder.name in EXCLUDED:
            continue
        recorded = json.loads((folder / "normalized-fixture.json").read_text())
        if recorded and all(_cohort_calls(r["path"]) for r in recorded):
            out[folder.name] = [_request(r) for r in recorded]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--node-modules", type=Path, default=Path("/tmp/octo/node_modules"))
    parser.add_argument(
        "--out", type=Path, default=Path("tests/sandbox/fixtures/octokit-fixtures.json")
    )
    args = parser.parse_args(argv)
    package = args.node_modules / "@octokit" / "fixtures"
    version = json.loads((package / "package.json").read_text())["version"]
    found = extract(package / "scenarios" / "api.github.com")
    data = {
        "source": f"@octokit/fixtures {version} (MIT), scenarios/api.github.com/*/"
        "normalized-fixture.json; made by scripts/extract_octokit_fixtures.py",
        "excluded": EXCLUDED,
        "scenarios": found,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    count = sum(len(v) for v in found.values())
    print(f"wrote {args.out}: {len(found)} scenarios, {count} requests", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
