"""The team's web API: routes in app.py, the HTTP server in server.py."""
