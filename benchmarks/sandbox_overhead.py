"""Print the sandbox's own overhead per request (mean µs): REST read, REST write, GraphQL batch.

Run (package installed by scripts/bootstrap, or with ``PYTHONPATH=.``):
``python benchmarks/sandbox_overhead.py [--n 300] [--check-responses]``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

from cohort.sandbox import Sandbox

BATCH = 25


def _sandbox(check_responses: bool) -> tuple[Sandbox, dict[str, str]]:
    sb = Sandbox(check_responses=check_responses)
    sb.add_org("bench", owners=["owner"])
    headers = {"Authorization": f"token {sb.issue_token('owner')}"}
    for n in range(BATCH):
        body = json.dumps({"name": f"repo-{n}", "auto_init": True}).encode()
        sb.handle("POST", "https://api.github.com/orgs/bench/repos", headers, body)
    return sb, headers


def _mean_us(n: int, fn: Callable[[int], None]) -> float:
    fn(-1)  # warm caches (spec load, schema build, validators)
    start = time.perf_counter()
    for i in range(n):
        fn(i)
    return (time.perf_counter() - start) / n * 1e6


def _graphql_batch() -> bytes:
    parts = [
        f'r{n}: repository(owner: "bench", name: "repo-{n}") {{ id nameWithOwner '
        f"defaultBranchRef {{ target {{ oid }} }} "
        f'object(expression: "HEAD:README.md") {{ ... on Blob {{ oid }} }} '
        f"labels(first: 100) {{ nodes {{ name color }} }} "
        f"milestones(first: 20) {{ nodes {{ number title }} }} }}"
        for n in range(BATCH)
    ]
    return json.dumps({"query": "query {" + " ".join(parts) + "}"}).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--check-responses", action="store_true")
    args = parser.parse_args()
    sb, headers = _sandbox(args.check_responses)
    api = "https://api.github.com"
    batch = _graphql_batch()

    def read(i: int) -> None:
        sb.handle("GET", f"{api}/repos/bench/repo-{i % BATCH}", headers, b"")

    def write(i: int) -> None:
        body = json.dumps({"name": f"label-{i}", "color": "ededed"}).encode()
        sb.handle("POST", f"{api}/repos/bench/repo-{i % BATCH}/labels", headers, body)

    def graphql(i: int) -> None:
        del i
        sb.handle("POST", f"{api}/graphql", headers, batch)

    def graphql_new_text(i: int) -> None:
        query = json.loads(batch)["query"] + f" # {i}"
        sb.handle("POST", f"{api}/graphql", headers, json.dumps({"query": query}).encode())

    print(
        f"sandbox overhead per request, mean over {args.n} "
        f"(check_responses={args.check_responses}):"
    )
    print(f"  REST read  (repos/get)            {_mean_us(args.n, read):9.0f} µs")
    print(f"  REST write (issues/create-label)  {_mean_us(args.n, write):9.0f} µs")
    batched = _mean_us(max(1, args.n // 10), graphql)
    fresh = _mean_us(max(1, args.n // 10), graphql_new_text)
    label = f"GraphQL read, {BATCH} repos batched"
    print(f"  {label}    {batched:9.0f} µs (document seen before)")
    print(f"  {label}    {fresh:9.0f} µs (new document: parse and validate)")
    sb.assert_clean()


if __name__ == "__main__":
    main()
