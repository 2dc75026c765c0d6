"""Command line: python -m report build [--data CSV] [--out DIR]."""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

from report.analysis import read_rows, summarize
from report.page import render_page


def build(data: Path, out: Path) -> Path:
    """Build the report from ``data`` into ``out/index.html``."""
    info = json.loads(resources.files("report").joinpath("project.json").read_text("utf-8"))
    page = render_page(info["title"], info["brief"], summarize(read_rows(data)))
    out.mkdir(parents=True, exist_ok=True)
    target = out / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m report")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build the HTML report")
    build_cmd.add_argument("--data", type=Path, default=Path("data/measurements.csv"))
    build_cmd.add_argument("--out", type=Path, default=Path("_site"))
    args = parser.parse_args(argv)
    print(f"Wrote {build(args.data, args.out)}")


if __name__ == "__main__":
    main()
