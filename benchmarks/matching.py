"""Matching benchmark: proven optimum at 60 mentees, a gap at 1,000, and CP-SAT against greedy.

Run: .venv/bin/python benchmarks/matching.py [--quick]
Synthetic, seeded sign-ups (cohort.matching.synthetic); the solver runs with one worker and a
deterministic time limit, so the teams are the same on every run (wall times vary).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cohort.matching.greedy import greedy_teams
from cohort.matching.model import Result, Rules, Signups
from cohort.matching.scoring import preferences_met
from cohort.matching.solve import form_teams
from cohort.matching.synthetic import signups
from cohort.matching.verify import check_teams

RULES = Rules(min_size=3, max_size=5, meeting_hours=1.0)


def quality(result: Result, data: Signups) -> dict[str, str]:
    """The columns of the side-by-side table."""
    mentees = {m.handle.lower(): m for m in data.mentees}
    ranked, first = preferences_met(((t.project, t.mentees) for t in result.teams), mentees)
    broken = check_teams(result.teams, data.mentees, data.projects, data.mentors, RULES)
    kinds = Counter(v.constraint for v in broken)
    return {
        "teams": str(len(result.teams)),
        "worst-team score": str(result.worst),
        "total score": str(result.total),
        "on a ranked project": f"{ranked}/{len(data.mentees)}",
        "on first choice": f"{first}/{len(data.mentees)}",
        "violations": str(len(broken)) + (f" {dict(kinds)}" if kinds else ""),
    }


def run(label: str, n: int, mentors: int, projects: int, limit: float) -> None:
    data = signups(n, mentors, projects, seed=1)
    start = time.perf_counter()
    solved = form_teams(data.mentees, data.projects, data.mentors, RULES, seed=0, time_limit=limit)
    solve_s = time.perf_counter() - start
    start = time.perf_counter()
    greedy = greedy_teams(data.mentees, data.projects, data.mentors, RULES)
    greedy_s = time.perf_counter() - start
    print(f"\n== {label}: {n} mentees, {mentors} mentors, {projects} projects ==")
    print(
        f"CP-SAT: {solved.status} in {solve_s:.1f} s wall (deterministic limit {limit:g}); "
        f"gap {solved.gap:.2%} (objective {solved.objective}, bound {solved.bound}); "
        f"worst-team score {solved.worst}, proven at most {solved.worst_bound}"
    )
    for note in solved.notes:
        print(f"  note: {note}")
    for reason in solved.reasons:
        print(f"  reason: {reason}")
    left, right = quality(solved, data), quality(greedy, data)
    print(f"{'':22}{'CP-SAT':>30}{'greedy (' + f'{greedy_s:.2f} s)':>30}")
    for key in left:
        print(f"{key:22}{left[key]:>30}{right[key]:>30}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="only the 60-mentee case")
    args = parser.parse_args()
    run("small cohort, proven optimum", 60, 12, 8, limit=60.0)
    if not args.quick:
        run("large cohort, feasible within 60 s", 1000, 200, 8, limit=10.0)


if __name__ == "__main__":
    main()
