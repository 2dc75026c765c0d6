"""Requests, writes and modelled time of cohort at any size, beside two PyGithub baselines.

Run: .venv/bin/python benchmarks/apply_requests.py [--teams 10 30 100 101 300] [--thousand]
     [--baselines 30 100] [--skip-baselines] [--messy 65]
Scenarios: (a) cold apply, (b) no-op re-apply, (c) one team's mentors changed; after the cold
apply, whether a fresh plan is empty. Generated cohorts have onboarding issues off (issue 16's
workload); each size then prints the cold apply with them on, and what they add, on its own
line. Modelled time: cohort.github.modelled, the model
``cohort demo`` uses (writes ≥ 1 s apart, ≤ 80 created objects/min, ≤ 500/h, reads 0.3 s).
Baselines: the naive PyGithub way (one request per object) and a competent PyGithub script
(compare before writing, one Git-Data commit per repository, mentors as maintainers).
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import cohort_text, messy_program
from cohort.clock import SimulatedClock
from cohort.github.apply import ApplyReport, apply_cohort, plan_cohort
from cohort.github.client import Client
from cohort.github.connect import seed_sandbox
from cohort.github.modelled import READ_MS, WRITE_MS, Step, earliest, modelled_seconds
from cohort.github.mutations import MAX_BYTES
from cohort.loading import load_cohort
from cohort.reconcile.model import DesiredState
from cohort.reconcile.safety import Allowances
from cohort.sandbox import Sandbox, SandboxTransport, rest_invitations
from cohort.scaffolds import desired_state
from tests.github.orgkit import snapshot

Row = dict[str, float]
DEFAULT_TEAMS = [10, 30, 100, 101, 300]
INVITATIONS_A_DAY = 500  # an organization older than a month or on a paid plan
DAY_S = 86_400


def desired_from(text: str) -> tuple[Any, DesiredState]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cohort.yml"
        path.write_text(text, encoding="utf-8")
        loaded = load_cohort(path)
        return loaded.cohort, desired_state(loaded)


def seed(box: Sandbox, cohort: Any, *, members_beyond_quota: bool = False) -> None:
    """The benchmark organization: older than a month, so GitHub allows 500 invitations a
    day (the sandbox enforces it). ``members_beyond_quota``: mentees past one day's quota
    are org members already (for benchmarks that need a fully applied organization at once);
    otherwise they are outside it, and cohort queues their invitations for later days."""
    seed_sandbox(box, cohort)
    org = box.state.orgs[cohort.program.organization]
    org.established = True
    if members_beyond_quota:
        org.members.extend(m.handle for m in cohort.mentees[INVITATIONS_A_DAY:])


def figures(box: Sandbox, start: int) -> Row:
    log = box.log[start:]
    steps = [Step(r.kind == "write", r.content_created) for r in log]
    pages = [r.method == "POST" and r.path.endswith("/pages") for r in log]
    return {
        "requests": len(log),
        "writes": sum(s.write for s in steps),
        "reads": sum(not s.write for s in steps),
        "mutations": sum(r.mutations for r in log),
        "created": sum(r.content_created for r in log),
        "modelled_s": modelled_seconds(steps),
        # the same requests without the Pages POSTs (issue 15's, printed on their own line)
        "pages": sum(pages),
        "modelled_s_no_pages": modelled_seconds(
            s for s, p in zip(steps, pages, strict=True) if not p
        ),
    }


class Measured(httpx.BaseTransport):
    """The sandbox transport, remembering the largest request body (a mutation document)."""

    def __init__(self, box: Sandbox) -> None:
        self.inner = SandboxTransport(box)
        self.largest = 0
        self.over_half = 0  # requests over half of MAX_BYTES

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.largest = max(self.largest, len(request.content))
        self.over_half += len(request.content) > MAX_BYTES // 2
        return self.inner.handle_request(request)


def ours(
    teams: int, *, onboarding: bool = False
) -> tuple[dict[str, Row], dict[str, Any], dict[str, Any]]:
    """Day 1's cold apply; one more apply a day while invitations are queued; then a no-op
    re-apply and a mentor change. The re-plan is taken once the last invitation is out."""
    cohort, desired = desired_from(cohort_text(teams, onboarding=onboarding))
    clock = SimulatedClock()
    box = Sandbox(clock=clock)
    seed(box, cohort)
    transport = Measured(box)

    def client() -> Client:
        return Client(box.issue_token("olga-org"), transport=transport, clock=box.clock)

    def run(want: DesiredState) -> tuple[Row, ApplyReport]:
        start = len(box.log)
        report = apply_cohort(client(), want, allow=Allowances())
        return figures(box, start), report

    out: dict[str, Row] = {}
    out["cold"], report = run(desired)
    org = box.state.orgs[cohort.program.organization]
    facts: dict[str, Any] = {"largest_document": transport.largest, "sent": [len(org.invitations)]}
    while report.queued:  # a day later: the last run's invitations have left GitHub's window
        clock.advance(DAY_S)
        out[f"day {len(facts['sent']) + 1}"], report = run(desired)
        facts["sent"].append(len(org.invitations) - sum(facts["sent"]))
    facts["replan_empty"] = plan_cohort(client(), desired).empty
    out["no-op"], _ = run(desired)
    cold_state = snapshot(box, cohort.program.organization)
    _, changed = desired_from(
        cohort_text(teams, onboarding=onboarding)
        .replace("mentors: [mentor0]", "mentors: [mentor1]", 1)
        .replace("capacity: 1, induction: completed}", "capacity: 2, induction: completed}", 2)
    )
    out["mentors"], _ = run(changed)
    box.assert_clean()
    return out, cold_state, facts


@contextmanager
def no_invitation_quota() -> Iterator[None]:
    """The sandbox without GitHub's daily invitation limit (what-if: all invitations in one run)."""
    saved = rest_invitations.limit
    rest_invitations.limit = lambda org: 1_000_000
    try:
        yield
    finally:
        rest_invitations.limit = saved


