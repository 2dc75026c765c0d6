"""A local, stateful, contract-checked stand-in for GitHub's REST and GraphQL API.

``Sandbox`` answers requests (``handle``); ``SandboxTransport``/``AsyncSandboxTransport`` plug
it into httpx (and so githubkit); ``serve`` runs it on loopback. Tests read the org through
``sb.state`` (see ``cohort.sandbox.state``) and ``sb.files(full_name)``, the request log through
``sb.log``/``sb.counters()``, and contract violations through ``sb.contract_errors`` and
``sb.assert_clean()``.
"""

from cohort.sandbox.asgi import SandboxApp, serve
from cohort.sandbox.contract import ContractError
from cohort.sandbox.core import Sandbox
from cohort.sandbox.faults import Fault, FaultPlan
from cohort.sandbox.log import LoggedRequest
from cohort.sandbox.transport import AsyncSandboxTransport, SandboxTransport

__all__ = [
    "AsyncSandboxTransport", "ContractError", "Fault", "FaultPlan", "LoggedRequest", "Sandbox",
    "SandboxApp", "SandboxTransport", "serve",
]
