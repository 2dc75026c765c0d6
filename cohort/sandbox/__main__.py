"""``python -m cohort.sandbox serve [--port N] [--state FILE] [--org LOGIN]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from cohort.sandbox.asgi import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cohort.sandbox")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("serve", help="serve a sandbox on loopback")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=0)
    run.add_argument("--state", type=Path, default=None)
    run.add_argument("--org", default=None)
    args = parser.parse_args(argv)
    serve(args.host, args.port, args.state, args.org)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
