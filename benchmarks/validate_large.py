"""Print how long validating a generated 500-team cohort takes (target: under one second)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import cohort_text
from cohort.config.load import parse_cohort

KNOWN = {"web-frontend", "python-api", "data-report"}


def main() -> None:
    for teams in (100, 500):
        text = cohort_text(teams)
        runs, cpu = [], []
        for _ in range(5):
            start, start_cpu = time.perf_counter(), time.process_time()
            parse_cohort(text, "bench.yml", KNOWN)
            runs.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        print(
            f"validate {teams} teams ({len(text.splitlines())} lines): "
            f"median {statistics.median(runs) * 1000:.0f} ms, max {max(runs) * 1000:.0f} ms; "
            f"CPU median {statistics.median(cpu) * 1000:.0f} ms"
        )
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cohort", "--help"], check=True, stdout=subprocess.DEVNULL
    )
    print(f"cohort --help: {(time.perf_counter() - start) * 1000:.0f} ms (whole process)")


if __name__ == "__main__":
    main()