def all_at_once(teams: int) -> tuple[Row, int]:
    """The cold apply if every invitation could go out in one run, and its created objects."""
    cohort, desired = desired_from(cohort_text(teams))
    box = Sandbox(clock=SimulatedClock())
    seed(box, cohort)
    with no_invitation_quota():
        apply_cohort(
            Client(box.issue_token("olga-org"), transport=SandboxTransport(box), clock=box.clock),
            desired,
            allow=Allowances(),
        )
    row = figures(box, 0)
    return row, int(row["created"])


def creation_floor_s(created: int) -> int:
    """No schedule of ``created`` objects ends sooner under the model's caps: each object
    starts as early as the minute and hour windows allow (many to a request, no 1 s gap)."""
    t, starts = 0, list[int]()
    for _ in range(created):
        t = earliest(t, starts, 1)
        starts.append(t)
    return -(-(t + WRITE_MS) // 1000)


def messy(teams: int) -> None:
    """A cold apply of a real-size program with long Markdown briefs: its largest request."""
    program = messy_program(teams, long_briefs=True)
    cohort, desired = desired_from(program.text)
    box = Sandbox(clock=SimulatedClock())
    seed_sandbox(box, cohort)
    org = box.state.orgs[program.org]
    org.established = True  # 500 invitations a day
    org.members += [box.state.canonical(m) or m for m in program.members]
    transport = Measured(box)
    client = Client(box.issue_token("olga-org"), transport=transport, clock=box.clock)
    apply_cohort(client, desired, allow=Allowances())
    row = figures(box, 0)
    print(
        f"\n== messy {teams} teams (benchmarks.generate.messy_program, every brief Markdown "
        f"near 2,000 characters); cold apply: {row['writes']:.0f} writes, "
        f"{row['mutations']:.0f} mutations, modelled {row['modelled_s']:,.0f} s; largest "
        f"request {transport.largest / 1024:.0f} KB (bound {MAX_BYTES // 1024} KB), "
        f"{transport.over_half} requests over half the bound"
    )


Baseline = Callable[[DesiredState, str, str], None]


def baseline(apply: Baseline, teams: int) -> tuple[dict[str, Row], dict[str, Any]]:
    from benchmarks.served import served
    from cohort.clock import SystemClock

    cohort, desired = desired_from(cohort_text(teams))
    box = Sandbox(clock=SystemClock())
    seed(box, cohort)
    token = box.issue_token("olga-org")
    out = {}
    with served(box) as url:
        for name in ("cold", "no-op"):
            start = len(box.log)
            apply(desired, url, token)
            out[name] = figures(box, start)
    return out, snapshot(box, cohort.program.organization)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, nargs="*", default=DEFAULT_TEAMS)
    parser.add_argument("--thousand", action="store_true", help="add a 1,000-team row (slow)")
    parser.add_argument("--baselines", type=int, nargs="*", default=[30, 100])
    parser.add_argument("--skip-baselines", action="store_true")
    parser.add_argument(
        "--messy", type=int, nargs="*", default=[], help="messy programs of these sizes (65)"
    )
    args = parser.parse_args()
    sizes = args.teams + ([1000] if args.thousand else [])
    with_baselines = set() if args.skip_baselines else set(args.baselines)
    print(
        "modelled time (cohort.github.modelled): writes ≥ 1 s apart, ≤ 80 creates/min, "
        f"≤ 500/h, reads {READ_MS} ms; m = 3 mentees, r = 1 mentor (an org member) per team"
    )
    for teams in sizes:
        _size(teams, teams in with_baselines)
    for teams in args.messy:
        messy(teams)


