"""Resolve every handle of a cohort against GitHub in batched, aliased reads, before any write."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from cohort.config.identity import Account, account_problems, fold, unify_handles
from cohort.config.load import LoadedCohort
from cohort.errors import InvalidInput
from cohort.github.batching import raise_unexpected
from cohort.github.ports import GraphQLPort

PER_DOCUMENT = 100  # handles per document: two aliased fields each, far under GitHub's limits


def people_query(handles: Sequence[str], org: str | None) -> str:
    """One document: ``user(login:)`` and ``organization(login:)`` per handle, aliased."""
    parts = [
        f"u{i}: user(login: {json.dumps(h)}) {{ login }} "
        f"o{i}: organization(login: {json.dumps(h)}) {{ login }}"
        for i, h in enumerate(handles)
    ]
    if org is not None:
        parts.append(f"org: organization(login: {json.dumps(org)}) {{ login }}")
    return "query { " + " ".join(parts) + " }"


def parse_people(handles: Sequence[str], data: dict[str, Any]) -> dict[str, Account]:
    """Folded handle -> Account, from the answer to :func:`people_query`."""
    out = {}
    for i, handle in enumerate(handles):
        user, org = data.get(f"u{i}"), data.get(f"o{i}")
        if isinstance(org, dict) and org.get("login"):
            found = Account(str(org["login"]), "organization")
        elif isinstance(user, dict) and user.get("login"):
            login = str(user["login"])
            found = Account(login, "bot" if login.endswith("[bot]") else "user")
        else:
            found = Account(handle, "missing")
        out[fold(handle)] = found
    return out


def read_accounts(client: GraphQLPort, handles: Iterable[str], org: str) -> dict[str, Account]:
    """What GitHub says each handle is; the organization under the key ``org:<login>``."""
    unique = list(dict.fromkeys(fold(h) for h in handles))
    out: dict[str, Account] = {}
    chunks = [unique[i : i + PER_DOCUMENT] for i in range(0, len(unique), PER_DOCUMENT)] or [[]]
    for n, chunk in enumerate(chunks):
        result = client.graphql(people_query(chunk, org if n == 0 else None))
        raise_unexpected(result)  # NOT_FOUND is an answer here: that handle is no one
        out.update(parse_people(chunk, result.data))
        if n == 0:
            found = result.data.get("org")
            out["org:" + fold(org)] = (
                Account(str(found["login"]), "organization")
                if isinstance(found, dict)
                else Account(org, "missing")
            )
    return out


def resolve_people(client: GraphQLPort, loaded: LoadedCohort) -> LoadedCohort:
    """The cohort with GitHub's spelling of every login; InvalidInput naming each bad line."""
    cohort = loaded.cohort
    handles = [*cohort.organizers, *(m.handle for m in cohort.mentors)]
    handles += [m.handle for m in cohort.mentees]
    accounts = read_accounts(client, handles, cohort.program.organization)
    problems = account_problems(cohort, loaded.document, accounts)
    if problems:
        raise InvalidInput(problems)
    logins = {k: a.login for k, a in accounts.items() if not k.startswith("org:")}
    return replace(loaded, cohort=unify_handles(cohort, logins))
