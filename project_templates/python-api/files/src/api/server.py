"""Serve the App over HTTP with the standard library's threading HTTP server."""

from __future__ import annotations

import argparse
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from api.app import App

MAX_BODY = 64 * 1024


def make_server(host: str, port: int, app: App | None = None) -> ThreadingHTTPServer:
    """An HTTP server bound to (host, port) that answers with ``app``."""
    application = app or App()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = min(int(self.headers.get("Content-Length") or 0), MAX_BODY)
            body = self.rfile.read(length) if length else b""
            status, payload = application.handle(self.command, self.path, body)
            data = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _answer  # noqa: N815

    return ThreadingHTTPServer((host, port), Handler)


def main(argv: list[str] | None = None) -> None:
    """Command line: api-server [--host HOST] [--port PORT]."""
    parser = argparse.ArgumentParser(description="Run the API server.")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)
    server = make_server(args.host, args.port)
    print(f"Serving on http://{args.host}:{server.server_port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
