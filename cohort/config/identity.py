"""People's identity: one spelling per GitHub login, and what GitHub says each handle is (pure)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from cohort.config.model import CohortFile, Mentee, Mentor
from cohort.config.source import Document, Path
from cohort.errors import Problem

AccountKind = Literal["user", "organization", "bot", "missing"]

# Words that organizers write while a person is not known yet; each is (or could become) a
# real account, which would then be invited as a maintainer and code owner.
PLACEHOLDERS = frozenset(
    {"tbd", "tba", "tbc", "todo", "none", "null", "unknown", "placeholder", "example",
     "someone", "nobody", "mentor", "mentee", "na", "n-a", "xxx", "changeme", "fixme"}
)  # fmt: skip


@dataclass(frozen=True)
class Account:
    """What GitHub answered for one handle: its kind and its canonical spelling."""

    login: str
    kind: AccountKind


def fold(login: str) -> str:
    """The comparison key of a login: GitHub logins are case-insensitive."""
    return login.lower()


def person_sites(cohort: CohortFile) -> Iterator[tuple[str, Path]]:
    """Where each person is defined: organizers, mentors and mentees (first site first)."""
    for i, m in enumerate(cohort.mentors):
        yield m.handle, ("mentors", i, "handle")
    for i, e in enumerate(cohort.mentees):
        yield e.handle, ("mentees", i, "handle")
    for i, o in enumerate(cohort.organizers):
        yield o, ("organizers", i)


def spellings(cohort: CohortFile) -> dict[str, str]:
    """Folded login -> the spelling of its first definition in the file."""
    out: dict[str, str] = {}
    for handle, _ in person_sites(cohort):
        out.setdefault(fold(handle), handle)
    return out


def unify_handles(cohort: CohortFile, logins: Mapping[str, str] | None = None) -> CohortFile:
    """The cohort with one spelling per person everywhere.

    ``logins`` maps folded logins to GitHub's canonical spelling; without it (or for a handle
    it lacks) the first definition in the file wins, so teams name people as the lists do.
    """
    known = spellings(cohort)
    known.update(logins or {})

    def one(handle: str) -> str:
        return known.get(fold(handle), handle)

    def many(handles: list[str]) -> list[str]:
        return [one(h) for h in handles]

    return cohort.model_copy(
        update={
            "organizers": many(cohort.organizers),
            "mentors": [_with(m, one(m.handle)) for m in cohort.mentors],
            "mentees": [_with(m, one(m.handle)) for m in cohort.mentees],
            "teams": [
                t.model_copy(update={"mentors": many(t.mentors), "mentees": many(t.mentees)})
                for t in cohort.teams
            ],
        }
    )


def _with(person: Mentor | Mentee, handle: str) -> Mentor | Mentee:
    return person if person.handle == handle else person.model_copy(update={"handle": handle})


def placeholder_problems(cohort: CohortFile, doc: Document) -> Iterator[Problem]:
    """Handles such as ``tbd`` that name nobody in particular."""
    for handle, path in person_sites(cohort):
        if fold(handle) in PLACEHOLDERS:
            yield doc.problem(
                path,
                f"'{handle}' looks like a placeholder, not a person's GitHub login",
                "leave the person out until their login is known; a real account "
                "with this name would get access",
            )


def account_problems(
    cohort: CohortFile, doc: Document, accounts: Mapping[str, Account]
) -> list[Problem]:
    """Every handle GitHub does not know as a person, and an organization that is not one."""
    problems = []
    seen: set[str] = set()
    for handle, path in person_sites(cohort):
        key = fold(handle)
        if key in seen:
            continue
        seen.add(key)
        found = accounts.get(key, Account(handle, "missing"))
        if found.kind != "user":
            problems.append(doc.problem(path, _what(handle, found.kind), _hint(found.kind)))
    org = cohort.program.organization
    if accounts.get("org:" + fold(org), Account(org, "organization")).kind != "organization":
        problems.append(
            doc.problem(
                ("program", "organization"),
                f"'{org}' is not a GitHub organization visible to this token",
                "check the spelling, or install the App / grant the token on it",
            )
        )
    return problems


def _what(handle: str, kind: AccountKind) -> str:
    if kind == "organization":
        return f"'{handle}' is an organization, not a person"
    if kind == "bot":
        return f"'{handle}' is a bot account, not a person"
    return f"'{handle}' is not a GitHub user"


def _hint(kind: AccountKind) -> str:
    if kind == "missing":
        return "check the spelling; nothing is written until every handle resolves"
    return "list people by their own GitHub login"
