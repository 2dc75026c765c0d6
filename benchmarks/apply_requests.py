"""Requests, writes and modelled time of cohort vs the naive way, for 30 and 100 teams.

Run: .venv/bin/python benchmarks/apply_requests.py [--teams 30 100] [--skip-naive]
Scenarios: (a) cold apply, (b) no-op re-apply, (c) one team's mentors changed.
Modelled time: writes ≥ 1 s apart, ≤ 80 created objects/min, ≤ 500/h, reads 0.3 s.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import cohort_text
from benchmarks.modelled import READ_LATENCY, Step, modelled_seconds
from cohort.clock import SimulatedClock
from cohort.github.apply import apply_cohort
from cohort.github.client import Client
from cohort.github.connect import seed_sandbox
from cohort.loading import load_cohort
from cohort.reconcile.model import DesiredState
from cohort.reconcile.safety import Allowances
from cohort.sandbox import Sandbox, SandboxTransport
from cohort.scaffolds import desired_state
from tests.github.orgkit import snapshot

Row = dict[str, float]


def desired_from(text: str) -> tuple[object, DesiredState]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cohort.yml"
        path.write_text(text, encoding="utf-8")
        loaded = load_cohort(path)
        return loaded.cohort, desired_state(loaded)


def figures(box: Sandbox, start: int) -> Row:
    log = box.log[start:]
    steps = [Step(r.kind == "write", r.content_created) for r in log]
    return {
        "requests": len(log),
        "writes": sum(s.write for s in steps),
        "reads": sum(not s.write for s in steps),
        "mutations": sum(r.mutations for r in log),
        "created": sum(r.content_created for r in log),
        "modelled_s": modelled_seconds(steps),
    }


def ours(teams: int) -> tuple[dict[str, Row], dict[str, object]]:
    cohort, desired = desired_from(cohort_text(teams))
    box = Sandbox(clock=SimulatedClock())
    seed_sandbox(box, cohort)  # type: ignore[arg-type]

    def run(want: DesiredState) -> Row:
        start = len(box.log)
        client = Client(
            box.issue_token("olga-org"), transport=SandboxTransport(box), clock=box.clock
        )
        apply_cohort(client, want, allow=Allowances())
        return figures(box, start)

    out = {"cold": run(desired), "no-op": run(desired)}
    cold_state = snapshot(box, cohort.program.organization)  # type: ignore[attr-defined]
    _, changed = desired_from(
        cohort_text(teams)
        .replace("mentors: [mentor0]", "mentors: [mentor1]", 1)
        .replace("capacity: 1, induction: completed}", "capacity: 2, induction: completed}", 2)
    )
    out["mentors"] = run(changed)
    box.assert_clean()
    return out, cold_state


def naive(teams: int) -> tuple[dict[str, Row], dict[str, object]]:
    from benchmarks.naive_pygithub import naive_apply
    from benchmarks.served import served
    from cohort.clock import SystemClock

    cohort, desired = desired_from(cohort_text(teams))
    box = Sandbox(clock=SystemClock())
    seed_sandbox(box, cohort)  # type: ignore[arg-type]
    token = box.issue_token("olga-org")
    out = {}
    with served(box) as url:
        for name in ("cold", "no-op"):
            start = len(box.log)
            naive_apply(desired, url, token)
            out[name] = figures(box, start)
    return out, snapshot(box, cohort.program.organization)  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, nargs="+", default=[30, 100])
    parser.add_argument("--skip-naive", action="store_true")
    args = parser.parse_args()
    print(f"modelled time: writes ≥ 1 s apart, ≤ 80 creates/min, ≤ 500/h, reads {READ_LATENCY} s")
    for teams in args.teams:
        began = time.perf_counter()
        mine, my_state = ours(teams)
        theirs, their_state = ({}, my_state) if args.skip_naive else naive(teams)
        if their_state != my_state:
            raise SystemExit("the naive way and cohort ended in different organizations")
        print(
            f"\n== {teams} teams (3 mentees, 1 mentor each); "
            f"wall {time.perf_counter() - began:.1f} s"
        )
        print(
            f"{'scenario':<22}{'requests':>9}{'writes':>8}{'reads':>7}{'mutations':>10}"
            f"{'created':>8}{'modelled':>11}"
        )
        for name, row in mine.items():
            _row(f"cohort {name}", row)
        for name, row in theirs.items():
            _row(f"naive {name}", row)
        budget = teams * (7 + 3 + 1)
        cold = mine["cold"]
        print(
            f"cold writes per team: {cold['writes'] / teams:.2f} (target ≤ 7 + m + r = 11; "
            f"total {cold['writes']:.0f} ≤ {budget})"
        )
        print(
            f"no-op: {mine['no-op']['writes']:.0f} writes, {mine['no-op']['requests']:.0f} "
            f"requests (target ≤ ⌈T/25⌉ + 2 = {math.ceil(teams / 25) + 2})"
        )
        if theirs:
            print("final state: the naive way's organization equals cohort's")
            print(
                f"ratio naive/cohort, cold: {theirs['cold']['writes'] / cold['writes']:.1f}× "
                f"writes (target ≥ 3×), {theirs['cold']['modelled_s'] / cold['modelled_s']:.1f}× "
                "modelled time (target ≥ 2×)"
            )


def _row(name: str, row: Row) -> None:
    print(
        f"{name:<22}{row['requests']:>9.0f}{row['writes']:>8.0f}{row['reads']:>7.0f}"
        f"{row['mutations']:>10.0f}{row['created']:>8.0f}{row['modelled_s']:>10.0f}s"
    )


if __name__ == "__main__":
    main()
