"""Matching benchmark: 60, 300 and 1,000 mentees; CP-SAT against greedy and a random baseline;
every case solved twice, once with the machine loaded by a CPU burner, and the teams compared.

Run: .venv/bin/python benchmarks/matching.py [--quick] [--no-load] [--sizes 60 300 1000]
Synthetic, seeded sign-ups (cohort.matching.synthetic); the solver runs with one worker and a
deterministic time limit, so the teams are the same on every run, loaded or not (CPU and wall
times vary).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cohort.matching.greedy import greedy_teams
from cohort.matching.model import FormedTeam, Result, Rules, Signups
from cohort.matching.scoring import preferences_met, team_score
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
        "violations": str(len(broken)),
        **{f"  {kind}": str(count) for kind, count in sorted(kinds.items())},
    }


def random_teams(data: Signups, seed: int = 0) -> Result:
    """The baseline: mentees dealt at random to the mentors' capacity, no rule looked at."""
    rng = random.Random(seed)
    leads = [m for m in data.mentors for _ in range(m.capacity)]
    rng.shuffle(leads)
    count = max(1, min(len(leads), len(data.mentees) // 4))
    people = list(data.mentees)
    rng.shuffle(people)
    teams = []
    for i in range(count):
        members = people[i::count]
        mentor = leads[i]
        project = next(iter(mentor.projects), data.projects[0].id)
        info = next(p for p in data.projects if p.id == project)
        score = team_score(members, info)
        teams.append(
            FormedTeam(
                f"r{i}", project, tuple(m.handle for m in members), (mentor.handle,), 0, score
            )
        )
    scores = [t.score for t in teams]
    return Result("feasible", tuple(teams), min(scores), sum(scores))


def _targets(solved: Result, greedy: Result, data: Signups, target: float, cpu: float) -> None:
    """The issue's quality targets, met or not."""
    mentees = {m.handle.lower(): m for m in data.mentees}
    _, first = preferences_met(((t.project, t.mentees) for t in solved.teams), mentees)
    _, greedy_first = preferences_met(((t.project, t.mentees) for t in greedy.teams), mentees)
    checks = [
        (f"decoded gap <= {target:.0%}", solved.gap <= target),
        ("worst team >= greedy's + 2", solved.worst >= greedy.worst + 2),
        ("more first choices than greedy", first > greedy_first),
        ("within 60 s CPU", cpu <= 60),
    ]
    print("targets: " + "; ".join(f"{name}: {'yes' if ok else 'NO'}" for name, ok in checks))


def _burn(stop: float) -> None:
    while time.time() < stop:
        pass


def _solve(data: Signups, limit: float, loaded: bool) -> tuple[Result, float]:
    burners = []
    if loaded:
        stop = time.time() + 3600
        burners = [
            multiprocessing.Process(target=_burn, args=(stop,), daemon=True) for _ in range(2)
        ]
        for burner in burners:
            burner.start()
    try:
        start = time.process_time()
        solved = form_teams(
            data.mentees, data.projects, data.mentors, RULES, seed=0, time_limit=limit
        )
        return solved, time.process_time() - start
    finally:
        for burner in burners:
            burner.terminate()
            burner.join()


def run(
    label: str,
    n: int,
    mentors: int,
    projects: int,
    limit: float,
    load: bool,
    target: float | None = None,
) -> None:
    data = signups(n, mentors, projects, seed=1)
    solved, cpu = _solve(data, limit, loaded=False)
    start = time.process_time()
    greedy = greedy_teams(data.mentees, data.projects, data.mentors, RULES)
    greedy_s = time.process_time() - start
    baseline = random_teams(data)
    print(f"\n== {label}: {n} mentees, {mentors} mentors, {projects} projects ==")
    proven = "proven optimal" if solved.status == "optimal" else "not proven optimal"
    print(
        f"CP-SAT: {solved.status} ({proven}) in {cpu:.1f} s CPU (deterministic limit {limit:g}); "
        f"gap {solved.gap:.2%} from the decoded teams (objective {solved.objective}, "
        f"bound {solved.bound}); worst-team score {solved.worst}, proven at most "
        f"{solved.worst_bound}"
    )
    for note in solved.notes:
        print(f"  note: {note}")
    for reason in solved.reasons:
        print(f"  reason: {reason}")
    columns = [
        ("CP-SAT", quality(solved, data)),
        (f"greedy ({greedy_s:.2f} s)", quality(greedy, data)),
    ]
    columns.append(("random", quality(baseline, data)))
    print(f"{'':44}" + "".join(f"{name:>24}" for name, _ in columns))
    rows = dict.fromkeys(k for _, values in columns for k in values)
    for key in rows:
        print(f"{key[:44]:44}" + "".join(f"{values.get(key, '0'):>24}" for _, values in columns))
    if target is not None:
        _targets(solved, greedy, data, target, cpu)
    if load:
        again, cpu_loaded = _solve(data, limit, loaded=True)
        same = again.teams == solved.teams
        print(
            f"loaded run (2 CPU burners): {cpu_loaded:.1f} s CPU; teams identical to the "
            f"unloaded run: {'yes' if same else 'NO'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="only the 60-mentee case")
    parser.add_argument("--no-load", action="store_true", help="skip the loaded second run")
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[60, 300, 1000], help="cases to run (mentees)"
    )
    args = parser.parse_args()
    load = not args.no_load
    sizes = [60] if args.quick else args.sizes
    if 60 in sizes:
        run("small cohort, proven optimum", 60, 12, 8, limit=60.0, load=load)
    if 300 in sizes:
        run("mid-size cohort", 300, 60, 8, limit=30.0, load=load, target=0.25)
    if 1000 in sizes:
        run("large cohort", 1000, 200, 8, limit=30.0, load=load, target=0.40)


if __name__ == "__main__":
    main()
