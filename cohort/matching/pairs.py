"""Must-share and must-not-share pairs, from sign-up answers and the organizer's rules."""

from __future__ import annotations

from cohort.matching.model import Rules, Signups

Pair = tuple[str, str]


def _norm(a: str, b: str) -> Pair:
    x, y = a.lower(), b.lower()
    return (x, y) if x <= y else (y, x)


def pair_lists(data: Signups, rules: Rules) -> tuple[list[Pair], list[Pair]]:
    """(together, apart): lower-case, each pair once, sorted; self-pairs dropped."""
    together = {_norm(a, b) for a, b in rules.pairs}
    apart = {_norm(a, b) for a, b in rules.apart}
    for mentee in data.mentees:
        together.update(_norm(mentee.handle, other) for other in mentee.with_people)
        apart.update(_norm(mentee.handle, other) for other in mentee.not_with)
    return (
        sorted(p for p in together if p[0] != p[1]),
        sorted(p for p in apart if p[0] != p[1]),
    )


def groups(together: list[Pair]) -> list[list[str]]:
    """People who must end up on one team, as connected groups (sorted)."""
    parent: dict[str, str] = {}

    def find(name: str) -> str:
        parent.setdefault(name, name)
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for a, b in together:
        parent[find(a)] = find(b)
    out: dict[str, list[str]] = {}
    for name in sorted(parent):
        out.setdefault(find(name), []).append(name)
    return sorted(out.values())