def _size(teams: int, baselines: bool) -> None:
    from benchmarks.competent_pygithub import competent_apply
    from benchmarks.naive_pygithub import naive_apply

    began = time.perf_counter()
    mine, my_state, facts = ours(teams)
    if len(facts["sent"]) > 1:
        facts["at_once"], created = all_at_once(teams)
        facts["floor"] = creation_floor_s(created)
    others: dict[str, dict[str, Row]] = {}
    if baselines:
        for name, apply in (("naive", naive_apply), ("competent", competent_apply)):
            others[name], their_state = baseline(apply, teams)
            if their_state != my_state:
                raise SystemExit(f"the {name} baseline and cohort ended in different organizations")
    print(f"\n== {teams} teams; wall {time.perf_counter() - began:.1f} s")
    print(
        f"{'scenario':<24}{'requests':>9}{'writes':>8}{'reads':>7}{'mutations':>10}"
        f"{'created':>8}{'modelled':>11}"
    )
    for name, row in mine.items():
        _row(f"cohort {name}", row)
    for who, rows in others.items():
        for name, row in rows.items():
            _row(f"{who} {name}", row)
    _summary(teams, mine, facts)
    _onboarding(teams, mine["cold"])
    cold = mine["cold"]
    for who, rows in others.items():
        print(
            f"{who}/cohort, cold: {rows['cold']['writes'] / cold['writes']:.1f}× writes, "
            f"{rows['cold']['modelled_s'] / cold['modelled_s']:.2f}× modelled time "
            f"(the same final organization)"
        )


def _summary(teams: int, mine: dict[str, Row], facts: dict[str, Any]) -> None:
    cold, noop = mine["cold"], mine["no-op"]
    days = [row for name, row in mine.items() if name == "cold" or name.startswith("day ")]
    budget = 1 + math.ceil(teams / 25) + math.ceil(teams / 100)
    print(
        f"cold writes per team: {cold['writes'] / teams:.2f} on day 1"
        + (f", {sum(d['writes'] for d in days) / teams:.2f} over all days" if len(days) > 1 else "")
        + f"; modelled {cold['modelled_s']:,.0f} s; "
        f"largest request {facts['largest_document'] / 1024:.0f} KB"
    )
    print(
        f"of which GitHub Pages (issue 15, its own line): {cold['pages']:.0f} POSTs, one write "
        "and one created object per Pages repository; without them (issue 16's workload): "
        f"{(cold['writes'] - cold['pages']) / teams:.2f} writes/team, modelled "
        f"{cold['modelled_s_no_pages']:,.0f} s"
    )
    print(
        f"no-op: {noop['writes']:.0f} writes, {noop['requests']:.0f} requests "
        f"(target 0 and ≤ 1 + ⌈T/25⌉ + ⌈T/100⌉ = {budget}); re-plan after the last day's "
        f"apply: {'empty' if facts['replan_empty'] else 'NOT EMPTY'}"
    )
    sent = facts["sent"]
    print(
        f"org invitations: {sum(sent)} needed, ≤ {INVITATIONS_A_DAY} a day: sent "
        + ", ".join(f"{n} on day {d}" for d, n in enumerate(sent, 1))
        + f" ({len(sent)} day(s)); the rest of each day queued, outside that day's modelled time"
    )
    if "at_once" in facts:
        row, floor = facts["at_once"], facts["floor"]
        print(
            f"all {sum(sent)} invitations in one run (no daily limit, a what-if): "
            f"{row['writes']:.0f} writes, modelled {row['modelled_s']:,.0f} s "
            f"({row['modelled_s_no_pages']:,.0f} s without the Pages POSTs); floor "
            f"{floor:,} s: {row['created']:.0f} created objects at ≤ 80 a minute and ≤ 500 an "
            f"hour, so object {row['created']:.0f} starts ≥ "
            f"{math.ceil(row['created'] / 500) - 1} h after object "
            f"{row['created'] - 500 * (math.ceil(row['created'] / 500) - 1):.0f}"
        )


def _onboarding(teams: int, off: Row) -> None:
    """What ``program.onboarding_issues`` (on by default) adds to the cold apply, on its own
    line: issue 16's targets are for the workload without it."""
    mine, _, facts = ours(teams, onboarding=True)
    cold, noop = mine["cold"], mine["no-op"]
    _row("cohort cold +onboarding", cold)
    print(
        f"onboarding issues add {cold['writes'] - off['writes']:.0f} writes "
        f"({cold['writes'] / teams:.2f} writes/team in all), "
        f"{cold['created'] - off['created']:.0f} created objects, "
        f"{cold['modelled_s'] - off['modelled_s']:+,.0f} s modelled "
        f"({cold['modelled_s']:,.0f} s in all); no-op {noop['writes']:.0f} writes, "
        f"{noop['requests']:.0f} requests; re-plan "
        f"{'empty' if facts['replan_empty'] else 'NOT EMPTY'}"
    )


def _row(name: str, row: Row) -> None:
    print(
        f"{name:<24}{row['requests']:>9.0f}{row['writes']:>8.0f}{row['reads']:>7.0f}"
        f"{row['mutations']:>10.0f}{row['created']:>8.0f}{row['modelled_s']:>10,.0f}s"
    )


if __name__ == "__main__":
    main()
