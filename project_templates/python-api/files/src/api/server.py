"""Run the API with uvicorn, a production-grade ASGI server: `api-server --port 8000`."""

from __future__ import annotations

import argparse
import os
import socket

import uvicorn

from api.app import create_app


def main(argv: list[str] | None = None) -> None:
    """Command line: api-server [--host HOST] [--port PORT] (port 0 picks a free port)."""
    parser = argparse.ArgumentParser(description="Run the API server.")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.listen(128)  # accept connections now; uvicorn serves them once it has started
    port = sock.getsockname()[1]
    print(f"Serving on http://{args.host}:{port} (documentation at /docs)", flush=True)
    config = uvicorn.Config(create_app(), log_level="info", proxy_headers=True)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
