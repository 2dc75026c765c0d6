"""CPU time of ``cohort plan`` at any size, without the sandbox's own time.

Run: .venv/bin/python benchmarks/plan_cpu.py [--teams 2000] [--repeat 3] [--profile N]

Two plans of a ``benchmarks.generate.cohort_text`` cohort: cold (the organization holds only
the people, as before the first apply) and warm (right after an apply: the plan reads every
repository, file and issue, and is empty). Mentees past one day's invitation quota are org
members already, as in ``apply_requests.py``.

How the sandbox's time is kept out: the sandbox runs in its own process
(``python -m cohort.sandbox serve --state FILE``, on 127.0.0.1), so none of its work (parsing
and executing GraphQL, encoding answers, collecting its garbage) is on cohort's clock and
nothing needs subtracting. The state file is built beforehand in a third process (seeding,
and the apply for the warm plan), not measured.

Two figures per plan, each from a fresh process (no cache is warm):
- use case: ``time.process_time()`` around what ``cohort plan`` does once its modules are
  imported: load and validate cohort.yml, resolve every handle, render every scaffold and
  build the desired state, read the organization over HTTP and compute the plan, check the
  organizer repository, render the plan as text. This is the figure the 4 s target is for.
- whole command: user + system CPU of ``cohort plan COHORT --api-url URL`` run as a process
  (interpreter start-up and imports included).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cohort.github.people_io  # noqa: E402 - imported by open_session when first needed
import cohort.templates  # noqa: E402, F401 - imported by desired_state when first needed
from cohort.cli.options import GitHubOptions  # noqa: E402
from cohort.cli.session import open_session  # noqa: E402
from cohort.github.organizer_repo import check_organizer_repo  # noqa: E402
from cohort.reconcile.render import render_text  # noqa: E402
from cohort.usecases import run_plan  # noqa: E402

TARGET_S = 4.0
PYTHON = sys.executable
SCRIPT = str(Path(__file__).resolve())


def prepare(cohort_file: Path, state_file: Path, *, applied: bool) -> None:
    """Write the sandbox state: the people, and the cohort applied once when ``applied``."""
    from benchmarks.apply_requests import seed
    from cohort.clock import SimulatedClock
    from cohort.github.apply import apply_cohort
    from cohort.github.client import Client
    from cohort.loading import load_cohort
    from cohort.reconcile.safety import Allowances
    from cohort.sandbox import Sandbox, SandboxTransport
    from cohort.scaffolds import desired_state

    loaded = load_cohort(cohort_file)
    box = Sandbox(clock=SimulatedClock())
    seed(box, loaded.cohort, members_beyond_quota=True)
    if applied:
        transport = SandboxTransport(box)
        client = Client(box.issue_token("olga-org"), transport=transport, clock=box.clock)
        apply_cohort(client, desired_state(loaded), allow=Allowances())
    box.save(state_file)


def use_case(cohort_file: Path, url: str, token: str) -> tuple[int, str, int]:
    """``cohort plan COHORT --api-url URL``: cli/plan.py's steps through its own session code
    (load and validate, connect, resolve every handle, render the scaffolds and build the
    desired state; read and plan; check the organizer repository; the plan as text)."""
    session = open_session(cohort_file, GitHubOptions(token=token, api_url=url))
    client = session.connection.client
    plan = run_plan(client, session.desired)
    check_organizer_repo(client, session.loaded.cohort)
    session.connection.close()
    return len(plan.changes), render_text(plan, color=False), client.counters.requests


def measure(cohort_file: Path, url: str, token: str, profile_top: int) -> dict[str, float]:
    """Run the use case once in this (fresh) process; its CPU, and optionally a profile."""
    profile = cProfile.Profile() if profile_top else None
    began = time.process_time()
    if profile is not None:
        profile.enable()
    changes, text, requests = use_case(cohort_file, url, token)
    if profile is not None:
        profile.disable()
    cpu = time.process_time() - began
    if profile is not None:
        pstats.Stats(profile, stream=sys.stderr).sort_stats("tottime").print_stats(profile_top)
    return {"cpu": cpu, "changes": changes, "chars": len(text), "requests": requests}


@contextmanager
def served(state_file: Path) -> Iterator[tuple[str, str]]:
    """A sandbox process serving ``state_file`` on loopback: its URL and the organizer's token."""
    server = subprocess.Popen(
        [PYTHON, "-m", "cohort.sandbox", "serve", "--state", str(state_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )
    try:
        assert server.stdout is not None
        announced = json.loads(server.stdout.readline())
        yield announced["url"], announced["tokens"]["olga-org"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def child(*args: str) -> str:
    done = subprocess.run(
        [PYTHON, SCRIPT, *args], check=True, capture_output=True, text=True, cwd=ROOT
    )
    sys.stderr.write(done.stderr)
    return done.stdout


def whole_command(cohort_file: Path, url: str, token: str) -> tuple[float, int]:
    """User + system CPU of ``cohort plan`` as its own process, and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [PYTHON, "-m", "cohort", "plan", str(cohort_file), "--api-url", url, "--token", token],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, done.returncode


def scenario(name: str, cohort_file: Path, tmp: Path, args: argparse.Namespace) -> None:
    state = tmp / f"{name}.json"
    began = time.perf_counter()
    if not state.exists():  # --keep: a state prepared by an earlier run is reused
        applied = ["--applied"] if name == "warm" else []
        child("--prepare", str(cohort_file), str(state), *applied)
    setup = time.perf_counter() - began
    with served(state) as (url, token):
        runs = [
            json.loads(child("--measure", str(cohort_file), url, token, str(args.profile)))
            for _ in range(args.repeat)
        ]
        command, code = whole_command(cohort_file, url, token)
    cpus = sorted(r["cpu"] for r in runs)
    best = runs[0]
    verdict = "≤" if cpus[0] <= TARGET_S else ">"
    print(
        f"{name}: use case {cpus[0]:.2f} s CPU {verdict} {TARGET_S:.0f} s "
        f"(runs: {', '.join(f'{c:.2f}' for c in cpus)}); whole `cohort plan` process "
        f"{command:.2f} s (exit {code}); {best['requests']:.0f} requests, "
        f"{best['changes']:,.0f} changes, {best['chars']:,.0f} characters of plan; "
        f"setup {setup:.0f} s wall"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1, help="fresh-process runs of each plan")
    parser.add_argument("--profile", type=int, default=0, help="print the top N by own time")
    parser.add_argument("--only", choices=("cold", "warm"), default=None)
    parser.add_argument(
        "--keep", type=Path, default=None, help="keep (and reuse) the cohort and states here"
    )
    parser.add_argument("--prepare", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--applied", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(*args.prepare, applied=args.applied)
        return
    if args.measure:
        cohort_file, url, token, top = args.measure
        print(json.dumps(measure(Path(cohort_file), url, token, int(top))))
        return
    from benchmarks.generate import cohort_text

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name) if args.keep is None else args.keep / f"{args.teams}-teams"
        tmp.mkdir(parents=True, exist_ok=True)
        cohort_file = tmp / "cohort.yml"
        cohort_file.write_text(cohort_text(args.teams), encoding="utf-8")
        print(
            f"cohort plan, {args.teams} teams; CPU of cohort's process, the sandbox "
            "answering from another process on 127.0.0.1"
        )
        for name in ("cold", "warm"):
            if args.only in (None, name):
                scenario(name, cohort_file, tmp, args)


if __name__ == "__main__":
    main()
