"""The team's web API: routes in app.py, the server command in server.py."""

__version__ = "0.1.0"
