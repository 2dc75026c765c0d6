"""Which REST API root a token may be sent to: the operator's, never the cohort file's (pure).

A cohort file is data that anyone can write in a pull request; the host that receives the
token comes only from the command line, the environment (``GITHUB_API_URL``, which GitHub
Actions sets on its runners) or the default. ``program.api_url`` in cohort.yml is a hint
that must agree with that choice.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from cohort.errors import UsageError

DEFAULT_API = "https://api.github.com"
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def is_loopback(host: str) -> bool:
    """``localhost``, 127.0.0.0/8 or ::1: the only hosts plain http may reach (the sandbox)."""
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_problem(url: str) -> str:
    """Why ``url`` cannot be an API root, or "" when it can."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return "not a URL"
    if parts.scheme not in ("https", "http") or not host:
        return "use https://HOST (GitHub Enterprise Server: https://HOST/api/v3)"
    if parts.username or parts.password:
        return "credentials in the URL are not allowed"
    if parts.query or parts.fragment:
        return "a query or fragment is not allowed"
    if parts.scheme == "http" and not is_loopback(host):
        return "plain http is allowed only for loopback (127.0.0.1, localhost); use https"
    return ""


def normalized(url: str) -> str:
    """The URL compared for equality: scheme and host lower-cased, no trailing slash."""
    parts = urlsplit(url.strip())
    netloc = parts.netloc.lower()
    return f"{parts.scheme.lower()}://{netloc}{parts.path.rstrip('/')}"


class ApiUrlError(UsageError):
    """The API root is unsafe, or the cohort file names another host than the operator chose."""


def choose_api_url(operator: str | None, hint: str | None) -> str:
    """The API root a token goes to: the operator's (or the default), checked against the hint."""
    chosen = operator or DEFAULT_API
    problem = url_problem(chosen)
    if problem:
        raise ApiUrlError(f"API URL {chosen!r}: {problem}")
    if hint is not None and normalized(hint) != normalized(chosen):
        raise ApiUrlError(
            f"cohort.yml says program.api_url {hint!r} but the API URL in use is {chosen!r} "
            "(from --api-url, GITHUB_API_URL or the default); the token is sent only to the "
            "host you choose: fix program.api_url, or pass --api-url for that host"
        )
    return chosen.rstrip("/")
