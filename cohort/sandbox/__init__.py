"""A local, stateful, contract-checked stand-in for GitHub's REST and GraphQL API.

Use in-process (no sockets)::

    sb = Sandbox()                                    # SimulatedClock, request checks on
    sb.add_org("acme", owners=["olga"], members=["mia"])
    gh = GitHub(sb.issue_token("olga"), base_url="https://api.github.com",
                transport=SandboxTransport(sb), auto_retry=False)

or over loopback with ``serve(host, port, state_file, org)`` (``python -m cohort.sandbox serve``).

Reading the org in tests: ``sb.state`` (a ``cohort.sandbox.state.State``: ``orgs``, ``teams``
keyed by ``(org, slug)``, ``repos`` keyed by ``"owner/name"``, ``users``, ``apps``, ``tokens``),
``sb.files("owner/name")`` → {path: bytes} at HEAD. Accounting: ``sb.log`` (``LoggedRequest``),
``sb.counters()``, ``sb.reset_log()``. Contract: ``sb.contract_errors``, ``sb.assert_clean()``.
Faults: ``sb.faults = FaultPlan(seed, [Fault(kind, on_write=k)])``; latency: ``sb.latency``.
GitHub's rules (protection, code owners, workflow files, invitations, GraphQL limits): see
``cohort.sandbox.rules`` and docs/reference/sandbox.md. Webhooks: ``register_app(...,
webhook_url=)`` records ``sb.state.deliveries``; ``cohort sandbox serve`` posts them.
"""

from cohort.sandbox.asgi import SandboxApp, serve
from cohort.sandbox.contract import ContractError
from cohort.sandbox.core import Sandbox
from cohort.sandbox.faults import Fault, FaultPlan
from cohort.sandbox.log import LoggedRequest
from cohort.sandbox.transport import AsyncSandboxTransport, SandboxTransport

__all__ = [
    "AsyncSandboxTransport",
    "ContractError",
    "Fault",
    "FaultPlan",
    "LoggedRequest",
    "Sandbox",
    "SandboxApp",
    "SandboxTransport",
    "serve",
]
